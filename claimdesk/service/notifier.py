"""Asking researchers without a grant: ORCID inbox permission notifications, or the link.

With ORCID's ``/premium-notification`` scope (client credentials; ORCID enables it per client),
the service posts a ``notification-permission`` to the researcher's inbox naming the works and
leading to the service's ``/grant`` page, and keeps its put-code; a researcher is never sent a
second request while one is open (not actioned or archived). Without the scope, the answer
lists each researcher with the ``/grant`` link to send them by other means.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from claimdesk.errors import ClaimdeskError
from claimdesk.service.db import now_iso

if TYPE_CHECKING:
    from claimdesk.service.app import Service

log = logging.getLogger(__name__)

SCOPE = "/premium-notification"
SUBJECT = "Add your works"  # ORCID asks for under 25 characters
#: a request is open until ORCID archives it or the researcher grants: one at a time per person
OPEN = ("sent", "read", "actioned")
_OPEN_IN = "status IN (" + ", ".join("?" * len(OPEN)) + ")"


def _open_requests(service: Service) -> set[str]:
    rows = service.db.query(f"SELECT orcid FROM notifications WHERE {_OPEN_IN}", OPEN)
    return {r["orcid"] for r in rows}


def notify(service: Service, pairs: list[tuple[str, str]], *, dry_run: bool) -> dict[str, Any]:
    """Request permission from every researcher in ``pairs`` who has no active grant."""
    from claimdesk.service.api import split_by_grant

    _granted, others = split_by_grant(service, pairs)
    already = _open_requests(service)
    inbox = service.inbox
    can_send = inbox.available()
    results: list[dict[str, Any]] = []
    for orcid, dois in others.items():
        entry: dict[str, Any] = {
            "orcid": orcid,
            "dois": dois,
            "grant_url": service.config.grant_url,
        }
        if orcid in already:
            entry["action"] = "skipped: a request is already open in their ORCID inbox"
        elif not can_send:
            entry["action"] = "send the link (this client has no /premium-notification scope)"
        elif dry_run:
            entry["action"] = "would send an ORCID inbox request"
        else:
            try:
                put_code = inbox.send(orcid, dois, service.config)
            except ClaimdeskError as err:
                entry["action"] = f"failed: {err.message}"
            else:
                service.db.execute(
                    "INSERT INTO notifications (orcid, put_code, dois, status, created)"
                    " VALUES (?, ?, ?, ?, ?)",
                    (orcid, put_code, " ".join(dois), "sent", now_iso()),
                )
                entry["action"] = "sent an ORCID inbox request"
                entry["put_code"] = put_code
                already.add(orcid)
        results.append(entry)
    return {"inbox": can_send, "dry_run": dry_run, "requests": results}


def refresh(service: Service) -> int:
    """Read back open requests from ORCID (sent / read / actioned / archived); how many changed."""
    inbox = service.inbox
    if not inbox.available():
        return 0
    changed = 0
    rows = service.db.query(f"SELECT * FROM notifications WHERE {_OPEN_IN}", OPEN)
    for row in rows:
        try:
            dates = inbox.read(row["orcid"], row["put_code"])
        except ClaimdeskError as err:
            log.warning("could not read inbox request %s: %s", row["put_code"], err.message)
            continue
        status = (
            "archived" if dates.get("archived") else "actioned" if dates.get("actioned")
            else "read" if dates.get("read") else "sent"
        )  # fmt: skip
        service.db.execute(
            "UPDATE notifications SET status = ?, sent_date = ?, read_date = ?, actioned_date = ?,"
            " archived_date = ?, checked = ? WHERE orcid = ? AND put_code = ?",
            (
                status, dates.get("sent"), dates.get("read"), dates.get("actioned"),
                dates.get("archived"), now_iso(), row["orcid"], row["put_code"],
            ),
        )  # fmt: skip
        changed += status != row["status"]
    return changed


def close_for(service: Service, orcid: str) -> None:
    """A researcher granted: archive their open requests at ORCID (the inbox stays tidy)."""
    rows = service.db.query(
        f"SELECT put_code FROM notifications WHERE orcid = ? AND {_OPEN_IN}",
        (orcid, *OPEN),
    )
    if not rows:
        return
    inbox = service.inbox
    for row in rows:
        try:
            inbox.archive(orcid, row["put_code"])
        except ClaimdeskError as err:
            log.warning("could not archive inbox request %s: %s", row["put_code"], err.message)
        service.db.execute(
            "UPDATE notifications SET status = ?, archived_date = ?, checked = ?"
            " WHERE orcid = ? AND put_code = ?",
            ("granted", now_iso(), now_iso(), orcid, row["put_code"]),
        )


def listing(service: Service) -> list[dict[str, Any]]:
    """Every request sent, newest first."""
    rows = service.db.query("SELECT * FROM notifications ORDER BY created DESC")
    return [
        {
            "orcid": r["orcid"],
            "put_code": r["put_code"],
            "dois": r["dois"].split(),
            "status": r["status"],
            "created": r["created"],
            "sent": r["sent_date"],
            "read": r["read_date"],
            "actioned": r["actioned_date"],
            "archived": r["archived_date"],
        }
        for r in rows
    ]
