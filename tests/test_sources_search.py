"""Searching DataCite and Crossref at once, against the sandbox over real HTTP."""

from __future__ import annotations

import threading
from typing import Any

import pytest

from claimdesk.config import Settings
from claimdesk.errors import SourceError
from claimdesk.sandbox.seeds import DEMO_ORCID
from claimdesk.sources.crossref import CrossrefClient
from claimdesk.sources.datacite import DataCiteClient, name_query, orcid_query
from claimdesk.sources.records import DoiRecord
from claimdesk.sources.search import SearchQuery, merge, search


def settings_for(sandbox: Any, timeout: float = 5.0) -> Settings:
    return Settings(endpoints=sandbox.endpoints, mailto="tests@example.org", timeout=timeout)


def test_orcid_search_finds_the_researchers_dois_in_both_services(sandbox: Any) -> None:
    corpus = sandbox.corpus
    result = search(settings_for(sandbox), SearchQuery("orcid", DEMO_ORCID))
    assert result.ok
    found = {r.doi for r in result.records}
    assert found == set(corpus.dois_of(DEMO_ORCID))
    assert result.counts["datacite"] == len(corpus.dois_of(DEMO_ORCID, "datacite"))
    assert result.counts["crossref"] == len(corpus.dois_of(DEMO_ORCID, "crossref"))
    # some of them are on his record already, some are not
    on_record = set(sandbox.store.dois(DEMO_ORCID))
    assert found & on_record and found - on_record
    assert all(r.names_orcid(DEMO_ORCID) for r in result.records)


def test_orcid_search_finds_dois_where_the_orcid_is_only_a_contributor(sandbox: Any) -> None:
    with DataCiteClient(settings_for(sandbox)) as client:
        records = client.search(orcid=DEMO_ORCID)
    contributor_only = [
        r
        for r in records
        if not any(p.orcid == DEMO_ORCID for p in r.creators) and r.names_orcid(DEMO_ORCID)
    ]
    assert contributor_only
    assert contributor_only[0].contributors[0].roles == ("DataCurator",)


def test_datacite_orcid_search_uses_the_commons_query_form() -> None:
    assert orcid_query(DEMO_ORCID) == (
        "creators_and_contributors.nameIdentifiers.nameIdentifier:"
        '(0000-0002-1825-0097 OR "https://orcid.org/0000-0002-1825-0097")'
    )
    assert name_query("Carberry, Josiah") == name_query("Josiah Carberry")


