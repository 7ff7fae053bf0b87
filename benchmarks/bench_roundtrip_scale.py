"""The API round trip at scale: batched ``doi-self`` searches against one search per DOI.

The sandbox runs in its own process (so the figures are claimdesk's, the client's memory is
its own), seeded with the curator corpus. Two scenarios:

- ``--scenario 10k`` (default): 10,000 DOIs / 2,500 iDs. The baseline, one search per DOI
  (``search_batch=1``, the round trip before batching), and the batched round trip run in
  alternation ``--repeats`` times each with the client's rate relaxed; requests, wall time
  (min/median/max) and what ORCID's 24 req/s would make of those requests. ``--real-rate``
  adds one batched run paced at 24 req/s, burst 40.
- ``--scenario seed``: the seed's shape, 205,000 DOIs / 2,500 iDs / about 4.9 links per DOI
  (about a million links), batched only, paced at ORCID's real 24 req/s; the report streamed
  to CSV; wall time and this process's peak memory (target: under 10 minutes, under 500 MB).

Run: ``.venv/bin/python benchmarks/bench_roundtrip_scale.py [--scenario 10k|seed]
[--repeats 3] [--real-rate]``.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from claimdesk.config import Settings, local_endpoints
from claimdesk.curator.roundtrip import RoundTripInput, check_roundtrip
from claimdesk.http_policy import ORCID
from claimdesk.sandbox.curator_seed import CURATOR_REPOSITORY_ID
from claimdesk.sandbox.seeds import DEMO_CLIENT_ID, DEMO_CLIENT_SECRET

#: ORCID's documented pace (requests per second, burst), as its policy paces the client.
ORCID_RATE, ORCID_BURST = ORCID.rate or 24.0, ORCID.burst

#: Started in a child process: a sandbox serving the curator corpus of the given shape.
_SERVER = """
import sys, threading
from dataclasses import replace
from claimdesk.sandbox.curator_seed import build_curator_corpus, install_records
from claimdesk.sandbox.server import Sandbox
dois, people, names = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
corpus = build_curator_corpus(dois, researchers=people or None, names_per_doi=names or None)
sandbox = Sandbox(seed="empty")
install_records(sandbox.store, corpus)
sandbox.seed_result = replace(sandbox.seed_result, curator=corpus)
sandbox.corpus  # build the DataCite side now: its first request should not time out
sandbox.start()
links = sum(len(d.orcids()) for d in corpus.dois)
print(sandbox.base_url, len(corpus.people), links, len(corpus.listings), flush=True)
sys.stdin.read()  # serve until the benchmark closes our stdin
sandbox.stop()
"""


def start_sandbox(dois: int, people: int, names: float) -> tuple[subprocess.Popen[str], list[str]]:
    """The sandbox process and what it printed (base URL, iDs, links, listings)."""
    child = subprocess.Popen(
        [sys.executable, "-c", _SERVER, str(dois), str(people), str(names)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    return child, child.stdout.readline().split()


def peak_mb() -> float:
    """This process's peak RSS so far."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def one_run(
    base_url: str, *, batch: int, rate: float, burst: int, stream_to: Path
) -> dict[str, float]:
    """One round trip of the repository; its requests, seconds and pair count."""
    from claimdesk.curator.report import iter_rows, summarize, write_csv_rows
    from claimdesk.curator.state import RoundTripState

    settings = Settings(
        endpoints=local_endpoints(base_url),
        client_id=DEMO_CLIENT_ID,
        client_secret=DEMO_CLIENT_SECRET,
        timeout=600.0,  # a loaded machine serving 205,000 DOIs is slow, not broken
    )
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        run = check_roundtrip(
            settings,
            RoundTripInput(repository=CURATOR_REPOSITORY_ID),
            state_path=Path(tmp) / "rt.sqlite3",
            rate=rate,
            burst=burst,
            search_batch=batch,
        )
        checked = time.perf_counter() - started
        with RoundTripState(run.state_path) as state, stream_to.open("w", newline="") as out:
            summary = summarize(state)
            write_csv_rows(iter_rows(state), out)
        seconds = time.perf_counter() - started
    assert run.complete
    return {
        "requests": run.requests,
        "seconds": seconds,
        "checked": checked,
        "pairs": summary.pairs,
        "in_both": summary.in_both,
        "missing": summary.missing,
        "not_in_metadata": summary.not_in_metadata,
        "neither": summary.neither,
    }


def spread(values: list[float]) -> str:
    """min / median / max."""
    return f"{min(values):.1f} / {statistics.median(values):.1f} / {max(values):.1f}"


def at_real_rate(requests: float) -> float:
    """The least seconds ORCID's bucket allows for ``requests``."""
    return max(0.0, requests - ORCID_BURST) / ORCID_RATE


def main(argv: list[str] | None = None) -> int:
    """Run a scenario and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenario", choices=("10k", "seed"), default="10k")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--real-rate", action="store_true")
    args = parser.parse_args(argv)
    load_start = os.getloadavg()
    if args.scenario == "10k":
        child, info = start_sandbox(10_000, 2_500, 0)
    else:
        child, info = start_sandbox(205_000, 2_500, 6.3)
    base_url, people, links, listings = info[0], int(info[1]), int(info[2]), int(info[3])
    sink = Path(tempfile.mkdtemp()) / "report.csv"
    lines = [
        f"sandbox: {people:,} iDs, {links:,} links in metadata, {listings:,} listings on records",
    ]
    try:
        if args.scenario == "10k":
            runs: dict[str, list[dict[str, float]]] = {"per DOI": [], "batched": []}
            for _ in range(args.repeats):
                for name, batch in (("per DOI", 1), ("batched", 50)):
                    runs[name].append(
                        one_run(base_url, batch=batch, rate=100_000.0, burst=1000, stream_to=sink)
                    )
            for name, results in runs.items():
                requests = results[0]["requests"]
                lines.append(
                    f"| {name} | {requests:,.0f} | {spread([r['seconds'] for r in results])} s | "
                    f"{at_real_rate(requests) / 60:.1f} min |"
                )
            assert all(
                r["pairs"] == runs["batched"][0]["pairs"] for rs in runs.values() for r in rs
            )
            ratio = runs["per DOI"][0]["requests"] / runs["batched"][0]["requests"]
            lines.append(f"requests per DOI / batched: {ratio:.2f}x; pairs {runs['batched'][0]}")
        if args.real_rate or args.scenario == "seed":
            real = one_run(base_url, batch=50, rate=ORCID_RATE, burst=ORCID_BURST, stream_to=sink)
            lines.append(
                f"| batched at 24 req/s, burst 40 | {real['requests']:,.0f} | "
                f"{real['seconds']:.0f} s ({real['seconds'] / 60:.1f} min; ORCID phase "
                f"{real['checked']:.0f} s) | pairs {real['pairs']:,.0f} |"
            )
            lines.append(f"figures: {real}")
    finally:
        assert child.stdin is not None
        child.stdin.close()
        try:
            child.wait(timeout=60)
        except subprocess.TimeoutExpired:
            child.kill()
    load_end = os.getloadavg()
    lines.append(
        f"client peak RSS {peak_mb():.0f} MB; report CSV {sink.stat().st_size / 1e6:.1f} MB; "
        f"load average {load_start[0]:.1f} → {load_end[0]:.1f} on {os.cpu_count()} CPUs; "
        f"Python {platform.python_version()}"
    )
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
