"""Reading a 10,000-work record: the client's JSON read path and the XML reader, against bare lxml.

ORCID caps a record at 10,000 works and sends the whole works section in one response, so this
is the largest body the app has to read. The record is generated here (about 6,700 groups, a
third of them with two or three versions from different sources, as ORCID would send it, with
normalised ids) and written in both of ORCID's forms: pretty-printed XML and compact JSON. The
yardstick is the bare lxml parse of the XML form (``etree.fromstring``): the cost of building the
tree and nothing else. Measured against it, in the same rounds:

* ``json.parse_works`` of the JSON form: what ``OrcidClient.read_works`` does since it asks ORCID
  for JSON (msgspec structs, then the model);
* ``xml.parse_works`` of the XML form: the reader of users' files and ``inspect``.

In one process the readers take turns with the bare parse, round after round, in the same
garbage-collector state, and the figure is the median of the rounds' ratios with its range;
separately, fresh processes parse once each (cold). Peak memory is the peak-RSS growth of those
fresh processes; the longest GIL hold is what a GUI thread feels while a worker parses.

    .venv/bin/python benchmarks/bench_parse.py [--works 10000] [--rounds 12] [--fresh 6]
        [--write-readme]
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import msgspec
from lxml import etree

from claimdesk.orcid import json as orcid_json
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


def paired_rounds(
    rounds: int, bare: Callable[[], object], ours: Callable[[], object], *, gc_off: bool = True
) -> list[tuple[float, float]]:
    """(bare, ours) CPU seconds of each round; the two take turns, each going first in half.

    Both run in the same garbage-collector state (off, as timeit, unless ``gc_off`` is False)
    after the same ``gc.collect()``, and neither is charged for freeing what it returns. A
    round's ratio compares two calls made moments apart on the same heap: the allocator's
    state, which moves a bare parse between ~90 and ~180 ms, is shared by both.
    """
    pairs = []
    for index in range(rounds):
        order = [("bare", bare), ("ours", ours)]
        if index % 2:
            order.reverse()
        taken: dict[str, float] = {}
        for name, func in order:
            gc.collect()
            if gc_off:
                gc.disable()
            try:
                cpu = time.process_time()
                result = func()
                taken[name] = time.process_time() - cpu
            finally:
                gc.enable()
            del result
        pairs.append((taken["bare"], taken["ours"]))
    return pairs


def longest_gil_hold(func: Callable[[], object]) -> float:
    """The longest the calling thread kept a 1 ms probe thread from running, in seconds.

    What a GUI thread would feel while a worker runs ``func`` with the garbage collector
    paused, as the app's workers do: Python code lets other threads in every few ms, C code
    that keeps the GIL (freeing a whole libxml2 tree) does not. The result is dropped after the
    probe stops: the app frees a replaced record in slices (``workflows/works_table.release``). A gap
    counts only as far as the calling thread used the CPU in it, so the probe being
    descheduled on a busy machine is not mistaken for a hold.
    """
    done = threading.Event()
    worst = [0.0]
    caller = time.pthread_getcpuclockid(threading.get_ident())

    def probe() -> None:
        last, last_cpu = time.perf_counter(), time.clock_gettime(caller)
        while not done.is_set():
            time.sleep(0.001)
            now, cpu = time.perf_counter(), time.clock_gettime(caller)
            worst[0] = max(worst[0], min(now - last - 0.001, cpu - last_cpu))
            last, last_cpu = now, cpu

    gc.collect()
    gc.disable()  # as the app's workers parse (ui/tasks.gc_paused)
    thread = threading.Thread(target=probe)
    thread.start()
    time.sleep(0.02)
    try:
        result = func()
    finally:
        done.set()
        thread.join()
        gc.enable()
    del result
    return worst[0]


def peak_memory(func: Callable[[], object]) -> int:
    """Peak Python-heap bytes allocated while ``func`` runs (tracemalloc; not libxml2's)."""
    gc.collect()
    tracemalloc.start()
    result = func()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    del result
    return peak


def fresh_process(body_file: Path, which: str) -> tuple[float, int]:
    """(CPU seconds, peak-RSS growth in bytes) of one parse in a new process.

    Cold: nothing parsed before in that process. The RSS growth includes libxml2's tree, which
    tracemalloc cannot see.
    """
    out = subprocess.run(
        [sys.executable, __file__, "--child", which, str(body_file)],
        check=True,
        capture_output=True,
        text=True,
    )
    cpu, rss = out.stdout.split()
    return float(cpu), int(rss)


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


READERS: dict[str, Callable[[bytes], object]] = {
    "bare": etree.fromstring,
    "json": orcid_json.parse_works,
    "xml": xml.parse_works,
}


def _child(which: str, body_file: Path) -> None:
    body = body_file.read_bytes()
    gc.collect()
    gc.disable()
    before = _peak_rss()
    cpu = time.process_time()
    result = READERS[which](body)
    cpu = time.process_time() - cpu
    after = _peak_rss()
    del result
    print(cpu, after - before)


def _spread(values: list[float], scale: float = 1000.0, unit: str = " ms") -> str:
    ordered = sorted(values)
    return (
        f"{statistics.median(ordered) * scale:.0f}{unit} "
        f"({ordered[0] * scale:.0f}–{ordered[-1] * scale:.0f})"
    )


def _ratios(pairs: list[tuple[float, float]]) -> str:
    ratios = sorted(ours / bare for bare, ours in pairs)
    return f"{statistics.median(ratios):.2f}x ({ratios[0]:.2f}–{ratios[-1]:.2f}x)"


def main() -> None:
    """Run the benchmark, print the table, optionally record it in benchmarks/README.md."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--works", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=12, help="paired rounds in this process")
    parser.add_argument("--fresh", type=int, default=6, help="fresh processes for each parser")
    parser.add_argument("--write-readme", action="store_true", help="record the figures")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(args.child[0], Path(args.child[1]))
        return

    load_before = os.getloadavg()[0]
    record = make_record(args.works)
    bodies = {"bare": xml.serialize_works(record), "xml": b"", "json": b""}
    bodies["xml"] = bodies["bare"]
    bodies["json"] = orcid_json.serialize_works(record)
    assert orcid_json.parse_works(bodies["json"]) == xml.parse_works(bodies["xml"])

    def run(which: str) -> Callable[[], object]:
        reader, body = READERS[which], bodies[which]
        return lambda: reader(body)

    bare = run("bare")
    paired_rounds(2, bare, run("json"))  # warm-up: imports, caches, the parser object
    paired_rounds(2, bare, run("xml"))
    pairs = {which: paired_rounds(args.rounds, bare, run(which)) for which in ("json", "xml")}
    pairs_gc = paired_rounds(max(4, args.rounds // 2), bare, run("json"), gc_off=False)
    # `works --json`: the normalised JSON out of the parsed record, against the parse itself;
    # the standard library's indenting encoder (what the command used) measured alongside.
    from claimdesk.commands.inspect import normalise

    parsed = orcid_json.parse_works(bodies["json"])
    out_pairs = paired_rounds(
        args.rounds, run("json"), lambda: msgspec.json.encode(normalise(parsed))
    )
    old_pairs = paired_rounds(
        max(4, args.rounds // 2),
        run("json"),
        lambda: json.dumps(normalise(parsed), indent=2, ensure_ascii=False),
    )
    holds = {which: [longest_gil_hold(run(which)) for _ in range(5)] for which in READERS}
    heap = {which: peak_memory(run(which)) for which in ("json", "xml")}
    fresh: dict[str, list[tuple[float, int]]] = {which: [] for which in READERS}
    with tempfile.TemporaryDirectory() as tmp:
        files = {}
        for which, body in bodies.items():
            files[which] = Path(tmp) / f"works.{which}"
            files[which].write_bytes(body)
        for index in range(args.fresh):
            order = list(READERS) if index % 2 == 0 else list(reversed(READERS))
            for which in order:
                fresh[which].append(fresh_process(files[which], which))
    cold = {which: statistics.median(cpu for cpu, _ in runs) for which, runs in fresh.items()}
    rss = {which: statistics.median(r for _, r in runs) for which, runs in fresh.items()}
    mb = 1e6
    rows = [
        (
            "body",
            f"{len(bodies['xml']) / mb:.1f} MB XML / {len(bodies['json']) / mb:.1f} MB JSON",
            f"{len(record)} groups, {args.works} works",
        ),
        (
            "lxml.etree.fromstring(XML) (bare)",
            _spread([b for b, _ in pairs["json"]]),
            f"median (min–max) of {args.rounds} rounds, gc off",
        ),
        (
            "json.parse_works(JSON), the client's read",
            _spread([o for _, o in pairs["json"]]),
            "same rounds",
        ),
        (
            "**ratio json / bare, same process** (median of the rounds' ratios)",
            _ratios(pairs["json"]),
            "target ≤ 2.0x, stretch ≤ 1.5x",
        ),
        ("ratio json / bare, gc enabled for both (as the app runs)", _ratios(pairs_gc), ""),
        (
            "xml.parse_works(XML), files and inspect",
            _spread([o for _, o in pairs["xml"]]),
            "its own rounds against bare",
        ),
        ("ratio xml / bare, same process", _ratios(pairs["xml"]), ""),
        (
            "fresh process, one cold parse: bare / json / xml",
            " / ".join(f"{cold[w] * 1000:.0f}" for w in READERS) + " ms",
            f"median of {args.fresh} processes each",
        ),
        (
            "**ratio json / bare, fresh processes** (ratio of the medians)",
            f"{cold['json'] / cold['bare']:.2f}x (xml {cold['xml'] / cold['bare']:.2f}x)",
            "target ≤ 2.0x",
        ),
        (
            "peak RSS growth, fresh process: bare / json / xml",
            " / ".join(f"+{rss[w] / mb:.0f}" for w in READERS) + " MB",
            f"Python heap: json {heap['json'] / mb:.1f} MB, xml {heap['xml'] / mb:.1f} MB (tracemalloc)",
        ),
        (
            "`works --json` output (normalise + msgspec encode) / json.parse_works",
            _ratios(out_pairs),
            f"target ≤ 1.5x; output {_spread([o for _, o in out_pairs])}",
        ),
        (
            "the same with json.dumps(indent=2), as before",
            _ratios(old_pairs),
            f"output {_spread([o for _, o in old_pairs])}",
        ),
        (
            "longest GIL hold (1 ms probe thread): bare / json / xml",
            " / ".join(_spread(holds[w]) for w in READERS),
            "median (min–max) of 5; what a GUI thread feels while a worker parses",
        ),
    ]
    table = ["| measure | CPU time | note |", "| --- | --- | --- |"]
    table += [f"| {a} | {b} | {c} |" for a, b, c in rows]
    env = (
        f"Python {platform.python_version()}, lxml {'.'.join(map(str, etree.LXML_VERSION[:3]))}"
        f" / libxml2 {'.'.join(map(str, etree.LIBXML_VERSION))}, msgspec {msgspec.__version__},"
        f" {platform.machine()},"
        f" {os.cpu_count()} CPUs, load average {load_before:.1f} before / {os.getloadavg()[0]:.1f}"
        " after (1 min),"
        f" {time.strftime('%Y-%m-%d %H:%M')}"
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
