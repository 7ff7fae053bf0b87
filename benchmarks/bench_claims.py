"""Claims benchmark: bulk claiming vs one POST per DOI, and status marking at record scale.

1. Claim 1,000 DOIs against the sandbox with 50 ms latency injected on every request, once with
   claimdesk's runner (bulk ``POST /works``, ≤100 per request, journaled) and once the peers' way
   (one ``POST /work`` per DOI), in the same run. Target: ≤10 requests and ≥20× faster.
2. Mark 10,000 search results against a 10,000-work record (index once, then a lookup per DOI).
   Target: ≤50 ms.

Run: ``.venv/bin/python benchmarks/bench_claims.py [--latency 0.05] [--count 1000]
[--write-readme]``.
"""

from __future__ import annotations

import argparse
import os
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
from claimdesk.claims.runner import ClaimRunner, Outcome, RecordLocks
from claimdesk.claims.status import RecordIndex
from claimdesk.config import Settings
from claimdesk.orcid.client import OrcidClient
from claimdesk.orcid.ids import doi_url
from claimdesk.orcid.model import ExternalId, Source, Work, WorkGroup, WorksSummary, WorkSummary
from claimdesk.sandbox.seeds import DEMO_CLIENT_ID, DEMO_ORCID
from claimdesk.sandbox.server import Sandbox

