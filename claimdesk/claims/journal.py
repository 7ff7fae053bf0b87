"""The claim journal: every claim written down before its request goes out (SQLite, WAL).

When a run starts, all its claims are written as ``unsent`` (to send). A claim is ``pending``
from just before its bulk request is sent until the answer is read; then ``done`` (with the
put-code) or ``failed`` (with ORCID's words and code); claims a cancelled run never sent become
``cancelled``. A row still pending after a crash, a kill, a timeout, a dropped connection or a
5xx answer is *settled* against a read of the record made once the write cannot be in flight
(claims/reconcile.py): found with claimdesk as source → ``done``; not found → ``unsent``. The next
run for the record sends every ``unsent`` claim, so no claim is lost and none is sent twice.
A DOI whose metadata could not be looked up is ``lookup_failed`` (no work yet; retried with the
failed ones). A done claim whose work was deleted on orcid.org becomes ``removed``; the user then
adds it again or leaves it ``left_removed``, and claimdesk remembers which.

One row is one claim of one DOI: retrying a failed, unsent or cancelled claim, or adding again
one removed on orcid.org, reuses its row (``attempts`` counts the sends).
"""

from __future__ import annotations

import enum
import json
import sqlite3
import threading
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, fields
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from claimdesk.orcid.model import (
    Citation,
    Contributor,
    ExternalId,
    PublicationDate,
    Source,
    TranslatedTitle,
    Work,
)

JOURNAL_FILE = "journal.sqlite3"
_SCHEMA_VERSION = 1
_SCHEMA = """
CREATE TABLE IF NOT EXISTS claims (
    id INTEGER PRIMARY KEY,
    env TEXT NOT NULL,
    orcid TEXT NOT NULL,
    doi TEXT NOT NULL,
    title TEXT NOT NULL DEFAULT '',
    payload TEXT NOT NULL,
    run_id TEXT NOT NULL,
    state TEXT NOT NULL,
    put_code INTEGER,
    error TEXT,
    error_code INTEGER,
    note TEXT,
    attempts INTEGER NOT NULL DEFAULT 0,
    created TEXT NOT NULL,
    updated TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS claims_by_state ON claims (env, orcid, state);
CREATE INDEX IF NOT EXISTS claims_by_doi ON claims (env, orcid, doi);
"""


class JournalState(enum.Enum):
    """Where one claim stands."""

    PENDING = "pending"  # written, request (maybe) on its way; outcome unknown
    DONE = "done"  # on the record with claimdesk as source
    FAILED = "failed"  # ORCID refused it; the error says why
    UNSENT = "unsent"  # queued, or reconciled as not on the record: to be sent
    CANCELLED = "cancelled"  # the run was cancelled before this claim's request
    LOOKUP_FAILED = "lookup_failed"  # DataCite/Crossref could not be asked; no work to send yet
    REMOVED = "removed"  # was done; deleted on orcid.org since (waiting for the user's choice)
    LEFT_REMOVED = "left_removed"  # removed on orcid.org, and the user chose to leave it so

    @property
    def label(self) -> str:
        """The state in words for the History view."""
        return _LABELS.get(self, self.value)


_LABELS = {
    JournalState.UNSENT: "to send",
    JournalState.CANCELLED: "not sent (cancelled)",
    JournalState.LOOKUP_FAILED: "look-up failed",
    JournalState.REMOVED: "removed on orcid.org",
    JournalState.LEFT_REMOVED: "removed on orcid.org (left removed)",
}


@dataclass(frozen=True, slots=True)
class JournalEntry:
    """One claim as the journal holds it."""

    id: int
    env: str
    orcid: str
    doi: str
    title: str
    payload: str
    run_id: str
    state: JournalState
    put_code: int | None
    error: str | None
    error_code: int | None
    note: str | None
    attempts: int
    created: str
    updated: str

    @property
    def work(self) -> Work:
        """The work that was (or will be) sent for this claim."""
        return work_from_json(self.payload)

    @property
    def has_work(self) -> bool:
        """False for a DOI whose metadata look-up failed (nothing to send yet)."""
        return bool(self.payload)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def stamp_seconds(stamp: str) -> float:
    """A journal time stamp (ISO 8601, UTC) as seconds since the epoch."""
    return datetime.fromisoformat(stamp.replace("Z", "+00:00")).timestamp()


