"""``claimdesk search``: find DOIs in DataCite and Crossref and show their claim status.

Top-level imports stay light (stdlib + argparse); everything else is imported when it runs.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Sequence

    from claimdesk.claims.status import RecordIndex
    from claimdesk.config import Settings


def add_search_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of ``claimdesk search``."""
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--orcid", metavar="ID", help="DOIs whose creators or contributors list ID")
    mode.add_argument("--name", metavar="N", help="DOIs by a person's name")
    mode.add_argument("--query", metavar="Q", help="DOIs matching a free-text query")
    mode.add_argument(
        "--dois",
        metavar="FILE",
        help="look up the DOIs in a text, CSV, RIS or BibTeX file ('-' for standard input)",
    )
    parser.add_argument(
        "--source",
        choices=("datacite", "crossref", "both"),
        default="both",
        help="which service to search (default: both)",
    )
    parser.add_argument(
        "--record",
        metavar="ID",
        help="the ORCID record to show the claim status against (default: the --orcid iD, "
        "else the current signed-in account)",
    )
    parser.add_argument(
        "--max",
        type=positive_int,
        default=1000,
        metavar="N",
        help="at most N results per service (default 1000)",
    )
    parser.add_argument(
        "--public",
        action="store_true",
        help="show the claim status against the record's public works, read without signing in",
    )
    parser.add_argument(
        "--orcid-import",
        metavar="FILE",
        help="write the DOIs not on the record as BibTeX for orcid.org's Add works -> Import "
        "BibTeX (you become their source), and list DataCite Commons claim pages",
    )
    parser.add_argument("--json", action="store_true", help="print JSON")


def positive_int(text: str) -> int:
    """An argparse type: a whole number of at least 1 (anything else is a usage error)."""
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, got {text!r}")
    return value


def run_search(args: argparse.Namespace) -> int:
    """Search, mark each DOI's claim status on the record, print DOI, status, title."""
    from claimdesk.auth.client_secret import settings_from_args
    from claimdesk.terminal import safe_line

    settings = settings_from_args(args)
    sources = ("datacite", "crossref") if args.source == "both" else (args.source,)
    records, errors = _find(settings, args, sources)
    if errors and not args.dois:  # one line, whatever failed: each message names its service
        print("claimdesk: " + "; ".join(str(e) for e in errors.values()), file=sys.stderr)

    index, why_unknown, status_problem = _record_index(
        settings, args.record or args.orcid, public=args.public
    )
    rows = [_row(record, index, why_unknown) for record in records]
    if args.orcid_import:
        _write_orcid_import(settings, args.orcid_import, records, index)
    if args.json:
        if status_problem:
            print(f"claimdesk: claim status unknown: {status_problem}", file=sys.stderr)
        print(
            json.dumps(
                {"results": rows, "errors": {k: str(v) for k, v in errors.items()}},
                ensure_ascii=False,
                indent=2,
            )
        )
    else:
        for row in rows:
            flag = " [version/part of another DOI]" if row["is_version"] else ""
            # One row per line, whatever the registry's title holds.
            print(f"{row['doi']}\t{row['status']}{flag}\t{safe_line(row['title'])}")
        status = f"; claim status unknown: {status_problem}" if status_problem else ""
        print(f"claimdesk: {len(rows)} DOIs{status}", file=sys.stderr)
    # Results from one service still count when the other failed; fail only if nothing answered.
    return 1 if errors and len(errors) == len(sources) else 0


def _find(
    settings: Settings, args: argparse.Namespace, sources: tuple[str, ...]
) -> tuple[list[Any], dict[str, Any]]:
    """(records, errors per service) for the chosen search mode."""
    if args.dois:
        from claimdesk.commands.claim import read_doi_file  # notes lines without a DOI
        from claimdesk.sources.doilist import resolve_dois

        dois = read_doi_file(args.dois)
        if not dois:
            print(f"claimdesk: no DOIs found in {args.dois}", file=sys.stderr)
        from claimdesk.commands.claim import lookup_progress

        print(f"claimdesk: looking up {len(dois)} DOIs in DataCite and Crossref…", file=sys.stderr)
        resolved = resolve_dois(settings, dois, on_progress=lookup_progress())
        if resolved.unknown:
            said = _some(resolved.unknown)
            print(f"claimdesk: not found in DataCite or Crossref: {said}", file=sys.stderr)
        errors: dict[str, Any] = {}
        for problems in resolved.failed.values():
            for problem in problems:
                errors.setdefault(problem.source, problem)
        if resolved.failed:
            said = _some(list(resolved.failed))
            why = "; ".join(str(e) for e in errors.values())
            print(f"claimdesk: could not be looked up: {said} ({why})", file=sys.stderr)
        return list(resolved.records), errors
    from claimdesk.orcid.ids import normalize_orcid
    from claimdesk.sources.search import SearchQuery, search

    if args.orcid:
        orcid = normalize_orcid(args.orcid)
        if orcid is None:
            from claimdesk.errors import ConfigError

            raise ConfigError(f"{args.orcid!r} is not a valid ORCID iD.")
        query = SearchQuery("orcid", orcid, sources, args.max)
    elif args.name:
        query = SearchQuery("name", args.name, sources, args.max)
    else:
        query = SearchQuery("query", args.query, sources, args.max)
    result = search(settings, query)
    return list(result.records), dict(result.errors)


