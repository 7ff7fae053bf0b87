"""``claimdesk roundtrip`` and ``claimdesk push``: the curator tools on the command line.

Top-level imports stay light (argparse only): the parser imports this module for every command.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING

from claimdesk.commands.arg_types import rate
from claimdesk.terminal import write_control

if TYPE_CHECKING:
    from claimdesk.config import Settings
    from claimdesk.curator.report import MetadataProblem, RoundTripRow, RoundTripSummary
    from claimdesk.curator.roundtrip import RoundTripInput, RoundTripProgress, RoundTripRun
    from claimdesk.dumps.query import DumpTables


def _add_input_arguments(parser: argparse.ArgumentParser, *, everything: bool = False) -> None:
    group = parser.add_argument_group("what to check (one of)")
    source = group.add_mutually_exclusive_group(required=True)
    # --client-id is the ORCID client id (environment options), hence --repository here.
    source.add_argument(
        "--repository", metavar="ID", help="a DataCite repository (client) id, e.g. cern.zenodo"
    )
    source.add_argument("--prefix", metavar="10.X", help="every DataCite DOI with this prefix")
    source.add_argument(
        "--dois", metavar="FILE", help="a file of DOIs: text, CSV, RIS or BibTeX, any DOI form"
    )
    source.add_argument("--doi", metavar="DOI", help="one DOI")
    if everything:
        source.add_argument(
            "--all-datacite",
            action="store_true",
            default=None,
            help="every DOI in the data files (with --dumps)",
        )
    state = parser.add_argument_group("checkpoint")
    state.add_argument(
        "--state",
        metavar="PATH",
        help="checkpoint file of the round trip (default: roundtrip.sqlite3 in the data folder)",
    )
    state.add_argument(
        "--resume",
        action="store_true",
        help="continue the interrupted run in the checkpoint instead of starting over",
    )
    parser.add_argument(
        "--rate",
        type=rate(10_000.0),  # above 24 only for a local sandbox
        default=None,
        metavar="N",
        help="ORCID requests per second (default 24, ORCID's limit; never set it higher)",
    )


def add_roundtrip_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of ``claimdesk roundtrip``."""
    _add_input_arguments(parser, everything=True)
    dumps = parser.add_argument_group("from the public data files (needs claimdesk[scale])")
    dumps.add_argument(
        "--dumps",
        metavar="DIR",
        help="answer from the tables `claimdesk dumps ingest` wrote, with DuckDB (no API calls)",
    )
    dumps.add_argument(
        "--problems",
        metavar="OUT",
        help="write the metadata problems (.csv, .json or .parquet) that stop auto-update",
    )
    out = parser.add_argument_group("output")
    out.add_argument("--csv", metavar="OUT", help="also write the rows as CSV")
    out.add_argument("--json", metavar="OUT", help="also write the whole report as JSON")
    out.add_argument("--parquet", metavar="OUT", help="also write the rows as Parquet (--dumps)")
    out.add_argument(
        "--all",
        action="store_true",
        help="print every row (default: only what needs attention, not the matching pairs)",
    )


