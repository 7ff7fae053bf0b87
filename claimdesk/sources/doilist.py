"""Lists of DOIs from pasted text or a file (plain text, CSV, RIS, BibTeX), resolved to metadata.

Parsing understands each format's DOI field (BibTeX ``doi = {…}``, RIS ``DO  -``, a CSV ``doi``
column) so DOIs cited in abstracts or notes are not picked up; plain text takes every DOI in any
form. Resolving asks DataCite first and Crossref otherwise; a DOI neither knows is listed as
unknown, and one that could not be checked because a service failed is listed with the errors.
"""

from __future__ import annotations

import csv
import io
import re
import threading
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from claimdesk.config import Settings
from claimdesk.errors import SourceError
from claimdesk.orcid.ids import normalize_doi
from claimdesk.sources.crossref import CrossrefClient
from claimdesk.sources.datacite import DataCiteClient
from claimdesk.sources.records import DoiRecord

_DOI_ANYWHERE = re.compile(r"10\.\d{3,9}(?:\.\d+)*/[^\s\"'{}]+")
_BIBTEX_ENTRY = re.compile(r"@\s*[A-Za-z]+\s*[{(]", re.MULTILINE)
_BIBTEX_FIELD = re.compile(r"\b(doi|url)\s*=\s*[{\"]([^}\"]*)[}\"]", re.IGNORECASE)
_RIS_LINE = re.compile(r"^([A-Z][A-Z0-9])  -\s?(.*)$")


@dataclass(frozen=True, slots=True)
class DoiList:
    """DOIs found (normalised, first-seen order, no duplicates) and lines that held none."""

    dois: tuple[str, ...]
    format: str  # "text", "csv", "ris" or "bibtex"
    #: (line number, text) of non-blank plain-text lines or CSV rows without a DOI
    skipped: tuple[tuple[int, str], ...] = ()


def detect_format(text: str) -> str:
    """``bibtex``, ``ris``, ``csv`` or ``text``."""
    stripped = text.lstrip("\ufeff \t\r\n")
    if _BIBTEX_ENTRY.search(stripped[:10000]) and stripped.startswith(("@", "%")):
        return "bibtex"
    if re.search(r"^TY  -", stripped[:10000], re.MULTILINE):
        return "ris"
    first = stripped.splitlines()[0] if stripped else ""
    if ("," in first or ";" in first or "\t" in first) and re.search(r"\bdoi\b", first, re.I):
        return "csv"
    return "text"


def _unique(dois: Iterable[str | None]) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for doi in dois:
        if doi:
            seen.setdefault(doi, None)
    return tuple(seen)


def _all_dois(text: str) -> list[str]:
    return [d for d in (normalize_doi(m) for m in _DOI_ANYWHERE.findall(text)) if d]


def parse_doi_list(text: str, fmt: str | None = None) -> DoiList:
    """The DOIs in a pasted list or file contents; ``fmt`` is detected when None."""
    fmt = fmt or detect_format(text)
    text = text.lstrip("\ufeff")
    if fmt == "bibtex":
        found = []
        for entry in _BIBTEX_ENTRY.split(text)[1:]:
            fields = {name.lower(): value for name, value in _BIBTEX_FIELD.findall(entry)}
            found.append(normalize_doi(fields.get("doi") or fields.get("url") or ""))
        return DoiList(_unique(found), fmt)
    if fmt == "ris":
        found = []
        for line in text.splitlines():
            match = _RIS_LINE.match(line.rstrip())
            if match and match.group(1) in {"DO", "DI", "UR", "L3"}:
                doi = normalize_doi(match.group(2))
                if doi and (match.group(1) in {"DO", "DI"} or "doi" in match.group(2).lower()):
                    found.append(doi)
        return DoiList(_unique(found), fmt)
    if fmt == "csv":
        return _parse_csv(text)
    skipped = []
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        dois = _all_dois(line)
        if dois:
            found.extend(dois)
        elif line.strip() and not line.lstrip().startswith("#"):
            skipped.append((number, line.strip()))
    return DoiList(_unique(found), "text", tuple(skipped))


