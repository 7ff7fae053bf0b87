"""A repository-scale corpus for the curator tools: N DataCite DOIs, ~N/4 researchers, ORCID records.

``build_curator_corpus(n)`` is pure and deterministic (a seeded ``random.Random``), and fast: 10,000
DOIs take well under a second. The sandbox serves it through :func:`install_records` (ORCID side)
and :func:`sandbox_corpus` (DataCite side); the corpus also knows the right answers
(:meth:`CuratorCorpus.metadata_pairs`, :meth:`CuratorCorpus.listed_pairs`) so tests can check a
round trip against them.

Shape, as DataCite described its repositories in 2015 (few iDs behind many DOIs):
- researchers are drawn with a power law, each at least once, so a handful sit on hundreds of DOIs;
- iDs are written in every form seen in the wild (bare, ``http``, ``https``), and a
  few carry a wrong checksum (a typo a round trip must not report);
- about 60 % of (DOI, iD) pairs are on the ORCID record — from the repository's DataCite
  auto-update client, from the researcher, or both — the rest are missing;
- some records list DOIs whose metadata does not name them (added by the researcher or by another
  member client); some DOIs are versions of others (``IsVersionOf``).
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Protocol

from claimdesk.orcid.ids import doi_url, orcid_checksum
from claimdesk.orcid.model import ExternalId, Source, Work
from claimdesk.sandbox.entries import Corpus, CorpusPerson, Entry

#: DataCite repository (client) id and DOI prefix of the generated corpus.
CURATOR_REPOSITORY_ID = "claimdesk.curator"
CURATOR_PROVIDER_ID = "claimdesk"
CURATOR_PREFIX = "10.83001"
CURATOR_PUBLISHER = "Claimdesk Curator Repository"
#: ORCID member clients that appear as sources on the generated records.
DATACITE_CLIENT_ID = "APP-DCAUTOUPDATE0001"
DATACITE_CLIENT_NAME = "DataCite"
OTHER_CLIENT_ID = "APP-CROSSREFMDS00001"
OTHER_CLIENT_NAME = "Crossref Metadata Search"

#: Source keys of a listing: the repository's DataCite client, the researcher, another client.
REPOSITORY, RESEARCHER, OTHER = "repository", "researcher", "other"

_GIVEN_NAMES = (
    "Ada Bruno Chiara Dmitri Elif Farah Goran Hana Ines Jonas Kenji Leila Mateo Nadia Oskar "
    "Priya Quentin Rosa Sven Tariq Uma Viktor Wen Ximena Yusuf Zofia"
)
_FAMILY_NAMES = (
    "Abara Becker Castillo Dubois Eriksen Fontaine Garcia Haddad Ivanova Jensen Kowalski "
    "Lindqvist Moreau Nakamura Okafor Petrov Quispe Rossi Schmidt Tanaka Umarov Varga Weber Xu "
    "Yilmaz Zimmermann"
)
_TOPIC_NAMES = (
    "sediment cores|soil moisture|river discharge|bird song|glacier retreat|coral bleaching|"
    "urban heat|pollen counts|seismic noise|ocean salinity|crop yields|air quality|"
    "peat carbon|lake ice|forest canopy|bat calls"
)
_GIVEN, _FAMILY, _TOPICS = _GIVEN_NAMES.split(), _FAMILY_NAMES.split(), _TOPIC_NAMES.split("|")
_TYPES = (("Dataset", 0.7), ("Software", 0.15), ("Text", 0.15))
#: How an iD is written in the metadata, in rotation (corpus.py's ``orcid_form``).
_ID_FORMS = ("https", "bare", "http")


def orcid_for(index: int) -> str:
    """A valid ORCID iD (``0009-…`` range, checksum right) for researcher number ``index``."""
    base = f"0009{index + 1:011d}"
    digits = base + orcid_checksum(base)
    return "-".join(digits[i : i + 4] for i in range(0, 16, 4))


@dataclass(frozen=True, slots=True)
class SeedName:
    """A creator or contributor of a generated DOI; ``orcid`` is None for a name without an iD."""

    given: str
    family: str
    role: str  # "creator" | "contributor"
    orcid: str | None = None
    #: how the iD is written: ``https`` (https://orcid.org/…), ``http`` or ``bare``
    form: str = "https"
    #: False: the metadata carries the iD with a wrong check character (a typo)
    valid: bool = True

    @property
    def written_id(self) -> str | None:
        """The iD as the metadata has it (typo included)."""
        if self.orcid is None or self.valid:
            return self.orcid
        return self.orcid[:-1] + ("0" if self.orcid[-1] != "0" else "1")


@dataclass(frozen=True, slots=True)
class SeedDoi:
    """One generated DOI."""

    doi: str
    title: str
    year: int
    resource_type_general: str
    names: tuple[SeedName, ...]
    #: the DOI this one is a version of, if any
    version_of: str | None = None

    def orcids(self) -> list[str]:
        """Valid iDs in the metadata (creators and contributors), in order, without repeats."""
        seen: dict[str, None] = {}
        for name in self.names:
            if name.orcid and name.valid:
                seen.setdefault(name.orcid, None)
        return list(seen)


@dataclass(frozen=True, slots=True)
class SeedListing:
    """A DOI listed as a work on an ORCID record, by one or more sources."""

    orcid: str
    doi: str
    sources: tuple[str, ...]  # REPOSITORY | RESEARCHER | OTHER


@dataclass(frozen=True)
class CuratorCorpus:
    """The generated DOIs, researchers (iD → (given, family)) and ORCID listings."""

    dois: tuple[SeedDoi, ...]
    people: dict[str, tuple[str, str]]
    listings: tuple[SeedListing, ...]
    repository_id: str = CURATOR_REPOSITORY_ID
    prefix: str = CURATOR_PREFIX
    _by_doi: dict[str, SeedDoi] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._by_doi.update((d.doi, d) for d in self.dois)

    def get(self, doi: str) -> SeedDoi | None:
        """The generated DOI with this (lower-case) name, if any."""
        return self._by_doi.get(doi)

    def name_of(self, orcid: str) -> str:
        """The researcher's credit name."""
        given, family = self.people[orcid]
        return f"{given} {family}"

    def source_names(self, listing: SeedListing) -> tuple[str, ...]:
        """How ORCID names the sources of a listing (what a round trip reports)."""
        names = {
            REPOSITORY: DATACITE_CLIENT_NAME,
            OTHER: OTHER_CLIENT_NAME,
            RESEARCHER: self.name_of(listing.orcid),
        }
        return tuple(names[s] for s in listing.sources)

    def metadata_pairs(self) -> set[tuple[str, str]]:
        """(DOI, iD) pairs named in the metadata with a valid iD."""
        return {(d.doi, o) for d in self.dois for o in d.orcids()}

    def listed_pairs(self) -> dict[tuple[str, str], tuple[str, ...]]:
        """(DOI, iD) → source names, for every DOI listed on an ORCID record."""
        return {(ls.doi, ls.orcid): self.source_names(ls) for ls in self.listings}

    def orcid_records(self) -> dict[str, list[SeedListing]]:
        """iD → its listings, for every researcher (empty list if the record lists none)."""
        records: dict[str, list[SeedListing]] = {o: [] for o in self.people}
        for listing in self.listings:
            records[listing.orcid].append(listing)
        return records


