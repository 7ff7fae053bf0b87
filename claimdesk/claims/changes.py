"""Edits and deletes of works claimdesk added, kept beside the claim journal for History.

Claims have their own journal (they must survive a crash mid-request); an edit or a delete is a
single request whose outcome the user saw, so this log only remembers what was done, when, and
how it ended — that History shows the whole story of a record, not only its claims. It is a
second table in the journal's SQLite file, so each record's journal (the demo's too) carries it.
"""

from __future__ import annotations

import enum
import logging
import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from claimdesk.orcid.model import Work, WorkSummary

log_problem = logging.getLogger(__name__)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS changes (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    env TEXT NOT NULL,
    orcid TEXT NOT NULL,
    put_code INTEGER,
    doi TEXT NOT NULL DEFAULT '',
    title TEXT NOT NULL DEFAULT '',
    state TEXT NOT NULL,
    error TEXT,
    at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS changes_by_record ON changes (env, orcid, at);
"""


class ChangeState(enum.Enum):
    """What happened to a work claimdesk added."""

    EDITED = "edited"
    EDIT_FAILED = "edit failed"
    DELETED = "deleted"
    DELETE_FAILED = "delete failed"

    @property
    def label(self) -> str:
        """The state in words for the History view."""
        return self.value

    @property
    def failed(self) -> bool:
        """Whether ORCID refused the change (or it could not be sent)."""
        return self in (ChangeState.EDIT_FAILED, ChangeState.DELETE_FAILED)


@dataclass(frozen=True, slots=True)
class ChangeEntry:
    """One edit or delete, shaped like a claim journal entry so History lists both alike."""

    id: int
    env: str
    orcid: str
    put_code: int | None
    doi: str
    title: str
    state: ChangeState
    error: str | None
    created: str
    updated: str
    note: str | None = None
    attempts: int = 1
    run_id: str = ""
    error_code: int | None = None

    @property
    def kind(self) -> str:
        """``edit`` or ``delete`` (a claim journal entry is a ``claim``)."""
        return "edit" if self.state in (ChangeState.EDITED, ChangeState.EDIT_FAILED) else "delete"


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


class ChangeLog:
    """The edits and deletes of one journal file; thread-safe; a context manager."""

    def __init__(self, path: Path | str) -> None:
        import sqlite3  # here: the window imports this module before it needs a database

        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._db = sqlite3.connect(str(self.path), timeout=30, check_same_thread=False)
        self._db.row_factory = sqlite3.Row
        with self._lock, self._db:
            self._db.executescript(_SCHEMA)

    def close(self) -> None:
        """Close the file."""
        self._db.close()

    def __enter__(self) -> ChangeLog:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def record(
        self,
        env: str,
        orcid: str,
        state: ChangeState,
        *,
        put_code: int | None,
        title: str = "",
        doi: str = "",
        error: str | None = None,
    ) -> int:
        """Remember one edit or delete and how it ended; returns its id."""
        with self._lock, self._db:
            cursor = self._db.execute(
                "INSERT INTO changes (env, orcid, put_code, doi, title, state, error, at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (env, orcid, put_code, doi, title, state.value, error, _now()),
            )
        return int(cursor.lastrowid or 0)

    def history(
        self, env: str | None = None, orcid: str | None = None, *, limit: int | None = None
    ) -> list[ChangeEntry]:
        """Every change (of ``env``/``orcid`` when given), newest first."""
        where, params = [], []
        if env is not None:
            where.append("env = ?")
            params.append(env)
        if orcid is not None:
            where.append("orcid = ?")
            params.append(orcid)
        sql = "SELECT * FROM changes"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY at DESC, id DESC"
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        with self._lock:
            rows = self._db.execute(sql, params).fetchall()
        return [
            ChangeEntry(
                id=row["id"],
                env=row["env"],
                orcid=row["orcid"],
                put_code=row["put_code"],
                doi=row["doi"],
                title=row["title"],
                state=ChangeState(row["state"]),
                error=row["error"],
                created=row["at"],
                updated=row["at"],
            )
            for row in rows
        ]


def remember(
    log: ChangeLog | None,
    env: str,
    orcid: str,
    state: ChangeState,
    item: Work | WorkSummary,
    error: BaseException | None = None,
) -> None:
    """Note an edit or delete of ``item`` in ``log`` (nothing when there is no log).

    A log that cannot be written never turns a done change into a failure: History is a
    convenience, ORCID's record is what counts.
    """
    if log is None:
        return
    dois = item.dois() if isinstance(item, WorkSummary) else item.summary().dois()
    words = None
    if error is not None:
        from claimdesk.errors import ClaimdeskError

        words = str(error) if isinstance(error, ClaimdeskError) else type(error).__name__
    import sqlite3

    try:
        log.record(
            env, orcid, state, put_code=item.put_code, title=item.title,
            doi=dois[0] if dois else "", error=words,
        )  # fmt: skip
    except sqlite3.Error as err:
        log_problem.warning("could not note the %s of %s in History: %s", state.value, orcid, err)
