"""``claimdesk claim`` (add DOIs to the signed-in record, in bulk) and ``claimdesk history``.

Top-level imports stay light (stdlib + argparse); everything else is imported when a command runs.
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from claimdesk.commands.arg_types import whole_number
from claimdesk.terminal import safe_line

if TYPE_CHECKING:
    from claimdesk.claims.runner import RunProgress, RunResult
    from claimdesk.config import Settings

from claimdesk.workflows.record_client import open_record_client, owner_settings, record_orcid


def add_record_argument(parser: argparse.ArgumentParser) -> None:
    """``--orcid``: which signed-in record (default: the current account)."""
    parser.add_argument(
        "--orcid",
        metavar="ID",
        help="the ORCID iD of the record (default: the current signed-in account)",
    )


def add_claim_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of ``claimdesk claim``."""
    parser.add_argument("dois", nargs="*", metavar="DOI", help="DOIs to claim (any usual form)")
    parser.add_argument(
        "--from",
        dest="from_file",
        metavar="FILE",
        help="read DOIs from a text, CSV, RIS or BibTeX file ('-' for standard input)",
    )
    parser.add_argument(
        "--retry-failed",
        action="store_true",
        help="also claim again the DOIs whose claims ORCID refused or whose look-up failed "
        "before (see 'history --failed'), or that a cancelled run did not send",
    )
    parser.add_argument(
        "--readd",
        action="store_true",
        help="add again DOIs deleted on orcid.org since claimdesk claimed them (the DOIs given; "
        "with none, every such DOI of the record — see 'history --removed')",
    )
    add_record_argument(parser)
    parser.add_argument(
        "--dry-run", action="store_true", help="show what would be claimed; send nothing"
    )
    parser.add_argument(
        "--include-versions",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="also claim DOIs that are versions or parts of another DOI (default: settings)",
    )
    parser.add_argument(
        "--allow-own-version",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="also add claimdesk's version where other sources already list the DOI "
        "(default: settings)",
    )
    parser.add_argument(
        "--batch-size",
        type=_batch_size,
        default=100,
        metavar="N",
        help="works per request, 1-100 (default 100, ORCID's maximum)",
    )
    parser.add_argument("--json", action="store_true", help="print the report as JSON")


def _batch_size(text: str) -> int:
    """An argparse type: 1-100 works per request (anything else is a usage error)."""
    try:
        value = int(text)
    except ValueError:
        value = 0
    if not 1 <= value <= 100:
        raise argparse.ArgumentTypeError(f"expected a number from 1 to 100, got {text!r}")
    return value


