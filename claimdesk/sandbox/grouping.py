"""Works grouped as ORCID groups them (reference/orcid-api.md §2).

Groups are computed on every read from shared groupable ids (type + normalised value; ``self`` and
``version-of``, not ``part-of``/``funded-by``; transitive); versions in a group by display index
descending, then created ascending; groups newest publication date first, then title, then type.
"""

from __future__ import annotations

from collections.abc import Iterable

from claimdesk.orcid.model import ExternalId, WorkGroup, WorkSummary


def group_summaries(summaries: Iterable[WorkSummary]) -> tuple[WorkGroup, ...]:
    """Group versions that share a groupable id (transitively) and order as ORCID does."""
    items = list(summaries)
    parent = list(range(len(items)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict[tuple[str, str], int] = {}
    for index, summary in enumerate(items):
        for ext in summary.external_ids:
            if not ext.groupable:
                continue
            other = owner.setdefault(ext.key, index)
            if other != index:
                root_a, root_b = find(index), find(other)
                if root_a != root_b:
                    parent[max(root_a, root_b)] = min(root_a, root_b)

    members: dict[int, list[WorkSummary]] = {}
    for index, summary in enumerate(items):
        members.setdefault(find(index), []).append(summary)

    groups = []
    for versions in members.values():
        versions.sort(key=_within_group_key)
        ids: dict[tuple[str, str], ExternalId] = {}
        for version in versions:
            for ext in version.external_ids:
                if ext.groupable:
                    ids.setdefault(ext.key, ext.with_normalized())
        modified = [v.modified for v in versions if v.modified]
        groups.append(WorkGroup(tuple(ids.values()), tuple(versions), max(modified, default=None)))
    groups.sort(key=_group_key)
    return tuple(groups)


def _within_group_key(summary: WorkSummary) -> tuple[int, str, int]:
    return (-summary.display_index, summary.created or "", summary.put_code or 0)


def _group_key(group: WorkGroup) -> tuple[tuple[int, int, int], str, str, int]:
    first = group.summaries[0]
    date = first.publication_date
    # Newest first; undated groups after every dated one.
    when = (
        (-(date.year or 0), -(date.month or 0), -(date.day or 0))
        if date and date.year
        else (1, 0, 0)
    )
    return (when, first.title.casefold(), first.type, first.put_code or 0)
