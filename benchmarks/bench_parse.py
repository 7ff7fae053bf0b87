"""Parsing a 10,000-work record: ``claimdesk.orcid.xml.parse_works`` against bare lxml.

ORCID caps a record at 10,000 works and sends the whole works section in one response, so this
is the largest body the app has to read. The body is generated here (about 6,700 groups, a third
of them with two or three versions from different sources, as ORCID would send it: pretty-printed,
with normalised ids). Both parsers read the same bytes in the same run; each figure is the best of
``--repeat`` runs. Peak memory is measured separately with tracemalloc (Python allocations only;
libxml2's own tree lives outside it).

    .venv/bin/python benchmarks/bench_parse.py [--works 10000] [--repeat 7] [--write-readme]
"""

from __future__ import annotations

import argparse
import gc
import platform
import re
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

from lxml import etree

from claimdesk.orcid import xml
from claimdesk.orcid.model import (
    ExternalId,
    PublicationDate,
    Source,
    WorkGroup,
    WorksSummary,
    WorkSummary,
)

ORCID = "0000-0002-1825-0097"
SOURCES = (
    Source(client_id="APP-CLAIMDESKDEMO001", name="claimdesk"),
    Source(client_id="APP-127VAQ5PMV9OKM9F", name="DataCite/ORCID Claim Tool"),
    Source(client_id="APP-OQYKBIN9CXD9U3SH", name="Crossref Metadata Search"),
    Source(orcid=ORCID, name="Josiah Carberry"),
    Source(
        client_id="APP-OQYKBIN9CXD9U3SH",
        name="Crossref Metadata Search",
        assertion_origin_orcid=ORCID,
        assertion_origin_name="Josiah Carberry",
    ),
)
README = Path(__file__).with_name("README.md")


def make_record(total: int) -> WorksSummary:
    """A works section with ``total`` versions; every third group has 2–3 versions."""
    groups = []
    put_code = 1_000_000
    index = 0
    while put_code - 1_000_000 < total:
        doi = f"10.5555/claimdesk.{index:06d}"
        ids = (
            ExternalId("doi", doi.upper(), "self", f"https://doi.org/{doi}"),
            ExternalId("issn", "1234-5678", "part-of"),
        )
        versions = 1 if index % 3 else 2 + index % 2
        versions = min(versions, total - (put_code - 1_000_000))
        summaries = []
        for v in range(versions):
            put_code += 1
            summaries.append(
                WorkSummary(
                    put_code=put_code,
                    title=f"On the grouping of works, part {index} (version {v})",
                    type="journal-article",
                    external_ids=ids if v == 0 else ids[:1],
                    source=SOURCES[(index + v) % len(SOURCES)],
                    publication_date=PublicationDate(2000 + index % 25, 1 + index % 12, 1),
                    journal_title="Journal of Repeatable Benchmarks",
                    url=f"https://example.org/works/{index}",
                    display_index=v,
                    visibility="public",
                    created="2020-01-02T03:04:05.678Z",
                    modified="2021-02-03T04:05:06.789Z",
                    path=f"/{ORCID}/work/{put_code}",
                )
            )
        groups.append(
            WorkGroup(ids[:1], tuple(summaries), last_modified="2021-02-03T04:05:06.789Z")
        )
        index += 1
    return WorksSummary(tuple(groups), "2021-02-03T04:05:06.789Z", f"/{ORCID}/works")


def best_of(
    repeat: int,
    funcs: dict[str, Callable[[], object]],
    *,
    interleave: bool = False,
    gc_off: bool = True,
) -> dict[str, tuple[float, float]]:
    """Fastest (CPU seconds, wall seconds) of each function over ``repeat`` calls.

    Back to back (the default, as timeit does) each function reuses the memory its own previous
    call freed; ``interleave`` makes them take turns instead, so each inherits the other's heap.
    CPU time (user + system of this process) is the figure compared: on a shared machine wall
    time mostly measures the neighbours. The garbage collector is off while timing, as timeit
    does, unless ``gc_off`` is False.
    """
    best = {name: (float("inf"), float("inf")) for name in funcs}
    if interleave:
        order = [name for _ in range(repeat) for name in funcs]
    else:
        order = [name for name in funcs for _ in range(repeat)]
    for name in order:
        gc.collect()
        if gc_off:
            gc.disable()
        try:
            cpu, wall = time.process_time(), time.perf_counter()
            result = funcs[name]()
            cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
        finally:
            gc.enable()
        del result
        best[name] = (min(best[name][0], cpu), min(best[name][1], wall))
    return best


def peak_memory(func: Callable[[], object]) -> int:
    """Peak Python-heap bytes allocated while ``func`` runs (tracemalloc; not libxml2's)."""
    gc.collect()
    tracemalloc.start()
    result = func()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    del result
    return peak


