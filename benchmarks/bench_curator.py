"""Curator benchmark: a round trip of a 10,000-DOI repository with ~2,500 ORCID iDs.

Starts the sandbox with the ``curator`` seed, runs ``run_roundtrip`` for the whole repository and
reports, counted at the sandbox: ORCID requests (works reads and batched ``doi-self`` searches)
against the target of one read per distinct iD plus one search per 25 DOIs, wall time, peak memory,
and whether every (DOI, iD) pair landed in the category the generator intended.

The sandbox's rate limit is off and the client's bucket relaxed (``--rate``), so the wall time is
what claimdesk and the sandbox cost; the time ORCID's real limit (24 requests/s, burst 40) would
impose on the same requests is printed beside it.

Run: ``.venv/bin/python benchmarks/bench_curator.py [--dois 10000] [--workers 8]
[--append-readme]``.
"""

from __future__ import annotations

import argparse
import platform
import resource
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from claimdesk.config import Settings
from claimdesk.curator.report import IN_BOTH, MISSING, NOT_IN_METADATA
from claimdesk.curator.roundtrip import RoundTripInput, run_roundtrip
from claimdesk.http_policy import ORCID
from claimdesk.sandbox.curator_seed import CURATOR_REPOSITORY_ID, build_curator_corpus
from claimdesk.sandbox.seeds import DEMO_CLIENT_ID, DEMO_CLIENT_SECRET
from claimdesk.sandbox.server import Sandbox

README = Path(__file__).with_name("README.md")
SECTION = "## Curator round trip (`bench_curator.py`)"


def _rss_mb() -> float:
    """Peak resident set size of this process so far, in MB (Linux reports KiB)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def real_limit_seconds(
    requests: int, rate: float = ORCID.rate or 24.0, burst: int = ORCID.burst
) -> float:
    """The least time ORCID's token bucket allows for ``requests`` (the burst goes at once)."""
    return max(0, requests - burst) / rate


def run(dois: int, workers: int, rate: float) -> dict[str, float | int | bool | str]:
    """One measured round trip; the figures by name."""
    started = time.perf_counter()
    build_curator_corpus(dois)
    generate = time.perf_counter() - started
    started = time.perf_counter()
    with Sandbox(seed="curator", dois=dois) as sb:
        seed_time = time.perf_counter() - started
        corpus = sb.seed_result.curator
        settings = Settings(
            endpoints=sb.endpoints,
            client_id=DEMO_CLIENT_ID,
            client_secret=DEMO_CLIENT_SECRET,
            timeout=30.0,
        )
        rss_before = _rss_mb()
        sb.stats.reset()
        with tempfile.TemporaryDirectory() as tmp:
            started = time.perf_counter()
            report = run_roundtrip(
                settings,
                RoundTripInput(repository=CURATOR_REPOSITORY_ID),
                state_path=Path(tmp) / "roundtrip.sqlite3",
                rate=rate,
                burst=1000,
                workers=workers,
            )
            wall = time.perf_counter() - started
        reads = [
            p for _m, p in sb.stats.requests if p.startswith("/pub/v3.0/0") and p.endswith("/works")
        ]
        searches = sb.stats.count("GET", "/pub/v3.0/search")
        orcid_requests = sb.stats.count(path_prefix="/pub/") + sb.stats.count(path_prefix="/v3.0/")
        named = corpus.metadata_pairs()
        listed = corpus.listed_pairs()
        expected = {p: IN_BOTH if p in listed else MISSING for p in named}
        expected.update({p: NOT_IN_METADATA for p in listed if p not in named})
        correct = {(r.doi, r.orcid): r.category for r in report.rows} == expected
        return {
            "dois": report.summary.dois,
            "orcids": report.summary.orcids,
            "metadata_orcids": len({o for _d, o in named}),
            "pairs": report.summary.pairs,
            "in_both": report.summary.in_both,
            "missing": report.summary.missing,
            "not_in_metadata": report.summary.not_in_metadata,
            "generate_s": generate,
            "seed_s": seed_time,
            "reads": len(reads),
            "distinct_reads": len(set(reads)),
            "searches": searches,
            "orcid_requests": orcid_requests,
            "datacite_requests": sb.stats.count(path_prefix="/datacite/"),
            "wall_s": wall,
            "real_limit_s": real_limit_seconds(orcid_requests),
            "rss_before_mb": rss_before,
            "rss_peak_mb": _rss_mb(),
            "correct": correct,
            "complete": report.complete,
        }


