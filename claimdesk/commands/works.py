"""``claimdesk works``: the signed-in record's works, grouped as ORCID groups them."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from claimdesk.config import Settings
    from claimdesk.orcid.client import OrcidClient
    from claimdesk.orcid.model import WorksSummary

HELP = "the signed-in record's works, grouped as ORCID groups them"


def add_works_arguments(parser: argparse.ArgumentParser) -> None:
    """``--json`` and the record to read."""
    from claimdesk.commands.claim import add_record_argument

    parser.add_argument(
        "--json",
        action="store_true",
        help="print the normalised JSON that 'claimdesk inspect' prints for a works summary "
        "(compact, one line)",
    )
    parser.add_argument(
        "--indent",
        type=_indent,
        nargs="?",
        const=2,
        metavar="N",
        help="with --json: indent by N spaces (default 2) for people to read",
    )
    for flag, name in (("--bibtex", "BibTeX"), ("--ris", "RIS (Zotero, EndNote, Mendeley)"),
                       ("--csv", "CSV")):  # fmt: skip
        parser.add_argument(
            flag,
            metavar="FILE",
            help=f"also write every group, with its authors, to FILE as {name}",
        )
    add_record_argument(parser)
    parser.add_argument(
        "--public",
        action="store_true",
        help="read any record's public works from ORCID's Public API, without signing in "
        "(needs --orcid)",
    )
    # Scripts may keep the access token in a variable of their choice (default: CLAIMDESK_TOKEN,
    # else the stored sign-in).
    parser.add_argument("--token-env", metavar="VAR", help=argparse.SUPPRESS)


def run_works(args: argparse.Namespace) -> int:
    """Read the record's works and print them, grouped (or as JSON with ``--json``); with
    ``--bibtex``/``--ris``/``--csv`` also write them, with their authors, to those files."""
    from claimdesk.auth.client_secret import settings_from_args
    from claimdesk.workflows.record_client import open_record_client, record_orcid

    settings = settings_from_args(args)
    exports = {fmt: getattr(args, fmt, None) for fmt in ("bibtex", "ris", "csv")}
    if args.public:
        summary, orcid = _read_public(settings, args.orcid)
        if any(exports.values()):
            from claimdesk.workflows.public_record import PublicReader

            with PublicReader(settings) as reader:
                public_client = reader.client(orcid)
                known: dict = {}
                for fmt, path in exports.items():
                    if path:
                        known = _export(public_client, summary, fmt, Path(path), known)
    else:
        orcid = record_orcid(settings, args.orcid)
        with open_record_client(settings, orcid, token_env=args.token_env) as client:
            summary = client.read_works()
            known = {}
            for fmt, path in exports.items():
                if path:
                    known = _export(client, summary, fmt, Path(path), known)
    if any(exports.values()):
        return 0  # the files were asked for; the listing would only repeat them
    if args.json or args.indent is not None:
        from claimdesk.commands.inspect import normalise

        write_json(normalise(summary), args.indent)
    else:
        print(format_works(summary, orcid, settings.client_id))
    return 0


def _read_public(settings: Settings, orcid: str | None) -> tuple[WorksSummary, str]:
    """The public works of ``orcid``; says on stderr how they were read and ORCID's allowance."""
    import sys

    from claimdesk.errors import ConfigError
    from claimdesk.workflows.public_record import PublicReader, allowance_text

    if not orcid:
        raise ConfigError("--public needs the record's iD: --orcid 0000-0002-1825-0097")
    with PublicReader(settings) as reader:
        public = reader.read(orcid)
        if reader.why_anonymous:
            print(f"claimdesk: read anonymously ({reader.why_anonymous})", file=sys.stderr)
        print(f"claimdesk: {allowance_text(reader)}", file=sys.stderr)
    return public.works, public.orcid


def write_json(value: object, indent: int | None = None) -> None:
    """``value`` as JSON on stdout: compact for programs, indented by ``indent`` for people.

    msgspec's encoder is C: for a 10,000-work record it takes a fraction of the time the
    standard library's indenting encoder did (which was a third of the command's CPU).
    """
    import sys

    import msgspec

    out = msgspec.json.encode(value)
    if indent is not None:
        out = msgspec.json.format(out, indent=indent)
    sys.stdout.flush()
    sys.stdout.buffer.write(out + b"\n")
    sys.stdout.buffer.flush()


def _indent(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = -1
    if not 0 <= value <= 16:
        raise argparse.ArgumentTypeError(f"expected a number of spaces from 0 to 16, not {text!r}")
    return value


def format_works(summary: WorksSummary, orcid: str, client_id: str | None) -> str:
    """The works as text: one numbered block per group, its versions beneath, preferred first.

    ``*`` marks the preferred version and ``(claimdesk)`` the versions claimdesk added.
    """
    from claimdesk.orcid.model import source_label

    lines = [f"{orcid}: {len(summary)} works ({summary.work_count} versions)"]
    for number, group in enumerate(summary, 1):
        preferred = group.preferred
        facts = ", ".join(str(x) for x in (preferred.year, preferred.type) if x)
        lines.append(f"{number:>4}. {preferred.title}" + (f" ({facts})" if facts else ""))
        ids = " ".join(f"{e.type}:{e.value}" for e in group.external_ids)
        if ids:
            lines.append(f"      {ids}")
        for version in group.summaries:
            mark = "*" if version is preferred else " "
            name = source_label(version.source) or "unknown source"
            ours = " (claimdesk)" if version.is_owned_by(client_id) else ""
            lines.append(f"      {mark} {version.put_code}  {name}{ours}")
    return "\n".join(lines)


def _export(
    client: OrcidClient | None, summary: WorksSummary, fmt: str, path: Path, known: dict
) -> dict:
    """Write ``summary`` to ``path`` as ``fmt``, saying how far the author look-up is on stderr;
    the full works read, so the next format does not read them again. Without ``client`` only
    ``known`` full works are used."""
    from claimdesk.workflows.export import export_works, fetch_details

    put_codes = [g.preferred.put_code for g in summary.groups if g.preferred.put_code is not None]

    def progress(done: int, total: int) -> None:
        if total:
            print(f"claimdesk: reading authors: {done} of {total} works", file=sys.stderr)

    if client is not None:
        known = fetch_details(client, put_codes, known, progress=progress)
    result = export_works(list(summary.groups), fmt, path, known=known)
    print(f"claimdesk: wrote {result.works} works to {path}", file=sys.stderr)
    return known
