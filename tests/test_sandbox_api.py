"""The sandbox's Member and Public API over real sockets, checked against ORCID's rules."""

from __future__ import annotations

import time
from collections.abc import Iterator

import httpx
import pytest
from lxml import etree

from claimdesk.orcid import json as ojson
from claimdesk.orcid import xml as oxml
from claimdesk.orcid.model import ErrorBody, ExternalId, Source, Work
from claimdesk.sandbox import seeds
from claimdesk.sandbox.server import Sandbox

ORCID = seeds.DEMO_ORCID
XML = "application/vnd.orcid+xml"
JSON = "application/vnd.orcid+json"


def new_work(n: int, **kw: object) -> Work:
    doi = f"10.9999/api-test.{n}"
    fields: dict[str, object] = {
        "title": f"Test work {n}",
        "type": "journal-article",
        "external_ids": (ExternalId("doi", doi, "self", f"https://doi.org/{doi}"),),
    }
    fields.update(kw)
    return Work(**fields)  # type: ignore[arg-type]


@pytest.fixture
def token(sandbox: Sandbox) -> str:
    return sandbox.issue_token(ORCID)


@pytest.fixture(scope="module")
def http() -> Iterator[httpx.Client]:
    """One connection pool for the module; :func:`api` points it at each test's sandbox."""
    with httpx.Client(timeout=5) as client:
        yield client


@pytest.fixture
def api(http: httpx.Client, sandbox: Sandbox, token: str) -> httpx.Client:
    """A client for the demo record's Member API, signed in as claimdesk."""
    http.base_url = httpx.URL(f"{sandbox.base_url}/v3.0/{ORCID}/")
    http.headers.update({"Authorization": f"Bearer {token}", "Accept": XML, "Content-Type": XML})
    return http


def error_of(response: httpx.Response) -> ErrorBody:
    codec = ojson if "json" in response.headers["content-type"] else oxml
    return codec.parse_error(response.content)


def post_work(api: httpx.Client, work: Work) -> httpx.Response:
    return api.post("/work", content=oxml.serialize_work(work))


def put_code_of(response: httpx.Response) -> int:
    assert response.status_code == 201, response.text
    return int(response.headers["location"].rsplit("/", 1)[1])


# -- reads ----------------------------------------------------------------------------------------


def test_read_works_xml_is_the_stores_grouping(sandbox: Sandbox, api: httpx.Client) -> None:
    response = api.get("/works")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(XML)
    parsed = oxml.parse_works(response.content)
    expected = sandbox.store.works(ORCID)
    assert [[s.put_code for s in g.summaries] for g in parsed] == [
        [s.put_code for s in g.summaries] for g in expected
    ]
    assert [[s.display_index for s in g.summaries] for g in parsed] == [
        [s.display_index for s in g.summaries] for g in expected
    ]


def test_read_works_json_when_asked(api: httpx.Client) -> None:
    response = api.get("/works", headers={"Accept": JSON})
    assert response.headers["content-type"].startswith(JSON)
    assert len(ojson.parse_works(response.content)) > 20


def test_unacceptable_accept_is_406(api: httpx.Client) -> None:
    assert api.get("/works", headers={"Accept": "text/html"}).status_code == 406


def test_read_one_work_and_its_summary(sandbox: Sandbox, api: httpx.Client) -> None:
    put_code = sandbox.store.add_work(ORCID, new_work(1), Source(client_id=seeds.SCOPUS_CLIENT_ID))
    work = oxml.parse_work(api.get(f"/work/{put_code}").content)
    assert work.put_code == put_code and work.title == "Test work 1"
    assert work.source is not None and work.source.client_id == seeds.SCOPUS_CLIENT_ID
    summary = oxml.parse_work_summary(api.get(f"/work/summary/{put_code}").content)
    assert summary.put_code == put_code and summary.display_index == 1
    json_summary = ojson.parse_work_summary(
        api.get(f"/work/summary/{put_code}", headers={"Accept": JSON}).content
    )
    assert json_summary.put_code == put_code


def test_unknown_put_code_is_404_9016(api: httpx.Client) -> None:
    response = api.get("/work/999999999")
    assert response.status_code == 404
    assert error_of(response).error_code == 9016
    assert error_of(api.get("/work/abc")).error_code == 9034


def test_bulk_read_keeps_order_and_flags_unknown_put_codes(
    sandbox: Sandbox, api: httpx.Client
) -> None:
    a = sandbox.store.add_work(ORCID, new_work(1), Source(client_id=seeds.DEMO_CLIENT_ID))
    b = sandbox.store.add_work(ORCID, new_work(2), Source(client_id=seeds.DEMO_CLIENT_ID))
    response = api.get(f"/works/{b},12345,{a}")
    assert response.status_code == 200
    items = oxml.parse_bulk(response.content).items
    assert [getattr(i, "put_code", None) for i in items] == [b, None, a]
    assert isinstance(items[1], ErrorBody) and items[1].error_code == 9034
    assert "'12345' is not a valid put code" in (items[1].developer_message or "")