def test_datacite_cursor_paging_follows_links_next(sandbox: Any) -> None:
    sandbox.stats.reset()
    pages: list[tuple[int, int | None]] = []
    with DataCiteClient(settings_for(sandbox)) as client:
        everything = client.search(orcid=DEMO_ORCID)
        paged = client.search(
            orcid=DEMO_ORCID, page_size=4, on_page=lambda n, t: pages.append((n, t))
        )
    assert [r.doi for r in paged] == [r.doi for r in everything]
    total = len(everything)
    assert len(pages) == -(-total // 4)
    assert pages[-1] == (total, total)
    requests = [path for method, path in sandbox.stats.requests if path.startswith("/datacite")]
    assert len(requests) == 1 + len(pages)


def test_crossref_cursor_paging_stops_on_a_short_page(sandbox: Any) -> None:
    with CrossrefClient(settings_for(sandbox)) as client:
        everything = client.search(orcid=DEMO_ORCID)
        sandbox.stats.reset()
        paged = client.search(orcid=DEMO_ORCID, rows=5)
    assert [r.doi for r in paged] == [r.doi for r in everything]
    assert sandbox.stats.count(path_prefix="/crossref") == len(everything) // 5 + 1


def test_max_results_stops_paging(sandbox: Any) -> None:
    sandbox.stats.reset()
    result = search(settings_for(sandbox), SearchQuery("orcid", DEMO_ORCID, max_results=3))
    assert result.counts == {"datacite": 3, "crossref": 3}
    assert sandbox.stats.count(path_prefix="/datacite") == 1


def test_name_search_finds_works_that_name_him_without_an_orcid(sandbox: Any) -> None:
    result = search(settings_for(sandbox), SearchQuery("name", "Carberry, Josiah"))
    assert result.ok
    without_id = [r for r in result.records if not r.names_orcid(DEMO_ORCID)]
    assert {r.source for r in without_id} == {"datacite", "crossref"}
    by_orcid = search(settings_for(sandbox), SearchQuery("orcid", DEMO_ORCID))
    assert {r.doi for r in by_orcid.records} <= {r.doi for r in result.records}


def test_repository_search_is_datacite_only(sandbox: Any) -> None:
    result = search(settings_for(sandbox), SearchQuery("client", "BROWN.BDR"))
    assert result.ok and set(result.counts) == {"datacite"}
    assert result.records and {r.client_id for r in result.records} == {"brown.bdr"}
    assert {r.client_name for r in result.records} == {"Brown Digital Repository"}


def test_free_query_searches_both(sandbox: Any) -> None:
    result = search(settings_for(sandbox), SearchQuery("query", "glaze spectra Providence"))
    assert result.ok
    titles = [r.title for r in result.records]
    assert "Glaze spectra from the Providence kiln, 2019 season" in titles


def test_versions_and_parts_are_flagged(sandbox: Any) -> None:
    result = search(settings_for(sandbox), SearchQuery("orcid", DEMO_ORCID))
    flagged = {r.title for r in result.records if r.is_version_or_part}
    assert "kilnlog: firing-log analysis" in flagged  # the versions…
    concept = [
        r
        for r in result.records
        if r.title == "kilnlog: firing-log analysis" and not r.is_version_or_part
    ]
    assert len(concept) == 1  # …but not the concept DOI that points at itself
    assert "The Carberry shard collection: box 7" in flagged


@pytest.mark.parametrize("failing", ["/datacite", "/crossref"])
def test_one_service_failing_with_500_keeps_the_others_results(sandbox: Any, failing: str) -> None:
    sandbox.faults.fail_next(500, count=5, path_prefix=failing)
    result = search(settings_for(sandbox), SearchQuery("orcid", DEMO_ORCID))
    broken, working = (
        ("datacite", "crossref") if failing == "/datacite" else ("crossref", "datacite")
    )
    assert set(result.errors) == {broken}
    assert "server error (HTTP 500)" in str(result.errors[broken])
    assert result.records and {r.source for r in result.records} == {working}


def test_an_html_page_instead_of_json_is_a_clear_error(sandbox: Any) -> None:
    sandbox.faults.malformed_next(count=1, kind="html", path_prefix="/crossref")
    result = search(settings_for(sandbox), SearchQuery("orcid", DEMO_ORCID))
    assert "an HTML page titled '502 Bad Gateway' instead of JSON" in str(result.errors["crossref"])
    assert result.counts["datacite"] > 0


def test_truncated_json_is_a_clear_error(sandbox: Any) -> None:
    sandbox.faults.malformed_next(count=1, kind="truncated", path_prefix="/datacite")
    result = search(settings_for(sandbox), SearchQuery("orcid", DEMO_ORCID))
    assert "DataCite: invalid JSON" in str(result.errors["datacite"])
    assert result.counts["crossref"] > 0


def test_rate_limit_429_waits_for_retry_after_then_succeeds(sandbox: Any) -> None:
    sandbox.faults.fail_next(429, count=1, retry_after=0.2, path_prefix="/crossref")
    with CrossrefClient(settings_for(sandbox)) as client:
        records = client.search(orcid=DEMO_ORCID)
    assert records


def test_rate_limit_that_persists_is_reported_with_when_to_retry(sandbox: Any) -> None:
    sandbox.faults.fail_next(429, count=10, retry_after=0.05, path_prefix="/crossref")
    with CrossrefClient(settings_for(sandbox)) as client, pytest.raises(SourceError) as caught:
        client.search(orcid=DEMO_ORCID)
    assert "too many requests (HTTP 429)" in str(caught.value)
    assert "try again in 0.05 s" in str(caught.value)


def test_timeout_is_a_clear_error(sandbox: Any) -> None:
    sandbox.faults.latency = 1.0
    result = search(settings_for(sandbox, timeout=0.2), SearchQuery("orcid", DEMO_ORCID))
    assert set(result.errors) == {"datacite", "crossref"}
    assert "no answer within 0.2 s" in str(result.errors["datacite"])


def test_unreachable_service_is_a_clear_error() -> None:
    from claimdesk.config import local_endpoints

    settings = Settings(endpoints=local_endpoints("http://127.0.0.1:9"), timeout=2)
    result = search(settings, SearchQuery("orcid", DEMO_ORCID))
    assert "cannot connect" in str(result.errors["crossref"])
    assert "ConnectError" not in str(result.errors["crossref"])  # words, not httpx's class names


def test_crossref_rate_limit_headers_pace_requests(sandbox: Any) -> None:
    with CrossrefClient(settings_for(sandbox)) as client:
        client.search(orcid=DEMO_ORCID, max_results=1)
        paced = client.transport._http._transport  # the Crossref policy's transport
        assert paced.bucket.rate == pytest.approx(50)


def test_mailto_is_sent_for_the_polite_pool(sandbox: Any) -> None:
    import httpx

    seen: list[httpx.Request] = []
    with httpx.Client(event_hooks={"request": [seen.append]}) as http:
        search(settings_for(sandbox), SearchQuery("orcid", DEMO_ORCID, max_results=1), http=http)
    crossref = [r for r in seen if "/crossref/" in r.url.path]
    assert crossref and all(r.url.params["mailto"] == "tests@example.org" for r in crossref)
    assert all("mailto:tests@example.org" in r.headers["User-Agent"] for r in seen)


def test_cancel_stops_after_the_page_in_flight(sandbox: Any) -> None:
    cancel = threading.Event()
    seen: list[str] = []

    def progress(source: str, fetched: int, total: int | None) -> None:
        seen.append(source)
        cancel.set()

    with DataCiteClient(settings_for(sandbox)) as client:
        records = client.search(
            orcid=DEMO_ORCID,
            page_size=2,
            cancel=cancel,
            on_page=lambda n, t: progress("datacite", n, t),
        )
    assert len(records) == 2 and seen == ["datacite"]
    result = search(settings_for(sandbox), SearchQuery("orcid", DEMO_ORCID), cancel=cancel)
    assert result.cancelled and not result.records


def test_merge_keeps_the_registration_agencys_own_metadata() -> None:
    from_datacite = DoiRecord(
        doi="10.5555/x", agency="crossref", source="datacite", title="short", found_in=("datacite",)
    )
    from_crossref = DoiRecord(
        doi="10.5555/x", agency="crossref", source="crossref", title="full", found_in=("crossref",)
    )
    other = DoiRecord(
        doi="10.80555/y", agency="datacite", source="datacite", found_in=("datacite",)
    )
    merged = merge([[from_datacite, other], [from_crossref]])
    assert [r.doi for r in merged] == ["10.5555/x", "10.80555/y"]
    assert merged[0].title == "full" and merged[0].found_in == ("crossref", "datacite")
