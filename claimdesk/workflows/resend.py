"""Which journaled claims to send again: the History view's "Send again" and
``claimdesk claim --retry-failed`` pick the same ones."""

from __future__ import annotations

from collections.abc import Iterable

from claimdesk.claims.journal import JournalEntry, JournalState

#: Latest states that mean "not on the record because of this claim, and worth another try".
RESEND_STATES = (JournalState.FAILED, JournalState.CANCELLED)


def resendable(entries: Iterable[JournalEntry], env: str, orcid: str) -> list[JournalEntry]:
    """The claims of one record to send again: those whose latest entry failed, or was not sent
    because its run was cancelled. A DOI a later run claimed is left alone."""
    latest: dict[str, JournalEntry] = {}
    for e in entries:
        if e.env == env and e.orcid == orcid:
            have = latest.get(e.doi)
            if have is None or (e.updated, e.id) > (have.updated, have.id):
                latest[e.doi] = e
    return [e for e in latest.values() if e.state in RESEND_STATES]
