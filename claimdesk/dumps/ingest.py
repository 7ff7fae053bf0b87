"""``claimdesk dumps ingest``: the public data files, streamed, parsed in parallel, as Parquet.

The archives are read once, as streams (gzip cannot be sought; nothing is unpacked to disk):
this process decompresses and cuts them into chunks of records, and a pool of worker processes
— or a Dask cluster, with ``dask`` set to a scheduler address — parses each chunk with
claimdesk's own readers (:mod:`claimdesk.dumps.records`) and writes its Parquet files. The
output folder then holds three tables anyone can read (DuckDB, Dask, Spark, pandas):

- ``orcid_works/<chunk>.parquet``: one row per work version and DOI of its group;
- ``datacite_dois/updated=YYYY-MM/<chunk>.parquet``: one row per DOI (Hive-partitioned by month);
- ``datacite_names/updated=YYYY-MM/<chunk>.parquet``: one row per identifier tagged ORCID.

Resumable: chunks are cut the same way on every run, each chunk's files are written under a
temporary name and renamed, and ``_manifest.jsonl`` lists the chunks done; a run after a kill
skips them (it still has to decompress past them).
"""

from __future__ import annotations

import gzip
import io
import json
import os
import tarfile
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Executor, Future, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from claimdesk.errors import ConfigError

#: Records per chunk (one task, one Parquet file per table): big enough to amortise a task,
#: small enough that a kill loses little and workers stay busy.
CHUNK_RECORDS = 5000
#: ... or this many bytes of records, whichever comes first: record sizes vary by thousands
#: (a researcher with 10,000 works), and a task is held in memory until a worker takes it.
CHUNK_BYTES = 64 * 1024 * 1024
MANIFEST = "_manifest.jsonl"
SETTINGS = "_ingest.json"


@dataclass(frozen=True, slots=True)
class Chunk:
    """One task: records of one kind ("orcid" | "datacite") to parse and write."""

    kind: str
    key: str
    items: list[bytes]
    out: str


@dataclass(frozen=True, slots=True)
class ChunkResult:
    """What a worker wrote for a chunk."""

    key: str
    kind: str
    records: int
    rows: int
    names: int = 0
    #: the process that parsed it (a summary says how many took part)
    pid: int = 0


@dataclass(frozen=True, slots=True)
class IngestProgress:
    """Where an ingest is: records parsed, compressed bytes read, rate and time left."""

    file: str
    records: int
    bytes_read: int
    bytes_total: int
    rate: float  # records per second, this run
    eta: float | None  # seconds, from the share of compressed bytes read

    def line(self) -> str:
        """The progress as one line of text."""
        share = 100 * self.bytes_read / self.bytes_total if self.bytes_total else 100.0
        eta = f", about {_duration(self.eta)} left" if self.eta is not None else ""
        return f"{self.file}: {self.records:,} records, {share:.1f} %, {self.rate:,.0f}/s{eta}"


@dataclass(slots=True)
class IngestSummary:
    """What an ingest did."""

    orcid_records: int = 0
    orcid_rows: int = 0
    datacite_dois: int = 0
    datacite_names: int = 0
    chunks_written: int = 0
    chunks_skipped: int = 0
    seconds: float = 0.0
    complete: bool = True
    out: str = ""
    skipped_keys: set[str] = field(default_factory=set, repr=False)
    #: process ids of the workers that parsed chunks in this run
    workers: set[int] = field(default_factory=set)

    def lines(self) -> list[str]:
        """The summary as lines of text."""
        rate = (self.orcid_records + self.datacite_dois) / self.seconds if self.seconds else 0.0
        return [
            f"ORCID records: {self.orcid_records:,} ({self.orcid_rows:,} work/DOI rows)",
            f"DataCite DOIs: {self.datacite_dois:,} ({self.datacite_names:,} ORCID identifiers)",
            f"chunks written: {self.chunks_written} by {len(self.workers)} worker processes, "
            f"already done: {self.chunks_skipped}",
            f"time: {_duration(self.seconds)} ({rate:,.0f} records/s)",
            f"tables in {self.out}",
        ]


def _duration(seconds: float | None) -> str:
    if seconds is None:
        return "?"
    minutes, secs = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}h{minutes:02d}m" if hours else f"{minutes}m{secs:02d}s"


# ---------------------------------------------------------------------------------------------
# Reading the archives as streams


