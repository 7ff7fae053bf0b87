"""The round trip's report: one row per (DOI, iD) pair, summary counts, CSV and JSON export.

Plain frozen data built from the checkpoint (:func:`build_report`); the GUI's Curator view and
``claimdesk roundtrip`` show it, and ``claimdesk push`` plans from it.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    from claimdesk.curator.state import PairState, RoundTripState

#: The categories of a report row.
IN_BOTH = "in metadata and on ORCID"
MISSING = "missing on ORCID"
NOT_IN_METADATA = "on ORCID but not in metadata"
#: The record could not be read (deactivated, locked, network); the pair is undecided.
UNREADABLE = "record not readable"
#: A cancelled run had not read the record yet.
NOT_CHECKED = "not checked yet"
CATEGORIES = (IN_BOTH, MISSING, NOT_IN_METADATA, UNREADABLE, NOT_CHECKED)
#: A DOI (not a pair) whose metadata names no iD and that no ORCID record lists.
NEITHER = "DOIs in neither (no iD in metadata, on no record)"


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
class MetadataProblem:
    """A problem in a DOI's metadata that stops auto-update: the DOI, the identifier as
    written (None for a DOI-level problem), what is wrong."""

    doi: str
    identifier: str | None
    problem: str


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
    #: DOIs with metadata that name no iD and that no record lists (the fourth state)
    neither: int = 0

    def lines(self) -> list[str]:
        """The counts as lines of text (the CLI's header)."""
        out = [
            f"DOIs: {self.dois} ({self.dois_without_metadata} without metadata)",
            f"ORCID iDs: {self.orcids}",
            f"{IN_BOTH}: {self.in_both}",
            f"{MISSING}: {self.missing}",
            f"{NOT_IN_METADATA}: {self.not_in_metadata}",
            f"{NEITHER}: {self.neither}",
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
    #: metadata problems found (the round trip from the data files looks for them)
    problems: tuple[MetadataProblem, ...] = ()

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
        write_csv_rows(self.rows, out)

    def to_csv(self) -> str:
        """The CSV export as a string."""
        buffer = io.StringIO()
        self.write_csv(buffer)
        return buffer.getvalue()

    def to_json(self) -> str:
        """The JSON export."""
        buffer = io.StringIO()
        self.write_json(buffer)
        return buffer.getvalue().rstrip("\n")

    def write_json(self, out: TextIO) -> None:
        """The JSON export, written to ``out``."""
        write_json(
            out,
            input_label=self.input,
            complete=self.complete,
            summary=self.summary,
            rows=self.rows,
            without_metadata=self.without_metadata,
            unreadable=self.unreadable,
            problems=self.problems,
        )


def row_of(pair: PairState) -> RoundTripRow:
    """The report row of one checkpointed pair."""
    if not pair.named:
        category = NOT_IN_METADATA
    elif pair.sources is not None:
        category = IN_BOTH
    elif pair.read:
        category = MISSING
    elif pair.error is not None:
        category = UNREADABLE
    else:
        category = NOT_CHECKED
    return RoundTripRow(
        pair.doi,
        pair.orcid,
        category,
        pair.sources or (),
        pair.title,
        pair.is_version,
        pair.authenticated,
    )


def iter_rows(state: RoundTripState) -> Iterator[RoundTripRow]:
    """The report's rows in order, streamed from the checkpoint."""
    return (row_of(pair) for pair in state.pairs())


def summarize(state: RoundTripState) -> RoundTripSummary:
    """The report's counts, in one streamed pass over the checkpoint."""
    counts = dict.fromkeys(CATEGORIES, 0)
    orcids: set[str] = set()
    for row in iter_rows(state):
        counts[row.category] += 1
        orcids.add(row.orcid)
    dois, without = state.doi_counts()
    return RoundTripSummary(
        dois=dois,
        dois_without_metadata=without,
        orcids=len(orcids),
        pairs=sum(counts.values()),
        in_both=counts[IN_BOTH],
        missing=counts[MISSING],
        not_in_metadata=counts[NOT_IN_METADATA],
        unreadable=counts[UNREADABLE],
        not_checked=counts[NOT_CHECKED],
        neither=state.dois_in_neither(),
    )


def build_report(
    state: RoundTripState, *, input_label: str, complete: bool = True, requests: int = 0
) -> RoundTripReport:
    """The report from what the checkpoint holds (complete or not), rows in memory (the GUI's
    table and ``push`` need them all; exports stream with :func:`write_csv_rows`/:func:`write_json`)."""
    return RoundTripReport(
        input=input_label,
        rows=tuple(iter_rows(state)),
        summary=summarize(state),
        without_metadata=tuple(state.dois_without_metadata()),
        unreadable=state.record_errors(),
        complete=complete,
        requests=requests,
    )


_CSV_HEADER = ("doi", "orcid", "category", "sources", "title", "version_or_part", "authenticated")


def write_csv_rows(rows: Iterable[RoundTripRow], out: TextIO) -> None:
    """Rows as CSV with a header line; sources joined with "; " (streams: one row at a time)."""
    writer = csv.writer(out)
    writer.writerow(_CSV_HEADER)
    for r in rows:
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


def write_json(
    out: TextIO,
    *,
    input_label: str,
    complete: bool,
    summary: RoundTripSummary,
    rows: Iterable[RoundTripRow],
    without_metadata: Iterable[str],
    unreadable: Mapping[str, str],
    problems: Iterable[MetadataProblem] = (),
) -> None:
    """The report as one JSON object, written row by row (the same shape as ``to_json``)."""
    head = {"input": input_label, "complete": complete, "summary": asdict(summary)}
    out.write(json.dumps(head, ensure_ascii=False, indent=1)[:-2] + ',\n "rows": [')
    for number, row in enumerate(rows):
        out.write(("," if number else "") + "\n  " + json.dumps(asdict(row), ensure_ascii=False))
    out.write("\n ],\n")
    tail: dict[str, Any] = {
        "without_metadata": list(without_metadata),
        "unreadable": dict(unreadable),
    }
    found = [asdict(p) for p in problems]
    if found:
        tail["problems"] = found
    out.write(json.dumps(tail, ensure_ascii=False, indent=1)[2:] + "\n")