def test_bulk_read_over_100_is_400_9042(api: httpx.Client) -> None:
    response = api.get("/works/" + ",".join(str(1000 + i) for i in range(101)))
    assert response.status_code == 400
    assert error_of(response).error_code == 9042


# -- writes ---------------------------------------------------------------------------------------


def test_post_work_is_201_with_location_and_source_from_token(
    sandbox: Sandbox, api: httpx.Client
) -> None:
    claimed = new_work(1, source=Source(client_id=seeds.SCOPUS_CLIENT_ID, name="Scopus"))
    response = api.post("/work", content=oxml.serialize_work(claimed, full=True))
    put_code = put_code_of(response)
    assert response.headers["location"] == f"{sandbox.base_url}/v3.0/{ORCID}/work/{put_code}"
    assert response.content == b""
    stored = sandbox.store.get_work(ORCID, put_code)
    assert stored is not None and stored.source is not None
    assert stored.source.client_id == seeds.DEMO_CLIENT_ID
    assert stored.source.name == seeds.DEMO_CLIENT_NAME
    summary = sandbox.store.get_summary(ORCID, put_code)
    assert summary is not None and summary.display_index == 1


def test_post_work_in_json(sandbox: Sandbox, api: httpx.Client) -> None:
    response = api.post(
        "/work",
        content=ojson.serialize_work(new_work(7)),
        headers={"Content-Type": JSON, "Accept": JSON},
    )
    assert sandbox.store.get_work(ORCID, put_code_of(response)) is not None


def test_bulk_post_and_put_in_json(sandbox: Sandbox, api: httpx.Client) -> None:
    headers = {"Content-Type": JSON, "Accept": JSON}
    body = ojson.serialize_bulk([new_work(1), new_work(1)])
    slots = ojson.parse_bulk(api.post("/works", content=body, headers=headers).content).items
    assert isinstance(slots[0], Work) and isinstance(slots[1], ErrorBody)
    assert slots[1].error_code == 9021
    put_code = slots[0].put_code
    update = ojson.serialize_work(new_work(1, put_code=put_code, title="Renamed"))
    response = api.put(f"/work/{put_code}", content=update, headers=headers)
    assert response.status_code == 200
    assert ojson.parse_work(response.content).title == "Renamed"


def test_post_with_unknown_content_type_is_415(api: httpx.Client) -> None:
    response = api.post(
        "/work", content=oxml.serialize_work(new_work(1)), headers={"Content-Type": "text/plain"}
    )
    assert response.status_code == 415


def test_post_garbage_is_400(api: httpx.Client) -> None:
    response = api.post("/work", content=b"<html>no</html>")
    assert response.status_code == 400


@pytest.mark.parametrize(
    ("work", "code"),
    [
        (new_work(1, type="journal-articel"), 9037),
        (new_work(1, external_ids=()), 9023),
        (new_work(1, external_ids=(ExternalId("issn", "0264-3561", "part-of"),)), 9023),
        (new_work(1, put_code=123), 9024),
    ],
)
def test_invalid_work_is_400_with_orcids_code(api: httpx.Client, work: Work, code: int) -> None:
    response = post_work(api, work)
    assert response.status_code == 400
    err = error_of(response)
    assert (err.status, err.error_code) == (400, code)
    assert err.developer_message and err.developer_message.startswith("400 Bad Request:")


def test_second_post_of_same_doi_is_409_9021_naming_put_code(api: httpx.Client) -> None:
    first = put_code_of(post_work(api, new_work(1)))
    response = post_work(api, new_work(1, title="Same DOI, other title"))
    assert response.status_code == 409
    err = error_of(response)
    assert err.error_code == 9021
    assert f"please see element with put-code {first}." in (err.developer_message or "")


def test_doi_already_added_by_another_source_joins_its_group(
    sandbox: Sandbox, api: httpx.Client
) -> None:
    crossref_doi = sandbox.seed_result.dois[0].doi
    before = len(sandbox.store.works(ORCID))
    work = new_work(1, external_ids=(ExternalId("doi", crossref_doi.upper(), "self"),))
    put_code_of(post_work(api, work))
    assert len(sandbox.store.works(ORCID)) == before