def add_history_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of ``claimdesk history``."""
    add_record_argument(parser)
    parser.add_argument(
        "--failed",
        action="store_true",
        help="only claims ORCID refused and DOIs whose look-up failed",
    )
    parser.add_argument(
        "--removed",
        action="store_true",
        help="only claims deleted on orcid.org since claimdesk added them",
    )
    parser.add_argument(
        "--leave-removed",
        nargs="+",
        metavar="DOI",
        help="remember to leave these DOIs off the record (removed on orcid.org; 'all' for every one)",
    )
    parser.add_argument(
        "--limit", type=whole_number(1), default=None, metavar="N", help="show at most N claims"
    )
    parser.add_argument("--json", action="store_true", help="print JSON")


# -- shared with `claimdesk search` ----------------------------------------------------------


def read_doi_file(path: str) -> list[str]:
    """DOIs from a text/CSV/RIS/BibTeX file (or '-' for stdin), noting lines without one."""
    from claimdesk.sources import doilist

    found = doilist.read_doi_file(path)
    for number, line in found.skipped[:5]:
        _note(f"{path}:{number}: no DOI in {line[:60]!r}")
    return list(found.dois)


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))


# -- claim -----------------------------------------------------------------------------------


def run_claim(args: argparse.Namespace) -> int:
    """Claim DOIs on the record; exit 1 if any claim failed, was not sent or had no metadata."""
    from claimdesk.auth.client_secret import settings_from_args
    from claimdesk.claims.journal import ClaimJournal, JournalState
    from claimdesk.claims.plan import plan_claims
    from claimdesk.claims.runner import ClaimRunner
    from claimdesk.claims.status import ClaimPolicy, ClaimState, RecordIndex
    from claimdesk.config import claim_options
    from claimdesk.errors import ConfigError
    from claimdesk.orcid.ids import doi_problem, normalize_doi

    bad = [d for d in args.dois if normalize_doi(d) is None]
    if bad:
        raise ConfigError(f"Not a DOI: {doi_problem(bad[0])}.")
    dois = [normalize_doi(d) or d for d in args.dois]
    if args.from_file:
        dois += read_doi_file(args.from_file)

    settings = settings_from_args(args)
    orcid = record_orcid(settings, args.orcid)
    options = claim_options()
    for key in ("allow_own_version", "include_versions"):
        if getattr(args, key) is not None:
            options[key] = getattr(args, key)
    policy = ClaimPolicy(**options)
    with ClaimJournal() as journal:
        if args.retry_failed:
            from claimdesk.workflows.resend import resendable

            history = journal.history(settings.env, orcid)
            dois += [e.doi for e in resendable(history, settings.env, orcid)]
            # DOIs whose look-up failed have no work yet: they are looked up again
            unlooked = journal.in_state(settings.env, orcid, JournalState.LOOKUP_FAILED)
            dois += [e.doi for e in unlooked]
        if args.readd and not dois:
            removed = JournalState.REMOVED, JournalState.LEFT_REMOVED
            dois += [e.doi for e in journal.in_state(settings.env, orcid, *removed)]
    dois = _unique(dois)
    if not dois:
        raise ConfigError(
            "No DOIs to claim.", hint="give DOIs, --from FILE, --retry-failed or --readd"
        )
    with open_record_client(settings, orcid) as client, ClaimJournal() as journal:
        settings = owner_settings(settings, client)
        runner = ClaimRunner(
            settings,
            client,
            journal,
            chunk_size=args.batch_size,
            on_wait=lambda: _note("another claimdesk is writing to this record; waiting…"),
        )
        if not args.dry_run:
            reconciled, _ = runner.reconcile()
            if len(reconciled):
                _note(
                    f"settled {len(reconciled)} claims of an earlier run: {reconciled.describe()}"
                )
        index = RecordIndex.build(client.read_works(), settings.client_id, record_orcid=orcid)
        wanted = [
            d
            for d in dois
            if index.status(d).state is ClaimState.ABSENT
            or (policy.allow_own_version and index.status(d).state is ClaimState.OTHERS)
        ]
        candidates = resolve_candidates(settings, wanted) if wanted else {}
        plan = plan_claims([candidates.get(d, d) for d in dois], index, policy)
        if args.dry_run:
            return _print_plan(plan, args.json)
        cancel = threading.Event()
        result = _run_interruptible(runner, plan, cancel, readd=args.readd)
    _print_result(result, args.json)
    if cancel.is_set():
        return 130  # Ctrl-C: the documented exit code, after saying what was and was not sent
    unresolved = [p.doi for p in plan.items if p.unresolved]
    if unresolved:
        _note(f"{len(unresolved)} DOIs could not be claimed: no metadata found")
    lookups = [p.doi for p in plan.items if p.lookup_failed]
    if lookups:
        _note(
            f"{len(lookups)} DOIs could not be looked up (not claimed; "
            "'claim --retry-failed' tries them again)"
        )
    return 0 if result.ok and not unresolved else 1


def resolve_candidates(settings: Settings, dois: list[str]) -> dict[str, Any]:
    """DOI → claim candidate (metadata converted to an ORCID work), for the DOIs found."""
    from claimdesk.claims.plan import ClaimCandidate, candidate_from_record
    from claimdesk.sources.doilist import resolve_dois

    _note(f"looking up {len(dois)} DOIs in DataCite and Crossref…")
    resolved = resolve_dois(settings, dois, on_progress=lookup_progress())
    for doi in resolved.unknown:
        _note(f"{doi}: not found in DataCite or Crossref")
    found: dict[str, Any] = {}
    for doi, errors in resolved.failed.items():
        # Not "no metadata": nobody said so. Journaled as a look-up failure, retried later.
        why = "; ".join(str(e) for e in errors)
        _note(f"{doi}: could not be looked up: {why}")
        found[doi] = ClaimCandidate(doi, lookup_error=why)
    found.update((r.doi, candidate_from_record(r)) for r in resolved.records)
    return found


def _run_interruptible(
    runner: Any, plan: Any, cancel: threading.Event, *, readd: bool = False
) -> RunResult:
    """Run with progress on stderr; Ctrl-C cancels after the request in flight."""

    def on_progress(progress: RunProgress) -> None:
        _note(f"sent {progress.done} of {progress.total}")

    def on_interrupt(signum: int, frame: object) -> None:
        _note("cancelling after the request in flight…")
        cancel.set()

    in_main = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGINT, on_interrupt) if in_main else None
    try:
        result: RunResult = runner.run(plan, on_progress=on_progress, cancel=cancel, readd=readd)
        return result
    finally:
        if in_main:
            signal.signal(signal.SIGINT, previous)


def _print_plan(plan: Any, as_json: bool) -> int:
    rows = [
        {
            "doi": p.doi,
            "action": "claim" if p.sends else "skip",
            "status": p.status.label,
            "reason": p.reason,
            "title": p.candidate.display_title,
        }
        for p in plan.items
    ]
    if as_json:
        print(json.dumps({"dry_run": True, "claims": rows}, ensure_ascii=False, indent=2))
    else:
        for row in rows:
            detail = row["reason"] or row["status"]
            print(f"{row['doi']}\t{row['action']}\t{safe_line(detail)}\t{safe_line(row['title'])}")
        print(f"would claim {len(plan.to_send)}, skip {len(plan.skipped)}", file=sys.stderr)
    # The same exit code the real claim would give for DOIs nobody has metadata for.
    return 1 if any(p.unresolved for p in plan.items) else 0


def _print_result(result: RunResult, as_json: bool) -> None:
    if as_json:
        print(
            json.dumps(
                {
                    "run_id": result.run_id,
                    "status": result.status.value,
                    "message": result.message,
                    "requests": result.requests,
                    "claims": [
                        {
                            "doi": i.doi,
                            "outcome": i.outcome.value,
                            "put_code": i.put_code,
                            "message": i.message,
                            "error_code": i.error_code,
                            "title": i.title,
                        }
                        for i in result.items
                    ],
                },
                ensure_ascii=False,
                indent=2,
            )
        )
    else:
        for item in result.items:
            detail = f"put-code {item.put_code}" if item.put_code else ""
            if item.message:
                detail = f"{detail}; {item.message}" if detail else item.message
            print(f"{item.doi}\t{item.outcome.value}\t{safe_line(detail)}\t{safe_line(item.title)}")
    print(f"claimdesk: {result.status.value}: {result.summary()}", file=sys.stderr)


def _note(text: str) -> None:
    print(f"claimdesk: {text}", file=sys.stderr, flush=True)


#: Seconds between two progress lines of a DOI look-up (a slow network must not look stuck).
LOOKUP_PROGRESS_EVERY = 2.0


def lookup_progress(
    every: float = LOOKUP_PROGRESS_EVERY, clock: Callable[[], float] = time.monotonic
) -> Callable[[int, int], None]:
    """An ``on_progress(done, total)`` for DOI look-ups: a line on stderr at most every
    ``every`` seconds, and one when the last DOI is in."""
    last = [clock()]
    lock = threading.Lock()

    def report(done: int, total: int) -> None:
        with lock:
            now = clock()
            if done < total and now - last[0] < every:
                return
            last[0] = now
        _note(f"looked up {done} of {total} DOIs")

    return report


# -- history ---------------------------------------------------------------------------------


def run_history(args: argparse.Namespace) -> int:
    """Print the claim journal, newest first (``--failed``: only refused claims)."""
    from claimdesk.auth.client_secret import settings_from_args
    from claimdesk.claims.journal import ClaimJournal, JournalState, default_path

    settings = settings_from_args(args)
    orcid = record_orcid(settings, args.orcid) if args.orcid else None
    if args.leave_removed:
        return _leave_removed(settings.env, orcid, args.leave_removed)
    if not default_path().exists():
        entries = []
    else:
        with ClaimJournal() as journal:
            if args.failed:
                retry = JournalState.FAILED, JournalState.LOOKUP_FAILED
                entries = journal.in_state(settings.env, orcid, *retry)[::-1]
            elif args.removed:
                removed = JournalState.REMOVED, JournalState.LEFT_REMOVED
                entries = journal.in_state(settings.env, orcid, *removed)[::-1]
            else:
                entries = journal.history(settings.env, orcid, limit=args.limit)
                entries = _with_changes(entries, settings.env, orcid, args.limit)
    if args.limit is not None:
        entries = entries[: args.limit]
    if args.json:
        print(
            json.dumps(
                [
                    {
                        "doi": e.doi,
                        "orcid": e.orcid,
                        "env": e.env,
                        "kind": getattr(e, "kind", "claim"),
                        "state": e.state.label,
                        "put_code": e.put_code,
                        "error": e.error,
                        "error_code": e.error_code,
                        "note": e.note,
                        "attempts": e.attempts,
                        "run_id": e.run_id,
                        "title": e.title,
                        "created": e.created,
                        "updated": e.updated,
                    }
                    for e in entries
                ],
                ensure_ascii=False,
                indent=2,
            )
        )
        return 0
    for e in entries:
        detail = f"put-code {e.put_code}" if e.put_code else (e.error or e.note or "")
        print(f"{e.updated}\t{e.orcid}\t{e.doi}\t{e.state.label}\t{detail}\t{e.title}")
    if not entries:
        _note(_nothing_listed(settings.env, orcid, failed=args.failed))
    return 0


def _with_changes(entries: list[Any], env: str, orcid: str | None, limit: int | None) -> list[Any]:
    """The claims and the edits and deletes of claimdesk's works, newest first (as History)."""
    from claimdesk.claims.changes import ChangeLog
    from claimdesk.claims.journal import default_path

    with ChangeLog(default_path()) as log:
        changes = log.history(env, orcid, limit=limit)
    return sorted([*entries, *changes], key=lambda e: e.updated, reverse=True)