README = Path(__file__).with_name("README.md")


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
            runner = ClaimRunner(settings, client, journal, locks=RecordLocks())
            bulk = [f"10.80555/bench-bulk-{n}" for n in range(count)]
            plan = plan_claims(
                [ClaimCandidate(d, _work(d, n)) for n, d in enumerate(bulk)],
                RecordIndex.empty(DEMO_CLIENT_ID),
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


def bench_marking(size: int, results: int, rounds: int = 15) -> dict[str, float]:
    """Index a ``size``-work record, then mark ``results`` DOIs (half on the record).

    Like the app: the record is what the client's read path makes of ORCID's JSON (external ids
    with ORCID's normalised form), and the results' DOIs come in the forms DataCite and Crossref
    give them (a quarter each lower-case, upper-case, ``https://doi.org/…`` and ``doi:…``), each
    round on fresh copies so nothing is cached between rounds. CPU time is the figure compared
    with the target (the machine is shared, so wall time mostly measures the neighbours).
    """
    from claimdesk.orcid import json as orcid_json

    body = orcid_json.serialize_works(_record(size, random.Random(1)))
    works = orcid_json.parse_works(body)
    forms = (str, str.upper, "https://doi.org/{}".format, lambda d: "doi:" + d.upper())
    raw = [f"10.5555/record-{n}" for n in range(0, 2 * results, 2)]  # half on the record
    index_cpu, mark_cpu, total_wall = [], [], []
    for _ in range(rounds):
        dois = ["".join(forms[n % 4](doi)) for n, doi in enumerate(raw)]  # new strings
        wall, cpu = time.perf_counter(), time.process_time()
        index = RecordIndex.build(works, DEMO_CLIENT_ID, record_orcid=DEMO_ORCID)
        built_cpu = time.process_time()
        statuses = index.statuses(dois)
        index_cpu.append(built_cpu - cpu)
        mark_cpu.append(time.process_time() - built_cpu)
        total_wall.append(time.perf_counter() - wall)
    assert sum(s.on_record for s in statuses.values()) == results // 2
    totals = sorted((a + b) * 1000 for a, b in zip(index_cpu, mark_cpu, strict=True))
    return {
        "index_ms": statistics.median(index_cpu) * 1000,
        "mark_ms": statistics.median(mark_cpu) * 1000,
        "total_ms": statistics.median(totals),
        "total_min_ms": totals[0],
        "total_max_ms": totals[-1],
        "wall_ms": statistics.median(total_wall) * 1000,
        "rounds": rounds,
    }


def _load() -> str:
    try:
        one, five, fifteen = os.getloadavg()
    except (AttributeError, OSError):
        return "unknown"
    return f"{one:.1f} / {five:.1f} / {fifteen:.1f} (1 / 5 / 15 min)"


def report(
    claiming: dict[str, float], marking: dict[str, float], count: int, latency: float
) -> str:
    """The figures block of the claims section of benchmarks/README.md."""
    met = {True: "met", False: "MISSED"}
    fewer = claiming["single_requests"] / claiming["bulk_requests"]
    rows = [
        "| measure | figure | target |",
        "| --- | --- | --- |",
        f"| claim {count:,} DOIs, claimdesk bulk `POST /works` | "
        f"{claiming['bulk_requests']:.0f} requests, {claiming['bulk_seconds']:.2f} s wall | "
        f"≤10 requests ({met[claiming['bulk_requests'] <= 10]}) |",
        f"| claim {count:,} DOIs, one `POST /work` each (the peers' way) | "
        f"{claiming['single_requests']:.0f} requests, {claiming['single_seconds']:.2f} s wall | |",
        f"| ratio | {fewer:.0f}× fewer requests, {claiming['speedup']:.1f}× faster | "
        f"≥20× faster ({met[claiming['speedup'] >= 20]}) |",
        f"| status of 10,000 results (DOIs in mixed forms) vs a 10,000-work record read "
        f"from ORCID's JSON | {marking['total_ms']:.1f} ms CPU median, "
        f"{marking['total_min_ms']:.1f}–{marking['total_max_ms']:.1f} min–max of "
        f"{marking['rounds']:.0f} (index {marking['index_ms']:.1f} + marking "
        f"{marking['mark_ms']:.1f}; wall {marking['wall_ms']:.1f}) | "
        f"≤50 ms ({met[marking['total_ms'] <= 50]}) |",
    ]
    when = datetime.now(UTC).strftime("%Y-%m-%d")
    machine = (
        f"{platform.python_implementation()} {platform.python_version()}, {platform.machine()}, "
        f"{os.cpu_count()} CPUs, load average {_load()}; {latency * 1000:.0f} ms latency per "
        f"request; {when}"
    )
    return "\n".join([START, *rows, "", machine, END])


START, END = "<!-- bench_claims:start -->", "<!-- bench_claims:end -->"
SECTION_TEXT = """## Claiming in bulk and marking claim status

`bench_claims.py` measures two things the claim workflow promises.

- Claiming 1,000 DOIs against the sandbox (a real HTTP server on 127.0.0.1) with 50 ms of
  latency injected on every request, once through `claims.runner.ClaimRunner` (bulk
  `POST /works`, at most 100 works per request, every claim journaled in SQLite before it is
  sent and marked after) and once the way DataCite Profiles, Search & Link and Crossref Metadata
  Search do it, one `POST /work` per DOI, in the same run against the same server. Requests are
  counted by the sandbox. With latency dominating, the ratio is about the ratio of round trips.
- Marking 10,000 search results (half of them on the record, their DOIs in the mixed forms
  DataCite and Crossref give) against a 10,000-work record as the client reads it from ORCID's
  JSON: `RecordIndex.build` once per record read, then `RecordIndex.statuses`. CPU time,
  median and min–max of 15 rounds.

    .venv/bin/python benchmarks/bench_claims.py --write-readme

Latest run:

"""


def write_readme(block: str) -> None:
    """Put the figures into benchmarks/README.md: between the markers, or as a new section."""
    text = README.read_text(encoding="utf-8") if README.exists() else "# Benchmarks\n"
    if START in text and END in text:
        before, _, rest = text.partition(START)
        _, _, after = rest.partition(END)
        text = before + block + after
    else:
        text = text.rstrip("\n") + "\n\n" + SECTION_TEXT + block + "\n"
    README.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    """Run both benchmarks, print the figures and (with --write-readme) record them."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--latency", type=float, default=0.05)
    parser.add_argument("--write-readme", action="store_true", help="update benchmarks/README.md")
    args = parser.parse_args(argv)

    marking = bench_marking(10_000, 10_000)
    print(f"marking: {marking}", file=sys.stderr)
    claiming = bench_claiming(args.count, args.latency)
    print(f"claiming: {claiming}", file=sys.stderr)
    block = report(claiming, marking, args.count, args.latency)
    print(block)
    if args.write_readme:
        write_readme(block)
    return 0


if __name__ == "__main__":
    sys.exit(main())
