"""The round trip's report: one row per (DOI, iD) pair, summary counts, CSV and JSON export.

Plain frozen data built from the checkpoint (:func:`build_report`); the GUI's Curator view and
``claimdesk roundtrip`` show it, and ``claimdesk push`` plans from it.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    from claimdesk.curator.state import RoundTripState

#: The categories of a report row.
IN_BOTH = "in metadata and on ORCID"
MISSING = "missing on ORCID"
NOT_IN_METADATA = "on ORCID but not in metadata"
#: The record could not be read (deactivated, locked, network); the pair is undecided.
UNREADABLE = "record not readable"
#: A cancelled run had not read the record yet.
NOT_CHECKED = "not checked yet"
CATEGORIES = (IN_BOTH, MISSING, NOT_IN_METADATA, UNREADABLE, NOT_CHECKED)


@dataclass(frozen=True, slots=True)
class RoundTripRow:
    """One (DOI, iD) pair and what the round trip found."""

    doi: str
    orcid: str
    category: str
    #: names of the sources that put the DOI on the record (empty when it is not there)
    sources: tuple[str, ...] = ()
    title: str | None = None
    #: the DOI is a version/part of another DOI (push skips those by default)
    is_version: bool = False
    #: Crossref ``authenticated-orcid`` for this iD; None for DataCite or when not in metadata
    authenticated: bool | None = None


@dataclass(frozen=True, slots=True)
class RoundTripSummary:
    """Counts for the report's header."""

    dois: int = 0
    dois_without_metadata: int = 0
    orcids: int = 0
    pairs: int = 0
    in_both: int = 0
    missing: int = 0
    not_in_metadata: int = 0
    unreadable: int = 0
    not_checked: int = 0

    def lines(self) -> list[str]:
        """The counts as lines of text (the CLI's header)."""
        out = [
            f"DOIs: {self.dois} ({self.dois_without_metadata} without metadata)",
            f"ORCID iDs: {self.orcids}",
            f"{IN_BOTH}: {self.in_both}",
            f"{MISSING}: {self.missing}",
            f"{NOT_IN_METADATA}: {self.not_in_metadata}",
        ]
        if self.unreadable:
            out.append(f"{UNREADABLE}: {self.unreadable}")
        if self.not_checked:
            out.append(f"{NOT_CHECKED}: {self.not_checked}")
        return out


@dataclass(frozen=True, slots=True)
class RoundTripReport:
    """The result of a (possibly partial) round trip."""

    input: str
    rows: tuple[RoundTripRow, ...]
    summary: RoundTripSummary
    #: DOIs for which neither DataCite nor Crossref had metadata
    without_metadata: tuple[str, ...] = ()
    #: iD → why its record could not be read
    unreadable: Mapping[str, str] = field(default_factory=dict)
    #: False when the run was cancelled or some searches failed (resume it to finish)
    complete: bool = True
    #: ORCID requests this run sent (reads + searches; not counting earlier, resumed runs)
    requests: int = 0

    def filter(self, *categories: str) -> tuple[RoundTripRow, ...]:
        """The rows of the given categories (all rows when none is given)."""
        if not categories:
            return self.rows
        wanted = set(categories)
        return tuple(r for r in self.rows if r.category in wanted)

    def by_doi(self) -> dict[str, list[RoundTripRow]]:
        """Rows grouped per DOI, in report order."""
        return self._grouped(lambda row: row.doi)

    def by_orcid(self) -> dict[str, list[RoundTripRow]]:
        """Rows grouped per iD, in report order."""
        return self._grouped(lambda row: row.orcid)

    def _grouped(self, key: Callable[[RoundTripRow], str]) -> dict[str, list[RoundTripRow]]:
        out: dict[str, list[RoundTripRow]] = {}
        for row in self.rows:
            out.setdefault(key(row), []).append(row)
        return out

    def write_csv(self, out: TextIO) -> None:
        """The rows as CSV with a header line; sources joined with "; "."""
        writer = csv.writer(out)
        writer.writerow(
            ["doi", "orcid", "category", "sources", "title", "version_or_part", "authenticated"]
        )
        for r in self.rows:
            writer.writerow(
                [
                    r.doi,
                    r.orcid,
                    r.category,
                    "; ".join(r.sources),
                    r.title or "",
                    "yes" if r.is_version else "no",
                    "" if r.authenticated is None else ("yes" if r.authenticated else "no"),
                ]
            )

    def to_csv(self) -> str:
        """The CSV export as a string."""
        buffer = io.StringIO()
        self.write_csv(buffer)
        return buffer.getvalue()

    def to_json_obj(self) -> dict[str, Any]:
        """The whole report as JSON-ready data."""
        return {
            "input": self.input,
            "complete": self.complete,
            "summary": asdict(self.summary),
            "rows": [asdict(r) for r in self.rows],
            "without_metadata": list(self.without_metadata),
            "unreadable": dict(self.unreadable),
        }

    def to_json(self) -> str:
        """The JSON export."""
        return json.dumps(self.to_json_obj(), ensure_ascii=False, indent=1)


def build_report(
    state: RoundTripState, *, input_label: str, complete: bool = True, requests: int = 0
) -> RoundTripReport:
    """The report from what the checkpoint holds (complete or not)."""
    dois = state.dois()
    links: dict[str, dict[str, bool | None]] = {}
    for doi, orcid, auth in state.links():
        links.setdefault(doi, {})[orcid] = auth
    listed = state.listings()
    errors = state.record_errors()
    read = state.records_done()
    extra: dict[str, set[str]] = {}
    for doi, orcid in state.hits():
        extra.setdefault(doi, set()).add(orcid)
    for doi, orcid in listed:
        extra.setdefault(doi, set()).add(orcid)

    rows: list[RoundTripRow] = []
    for item in dois:
        named = links.get(item.doi, {})
        for orcid in sorted(named):
            if (item.doi, orcid) in listed:
                category = IN_BOTH
            elif orcid in read:
                category = MISSING
            elif orcid in errors:
                category = UNREADABLE
            else:
                category = NOT_CHECKED
            rows.append(
                RoundTripRow(
                    item.doi,
                    orcid,
                    category,
                    listed.get((item.doi, orcid), ()),
                    item.title,
                    item.is_version,
                    named[orcid],
                )
            )
        for orcid in sorted(extra.get(item.doi, set()) - named.keys()):
            rows.append(
                RoundTripRow(
                    item.doi,
                    orcid,
                    NOT_IN_METADATA,
                    listed.get((item.doi, orcid), ()),
                    item.title,
                    item.is_version,
                )
            )
    counts = {c: 0 for c in CATEGORIES}
    for row in rows:
        counts[row.category] += 1
    summary = RoundTripSummary(
        dois=len(dois),
        dois_without_metadata=sum(1 for d in dois if not d.found),
        orcids=len({r.orcid for r in rows}),
        pairs=len(rows),
        in_both=counts[IN_BOTH],
        missing=counts[MISSING],
        not_in_metadata=counts[NOT_IN_METADATA],
        unreadable=counts[UNREADABLE],
        not_checked=counts[NOT_CHECKED],
    )
    return RoundTripReport(
        input=input_label,
        rows=tuple(rows),
        summary=summary,
        without_metadata=tuple(d.doi for d in dois if not d.found),
        unreadable=errors,
        complete=complete,
        requests=requests,
    )
