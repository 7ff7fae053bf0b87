"""The sandbox's records without HTTP: ORCID's grouping, ordering, write rules and the seeds."""

from __future__ import annotations

import pytest

from claimdesk.orcid.ids import normalize_orcid
from claimdesk.orcid.model import ExternalId, PublicationDate, Source, Work
from claimdesk.sandbox import seeds
from claimdesk.sandbox.oauth import Auth
from claimdesk.sandbox.refusals import Refusal
from claimdesk.sandbox.store import Store

ORCID = seeds.DEMO_ORCID
US = Source(client_id=seeds.DEMO_CLIENT_ID, name="claimdesk")
SCOPUS = Source(client_id=seeds.SCOPUS_CLIENT_ID, name="Scopus - Elsevier")
PERSON = Source(orcid=ORCID, name=seeds.DEMO_NAME)


def doi(value: str, relationship: str = "self") -> ExternalId:
    return ExternalId("doi", value, relationship)


def work(title: str = "A work", *ids: ExternalId, year: int | None = 2020, **kw: object) -> Work:
    date = PublicationDate(year) if year else None
    return Work(
        title=title,
        type=str(kw.pop("type", "journal-article")),
        external_ids=ids or (doi(f"10.1/{title}"),),
        publication_date=date,
        **kw,  # type: ignore[arg-type]
    )


@pytest.fixture
def store() -> Store:
    store = Store()
    store.add_researcher(ORCID, seeds.DEMO_NAME)
    return store


def titles(store: Store) -> list[list[str]]:
    return [[s.title for s in g.summaries] for g in store.works(ORCID)]


def refusal(call: object) -> tuple[int | None, int | None, str]:
    with pytest.raises(Refusal) as info:
        call()  # type: ignore[operator]
    body = info.value.body
    return body.status, body.error_code, body.developer_message or ""


# -- grouping -------------------------------------------------------------------------------------


def test_works_sharing_a_doi_group_even_when_written_differently(store: Store) -> None:
    store.add_work(ORCID, work("a", doi("10.1/ABC")), US)
    store.add_work(ORCID, work("b", doi("https://doi.org/10.1/abc")), SCOPUS)
    store.add_work(ORCID, work("c", doi("10.1/other")), SCOPUS)
    groups = store.works(ORCID).groups
    assert sorted(len(g.summaries) for g in groups) == [1, 2]
    shared = next(g for g in groups if len(g.summaries) == 2)
    assert [e.key for e in shared.external_ids] == [("doi", "10.1/abc")]


def test_grouping_is_transitive_through_version_of(store: Store) -> None:
    arxiv = ExternalId("arxiv", "2101.00001", "self")
    store.add_work(ORCID, work("preprint", arxiv), PERSON, 0)
    store.add_work(
        ORCID, work("journal", doi("10.1/j"), ExternalId("arxiv", "2101.00001", "version-of")), US
    )
    store.add_work(ORCID, work("scopus", doi("10.1/J")), SCOPUS)
    assert len(store.works(ORCID)) == 1
    assert store.works(ORCID).work_count == 3


def test_transitive_merge_joins_groups_formed_earlier(store: Store) -> None:
    store.add_work(ORCID, work("x", doi("10.1/x")), US)
    store.add_work(ORCID, work("y", doi("10.1/y")), SCOPUS)
    assert len(store.works(ORCID)) == 2
    store.add_work(ORCID, work("bridge", doi("10.1/x"), doi("10.1/y", "version-of")), PERSON)
    assert len(store.works(ORCID)) == 1


def test_part_of_issn_and_funded_by_never_group(store: Store) -> None:
    issn = ExternalId("issn", "0264-3561", "part-of")
    grant = ExternalId("grant-number", "G-1", "funded-by")
    store.add_work(ORCID, work("one", doi("10.1/one"), issn, grant), US)
    store.add_work(ORCID, work("two", doi("10.1/two"), issn, grant), SCOPUS)
    store.add_work(ORCID, work("three", ExternalId("eid", "2-s2.0-1", "self"), issn), SCOPUS)
    assert len(store.works(ORCID)) == 3


def test_works_without_ids_stay_alone(store: Store) -> None:
    store.add_work(ORCID, Work(title="typed in", type="other"), PERSON, 0)
    store.add_work(ORCID, Work(title="typed in", type="other"), PERSON, 0)
    assert len(store.works(ORCID)) == 2


def test_preferred_version_has_highest_display_index_not_first_created(store: Store) -> None:
    first = store.add_work(
        ORCID, work("t", doi("10.1/t")), US, 1, created="2020-01-01T00:00:00.000Z"
    )
    store.add_work(ORCID, work("t", doi("10.1/t")), PERSON, 0, created="2019-01-01T00:00:00.000Z")
    chosen = store.add_work(
        ORCID, work("t", doi("10.1/t")), SCOPUS, 1, created="2021-01-01T00:00:00.000Z"
    )
    group = store.works(ORCID).groups[0]
    # Same display index: older first; the user's 0 goes last.
    assert [s.put_code for s in group.summaries][:2] == [first, chosen]
    assert group.summaries[-1].display_index == 0
    store.make_preferred(ORCID, chosen)
    group = store.works(ORCID).groups[0]
    assert group.preferred.put_code == chosen == group.summaries[0].put_code