def work_to_json(work: Work) -> str:
    """The work as compact JSON (the journal's own payload format, lossless)."""
    return json.dumps(asdict(work), separators=(",", ":"), ensure_ascii=False)


def work_from_json(text: str) -> Work:
    """Inverse of :func:`work_to_json`."""
    data: dict[str, Any] = json.loads(text)
    nested: dict[str, Any] = {
        "source": Source,
        "publication_date": PublicationDate,
        "translated_title": TranslatedTitle,
        "citation": Citation,
    }
    for key, cls in nested.items():
        if data.get(key) is not None:
            data[key] = cls(**data[key])
    data["external_ids"] = tuple(ExternalId(**e) for e in data.get("external_ids") or ())
    data["contributors"] = tuple(Contributor(**c) for c in data.get("contributors") or ())
    return Work(**data)


def default_path() -> Path:
    """``paths().data_dir / journal.sqlite3``."""
    from claimdesk.config import paths

    return paths().data_dir / JOURNAL_FILE


def _enter_wal_mode(db: sqlite3.Connection, patience: float) -> None:
    """Switch the file to WAL mode, waiting while another process holds it.

    Changing the journal mode needs the file to itself and SQLite answers "database is locked" at
    once instead of calling its busy handler, so two processes opening a new journal together (a
    GUI and a `claimdesk claim`, two racing CLI runs) would otherwise see one of them fail.
    """
    deadline = time.monotonic() + patience
    delay = 0.01
    while True:
        try:
            db.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() >= deadline:
                raise
            time.sleep(delay)
            delay = min(delay * 2, 0.25)


