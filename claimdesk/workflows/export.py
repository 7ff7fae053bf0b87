"""Exporting works to a file as BibTeX, RIS or CSV, with their authors (GUI and CLI).

Authors are in the full works only, so those not fetched yet are read in bulk (at most 100
put-codes per request, ORCID's limit), reporting progress and honouring cancellation between
requests; then the chosen format is written atomically.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from claimdesk.exports.bibtex import to_bibtex
from claimdesk.exports.entry import ExportEntry, entries
from claimdesk.exports.ris import to_ris
from claimdesk.exports.table import to_csv
from claimdesk.orcid.model import BULK_MAX
from claimdesk.workflows.cancel import CancelToken, Progress
from claimdesk.workflows.files import write_atomically

if TYPE_CHECKING:
    from claimdesk.orcid.client import OrcidClient
    from claimdesk.orcid.model import Work, WorkGroup

#: Export format → (writer, usual file suffix, name in a file dialog).
FORMATS: dict[str, tuple[Callable[[Iterable[ExportEntry]], str], str, str]] = {
    "bibtex": (to_bibtex, ".bib", "BibTeX"),
    "ris": (to_ris, ".ris", "RIS"),
    "csv": (to_csv, ".csv", "CSV"),
}


@dataclass(frozen=True, slots=True)
class ExportResult:
    """What was written: how many works, and how many of them with their contributors."""

    path: Path
    format: str
    works: int
    with_details: int


def fetch_details(
    client: OrcidClient,
    put_codes: Sequence[int],
    known: Mapping[int, Work] | None = None,
    *,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
) -> dict[int, Work]:
    """Full works for ``put_codes``: those in ``known`` plus the rest read in bulk (≤100 each).

    A put-code ORCID no longer has is left out (its work is exported without contributors).
    Raises :class:`~claimdesk.workflows.cancel.Cancelled` if cancelled between requests.
    """
    from claimdesk.orcid.model import Work

    found = {pc: w for pc, w in (known or {}).items() if pc in set(put_codes)}
    missing = [pc for pc in dict.fromkeys(put_codes) if pc not in found]
    done = 0
    if progress is not None:
        progress(0, len(missing))
    for start in range(0, len(missing), BULK_MAX):
        if cancel is not None:
            cancel.check()
        chunk = missing[start : start + BULK_MAX]
        for pc, item in zip(chunk, client.read_works_bulk(chunk), strict=True):
            if isinstance(item, Work):
                found[pc] = item
        done += len(chunk)
        if progress is not None:
            progress(done, len(missing))
    return found


def export_works(
    groups: Sequence[WorkGroup],
    fmt: str,
    target: Path,
    *,
    client: OrcidClient | None = None,
    known: Mapping[int, Work] | None = None,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
) -> ExportResult:
    """Write ``groups`` (each as its preferred version) to ``target`` in ``fmt``.

    With ``client`` the full works not in ``known`` are read first, for contributors; without
    one only ``known`` is used (offline: the file says less, and the result says how much).
    """
    writer = FORMATS[fmt][0]
    put_codes = [g.preferred.put_code for g in groups if g.preferred.put_code is not None]
    if client is not None:
        details = fetch_details(client, put_codes, known, progress=progress, cancel=cancel)
    else:
        details = dict(known or {})
    written = entries(groups, details)
    write_atomically(target, writer(written))
    return ExportResult(target, fmt, len(written), sum(e.has_details for e in written))
