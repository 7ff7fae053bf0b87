"""CSV: one row per exported work, for spreadsheets and our own DOI-list importer.

The ``doi`` column is what the importer (``sources/doilist.py``) reads back; ``contributors``
lists names with ORCID iDs; ``identifiers`` has every identifier of the group.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from claimdesk.exports.entry import ExportEntry

CSV_COLUMNS = (
    "title",
    "type",
    "year",
    "date",
    "journal",
    "contributors",
    "doi",
    "isbn",
    "issn",
    "identifiers",
    "url",
    "source",
    "versions",
    "put_code",
    "visibility",
)


def _date(entry: ExportEntry) -> str:
    parts = [f"{entry.year:04d}" if entry.year else ""]
    if entry.year and entry.month:
        parts.append(f"{entry.month:02d}")
        if entry.day:
            parts.append(f"{entry.day:02d}")
    return "-".join(p for p in parts if p)


def _people(entry: ExportEntry) -> str:
    return "; ".join(
        f"{p.name} ({p.orcid})" if p.orcid else p.name for p in (*entry.authors, *entry.editors)
    )


def to_csv(entries: Iterable[ExportEntry]) -> str:
    """CSV text with a header row, one row per work."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for e in entries:
        writer.writerow(
            (
                f"{e.title}: {e.subtitle}" if e.subtitle else e.title,
                e.type,
                e.year or "",
                _date(e),
                e.container or "",
                _people(e),
                e.doi or "",
                "; ".join(e.isbn),
                "; ".join(e.issn),
                "; ".join(f"{t}:{v}" for t, v in e.identifiers),
                e.url or "",
                e.source,
                e.versions,
                e.put_code if e.put_code is not None else "",
                e.visibility or "",
            )
        )
    return out.getvalue()
