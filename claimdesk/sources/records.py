"""One DOI's metadata as claimdesk needs it, whichever service (DataCite, Crossref) described it.

The parsers in ``datacite.py`` and ``crossref.py`` fill :class:`DoiRecord`; the conversion to an
ORCID work (``convert.py``), the claim status and the GUI read only this. Text fields are clean
(no markup, entities decoded, whitespace squeezed); DOIs and ORCID iDs are normalised.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, replace

from claimdesk.orcid.ids import normalize_doi

#: DataCite relation types that make a DOI a version, part or duplicate of another DOI; the
#: auto-update skips these (reference/claim-peers.md §2.8) and claimdesk flags them.
DERIVED_RELATIONS = frozenset({"IsVersionOf", "IsPartOf", "IsIdenticalTo", "IsPreviousVersionOf"})

AGENCIES = ("datacite", "crossref")

_TAG = re.compile(r"<[^>]{0,500}>")
_SPACE = re.compile(r"\s+")


def clean_text(value: object) -> str | None:
    """Plain text from a metadata string: tags (JATS, HTML) dropped, entities decoded, spaces squeezed.

    Returns None for anything that is not a non-blank string.
    """
    if not isinstance(value, str):
        return None
    text = _TAG.sub(" ", value) if "<" in value else value
    if "&" in text:
        # Crossref double-escapes some titles ("Big Data &amp;amp; Society").
        for _ in range(2):
            text = html.unescape(text)
    text = _SPACE.sub(" ", text).strip()
    return text or None


@dataclass(frozen=True, slots=True)
class Person:
    """A creator or contributor of a DOI."""

    name: str  # as it should be credited: "Given Family", or the name as given
    given: str | None = None
    family: str | None = None
    #: normalised ORCID iD (``0000-0002-1825-0097``); only a valid iD with a right checksum
    orcid: str | None = None
    #: Crossref ``authenticated-orcid`` (the publisher got the iD through ORCID sign-in)
    orcid_authenticated: bool | None = None
    #: the service's own role words: DataCite ``contributorType`` (``Editor``, ``DataCurator``),
    #: Crossref ``author``/``editor``/``translator``/``chair``; ``Creator`` for DataCite creators
    roles: tuple[str, ...] = ()
    affiliations: tuple[str, ...] = ()
    #: Crossref's ``first``/``additional``; claimdesk fills it for DataCite creators by position
    sequence: str | None = None
    #: ``Personal``, ``Organizational`` or None when the service did not say
    name_type: str | None = None


@dataclass(frozen=True, slots=True)
class RelatedId:
    """A DOI's relation to another identifier, in DataCite's words (``IsVersionOf`` …)."""

    relation_type: str
    identifier: str
    identifier_type: str = "DOI"

    @property
    def doi(self) -> str | None:
        """The related DOI, normalised, when the identifier is one."""
        if self.identifier_type.upper() not in {"DOI", "URL"}:
            return None
        return normalize_doi(self.identifier)


@dataclass(frozen=True, slots=True, kw_only=True)
class DoiRecord:
    """The metadata of one DOI, source-neutral."""

    doi: str  # normalised: lower case, ``10.…/…``
    #: the registration agency: ``datacite`` or ``crossref`` (or another, as DataCite reports it)
    agency: str
    #: whose metadata this is: ``datacite`` (JSON:API ``/dois``) or ``crossref`` (``/works``)
    source: str
    title: str | None = None
    subtitle: str | None = None
    creators: tuple[Person, ...] = ()
    contributors: tuple[Person, ...] = ()
    publisher: str | None = None
    container_title: str | None = None
    issns: tuple[str, ...] = ()
    isbns: tuple[str, ...] = ()
    #: DataCite ``resourceTypeGeneral`` (``Dataset``, ``Text`` …); None for Crossref
    type_general: str | None = None
    #: DataCite free-text ``resourceType``, or the Crossref ``type`` (``journal-article`` …)
    type: str | None = None
    #: Crossref ``subtype`` (``preprint`` for most ``posted-content``)
    subtype: str | None = None
    #: (year,), (year, month) or (year, month, day): as much as the service knows
    published: tuple[int, ...] = ()
    description: str | None = None
    related: tuple[RelatedId, ...] = ()
    #: the landing page the DOI resolves to
    url: str | None = None
    #: DataCite repository (client) id and name, e.g. ``datacite.datacite``
    client_id: str | None = None
    client_name: str | None = None
    language: str | None = None
    #: which services returned this DOI in a search (``datacite``, ``crossref``)
    found_in: tuple[str, ...] = ()

    @property
    def year(self) -> int | None:
        """Publication year, if known."""
        return self.published[0] if self.published else None

    @property
    def people(self) -> tuple[Person, ...]:
        """Creators, then contributors."""
        return self.creators + self.contributors

    def orcids(self) -> set[str]:
        """Every ORCID iD named in the metadata, creators and contributors."""
        return {p.orcid for p in self.people if p.orcid}

    def names_orcid(self, orcid: str) -> bool:
        """True if this ORCID iD (normalised) appears among the creators or contributors."""
        return any(p.orcid == orcid for p in self.people)

    @property
    def derived_from(self) -> tuple[RelatedId, ...]:
        """Relations that make this DOI a version/part/duplicate of another DOI.

        A relation pointing at the DOI itself is ignored: some concept DOIs carry IsVersionOf
        to themselves and are not versions of anything (datacite/datacite#2533).
        """
        return tuple(
            r for r in self.related if r.relation_type in DERIVED_RELATIONS and r.doi != self.doi
        )

    @property
    def is_version_or_part(self) -> bool:
        """Flag for claims: a version, part or duplicate of another DOI."""
        return bool(self.derived_from)

    def merged_with(self, other: DoiRecord) -> DoiRecord:
        """This record with ``other``'s ``found_in`` added (same DOI, another service)."""
        found = self.found_in + tuple(s for s in other.found_in if s not in self.found_in)
        return replace(self, found_in=found)


def split_name(name: str) -> tuple[str | None, str | None]:
    """(given, family) from ``Family, Given``; (None, None) if the name has no comma."""
    if "," not in name:
        return None, None
    family, _, given = name.partition(",")
    return (given.strip() or None), (family.strip() or None)


def credit_name(given: str | None, family: str | None, name: str | None) -> str | None:
    """The name to credit: ``Given Family`` when both are known, else the name as given."""
    given, family = clean_text(given), clean_text(family)
    if given and family:
        return f"{given} {family}"
    plain = clean_text(name)
    if plain:
        g, f = split_name(plain)
        return f"{g} {f}" if g and f else plain
    return family or given


def date_parts(value: object) -> tuple[int, ...]:
    """(year, month?, day?) from ``2016``, ``2016-12``, ``2016-12-15``, ``2016-12-15T…`` or a list.

    Stops at the first missing or impossible part; () when there is no year.
    """
    parts: list[object]
    if isinstance(value, int):
        parts = [value]
    elif isinstance(value, str):
        match = re.match(r"\s*(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?", value)
        parts = [int(g) for g in match.groups() if g] if match else []
    elif isinstance(value, (list, tuple)):
        parts = list(value)
    else:
        return ()
    result: list[int] = []
    limits = ((1, 9999), (1, 12), (1, 31))
    for part, (low, high) in zip(parts, limits, strict=False):
        if isinstance(part, str) and part.isdigit():
            part = int(part)
        if not isinstance(part, int) or isinstance(part, bool) or not low <= part <= high:
            break
        result.append(part)
    return tuple(result)
