"""Public data files benchmark: ingest throughput, its scaling on Dask, and the DuckDB query.

Generates, once (cached under --work), miniature data files in the real formats from the
curator corpus (``claimdesk.sandbox.dumps``): an ORCID summaries archive of 100,000 records
(the corpus of 400,000 DOIs has 100,000 researchers) and DataCite files of the first 100,000
and 200,000 of those DOIs (one repository). Then measures, in this run:

1. the baseline: reading the archives as streams without parsing (gzip + tar + line split in
   this process, the part that does not parallelise);
2. ``dumps ingest`` of each file on a Dask ``LocalCluster`` of 1, 2 and 4 worker processes
   (one thread each), records/s and the speed-up over 1 worker;
3. the four-state matrix of the 200,000-DOI repository from the ingested tables
   (``DumpTables.summary``), min/median/max of 5 runs, and the peak memory of a fresh process
   that runs it once.

From 1 and 2 it projects the real 2024 files on an 8-core workstation. Run:
``.venv/bin/python benchmarks/bench_dumps.py [--work DIR] [--write-readme]``.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

README = Path(__file__).with_name("README.md")
SECTION = "## Public data files: ingest and query (`bench_dumps.py`)"
ORCID_RECORDS = 100_000
CORPUS_DOIS = 4 * ORCID_RECORDS  # the curator corpus has a researcher per 4 DOIs
#: The real 2024 files (../shared/reference/curator-at-scale.md §5).
REAL_ORCID_RECORDS = 20_000_000
REAL_ORCID_GB = 37.0
REAL_DATACITE_DOIS = 52_863_283
REAL_DATACITE_GB = 22.0


def prepare(work: Path) -> dict[str, Path]:
    """The data files, written once into ``work``."""
    from claimdesk.sandbox.curator_seed import build_curator_corpus, install_records, sandbox_corpus
    from claimdesk.sandbox.dumps import write_datacite_file, write_orcid_summaries
    from claimdesk.sandbox.render import datacite_resource
    from claimdesk.sandbox.store import Store

    files = {
        "orcid": work / "ORCID_2015_10_summaries.tar.gz",
        "datacite100k": work / "datacite-100k" / "DataCite_public_data_file.tar",
        "datacite200k": work / "datacite-200k" / "DataCite_public_data_file.tar",
    }
    if all(p.exists() for p in files.values()):
        return files
    started = time.perf_counter()
    corpus = build_curator_corpus(CORPUS_DOIS)
    store = Store()
    install_records(store, corpus)
    work.mkdir(parents=True, exist_ok=True)
    write_orcid_summaries(store, sorted(corpus.people), files["orcid"])
    del store
    entries = sandbox_corpus(corpus).sorted()
    for key, count in (("datacite100k", 100_000), ("datacite200k", 200_000)):
        files[key].parent.mkdir(parents=True, exist_ok=True)
        write_datacite_file([datacite_resource(e) for e in entries[:count]], files[key])
    print(f"files written in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return files


def stream_only(path: Path, kind: str) -> tuple[float, int]:
    """Seconds to read a file as the ingest does, without parsing; and the record count."""
    from claimdesk.dumps.ingest import _Counting, datacite_lines, orcid_members

    started = time.perf_counter()
    with path.open("rb") as raw:
        counter = _Counting(raw)
        items = orcid_members(path, counter) if kind == "orcid" else datacite_lines(path, counter)
        count = sum(1 for _ in items)
    return time.perf_counter() - started, count


def ingest_on_dask(path: Path, kind: str, workers: int, out: Path) -> float:
    """Seconds for ``dumps ingest`` of one file on a LocalCluster of ``workers`` processes."""
    import shutil

    from distributed import Client, LocalCluster

    from claimdesk.dumps.ingest import ingest

    shutil.rmtree(out, ignore_errors=True)
    with (
        LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=":0",
            host="127.0.0.1",
        ) as cluster,
        Client(cluster) as client,
    ):
        executor = client.get_executor(pure=False)
        client.run(lambda: __import__("claimdesk.dumps.records"))  # warm imports, not timed
        started = time.perf_counter()
        orcid, datacite = ([path], []) if kind == "orcid" else ([], [path])
        summary = ingest(orcid, datacite, out, executor=executor, workers=workers)
        seconds = time.perf_counter() - started
    assert summary.complete
    return seconds


# Peak memory from VmHWM: ru_maxrss survives exec on Linux and would report this parent's peak.
_QUERY_PROBE = """
import re, sys, time
def hwm():
    return int(re.search(r"VmHWM:\\s+(\\d+)", open("/proc/self/status").read()).group(1)) / 1024
