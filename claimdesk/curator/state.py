"""The round trip's checkpoint: a small SQLite file of what a run has learnt so far.

A run writes each DOI's metadata, each search answer and each record read as it gets them
(committed in small batches), so a cancelled or crashed run resumes where it stopped: DOIs
already searched and iDs already read are not asked for again. One file holds one run; a run
with a different input starts the file afresh (or, with ``resume``, refuses to mix them).
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from claimdesk.errors import ConfigError

SCHEMA_VERSION = 2

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS doi (
    doi TEXT PRIMARY KEY,
    position INTEGER NOT NULL,
    found INTEGER NOT NULL,          -- 0: no metadata anywhere
    title TEXT,
    is_version INTEGER NOT NULL DEFAULT 0,
    searched INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS link (    -- iDs named in a DOI's metadata
    doi TEXT NOT NULL,
    orcid TEXT NOT NULL,
    authenticated INTEGER,           -- Crossref authenticated-orcid; NULL for DataCite
    PRIMARY KEY (doi, orcid)
);
CREATE TABLE IF NOT EXISTS hit (     -- records that ORCID search says list the DOI
    doi TEXT NOT NULL,
    orcid TEXT NOT NULL,
    PRIMARY KEY (doi, orcid)
);
CREATE TABLE IF NOT EXISTS found (   -- records a batched search found (which DOI: read them)
    orcid TEXT PRIMARY KEY
);
CREATE TABLE IF NOT EXISTS record (  -- one row per iD whose works were read (or failed)
    orcid TEXT PRIMARY KEY,
    error TEXT
);
CREATE TABLE IF NOT EXISTS listing ( -- (iD, DOI) pairs a read record lists, with the sources
    orcid TEXT NOT NULL,
    doi TEXT NOT NULL,
    sources TEXT NOT NULL,           -- JSON list of source names
    PRIMARY KEY (orcid, doi)
);
CREATE INDEX IF NOT EXISTS listing_by_doi ON listing (doi);
"""


# Named pairs first (0), then pairs a record or search adds (1); per DOI in input order.
_PAIRS = """
SELECT d.position, 0, d.doi, l.orcid, d.title, d.is_version, l.authenticated, li.sources,
       r.orcid IS NOT NULL, r.error
FROM link l JOIN doi d ON d.doi = l.doi
LEFT JOIN listing li ON li.orcid = l.orcid AND li.doi = l.doi
LEFT JOIN record r ON r.orcid = l.orcid
UNION ALL
SELECT d.position, 1, d.doi, x.orcid, d.title, d.is_version, NULL, li.sources,
       r.orcid IS NOT NULL, r.error
FROM (SELECT doi, orcid FROM listing UNION SELECT doi, orcid FROM hit) x
JOIN doi d ON d.doi = x.doi
LEFT JOIN listing li ON li.orcid = x.orcid AND li.doi = x.doi
LEFT JOIN record r ON r.orcid = x.orcid
WHERE NOT EXISTS (SELECT 1 FROM link l WHERE l.doi = x.doi AND l.orcid = x.orcid)
ORDER BY 1, 2, 4
"""


@dataclass(frozen=True, slots=True)
class PairState:
    """One (DOI, iD) pair as the checkpoint has it; :mod:`claimdesk.curator.report` decides
    its category."""

    doi: str
    orcid: str
    #: the DOI's metadata names the iD
    named: bool
    title: str | None
    is_version: bool
    authenticated: bool | None
    #: source names when the record lists the DOI, None when it does not (or is not read)
    sources: tuple[str, ...] | None
    #: the record was read
    read: bool
    error: str | None


@dataclass(frozen=True, slots=True)
class DoiState:
    """What the checkpoint knows about one DOI."""

    doi: str
    found: bool
    title: str | None
    is_version: bool
    searched: bool