def test_bulk_post_returns_work_or_error_per_slot(sandbox: Sandbox, api: httpx.Client) -> None:
    existing = put_code_of(post_work(api, new_work(1)))
    items = [
        new_work(2),
        new_work(1),
        new_work(3, type="journal-articel"),
        new_work(2),
        new_work(4),
    ]
    response = api.post("/works", content=oxml.serialize_bulk(items))
    assert response.status_code == 200
    slots = oxml.parse_bulk(response.content).items
    assert [type(s).__name__ for s in slots] == [
        "Work",
        "ErrorBody",
        "ErrorBody",
        "ErrorBody",
        "Work",
    ]
    assert [getattr(s, "error_code", None) for s in slots] == [None, 9021, 9037, 9021, None]
    assert str(existing) in (getattr(slots[1], "developer_message", "") or "")
    assert str(slots[0].put_code) in (getattr(slots[3], "developer_message", "") or "")  # type: ignore[union-attr]
    created = slots[0]
    assert isinstance(created, Work) and created.source is not None
    assert created.source.client_id == seeds.DEMO_CLIENT_ID and created.created


def test_bulk_post_over_100_is_400_9006_and_stores_nothing(
    sandbox: Sandbox, api: httpx.Client
) -> None:
    before = sandbox.store.count(ORCID)
    # Our own serializer refuses to write 101 items, so add the 101st by hand.
    root = etree.fromstring(oxml.serialize_bulk([new_work(i) for i in range(100)]))
    root.append(etree.fromstring(oxml.serialize_work(new_work(100))))
    response = api.post("/works", content=etree.tostring(root))
    assert response.status_code == 400
    assert error_of(response).error_code == 9006
    assert sandbox.store.count(ORCID) == before


def test_record_past_10000_works_is_409_9048(sandbox: Sandbox, api: httpx.Client) -> None:
    sandbox.store.max_works = sandbox.store.count(ORCID)
    response = post_work(api, new_work(1))
    assert response.status_code == 409
    assert error_of(response).error_code == 9048


def test_put_updates_our_work_and_returns_it(sandbox: Sandbox, api: httpx.Client) -> None:
    put_code = put_code_of(post_work(api, new_work(1)))
    response = api.put(
        f"/work/{put_code}",
        content=oxml.serialize_work(new_work(1, put_code=put_code, title="New")),
    )
    assert response.status_code == 200
    assert oxml.parse_work(response.content).title == "New"
    stored = sandbox.store.get_work(ORCID, put_code)
    assert stored is not None and stored.title == "New"


def test_put_with_other_put_code_in_body_is_400_9019(api: httpx.Client) -> None:
    put_code = put_code_of(post_work(api, new_work(1)))
    body = oxml.serialize_work(new_work(1, put_code=put_code + 1))
    response = api.put(f"/work/{put_code}", content=body)
    assert (response.status_code, error_of(response).error_code) == (400, 9019)


def test_update_or_delete_of_another_sources_work_is_403_9010(
    sandbox: Sandbox, api: httpx.Client
) -> None:
    theirs = sandbox.store.add_work(ORCID, new_work(1), Source(client_id=seeds.SCOPUS_CLIENT_ID))
    body = oxml.serialize_work(new_work(1, put_code=theirs))
    response = api.put(f"/work/{theirs}", content=body)
    assert (response.status_code, error_of(response).error_code) == (403, 9010)
    response = api.delete(f"/work/{theirs}")
    assert (response.status_code, error_of(response).error_code) == (403, 9010)
    assert sandbox.store.get_work(ORCID, theirs) is not None


def test_delete_is_204_then_the_work_is_gone(sandbox: Sandbox, api: httpx.Client) -> None:
    put_code = put_code_of(post_work(api, new_work(1)))
    response = api.delete(f"/work/{put_code}")
    assert response.status_code == 204 and response.content == b""
    assert api.get(f"/work/{put_code}").status_code == 404
    assert api.delete(f"/work/{put_code}").status_code == 404


def test_work_deleted_on_the_website_can_be_posted_again(
    sandbox: Sandbox, api: httpx.Client
) -> None:
    put_code = put_code_of(post_work(api, new_work(1)))
    assert sandbox.store.delete_work(ORCID, put_code)
    assert put_code_of(post_work(api, new_work(1))) != put_code


# -- tokens and scopes ----------------------------------------------------------------------------


def test_missing_unknown_or_revoked_token_is_401_invalid_token(
    sandbox: Sandbox, api: httpx.Client, token: str
) -> None:
    url = f"{sandbox.base_url}/v3.0/{ORCID}/works"
    for headers in ({}, {"Authorization": "Bearer nope"}):
        response = httpx.get(url, headers=headers)
        assert response.status_code == 401
        assert response.json()["error"] == "invalid_token"
        assert response.json()["error_description"]
    sandbox.revoke_token(token)
    response = api.get("/works")
    assert response.status_code == 401 and response.json()["error"] == "invalid_token"
    assert post_work(api, new_work(1)).status_code == 401