from claimdesk.curator.roundtrip import RoundTripInput
from claimdesk.dumps.query import DumpTables
before = hwm()
started = time.perf_counter()
with DumpTables(sys.argv[1], RoundTripInput(repository="claimdesk.curator")) as t:
    s = t.summary()
print(time.perf_counter() - started, before, hwm(), s.dois, s.pairs)
"""


def cpu_rates(orcid: Path, datacite: Path) -> dict[str, float]:
    """Per-core rates in CPU time (load-independent): the ORCID stream (MB/s of records), ORCID
    parsing (records/s and MB/s, every 50th record) and DataCite parsing (DOIs/s, 20,000)."""
    from claimdesk.dumps.ingest import _Counting, datacite_lines, orcid_members
    from claimdesk.dumps.records import datacite_rows, orcid_rows

    started, size, sample = time.process_time(), 0, []
    with orcid.open("rb") as raw:
        for number, body in enumerate(orcid_members(orcid, _Counting(raw))):
            size += len(body)
            if number % 50 == 0:
                sample.append(body)
    stream = time.process_time() - started
    started = time.process_time()
    for body in sample:
        orcid_rows(body)
    parse = time.process_time() - started
    with datacite.open("rb") as raw:
        lines = [line for _name, line in datacite_lines(datacite, _Counting(raw))][:20_000]
    started = time.process_time()
    for line in lines:
        datacite_rows(line)
    dc = time.process_time() - started
    sample_mb = sum(map(len, sample)) / 1e6
    return {
        "stream_mb_s": size / 1e6 / stream,
        "orcid_records_s": len(sample) / parse,
        "orcid_mb_s": sample_mb / parse,
        "datacite_s": len(lines) / dc,
    }


def query_times(tables: Path, runs: int = 5) -> tuple[list[float], dict[str, float]]:
    """Seconds of the four-state matrix per in-process run, and a fresh process's memory."""
    from claimdesk.curator.roundtrip import RoundTripInput
    from claimdesk.dumps.query import DumpTables

    times = []
    for _ in range(runs):
        started = time.perf_counter()
        with DumpTables(tables, RoundTripInput(repository="claimdesk.curator")) as t:
            t.summary()
        times.append(time.perf_counter() - started)
    out = subprocess.run(
        [sys.executable, "-c", _QUERY_PROBE, str(tables)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    fresh = {
        "seconds": float(out[0]),
        "rss_before": float(out[1]),
        "rss_peak": float(out[2]),
        "dois": float(out[3]),
        "pairs": float(out[4]),
    }
    return times, fresh


def spread(values: list[float]) -> str:
    """min / median / max."""
    return f"{min(values):.2f} / {statistics.median(values):.2f} / {max(values):.2f}"


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; print (and with --write-readme, record) the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", type=Path, default=Path("/tmp/claimdesk-bench-dumps"))
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2, 4])
    parser.add_argument("--write-readme", action="store_true")
    args = parser.parse_args(argv)
    load_start = os.getloadavg()
    files = prepare(args.work)
    sizes = {k: p.stat().st_size / 1e6 for k, p in files.items()}
    rows = []
    streamed = {}
    for key, kind in (("orcid", "orcid"), ("datacite100k", "datacite")):
        seconds, count = stream_only(files[key], kind)
        streamed[key] = (seconds, count)
        rows.append(
            f"| {key}: read as a stream, no parsing (baseline) | {count:,} records | "
            f"{seconds:.1f} s | {count / seconds:,.0f} records/s |"
        )
    rates: dict[tuple[str, int], float] = {}
    for key, kind in (("orcid", "orcid"), ("datacite100k", "datacite")):
        count = streamed[key][1]
        for workers in args.workers:
            seconds = ingest_on_dask(files[key], kind, workers, args.work / f"t-{key}-{workers}")
            rates[(key, workers)] = count / seconds
            speedup = rates[(key, workers)] / rates[(key, args.workers[0])]
            rows.append(
                f"| {key}: ingest, Dask LocalCluster {workers} worker(s) | {count:,} records | "
                f"{seconds:.1f} s | {count / seconds:,.0f} records/s ({speedup:.2f}x of 1 worker) |"
            )
    tables = args.work / "t-query"
    if not (tables / "orcid_works").exists():
        import shutil

        shutil.rmtree(tables, ignore_errors=True)
        ingest_on_dask(files["orcid"], "orcid", 2, tables)
        ingest_on_dask(files["datacite200k"], "datacite", 2, args.work / "t-dc200k")
        os.rename(args.work / "t-dc200k" / "datacite_dois", tables / "datacite_dois")
        os.rename(args.work / "t-dc200k" / "datacite_names", tables / "datacite_names")
    times, fresh = query_times(tables)
    cpu = cpu_rates(files["orcid"], files["datacite100k"])
    load_end = os.getloadavg()
    rows.append(
        f"| CPU time per core: ORCID stream {cpu['stream_mb_s']:.1f} MB/s; ORCID parse "
        f"{cpu['orcid_records_s']:,.0f} records/s ({cpu['orcid_mb_s']:.1f} MB/s); DataCite parse "
        f"{cpu['datacite_s']:,.0f} DOIs/s | | | load-independent |"
    )

    # 8 cores: one streams (gunzip + tar), seven parse; projected from CPU-time rates by size.
    real_mb = 500_000.0  # the 2024 summaries expand to about 0.5 TB
    stream_hours = real_mb / cpu["stream_mb_s"] / 3600
    parse_hours = real_mb / (7 * cpu["orcid_mb_s"]) / 3600
    dc_parse_hours = REAL_DATACITE_DOIS / (7 * cpu["datacite_s"]) / 3600
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M")
    text = f"""{SECTION}

    .venv/bin/python benchmarks/bench_dumps.py --write-readme

Files generated by `claimdesk.sandbox.dumps` from the curator corpus of {CORPUS_DOIS:,} DOIs:
ORCID summaries {sizes["orcid"]:.1f} MB compressed ({ORCID_RECORDS:,} records), DataCite
{sizes["datacite100k"]:.1f} MB (100,000 DOIs) and {sizes["datacite200k"]:.1f} MB (200,000 DOIs).
Wall times on a shared machine ({os.cpu_count()} CPUs; load average {load_start[0]:.1f} at the
start, {load_end[0]:.1f} at the end), so the worker scaling is bounded by the cores actually free.

| step | size | time | rate |
| --- | --- | --- | --- |
{chr(10).join(rows)}

Four-state matrix of one 200,000-DOI repository from the tables (`DumpTables.summary`, DuckDB):
**{spread(times)} s** (min / median / max of {len(times)} runs in one process; target < 5 s);
a fresh process: {fresh["seconds"]:.2f} s, peak RSS {fresh["rss_peak"]:.0f} MB
({fresh["rss_before"]:.0f} MB after imports), {fresh["dois"]:,.0f} DOIs, {fresh["pairs"]:,.0f} pairs.

Projection for the real 2024 files on an 8-core workstation (one core streams, seven parse),
from the CPU-time rates — an extrapolation, not a measurement (Parquet writing and handing
chunks to workers are not in those rates):
- ORCID summaries ({REAL_ORCID_RECORDS / 1e6:.0f} M records, {REAL_ORCID_GB:.0f} GB, ~0.5 TB
  expanded): streaming {stream_hours:.1f} h, parsing {parse_hours:.1f} h in parallel with it →
  about **{max(parse_hours, stream_hours):.1f} h** (target: under 2 h).
- DataCite ({REAL_DATACITE_DOIS / 1e6:.1f} M DOIs): parsing about **{dc_parse_hours * 60:.0f} min**.

Python {platform.python_version()}, {platform.machine()}, measured {stamp} UTC.
"""
    print(text)
    if args.write_readme:
        existing = README.read_text(encoding="utf-8")
        if SECTION in existing:
            head, _, rest = existing.partition(SECTION)
            tail = rest.partition("\n## ")
            existing = head.rstrip("\n") + "\n" + ("\n## " + tail[2] if tail[1] else "")
        README.write_text(existing.rstrip("\n") + "\n\n" + text, encoding="utf-8")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"(this process peaked at {peak:.0f} MB)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
