"""The Curator view's background work (no Qt): the round trip's input, the push plan, the push.

Split from ``curator_view``; these run on the read pool or the write queue, never on the GUI thread.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from claimdesk.curator.report import RoundTripReport

if TYPE_CHECKING:
    from claimdesk.claims.journal import ClaimJournal
    from claimdesk.config import Settings
    from claimdesk.curator.push import PushPlan, PushProgress, PushResult
    from claimdesk.curator.roundtrip import RoundTripInput
    from claimdesk.workflows.session import AccountSession

# The log keeps the name it had before this split from curator_view.
log = logging.getLogger("claimdesk.ui.curator_view")


def build_target(kind: str, text: str) -> RoundTripInput:
    """The round trip's input from the view's fields (reads the file for a DOI list)."""
    from claimdesk.curator.roundtrip import RoundTripInput

    text = text.strip()
    if kind == "file":
        return RoundTripInput.from_file(text)
    if kind == "repository":
        return RoundTripInput(repository=text)
    if kind == "prefix":
        return RoundTripInput(prefix=text)
    return RoundTripInput(doi=text)


def session_accounts(sessions: list[AccountSession]) -> list[Any]:
    """Accounts for the records open in the window (they can be written: their tokens are live)."""
    from claimdesk.auth.accounts import Account

    return [
        Account(
            orcid=s.orcid,
            name=s.name,
            env=s.settings.env,
            scopes=tuple(s.settings.scopes),
            needs_reconnect=s.needs_reconnect,
        )
        for s in sessions
    ]


def plan_for(
    report: RoundTripReport,
    settings: Settings,
    sessions: list[AccountSession],
    include_versions: bool,
) -> PushPlan:
    """The push plan: the window's open records plus the accounts signed in on this machine."""
    from claimdesk.auth.accounts import AccountsIndex
    from claimdesk.curator.push import plan_push

    accounts = session_accounts(sessions)
    known = {a.orcid for a in accounts}
    try:
        accounts += [a for a in AccountsIndex().all(settings.env) if a.orcid not in known]
    except Exception:  # an unreadable accounts file only means fewer targets
        log.exception("could not read the accounts index")
    return plan_push(report, accounts, settings, include_versions=include_versions)


def send_push(
    plan: PushPlan,
    settings: Settings,
    sessions: Mapping[str, AccountSession],
    open_journal: Callable[[], ClaimJournal],
    stop: threading.Event,
    on_progress: Callable[[PushProgress], None],
) -> PushResult:
    """Send the plan: records open in the window through their own client, the others through
    :func:`claimdesk.curator.push.run_push` (stored sign-ins). Same journal and runner as claims."""
    from claimdesk.claims.plan import candidate_from_record, plan_claims
    from claimdesk.claims.runner import ClaimRunner
    from claimdesk.claims.status import ClaimPolicy
    from claimdesk.curator.push import PushProgress, PushResult, fetch_records, run_push

    include_versions = bool(getattr(plan, "include_versions", False))
    mine = [t for t in plan.targets if t.orcid in sessions]
    others = [t for t in plan.targets if t.orcid not in sessions]
    total = plan.work_count
    runs: dict[str, Any] = {}
    missing: set[str] = set()
    done_before = 0
    journal = open_journal()
    if mine:
        needed = {doi for t in mine for doi in t.dois}
        records = fetch_records(settings, needed)
        missing |= needed - records.keys()
        policy = ClaimPolicy(include_versions=include_versions)
        for target in mine:
            if stop.is_set():
                break
            session = sessions[target.orcid]
            client = session.client()
            candidates = [
                candidate_from_record(records[d]) if d in records else d for d in target.dois
            ]
            claim_plan = plan_claims(
                candidates, client.read_works(), policy, client_id=session.settings.client_id
            )
            runner = ClaimRunner(session.settings, client, journal)
            offset, who = done_before, target.orcid
            runs[target.orcid] = runner.run(
                claim_plan,
                cancel=stop,
                on_progress=lambda p, o=offset, w=who: on_progress(
                    PushProgress(o + p.done, total, w)
                ),
            )
            done_before += len(target.dois)
    needs_permission = plan.needs_permission
    if others and not stop.is_set():
        offset = done_before
        rest = run_push(
            replace(plan, targets=tuple(others)),
            settings,
            journal=journal,
            cancel=stop,
            on_progress=lambda p: on_progress(PushProgress(offset + p.done, total, p.orcid)),
        )
        runs.update(rest.runs)
        missing |= set(rest.without_metadata)
        needs_permission = rest.needs_permission
    return PushResult(
        runs=runs,
        needs_permission=needs_permission,
        without_metadata=tuple(sorted(missing)),
        cancelled=stop.is_set(),
    )