class _Counting(io.RawIOBase):
    """A read-only file that counts the bytes read through it (progress of a gzip stream)."""

    def __init__(self, raw: IO[bytes]) -> None:
        super().__init__()
        self.raw = raw
        self.count = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self.raw.read(len(buffer))
        buffer[: len(data)] = data
        self.count += len(data)
        return len(data)


def orcid_members(path: Path, counter: _Counting) -> Iterator[bytes]:
    """The record XMLs of an ORCID summaries archive, in archive order, read as a stream."""
    with tarfile.open(fileobj=counter, mode="r|gz") as archive:
        for member in archive:
            if member.isfile() and member.name.endswith(".xml"):
                handle = archive.extractfile(member)
                if handle is not None:
                    yield handle.read()


def datacite_sources(path: Path) -> list[Path]:
    """The DataCite inputs under ``path``: itself (a .tar or a .jsonl[.gz] file) or the files
    of a folder laid out as DataCite's (``dois/updated_YYYY-MM/*.jsonl.gz``), sorted."""
    if path.is_dir():
        found = [p for p in sorted(path.rglob("*")) if p.is_file() and _is_lines(p.name)]
        found += [p for p in sorted(path.rglob("*.tar")) if p.is_file()]
        return found
    return [path]


def _is_lines(name: str) -> bool:
    return name.endswith((".jsonl", ".jsonl.gz", ".json.gz", ".ndjson", ".ndjson.gz"))


def datacite_lines(path: Path, counter: _Counting) -> Iterator[tuple[str, bytes]]:
    """(member name, JSON line) of a DataCite file: a tar of gzipped members, or one file."""
    if path.name.endswith(".tar") or path.name.endswith(".tar.gz"):
        mode = "r|gz" if path.name.endswith(".gz") else "r|"
        with tarfile.open(fileobj=counter, mode=mode) as archive:  # type: ignore[call-overload]
            for member in archive:
                if member.isfile() and _is_lines(member.name):
                    handle = archive.extractfile(member)
                    if handle is not None:
                        yield from _lines(member.name, handle)
        return
    yield from _lines(path.name, io.BufferedReader(counter))


def _lines(name: str, handle: Any) -> Iterator[tuple[str, bytes]]:
    if name.endswith(".gz"):
        stream: Any = gzip.GzipFile(fileobj=handle)
    else:
        stream = handle if hasattr(handle, "peek") else io.BufferedReader(handle)
    for line in stream:
        if line.strip():
            yield name, line


# ---------------------------------------------------------------------------------------------
# The worker side: parse a chunk, write its Parquet files


def parse_chunk(chunk: Chunk) -> ChunkResult:
    """Parse one chunk and write its Parquet files (atomically); runs in a worker process."""
    from claimdesk.dumps import tables
    from claimdesk.dumps.records import datacite_rows, orcid_rows

    out = Path(chunk.out)
    if chunk.kind == "orcid":
        rows = [row for body in chunk.items for row in orcid_rows(body)]
        tables.write_orcid(out, chunk.key, rows)
        return ChunkResult(chunk.key, "orcid", len(chunk.items), len(rows), pid=os.getpid())
    parsed = [datacite_rows(line) for line in chunk.items]
    dois = sum(1 for p in parsed if p.doi is not None)
    names = tables.write_datacite(out, chunk.key, parsed)
    return ChunkResult(chunk.key, "datacite", dois, dois, names, pid=os.getpid())


# ---------------------------------------------------------------------------------------------
# The run


ProgressCallback = Callable[[IngestProgress], None]


