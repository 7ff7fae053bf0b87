"""DOI and ORCID iD normalisation, the way ORCID compares identifiers."""

from __future__ import annotations

import pytest

from claimdesk.orcid.ids import (
    is_valid_orcid,
    normalize_doi,
    normalize_external_id,
    normalize_orcid,
    orcid_checksum,
)


@pytest.mark.parametrize(
    "text",
    [
        "10.5438/H5XP-X178",
        "10.5438/h5xp-x178",
        "  10.5438/h5xp-x178\n",
        "doi:10.5438/h5xp-x178",
        "DOI: 10.5438/H5XP-X178",
        "https://doi.org/10.5438/h5xp-x178",
        "http://dx.doi.org/10.5438/H5XP-X178",
        "https://doi.org/10.5438%2Fh5xp-x178",
        "see https://doi.org/10.5438/h5xp-x178.",
    ],
)
def test_doi_forms_normalise_to_lower_case_bare_doi(text):
    assert normalize_doi(text) == "10.5438/h5xp-x178"


def test_doi_normalisation_keeps_balanced_brackets_and_unescapes_xml():
    assert normalize_doi("10.1002/(SICI)1097-4636(199706)35:4<475::AID-JBM8>3.0.CO;2-D") == (
        "10.1002/(sici)1097-4636(199706)35:4<475::aid-jbm8>3.0.co;2-d"
    )
    assert normalize_doi("10.1002/abc&amp;def") == "10.1002/abc&def"
    assert normalize_doi("(10.1000/xyz)") == "10.1000/xyz"


@pytest.mark.parametrize("text", [None, "", "not a doi", "work:doi", "11.1234/x"])
def test_non_dois_normalise_to_none(text):
    assert normalize_doi(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "0000-0002-1825-0097",
        "000000021825009 7".replace(" ", ""),
        "https://orcid.org/0000-0002-1825-0097",
        "http://orcid.org/0000-0002-1825-0097/",
        "https://sandbox.orcid.org/0000-0002-1825-0097",
        "orcid.org/0000-0002-1825-0097",
        "  0000-0002-1825-0097  ",
    ],
)
def test_orcid_forms_normalise_to_hyphenated_id(text):
    assert normalize_orcid(text) == "0000-0002-1825-0097"


def test_orcid_checksum_x_is_upper_cased():
    assert orcid_checksum("000000021694233") == "X"
    assert normalize_orcid("https://orcid.org/0000-0002-1694-233x") == "0000-0002-1694-233X"


@pytest.mark.parametrize(
    "text",
    [
        None,
        "",
        "0000-0002-1825-0098",
        "0000-0002-1825-009",
        "https://example.org/0000-0002-1825-0097",
    ],
)
def test_invalid_orcids_are_refused(text):
    assert normalize_orcid(text) is None
    assert not is_valid_orcid(text)


def test_external_id_normalisation_by_type():
    assert normalize_external_id("DOI", "https://doi.org/10.1/ABC") == "10.1/abc"
    assert normalize_external_id("issn", "12345678") == "1234-5678"
    assert normalize_external_id("isbn", "978-3-16-148410-0") == "9783161484100"
    assert normalize_external_id("bibcode", "2019ApJ...1A") == "2019ApJ...1A"
    assert normalize_external_id("arxiv", " 1234.5678V2 ") == "1234.5678v2"
