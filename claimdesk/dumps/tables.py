"""The Parquet tables of an ingest: their schemas, where their files go, writing them atomically."""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from claimdesk.dumps.records import DOI_COLUMNS, NAME_COLUMNS, ORCID_COLUMNS

if TYPE_CHECKING:
    import pyarrow as pa

    from claimdesk.curator.report import RoundTripRow
    from claimdesk.dumps.records import DataCiteRows

ORCID_TABLE = "orcid_works"
DOI_TABLE = "datacite_dois"
NAME_TABLE = "datacite_names"
TABLES = (ORCID_TABLE, DOI_TABLE, NAME_TABLE)


def _schemas() -> dict[str, pa.Schema]:
    import pyarrow as pa

    text, integer, flag = pa.string(), pa.int64(), pa.bool_()
    types = {
        ORCID_TABLE: dict.fromkeys(ORCID_COLUMNS, text)
        | {"put_code": integer, "display_index": integer, "grp": integer, "position": integer},
        DOI_TABLE: dict.fromkeys(DOI_COLUMNS, text)
        | {"is_version": flag, "version_of_itself": flag},
        NAME_TABLE: dict.fromkeys(NAME_COLUMNS, text),
    }
    return {name: pa.schema(list(columns.items())) for name, columns in types.items()}


def write_orcid(out: Path, key: str, rows: Sequence[tuple[Any, ...]]) -> None:
    """One chunk's ORCID rows as ``orcid_works/<key>.parquet``."""
    _write(out / ORCID_TABLE / f"{key}.parquet", ORCID_TABLE, rows)


def write_datacite(out: Path, key: str, parsed: Sequence[DataCiteRows]) -> int:
    """One chunk's DataCite rows, Hive-partitioned by update month; the name-row count."""
    months: dict[str, tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]] = {}
    for item in parsed:
        if item.doi is None:
            continue
        dois, names = months.setdefault(item.updated_month, ([], []))
        dois.append(item.doi)
        names.extend(item.names)
    for month, (dois, names) in months.items():
        _write(out / DOI_TABLE / f"month={month}" / f"{key}.parquet", DOI_TABLE, dois)
        _write(out / NAME_TABLE / f"month={month}" / f"{key}.parquet", NAME_TABLE, names)
    return sum(len(names) for _dois, names in months.values())


def _write(path: Path, table: str, rows: Sequence[tuple[Any, ...]]) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = _schemas()[table]
    columns = list(zip(*rows, strict=True)) if rows else [() for _ in schema.names]
    data = pa.Table.from_arrays(
        [pa.array(list(col), type=schema.field(i).type) for i, col in enumerate(columns)],
        schema=schema,
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    pq.write_table(data, partial, compression="zstd")
    os.replace(partial, path)  # a kill leaves a .partial file, never half a table


def empty(table: str) -> pa.Table:
    """A table with no rows (an ingest of DataCite alone has no ORCID table)."""
    schema = _schemas()[table]
    return schema.empty_table()


def has_files(out: Path, table: str) -> bool:
    """Whether an ingest wrote any file of ``table`` into ``out``."""
    return any((out / table).rglob("*.parquet"))


def write_rows_parquet(rows: Iterable[RoundTripRow], path: Path | str, batch: int = 50_000) -> int:
    """Report rows as one Parquet file, written in batches (a million rows never in memory);
    the row count."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pa.schema(
        [
            ("doi", pa.string()),
            ("orcid", pa.string()),
            ("category", pa.string()),
            ("sources", pa.list_(pa.string())),
            ("title", pa.string()),
            ("is_version", pa.bool_()),
            ("authenticated", pa.bool_()),
        ]
    )
    count = 0
    with pq.ParquetWriter(str(path), schema, compression="zstd") as writer:
        chunk: list[RoundTripRow] = []
        for row in [*rows, None]:
            if row is not None:
                chunk.append(row)
            if chunk and (row is None or len(chunk) >= batch):
                columns = [[getattr(r, name) for r in chunk] for name in schema.names]
                writer.write_table(
                    pa.Table.from_arrays(
                        [pa.array(c, type=schema.field(i).type) for i, c in enumerate(columns)],
                        schema=schema,
                    )
                )
                count += len(chunk)
                chunk = []
    return count


def glob(out: Path, table: str) -> str:
    """The files of one table, as a glob DuckDB and Dask read."""
    return str(out / table / "**" / "*.parquet")
