"""Exporters for a list of work groups: CSV (one row per group) and BibTeX (one entry per group).

Pure functions over the model; the GUI passes the groups the user can currently see, and, when
it has them, the full works it fetched (for authors and subtitles).
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

CSV_COLUMNS = (
    "title",
    "type",
    "year",
    "journal",
    "doi",
    "identifiers",
    "url",
    "source",
    "versions",
    "put_code",
    "visibility",
)

if TYPE_CHECKING:
    from claimdesk.orcid.model import Source, Work, WorkGroup, WorkSummary

#: ORCID work type → BibTeX entry type; everything else is @misc.
BIBTEX_TYPES: dict[str, str] = {
    "journal-article": "article",
    "magazine-article": "article",
    "newspaper-article": "article",
    "newsletter-article": "article",
    "preprint": "unpublished",
    "working-paper": "unpublished",
    "book": "book",
    "edited-book": "book",
    "book-chapter": "incollection",
    "encyclopedia-entry": "incollection",
    "dictionary-entry": "incollection",
    "conference-paper": "inproceedings",
    "conference-abstract": "inproceedings",
    "conference-proceedings": "proceedings",
    "dissertation-thesis": "phdthesis",
    "report": "techreport",
    "manual": "manual",
}

_BIBTEX_SPECIAL = re.compile(r"([&%$#_{}])")
#: Fields BibTeX styles print verbatim (escaping would corrupt a DOI or URL).
_VERBATIM = frozenset({"doi", "url"})


def source_label(source: Source | None) -> str:
    """The name a person recognises for a source (its name, else its id)."""
    if source is None:
        return ""
    return source.name or source.id or ""


def _doi(summary: WorkSummary) -> str:
    dois = summary.dois()
    return dois[0] if dois else ""


def _identifiers(summary: WorkSummary) -> str:
    return "; ".join(f"{e.type}:{e.value}" for e in summary.external_ids)


def works_to_csv(groups: Iterable[WorkGroup]) -> str:
    """CSV text, one row per group describing its preferred version (header included)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for group in groups:
        best = group.preferred
        writer.writerow(
            (
                best.title,
                best.type,
                best.year or "",
                best.journal_title or "",
                _doi(best),
                _identifiers(best),
                best.url or "",
                source_label(best.source),
                len(group.summaries),
                best.put_code if best.put_code is not None else "",
                best.visibility or "",
            )
        )
    return out.getvalue()


def bibtex_escape(text: str) -> str:
    """Text safe inside a braced BibTeX field (LaTeX specials escaped)."""
    return _BIBTEX_SPECIAL.sub(r"\\\1", text.replace("\\", r"\textbackslash{}"))


def _key_stem(summary: WorkSummary, work: Work | None) -> str:
    name = ""
    if work is not None:
        for contributor in work.contributors:
            if contributor.credit_name:
                name = contributor.credit_name.replace(",", " ").split()[-1]
                break
    if not name:
        words = re.findall(r"[A-Za-z0-9]+", _ascii(summary.title))
        name = next((w for w in words if len(w) > 3), words[0] if words else "work")
    return re.sub(r"[^A-Za-z0-9]", "", _ascii(name)).lower() + str(summary.year or "")


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


def works_to_bibtex(groups: Iterable[WorkGroup], details: Mapping[int, Work] | None = None) -> str:
    """BibTeX text, one entry per group from its preferred version (authors when ``details`` has them)."""
    details = details or {}
    used: dict[str, int] = {}
    entries = []
    for group in groups:
        best = group.preferred
        work = details.get(best.put_code) if best.put_code is not None else None
        stem = _key_stem(best, work) or "work"
        count = used.get(stem, 0)
        used[stem] = count + 1
        key = stem if count == 0 else f"{stem}{chr(ord('a') + count - 1) if count <= 26 else count}"
        fields: list[tuple[str, str]] = []
        title = best.title
        if work is not None and work.subtitle:
            title = f"{title}: {work.subtitle}"
        fields.append(("title", title))
        if work is not None:
            authors = [c.credit_name for c in work.contributors if c.credit_name]
            if authors:
                fields.append(("author", " and ".join(authors)))
        entry_type = BIBTEX_TYPES.get(best.type, "misc")
        if best.journal_title:
            container = {
                "article": "journal",
                "incollection": "booktitle",
                "inproceedings": "booktitle",
            }.get(entry_type, "howpublished")
            fields.append((container, best.journal_title))
        date = best.publication_date
        if date and date.year:
            fields.append(("year", str(date.year)))
            if date.month:
                fields.append(("month", str(date.month)))
        doi = _doi(best)
        if doi:
            fields.append(("doi", doi))
        if best.url:
            fields.append(("url", best.url))
        if entry_type == "misc" and best.type:
            fields.append(("note", best.type.replace("-", " ")))
        body = ",\n".join(
            f"  {name} = {{{value if name in _VERBATIM else bibtex_escape(value)}}}"
            for name, value in fields
        )
        entries.append(f"@{entry_type}{{{key},\n{body}\n}}\n")
    return "\n".join(entries)