def _nothing_listed(env: str, orcid: str | None, *, failed: bool) -> str:
    """Why ``history`` printed nothing, in words that do not contradict the journal."""
    from claimdesk.claims.journal import ClaimJournal, default_path

    where = f"{orcid} on {env}" if orcid else env
    total = 0
    if default_path().exists():
        with ClaimJournal() as journal:
            total = len(journal.history(env, orcid, limit=None))
    if not failed or total == 0:
        return f"no claims in the journal for {where}"
    return (
        f"no failed claims for {where} ({total} claim{'s' if total != 1 else ''} in the journal; "
        "'claimdesk history' lists them)"
    )


def _leave_removed(env: str, orcid: str | None, dois: list[str]) -> int:
    """Remember to leave DOIs removed on orcid.org off the record ('all': every such DOI)."""
    from claimdesk.claims.journal import ClaimJournal, JournalState
    from claimdesk.errors import ConfigError
    from claimdesk.orcid.ids import normalize_doi

    wanted = {normalize_doi(d) or d for d in dois}
    with ClaimJournal() as journal:
        removed = journal.in_state(env, orcid, JournalState.REMOVED)
        chosen = [e for e in removed if "all" in wanted or e.doi in wanted]
        journal.leave_removed(e.id for e in chosen)
    missing = wanted - {e.doi for e in chosen} - {"all"}
    for doi in sorted(missing):
        _note(f"{doi}: not a claim removed on orcid.org (see 'history --removed')")
    _note(f"left {len(chosen)} removed claims off the record")
    if missing:
        raise ConfigError(f"{len(missing)} DOIs were not removed claims.")
    return 0
