"""The works section prepared for display: a pure step run off the GUI thread.

Everything the tree needs per group that is costly to compute for 10,000 works (the lowercase
search text, the preferred version, who added each version) is computed here once, in a worker,
so the GUI thread only swaps the finished table into the model. No Qt in this module.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from claimdesk.orcid.model import source_label

if TYPE_CHECKING:
    from claimdesk.orcid.model import ExternalId, Source, WorkGroup, WorksSummary, WorkSummary

#: Who added a version, as a short kind (for icons) — see :func:`source_kind`.
RESEARCHER, CLAIMDESK, MEMBER, OTHER = "researcher", "claimdesk", "member", "other"


def source_kind(source: Source | None, orcid: str, client_id: str | None) -> str:
    """``researcher`` (the record's owner), ``claimdesk``, ``member`` (another client) or ``other``."""
    if source is None:
        return OTHER
    if client_id and source.client_id == client_id:
        return CLAIMDESK
    if source.client_id:
        return MEMBER
    if source.orcid == orcid:
        return RESEARCHER
    return OTHER


def describe_source(source: Source | None, orcid: str, client_id: str | None) -> str:
    """Who a source is, in words: the researcher, claimdesk, another member client, on behalf of …."""
    kind = source_kind(source, orcid, client_id)
    if source is None:
        return "unknown source"
    text = {
        RESEARCHER: "the researcher",
        CLAIMDESK: "claimdesk (this app)",
        MEMBER: "another member client",
        OTHER: "another ORCID user or a legacy source",
    }[kind]
    if source.has_assertion_origin:
        origin = source.assertion_origin_name or (
            "the researcher"
            if source.assertion_origin_orcid == orcid
            else source.assertion_origin_orcid or source.assertion_origin_client_id
        )
        text += f", on behalf of {origin}"
    return text


def identifiers_text(ids: tuple[ExternalId, ...]) -> str:
    """Identifiers as one line: ``doi:10.1/x · isbn:978…``."""
    return " · ".join(f"{e.type}:{e.value}" for e in ids)


#: Put into a group's search text once per visibility its versions have; the visibility filter
#: looks for it. It begins with a private-use character, so nothing a user types matches it.
VISIBILITY_TOKEN = "\ue000visibility="


def visibility_word(visibility: str) -> str:
    """The filter word that matches groups with a version of ``visibility`` (``limited`` …)."""
    return f"{VISIBILITY_TOKEN}{visibility}"


def _search_text(group: WorkGroup) -> str:
    parts: list[str] = []
    for summary in group.summaries:
        if summary.visibility:
            parts.append(visibility_word(summary.visibility))
        parts.append(summary.title)
        if summary.year:
            parts.append(str(summary.year))
        if summary.journal_title:
            parts.append(summary.journal_title)
        if summary.source is not None:
            parts.append(source_label(summary.source))
            if summary.source.assertion_origin_name:
                parts.append(summary.source.assertion_origin_name)
        for ext in summary.external_ids:
            parts.append(ext.value)
            parts.append(ext.key[1])
    for ext in group.external_ids:
        parts.append(ext.value)
    return "\n".join(parts).lower()


@dataclass(frozen=True, slots=True)
class WorksTable:
    """A record's groups plus what the view needs precomputed for each."""

    orcid: str
    client_id: str | None
    groups: tuple[WorkGroup, ...]
    preferred: tuple[int, ...]  # index of the preferred summary within each group
    search: tuple[str, ...]  # lowercase text the filter matches, per group
    owned: tuple[int, ...]  # number of versions claimdesk added, per group
    work_count: int
    last_modified: str | None = None

    @property
    def owned_count(self) -> int:
        """Versions on the record that claimdesk added."""
        return sum(self.owned)

    def preferred_summary(self, row: int) -> WorkSummary:
        """The preferred version of group ``row``."""
        return self.groups[row].summaries[self.preferred[row]]


def empty_table(orcid: str = "", client_id: str | None = None) -> WorksTable:
    """A table with no works."""
    return WorksTable(orcid, client_id, (), (), (), (), 0)


def build_table(summary: WorksSummary, *, orcid: str, client_id: str | None) -> WorksTable:
    """Prepare ``summary`` for the works tree (call it in a worker: it is O(works))."""
    preferred: list[int] = []
    owned: list[int] = []
    for group in summary.groups:
        best = 0
        count = 0
        for i, version in enumerate(group.summaries):
            if version.display_index > group.summaries[best].display_index:
                best = i
            if client_id and version.source is not None and version.source.client_id == client_id:
                count += 1
        preferred.append(best)
        owned.append(count)
    return WorksTable(
        orcid=orcid,
        client_id=client_id,
        groups=summary.groups,
        preferred=tuple(preferred),
        search=tuple(_search_text(g) for g in summary.groups),
        owned=tuple(owned),
        work_count=summary.work_count,
        last_modified=summary.last_modified,
    )


def release(bag: list[object]) -> None:
    """Free records in ``bag`` (tables, works summaries) a few hundred groups at a time.

    Dropping the last reference to a 10,000-work record frees some 200,000 objects in one C-level
    cascade that holds the GIL for about 100 ms. Called on a worker thread with the only
    references in ``bag`` (callers ``del`` their own), it frees groups in slices instead, so the
    GUI thread gets the GIL between slices.
    """
    groups: list[WorkGroup] = []
    for item in bag:
        groups.extend(getattr(item, "groups", ()))
    bag.clear()  # the shells and per-group tuples go; the groups live on in `groups`
    while groups:
        del groups[-200:]