def ingest(
    orcid_files: list[Path],
    datacite_inputs: list[Path],
    out: Path,
    *,
    executor: Executor,
    workers: int,
    chunk_records: int = CHUNK_RECORDS,
    on_progress: ProgressCallback | None = None,
    cancel: threading.Event | None = None,
) -> IngestSummary:
    """Ingest the files into ``out`` with ``executor`` (process pool or Dask), resuming a run
    that the manifest says was interrupted. ``cancel`` stops after the chunks in flight."""
    out.mkdir(parents=True, exist_ok=True)
    datacite_files = [p for path in datacite_inputs for p in datacite_sources(path)]
    for path in [*orcid_files, *datacite_files]:
        if not path.is_file():
            raise ConfigError(f"No such file: {path}")
    _check_settings(out, orcid_files, datacite_files, chunk_records)
    done = _read_manifest(out)
    summary = IngestSummary(out=str(out))
    total_bytes = sum(p.stat().st_size for p in [*orcid_files, *datacite_files])
    started = time.monotonic()
    state = {"read": 0, "records": 0}
    cancel = cancel or threading.Event()
    in_flight: dict[Future[ChunkResult], str] = {}
    report = on_progress or (lambda _p: None)

    def finish(block: bool, label: str) -> None:
        while in_flight and (block or len(in_flight) >= 2 * workers):
            finished, _ = wait(in_flight, return_when=FIRST_COMPLETED)
            for future in finished:
                in_flight.pop(future)
                result = future.result()
                _record(out, result, summary)
                state["records"] += result.records
            elapsed = time.monotonic() - started
            read = state["read"]
            rate = state["records"] / elapsed if elapsed else 0.0
            eta = elapsed * (total_bytes - read) / read if read else None
            report(IngestProgress(label, state["records"], read, total_bytes, rate, eta))

    def submit(kind: str, key: str, items: list[bytes], label: str) -> None:
        if key in done:
            summary.chunks_skipped += 1
            summary.skipped_keys.add(key)
            return
        finish(False, label)
        in_flight[executor.submit(parse_chunk, Chunk(kind, key, items, str(out)))] = key

    base = 0
    for number, path in enumerate(orcid_files):
        counter = _Counting(path.open("rb"))
        with counter.raw:
            for key, items in _chunks(
                orcid_members(path, counter), f"orcid-{number}", chunk_records
            ):
                state["read"] = base + counter.count
                submit("orcid", key, items, path.name)
                if cancel.is_set():
                    break
        base += path.stat().st_size
        if cancel.is_set():
            break
    for number, path in enumerate(datacite_files):
        if cancel.is_set():
            break
        counter = _Counting(path.open("rb"))
        with counter.raw:
            lines = (line for _name, line in datacite_lines(path, counter))
            for key, items in _chunks(lines, f"datacite-{number}", chunk_records):
                state["read"] = base + counter.count
                submit("datacite", key, items, path.name)
                if cancel.is_set():
                    break
        base += path.stat().st_size
    finish(True, "done")
    summary.complete = not cancel.is_set()
    summary.seconds = time.monotonic() - started
    return summary


def _chunks(items: Iterator[bytes], prefix: str, size: int) -> Iterator[tuple[str, list[bytes]]]:
    """Records cut into chunks of ``size`` records or :data:`CHUNK_BYTES`, the same way on
    every run over the same file (so a resumed run knows which chunks are done)."""
    batch: list[bytes] = []
    held = number = 0
    for item in items:
        batch.append(item)
        held += len(item)
        if len(batch) >= size or held >= CHUNK_BYTES:
            yield f"{prefix}-{number:06d}", batch
            batch, held, number = [], 0, number + 1
    if batch:
        yield f"{prefix}-{number:06d}", batch


def _check_settings(out: Path, orcid: list[Path], datacite: list[Path], chunk: int) -> None:
    """A resumed run must cut the same chunks: same files, same chunk size."""
    wanted = {
        "orcid": [p.name for p in orcid],
        "datacite": [p.name for p in datacite],
        "chunk_records": chunk,
        "chunk_bytes": CHUNK_BYTES,
    }
    path = out / SETTINGS
    if path.exists():
        stored = json.loads(path.read_text(encoding="utf-8"))
        if stored != wanted:
            raise ConfigError(
                f"{out} holds an ingest of other files or another chunk size.",
                hint="give another --out folder, or the same files as before",
            )
        return
    path.write_text(json.dumps(wanted, indent=1) + "\n", encoding="utf-8")


def _read_manifest(out: Path) -> set[str]:
    path = out / MANIFEST
    if not path.exists():
        return set()
    done = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            done.add(json.loads(line)["key"])
        except (ValueError, KeyError, TypeError):
            continue  # a line cut short by a kill: that chunk is simply done again
    return done


def _record(out: Path, result: ChunkResult, summary: IngestSummary) -> None:
    with (out / MANIFEST).open("a", encoding="utf-8") as f:
        f.write(json.dumps({"key": result.key, "records": result.records}) + "\n")
        f.flush()
        os.fsync(f.fileno())
    summary.chunks_written += 1
    summary.workers.add(result.pid)
    if result.kind == "orcid":
        summary.orcid_records += result.records
        summary.orcid_rows += result.rows
    else:
        summary.datacite_dois += result.records
        summary.datacite_names += result.names
