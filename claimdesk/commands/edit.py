"""``claimdesk edit PUT-CODE`` and ``claimdesk delete PUT-CODE…``: change or remove claimdesk's
own works, as the app's Edit and Delete do (another source's work is refused, nothing sent).

Top-level imports stay light (stdlib + argparse); everything else is imported when a command runs.
"""

from __future__ import annotations

import argparse
import sys

HELP_EDIT = "change one of claimdesk's works on the record"
HELP_DELETE = "delete claimdesk's own works from the record"


def _record_arguments(parser: argparse.ArgumentParser) -> None:
    from claimdesk.commands.claim import add_record_argument

    add_record_argument(parser)
    parser.add_argument("--token-env", metavar="VAR", help=argparse.SUPPRESS)


def _put_code(text: str) -> int:
    """An argparse type: a put-code is a positive whole number."""
    if not text.isdigit() or int(text) <= 0:
        raise argparse.ArgumentTypeError(f"{text!r} is not a put-code (a positive number)")
    return int(text)


def add_edit_arguments(parser: argparse.ArgumentParser) -> None:
    """The work to edit and its new fields (or a work file)."""
    parser.add_argument("put_code", type=_put_code, metavar="PUT-CODE", help="the work to change")
    fields = parser.add_argument_group("fields (an empty value clears an optional field)")
    fields.add_argument("--title")
    fields.add_argument("--subtitle")
    fields.add_argument("--type", help="an ORCID work type, e.g. journal-article, data-set")
    fields.add_argument("--date", help="publication date: YYYY, YYYY-MM or YYYY-MM-DD")
    fields.add_argument("--journal", help="journal, book or proceedings title")
    fields.add_argument("--url")
    fields.add_argument("--description", help="short description (at most 5,000 characters)")
    fields.add_argument("--language", help="language code, e.g. en")
    parser.add_argument(
        "--from",
        dest="from_file",
        metavar="FILE",
        help="replace the work with the one in an ORCID work XML or JSON file ('-': stdin)",
    )
    _record_arguments(parser)


def add_delete_arguments(parser: argparse.ArgumentParser) -> None:
    """The works to delete."""
    parser.add_argument(
        "put_codes", type=_put_code, nargs="+", metavar="PUT-CODE", help="the works to delete"
    )
    _record_arguments(parser)


def run_edit(args: argparse.Namespace) -> int:
    """Read the work, apply the changes, check and send it; print what was saved."""
    from claimdesk.auth.client_secret import settings_from_args
    from claimdesk.claims.changes import ChangeLog
    from claimdesk.claims.journal import default_path
    from claimdesk.commands.input_file import read_input
    from claimdesk.errors import ConfigError
    from claimdesk.workflows.edit import EDITABLE, apply_changes, replacement_from, save_work
    from claimdesk.workflows.record_client import open_record_client, owner_settings, record_orcid

    changes = {name: getattr(args, name) for name in EDITABLE}
    given = {k: v for k, v in changes.items() if v is not None}
    if args.from_file and given:
        raise ConfigError("Give either --from FILE or field options, not both.")
    if not args.from_file and not given:
        raise ConfigError("Nothing to change.", hint="give --title, --date, … or --from FILE")
    settings = settings_from_args(args)
    orcid = record_orcid(settings, args.orcid)
    body = read_input(args.from_file) if args.from_file else None
    with open_record_client(settings, orcid, token_env=args.token_env) as client:
        settings = owner_settings(settings, client)
        original = client.read_work(args.put_code)
        if body is not None:
            edited = replacement_from(body, args.put_code)
        else:
            edited = apply_changes(original, given)
        with ChangeLog(default_path()) as log:
            saved = save_work(
                client, original, edited, settings.client_id, log=log, env=settings.env
            )
    print(f"Saved “{saved.title}” (put-code {saved.put_code}).")
    return 0


def run_delete(args: argparse.Namespace) -> int:
    """Delete the works (all claimdesk's, or none is sent); one line per work; 1 if any failed."""
    from claimdesk.auth.client_secret import settings_from_args
    from claimdesk.claims.changes import ChangeLog
    from claimdesk.claims.journal import default_path
    from claimdesk.errors import ConfigError
    from claimdesk.workflows.delete import delete_works
    from claimdesk.workflows.explain import explain
    from claimdesk.workflows.record_client import open_record_client, owner_settings, record_orcid

    settings = settings_from_args(args)
    orcid = record_orcid(settings, args.orcid)
    with open_record_client(settings, orcid, token_env=args.token_env) as client:
        settings = owner_settings(settings, client)
        works = client.read_works()
        by_code = {s.put_code: s for s in works.summaries() if s.put_code is not None}
        missing = [pc for pc in args.put_codes if pc not in by_code]
        if missing:
            raise ConfigError(
                f"No work with put-code {', '.join(map(str, missing))} on {orcid}; nothing was "
                "deleted.",
                hint="'claimdesk works' lists the put-codes",
            )
        items = [by_code[pc] for pc in dict.fromkeys(args.put_codes)]
        with ChangeLog(default_path()) as log:
            results = delete_works(
                client, items, client_id=settings.client_id, log=log, env=settings.env
            )
    failed = 0
    for result in results:
        if result.error is None:
            print(f"deleted  {result.summary.put_code}  {result.summary.title}")
        else:
            failed += 1
            print(f"claimdesk: {result.summary.put_code}: {explain(result.error)}", file=sys.stderr)
    return 1 if failed else 0