def add_push_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of ``claimdesk push``."""
    _add_input_arguments(parser)
    parser.add_argument("--dry-run", action="store_true", help="show the plan; send nothing")
    parser.add_argument(
        "--include-versions",
        action="store_true",
        help="also add DOIs that are versions or parts of another DOI",
    )
    from claimdesk.commands.service_cli import add_service_argument

    add_service_argument(parser, required=False)


def _target(args: argparse.Namespace) -> RoundTripInput:
    from claimdesk.curator.roundtrip import RoundTripInput

    if args.dois:
        return RoundTripInput.from_file(args.dois)
    from claimdesk.errors import ConfigError
    from claimdesk.orcid.ids import normalize_doi

    if args.doi is not None and normalize_doi(args.doi) is None:
        raise ConfigError(f"Not a DOI: {args.doi!r}.")
    prefix = args.prefix.strip().rstrip("/") if args.prefix is not None else None
    if prefix is not None and not re.fullmatch(r"10\.\d{4,9}(\.\d+)*", prefix):
        raise ConfigError(f"Not a DOI prefix: {args.prefix!r}.", hint="a prefix looks like 10.5281")
    everything = bool(getattr(args, "all_datacite", None))
    return RoundTripInput(
        repository=args.repository, prefix=prefix, doi=args.doi, everything=everything
    )


def _progress_printer() -> Callable[[RoundTripProgress], None] | None:
    """A progress callback writing one updating line to stderr when it is a terminal."""
    if not sys.stderr.isatty():
        return None

    def show(progress: RoundTripProgress) -> None:
        total = f"/{progress.total}" if progress.total else ""
        write_control(sys.stderr, f"\r{progress.phase}: {progress.done}{total}   ")
        sys.stderr.flush()

    return show


def _check(args: argparse.Namespace, settings: Settings) -> RoundTripRun:
    """Run the round trip for the parsed options (Ctrl-C leaves the checkpoint to resume)."""
    from claimdesk.curator.roundtrip import check_roundtrip

    try:
        return check_roundtrip(
            settings,
            _target(args),
            state_path=args.state,
            resume=args.resume,
            on_progress=_progress_printer(),
            rate=args.rate,
        )
    finally:
        if sys.stderr.isatty():
            write_control(sys.stderr, "\r" + " " * 40 + "\r")


def run_roundtrip(args: argparse.Namespace) -> int:
    """``claimdesk roundtrip``: print the report's summary and rows, write CSV/JSON if asked.

    Everything streams from the checkpoint, so a repository of a million pairs is reported in
    constant memory."""
    from claimdesk.config import settings_from_args
    from claimdesk.curator.report import iter_rows, summarize
    from claimdesk.curator.state import RoundTripState

    if args.dumps or args.all_datacite or args.parquet or args.problems:
        return _from_dumps(args)
    run = _check(args, settings_from_args(args))
    with RoundTripState(run.state_path) as state:
        summary = summarize(state)
        unreadable = state.record_errors()
        _print_and_write(
            args,
            f"Round trip of {run.input}",
            summary,
            lambda: iter_rows(state),
            complete=run.complete,
            without_metadata=state.dois_without_metadata(),
            unreadable=unreadable,
        )
        for orcid, why in unreadable.items():
            print(f"could not read {orcid}: {why}", file=sys.stderr)
    if run.complete and summary.dois == 0:
        # An unknown repository or an empty prefix is almost always a typo, not a finding.
        print(f"No DOIs were found for {run.input}.", file=sys.stderr)
        return 1
    if not run.complete:
        print(
            "The round trip is not complete (cancelled, or some ORCID searches failed); "
            "run it again with --resume to finish.",
            file=sys.stderr,
        )
        return 1
    return 0


def _row_line(r: RoundTripRow) -> str:
    sources = f"  [{'; '.join(r.sources)}]" if r.sources else ""
    # A DOI column of fixed width: streaming cannot know the longest DOI before printing.
    return f"{r.doi:<30}  {r.orcid}  {r.category}{sources}"


def _print_and_write(
    args: argparse.Namespace,
    title: str,
    summary: RoundTripSummary,
    rows: Callable[[], Iterable[RoundTripRow]],
    *,
    complete: bool,
    without_metadata: Iterable[str],
    unreadable: Mapping[str, str],
    problems: Callable[[], Iterable[MetadataProblem]] = lambda: (),
) -> None:
    """Print the summary and the rows that need attention (all with --all), then write the
    CSV/JSON exports asked for; ``rows`` is called once per pass, each pass a stream."""
    from claimdesk.curator.report import IN_BOTH, write_csv_rows, write_json

    print(title)
    for line in summary.lines():
        print(f"  {line}")
    printed = 0
    for r in rows():
        if args.all or r.category != IN_BOTH:
            print(("\n" if not printed else "") + _row_line(r))
            printed += 1
    if args.csv:
        with open(args.csv, "w", encoding="utf-8", newline="") as f:
            write_csv_rows(rows(), f)
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            write_json(
                f,
                input_label=title.removeprefix("Round trip of "),
                complete=complete,
                summary=summary,
                rows=rows(),
                without_metadata=without_metadata,
                unreadable=unreadable,
                problems=problems(),
            )


def run_push(args: argparse.Namespace) -> int:
    """``claimdesk push``: round trip, plan, then (unless --dry-run) add the missing works."""
    from claimdesk.auth.accounts import AccountsIndex
    from claimdesk.config import settings_from_args
    from claimdesk.curator.push import plan_push
    from claimdesk.curator.push import run_push as send

    settings = settings_from_args(args)
    report = _check(args, settings).report()
    if not report.complete:
        print("The round trip is not complete; run the push again with --resume.", file=sys.stderr)
        return 1
    if args.service:
        from claimdesk.commands.service_cli import push_through_service

        return push_through_service(args, report)
    plan = plan_push(
        report,
        AccountsIndex().all(settings.env),
        settings,
        include_versions=args.include_versions,
    )
    for line in plan.lines():
        print(line)
    if args.dry_run or not plan.targets:
        return 0
    result = send(plan, settings, rate=args.rate)
    print("Push:")
    for line in result.lines():
        print(line)
    return 0 if result.ok else 1


def _from_dumps(args: argparse.Namespace) -> int:
    """``roundtrip --dumps DIR``: the report from the ingested tables, streamed."""
    from claimdesk.dumps import extra
    from claimdesk.errors import ConfigError

    if not args.dumps:
        raise ConfigError("--all-datacite, --parquet and --problems need --dumps DIR.")
    extra.require("duckdb", "pyarrow", what="The round trip from the data files")
    from claimdesk.dumps.query import DumpTables

    target = _target(args)
    with DumpTables(args.dumps, target) as tables:
        summary = tables.summary()
        _print_and_write(
            args,
            f"Round trip of {target.describe()}",
            summary,
            tables.rows,
            complete=True,
            without_metadata=tables.without_metadata,
            unreadable={},
            problems=tables.problems,
        )
        if args.parquet:
            tables.export_parquet(args.parquet)
        if args.problems:
            _write_problems(tables, args.problems)
    if summary.dois == 0:
        print(f"No DOIs were found for {target.describe()}.", file=sys.stderr)
        return 1
    return 0


def _write_problems(tables: DumpTables, path: str) -> None:
    import csv
    import json
    from dataclasses import asdict

    if path.endswith(".parquet"):
        tables.export_parquet(path, "problems")
        return
    with open(path, "w", encoding="utf-8", newline="") as f:
        if path.endswith(".json"):
            f.write("[")
            for number, problem in enumerate(tables.problems()):
                f.write(("," if number else "") + "\n " + json.dumps(asdict(problem)))
            f.write("\n]\n")
            return
        writer = csv.writer(f)
        writer.writerow(["doi", "identifier", "problem"])
        for problem in tables.problems():
            writer.writerow([problem.doi, problem.identifier or "", problem.problem])