def render(figures: dict[str, float | int | bool | str], workers: int) -> str:
    """The README section for one run."""
    f = figures
    target = int(f["orcids"]) + int(f["dois"]) // 25  # issue 15: batched doi-self searches
    stamp = datetime.now(UTC).strftime("%Y-%m-%d")
    return f"""{SECTION}

Round trip of the sandbox's `curator` seed (`claimdesk sandbox --seed curator --dois N`):
{f["dois"]:,} DataCite DOIs of one repository, {f["orcids"]:,} distinct ORCID iDs
({f["metadata_orcids"]:,} named in metadata; power law: a few iDs on hundreds of DOIs),
{f["pairs"]:,} (DOI, iD) pairs. {workers} worker threads; the sandbox runs in the same process.
Measured {stamp}, Python {platform.python_version()}, {platform.machine()}.

    .venv/bin/python benchmarks/bench_curator.py --dois 10000 --append-readme

| figure | value |
| --- | --- |
| generating the corpus (pure) | {float(f["generate_s"]):.2f} s |
| starting the seeded sandbox (corpus + {f["orcids"]:,} records) | {float(f["seed_s"]):.2f} s |
| ORCID requests sent | **{f["orcid_requests"]:,}** = {f["reads"]:,} works reads ({f["distinct_reads"]:,} distinct iDs) + {f["searches"]:,} searches |
| target: one read per distinct iD + one search per 25 DOIs | ≤ {target:,} — {"met" if int(f["orcid_requests"]) <= target else "MISSED"} |
| DataCite requests (metadata, 1,000 per page) | {f["datacite_requests"]} |
| wall time (rate limit relaxed) | **{float(f["wall_s"]):.1f} s** |
| time ORCID's 24 req/s, burst 40 would impose on those requests | {float(f["real_limit_s"]):.0f} s ({float(f["real_limit_s"]) / 60:.1f} min) |
| peak RSS, whole process (sandbox + client) | {float(f["rss_peak_mb"]):.0f} MB ({float(f["rss_before_mb"]):.0f} MB before the run) |
| categories | {f["in_both"]:,} in metadata and on ORCID, {f["missing"]:,} missing on ORCID, {f["not_in_metadata"]:,} on ORCID but not in metadata |
| every pair in the generator's intended category | {"yes" if f["correct"] else "NO"} |

With the real limit the run is bound by ORCID's bucket, not by claimdesk: the client's token
bucket (ORCID's policy in `claimdesk/http_policy.py`) paces every request, retries included, at 24/s.
The checkpoint (`roundtrip.sqlite3`) means a run interrupted in those minutes resumes where it
stopped.
"""


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print (optionally append to the README) the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dois", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=8)
    parser.add_argument(
        "--rate", type=float, default=100_000.0, help="client requests/s (default: relaxed)"
    )
    parser.add_argument("--append-readme", action="store_true")
    args = parser.parse_args(argv)
    figures = run(args.dois, args.workers, args.rate)
    text = render(figures, args.workers)
    print(text)
    if args.append_readme:
        existing = README.read_text(encoding="utf-8") if README.exists() else "# Benchmarks\n"
        if SECTION in existing:  # replace our earlier section, keep everyone else's
            head, _, rest = existing.partition(SECTION)
            tail = rest.partition("\n## ")
            existing = head.rstrip("\n") + "\n" + ("\n## " + tail[2] if tail[1] else "")
        README.write_text(existing.rstrip("\n") + "\n\n" + text, encoding="utf-8")
    return 0 if figures["correct"] and figures["complete"] else 1


if __name__ == "__main__":
    sys.exit(main())
