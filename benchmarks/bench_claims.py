"""Claims benchmark: bulk claiming vs one POST per DOI, and status marking at record scale.

1. Claim 1,000 DOIs against the sandbox with 50 ms latency injected on every request, once with
   claimdesk's runner (bulk ``POST /works``, ≤100 per request, journaled) and once the peers' way
   (one ``POST /work`` per DOI), in the same run. Target: ≤10 requests and ≥20× faster.
2. Mark 10,000 search results against a 10,000-work record (index once, then a lookup per DOI).
   Target: ≤50 ms.

Run: ``.venv/bin/python benchmarks/bench_claims.py [--latency 0.05] [--count 1000]
[--append-readme]``.
"""

from __future__ import annotations

import argparse
import platform
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from claimdesk.claims.journal import ClaimJournal
from claimdesk.claims.plan import ClaimCandidate, plan_claims
from claimdesk.claims.runner import ClaimRunner, Outcome, WriteQueues
from claimdesk.claims.status import RecordIndex
from claimdesk.config import Settings
from claimdesk.orcid.client import OrcidClient
from claimdesk.orcid.ids import doi_url
from claimdesk.orcid.model import ExternalId, Source, Work, WorkGroup, WorksSummary, WorkSummary
from claimdesk.sandbox.seeds import DEMO_CLIENT_ID, DEMO_ORCID
from claimdesk.sandbox.server import Sandbox

README = Path(__file__).with_name("README.md")
SECTION = "## Claims (`bench_claims.py`)"


def _work(doi: str, n: int) -> Work:
    return Work(
        title=f"Benchmark dataset {n}",
        type="data-set",
        external_ids=(ExternalId("doi", doi, "self", doi_url(doi)),),
        url=doi_url(doi),
    )


def bench_claiming(count: int, latency: float) -> dict[str, float]:
    """Bulk runner vs one POST /work per DOI, same sandbox, same latency."""
    with Sandbox(seed="empty", port=0) as sb, tempfile.TemporaryDirectory() as tmp:
        settings = Settings(endpoints=sb.endpoints, client_id=DEMO_CLIENT_ID, timeout=60.0)
        token = sb.issue_token(DEMO_ORCID)
        sb.faults.latency = latency
        post_works = f"/v3.0/{DEMO_ORCID}/work"

        with OrcidClient(settings, DEMO_ORCID, token) as client:
            journal = ClaimJournal(Path(tmp) / "journal.sqlite3")
            runner = ClaimRunner(settings, client, journal, queues=WriteQueues())
            bulk = [f"10.80555/bench-bulk-{n}" for n in range(count)]
            plan = plan_claims(
                [ClaimCandidate(d, _work(d, n)) for n, d in enumerate(bulk)],
                RecordIndex({}, DEMO_CLIENT_ID),
            )
            sb.stats.reset()
            start = time.perf_counter()
            result = runner.run(plan)
            bulk_time = time.perf_counter() - start
            bulk_requests = sb.stats.count(method="POST", path_prefix=post_works)
            assert len(result.by_outcome(Outcome.CLAIMED)) == count, result.summary()
            journal.close()

            single = [f"10.80555/bench-single-{n}" for n in range(count)]
            sb.stats.reset()
            start = time.perf_counter()
            for n, d in enumerate(single):
                client.add_work(_work(d, n))
            single_time = time.perf_counter() - start
            single_requests = sb.stats.count(method="POST", path_prefix=post_works)

    return {
        "bulk_requests": bulk_requests,
        "bulk_seconds": bulk_time,
        "single_requests": single_requests,
        "single_seconds": single_time,
        "speedup": single_time / bulk_time,
    }


def _record(size: int, rng: random.Random) -> WorksSummary:
    sources = [
        Source(client_id=DEMO_CLIENT_ID, name="claimdesk"),
        Source(client_id="APP-CROSSREFAUTOUPD1", name="Crossref"),
        Source(client_id="APP-SCOPUSELSEVIER01", name="Scopus - Elsevier"),
        Source(orcid=DEMO_ORCID, name="Josiah Carberry"),
    ]
    groups = []
    for n in range(size):
        doi = f"10.5555/record-{n}"
        ext = ExternalId("doi", doi.upper(), "self", normalized=doi)
        summary = WorkSummary(
            put_code=n + 1,
            title=f"Work {n}",
            type="journal-article",
            external_ids=(ext, ExternalId("issn", "1234-5678", "part-of")),
            source=rng.choice(sources),
        )
        groups.append(WorkGroup((ext,), (summary,)))
    return WorksSummary(tuple(groups), path=DEMO_ORCID)


