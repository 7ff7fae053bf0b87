"""The service's database: SQLite (default, a file) or PostgreSQL, with versioned migrations.

One connection per :class:`Database`, used under a lock: the service is small and its writes are
short, so one connection keeps SQLite free of "database is locked" and PostgreSQL free of a pool.
SQL is written once with ``?`` placeholders; for PostgreSQL they become ``%s``. Migrations are
numbered and recorded in ``schema_migrations``; each runs in its own transaction, so a service
killed half-way through an upgrade starts again at the first version it had not finished.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from claimdesk.errors import ConfigError

Row = dict[str, Any]
#: PostgreSQL advisory lock key held by the one service process of a database ("cdsk")
_WRITER_LOCK = 0x6364736B

#: (version, statements). Never edit a released migration: add the next one.
MIGRATIONS: tuple[tuple[int, tuple[str, ...]], ...] = (
    (
        1,
        (
            # One researcher's permission. Tokens are encrypted (service/keys.py), never plain.
            """CREATE TABLE grants (
                orcid TEXT PRIMARY KEY,
                name TEXT,
                scopes TEXT NOT NULL,
                access_token TEXT NOT NULL,
                refresh_token TEXT,
                expires_at TEXT NOT NULL,
                granted TEXT NOT NULL,
                last_used TEXT,
                status TEXT NOT NULL,
                status_reason TEXT,
                backfilled TEXT
            )""",
            # Single-use OAuth states: a row exists from /grant until its callback (or expiry).
            """CREATE TABLE flows (
                nonce TEXT PRIMARY KEY,
                created TEXT NOT NULL,
                expires TEXT NOT NULL
            )""",
            # Curator API keys, stored as SHA-256 digests of the key.
            """CREATE TABLE api_keys (
                id TEXT PRIMARY KEY,
                digest TEXT NOT NULL UNIQUE,
                label TEXT NOT NULL,
                created TEXT NOT NULL,
                expires TEXT,
                revoked TEXT
            )""",
            """CREATE TABLE runs (
                id TEXT PRIMARY KEY,
                kind TEXT NOT NULL,
                created TEXT NOT NULL,
                finished TEXT,
                status TEXT NOT NULL,
                message TEXT NOT NULL DEFAULT ''
            )""",
            # Every (iD, DOI) pair the service was asked to push, and what became of it. A pair
            # is queued once: auto-update and back catalogue never queue a pair twice.
            """CREATE TABLE outbox (
                orcid TEXT NOT NULL,
                doi TEXT NOT NULL,
                run_id TEXT NOT NULL,
                state TEXT NOT NULL,
                outcome TEXT,
                put_code BIGINT,
                message TEXT,
                created TEXT NOT NULL,
                updated TEXT NOT NULL,
                PRIMARY KEY (orcid, doi)
            )""",
            "CREATE INDEX outbox_by_state ON outbox (state, orcid)",
            "CREATE INDEX outbox_by_run ON outbox (run_id)",
            # Where each auto-update source got to (DataCite / Crossref "updated since").
            """CREATE TABLE cursors (
                name TEXT PRIMARY KEY,
                value TEXT NOT NULL
            )""",
            # ORCID inbox permission requests the service sent.
            """CREATE TABLE notifications (
                orcid TEXT NOT NULL,
                put_code TEXT NOT NULL,
                dois TEXT NOT NULL,
                status TEXT NOT NULL,
                created TEXT NOT NULL,
                sent_date TEXT,
                read_date TEXT,
                actioned_date TEXT,
                archived_date TEXT,
                checked TEXT,
                PRIMARY KEY (orcid, put_code)
            )""",
        ),
    ),
)


def now_iso() -> str:
    """The time now, ISO 8601 UTC with milliseconds (sorts as text)."""
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def default_sqlite_path() -> Path:
    """``service.sqlite3`` in claimdesk's data folder."""
    from claimdesk.config import paths

    return paths().ensure().data_dir / "service.sqlite3"


