"""The sandbox's DataCite and Crossref endpoints answer in the shapes of the real APIs."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx
import pytest

from claimdesk.sandbox import esquery
from claimdesk.sandbox.corpus import build_corpus
from claimdesk.sandbox.seeds import DEMO_ORCID
from claimdesk.sources import crossref, datacite

COMMONS = (
    "creators_and_contributors.nameIdentifiers.nameIdentifier:"
    f'({DEMO_ORCID} OR "https://orcid.org/{DEMO_ORCID}")'
)


def fixture(shared: Path, name: str) -> Any:
    return json.loads((shared / "fixtures" / name).read_text(encoding="utf-8"))


def get(sandbox: Any, path: str, **params: str) -> httpx.Response:
    return httpx.get(f"{sandbox.base_url}{path}", params=params, timeout=5)


def test_corpus_holds_the_seeded_dois_and_more(sandbox: Any) -> None:
    corpus = sandbox.corpus
    on_record = set(sandbox.store.dois(DEMO_ORCID))
    mine = set(corpus.dois_of(DEMO_ORCID))
    assert on_record <= mine and len(mine - on_record) >= 15
    assert len(corpus.entries) > len(mine) + 50  # unrelated DOIs too
    assert {e.agency for e in corpus.entries} == {"datacite", "crossref"}


def test_corpus_is_deterministic_and_works_without_a_store() -> None:
    first, second = build_corpus(None, "demo"), build_corpus(None, "demo")
    assert [e.doi for e in first.entries] == [e.doi for e in second.entries]
    assert [e.title for e in first.entries] == [e.title for e in second.entries]


def test_datacite_search_page_has_the_jsonapi_shape_of_the_real_api(
    sandbox: Any, shared: Path
) -> None:
    response = get(
        sandbox,
        "/datacite/dois",
        query=COMMONS,
        include="client",
        affiliation="true",
        **{"page[size]": "3"},
    )
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/vnd.api+json")
    body = response.json()
    real = fixture(shared, "datacite/dois-search-person-orcid-in-contributors.json")
    assert set(real) == set(body)
    assert set(real["meta"]) <= set(body["meta"])
    assert set(real["data"][0]["attributes"]) - {"agency"} <= set(body["data"][0]["attributes"])
    assert body["data"][0]["type"] == "dois"
    assert body["included"][0]["type"] == "clients"
    assert body["links"]["next"].startswith(sandbox.base_url + "/datacite/dois?")
    assert len(datacite.parse_response(body)) == 3


def test_datacite_affiliation_and_publisher_come_as_strings_unless_asked(sandbox: Any) -> None:
    plain = get(sandbox, "/datacite/dois", query=COMMONS).json()["data"]
    objects = get(
        sandbox, "/datacite/dois", query=COMMONS, affiliation="true", publisher="true"
    ).json()["data"]
    plain_affiliations = [
        a for d in plain for c in d["attributes"]["creators"] for a in c["affiliation"]
    ]
    object_affiliations = [
        a for d in objects for c in d["attributes"]["creators"] for a in c["affiliation"]
    ]
    assert plain_affiliations and all(isinstance(a, str) for a in plain_affiliations)
    assert all(isinstance(a, dict) and a["name"] for a in object_affiliations)
    assert isinstance(plain[0]["attributes"]["publisher"], str)
    assert objects[0]["attributes"]["publisher"]["name"]
    # and both parse to the same records
    assert datacite.parse_response({"data": plain}) == datacite.parse_response({"data": objects})


def test_datacite_cursor_paging(sandbox: Any) -> None:
    seen: list[str] = []
    url: str | None = f"{sandbox.base_url}/datacite/dois"
    params: dict[str, str] | None = {"query": COMMONS, "page[size]": "7", "page[cursor]": "1"}
    while url:
        body = httpx.get(url, params=params, timeout=5).json()
        seen += [d["id"] for d in body["data"]]
        url, params = body["links"].get("next"), None
    assert len(seen) == len(set(seen)) == body["meta"]["total"]


def test_datacite_page_number_paging_caps_at_10000_records(sandbox: Any) -> None:
    first = get(sandbox, "/datacite/dois", **{"page[size]": "5"}).json()
    assert first["meta"]["page"] == 1 and "page%5Bnumber%5D=2" in first["links"]["next"]
    beyond = get(sandbox, "/datacite/dois", **{"page[size]": "1000", "page[number]": "11"})
    assert beyond.status_code == 400 and beyond.json()["errors"][0]["status"] == "400"


def test_datacite_user_id_sees_creators_only_unlike_the_commons_query(sandbox: Any) -> None:
    commons = get(sandbox, "/datacite/dois", query=COMMONS, **{"page[size]": "100"}).json()
    user_id = get(sandbox, "/datacite/dois", **{"user-id": DEMO_ORCID, "page[size]": "100"}).json()
    assert user_id["meta"]["total"] < commons["meta"]["total"]


def test_datacite_client_id_filter(sandbox: Any) -> None:
    body = get(sandbox, "/datacite/dois", **{"client-id": "brown.bdr", "page[size]": "100"}).json()
    assert body["data"]
    assert {d["relationships"]["client"]["data"]["id"] for d in body["data"]} == {"brown.bdr"}


def test_datacite_unknown_doi_is_a_jsonapi_404(sandbox: Any, shared: Path) -> None:
    response = get(sandbox, "/datacite/dois/10.80555/unknown")
    assert response.status_code == 404
    assert response.json() == fixture(shared, "datacite/error-404-not-found.json")


def test_datacite_one_doi(sandbox: Any) -> None:
    entry = next(e for e in sandbox.corpus.entries if e.agency == "datacite")
    body = get(sandbox, f"/datacite/dois/{entry.doi.upper()}", include="client").json()
    assert isinstance(body["data"], dict) and body["data"]["id"] == entry.doi
    # a Crossref DOI is not DataCite's
    other = next(e for e in sandbox.corpus.entries if e.agency == "crossref")
    assert get(sandbox, f"/datacite/dois/{other.doi}").status_code == 404


def test_datacite_bad_query_is_a_400(sandbox: Any) -> None:
    response = get(sandbox, "/datacite/dois", query='titles.title:"unbalanced')
    assert response.status_code == 400 and "errors" in response.json()


def test_crossref_work_list_has_the_shape_of_the_real_api(sandbox: Any, shared: Path) -> None:
    response = get(sandbox, "/crossref/works", filter=f"orcid:{DEMO_ORCID}", rows="4", cursor="*")
    assert response.headers["x-rate-limit-limit"] == "50"
    body = response.json()
    real = fixture(shared, "crossref/works-filter-has-orcid-cursor-rows25.json")
    assert set(real) == set(body) and body["message-type"] == "work-list"
    assert set(real["message"]) == set(body["message"])
    assert len(body["message"]["items"]) == 4
    orcids = [a.get("ORCID") for i in body["message"]["items"] for a in i["author"]]
    assert any(o and o.startswith("http") for o in orcids)
    assert len(crossref.parse_response(body)) == 4


def test_crossref_cursor_paging_and_invalid_cursor(sandbox: Any, shared: Path) -> None:
    params = {"filter": f"orcid:{DEMO_ORCID}", "rows": "3"}
    first = get(sandbox, "/crossref/works", cursor="*", **params).json()["message"]
    second = get(sandbox, "/crossref/works", cursor=first["next-cursor"], **params).json()
    assert {i["DOI"] for i in first["items"]}.isdisjoint(
        i["DOI"] for i in second["message"]["items"]
    )
    bad = get(sandbox, "/crossref/works", cursor="thing", **params)
    assert bad.status_code == 404
    real = fixture(shared, "crossref/error-404-cursor-invalid.json")
    assert bad.json()["message"][0]["type"] == real["message"][0]["type"] == "cursor-invalid"


@pytest.mark.parametrize(
    "params,kind",
    [
        ({"filter": "nonsense:1"}, "filter-not-available"),
        ({"rows": "5000"}, "integer-not-valid"),
        ({"query.nonsense": "x"}, "field-query-not-available"),
    ],
)
def test_crossref_validation_failures(sandbox: Any, params: dict[str, str], kind: str) -> None:
    response = get(sandbox, "/crossref/works", **params)
    assert response.status_code == 400
    body = response.json()
    assert body["status"] == "failed" and body["message-type"] == "validation-failure"
    assert body["message"][0]["type"] == kind


def test_crossref_one_work_and_plain_text_404(sandbox: Any, shared: Path) -> None:
    entry = next(e for e in sandbox.corpus.entries if e.agency == "crossref")
    body = get(sandbox, f"/crossref/works/{entry.doi}").json()
    assert body["message-type"] == "work" and body["message"]["DOI"] == entry.doi
    missing = get(sandbox, "/crossref/works/10.5555/unknown")
    assert missing.status_code == 404 and missing.text == "Resource not found."
    with_query = get(sandbox, f"/crossref/works/{entry.doi}", **{"query.author": "x"})
    real = fixture(shared, "crossref/error-400-validation-failure.json")
    assert with_query.status_code == 400 and with_query.json() == real


def test_query_string_subset() -> None:
    node = esquery.parse('titles.title:(kiln OR "glaze spectra") AND NOT doi:10.1\\/x*')
    values = {"titles.title": ["Glaze spectra of a kiln"], "doi": ["10.2/y"]}
    assert esquery.matches(node, lambda field: values.get(field or "", []))
    values["doi"] = ["10.1/xyz"]
    assert not esquery.matches(node, lambda field: values.get(field or "", []))
    with pytest.raises(esquery.QueryError):
        esquery.parse("(unbalanced")
