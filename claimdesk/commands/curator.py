"""``claimdesk roundtrip`` and ``claimdesk push``: the curator tools on the command line.

Top-level imports stay light (argparse only): the parser imports this module for every command.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING

from claimdesk.commands.roundtrip_input import add_input_arguments, check
from claimdesk.commands.roundtrip_input import target as roundtrip_target

if TYPE_CHECKING:
    from claimdesk.curator.report import MetadataProblem, RoundTripRow, RoundTripSummary
    from claimdesk.dumps.query import DumpTables


def add_roundtrip_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of ``claimdesk roundtrip``."""
    add_input_arguments(parser, everything=True)
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
    out.add_argument(
        "--parquet", metavar="OUT", help="also write the rows as Parquet (needs claimdesk[scale])"
    )
    out.add_argument(
        "--all",
        action="store_true",
        help="print every row (default: only what needs attention, not the matching pairs)",
    )


def add_push_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of ``claimdesk push``."""
    add_input_arguments(parser)
    parser.add_argument("--dry-run", action="store_true", help="show the plan; send nothing")
    parser.add_argument(
        "--include-versions",
        action="store_true",
        help="also add DOIs that are versions or parts of another DOI",
    )
    from claimdesk.commands.service_cli import add_service_argument

    add_service_argument(parser, required=False)


def run_roundtrip(args: argparse.Namespace) -> int:
    """``claimdesk roundtrip``: print the report's summary and rows, write CSV/JSON if asked.

    Everything streams from the checkpoint, so a repository of a million pairs is reported in
    constant memory."""
    from claimdesk.auth.client_secret import settings_from_args
    from claimdesk.curator.report import iter_rows, summarize
    from claimdesk.curator.state import RoundTripState

    if args.dumps or args.all_datacite or args.problems:
        return _from_dumps(args)
    if args.parquet:  # before the run: a missing extra should not cost an hour of requests
        from claimdesk.dumps import extra

        extra.require("pyarrow", what="The Parquet export")
    run = check(args, settings_from_args(args))
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
        if args.parquet:
            from claimdesk.dumps.tables import write_rows_parquet

            write_rows_parquet(iter_rows(state), args.parquet)
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
    from claimdesk.auth.client_secret import settings_from_args
    from claimdesk.curator.push import plan_push
    from claimdesk.curator.push import run_push as send

    settings = settings_from_args(args)
    report = check(args, settings).report()
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
        raise ConfigError("--all-datacite and --problems need --dumps DIR.")
    extra.require("duckdb", "pyarrow", what="The round trip from the data files")
    from claimdesk.dumps.query import DumpTables

    target = roundtrip_target(args)
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
