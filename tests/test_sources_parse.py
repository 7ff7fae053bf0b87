"""Reading real DataCite and Crossref responses (../shared/fixtures) into DoiRecords."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from claimdesk.errors import SourceError
from claimdesk.sources import crossref, datacite
from claimdesk.sources.records import DoiRecord, RelatedId, clean_text, date_parts


def load(shared: Path, name: str) -> Any:
    return json.loads((shared / "fixtures" / name).read_text(encoding="utf-8"))


DATACITE_COUNTS = {
    "doi-10.5438-h5xp-x178.json": 1,
    "doi-10.82621-sf34-nn32-affiliation-true.json": 1,
    "doi-10.5061-dryad.781pv.json": 1,
    "dois-search-empty.json": 0,
    "dois-search-orcid-creators-count-only.json": 0,
    "dois-search-orcid-creators-updated-window.json": 25,
    "dois-search-person-commons-query.json": 1,
    "dois-search-person-orcid-in-contributors.json": 9,
    "dois-search-ror-org-page1-links-next.json": 25,
    "dois-search-mixed-agencies-page2.json": 25,
}
CROSSREF_COUNTS = {
    "work-10.1136-esmoopen-2020-000776.json": 1,
    "work-10.1039-c5ee02393a.json": 1,
    "works-filter-has-orcid-cursor-rows25.json": 25,
    "works-filter-has-orcid-rows0.json": 0,
    "works-query-author.json": 20,
}


@pytest.mark.parametrize("name,count", sorted(DATACITE_COUNTS.items()))
def test_every_datacite_fixture_parses(shared: Path, name: str, count: int) -> None:
    records = datacite.parse_response(load(shared, f"datacite/{name}"))
    assert len(records) == count
    for record in records:
        assert record.source == "datacite"
        assert record.doi == record.doi.lower() and record.doi.startswith("10.")
        assert record.title


@pytest.mark.parametrize("name,count", sorted(CROSSREF_COUNTS.items()))
def test_every_crossref_fixture_parses(shared: Path, name: str, count: int) -> None:
    records = crossref.parse_response(load(shared, f"crossref/{name}"))
    assert len(records) == count
    for record in records:
        assert record.source == record.agency == "crossref"
        assert record.title and record.type


@pytest.mark.parametrize(
    "name,words",
    [
        ("datacite/error-404-not-found.json", "doesn't exist"),
        ("crossref/error-400-validation-failure.json", "does not support field query"),
        ("crossref/error-404-cursor-invalid.json", "Cursor specified but it is invalid"),
    ],
)
def test_error_bodies_become_source_errors_in_words(shared: Path, name: str, words: str) -> None:
    module = datacite if name.startswith("datacite") else crossref
    with pytest.raises(SourceError) as caught:
        module.parse_response(load(shared, name))
    assert words in str(caught.value)
    assert caught.value.source == ("DataCite" if module is datacite else "Crossref")


def test_crossref_agency_message_is_not_mistaken_for_a_work(shared: Path) -> None:
    with pytest.raises(SourceError, match="work-agency"):
        crossref.parse_response(
            load(shared, "crossref/work-agency-10.1126-science.169.3946.635.json")
        )


def test_datacite_single_doi_fields(shared: Path) -> None:
    (record,) = datacite.parse_response(load(shared, "datacite/doi-10.5438-h5xp-x178.json"))
    assert record.doi == "10.5438/h5xp-x178"
    assert record.agency == "datacite"
    assert record.title == "Cool DOI's"
    assert record.publisher == "DataCite"
    assert (record.type_general, record.type) == ("Text", "BlogPosting")
    assert record.published == (2016, 12, 15)
    assert record.client_id == "datacite.datacite"
    assert record.client_name == "DataCite Repositories"
    (creator,) = record.creators
    assert creator.name == "Martin Fenner"
    assert creator.orcid == "0000-0003-1419-2405"
    assert creator.affiliations == ("Crossref",)  # an affiliation given as a plain string
    assert creator.sequence == "first" and creator.roles == ("Creator",)
    assert record.description and record.description.startswith("In 1998 Tim Berners-Lee")
    # IsPartOf a blog series: flagged like the auto-update would skip it
    assert RelatedId("IsPartOf", "10.5438/0000-00ss", "DOI") in record.derived_from
    assert record.is_version_or_part


def test_datacite_affiliations_given_as_objects_become_names(shared: Path) -> None:
    # requested with affiliation=true: {"name", "affiliationIdentifier", …} objects
    records = datacite.parse_response(
        load(shared, "datacite/dois-search-person-orcid-in-contributors.json")
    )
    affiliations = {a for r in records for p in r.people for a in p.affiliations}
    assert "DataCite" in affiliations
    assert all(isinstance(a, str) and a for a in affiliations)


def test_publisher_given_as_object_is_read(shared: Path) -> None:
    data = load(shared, "datacite/doi-10.5438-h5xp-x178.json")
    data["data"]["attributes"]["publisher"] = {"name": "DataCite", "publisherIdentifier": None}
    (record,) = datacite.parse_response(data)
    assert record.publisher == "DataCite"


def test_orcids_found_among_datacite_contributors_only(shared: Path) -> None:
    records = datacite.parse_response(
        load(shared, "datacite/dois-search-person-orcid-in-contributors.json")
    )
    wanted = "0000-0001-6528-2027"
    assert all(r.names_orcid(wanted) for r in records)
    assert all(not any(p.orcid == wanted for p in r.creators) for r in records)
    roles = {role for r in records for p in r.contributors if p.orcid == wanted for role in p.roles}
    assert roles  # the DataCite contributorType is kept


def test_orcid_with_a_wrong_checksum_is_dropped(shared: Path) -> None:
    data = load(shared, "datacite/doi-10.5438-h5xp-x178.json")
    ident = data["data"]["attributes"]["creators"][0]["nameIdentifiers"][0]
    ident["nameIdentifier"] = "https://orcid.org/0000-0003-1419-2406"
    (record,) = datacite.parse_response(data)
    assert record.creators[0].orcid is None
    assert record.creators[0].name == "Martin Fenner"


def test_orcid_in_any_written_form_is_normalised(shared: Path) -> None:
    data = load(shared, "datacite/doi-10.5438-h5xp-x178.json")
    ident = data["data"]["attributes"]["creators"][0]["nameIdentifiers"][0]
    for form in (
        "0000-0003-1419-2405",
        "http://orcid.org/0000-0003-1419-2405/",
        "000000031419 2405".replace(" ", ""),
    ):
        ident["nameIdentifier"] = form
        (record,) = datacite.parse_response(data)
        assert record.creators[0].orcid == "0000-0003-1419-2405", form


def test_mixed_agencies_keep_the_registration_agency(shared: Path) -> None:
    records = datacite.parse_response(
        load(shared, "datacite/dois-search-mixed-agencies-page2.json")
    )
    agencies = [r.agency for r in records]
    assert agencies.count("datacite") == 17 and agencies.count("crossref") == 8
    book = next(r for r in records if r.doi == "10.1061/9780784415191")
    assert (
        book.isbns == ("9780784415191",)
        and book.container_title == "Climate-Resilient Infrastructure"
    )
    article = next(r for r in records if r.doi == "10.1002/wea.3610")
    assert article.issns == ("1477-8696",) and article.container_title == "Weather"


def test_crossref_orcids_in_both_url_forms_and_authentication(shared: Path) -> None:
    old = crossref.parse_response(
        load(shared, "crossref/works-filter-has-orcid-cursor-rows25.json")
    )
    new = crossref.parse_response(load(shared, "crossref/works-query-author.json"))
    old_people = [p for r in old for p in r.creators if p.orcid]
    new_people = [p for r in new for p in r.creators if p.orcid]
    assert len(old_people) == 59 and len(new_people) == 29
    assert {p.orcid_authenticated for p in new_people} == {True, False}
    boettiger = [p for p in new_people if p.family == "Boettiger"]
    assert {p.orcid for p in boettiger} == {"0000-0002-1642-628X"}


def test_crossref_work_fields(shared: Path) -> None:
    (record,) = crossref.parse_response(load(shared, "crossref/work-10.1039-c5ee02393a.json"))
    assert record.doi == "10.1039/c5ee02393a"
    assert record.container_title == "Energy & Environmental Science"
    assert record.issns == ("1754-5692", "1754-5706")
    assert record.published == (2016,)
    assert record.creators[0].sequence == "first" and record.creators[1].sequence == "additional"
    assert record.creators[0].affiliations[0] == "IEK-5 Photovoltaik"
    # the JATS/HTML markup of the abstract is gone
    assert record.description and "<" not in record.description


def test_crossref_preprint_relation_and_subtype(shared: Path) -> None:
    records = crossref.parse_response(
        load(shared, "crossref/works-filter-has-orcid-cursor-rows25.json")
    )
    preprints = [r for r in records if r.type == "posted-content"]
    assert preprints and all(r.subtype == "preprint" for r in preprints)
    relations = {rel.relation_type for r in records for rel in r.related}
    assert "IsPreprintOf" in relations
    assert not any(r.is_version_or_part for r in preprints)


def test_crossref_entities_in_titles_are_decoded(shared: Path) -> None:
    records = crossref.parse_response(load(shared, "crossref/works-query-author.json"))
    assert "Big Data & Society" in {r.container_title for r in records}


def test_clean_text_drops_markup_and_squeezes_spaces() -> None:
    assert clean_text("<jats:p>A  <i>b</i>\n c</jats:p>") == "A b c"
    assert clean_text("Big Data &amp;amp; Society") == "Big Data & Society"
    assert clean_text("   ") is None and clean_text(None) is None


@pytest.mark.parametrize(
    "value,parts",
    [
        ("2016-12-15", (2016, 12, 15)),
        ("2018-01-04T00:00:00Z", (2018, 1, 4)),
        ("2016", (2016,)),
        (2016, (2016,)),
        ([2018, 3], (2018, 3)),
        ([2018, 13, 1], (2018,)),
        ("2016-00-00", (2016,)),
        (None, ()),
    ],
)
def test_date_parts_keep_what_is_known(value: object, parts: tuple[int, ...]) -> None:
    assert date_parts(value) == parts


def test_self_pointing_version_relation_is_not_a_version() -> None:
    # datacite/datacite#2533: a Zenodo concept DOI with IsVersionOf pointing at itself
    record = DoiRecord(
        doi="10.5281/zenodo.1",
        agency="datacite",
        source="datacite",
        related=(RelatedId("IsVersionOf", "https://doi.org/10.5281/ZENODO.1"),),
    )
    assert not record.is_version_or_part
