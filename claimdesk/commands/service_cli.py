"""``claimdesk grants`` and ``claimdesk notify``, and the ``--service`` half of ``claimdesk push``.

The API key comes from the keyring (``grants --service URL --save-api-key`` asks for it once) or
from ``CLAIMDESK_API_KEY``; never from a command-line argument, where ``ps`` would show it.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from claimdesk.curator.report import RoundTripReport
    from claimdesk.service.client import ServiceClient

API_KEY_ENV = "CLAIMDESK_API_KEY"


def add_service_argument(parser: argparse.ArgumentParser, *, required: bool) -> None:
    """``--service URL``."""
    parser.add_argument(
        "--service",
        metavar="URL",
        required=required,
        help="a claimdesk permissions service (API key from the keyring or CLAIMDESK_API_KEY)",
    )


def add_grants_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of ``claimdesk grants``."""
    add_service_argument(parser, required=True)
    parser.add_argument("--json", action="store_true", help="print the grants as JSON")
    parser.add_argument(
        "--save-api-key",
        action="store_true",
        help="ask for the service's API key and keep it in the keyring",
    )


def add_notify_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of ``claimdesk notify``: the round trip's selection, then the inbox requests."""
    from claimdesk.commands.roundtrip_input import add_input_arguments

    add_input_arguments(parser)
    add_service_argument(parser, required=True)
    parser.add_argument(
        "--dry-run", action="store_true", help="say what would be sent; send nothing"
    )


def open_service(url: str) -> ServiceClient:
    """A client for the service, with the key from the environment or the keyring."""
    from claimdesk.workflows.service import open_service as connect

    hint = f"run: claimdesk grants --service {url} --save-api-key (or set {API_KEY_ENV})"
    return connect(url, os.environ.get(API_KEY_ENV), keep=False, hint=hint)


def run_grants(args: argparse.Namespace) -> int:
    """``claimdesk grants``: the service's grants, as a table or JSON."""
    if args.save_api_key:
        import getpass

        from claimdesk.service.client import store_api_key

        store_api_key(args.service, getpass.getpass("API key: ").strip())
    with open_service(args.service) as client:
        grants = client.grants()
    if args.json:
        print(json.dumps({"grants": grants}, indent=2))
        return 0
    if not grants:
        print("No researcher has granted permission yet.")
        return 0
    for g in grants:
        name = g.get("name") or ""
        used = g.get("last_used") or "never used"
        print(f"{g['orcid']}  {g['status']:<9}  granted {g['granted'][:10]}  {used[:10]}  {name}")
    return 0


def push_through_service(args: argparse.Namespace, report: RoundTripReport) -> int:
    """``claimdesk push --service URL``: queue the missing works on the service."""
    from claimdesk.workflows.service import missing_by_orcid

    pairs = missing_by_orcid(report, args.include_versions)
    total = sum(len(d) for d in pairs.values())
    if args.dry_run:
        print(f"Would ask {args.service} to add {total} works to {len(pairs)} ORCID records.")
        for orcid, dois in pairs.items():
            print(f"  {orcid}: {len(dois)} DOIs")
        return 0
    if not pairs:
        print("Nothing is missing on ORCID.")
        return 0
    with open_service(args.service) as client:
        answer = client.push(pairs)
    run = answer.get("run")
    print(
        f"Queued {answer['queued']} works on the service" + (f" (run {run['id']})." if run else ".")
    )
    needs = answer.get("needs_permission") or []
    if needs:
        print("Needs permission first (send them the link, or use claimdesk notify):")
        for entry in needs:
            print(f"  {entry['orcid']}: {len(entry['dois'])} DOIs — {entry['grant_url']}")
    return 0


def run_notify(args: argparse.Namespace) -> int:
    """``claimdesk notify``: ask researchers without a grant, through the service."""
    from claimdesk.auth.client_secret import settings_from_args
    from claimdesk.commands.roundtrip_input import check

    report = check(args, settings_from_args(args)).report()
    if not report.complete:
        print("The round trip is not complete; run again with --resume.", file=sys.stderr)
        return 1
    from claimdesk.workflows.service import missing_by_orcid

    pairs = missing_by_orcid(report, include_versions=False)
    with open_service(args.service) as client:
        answer = client.notify(pairs, dry_run=args.dry_run)
    if not answer["inbox"]:
        print(
            "This ORCID client cannot send inbox requests (/premium-notification); "
            "send the researchers the link instead:"
        )
    for entry in answer["requests"]:
        print(f"  {entry['orcid']}: {entry['action']} — {entry['grant_url']}")
    if not answer["requests"]:
        print("Everyone with missing works has already granted permission.")
    return 0
