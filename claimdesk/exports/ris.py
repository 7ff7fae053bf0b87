"""RIS, the format Zotero, EndNote and Mendeley import: one record per exported work.

Written with ``rispy`` (which knows the tags and their order); this module only chooses the
reference type per ORCID work type and which tag each field goes to.
"""

from __future__ import annotations

from collections.abc import Iterable

from claimdesk.exports.entry import ExportEntry

#: ORCID work type → RIS reference type; everything else is GEN (generic).
RIS_TYPES: dict[str, str] = {
    "journal-article": "JOUR",
    "book-review": "JOUR",
    "review": "JOUR",
    "magazine-article": "MGZN",
    "newspaper-article": "NEWS",
    "newsletter-article": "NEWS",
    "journal-issue": "JFULL",
    "preprint": "UNPB",
    "working-paper": "UNPB",
    "book": "BOOK",
    "edited-book": "EDBOOK",
    "book-chapter": "CHAP",
    "encyclopedia-entry": "ENCYC",
    "dictionary-entry": "DICT",
    "conference-paper": "CPAPER",
    "conference-poster": "CPAPER",
    "conference-presentation": "CPAPER",
    "conference-output": "CPAPER",
    "conference-abstract": "ABST",
    "conference-proceedings": "CONF",
    "dissertation-thesis": "THES",
    "report": "RPRT",
    "data-management-plan": "RPRT",
    "data-set": "DATA",
    "software": "COMP",
    "research-tool": "COMP",
    "patent": "PAT",
    "technical-standard": "STAND",
    "standards-and-policy": "STAND",
    "website": "ELEC",
    "online-resource": "ELEC",
    "blog-post": "BLOG",
    "cartographic-material": "MAP",
    "image": "FIGURE",
    "moving-image": "VIDEO",
    "sound": "SOUND",
    "musical-composition": "MUSIC",
    "artistic-performance": "ART",
    "manual": "BOOK",
}

#: Types whose ORCID journal-title is a container (journal, book, proceedings), not a publisher.
_CONTAINED = frozenset({"JOUR", "MGZN", "NEWS", "CHAP", "ENCYC", "DICT", "CPAPER", "ABST", "JFULL"})


def reference(entry: ExportEntry) -> dict[str, object]:
    """The rispy record (tag names as rispy spells them) of one entry."""
    kind = RIS_TYPES.get(entry.type, "GEN")
    ref: dict[str, object] = {"type_of_reference": kind, "title": entry.title}
    if entry.authors:
        ref["authors"] = [p.name for p in entry.authors]
    if entry.editors:
        ref["secondary_authors"] = [p.name for p in entry.editors]
    if entry.subtitle:
        ref["short_title"] = entry.title
        ref["title"] = f"{entry.title}: {entry.subtitle}"
    if entry.container:
        ref["secondary_title" if kind in _CONTAINED else "publisher"] = entry.container
        if kind == "JOUR":
            ref["journal_name"] = entry.container
    if entry.year:
        ref["year"] = str(entry.year)
        month = f"{entry.month:02d}" if entry.month else ""
        day = f"{entry.day:02d}" if entry.day and entry.month else ""
        ref["date"] = f"{entry.year}/{month}/{day}/"
    if entry.doi:
        ref["doi"] = entry.doi
    if entry.url:
        ref["urls"] = [entry.url]
    if entry.issn or entry.isbn:
        ref["issn"] = "; ".join((*entry.isbn, *entry.issn))  # RIS's SN holds ISBN and ISSN
    if entry.abstract:
        ref["abstract"] = entry.abstract
    if entry.language:
        ref["language"] = entry.language
    ref["type_of_work"] = entry.type  # M3: ORCID's own word for the kind of work
    others = [f"{t}:{v}" for t, v in entry.identifiers if t not in ("doi", "issn", "isbn")]
    if others:
        ref["notes"] = others
    return ref


def to_ris(entries: Iterable[ExportEntry]) -> str:
    """RIS text, one record per work."""
    import rispy  # loaded when an export is written, not at start-up

    return rispy.dumps([reference(e) for e in entries])
