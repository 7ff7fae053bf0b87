"""``claimdesk dumps ingest``: ORCID's and DataCite's public data files into Parquet tables.

Top-level imports stay light: the parser imports this module to add its options.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from claimdesk.commands.arg_types import whole_number

if TYPE_CHECKING:
    from concurrent.futures import Executor

HELP = "curator: the public data files (ORCID, DataCite) as Parquet tables for roundtrip --dumps"


def add_dumps_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of ``claimdesk dumps``."""
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    ingest = actions.add_parser(
        "ingest",
        help="stream the archives, parse every record, write partitioned Parquet (resumable)",
    )
    ingest.add_argument(
        "--orcid",
        nargs="+",
        default=[],
        type=Path,
        metavar="FILE",
        help="ORCID summaries archives (ORCID_<year>_10_summaries.tar.gz)",
    )
    ingest.add_argument(
        "--datacite",
        nargs="+",
        default=[],
        type=Path,
        metavar="FILE|DIR",
        help="DataCite's public data file: its .tar, .jsonl.gz members, or a folder of them",
    )
    ingest.add_argument("--out", required=True, type=Path, metavar="DIR", help="table folder")
    ingest.add_argument(
        "--workers",
        type=whole_number(1, 1024),
        default=None,
        metavar="N",
        help="parser processes on this machine (default: one per core)",
    )
    ingest.add_argument(
        "--dask",
        metavar="ADDRESS",
        help="parse on a Dask cluster (tcp://SCHEDULER:8786); --out must be reachable by its workers",
    )
    ingest.add_argument(
        "--chunk",
        type=whole_number(1, 10_000_000),
        default=None,
        metavar="N",
        help="records per task and per Parquet file (default 5000; keep it when resuming)",
    )


@contextmanager
def executor_for(dask: str | None, workers: int | None) -> Iterator[tuple[Executor, int]]:
    """A process pool of ``workers`` (default: one per core), or a Dask cluster's executor
    when ``dask`` is a scheduler address; with the number of tasks it runs at once."""
    import os

    if dask:
        from distributed import Client

        with Client(dask) as client:
            cores = sum(client.nthreads().values()) or 1
            executor = client.get_executor(pure=False)
            try:
                yield executor, cores
            finally:
                executor.shutdown(wait=True)
        return
    from concurrent.futures import ProcessPoolExecutor

    count = max(1, workers or os.cpu_count() or 1)
    with ProcessPoolExecutor(max_workers=count) as pool:
        yield pool, count


def run_dumps(args: argparse.Namespace) -> int:
    """``claimdesk dumps ingest``."""
    from claimdesk.dumps import extra
    from claimdesk.dumps.ingest import CHUNK_RECORDS, IngestProgress, ingest
    from claimdesk.errors import ConfigError

    needed = ("pyarrow", "distributed") if args.dask else ("pyarrow",)
    extra.require(*needed, what="Ingesting the data files")
    if not args.orcid and not args.datacite:
        raise ConfigError("Give --orcid FILE… and/or --datacite FILE|DIR….")
    import time

    terminal = sys.stderr.isatty()
    last = [0.0]

    def show(progress: IngestProgress) -> None:
        if terminal:
            sys.stderr.write("\r" + progress.line()[:110].ljust(110))
            sys.stderr.flush()
        elif time.monotonic() - last[0] >= 10:  # a log, not a terminal: a line now and then
            last[0] = time.monotonic()
            print(progress.line(), file=sys.stderr, flush=True)

    with executor_for(args.dask, args.workers) as (pool, slots):
        summary = ingest(
            list(args.orcid),
            list(args.datacite),
            args.out,
            executor=pool,
            workers=slots,
            chunk_records=args.chunk or CHUNK_RECORDS,
            on_progress=show,
        )
    if terminal:
        sys.stderr.write("\n")
    for line in summary.lines():
        print(line)
    return 0
