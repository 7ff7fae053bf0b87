"""``claimdesk works``: the signed-in record's works, grouped as ORCID groups them."""

from __future__ import annotations

import argparse
import os
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
        help="print the normalised JSON that 'claimdesk inspect' prints for a works summary",
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
    """Read the record's works and print them, grouped (or as JSON with ``--json``)."""
    from claimdesk.config import settings_from_args

    settings = settings_from_args(args)
    if args.public:
        summary, orcid = _read_public(settings, args.orcid)
    else:
        with _open_client(settings, args) as client:
            summary = client.read_works()
            orcid = client.orcid
    if args.json:
        import json

        from claimdesk.commands.inspect import normalise

        print(json.dumps(normalise(summary), indent=2, ensure_ascii=False))
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


def format_works(summary: WorksSummary, orcid: str, client_id: str | None) -> str:
    """The works as text: one numbered block per group, its versions beneath, preferred first.

    ``*`` marks the preferred version and ``(claimdesk)`` the versions claimdesk added.
    """
    from claimdesk.orcid.export import source_label

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


def _open_client(settings: Settings, args: argparse.Namespace) -> OrcidClient:
    """A client for ``--orcid`` (else the current account) with the token ``--token-env`` names,
    else CLAIMDESK_TOKEN, else the stored sign-in."""
    from claimdesk.commands.claim import open_record_client, record_orcid

    orcid = record_orcid(settings, args.orcid)
    if args.token_env:
        from claimdesk.errors import ConfigError
        from claimdesk.orcid.client import OrcidClient

        token = os.environ.get(args.token_env)
        if not token:
            raise ConfigError(f"The variable {args.token_env} holds no ORCID access token.")
        return OrcidClient(settings, orcid, token)
    return open_record_client(settings, orcid)
