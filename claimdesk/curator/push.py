"""Push: add DOIs a round trip found missing to the records of researchers who gave permission.

Two steps, as every bulk action in claimdesk: :func:`plan_push` decides from the report and the
accounts index what would be sent (pure; ``claimdesk push --dry-run`` and the GUI show it), then
:func:`run_push` sends it through the same journal, write queues and bulk runner as claims
(``claimdesk.claims``). A push only ever adds works: nothing is updated or deleted.

Researchers who have not signed in to claimdesk on this machine (or whose sign-in lacks
``/activities/update`` or needs reconnecting) are listed as "needs permission". A link to send
them exists only when the configured redirect URI is a server they can reach: the desktop's
loopback URI (``http://127.0.0.1:…``) would lead them to their own computer, so for those the
answer is a permissions service (``claimdesk serve``; ``push --service URL``).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Mapping
from contextlib import ExitStack
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING
from urllib.parse import urlencode

from claimdesk.curator.report import MISSING, RoundTripReport

if TYPE_CHECKING:
    from claimdesk.auth.accounts import Account, AccountsIndex
    from claimdesk.auth.tokens import TokenStore
    from claimdesk.claims.journal import ClaimJournal
    from claimdesk.claims.runner import RunProgress, RunResult
    from claimdesk.config import Settings
    from claimdesk.orcid.client import OrcidClient
    from claimdesk.sources.records import DoiRecord

#: The scope a stored sign-in needs for a push.
UPDATE_SCOPE = "/activities/update"

NOT_SIGNED_IN = "not signed in to claimdesk on this machine"
NO_UPDATE_SCOPE = "the sign-in does not allow adding works (/activities/update)"
RECONNECT = "the sign-in needs reconnecting"


@dataclass(frozen=True, slots=True)
class PushTarget:
    """One researcher whose record gets DOIs added."""

    orcid: str
    name: str | None
    dois: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class PermissionRequest:
    """A researcher claimdesk may not write for yet, and the link that asks them."""

    orcid: str
    dois: tuple[str, ...]
    reason: str
    #: an ORCID authorize link they can use from anywhere; "" when there is none to send
    authorize_url: str


@dataclass(frozen=True, slots=True)
class PushSkip:
    """A (DOI, iD) pair the plan leaves out, and why."""

    doi: str
    orcid: str
    reason: str


@dataclass(frozen=True, slots=True)
class PushPlan:
    """What a push will send, who must first give permission, and what it leaves out."""

    targets: tuple[PushTarget, ...] = ()
    needs_permission: tuple[PermissionRequest, ...] = ()
    skipped: tuple[PushSkip, ...] = ()
    #: versions/parts of other DOIs are sent too (the claim policy must agree when sending)
    include_versions: bool = False

    @property
    def work_count(self) -> int:
        """Number of works the push would add (one per DOI per record)."""
        return sum(len(t.dois) for t in self.targets)

    def lines(self) -> list[str]:
        """The plan in words (the CLI's ``--dry-run`` output)."""
        out = [
            f"Would add {self.work_count} works to {len(self.targets)} ORCID records; "
            f"{len(self.needs_permission)} researchers need to give permission first; "
            f"{len(self.skipped)} pairs skipped."
        ]
        for target in self.targets:
            who = f"{target.name} ({target.orcid})" if target.name else target.orcid
            out.append(f"  add to {who}: {len(target.dois)} DOIs")
            out.extend(f"    {doi}" for doi in target.dois)
        if self.needs_permission:
            out.append("Needs permission:")
        for request in self.needs_permission:
            out.append(f"  {request.orcid}: {len(request.dois)} DOIs — {request.reason}")
            if request.authorize_url:
                out.append(f"    send them: {request.authorize_url}")
        if any(not r.authorize_url for r in self.needs_permission):
            out.append(NO_LINK_HINT)
        if self.skipped:
            out.append("Skipped:")
        out.extend(f"  {s.doi} for {s.orcid}: {s.reason}" for s in self.skipped)
        return out


NO_LINK_HINT = (
    "  They can sign in with claimdesk on this computer, or give permission through a "
    "permissions service: claimdesk serve, then claimdesk push --service URL / claimdesk notify."
)
_LOOPBACK = {"127.0.0.1", "localhost", "::1"}


def authorization_link(settings: Settings) -> str:
    """The ORCID authorize URL a curator can send a researcher, or "" when the registered
    redirect URI is a loopback address (it would lead them to their own computer)."""
    from urllib.parse import urlsplit

    redirect = settings.redirect_uris[0] if settings.redirect_uris else ""
    if not redirect or (urlsplit(redirect).hostname or "") in _LOOPBACK:
        return ""
    params = {
        "client_id": settings.client_id or "",
        "response_type": "code",
        "scope": " ".join(settings.scopes),
        "redirect_uri": settings.redirect_uris[0] if settings.redirect_uris else "",
    }
    return f"{settings.endpoints.authorize_url}?{urlencode(params)}"


def _permission_problem(account: Account | None) -> str | None:
    """Why claimdesk may not write for this account, or None if it may."""
    if account is None:
        return NOT_SIGNED_IN
    if account.needs_reconnect:
        return RECONNECT
    if UPDATE_SCOPE not in account.scopes:
        return NO_UPDATE_SCOPE
    return None


def plan_push(
    report: RoundTripReport,
    accounts: Iterable[Account],
    settings: Settings,
    *,
    include_versions: bool = False,
) -> PushPlan:
    """Decide what a push sends; pure (reads nothing, sends nothing).

    Takes the report's "missing on ORCID" pairs; versions/parts of other DOIs are skipped unless
    ``include_versions``. ``accounts`` are the signed-in accounts (of ``settings``' environment).
    """
    by_orcid: dict[str, Account] = {a.orcid: a for a in accounts if a.env == settings.env}
    wanted: dict[str, list[str]] = {}
    skipped: list[PushSkip] = []
    for row in report.filter(MISSING):
        if row.is_version and not include_versions:
            skipped.append(PushSkip(row.doi, row.orcid, "a version or part of another DOI"))
            continue
        dois = wanted.setdefault(row.orcid, [])
        if row.doi not in dois:
            dois.append(row.doi)
    link = authorization_link(settings)
    targets: list[PushTarget] = []
    requests: list[PermissionRequest] = []
    for orcid, dois in wanted.items():
        account = by_orcid.get(orcid)
        problem = _permission_problem(account)
        if problem is None and account is not None:
            targets.append(PushTarget(orcid, account.name, tuple(dois)))
        else:
            requests.append(PermissionRequest(orcid, tuple(dois), problem or NOT_SIGNED_IN, link))
    return PushPlan(tuple(targets), tuple(requests), tuple(skipped), include_versions)


# ---------------------------------------------------------------------------------------------
# Sending


@dataclass(frozen=True, slots=True)
class PushProgress:
    """Works sent so far of the plan's total, and the record being written."""

    done: int
    total: int
    orcid: str


@dataclass(frozen=True, slots=True)
class PushResult:
    """What a push did: the claim runner's result per record, and who could not be written."""

    runs: Mapping[str, RunResult]
    needs_permission: tuple[PermissionRequest, ...]
    #: DOIs whose metadata could not be found (nothing to send for them)
    without_metadata: tuple[str, ...] = ()
    cancelled: bool = False

    @property
    def ok(self) -> bool:
        """True if every run completed without a failed or pending claim."""
        return not self.cancelled and all(run.ok for run in self.runs.values())

    def lines(self) -> list[str]:
        """The outcome in words, one line per record."""
        out = [f"  {orcid}: {run.summary()}" for orcid, run in self.runs.items()]
        for request in self.needs_permission:
            out.append(f"  {request.orcid}: needs permission — {request.reason}")
        if self.without_metadata:
            out.append(f"  no metadata found for: {', '.join(self.without_metadata)}")
        if self.cancelled:
            out.append("  cancelled; run the push again to send the rest")
        return out


def fetch_records(settings: Settings, dois: Iterable[str]) -> dict[str, DoiRecord]:
    """Metadata of the DOIs (DataCite first, Crossref otherwise); unknown DOIs are left out."""
    from claimdesk.sources.doilist import resolve_dois

    return {record.doi: record for record in resolve_dois(settings, dois).records}


def run_push(
    plan: PushPlan,
    settings: Settings,
    *,
    journal: ClaimJournal | None = None,
    records: Mapping[str, DoiRecord] | None = None,
    cancel: threading.Event | None = None,
    on_progress: Callable[[PushProgress], None] | None = None,
    tokens: TokenStore | None = None,
    accounts: AccountsIndex | None = None,
    rate: float | None = None,
    client_for: Callable[[str], OrcidClient | None] | None = None,
) -> PushResult:
    """Send the plan: for each target record, a claim plan through the bulk claim runner.

    Each record is read first and planned like a claim (a DOI that some source added meanwhile is
    not sent); the runner journals every work before sending it. ``records`` saves fetching the
    metadata again; ``tokens``/``accounts`` default to the keyring and the accounts index.
    Every request is paced by one token bucket (ORCID's 24/s, burst 40, unless ``rate``).
    ``client_for(orcid)`` may hand over a client the caller already has open for a record (the
    GUI's signed-in windows; not closed here); other records use their stored sign-in.
    """
    from claimdesk.auth.session import open_client
    from claimdesk.claims.journal import ClaimJournal
    from claimdesk.claims.plan import candidate_from_record, plan_claims
    from claimdesk.claims.runner import ClaimRunner
    from claimdesk.claims.status import ClaimPolicy
    from claimdesk.errors import AuthError
    from claimdesk.http_policy import ORCID, policy_client
    from claimdesk.orcid.errors import InvalidTokenError

    cancel = cancel or threading.Event()
    needed = {doi for target in plan.targets for doi in target.dois}
    metadata = dict(records) if records is not None else fetch_records(settings, needed)
    total = plan.work_count
    done_before = 0
    runs: dict[str, RunResult] = {}
    refused: list[PermissionRequest] = []
    policy = ClaimPolicy(include_versions=plan.include_versions)
    own_journal = journal is None
    journal = journal or ClaimJournal()
    paced = replace(ORCID, rate=rate) if rate else ORCID
    http = policy_client(paced, timeout=settings.timeout)
    try:
        for target in plan.targets:
            if cancel.is_set():
                break
            candidates = [
                candidate_from_record(metadata[doi]) if doi in metadata else doi
                for doi in target.dois
            ]

            def report(
                progress: RunProgress, offset: int = done_before, who: str = target.orcid
            ) -> None:
                if on_progress is not None:
                    on_progress(PushProgress(offset + progress.done, total, who))

            try:
                with ExitStack() as stack:
                    client = client_for(target.orcid) if client_for else None
                    if client is None:
                        stored = open_client(
                            settings, target.orcid, store=tokens, accounts=accounts, http=http
                        )
                        client = stack.enter_context(stored)
                    claim_plan = plan_claims(
                        candidates, client.read_works(), policy, client_id=settings.client_id
                    )
                    runner = ClaimRunner(settings, client, journal)
                    runs[target.orcid] = runner.run(claim_plan, on_progress=report, cancel=cancel)
            except (AuthError, InvalidTokenError) as err:
                link = authorization_link(settings)
                refused.append(PermissionRequest(target.orcid, target.dois, err.message, link))
            done_before += len(target.dois)
    finally:
        http.close()
        if own_journal:
            journal.close()
    return PushResult(
        runs=runs,
        needs_permission=plan.needs_permission + tuple(refused),
        without_metadata=tuple(sorted(needed - metadata.keys())),
        cancelled=cancel.is_set(),
    )
