"""What the service keeps: grants (tokens encrypted), OAuth flows, API keys, runs and the outbox.

Plain functions over :class:`~claimdesk.service.db.Database` returning frozen dataclasses; the
web layer and the workers never write SQL. Tokens go in encrypted and come out only through
:meth:`ServiceStore.access_token` — a :class:`Grant` never carries one, so nothing that lists or
serialises grants can leak a token.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from claimdesk.service.db import Database, Row, now_iso
from claimdesk.service.keys import Keys, api_key_digest, new_api_key

ACTIVE, WITHDRAWN, EXPIRED = "active", "withdrawn", "expired"
#: outbox states: waiting for the worker, finished (see outcome), or stopped by a withdrawal
QUEUED, DONE, STOPPED = "queued", "done", "stopped"


@dataclass(frozen=True, slots=True)
class Grant:
    """One researcher's permission, as the curator sees it (no token)."""

    orcid: str
    name: str | None
    scopes: tuple[str, ...]
    granted: str
    last_used: str | None
    status: str  # active | withdrawn | expired
    status_reason: str | None
    expires_at: str
    backfilled: str | None

    def to_json(self) -> dict[str, object]:
        """The grant as the curator API shows it."""
        return {
            "orcid": self.orcid,
            "name": self.name,
            "scopes": list(self.scopes),
            "granted": self.granted,
            "last_used": self.last_used,
            "status": self.status,
            "status_reason": self.status_reason,
            "expires": self.expires_at,
            "back_catalogue_pushed": self.backfilled,
        }


@dataclass(frozen=True, slots=True)
class Run:
    """One push, auto-update or back-catalogue run and its counts."""

    id: str
    kind: str
    created: str
    finished: str | None
    status: str
    message: str
    counts: dict[str, int]

    def to_json(self) -> dict[str, object]:
        """The run as the curator API shows it."""
        return {
            "id": self.id,
            "kind": self.kind,
            "created": self.created,
            "finished": self.finished,
            "status": self.status,
            "message": self.message,
            "counts": self.counts,
        }


@dataclass(frozen=True, slots=True)
class OutboxItem:
    """One (iD, DOI) pair to push, and its outcome once pushed."""

    orcid: str
    doi: str
    run_id: str
    state: str
    outcome: str | None
    put_code: int | None
    message: str | None
    updated: str

    def to_json(self) -> dict[str, object]:
        """The item as the curator API shows it."""
        return {
            "orcid": self.orcid,
            "doi": self.doi,
            "state": self.state,
            "outcome": self.outcome,
            "put_code": self.put_code,
            "message": self.message,
            "updated": self.updated,
        }


def _grant(row: Row) -> Grant:
    return Grant(
        orcid=row["orcid"],
        name=row["name"],
        scopes=tuple(row["scopes"].split()),
        granted=row["granted"],
        last_used=row["last_used"],
        status=EXPIRED
        if row["status"] == ACTIVE and row["expires_at"] < now_iso()
        else row["status"],
        status_reason=row["status_reason"],
        expires_at=row["expires_at"],
        backfilled=row["backfilled"],
    )


def _item(row: Row) -> OutboxItem:
    return OutboxItem(
        row["orcid"],
        row["doi"],
        row["run_id"],
        row["state"],
        row["outcome"],
        int(row["put_code"]) if row["put_code"] is not None else None,
        row["message"],
        row["updated"],
    )


def new_run_id() -> str:
    """A sortable, unguessable run id."""
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ-") + secrets.token_hex(3)


