"""Lists of DOIs from pasted text or a file (plain text, CSV, RIS, BibTeX), resolved to metadata.

Parsing understands each format's DOI field (BibTeX ``doi = {…}``, RIS ``DO  -``, a CSV ``doi``
column) so DOIs cited in abstracts or notes are not picked up; plain text takes every DOI in any
form. A file is read in bounded memory (a plain-text list streamed, limits on bytes and DOIs
that say how to split the input). Resolving asks DataCite first and Crossref otherwise; a DOI neither knows is listed as
unknown, and one that could not be checked because a service failed is listed with the errors.
"""

from __future__ import annotations

import csv
import io
import os
import re
import sys
import threading
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

import httpx

from claimdesk.config import Settings
from claimdesk.errors import ConfigError, SourceError
from claimdesk.orcid.codec import describe_binary
from claimdesk.orcid.ids import normalize_doi
from claimdesk.sources.crossref import CrossrefClient
from claimdesk.sources.datacite import DataCiteClient
from claimdesk.sources.records import DoiRecord

_DOI_ANYWHERE = re.compile(r"10\.\d{3,9}(?:\.\d+)*/[^\s\"'{}]+")
_BIBTEX_ENTRY = re.compile(r"@\s*[A-Za-z]+\s*[{(]", re.MULTILINE)
_BIBTEX_FIELD = re.compile(r"\b(doi|url)\s*=\s*[{\"]([^}\"]*)[}\"]", re.IGNORECASE)
_RIS_LINE = re.compile(r"^([A-Z][A-Z0-9])  -\s?(.*)$")

#: The most DOIs one run takes: ten times the works one ORCID record can hold.
MAX_DOIS = 100_000
#: The most bytes of a plain-text list read: ~16 times what 100,000 DOIs take one per line.
MAX_DOI_LIST_BYTES = 64 * 1024 * 1024
#: The most bytes of a CSV, RIS or BibTeX file, which is read whole.
MAX_STRUCTURED_BYTES = 64 * 1024 * 1024
#: The longest line of a plain-text list looked at; the rest of a longer line is skipped.
MAX_LINE = 64 * 1024
_HEAD = 64 * 1024
_SPLIT = f"split it into files of at most {MAX_DOIS:,} DOIs each"


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
    standard input. In bounded memory: a plain-text list is streamed line by line, the others
    read whole up to a limit; ConfigError, in words, for a file that cannot be read, is not
    text, or is past the limits (saying how to split it)."""
    return open_doi_list(str(path), sys.stdin.buffer)


def read_doi_list(path: str, handle: BinaryIO) -> DoiList:
    """The DOIs in ``handle`` (``path`` names it in messages); ConfigError if it is refused."""
    name = "standard input" if path == "-" else path
    head = handle.read(_HEAD)
    binary = describe_binary(head)
    if binary is not None:
        if binary.startswith("binary data") and len(head) == _HEAD:
            binary = "binary data"  # its size is not known without reading it all
        raise ConfigError(
            f"{name} is {binary}, not a list of DOIs.", hint="give a text, CSV, RIS or BibTeX file"
        )
    fmt = detect_format(decode_text(head))
    if fmt != "text":
        rest = handle.read(MAX_STRUCTURED_BYTES + 1 - len(head))
        if len(head) + len(rest) > MAX_STRUCTURED_BYTES:
            raise _too_large(name, MAX_STRUCTURED_BYTES, "split it into smaller files")
        return _counted(name, parse_doi_list(decode_text(head + rest), fmt))
    return _stream_text(name, head, handle)


def open_doi_list(path: str, stdin: BinaryIO) -> DoiList:
    """The DOIs of the file at ``path``, or of ``stdin`` for ``-``; ConfigError if refused."""
    if path == "-":
        return read_doi_list(path, stdin)
    try:
        with open(path, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > MAX_DOI_LIST_BYTES:
                raise _too_large(path, MAX_DOI_LIST_BYTES, _SPLIT)
            return read_doi_list(path, handle)
    except OSError as exc:
        raise ConfigError(f"Cannot read {path}: {exc.strerror or exc}.") from exc


def _stream_text(name: str, head: bytes, handle: BinaryIO) -> DoiList:
    found: dict[str, None] = {}
    skipped: list[tuple[int, str]] = []
    total = 0
    # Lines are decoded one at a time, so a Latin-1 line does not spoil the rest of the file.
    lines = io.BufferedReader(_Prefixed(head, handle), buffer_size=_HEAD)
    number = 0
    previous = b""
    while True:
        line = lines.readline(MAX_LINE)
        if not line:
            break
        total += len(line)
        if total > MAX_DOI_LIST_BYTES:
            raise _too_large(name, MAX_DOI_LIST_BYTES, _SPLIT)
        number += 1
        if line == previous or (not line.endswith(b"\n") and len(line) == MAX_LINE):
            continue  # a repeat adds nothing; the middle of an over-long line is no entry
        previous = line
        text = decode_text(line).lstrip("\ufeff")
        dois = _all_dois(text)
        if dois:
            for doi in dois:
                found.setdefault(doi, None)
            if len(found) > MAX_DOIS:
                raise ConfigError(
                    f"{name} lists more than {MAX_DOIS:,} DOIs, the most one run takes.",
                    hint=_SPLIT,
                )
        elif text.strip() and not text.lstrip().startswith("#") and len(skipped) < 100:
            skipped.append((number, text.strip()))
    return DoiList(tuple(found), "text", tuple(skipped))


def _counted(name: str, found: DoiList) -> DoiList:
    if len(found.dois) > MAX_DOIS:
        raise ConfigError(
            f"{name} lists {len(found.dois):,} DOIs; one run takes at most {MAX_DOIS:,}.",
            hint=_SPLIT,
        )
    return found


def _too_large(name: str, limit: int, split: str) -> ConfigError:
    return ConfigError(
        f"{name} is larger than {limit // (1024 * 1024)} MB, the most claimdesk reads as a DOI "
        "list.",
        hint=split,
    )


class _Prefixed(io.RawIOBase):
    """``head`` (already read to detect the format) followed by the rest of ``handle``."""

    def __init__(self, head: bytes, handle: BinaryIO) -> None:
        self._head = memoryview(head)
        self._handle = handle

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        if self._head:
            count = min(len(buffer), len(self._head))
            buffer[:count] = self._head[:count]
            self._head = self._head[count:]
            return count
        data = self._handle.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


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