def test_revoked_token_may_still_delete_its_works(
    sandbox: Sandbox, api: httpx.Client, token: str
) -> None:
    put_code = put_code_of(post_work(api, new_work(1)))
    sandbox.revoke_token(token)
    assert api.delete(f"/work/{put_code}").status_code == 204


def test_expired_token_is_401(sandbox: Sandbox) -> None:
    token = sandbox.issue_token(ORCID, expires_in=0)
    response = httpx.get(
        f"{sandbox.base_url}/v3.0/{ORCID}/works", headers={"Authorization": f"Bearer {token}"}
    )
    assert response.status_code == 401 and response.json()["error"] == "invalid_token"


def test_token_for_another_record_is_401_9017(sandbox: Sandbox) -> None:
    other = seeds.OTHER_RESEARCHERS[0][0]
    token = sandbox.issue_token(other)
    response = httpx.get(
        f"{sandbox.base_url}/v3.0/{ORCID}/works",
        headers={"Authorization": f"Bearer {token}", "Accept": XML},
    )
    assert (response.status_code, error_of(response).error_code) == (401, 9017)


def test_read_only_token_cannot_write(sandbox: Sandbox) -> None:
    token = sandbox.issue_token(ORCID, scopes=("/read-limited",))
    response = httpx.post(
        f"{sandbox.base_url}/v3.0/{ORCID}/work",
        content=oxml.serialize_work(new_work(1)),
        headers={"Authorization": f"Bearer {token}", "Content-Type": XML},
    )
    assert (response.status_code, error_of(response).error_code) == (403, 9004)


# -- public API and search ------------------------------------------------------------------------


def test_public_api_reads_without_token_and_hides_limited_works(sandbox: Sandbox) -> None:
    response = httpx.get(f"{sandbox.base_url}/pub/v3.0/{ORCID}/works")
    assert response.status_code == 200
    public = oxml.parse_works(response.content)
    everything = sandbox.store.works(ORCID)
    assert public.work_count == everything.work_count - 1
    assert all(s.visibility == "public" for s in public.summaries())


def test_search_doi_self_finds_records_in_xml_and_json(sandbox: Sandbox) -> None:
    doi = sandbox.seed_result.dois[0].doi
    url = f"{sandbox.base_url}/pub/v3.0/search/"
    response = httpx.get(url, params={"q": f'doi-self:"{doi.upper()}"'})
    assert response.status_code == 200
    assert b"search:search" in response.content and b'num-found="2"' in response.content
    data = httpx.get(
        url, params={"q": f'doi-self:"{doi}"', "rows": "1"}, headers={"Accept": JSON}
    ).json()
    assert data["num-found"] == 2
    assert [r["orcid-identifier"]["path"] for r in data["result"]] == [ORCID]
    empty = httpx.get(url, params={"q": 'doi-self:"10.1/none"'}, headers={"Accept": JSON}).json()
    assert empty == {"result": [], "num-found": 0}


def test_search_by_orcid_and_paging_limits(sandbox: Sandbox) -> None:
    url = f"{sandbox.base_url}/pub/v3.0/search/"
    data = httpx.get(url, params={"q": f"orcid:{ORCID}"}, headers={"Accept": JSON}).json()
    assert data["num-found"] == 1
    assert httpx.get(url, params={"q": "orcid:x", "rows": "1001"}).status_code == 400
    assert httpx.get(url, params={"q": "orcid:x", "start": "10001"}).status_code == 400


def test_search_on_member_api_needs_a_token(sandbox: Sandbox) -> None:
    url = f"{sandbox.base_url}/v3.0/search/"
    assert httpx.get(url, params={"q": f"orcid:{ORCID}"}).status_code == 401
    token = sandbox.issue_token(None, scopes=("/read-public",))
    response = httpx.get(
        url, params={"q": f"orcid:{ORCID}"}, headers={"Authorization": f"Bearer {token}"}
    )
    assert response.status_code == 200 and ORCID.encode() in response.content


def test_a_nearly_full_record_takes_a_last_bulk_quickly(
    sandbox: Sandbox, api: httpx.Client
) -> None:
    scopus = Source(client_id=seeds.SCOPUS_CLIENT_ID)
    for n in range(sandbox.store.count(ORCID), 9_900):
        sandbox.store.add_work(ORCID, new_work(100_000 + n), scopus)
    started = time.perf_counter()
    response = api.post("/works", content=oxml.serialize_bulk([new_work(n) for n in range(100)]))
    assert response.status_code == 200
    assert time.perf_counter() - started < 2.0
    assert sandbox.store.count(ORCID) == 10_000
    response = post_work(api, new_work(100))
    assert (response.status_code, error_of(response).error_code) == (409, 9048)
