"""Deleting claimdesk's own works from a record, one result per work (GUI and CLI).

Ownership is checked for every work before the first request: a selection that includes
another source's work is refused as a whole, with zero requests sent (the same refusal, in the
same words, in the GUI and in ``claimdesk delete``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from claimdesk.claims.changes import ChangeLog, ChangeState, remember
from claimdesk.errors import NotOwnedError
from claimdesk.orcid.client import check_ours
from claimdesk.workflows.cancel import CancelToken, Progress, is_cancelled

if TYPE_CHECKING:
    from claimdesk.orcid.client import OrcidClient
    from claimdesk.orcid.model import WorkSummary


@dataclass(frozen=True, slots=True)
class Deleted:
    """What happened to one work: ``error`` None when it is gone from the record."""

    summary: WorkSummary
    error: BaseException | None = None


def refusals(items: Sequence[WorkSummary], client_id: str | None) -> list[Deleted]:
    """One result per item when any of ``items`` is not claimdesk's (empty: all are ours).

    Another source's work gets its NotOwnedError; claimdesk's own works in the same selection
    are reported as not deleted either, since nothing is sent for a refused selection.
    """
    refused: dict[int, NotOwnedError] = {}
    for i, item in enumerate(items):
        try:
            check_ours(item, client_id, "delete")
        except NotOwnedError as err:
            refused[i] = err
    if not refused:
        return []
    kept = NotOwnedError(
        "Not deleted: the selection includes works claimdesk did not add, so nothing was sent.",
        hint="delete only claimdesk's own works",
    )
    return [Deleted(item, refused.get(i, kept)) for i, item in enumerate(items)]


def delete_works(
    client: OrcidClient,
    items: Sequence[WorkSummary],
    *,
    client_id: str | None,
    cancel: CancelToken | None = None,
    progress: Progress | None = None,
    log: ChangeLog | None = None,
    env: str = "",
) -> list[Deleted]:
    """Delete ``items`` one by one; one :class:`Deleted` per work tried, in order.

    All are checked first against the client that obtained ``client``'s sign-in (``client_id``
    when it does not know): if any is not claimdesk's, no request is sent
    (:func:`refusals`). A failure of one work is reported and the next is tried; once
    ``cancel`` is set no further request is sent. With ``log``, each delete sent is remembered
    for History with how it ended.
    """
    # The client knows which client obtained its sign-in: that one, not a client id given now.
    refused = refusals(items, client.owner_client_id or client_id)
    if refused:
        return refused
    results: list[Deleted] = []
    for item in items:
        if is_cancelled(cancel):
            break
        try:
            client.delete_work(item)
            results.append(Deleted(item))
            remember(log, env, client.orcid, ChangeState.DELETED, item)
        except Exception as err:  # reported per work
            results.append(Deleted(item, err))
            remember(log, env, client.orcid, ChangeState.DELETE_FAILED, item, err)
        if progress is not None:
            progress(len(results), len(items))
    return results