def build_curator_corpus(
    n_dois: int = 1000,
    *,
    seed: int = 2015,
    researchers: int | None = None,
    names_per_doi: float | None = None,
) -> CuratorCorpus:
    """Generate ``n_dois`` DOIs with about ``n_dois // 4`` distinct researchers (see module doc).

    ``researchers`` and ``names_per_doi`` change the shape: DataCite's 2015 repository had
    205,000 DOIs behind 2,500 iDs with about 4.9 links each (``researchers=2500,
    names_per_doi=6.3``).
    """
    if n_dois < 1:
        raise ValueError("the curator corpus needs at least one DOI")
    rng = random.Random(seed)
    n_people = researchers or max(2, n_dois // 4)
    widest = max(1, round(2 * names_per_doi) - 1) if names_per_doi else 0
    people = {
        orcid_for(i): (_GIVEN[i % len(_GIVEN)], _FAMILY[(i * 7 + i // 26) % len(_FAMILY)])
        for i in range(n_people)
    }
    ids = list(people)
    # Power law over researchers; the first n_people draws go round-robin so everyone appears.
    cum: list[float] = []
    total = 0.0
    for rank in range(n_people):
        total += 1.0 / (rank + 5)
        cum.append(total)
    fresh = iter(ids)
    type_names = [t for t, _ in _TYPES]
    type_weights = [w for _, w in _TYPES]

    def draw(taken: set[str]) -> str | None:
        nxt = next(fresh, None)
        if nxt is not None:
            return nxt
        for _ in range(3):
            (pick,) = rng.choices(ids, cum_weights=cum)
            if pick not in taken:
                return pick
        return None

    dois: list[SeedDoi] = []
    listings: list[SeedListing] = []
    form = 0
    for i in range(n_dois):
        doi = f"{CURATOR_PREFIX}/curator.{i:06d}"
        taken: set[str] = set()
        names: list[SeedName] = []
        if widest:
            n_creators = rng.randint(1, widest)
        else:
            n_creators = 1 + rng.choices((0, 1, 2, 3), weights=(45, 30, 15, 10))[0]
        roles = ["creator"] * n_creators + (["contributor"] if rng.random() < 0.3 else [])
        for role in roles:
            orcid = draw(taken) if rng.random() < (0.75 if role == "creator" else 0.6) else None
            if orcid is None:
                given, family = rng.choice(_GIVEN), rng.choice(_FAMILY)
                names.append(SeedName(given, family, role))
                continue
            taken.add(orcid)
            given, family = people[orcid]
            names.append(SeedName(given, family, role, orcid, _ID_FORMS[form % len(_ID_FORMS)]))
            form += 1
        ghost = rng.choice(ids) if i % 97 == 13 else None
        if ghost is not None and ghost not in taken:  # a typo'd iD: right shape, wrong checksum
            given, family = people[ghost]
            names.append(SeedName(given, family, "creator", ghost, valid=False))
        version_of = dois[rng.randrange(len(dois))].doi if dois and rng.random() < 0.06 else None
        dois.append(
            SeedDoi(
                doi=doi,
                title=f"{rng.choice(_TOPICS).capitalize()} at site {i}",
                year=2010 + i % 15,
                resource_type_general=rng.choices(type_names, weights=type_weights)[0],
                names=tuple(names),
                version_of=version_of,
            )
        )
        for orcid in taken:
            r = rng.random()
            if r < 0.40:
                listings.append(SeedListing(orcid, doi, (REPOSITORY,)))
            elif r < 0.55:
                listings.append(SeedListing(orcid, doi, (RESEARCHER,)))
            elif r < 0.62:
                listings.append(SeedListing(orcid, doi, (REPOSITORY, RESEARCHER)))
        if rng.random() < 0.08:  # a record that lists the DOI although the metadata doesn't name it
            stranger = rng.choice(ids)
            if stranger not in taken:
                src = RESEARCHER if rng.random() < 0.6 else OTHER
                listings.append(SeedListing(stranger, doi, (src,)))
    return CuratorCorpus(dois=tuple(dois), people=people, listings=tuple(listings))


# ---------------------------------------------------------------------------------------------
# Serving the corpus: DataCite entries (rendered by render.py) and ORCID works (in the store)


def _corpus_person(name: SeedName) -> CorpusPerson:
    role = "DataCollector" if name.role == "contributor" else None
    return CorpusPerson(name.given, name.family, name.written_id, orcid_form=name.form, role=role)


def sandbox_corpus(corpus: CuratorCorpus) -> Corpus:
    """The generated DOIs as the sandbox's DataCite corpus (one repository, one prefix)."""
    served = Corpus()
    served.clients[corpus.repository_id] = (CURATOR_PUBLISHER, "repository")
    start = datetime(2015, 1, 1)
    for number, item in enumerate(corpus.dois):
        people = [_corpus_person(n) for n in item.names]
        served.add(
            Entry(
                doi=item.doi,
                agency="datacite",
                kind=_KIND_OF.get(item.resource_type_general, "other"),
                title=item.title,
                created=start + timedelta(minutes=number),
                creators=tuple(
                    p for p, n in zip(people, item.names, strict=True) if n.role == "creator"
                ),
                contributors=tuple(
                    p for p, n in zip(people, item.names, strict=True) if n.role == "contributor"
                ),
                published=(item.year,),
                publisher=CURATOR_PUBLISHER,
                client_id=corpus.repository_id,
                relations=(("IsVersionOf", item.version_of),) if item.version_of else (),
            )
        )
    return served


def _source(corpus: CuratorCorpus, key: str, orcid: str) -> Source:
    if key == REPOSITORY:
        return Source(client_id=DATACITE_CLIENT_ID, name=DATACITE_CLIENT_NAME)
    if key == OTHER:
        return Source(client_id=OTHER_CLIENT_ID, name=OTHER_CLIENT_NAME)
    return Source(orcid=orcid, name=corpus.name_of(orcid))


#: resourceTypeGeneral → corpus.py kind (an ORCID work type).
_KIND_OF = {"Dataset": "data-set", "Software": "software", "Text": "journal-article"}


def listing_works(corpus: CuratorCorpus, listing: SeedListing) -> Iterator[tuple[Work, Source]]:
    """The ORCID works (one per source) that make up a listing, with their sources."""
    item = corpus.get(listing.doi)
    assert item is not None, listing.doi
    ext = (ExternalId("doi", item.doi, "self", doi_url(item.doi), item.doi),)
    work_type = _KIND_OF.get(item.resource_type_general, "other")
    for key in listing.sources:
        work = Work(title=item.title, type=work_type, external_ids=ext, visibility="public")
        yield work, _source(corpus, key, listing.orcid)


class RecordStore(Protocol):
    """What :func:`install_records` needs from the sandbox's ORCID store."""

    def add_researcher(self, orcid: str, name: str) -> None: ...

    def add_work(self, orcid: str, work: Work, source: Source, display_index: int = 1) -> int: ...


def install_records(store: RecordStore, corpus: CuratorCorpus) -> int:
    """Create every researcher's record and put the corpus's listings on them; the work count."""
    for orcid in corpus.people:
        store.add_researcher(orcid, corpus.name_of(orcid))
    count = 0
    for listing in corpus.listings:
        for work, source in listing_works(corpus, listing):
            store.add_work(listing.orcid, work, source)
            count += 1
    return count


#: Size of the curator seed when no DOI count is given.
DEFAULT_DOIS = 1000


def seed_curator(store: RecordStore, n_dois: int | None = None) -> CuratorCorpus:
    """Generate the curator corpus and put its ORCID side in ``store`` (the seeds' hook)."""
    corpus = build_curator_corpus(n_dois or DEFAULT_DOIS)
    install_records(store, corpus)
    return corpus