def test_groups_are_newest_first_then_by_title_with_undated_last(store: Store) -> None:
    store.add_work(ORCID, work("old", year=2001), US)
    store.add_work(ORCID, work("undated", year=None), US)
    store.add_work(ORCID, work("b new", year=2020), US)
    store.add_work(ORCID, work("a new", year=2020), US)
    store.add_work(ORCID, work("another undated", year=None), US)
    store.add_work(
        ORCID,
        Work(
            title="month",
            type="book",
            external_ids=(doi("10.1/m"),),
            publication_date=PublicationDate(2020, 5),
        ),
        US,
    )
    order = [g.summaries[0].title for g in store.works(ORCID)]
    assert order[:4] == ["month", "a new", "b new", "old"]
    assert order[4:] == ["another undated", "undated"]


def test_stored_works_get_put_code_path_dates_and_normalized_ids(store: Store) -> None:
    put_code = store.add_work(ORCID, work("n", doi("https://doi.org/10.1/N")), US)
    stored = store.get_work(ORCID, put_code)
    assert stored is not None
    assert stored.path == f"/{ORCID}/work/{put_code}"
    assert stored.external_ids[0].normalized == "10.1/n"
    assert stored.created and stored.created.endswith("Z") and len(stored.created) == 24
    assert stored.source == US


# -- write rules ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("bad", "code"),
    [
        (Work(put_code=5, title="t", type="book", external_ids=(doi("10.1/a"),)), 9024),
        (Work(title="  ", type="book", external_ids=(doi("10.1/a"),)), 9022),
        (Work(title="t", type="journal-articel", external_ids=(doi("10.1/a"),)), 9037),
        (Work(title="t", type="book"), 9023),
        (Work(title="t", type="book", external_ids=(doi("10.1/a", "part-of"),)), 9023),
        (Work(title="t", type="book", external_ids=(ExternalId("nonsense", "1"),)), 9023),
        (Work(title="t", type="book", external_ids=(doi(" "),)), 9023),
    ],
)
def test_create_work_rejects_what_orcid_rejects(store: Store, bad: Work, code: int) -> None:
    status, error_code, _ = refusal(lambda: store.create_work(ORCID, bad, US))
    assert (status, error_code) == (400, code)
    assert store.count(ORCID) == 0


def test_api_writes_get_display_index_one(store: Store) -> None:
    put_code = store.create_work(ORCID, work("api"), US)
    summary = store.get_summary(ORCID, put_code)
    assert summary is not None and summary.display_index == 1


def test_duplicate_self_id_from_same_source_is_409_naming_put_code(store: Store) -> None:
    first = store.create_work(ORCID, work("a", doi("10.1/dup")), US)
    status, code, message = refusal(
        lambda: store.create_work(ORCID, work("b", doi("https://doi.org/10.1/DUP")), US)
    )
    assert (status, code) == (409, 9021)
    assert message == (
        "409 Conflict: You have already added this activity (matched by external identifiers), "
        f"please see element with put-code {first}. If you are trying to edit the item, please "
        "use PUT instead of POST."
    )


def test_same_id_from_another_source_or_as_part_of_is_allowed(store: Store) -> None:
    store.create_work(ORCID, work("a", doi("10.1/shared")), SCOPUS)
    store.create_work(ORCID, work("b", doi("10.1/shared")), US)
    store.create_work(ORCID, work("c", doi("10.1/other"), doi("10.1/shared", "version-of")), US)
    assert store.count(ORCID) == 3
    assert len(store.works(ORCID)) == 1


def test_bulk_reports_duplicates_within_the_same_bulk(store: Store) -> None:
    results = store.create_works(
        ORCID, [work("a", doi("10.1/a")), work("t", type="bad"), work("b", doi("10.1/A"))], US
    )
    assert isinstance(results[0], Work)
    assert getattr(results[1], "error_code", None) == 9037
    assert getattr(results[2], "error_code", None) == 9021
    assert str(results[0].put_code) in (getattr(results[2], "developer_message", "") or "")
    assert store.count(ORCID) == 1


def test_bulk_over_100_is_refused_whole(store: Store) -> None:
    status, code, _ = refusal(
        lambda: store.create_works(ORCID, [work(f"w{i}") for i in range(101)], US)
    )
    assert (status, code) == (400, 9006)
    assert store.count(ORCID) == 0


def test_record_full_at_max_works_is_409_9048(store: Store) -> None:
    store.max_works = 3
    store.create_works(ORCID, [work(f"w{i}") for i in range(2)], US)
    assert refusal(lambda: store.create_works(ORCID, [work("x"), work("y")], US))[:2] == (409, 9048)
    store.create_work(ORCID, work("last"), US)
    assert refusal(lambda: store.create_work(ORCID, work("over"), US))[:2] == (409, 9048)