class RoundTripState:
    """The checkpoint file. Writes come from the thread that opened it; reads are cheap."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(self.path, check_same_thread=False)
        self._lock = threading.Lock()
        self._db.executescript(_SCHEMA)
        top = self._db.execute("SELECT MAX(position) FROM doi").fetchone()[0]
        self._next_position = 0 if top is None else top + 1

    def close(self) -> None:
        """Commit and close the file."""
        with self._lock:
            self._db.commit()
            self._db.close()

    def __enter__(self) -> RoundTripState:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- the run this file belongs to ------------------------------------------------------

    def begin(self, target: str, *, resume: bool) -> bool:
        """Bind the file to ``target``; True if earlier progress for it is kept.

        Without ``resume`` the file is emptied. With it, progress is kept when the file belongs
        to the same target; a file of another target is refused rather than mixed.
        """
        with self._lock:
            stored = dict(self._db.execute("SELECT key, value FROM meta"))
            same = stored.get("target") == target and stored.get("schema") == str(SCHEMA_VERSION)
            if resume and stored and not same:
                raise ConfigError(
                    f"The state file {self.path} holds a run for {stored.get('target')!r}, "
                    f"not {target!r}.",
                    hint="run without --resume to start over, or pass another --state file",
                )
            if resume and same:
                return True
            for table in ("meta", "doi", "link", "hit", "found", "record", "listing"):
                self._db.execute(f"DELETE FROM {table}")
            self._db.executemany(
                "INSERT INTO meta VALUES (?, ?)",
                [("target", target), ("schema", str(SCHEMA_VERSION))],
            )
            self._db.commit()
            self._next_position = 0
            return False

    def flag(self, name: str) -> bool:
        """Whether a named step (e.g. "metadata") has completed."""
        with self._lock:
            row = self._db.execute("SELECT value FROM meta WHERE key = ?", (f"done:{name}",))
            return row.fetchone() is not None

    def set_flag(self, name: str) -> None:
        """Mark a named step as completed."""
        with self._lock:
            self._db.execute("INSERT OR REPLACE INTO meta VALUES (?, '1')", (f"done:{name}",))
            self._db.commit()

    def commit(self) -> None:
        """Make everything written so far durable."""
        with self._lock:
            self._db.commit()

    # -- metadata --------------------------------------------------------------------------

    def add_doi(
        self,
        doi: str,
        *,
        found: bool,
        title: str | None = None,
        is_version: bool = False,
        orcids: Iterable[tuple[str, bool | None]] = (),
    ) -> None:
        """Record a DOI and the iDs (with Crossref's authenticated flag) its metadata names."""
        with self._lock:
            self._db.execute(
                "INSERT INTO doi (doi, position, found, title, is_version) VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT(doi) DO UPDATE SET found = excluded.found, title = excluded.title, "
                "is_version = excluded.is_version",
                (doi, self._next_position, int(found), title, int(is_version)),
            )
            self._next_position += 1
            self._db.execute("DELETE FROM link WHERE doi = ?", (doi,))
            self._db.executemany(
                "INSERT OR IGNORE INTO link VALUES (?, ?, ?)",
                [(doi, o, None if a is None else int(a)) for o, a in orcids],
            )

    def dois(self) -> list[DoiState]:
        """Every DOI in input order."""
        with self._lock:
            rows = self._db.execute(
                "SELECT doi, found, title, is_version, searched FROM doi ORDER BY position"
            ).fetchall()
        return [DoiState(d, bool(f), t, bool(v), bool(s)) for d, f, t, v, s in rows]

    def links(self) -> Iterator[tuple[str, str, bool | None]]:
        """(DOI, iD, authenticated) for every iD named in metadata."""
        with self._lock:
            rows = self._db.execute("SELECT doi, orcid, authenticated FROM link").fetchall()
        for doi, orcid, auth in rows:
            yield doi, orcid, None if auth is None else bool(auth)

    # -- ORCID search ----------------------------------------------------------------------

    def add_hits(self, doi: str, orcids: Iterable[str]) -> None:
        """Store a DOI's search answer and mark it searched."""
        with self._lock:
            self._db.executemany(
                "INSERT OR IGNORE INTO hit VALUES (?, ?)", [(doi, o) for o in orcids]
            )
            self._db.execute("UPDATE doi SET searched = 1 WHERE doi = ?", (doi,))

    def add_found(self, dois: Iterable[str], orcids: Iterable[str]) -> None:
        """Store a batched search's answer (records listing some of ``dois``), mark them searched."""
        with self._lock:
            self._db.executemany("INSERT OR IGNORE INTO found VALUES (?)", [(o,) for o in orcids])
            self._db.executemany("UPDATE doi SET searched = 1 WHERE doi = ?", [(d,) for d in dois])

    def found(self) -> set[str]:
        """iDs of the records batched searches found."""
        with self._lock:
            return {r[0] for r in self._db.execute("SELECT orcid FROM found")}

    def hits(self) -> list[tuple[str, str]]:
        """(DOI, iD) for every record ORCID search found listing a DOI."""
        with self._lock:
            return self._db.execute("SELECT doi, orcid FROM hit").fetchall()

    # -- record reads ----------------------------------------------------------------------

    def add_record(
        self, orcid: str, listings: dict[str, tuple[str, ...]], error: str | None = None
    ) -> None:
        """Store one record read: the input DOIs it lists (with sources), or why it failed."""
        with self._lock:
            self._db.execute("INSERT OR REPLACE INTO record VALUES (?, ?)", (orcid, error))
            self._db.execute("DELETE FROM listing WHERE orcid = ?", (orcid,))
            self._db.executemany(
                "INSERT INTO listing VALUES (?, ?, ?)",
                [(orcid, doi, json.dumps(list(src))) for doi, src in listings.items()],
            )

    def records_done(self) -> set[str]:
        """iDs read successfully (a failed read is tried again on resume)."""
        with self._lock:
            rows = self._db.execute("SELECT orcid FROM record WHERE error IS NULL").fetchall()
        return {r[0] for r in rows}

    def record_errors(self) -> dict[str, str]:
        """iD → why its record could not be read."""
        with self._lock:
            rows = self._db.execute("SELECT orcid, error FROM record WHERE error IS NOT NULL")
            return dict(rows.fetchall())

    def named_orcids(self) -> set[str]:
        """Every iD named in some DOI's metadata."""
        with self._lock:
            return {r[0] for r in self._db.execute("SELECT DISTINCT orcid FROM link")}

    def unnamed_hits(self) -> set[str]:
        """iDs a one-DOI search found listing a DOI whose metadata does not name them."""
        with self._lock:
            rows = self._db.execute(
                "SELECT DISTINCT h.orcid FROM hit h LEFT JOIN link l "
                "ON l.doi = h.doi AND l.orcid = h.orcid WHERE l.doi IS NULL"
            )
            return {r[0] for r in rows}

    def doi_counts(self) -> tuple[int, int]:
        """(DOIs, DOIs without metadata)."""
        with self._lock:
            row = self._db.execute("SELECT COUNT(*), COALESCE(SUM(found = 0), 0) FROM doi")
            total, missing = row.fetchone()
        return int(total), int(missing)

    def dois_in_neither(self) -> int:
        """DOIs with metadata that name no iD and that no record is known to list."""
        with self._lock:
            row = self._db.execute(
                "SELECT COUNT(*) FROM doi d WHERE d.found = 1 "
                "AND NOT EXISTS (SELECT 1 FROM link l WHERE l.doi = d.doi) "
                "AND NOT EXISTS (SELECT 1 FROM listing li WHERE li.doi = d.doi) "
                "AND NOT EXISTS (SELECT 1 FROM hit h WHERE h.doi = d.doi)"
            )
            return int(row.fetchone()[0])

    def dois_without_metadata(self) -> list[str]:
        """DOIs no service had metadata for, in input order."""
        with self._lock:
            rows = self._db.execute("SELECT doi FROM doi WHERE found = 0 ORDER BY position")
            return [r[0] for r in rows]

    def pairs(self) -> Iterator[PairState]:
        """Every (DOI, iD) pair the run knows, in input order: the iDs named in the metadata
        (sorted), then the records that list the DOI without being named (sorted). Streamed
        from the file: a million pairs never sit in memory together."""
        with self._lock:
            cursor = self._db.cursor()
            cursor.execute(_PAIRS)
        while True:
            with self._lock:
                chunk = cursor.fetchmany(2000)
            if not chunk:
                return
            for _p, _n, doi, orcid, title, version, auth, sources, read, error in chunk:
                yield PairState(
                    doi,
                    orcid,
                    named=not _n,
                    title=title,
                    is_version=bool(version),
                    authenticated=None if auth is None else bool(auth),
                    sources=tuple(json.loads(sources)) if sources else None,
                    read=bool(read) and error is None,
                    error=error,
                )

    def listings(self) -> dict[tuple[str, str], tuple[str, ...]]:
        """(DOI, iD) → source names, for every input DOI a read record lists."""
        with self._lock:
            rows = self._db.execute("SELECT orcid, doi, sources FROM listing").fetchall()
        return {(doi, orcid): tuple(json.loads(src)) for orcid, doi, src in rows}
