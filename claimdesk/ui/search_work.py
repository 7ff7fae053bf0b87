"""The Search view's background work (no Qt): run a search or resolve a DOI list, read the record.

Split from ``search_view``; this runs on the read pool and hands a :class:`SearchOutcome` back.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from claimdesk.claims.status import RecordIndex
from claimdesk.workflows.cancel import CancelToken

if TYPE_CHECKING:
    from claimdesk.config import Settings
    from claimdesk.sources.records import DoiRecord
    from claimdesk.workflows.session import AccountSession


def dois(n: int) -> str:
    """``1 DOI``, ``2 DOIs``, ``1,234 DOIs``."""
    return f"{n:,} DOI" if n == 1 else f"{n:,} DOIs"


@dataclass
class SearchOutcome:
    """What one search produced, for the GUI thread."""

    records: tuple[DoiRecord, ...] = ()
    #: service → what went wrong, in words
    errors: dict[str, str] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    #: other things to say (unknown DOIs, DOIs that could not be looked up)
    notes: list[str] = field(default_factory=list)
    index: RecordIndex | None = None
    read_error: BaseException | None = None
    cancelled: bool = False


def read_index(session: AccountSession) -> RecordIndex:
    """The open record's works, indexed by DOI (one ``GET /works``)."""
    from claimdesk.claims.journal import JOURNAL_FILE, default_path, removed_dois

    works = session.client().read_works()
    index = RecordIndex.build(works, session.settings.client_id, record_orcid=session.orcid)
    path = session.data_dir / JOURNAL_FILE if session.data_dir else default_path()
    return index.note_removed(removed_dois(path, session.settings.env, session.orcid))


def run_search(
    settings: Settings,
    mode: str,
    text: str,
    sources: tuple[str, ...],
    session: AccountSession | None,
    on_progress: Callable[[str, int, int | None], None],
    cancel: CancelToken,
) -> SearchOutcome:
    """Search (or resolve a DOI list), then read the record for the statuses.

    ``cancel`` is the job's token: the user's Cancel stops the search after the pages in flight
    and what was found so far is still returned (and shown).
    """
    from claimdesk.sources.doilist import parse_doi_list, resolve_dois
    from claimdesk.sources.search import SearchQuery, search

    out = SearchOutcome()
    if mode == "dois":
        wanted = parse_doi_list(text).dois
        resolved = resolve_dois(
            settings, wanted, cancel=cancel, on_progress=lambda d, t: on_progress("dois", d, t)
        )
        out.records = resolved.records
        out.cancelled = resolved.cancelled
        if resolved.unknown:
            shown = ", ".join(resolved.unknown[:5])
            more = f" and {len(resolved.unknown) - 5} more" if len(resolved.unknown) > 5 else ""
            verb = "is" if len(resolved.unknown) == 1 else "are"
            out.notes.append(
                f"{dois(len(resolved.unknown))} {verb} known to neither DataCite nor Crossref: "
                f"{shown}{more}"
            )
        if resolved.failed:
            doi, errors = next(iter(resolved.failed.items()))
            out.notes.append(
                f"{dois(len(resolved.failed))} could not be looked up (first: {doi}: "
                f"{'; '.join(str(e) for e in errors)}). Try again later."
            )
    else:
        result = search(
            settings, SearchQuery(mode, text, sources), cancel=cancel, on_progress=on_progress
        )
        out.records = result.records
        out.errors = {source: str(err) for source, err in result.errors.items()}
        out.counts = dict(result.counts)
        out.cancelled = result.cancelled
    if session is not None:
        try:
            out.index = read_index(session)
        except Exception as err:  # shown in words; the results still show
            out.read_error = err
    return out
