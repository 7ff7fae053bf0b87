"""Claims chaos soak: the counts of tests/test_claims_chaos.py over thousands of runs.

Each run claims 1–300 DOIs (log-uniform) on a fresh sandbox record under random faults — writes
answered 500, stalled past the client's timeout or cut off after the sandbox stored them, requests
lost or answered 5xx before it did, reads lagging writes — with real SIGKILLs of ``claimdesk
claim`` processes and two writers racing for one record; every other batch has the sandbox's
409/9021 duplicate refusal switched off. After each, a final clean run, then the record is read
back and held against the journal. Prints lost, duplicated and journal≠record (all must be 0),
what was met, and the wall time per batch (min/median/max) with the load average.

Run: ``.venv/bin/python benchmarks/bench_chaos.py [--runs 2000] [--batch 10] [--seed 1]``.
Exit status 1 if any claim was lost or duplicated or the journal disagreed with the record.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from chaos_support import Chaos, ChaosConfig, Tally  # noqa: E402

from claimdesk.sandbox.server import Sandbox  # noqa: E402


def main() -> int:
    """Run the soak and print its counts."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=2000)
    parser.add_argument("--batch", type=int, default=10, help="runs at once (own records)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    tally = Tally()
    batches: list[float] = []
    started = time.monotonic()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["CLAIMDESK_HOME"] = str(Path(tmp) / "home")  # the final runs' own folders
        with Sandbox(seed="empty") as sandbox:
            chaos = Chaos(sandbox, Path(tmp), ChaosConfig(), args.seed)
            for first in range(0, args.runs, args.batch):
                t0 = time.monotonic()
                for run in chaos.batch(first, min(args.batch, args.runs - first)):
                    tally.add(run)
                batches.append(time.monotonic() - t0)
                if (first // args.batch) % 20 == 0:
                    print(
                        f"… {tally.runs} runs, lost={tally.lost} dup={tally.duplicated}", flush=True
                    )
    elapsed = time.monotonic() - started
    load = os.getloadavg()
    print(f"\nclaims chaos soak, seed {args.seed}: {elapsed:.0f} s")
    print(tally.summary())
    print(
        f"per batch of {args.batch}: min {min(batches):.2f} s, median "
        f"{statistics.median(batches):.2f} s, max {max(batches):.2f} s; "
        f"load average {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}"
    )
    for problem in tally.problems[:20]:
        print("problem:", problem)
    bad = tally.lost or tally.duplicated or tally.mismatched or tally.incomplete
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