def bench_marking(size: int, results: int, rounds: int = 7) -> dict[str, float]:
    """Index a ``size``-work record, then mark ``results`` DOIs (half on the record)."""
    rng = random.Random(1)
    works = _record(size, rng)
    dois = [f"10.5555/record-{n}" for n in range(0, 2 * results, 2)]  # half on the record
    build, mark, both = [], [], []
    for _ in range(rounds):
        start = time.perf_counter()
        index = RecordIndex.build(works, DEMO_CLIENT_ID, record_orcid=DEMO_ORCID)
        built = time.perf_counter()
        statuses = index.statuses(dois)
        done = time.perf_counter()
        build.append(built - start)
        mark.append(done - built)
        both.append(done - start)
    assert sum(s.on_record for s in statuses.values()) == results // 2
    return {
        "index_ms": statistics.median(build) * 1000,
        "mark_ms": statistics.median(mark) * 1000,
        "total_ms": statistics.median(both) * 1000,
    }


def report(
    claiming: dict[str, float], marking: dict[str, float], count: int, latency: float
) -> str:
    """The benchmark section of benchmarks/README.md."""
    ok_requests = claiming["bulk_requests"] <= 10
    ok_speed = claiming["speedup"] >= 20
    ok_mark = marking["total_ms"] <= 50
    tick = {True: "met", False: "MISSED"}
    when = datetime.now(UTC).strftime("%Y-%m-%d")
    return "\n".join(
        [
            SECTION,
            "",
            f"Measured {when} on {platform.python_implementation()} {platform.python_version()}, "
            f"{platform.machine()}; sandbox on 127.0.0.1 with {latency * 1000:.0f} ms latency "
            "injected per request.",
            "",
            f"Claiming {count:,} DOIs (journaled bulk runner vs one `POST /work` per DOI, same run):",
            "",
            "| way | requests | wall time |",
            "| --- | ---: | ---: |",
            f"| claimdesk bulk `POST /works` (≤100 each) | {claiming['bulk_requests']:.0f} | "
            f"{claiming['bulk_seconds']:.2f} s |",
            f"| one `POST /work` per DOI (the peers' way) | {claiming['single_requests']:.0f} | "
            f"{claiming['single_seconds']:.2f} s |",
            "",
            f"Ratio: {claiming['single_requests'] / claiming['bulk_requests']:.0f}× fewer requests, "
            f"{claiming['speedup']:.1f}× faster. Targets: ≤10 requests ({tick[ok_requests]}), "
            f"≥20× faster ({tick[ok_speed]}).",
            "",
            "Status marking, 10,000 search results against a 10,000-work record (median of 7): "
            f"index {marking['index_ms']:.1f} ms + marking {marking['mark_ms']:.1f} ms = "
            f"{marking['total_ms']:.1f} ms. Target ≤50 ms ({tick[ok_mark]}).",
            "",
        ]
    )


def append_to_readme(section: str) -> None:
    """Put the section into benchmarks/README.md, replacing an earlier claims section."""
    text = README.read_text(encoding="utf-8") if README.exists() else "# Benchmarks\n\n"
    if SECTION in text:
        before, _, rest = text.partition(SECTION)
        after = rest.split("\n## ", 1)
        tail = ("\n## " + after[1]) if len(after) > 1 else ""
        text = before + section + tail
    else:
        text = text.rstrip("\n") + "\n\n" + section
    README.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    """Run both benchmarks and print (optionally append) the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--latency", type=float, default=0.05)
    parser.add_argument("--append-readme", action="store_true")
    args = parser.parse_args(argv)

    marking = bench_marking(10_000, 10_000)
    print(f"marking: {marking}", file=sys.stderr)
    claiming = bench_claiming(args.count, args.latency)
    print(f"claiming: {claiming}", file=sys.stderr)
    section = report(claiming, marking, args.count, args.latency)
    print(section)
    if args.append_readme:
        append_to_readme(section)
    return 0


if __name__ == "__main__":
    sys.exit(main())