def rss_growth(body_file: Path, which: str) -> int:
    """Growth of peak RSS (bytes) of a fresh process that reads the body and parses it once.

    Includes libxml2's tree, which tracemalloc cannot see.
    """
    out = subprocess.run(
        [sys.executable, __file__, "--rss-child", which, str(body_file)],
        check=True,
        capture_output=True,
        text=True,
    )
    return int(out.stdout.strip())


def _peak_rss() -> int:
    """This process's peak resident set size in bytes.

    ``VmHWM`` belongs to the process's own address space; ``ru_maxrss`` would start from the
    parent's size, which is inherited across fork on Linux.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # KiB on Linux


def _rss_child(which: str, body_file: Path) -> None:
    body = body_file.read_bytes()
    before = _peak_rss()
    if which == "bare":
        result: object = etree.fromstring(body)
    else:
        result = xml.parse_works(body)
    after = _peak_rss()
    del result
    print(after - before)


def main() -> None:
    """Run the benchmark, print the table, optionally record it in benchmarks/README.md."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--works", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--write-readme", action="store_true", help="record the figures")
    parser.add_argument("--rss-child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.rss_child:
        _rss_child(args.rss_child[0], Path(args.rss_child[1]))
        return

    record = make_record(args.works)
    body = xml.serialize_works(record)
    parsed = xml.parse_works(body)
    assert parsed.work_count == args.works, parsed.work_count

    def bare() -> object:
        return etree.fromstring(body)

    def ours() -> object:
        return xml.parse_works(body)

    funcs = {"bare": bare, "ours": ours}
    timings = best_of(args.repeat, funcs)
    (bare_s, bare_wall), (ours_s, ours_wall) = timings["bare"], timings["ours"]
    mixed = best_of(args.repeat, funcs, interleave=True)
    mixed_ratio = mixed["ours"][0] / mixed["bare"][0]
    ours_gc_s = best_of(max(3, args.repeat // 2), {"ours": ours}, gc_off=False)["ours"][0]
    ours_mem = peak_memory(ours)
    with tempfile.TemporaryDirectory() as tmp:
        body_file = Path(tmp) / "works.xml"
        body_file.write_bytes(body)
        bare_rss = rss_growth(body_file, "bare")
        ours_rss = rss_growth(body_file, "ours")
    ratio = ours_s / bare_s
    mb = 1e6
    rows = [
        ("body", f"{len(body) / mb:.1f} MB", f"{len(record)} groups, {args.works} works"),
        (
            "lxml.etree.fromstring(body) (bare)",
            f"{bare_s * 1000:.0f} ms",
            f"wall {bare_wall * 1000:.0f} ms; peak RSS +{bare_rss / mb:.0f} MB",
        ),
        (
            "xml.parse_works",
            f"{ours_s * 1000:.0f} ms",
            f"wall {ours_wall * 1000:.0f} ms; peak RSS +{ours_rss / mb:.0f} MB"
            f" (Python heap {ours_mem / mb:.1f} MB of it)",
        ),
        (
            "xml.parse_works, gc enabled",
            f"{ours_gc_s * 1000:.0f} ms",
            "as the app runs it (the others: gc off, as timeit)",
        ),
        ("ratio parse_works / bare", f"{ratio:.2f}x", "target <= 2.0x"),
        ("ratio, wall time", f"{ours_wall / bare_wall:.2f}x", ""),
        (
            "ratio, calls interleaved",
            f"{mixed_ratio:.2f}x",
            f"bare {mixed['bare'][0] * 1000:.0f} ms, parse_works {mixed['ours'][0] * 1000:.0f} ms",
        ),
    ]
    table = ["| measure | CPU time (best) | note |", "| --- | --- | --- |"]
    table += [f"| {a} | {b} | {c} |" for a, b, c in rows]
    env = (
        f"Python {platform.python_version()}, lxml {'.'.join(map(str, etree.LXML_VERSION[:3]))}"
        f" / libxml2 {'.'.join(map(str, etree.LIBXML_VERSION))}, {platform.machine()},"
        f" best of {args.repeat}, {time.strftime('%Y-%m-%d')}"
    )
    print("\n".join(table))
    print(env)
    if args.write_readme:
        _record(table, env)


def _record(table: list[str], env: str) -> None:
    text = README.read_text(encoding="utf-8")
    block = (
        "<!-- bench_parse:start -->\n" + "\n".join(table) + f"\n\n{env}\n<!-- bench_parse:end -->"
    )
    text = re.sub(
        r"<!-- bench_parse:start -->.*<!-- bench_parse:end -->", lambda _: block, text, flags=re.S
    )
    README.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
