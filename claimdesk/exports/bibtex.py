"""BibTeX: one entry per exported work, with the entry type and fields BibTeX styles expect.

Written by hand rather than with a BibTeX library: the format is a few lines per entry, and
what matters is LaTeX-escaping values so that ``&``, ``%`` or ``_`` in a title compile, which
the writers of bibtexparser leave to the caller. Read back by bibtexparser in the tests.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from claimdesk.exports.entry import ExportEntry, Person

#: ORCID work type → BibTeX entry type; everything else is @misc.
BIBTEX_TYPES: dict[str, str] = {
    "journal-article": "article",
    "magazine-article": "article",
    "newspaper-article": "article",
    "newsletter-article": "article",
    "book-review": "article",
    "review": "article",
    "preprint": "unpublished",
    "book": "book",
    "edited-book": "book",
    "book-chapter": "incollection",
    "encyclopedia-entry": "incollection",
    "dictionary-entry": "incollection",
    "conference-paper": "inproceedings",
    "conference-abstract": "inproceedings",
    "conference-poster": "inproceedings",
    "conference-presentation": "inproceedings",
    "conference-output": "inproceedings",
    "conference-proceedings": "proceedings",
    "dissertation-thesis": "phdthesis",
    "report": "techreport",
    "working-paper": "techreport",
    "technical-standard": "techreport",
    "manual": "manual",
}

#: Where ORCID's journal-title goes per entry type: the container for articles, chapters and
#: papers; for works with no container it names who published them.
CONTAINER_FIELD: dict[str, str] = {
    "article": "journal",
    "incollection": "booktitle",
    "inproceedings": "booktitle",
    "techreport": "institution",
    "phdthesis": "school",
}

_SPECIAL = re.compile(r"([&%$#_{}])")
#: Fields BibTeX styles print verbatim (escaping would corrupt a DOI or URL).
_VERBATIM = frozenset({"doi", "url"})


def bibtex_escape(text: str) -> str:
    """Text safe inside a braced BibTeX field (LaTeX specials escaped)."""
    return _SPECIAL.sub(r"\\\1", text.replace("\\", r"\textbackslash{}"))


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


def _family(name: str) -> str:
    return name.split(",")[0] if "," in name else (name.split() or [""])[-1]


def _key_stem(entry: ExportEntry) -> str:
    name = _family(entry.authors[0].name) if entry.authors else ""
    if not re.sub(r"[^A-Za-z0-9]", "", _ascii(name)):
        words = re.findall(r"[A-Za-z0-9]+", _ascii(entry.title))
        name = next((w for w in words if len(w) > 3), words[0] if words else "work")
    return re.sub(r"[^A-Za-z0-9]", "", _ascii(name)).lower() + str(entry.year or "")


def _names(people: tuple[Person, ...]) -> str:
    # A name without a comma or space (an organisation, a mononym) is braced, so BibTeX does not
    # split it into given and family names.
    return " and ".join(
        bibtex_escape(p.name)
        if ("," in p.name or " " in p.name)
        else f"{{{bibtex_escape(p.name)}}}"
        for p in people
    )


def entry_type(entry: ExportEntry) -> str:
    """The BibTeX entry type for an ORCID work type (``misc`` when none fits)."""
    return BIBTEX_TYPES.get(entry.type, "misc")


def fields(entry: ExportEntry) -> list[tuple[str, str]]:
    """The entry's BibTeX fields in order, values not yet escaped (names already joined)."""
    kind = entry_type(entry)
    out: list[tuple[str, str]] = []
    title = f"{entry.title}: {entry.subtitle}" if entry.subtitle else entry.title
    out.append(("title", title))
    if entry.container:
        out.append((CONTAINER_FIELD.get(kind, "publisher"), entry.container))
    if entry.year:
        out.append(("year", str(entry.year)))
        if entry.month:
            out.append(("month", str(entry.month)))
    if entry.doi:
        out.append(("doi", entry.doi))
    if entry.url:
        out.append(("url", entry.url))
    if entry.issn:
        out.append(("issn", ", ".join(entry.issn)))
    if entry.isbn:
        out.append(("isbn", ", ".join(entry.isbn)))
    if entry.abstract:
        out.append(("abstract", entry.abstract))
    if entry.language:
        out.append(("language", entry.language))
    if kind in ("misc", "unpublished"):
        # @unpublished needs a note; for @misc it says what kind of work this is.
        out.append(("note", entry.type.replace("-", " ").capitalize()))
    return out


def to_bibtex(entries: Iterable[ExportEntry]) -> str:
    """BibTeX text, one entry per work, with unique citation keys (``carberry2020``, …a, …b)."""
    used: dict[str, int] = {}
    out = []
    for entry in entries:
        stem = _key_stem(entry) or "work"
        count = used.get(stem, 0)
        used[stem] = count + 1
        key = stem if count == 0 else f"{stem}{chr(ord('a') + count - 1) if count <= 26 else count}"
        lines: list[str] = []
        if entry.authors:
            lines.append(f"  author = {{{_names(entry.authors)}}}")
        if entry.editors:
            lines.append(f"  editor = {{{_names(entry.editors)}}}")
        lines += [
            f"  {name} = {{{value if name in _VERBATIM else bibtex_escape(value)}}}"
            for name, value in fields(entry)
        ]
        out.append(f"@{entry_type(entry)}{{{key},\n" + ",\n".join(lines) + "\n}\n")
    return "\n".join(out)
