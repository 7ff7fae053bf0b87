"""Auto-update at scale: 10,000 new DOIs for 2,500 granted researchers through the service.

The sandbox (curator seed of 10,000 DOIs → about 2,500 researchers) runs in a child process;
it publishes the new DOIs (seeded RNG, each naming one granted researcher) and hands over one
token per researcher on a pipe. This process is the service: grants stored encrypted in SQLite,
one poll, one drain of the outbox. Reported: requests sent to ORCID and to DataCite/Crossref
against the target (researchers + DOIs/100 + polls), the wall time that many ORCID requests take
at ORCID's real 24 req/s (burst 40) — computed from the count, since the sandbox answers faster —
the measured wall time here, and the service process's peak memory (ru_maxrss). Three repeats:
min / median / max, with the load average.

    .venv/bin/python benchmarks/bench_service.py [--dois 10000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CHILD = r"""
import json, random, sys, threading
from claimdesk.sandbox.server import Sandbox
from claimdesk.sandbox.updates import publish
n = int(sys.argv[1])
sb = Sandbox(seed="curator", dois=n).start()
people = sorted(sb.seed_result.curator.people)
tokens = {o: sb.issue_token(o) for o in people}
rng = random.Random(2026)
stamp_before = __import__("datetime").datetime.now(__import__("datetime").UTC)
print(json.dumps({"base": sb.base_url, "tokens": tokens}), flush=True)
sys.stdin.readline()  # the service polled once (cursor set): publish now
for i in range(n):
    publish(sb.corpus, [rng.choice(people)])
sb.stats.reset()
print("published", flush=True)
sys.stdin.readline()
orcid = sb.stats.count(path_prefix="/v3.0/")
sources = sb.stats.count(path_prefix="/datacite") + sb.stats.count(path_prefix="/crossref")
print(json.dumps({"orcid": orcid, "sources": sources}), flush=True)
sys.stdin.readline()
"""


def one_run(n_dois: int, workdir: Path) -> dict[str, float]:
    from claimdesk.config import Settings, local_endpoints
    from claimdesk.sandbox.seeds import DEMO_CLIENT_ID, DEMO_CLIENT_SECRET
    from claimdesk.service.app import Service, ServiceConfig
    from claimdesk.service.keys import Keys, new_master_key

    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(n_dois)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdin is not None and child.stdout is not None
    try:
        hello = json.loads(child.stdout.readline())
        settings = Settings(
            endpoints=local_endpoints(hello["base"]),
            client_id=DEMO_CLIENT_ID,
            client_secret=DEMO_CLIENT_SECRET,
            timeout=60,
        )
        db = workdir / f"bench-{time.monotonic_ns()}.sqlite3"
        service = Service(
            ServiceConfig(
                public_url="http://127.0.0.1:1",
                database=f"sqlite:///{db}",
                auto_update=("claimdesk.curator",),
                journal_path=db.with_suffix(".journal"),
                rate=10_000.0,  # the sandbox's speed here; 24/s is computed below
            ),
            settings,
            Keys(base64.urlsafe_b64decode(new_master_key())),
        )
        for orcid, token in hello["tokens"].items():
            service.store.save_grant(
                orcid, None, ("/read-limited", "/activities/update"), token, None,
                "2045-01-01T00:00:00Z",
            )  # fmt: skip
        researchers = len(hello["tokens"])
        service.poller.poll_once()  # the first poll starts the clock
        child.stdin.write("go\n")
        child.stdin.flush()
        child.stdout.readline()
        started = time.perf_counter()
        poll = service.poller.poll_once()
        outcomes = service.pusher.drain()
        elapsed = time.perf_counter() - started
        child.stdin.write("count\n")
        child.stdin.flush()
        counts = json.loads(child.stdout.readline())
        pushed = sum(o.sent for o in outcomes)
        service.close()
    finally:
        child.stdin.write("bye\n")
        child.stdin.flush()
        child.wait(timeout=30)
    polls = 1
    target = researchers + n_dois / 100 + polls
    at_24 = max(0.0, (counts["orcid"] - 40) / 24.0)  # the first 40 go as ORCID's burst
    return {
        "researchers": researchers,
        "dois": n_dois,
        "queued": poll.pairs_queued,
        "pushed": pushed,
        "orcid_requests": counts["orcid"],
        "source_requests": counts["sources"],
        "target": target,
        "wall_at_24": at_24,
        "wall_here": elapsed,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dois", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    os.environ.setdefault("CLAIMDESK_HOME", tempfile.mkdtemp(prefix="claimdesk-bench-"))
    os.environ["CLAIMDESK_SITE_CONFIG"] = ""
    runs = []
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(args.repeat):
            runs.append(one_run(args.dois, Path(tmp)))
    first = runs[0]
    print(
        f"auto-update: {first['dois']} new DOIs for {first['researchers']} granted researchers "
        f"({first['queued']} pairs queued, {first['pushed']} pushed); load average "
        f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}"
    )
    for name, unit in (
        ("orcid_requests", ""),
        ("source_requests", ""),
        ("wall_at_24", " s"),
        ("wall_here", " s"),
        ("peak_mb", " MB"),
    ):
        values = [r[name] for r in runs]
        print(
            f"  {name:<16} min {min(values):.1f}{unit}  median {statistics.median(values):.1f}"
            f"{unit}  max {max(values):.1f}{unit}"
        )
    naive = first["dois"] + first["researchers"]  # a read and one POST /work per DOI
    print(
        f"  ORCID requests vs one read + one POST /work per DOI ({naive}): "
        f"{first['orcid_requests'] / naive:.3f}×"
    )
    total = first["orcid_requests"] + first["source_requests"]
    print(
        f"  requests sent (ORCID + sources) {total} vs target researchers + DOIs/100 + polls "
        f"= {first['target']:.0f}: {'within' if total <= first['target'] else 'OVER'} target"
    )


if __name__ == "__main__":
    main()