def _some(dois: Sequence[str], shown: int = 5) -> str:
    """``dois`` in one line: the first few, and how many more (a list may hold thousands)."""
    from claimdesk.terminal import safe_line

    more = f" and {len(dois) - shown:,} more" if len(dois) > shown else ""
    return safe_line(", ".join(dois[:shown]) + more)  # DOIs from a file: made safe to print


def _record_index(
    settings: Settings, orcid: str | None, *, public: bool = False
) -> tuple[RecordIndex | None, str, str]:
    """The record's works indexed for status marking, or (None, why the status is unknown, the
    error that says so).

    ``public``: the record's public works, read from the Public API without a sign-in.
    """
    from claimdesk.claims.status import RecordIndex
    from claimdesk.errors import ClaimdeskError, ConfigError
    from claimdesk.workflows.record_client import open_record_client, owner_settings, record_orcid

    try:
        if public:
            from claimdesk.workflows.public_record import PublicReader

            if not orcid:
                raise ConfigError("--public needs the record's iD (--orcid or --record)")
            with PublicReader(settings) as reader:
                read = reader.read(orcid)
            works, record = read.works, read.orcid
        else:
            record = record_orcid(settings, orcid)
            with open_record_client(settings, record) as client:
                works = client.read_works()
                settings = owner_settings(settings, client)
    except ClaimdeskError as err:
        return None, "unknown (no readable ORCID record)", str(err)
    from claimdesk.claims.journal import default_path, removed_dois

    index = RecordIndex.build(works, settings.client_id, record_orcid=record)
    return index.note_removed(removed_dois(default_path(), settings.env, record)), "", ""


def _write_orcid_import(
    settings: Settings, path: str, records: list[Any], index: RecordIndex | None
) -> None:
    """Write the unclaimed DOIs as BibTeX for orcid.org's import; say where to go next."""
    from claimdesk.errors import ConfigError
    from claimdesk.workflows.claim_elsewhere import SOURCE_NOTES, orcid_works_page, plan_import

    if index is None:
        raise ConfigError("Without the record's works claimdesk cannot tell which DOIs to write.")
    # Versions and parts of other DOIs stay out, as claims leave them out.
    missing = [
        r
        for r in records
        if not index.status(r.doi, is_version=r.is_version_or_part).on_record
        and not r.is_version_or_part
    ]
    plan = plan_import(missing)
    with open(path, "w", encoding="utf-8") as out:
        out.write(plan.bibtex)

    def say(text: str) -> None:
        print(f"claimdesk: {text}", file=sys.stderr)

    say(f"wrote {plan.count} DOIs not on the record to {path}")
    say(f"import it at {orcid_works_page(settings.endpoints)} (Works → Add → Import BibTeX)")
    say(SOURCE_NOTES["bibtex"])
    if plan.commons:
        say(f"{len(plan.commons)} are DataCite DOIs; {SOURCE_NOTES['commons']}")
        for doi, url in plan.commons:
            say(f"  {doi}: {url}")


def _row(record: Any, index: RecordIndex | None, why_unknown: str) -> dict[str, Any]:
    is_version = bool(getattr(record, "is_version_or_part", False))
    status = index.status(record.doi, is_version=is_version) if index is not None else None
    return {
        "doi": record.doi,
        "status": status.label if status is not None else why_unknown,
        "state": status.state.value if status is not None else None,
        "put_code": status.put_code if status is not None else None,
        "sources": list(status.sources) if status is not None else [],
        "is_version": is_version,
        "title": record.title or "",
        "year": record.year,
        "agency": record.agency,
    }
