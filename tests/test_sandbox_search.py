"""The sandbox's ORCID search: the Solr syntax the batched round trip sends, paging, and errors."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from claimdesk.curator.public_api import doi_self_query, search_batches
from claimdesk.orcid import xml as oxml
from claimdesk.sandbox import solr
from claimdesk.sandbox.curator_seed import SeedListing
from claimdesk.sandbox.orcid_api import MAX_QUERY_CHARS
from claimdesk.sandbox.server import Sandbox

JSON = {"Accept": "application/vnd.orcid+json"}


@pytest.fixture(scope="module")
def curator() -> Iterator[Sandbox]:
    with Sandbox(seed="curator", dois=200) as sandbox:
        yield sandbox


def search(sb: Sandbox, q: str, **params: str) -> httpx.Response:
    return httpx.get(f"{sb.base_url}/pub/v3.0/search/", params={"q": q, **params}, headers=JSON)


def listers(listings: tuple[SeedListing, ...], dois: set[str]) -> set[str]:
    return {ls.orcid for ls in listings if ls.doi in dois}


def test_an_or_group_of_quoted_dois_finds_every_record_listing_any_of_them(
    curator: Sandbox,
) -> None:
    corpus = curator.seed_result.curator
    dois = [d.doi for d in corpus.dois[:40]]

    data = search(curator, doi_self_query(*dois)).json()

    found = {r["orcid-identifier"]["path"] for r in data["result"]}
    assert found == listers(corpus.listings, set(dois)) and data["num-found"] == len(found)
    # the same answer as one search per DOI, joined
    one_by_one: set[str] = set()
    for doi in dois:
        one_by_one |= {
            r["orcid-identifier"]["path"]
            for r in search(curator, doi_self_query(doi)).json()["result"]
        }
    assert found == one_by_one


def test_and_not_and_field_groups_combine_as_in_solr(curator: Sandbox) -> None:
    corpus = curator.seed_result.curator
    first, second = corpus.dois[0].doi, corpus.dois[1].doi
    a, b = listers(corpus.listings, {first}), listers(corpus.listings, {second})

    def ids(q: str) -> set[str]:
        return {r["orcid-identifier"]["path"] for r in search(curator, q).json()["result"]}

    assert ids(f'doi-self:"{first}" AND doi-self:"{second}"') == a & b
    assert ids(f'doi-self:"{first}" -doi-self:"{second}"') == a - b
    assert ids(f'doi-self:"{first}" AND NOT doi-self:"{second}"') == a - b
    assert ids(f'(doi-self:"{first}") OR doi-self:"{second}"') == a | b
    orcid = next(iter(a))
    assert ids(f'orcid:{orcid} AND doi-self:("{first}" OR "{second}")') == {orcid}


def test_rows_and_start_page_through_an_answer_in_a_stable_order(curator: Sandbox) -> None:
    q = doi_self_query(*(d.doi for d in curator.seed_result.curator.dois[:50]))
    everything = [r["orcid-identifier"]["path"] for r in search(curator, q).json()["result"]]

    pages = [
        [
            r["orcid-identifier"]["path"]
            for r in search(curator, q, rows="7", start=str(s)).json()["result"]
        ]
        for s in range(0, len(everything), 7)
    ]

    assert [o for page in pages for o in page] == everything
    assert all(len(p) == 7 for p in pages[:-1])


@pytest.mark.parametrize(
    ("query", "why"),
    [
        ('doi-self:("10.1/a" OR "10.1/b"', "Encountered <EOF>"),
        ('doi-self:"10.1/a', "unclosed quote"),
        ("doi-self:", "no value"),
        ('doi-self:"10.1/a")', "Encountered ')'"),
        ("", "Encountered <EOF>"),
    ],
)
def test_a_query_solr_cannot_parse_is_refused_with_orcid_error_400(
    curator: Sandbox, query: str, why: str
) -> None:
    response = httpx.get(f"{curator.base_url}/pub/v3.0/search/", params={"q": query})

    assert response.status_code == 400
    error = oxml.parse_error(response.content)
    assert error.error_code == 9012 and why in (error.developer_message or "")


def test_too_long_a_query_and_too_many_clauses_are_refused(curator: Sandbox) -> None:
    many = [f"10.83001/x.{n:06d}" for n in range(solr.MAX_CLAUSES + 1)]
    too_long = doi_self_query(*many)
    assert len(too_long) > MAX_QUERY_CHARS
    assert search(curator, too_long).status_code == 400
    with pytest.raises(solr.QuerySyntaxError, match="too many boolean clauses"):
        solr.parse(too_long)
    # what the client sends always fits
    assert all(len(doi_self_query(*b)) <= MAX_QUERY_CHARS for b in search_batches(many))


def test_rows_and_start_beyond_orcids_limits_are_refused(curator: Sandbox) -> None:
    q = doi_self_query("10.83001/curator.000001")
    assert search(curator, q, rows="1001").status_code == 400
    assert search(curator, q, start="10001").status_code == 400
    assert search(curator, q, rows="abc").status_code == 400


def test_values_with_quotes_and_backslashes_are_unescaped() -> None:
    tree = solr.parse(doi_self_query('10.1/a"b\\c'))
    assert tree == solr.Term("doi-self", '10.1/a"b\\c')
    assert solr.parse("family-name:O\\(Brien\\)") == solr.Term("family-name", "O(Brien)")