def _parse_csv(text: str) -> DoiList:
    sample = text[:4096]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    rows = list(csv.reader(io.StringIO(text), dialect))
    if not rows:
        return DoiList((), "csv")
    header = [cell.strip().lower() for cell in rows[0]]
    column = next((i for i, name in enumerate(header) if name in {"doi", "dois", "doi url"}), None)
    found = []
    skipped = []
    for number, row in enumerate(rows[1:], start=2):
        cells = [row[column]] if column is not None and column < len(row) else row
        dois = [d for cell in cells for d in _all_dois(cell)]
        if dois:
            found.append(dois[0])
        elif any(cell.strip() for cell in row):
            skipped.append((number, ",".join(row)))
    return DoiList(_unique(found), "csv", tuple(skipped))


def read_doi_file(path: str | Path) -> DoiList:
    """The DOIs in a text, CSV, RIS or BibTeX file (format from the contents); ``-`` reads
    standard input. ConfigError, in words, for a file that cannot be read or is not text."""
    import sys

    from claimdesk.errors import ConfigError
    from claimdesk.orcid.codec import describe_binary

    try:
        raw = sys.stdin.buffer.read() if str(path) == "-" else Path(path).read_bytes()
    except OSError as exc:
        raise ConfigError(f"Cannot read {path}: {exc.strerror or exc}.") from exc
    binary = describe_binary(raw)
    if binary is not None:
        raise ConfigError(
            f"{path} is {binary}, not a list of DOIs.",
            hint="give a text, CSV, RIS or BibTeX file",
        )
    return parse_doi_list(decode_text(raw))


def decode_text(raw: bytes) -> str:
    """A DOI list file's text: UTF-8 (with or without BOM), else Latin-1 (old BibTeX exports)."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


@dataclass(frozen=True, slots=True)
class ResolveResult:
    """Records found (input order), DOIs no service knows, DOIs that could not be checked."""

    records: tuple[DoiRecord, ...] = ()
    unknown: tuple[str, ...] = ()
    failed: dict[str, tuple[SourceError, ...]] = field(default_factory=dict)
    cancelled: bool = False


def resolve_dois(
    settings: Settings,
    dois: Iterable[str],
    *,
    http: httpx.Client | None = None,
    cancel: threading.Event | None = None,
    on_progress: Callable[[int, int], None] | None = None,
    workers: int = 4,
) -> ResolveResult:
    """Metadata for each DOI: DataCite first, Crossref otherwise; unknown ones listed as such."""
    wanted = _unique(normalize_doi(d) for d in dois)
    lock = threading.Lock()
    done = 0

    with DataCiteClient(settings, http=http) as dc, CrossrefClient(settings, http=http) as cr:

        def one(doi: str) -> DoiRecord | list[SourceError] | None:
            nonlocal done
            if cancel is not None and cancel.is_set():
                return []
            errors: list[SourceError] = []
            record: DoiRecord | None = None
            for client in (dc, cr):
                try:
                    record = client.get(doi)
                except SourceError as err:
                    errors.append(err)
                    continue
                if record is not None:
                    break
            with lock:
                done += 1
                count = done
            if on_progress is not None:
                on_progress(count, len(wanted))
            return record if record is not None else (errors or None)

        with ThreadPoolExecutor(max_workers=max(1, workers), thread_name_prefix="resolve") as pool:
            outcomes = list(pool.map(one, wanted))

    records: list[DoiRecord] = []
    unknown: list[str] = []
    failed: dict[str, tuple[SourceError, ...]] = {}
    cancelled = bool(cancel is not None and cancel.is_set())
    for doi, outcome in zip(wanted, outcomes, strict=True):
        if isinstance(outcome, DoiRecord):
            records.append(outcome)
        elif outcome is None:
            unknown.append(doi)
        elif outcome:
            failed[doi] = tuple(outcome)
    return ResolveResult(tuple(records), tuple(unknown), failed, cancelled)