class ClaimJournal:
    """The journal file; safe to share between threads (one connection behind a lock).

    Several processes may open the same file: SQLite's WAL mode and a busy timeout serialise them.
    """

    def __init__(self, path: Path | str | None = None) -> None:
        self.path = Path(path) if path is not None else default_path()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.RLock()
        self._db = sqlite3.connect(
            self.path, timeout=30.0, isolation_level=None, check_same_thread=False
        )
        self._db.row_factory = sqlite3.Row
        _enter_wal_mode(self._db, patience=30.0)
        self._db.execute("PRAGMA synchronous=NORMAL")
        with self._transaction() as db:
            for statement in filter(None, (s.strip() for s in _SCHEMA.split(";"))):
                db.execute(statement)
            db.execute(f"PRAGMA user_version={_SCHEMA_VERSION}")

    # -- plumbing -----------------------------------------------------------------------------

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    def _select(
        self, where: str, params: Sequence[object], order: str = "id", limit: int | None = None
    ) -> list[JournalEntry]:
        sql = f"SELECT * FROM claims WHERE {where} ORDER BY {order}"
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        with self._lock:
            rows = self._db.execute(sql, params).fetchall()
        return [_entry(row) for row in rows]

    def close(self) -> None:
        """Close the file."""
        with self._lock:
            self._db.close()

    def __enter__(self) -> ClaimJournal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing ------------------------------------------------------------------------------

    def queue(
        self, env: str, orcid: str, run_id: str, claims: Sequence[tuple[str, Work]]
    ) -> list[int]:
        """Write ``(doi, work)`` claims as to send (``unsent``) when a run starts; return row ids.

        A DOI whose latest claim on this record is not done (failed, unsent, cancelled…) reuses
        that row, so a retry stays one claim; a pending one is left as it is (it is settled
        against the record, never turned back into "to send").
        """
        now = _now()
        ids: list[int] = []
        with self._transaction() as db:
            for doi, work in claims:
                row = db.execute(
                    "SELECT id, state FROM claims WHERE env=? AND orcid=? AND doi=? "
                    "ORDER BY id DESC LIMIT 1",
                    (env, orcid, doi),
                ).fetchone()
                payload = work_to_json(work)
                if row is not None and row["state"] == "pending":
                    # In doubt (its request may have been stored): only settling decides it.
                    ids.append(int(row["id"]))
                    continue
                if row is not None and row["state"] != "done":
                    db.execute(
                        "UPDATE claims SET state='unsent', run_id=?, payload=?, title=?, "
                        "error=NULL, error_code=NULL, note=NULL, put_code=NULL, updated=? "
                        "WHERE id=?",
                        (run_id, payload, work.title, now, row["id"]),
                    )
                    ids.append(int(row["id"]))
                else:
                    cur = db.execute(
                        "INSERT INTO claims (env, orcid, doi, title, payload, run_id, state, "
                        "attempts, created, updated) VALUES (?, ?, ?, ?, ?, ?, 'unsent', 0, ?, ?)",
                        (env, orcid, doi, work.title, payload, run_id, now, now),
                    )
                    ids.append(int(cur.lastrowid or 0))
        return ids

    def mark_pending(self, entry_ids: Sequence[int]) -> None:
        """The claims' request is about to be sent: their outcome is unknown until marked."""
        now = _now()
        with self._transaction() as db:
            db.executemany(
                "UPDATE claims SET state='pending', attempts=attempts+1, note=NULL, updated=? "
                "WHERE id=?",
                [(now, entry_id) for entry_id in entry_ids],
            )

    def begin(
        self, env: str, orcid: str, run_id: str, claims: Sequence[tuple[str, Work]]
    ) -> list[int]:
        """:meth:`queue` and :meth:`mark_pending` at once (one request's worth of claims)."""
        ids = self.queue(env, orcid, run_id, claims)
        self.mark_pending(ids)
        return ids

    def mark_done(self, entry_id: int, put_code: int | None, *, note: str | None = None) -> None:
        """The claim is on the record with claimdesk as source."""
        self._set(entry_id, "done", put_code=put_code, note=note)

    def mark_failed(self, entry_id: int, error: str, *, error_code: int | None = None) -> None:
        """ORCID refused the claim; ``error`` says why in words."""
        self._set(entry_id, "failed", error=error, error_code=error_code)

    def mark_unsent(self, entry_ids: Iterable[int], *, note: str | None = None) -> None:
        """Not on the record after all: to be sent again."""
        for entry_id in entry_ids:
            self._set(entry_id, "unsent", note=note)

    def mark_lookup_failed(self, env: str, orcid: str, run_id: str, doi: str, error: str) -> int:
        """The DOI's metadata could not be looked up (``error`` says why): journaled, retryable.

        A DOI already done on this record is left alone; otherwise its latest row is reused.
        """
        now = _now()
        with self._transaction() as db:
            row = db.execute(
                "SELECT id, state FROM claims WHERE env=? AND orcid=? AND doi=? "
                "ORDER BY id DESC LIMIT 1",
                (env, orcid, doi),
            ).fetchone()
            if row is not None and row["state"] not in ("failed", "cancelled", "lookup_failed"):
                return int(row["id"])  # a claim with a work (or a choice) stays as it is
            if row is not None:
                db.execute(
                    "UPDATE claims SET state='lookup_failed', run_id=?, error=?, note=NULL, "
                    "updated=? WHERE id=?",
                    (run_id, error, now, row["id"]),
                )
                return int(row["id"])
            cur = db.execute(
                "INSERT INTO claims (env, orcid, doi, title, payload, run_id, state, error, "
                "attempts, created, updated) VALUES (?, ?, ?, '', '', ?, 'lookup_failed', ?, 0, ?, ?)",
                (env, orcid, doi, run_id, error, now, now),
            )
            return int(cur.lastrowid or 0)

    def mark_removed(self, entry_id: int) -> None:
        """The claim's work was deleted on orcid.org: never re-added unless the user asks."""
        entry = self.get(entry_id)
        self._set(
            entry_id,
            "removed",
            put_code=entry.put_code if entry else None,
            note="deleted on orcid.org since claimdesk added it",
        )

    def leave_removed(self, entry_ids: Iterable[int]) -> None:
        """The user chose to leave these removed claims off the record (remembered)."""
        for entry_id in entry_ids:
            entry = self.get(entry_id)
            if entry is not None and entry.state is JournalState.REMOVED:
                self._set(
                    entry_id, "left_removed", put_code=entry.put_code, note="left removed by you"
                )

    def mark_cancelled(self, entry_ids: Iterable[int]) -> None:
        """Cancelled before their request: not sent, and not resumed by the next run."""
        for entry_id in entry_ids:
            self._set(entry_id, "cancelled", note="cancelled before it was sent")

    def _set(
        self,
        entry_id: int,
        state: str,
        *,
        put_code: int | None = None,
        error: str | None = None,
        error_code: int | None = None,
        note: str | None = None,
    ) -> None:
        with self._transaction() as db:
            db.execute(
                "UPDATE claims SET state=?, put_code=?, error=?, error_code=?, note=?, updated=? "
                "WHERE id=?",
                (state, put_code, error, error_code, note, _now(), entry_id),
            )

    # -- reading ------------------------------------------------------------------------------

    def _scope(
        self, env: str | None, orcid: str | None, extra: str = ""
    ) -> tuple[str, list[object]]:
        clauses: list[str] = []
        params: list[object] = []
        if env is not None:
            clauses.append("env=?")
            params.append(env)
        if orcid is not None:
            clauses.append("orcid=?")
            params.append(orcid)
        if extra:
            clauses.append(extra)
        return (" AND ".join(clauses) or "1"), params

    def pending(self, env: str | None = None, orcid: str | None = None) -> list[JournalEntry]:
        """Claims whose request may have gone out but whose outcome is unknown."""
        where, params = self._scope(env, orcid, "state='pending'")
        return self._select(where, params)

    def unsent(self, env: str | None = None, orcid: str | None = None) -> list[JournalEntry]:
        """Claims reconciled as not on the record, waiting to be sent again."""
        where, params = self._scope(env, orcid, "state='unsent'")
        return self._select(where, params)

    def failed(self, env: str | None = None, orcid: str | None = None) -> list[JournalEntry]:
        """Claims ORCID refused (retry them by running them again)."""
        where, params = self._scope(env, orcid, "state='failed'")
        return self._select(where, params)

    def in_state(
        self, env: str | None, orcid: str | None, *states: JournalState
    ) -> list[JournalEntry]:
        """Claims in any of ``states``, oldest first."""
        marks = ",".join("?" for _ in states)
        where, params = self._scope(env, orcid, f"state IN ({marks})")
        return self._select(where, [*params, *(s.value for s in states)])

    def latest(self, env: str, orcid: str, dois: Iterable[str]) -> dict[str, JournalEntry]:
        """The newest claim of each DOI in ``dois`` that the journal has."""
        wanted = set(dois)
        found: dict[str, JournalEntry] = {}
        for entry in self._select("env=? AND orcid=?", (env, orcid)):
            if entry.doi in wanted:
                found[entry.doi] = entry
        return found

    def last_sent(self, env: str, orcid: str) -> float | None:
        """When (epoch seconds) a claim of this record was last marked sent, if ever."""
        with self._lock:
            row = self._db.execute(
                "SELECT MAX(updated) FROM claims WHERE env=? AND orcid=? AND attempts > 0",
                (env, orcid),
            ).fetchone()
        if row is None or row[0] is None:
            return None
        return stamp_seconds(str(row[0]))

    def history(
        self, env: str | None = None, orcid: str | None = None, *, limit: int | None = None
    ) -> list[JournalEntry]:
        """Every claim, newest first."""
        where, params = self._scope(env, orcid)
        return self._select(where, params, order="updated DESC, id DESC", limit=limit)

    def get(self, entry_id: int) -> JournalEntry | None:
        """One claim by row id."""
        found = self._select("id=?", (entry_id,))
        return found[0] if found else None

    def entries_for(self, env: str, orcid: str, doi: str) -> list[JournalEntry]:
        """Every claim of one DOI on one record, oldest first."""
        return self._select("env=? AND orcid=? AND doi=?", (env, orcid, doi))


def removed_dois(path: Path, env: str, orcid: str) -> frozenset[str]:
    """DOIs of ``orcid``'s record deleted on orcid.org since claimdesk added them, per the
    journal at ``path`` (none if there is no journal yet; never creates one)."""
    if not path.exists():
        return frozenset()
    with ClaimJournal(path) as journal:
        found = journal.in_state(env, orcid, JournalState.REMOVED, JournalState.LEFT_REMOVED)
    return frozenset(e.doi for e in found)


def _entry(row: sqlite3.Row) -> JournalEntry:
    values = {f.name: row[f.name] for f in fields(JournalEntry)}
    values["state"] = JournalState(values["state"])
    return JournalEntry(**values)