def test_update_rules(store: Store) -> None:
    mine = store.create_work(ORCID, work("mine", doi("10.1/mine")), US)
    theirs = store.add_work(ORCID, work("theirs", doi("10.1/theirs")), SCOPUS)
    other = store.create_work(ORCID, work("other", doi("10.1/other")), US)
    update = Work(put_code=mine, title="renamed", type="book", external_ids=(doi("10.1/mine"),))
    assert refusal(lambda: store.update_work(ORCID, mine + 1000, update, US))[:2] == (404, 9016)
    assert refusal(lambda: store.update_work(ORCID, other, update, US))[:2] == (400, 9019)
    theirs_update = Work(put_code=theirs, title="x", type="book", external_ids=(doi("10.1/t"),))
    assert refusal(lambda: store.update_work(ORCID, theirs, theirs_update, US))[:2] == (403, 9010)
    clash = Work(put_code=mine, title="x", type="book", external_ids=(doi("10.1/other"),))
    assert refusal(lambda: store.update_work(ORCID, mine, clash, US))[:2] == (409, 9021)
    updated = store.update_work(ORCID, mine, update, US)
    assert updated.title == "renamed" and updated.source == US and updated.put_code == mine


def test_delete_only_by_source(store: Store) -> None:
    theirs = store.add_work(ORCID, work("theirs"), SCOPUS)
    assert refusal(lambda: store.remove_work(ORCID, theirs, US))[:2] == (403, 9010)
    store.remove_work(ORCID, theirs, SCOPUS)
    assert refusal(lambda: store.remove_work(ORCID, theirs, SCOPUS))[:2] == (404, 9016)


# -- seeds ----------------------------------------------------------------------------------------


def demo() -> tuple[Store, Auth, seeds.SeedResult]:
    store, auth = Store(), Auth()
    return store, auth, seeds.seed(store, auth, "demo")


def test_demo_seed_is_deterministic() -> None:
    first, second = demo(), demo()
    assert first[2] == second[2]
    assert first[0].works(ORCID) == second[0].works(ORCID)


def test_demo_record_has_works_from_every_kind_of_source() -> None:
    store, _, result = demo()
    summaries = list(store.works(ORCID).summaries())
    assert 30 <= len(summaries) <= 45
    client_ids = {s.source.client_id for s in summaries if s.source}
    assert {
        seeds.DEMO_CLIENT_ID,
        seeds.CROSSREF_CLIENT_ID,
        seeds.SCOPUS_CLIENT_ID,
        seeds.SEARCH_LINK_CLIENT_ID,
    } <= client_ids
    assert any(s.source and s.source.orcid == ORCID and s.display_index == 0 for s in summaries)
    assert any(s.source and s.source.has_assertion_origin for s in summaries)
    assert any(s.publication_date is None for s in summaries)
    assert any(s.journal_title is None and s.type == "journal-article" for s in summaries)
    assert any(s.visibility == "limited" for s in summaries)
    assert result.dois and all(d.doi == d.doi.lower() for d in result.dois)
    assert {d.registry for d in result.dois} == {"crossref", "datacite"}
    assert set(store.dois(ORCID)) <= {d.doi for d in result.dois}


def test_demo_has_multi_version_groups_whose_preferred_is_not_first_created() -> None:
    store, _, _ = demo()
    multi = [g for g in store.works(ORCID) if len(g.summaries) > 1]
    assert len(multi) >= 3
    surprising = [
        g
        for g in multi
        if g.preferred.created != min(s.created or "" for s in g.summaries)
        and g.preferred.display_index > 1
    ]
    assert surprising


def test_demo_works_sharing_only_an_issn_are_separate_groups() -> None:
    store, _, _ = demo()
    by_issn: dict[str, int] = {}
    for group in store.works(ORCID):
        issns = {e.key[1] for s in group.summaries for e in s.external_ids if e.type == "issn"}
        for issn in issns:
            by_issn[issn] = by_issn.get(issn, 0) + 1
    assert max(by_issn.values()) >= 3


def test_every_seed_registers_clients_and_researchers_with_valid_ids() -> None:
    for name in seeds.SEEDS:
        store, auth = Store(), Auth()
        result = seeds.seed(store, auth, name)
        assert seeds.DEMO_CLIENT_ID in auth.clients
        assert len([c for c in auth.clients.values() if c.member]) >= 3
        assert auth.clients[seeds.DEMO_CLIENT_ID].redirect_uris == seeds.DEMO_REDIRECT_URIS
        assert len(result.researchers) >= 3
        assert all(normalize_orcid(orcid) == orcid for orcid, _ in result.researchers)
    empty = Store()
    seeds.seed(empty, Auth(), "empty")
    assert all(empty.count(r.orcid) == 0 for r in empty.researchers())
    demo_store, _, _ = demo()
    assert any(demo_store.count(r.orcid) == 0 for r in demo_store.researchers())


def test_unknown_seed_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown seed"):
        seeds.seed(Store(), Auth(), "nonsense")
