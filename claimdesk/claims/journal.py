"""The claim journal: every claim written down before its request goes out (SQLite, WAL).

When a run starts, all its claims are written as ``unsent`` (to send). A claim is ``pending``
from just before its bulk request is sent until the answer is read; then ``done`` (with the
put-code) or ``failed`` (with ORCID's words and code); claims a cancelled run never sent become
``cancelled``. A row still pending after a crash, a kill or a dropped connection is *reconciled*
against a fresh read of the record: found with claimdesk as source → ``done``; not found →
``unsent``. The next run for the record sends every ``unsent`` claim, so no claim is lost and
none is sent twice.

One row is one claim of one DOI: retrying a failed, unsent or cancelled claim reuses its row
(``attempts`` counts the sends); claiming a DOI again after it was deleted on orcid.org starts a
new row.
"""

from __future__ import annotations

import enum
import json
import sqlite3
import threading
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
    WorksSummary,
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

    @property
    def label(self) -> str:
        """The state in words for the History view."""
        return {"unsent": "to send", "cancelled": "not sent (cancelled)"}.get(
            self.value, self.value
        )


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


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


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
        self._db.execute("PRAGMA journal_mode=WAL")
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

        A DOI whose latest claim on this record is not done (failed, unsent, cancelled) reuses
        that row, so a retry stays one claim.
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


def _entry(row: sqlite3.Row) -> JournalEntry:
    values = {f.name: row[f.name] for f in fields(JournalEntry)}
    values["state"] = JournalState(values["state"])
    return JournalEntry(**values)


@dataclass(frozen=True, slots=True)
class Reconciliation:
    """What reconciling pending claims found."""

    done: tuple[JournalEntry, ...] = ()
    unsent: tuple[JournalEntry, ...] = ()

    def __len__(self) -> int:
        return len(self.done) + len(self.unsent)


def reconcile(
    journal: ClaimJournal, env: str, orcid: str, works: WorksSummary, client_id: str | None
) -> Reconciliation:
    """Resolve this record's pending claims against ``works``, a fresh ``GET /works``.

    DOI on the record with claimdesk as source → done with its put-code; otherwise → unsent.
    """
    from claimdesk.claims.status import ClaimState, RecordIndex

    pending = journal.pending(env, orcid)
    if not pending:
        return Reconciliation()
    index = RecordIndex.build(works, client_id, record_orcid=orcid)
    done: list[JournalEntry] = []
    unsent: list[JournalEntry] = []
    for entry in pending:
        status = index.status(entry.doi)
        if status.state is ClaimState.OURS:
            journal.mark_done(
                entry.id, status.put_code, note="found on the record when reconciling"
            )
            done.append(entry)
        else:
            unsent.append(entry)
    journal.mark_unsent((e.id for e in unsent), note="not on the record when reconciling")
    return Reconciliation(tuple(done), tuple(unsent))