def describe_url(url: str) -> str:
    """The database URL without its password (for logs and messages)."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@")
    return parts._replace(netloc=netloc).geturl()


class Database:
    """A SQLite file or a PostgreSQL database, migrated to the latest schema on open."""

    def __init__(self, url: str | None = None) -> None:
        self.url = url or f"sqlite:///{default_sqlite_path()}"
        self._lock = threading.RLock()
        self._writer_lock: Any = None
        scheme = urlsplit(self.url).scheme
        if scheme in ("postgresql", "postgres"):
            self.dialect = "postgresql"
            self._conn: Any = _connect_postgres(self.url)
        elif scheme == "sqlite":
            self.dialect = "sqlite"
            self._conn = _connect_sqlite(self.url)
        else:
            raise ConfigError(
                f"Unknown database URL {describe_url(self.url)!r}.",
                hint="use sqlite:///PATH or postgresql://USER@HOST:PORT/NAME",
            )
        self.migrate()

    # -- statements --------------------------------------------------------------------------

    def _sql(self, sql: str) -> str:
        return sql.replace("?", "%s") if self.dialect == "postgresql" else sql

    @contextmanager
    def transaction(self) -> Iterator[_Tx]:
        """A transaction: committed when the block ends, rolled back if it raises."""
        with self._lock:
            if self.dialect == "sqlite":
                self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield _Tx(self)
            except BaseException:
                self._conn.rollback()
                raise
            self._conn.commit()

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        """Rows of one statement, in its own transaction."""
        with self.transaction() as tx:
            return tx.query(sql, params)

    def execute(self, sql: str, params: Sequence[Any] = ()) -> int:
        """Run one statement in its own transaction; the number of rows it changed."""
        with self.transaction() as tx:
            return tx.execute(sql, params)

    def close(self) -> None:
        """Close the connection (and give up the writer lock)."""
        with self._lock:
            self._conn.close()
            if self._writer_lock is not None:
                self._writer_lock.close()
                self._writer_lock = None

    # -- one service per database ------------------------------------------------------------

    def claim_single_writer(self) -> None:
        """Make sure no other service process uses this database (ConfigError if one does).

        The service is the one writer of its grants' records: two processes on one database
        would push the same outbox twice. PostgreSQL: a session advisory lock; SQLite: an
        exclusive lock on a file beside the database. Both go away with the process, even when
        it is killed.
        """
        busy = ConfigError(
            f"Another claimdesk service is already running on {describe_url(self.url)}.",
            hint="stop it first, or give this one its own --database",
        )
        with self._lock:
            if self.dialect == "postgresql":
                row = self._conn.execute("SELECT pg_try_advisory_lock(%s)", (_WRITER_LOCK,))
                held = bool(row.fetchone()[0])
                self._conn.commit()
                if not held:
                    raise busy
                return
            try:
                import fcntl
            except ImportError:  # not POSIX: no file locks; one process is the operator's job
                return
            path = self.url[len("sqlite:///") :] + ".lock"
            handle = open(path, "a")  # noqa: SIM115 - held open for the service's lifetime
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                handle.close()
                raise busy from None
            self._writer_lock = handle

    # -- migrations --------------------------------------------------------------------------

    def schema_version(self) -> int:
        """The highest migration applied."""
        rows = self.query("SELECT MAX(version) AS v FROM schema_migrations")
        return int(rows[0]["v"] or 0) if rows else 0

    def migrate(self) -> int:
        """Apply the migrations this database has not had yet; returns the schema version."""
        with self.transaction() as tx:
            tx.execute(
                "CREATE TABLE IF NOT EXISTS schema_migrations "
                "(version INTEGER PRIMARY KEY, applied TEXT NOT NULL)"
            )
        done = self.schema_version()
        for version, statements in MIGRATIONS:
            if version <= done:
                continue
            with self.transaction() as tx:
                for statement in statements:
                    tx.execute(statement)
                tx.execute(
                    "INSERT INTO schema_migrations (version, applied) VALUES (?, ?)",
                    (version, now_iso()),
                )
        return self.schema_version()


class _Tx:
    """Statements inside one transaction of a :class:`Database`."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def execute(self, sql: str, params: Sequence[Any] = ()) -> int:
        cursor = self._db._conn.execute(self._db._sql(sql), tuple(params))
        return int(cursor.rowcount or 0)

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        cursor = self._db._conn.execute(self._db._sql(sql), tuple(params))
        if cursor.description is None:
            return []
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _connect_sqlite(url: str) -> sqlite3.Connection:
    # SQLAlchemy's convention: sqlite:///relative.db, sqlite:////absolute/path.db
    path = unquote(url[len("sqlite:///") :]) if url.startswith("sqlite:///") else ""
    if not path or path == "/":
        raise ConfigError("A SQLite database URL needs a file: sqlite:///PATH")
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path, check_same_thread=False, isolation_level=None, timeout=30)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    return conn


def _connect_postgres(url: str) -> Any:
    from claimdesk.service.requirements import require

    require(postgres=True)
    import psycopg

    try:
        return psycopg.connect(url.replace("postgres://", "postgresql://", 1), autocommit=False)
    except psycopg.Error as err:
        raise ConfigError(
            f"Cannot open the PostgreSQL database {describe_url(url)}: "
            f"{str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__}"
        ) from None