class ServiceStore:
    """The service's records in one database, with tokens encrypted by ``keys``."""

    def __init__(self, db: Database, keys: Keys) -> None:
        self.db = db
        self.keys = keys

    # -- OAuth flows -------------------------------------------------------------------------

    def new_flow(self, lifetime: int) -> str:
        """A fresh single-use nonce for one grant flow (valid ``lifetime`` seconds)."""
        nonce = secrets.token_urlsafe(24)
        now = datetime.now(UTC)
        expires = (now + timedelta(seconds=lifetime)).isoformat().replace("+00:00", "Z")
        with self.db.transaction() as tx:
            tx.execute("DELETE FROM flows WHERE expires < ?", (now_iso(),))
            tx.execute(
                "INSERT INTO flows (nonce, created, expires) VALUES (?, ?, ?)",
                (nonce, now_iso(), expires),
            )
        return nonce

    def take_flow(self, nonce: str) -> str:
        """Use up a flow's nonce: ``ok`` exactly once; ``expired`` or ``used`` otherwise."""
        with self.db.transaction() as tx:
            rows = tx.query("SELECT expires FROM flows WHERE nonce = ?", (nonce,))
            tx.execute("DELETE FROM flows WHERE nonce = ?", (nonce,))
        if not rows:
            return "used"
        return "ok" if rows[0]["expires"] >= now_iso() else "expired"

    # -- grants ------------------------------------------------------------------------------

    def save_grant(
        self,
        orcid: str,
        name: str | None,
        scopes: Iterable[str],
        access_token: str,
        refresh_token: str | None,
        expires_at: str,
    ) -> tuple[Grant, bool]:
        """Store (or renew) a grant, tokens encrypted; True in the pair when it is new or was
        not active before (its back catalogue is then due)."""
        sealed = self.keys.encrypt(access_token)
        sealed_refresh = self.keys.encrypt(refresh_token) if refresh_token else None
        now = now_iso()
        with self.db.transaction() as tx:
            before = tx.query("SELECT status FROM grants WHERE orcid = ?", (orcid,))
            tx.execute(
                "INSERT INTO grants (orcid, name, scopes, access_token, refresh_token, expires_at,"
                " granted, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (orcid) DO UPDATE SET name = excluded.name,"
                " scopes = excluded.scopes, access_token = excluded.access_token,"
                " refresh_token = excluded.refresh_token, expires_at = excluded.expires_at,"
                " granted = excluded.granted, status = excluded.status, status_reason = NULL,"
                " backfilled = NULL",
                (orcid, name, " ".join(scopes), sealed, sealed_refresh, expires_at, now, ACTIVE),
            )
            rows = tx.query("SELECT * FROM grants WHERE orcid = ?", (orcid,))
        fresh = not before or before[0]["status"] != ACTIVE
        return _grant(rows[0]), fresh

    def grants(self, status: str | None = None) -> list[Grant]:
        """Every grant (or those with one status), by iD."""
        found = [_grant(r) for r in self.db.query("SELECT * FROM grants ORDER BY orcid")]
        return [g for g in found if status is None or g.status == status]

    def grant(self, orcid: str) -> Grant | None:
        """One grant, or None."""
        rows = self.db.query("SELECT * FROM grants WHERE orcid = ?", (orcid,))
        return _grant(rows[0]) if rows else None

    def access_token(self, orcid: str) -> str | None:
        """The decrypted access token of an active grant (for the ORCID client only)."""
        rows = self.db.query(
            "SELECT access_token, status, expires_at FROM grants WHERE orcid = ?", (orcid,)
        )
        if not rows or rows[0]["status"] != ACTIVE or rows[0]["expires_at"] < now_iso():
            return None  # withdrawn or expired: never sent to ORCID
        return self.keys.decrypt(rows[0]["access_token"])

    def mark_used(self, orcid: str) -> None:
        """Note that the grant's token was just used."""
        self.db.execute("UPDATE grants SET last_used = ? WHERE orcid = ?", (now_iso(), orcid))

    def mark_withdrawn(self, orcid: str, reason: str) -> None:
        """The researcher withdrew (ORCID answered 401): stop and never retry this token."""
        self.db.execute(
            "UPDATE grants SET status = ?, status_reason = ? WHERE orcid = ?",
            (WITHDRAWN, reason, orcid),
        )

    def mark_backfilled(self, orcid: str) -> None:
        """The grant's back catalogue has been queued."""
        self.db.execute("UPDATE grants SET backfilled = ? WHERE orcid = ?", (now_iso(), orcid))

    # -- API keys ----------------------------------------------------------------------------

    def has_api_key(self) -> bool:
        """Whether any usable API key exists."""
        return any(self._usable(r) for r in self.db.query("SELECT * FROM api_keys"))

    def create_api_key(self, label: str = "curator", days: float | None = None) -> str:
        """A new API key; returned once, stored as a digest."""
        key = new_api_key()
        expires = None
        if days is not None:
            moment = datetime.now(UTC) + timedelta(days=days)
            expires = moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")
        self.db.execute(
            "INSERT INTO api_keys (id, digest, label, created, expires) VALUES (?, ?, ?, ?, ?)",
            (secrets.token_hex(6), api_key_digest(key), label, now_iso(), expires),
        )
        return key

    def check_api_key(self, key: str) -> str | None:
        """None if ``key`` is valid, else why not (unknown, expired, revoked)."""
        rows = self.db.query("SELECT * FROM api_keys WHERE digest = ?", (api_key_digest(key),))
        if not rows:
            return "unknown API key"
        if rows[0]["revoked"]:
            return "the API key was revoked"
        if not self._usable(rows[0]):
            return "the API key has expired; create a new one with claimdesk serve --new-api-key"
        return None

    def revoke_api_keys(self) -> int:
        """Revoke every API key; how many were usable."""
        return self.db.execute(
            "UPDATE api_keys SET revoked = ? WHERE revoked IS NULL", (now_iso(),)
        )

    @staticmethod
    def _usable(row: Row) -> bool:
        return not row["revoked"] and (row["expires"] is None or row["expires"] > now_iso())

    # -- runs and the outbox -----------------------------------------------------------------

    def new_run(self, kind: str, pairs: Iterable[tuple[str, str]], *, again: bool) -> Run:
        """A run queueing ``pairs``; ``again`` re-queues pairs pushed before (a curator's push),
        otherwise a pair already in the outbox is left alone (auto-update, back catalogue)."""
        run_id = new_run_id()
        now = now_iso()
        with self.db.transaction() as tx:
            tx.execute(
                "INSERT INTO runs (id, kind, created, status) VALUES (?, ?, ?, ?)",
                (run_id, kind, now, "queued"),
            )
            for orcid, doi in dict.fromkeys(pairs):
                conflict = (
                    " ON CONFLICT (orcid, doi) DO UPDATE SET run_id = excluded.run_id,"
                    " state = excluded.state, outcome = NULL, message = NULL,"
                    " updated = excluded.updated"
                    if again
                    else " ON CONFLICT (orcid, doi) DO NOTHING"
                )
                tx.execute(
                    "INSERT INTO outbox (orcid, doi, run_id, state, created, updated)"
                    " VALUES (?, ?, ?, ?, ?, ?)" + conflict,
                    (orcid, doi, run_id, QUEUED, now, now),
                )
        return self.run(run_id) or Run(run_id, kind, now, None, "queued", "", {})

    def queued(self, limit: int = 10_000) -> dict[str, list[tuple[str, str]]]:
        """Queued (DOI, run id) pairs per iD, oldest first."""
        rows = self.db.query(
            "SELECT orcid, doi, run_id FROM outbox WHERE state = ? ORDER BY created, orcid, doi"
            " LIMIT ?",
            (QUEUED, limit),
        )
        out: dict[str, list[tuple[str, str]]] = {}
        for row in rows:
            out.setdefault(row["orcid"], []).append((row["doi"], row["run_id"]))
        return out

    def known_pairs(self, orcids: Iterable[str]) -> set[tuple[str, str]]:
        """Every (iD, DOI) already in the outbox for these iDs."""
        wanted = list(orcids)
        found: set[tuple[str, str]] = set()
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            marks = ",".join("?" * len(chunk))
            rows = self.db.query(f"SELECT orcid, doi FROM outbox WHERE orcid IN ({marks})", chunk)
            found.update((r["orcid"], r["doi"]) for r in rows)
        return found

    def finish_items(
        self, orcid: str, results: Iterable[tuple[str, str, str, int | None, str]]
    ) -> None:
        """Record (DOI, state, outcome, put-code, message) for pushed pairs of one iD."""
        now = now_iso()
        with self.db.transaction() as tx:
            for doi, state, outcome, put_code, message in results:
                tx.execute(
                    "UPDATE outbox SET state = ?, outcome = ?, put_code = ?, message = ?,"
                    " updated = ? WHERE orcid = ? AND doi = ?",
                    (state, outcome, put_code, message, now, orcid, doi),
                )

    def settle_runs(self) -> None:
        """Mark runs with nothing left queued as finished."""
        now = now_iso()
        with self.db.transaction() as tx:
            open_runs = tx.query("SELECT id FROM runs WHERE finished IS NULL")
            for row in open_runs:
                left = tx.query(
                    "SELECT COUNT(*) AS n FROM outbox WHERE run_id = ? AND state = ?",
                    (row["id"], QUEUED),
                )
                if int(left[0]["n"]) == 0:
                    tx.execute(
                        "UPDATE runs SET finished = ?, status = ? WHERE id = ?",
                        (now, "finished", row["id"]),
                    )
                else:
                    tx.execute("UPDATE runs SET status = ? WHERE id = ?", ("running", row["id"]))

    def runs(self, limit: int = 50, kind: str | None = None) -> list[Run]:
        """The latest runs, newest first."""
        rows = self.db.query("SELECT id FROM runs ORDER BY created DESC LIMIT ?", (limit * 4,))
        found = [r for r in (self.run(row["id"]) for row in rows) if r is not None]
        return [r for r in found if kind is None or r.kind == kind][:limit]

    def run(self, run_id: str) -> Run | None:
        """One run with its counts per outcome."""
        rows = self.db.query("SELECT * FROM runs WHERE id = ?", (run_id,))
        if not rows:
            return None
        counts: dict[str, int] = {}
        for item in self.db.query(
            "SELECT state, outcome, COUNT(*) AS n FROM outbox WHERE run_id = ?"
            " GROUP BY state, outcome",
            (run_id,),
        ):
            key = item["outcome"] or item["state"]
            counts[key] = counts.get(key, 0) + int(item["n"])
        row = rows[0]
        return Run(
            row["id"], row["kind"], row["created"], row["finished"], row["status"],
            row["message"], counts,
        )  # fmt: skip

    def items(self, run_id: str) -> list[OutboxItem]:
        """The pairs of one run."""
        rows = self.db.query("SELECT * FROM outbox WHERE run_id = ? ORDER BY orcid, doi", (run_id,))
        return [_item(r) for r in rows]

    def pushed(self, orcid: str) -> list[OutboxItem]:
        """Every pair of one iD the service handled."""
        rows = self.db.query("SELECT * FROM outbox WHERE orcid = ? ORDER BY doi", (orcid,))
        return [_item(r) for r in rows]

    # -- cursors -----------------------------------------------------------------------------

    def cursor(self, name: str) -> str | None:
        """Where an auto-update source got to."""
        rows = self.db.query("SELECT value FROM cursors WHERE name = ?", (name,))
        return rows[0]["value"] if rows else None

    def set_cursor(self, name: str, value: str) -> None:
        """Move an auto-update source's cursor."""
        self.db.execute(
            "INSERT INTO cursors (name, value) VALUES (?, ?)"
            " ON CONFLICT (name) DO UPDATE SET value = excluded.value",
            (name, value),
        )
