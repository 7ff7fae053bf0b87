"""``claimdesk roundtrip --dumps DIR``: the round trip answered from the ingested tables, DuckDB.

The same four states as the API path — in metadata and on ORCID, in metadata only ("missing on
ORCID"), on ORCID only ("on ORCID but not in metadata"), neither — for a DataCite repository, a
prefix, a DOI list or all of DataCite, plus the metadata problems that silently stop DataCite's
auto-update (:func:`problems`). DuckDB is embedded and reads the Parquet files where they lie.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from claimdesk.curator.report import (
    IN_BOTH,
    MISSING,
    NOT_IN_METADATA,
    MetadataProblem,
    RoundTripReport,
    RoundTripRow,
    RoundTripSummary,
)
from claimdesk.dumps.records import FORM_BARE, FORM_HTTP
from claimdesk.dumps.tables import (
    DOI_TABLE,
    NAME_TABLE,
    ORCID_TABLE,
    TABLES,
    empty,
    glob,
    has_files,
)
from claimdesk.errors import ConfigError
from claimdesk.orcid.ids import normalize_doi

if TYPE_CHECKING:
    import duckdb

    from claimdesk.curator.roundtrip import RoundTripInput

#: Words for the metadata problems (the ``problem`` column of :func:`problems`).
WRITTEN_BARE = "iD written bare (not as https://orcid.org/…)"
WRITTEN_HTTP = "iD written as an http:// URL"
ONLY_CONTRIBUTOR = "iD only on a contributor, not a creator"
VERSION_OF_ITSELF = "IsVersionOf points at the DOI itself"


class DumpTables:
    """The ingested tables of ``folder`` opened in an in-memory DuckDB, scoped to one input."""

    def __init__(self, folder: Path | str, target: RoundTripInput) -> None:
        import duckdb

        self.folder = Path(folder)
        if not any(has_files(self.folder, t) for t in TABLES):
            raise ConfigError(
                f"{self.folder} holds no tables of the data files.",
                hint="run `claimdesk dumps ingest --out` into it first",
            )
        self.target = target
        self.db: duckdb.DuckDBPyConnection = duckdb.connect()
        # No progress bar: DuckDB draws it on stdout, into the report a user may be piping.
        self.db.execute("SET enable_progress_bar = false")
        for table in TABLES:
            if not has_files(self.folder, table):  # e.g. only DataCite was ingested
                self.db.register(table, empty(table))
                continue
            source = glob(self.folder, table)
            self.db.execute(
                f"CREATE VIEW {table} AS SELECT * FROM read_parquet('{_quote(source)}', "
                "hive_partitioning = true, union_by_name = true)"
            )
        self._scope()

    def close(self) -> None:
        """Close the database."""
        self.db.close()

    def __enter__(self) -> DumpTables:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _scope(self) -> None:
        target, params = self.target, []
        if target.repository is not None:
            where, params = "lower(client) = lower(?)", [target.repository]
        elif target.prefix is not None:
            where, params = "prefix = lower(?)", [target.prefix.strip().rstrip("/")]
        elif target.dois is not None or target.doi is not None:
            wanted = [target.doi] if target.doi is not None else list(target.dois or ())
            dois = sorted({d for d in (normalize_doi(w) for w in wanted) if d})
            self.db.execute("CREATE TEMP TABLE wanted (doi VARCHAR PRIMARY KEY)")
            self.db.executemany("INSERT INTO wanted VALUES (?)", [(d,) for d in dois])
            where = "doi IN (SELECT doi FROM wanted)"
        else:
            where = "true"
        self.db.execute(
            f"CREATE TEMP TABLE scope AS SELECT doi, title, is_version FROM {DOI_TABLE} "
            f"WHERE {where}",
            params,
        )
        has_list = target.dois is not None or target.doi is not None
        missing = "SELECT doi FROM wanted WHERE doi NOT IN (SELECT doi FROM scope)"
        self.without_metadata = (
            [r[0] for r in self.db.execute(missing + " ORDER BY doi").fetchall()]
            if has_list
            else []
        )
        self.db.execute(_PAIRS)

    def rows(self) -> Iterator[RoundTripRow]:
        """Every (DOI, iD) pair with its state, by DOI, named iDs first, streamed in batches."""
        cursor = self.db.execute(
            "SELECT p.doi, p.orcid, p.named, p.sources, s.title, s.is_version FROM pairs p "
            "JOIN scope s USING (doi) ORDER BY p.doi, NOT p.named, p.orcid"
        )
        while batch := cursor.fetchmany(5000):
            for doi, orcid, named, sources, title, is_version in batch:
                listed = tuple(dict.fromkeys(sources)) if sources else ()
                category = (IN_BOTH if listed else MISSING) if named else NOT_IN_METADATA
                yield RoundTripRow(doi, orcid, category, listed, title, bool(is_version))

    def summary(self) -> RoundTripSummary:
        """The four-state counts."""
        one = self.db.execute(
            "SELECT count(*) FILTER (named AND sources IS NOT NULL), "
            "count(*) FILTER (named AND sources IS NULL), count(*) FILTER (NOT named), "
            "count(DISTINCT orcid), count(*) FROM pairs"
        ).fetchone()
        assert one is not None
        in_both, missing, not_in_metadata, orcids, pairs = (int(v) for v in one)
        counts = self.db.execute(
            "SELECT count(*), count(*) FILTER (doi NOT IN (SELECT doi FROM pairs)) FROM scope"
        ).fetchone()
        assert counts is not None
        found, neither = int(counts[0]), int(counts[1])
        return RoundTripSummary(
            dois=found + len(self.without_metadata),
            dois_without_metadata=len(self.without_metadata),
            orcids=orcids,
            pairs=pairs,
            in_both=in_both,
            missing=missing,
            not_in_metadata=not_in_metadata,
            neither=neither,
        )

    def problems(self) -> Iterator[MetadataProblem]:
        """The metadata problems of the DOIs in scope, by DOI."""
        cursor = self.db.execute(
            _PROBLEMS, [WRITTEN_BARE, WRITTEN_HTTP, ONLY_CONTRIBUTOR, VERSION_OF_ITSELF]
        )
        while batch := cursor.fetchmany(5000):
            for doi, identifier, problem in batch:
                yield MetadataProblem(doi, identifier, problem)

    def report(self) -> RoundTripReport:
        """The whole report in memory, problems included (the GUI's table)."""
        return RoundTripReport(
            input=f"{self.target.describe()} (data files in {self.folder})",
            rows=tuple(self.rows()),
            summary=self.summary(),
            without_metadata=tuple(self.without_metadata),
            problems=tuple(self.problems()),
        )

    def export_parquet(self, path: Path | str, what: str = "pairs") -> None:
        """The pairs (or the problems) as one Parquet file, written by DuckDB."""
        if what == "pairs":
            query = (
                "SELECT p.doi, p.orcid, CASE WHEN NOT p.named THEN ? WHEN p.sources IS NULL "
                "THEN ? ELSE ? END AS category, list_distinct(p.sources) AS sources, s.title, "
                "s.is_version FROM pairs p JOIN scope s USING (doi) ORDER BY 1, 2"
            )
            params: list[Any] = [NOT_IN_METADATA, MISSING, IN_BOTH]
        else:
            query = _PROBLEMS
            params = [WRITTEN_BARE, WRITTEN_HTTP, ONLY_CONTRIBUTOR, VERSION_OF_ITSELF]
        self.db.execute(f"COPY ({query}) TO '{_quote(str(path))}' (FORMAT parquet)", params)


def _quote(text: str) -> str:
    return text.replace("'", "''")


# Pairs named in metadata (valid iDs, creators and contributors) full-joined with the works
# listing them on ORCID records; sources in the order the API path reports them.
_PAIRS = f"""
CREATE TEMP TABLE pairs AS
WITH meta AS (
    SELECT DISTINCT n.doi, n.orcid FROM {NAME_TABLE} n JOIN scope USING (doi)
    WHERE n.orcid IS NOT NULL
), listed AS (
    SELECT w.doi, w.orcid, list(w.source_name ORDER BY w.grp, w.position) AS sources
    FROM {ORCID_TABLE} w JOIN scope USING (doi) GROUP BY w.doi, w.orcid
)
SELECT coalesce(m.doi, l.doi) AS doi, coalesce(m.orcid, l.orcid) AS orcid,
       m.doi IS NOT NULL AS named, l.sources
FROM meta m FULL OUTER JOIN listed l ON m.doi = l.doi AND m.orcid = l.orcid
"""

_PROBLEMS = f"""
SELECT doi, identifier, problem FROM (
    SELECT n.doi, n.written AS identifier, n.problem FROM {NAME_TABLE} n JOIN scope USING (doi)
    WHERE n.problem IS NOT NULL
    UNION ALL
    SELECT n.doi, n.written, CASE n.form WHEN '{FORM_BARE}' THEN $1 ELSE $2 END
    FROM {NAME_TABLE} n JOIN scope USING (doi)
    WHERE n.problem IS NULL AND n.form IN ('{FORM_BARE}', '{FORM_HTTP}')
    UNION ALL
    SELECT n.doi, n.orcid, $3 FROM {NAME_TABLE} n JOIN scope USING (doi)
    WHERE n.orcid IS NOT NULL GROUP BY n.doi, n.orcid HAVING bool_and(n.role = 'contributor')
    UNION ALL
    SELECT d.doi, NULL, $4 FROM {DOI_TABLE} d JOIN scope USING (doi) WHERE d.version_of_itself
)
ORDER BY doi, problem, identifier
"""
