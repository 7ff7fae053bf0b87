"""Claim status of DOIs against a record, the claim policy and the claim plan (pure, no server)."""

from __future__ import annotations

from claimdesk.claims.plan import ClaimCandidate, plan_claims
from claimdesk.claims.status import (
    ClaimPolicy,
    ClaimState,
    Decision,
    RecordIndex,
    is_version_relation,
)
from claimdesk.orcid.model import ExternalId, Source, Work, WorkGroup, WorksSummary, WorkSummary

OURS = "APP-CLAIMDESKDEMO001"
RECORD = "0000-0002-1825-0097"


def summary(doi: str, put_code: int, source: Source, relationship: str = "self") -> WorkSummary:
    return WorkSummary(
        put_code=put_code,
        title=f"Work {doi}",
        type="data-set",
        external_ids=(ExternalId("doi", doi, relationship),),
        source=source,
    )


def record(*summaries: WorkSummary) -> WorksSummary:
    return WorksSummary(tuple(WorkGroup(s.external_ids, (s,)) for s in summaries), path=RECORD)


CLAIMDESK = Source(client_id=OURS, name="claimdesk")
CROSSREF = Source(client_id="APP-CROSSREF0000001", name="Crossref")
SCOPUS = Source(client_id="APP-SCOPUS000000001", name="Scopus")
PERSON = Source(orcid=RECORD)


def work(doi: str) -> Work:
    return Work(title=f"Work {doi}", type="data-set", external_ids=(ExternalId("doi", doi),))


def test_status_of_doi_added_by_claimdesk_carries_its_put_code():
    index = RecordIndex.build(record(summary("10.5061/ABC", 11, CLAIMDESK)), OURS)

    status = index.status("https://doi.org/10.5061/abc")

    assert status.state is ClaimState.OURS
    assert status.put_code == 11
    assert status.label == "on record — added by claimdesk (put-code 11)"


def test_status_of_doi_from_other_sources_names_them():
    works = record(
        summary("10.1/x", 1, CROSSREF), summary("10.1/x", 2, SCOPUS), summary("10.1/x", 3, PERSON)
    )
    status = RecordIndex.build(works, OURS).status("10.1/X")

    assert status.state is ClaimState.OTHERS
    assert status.label == "on record from Crossref, Scopus, the researcher"


def test_status_of_unclaimed_doi_is_not_on_record():
    index = RecordIndex.build(record(summary("10.1/x", 1, CROSSREF)), OURS)

    assert index.status("doi:10.1/other").label == "not on record"
    assert index.status("doi:10.1/other").doi == "10.1/other"


def test_version_of_and_part_of_ids_do_not_put_a_doi_on_the_record():
    works = record(
        summary("10.1/concept", 1, CROSSREF, "version-of"),
        summary("10.1/journal", 2, CROSSREF, "part-of"),
    )
    index = RecordIndex.build(works, OURS)

    assert index.status("10.1/concept").state is ClaimState.ABSENT
    assert index.status("10.1/journal").state is ClaimState.ABSENT


def test_ours_wins_over_other_sources_and_keeps_their_names():
    works = record(summary("10.1/x", 1, CROSSREF), summary("10.1/x", 2, CLAIMDESK))
    status = RecordIndex.build(works, OURS).status("10.1/x")

    assert status.state is ClaimState.OURS
    assert status.put_code == 2
    assert status.sources == ("Crossref",)


def test_without_a_client_id_nothing_counts_as_ours():
    status = RecordIndex.build(record(summary("10.1/x", 1, CLAIMDESK)), None).status("10.1/x")

    assert status.state is ClaimState.OTHERS


def test_default_policy_offers_only_dois_no_source_has():
    index = RecordIndex.build(
        record(summary("10.1/ours", 1, CLAIMDESK), summary("10.1/theirs", 2, CROSSREF)), OURS
    )
    policy = ClaimPolicy()

    assert not policy.offers(index.status("10.1/ours"))
    assert not policy.offers(index.status("10.1/theirs"))
    assert policy.offers(index.status("10.1/new"))


def test_policy_can_allow_claimdesks_own_version_next_to_other_sources():
    index = RecordIndex.build(
        record(summary("10.1/ours", 1, CLAIMDESK), summary("10.1/theirs", 2, CROSSREF)), OURS
    )
    policy = ClaimPolicy(allow_own_version=True)

    assert policy.offers(index.status("10.1/theirs"))
    assert not policy.offers(index.status("10.1/ours"))


def test_versions_and_parts_are_flagged_and_skipped_by_default():
    assert is_version_relation(["References", "IsVersionOf"])
    assert is_version_relation(["ispartof"])
    assert not is_version_relation(["IsCitedBy", "HasVersion"])
    index = RecordIndex.build(record(), OURS)
    status = index.status("10.1/v2", is_version=True)

    assert status.is_version
    assert ClaimPolicy().decide(status) == (Decision.SKIP, "a version or part of another DOI")
    assert ClaimPolicy(include_versions=True).offers(status)


def test_plan_sends_unclaimed_and_skips_the_rest_with_reasons():
    works = record(summary("10.1/ours", 1, CLAIMDESK), summary("10.1/theirs", 2, CROSSREF))
    plan = plan_claims(
        [
            ClaimCandidate("10.1/new", work("10.1/new")),
            ClaimCandidate("10.1/ours", work("10.1/ours")),
            ClaimCandidate("10.1/theirs", work("10.1/theirs")),
            ClaimCandidate("10.1/v2", work("10.1/v2"), is_version=True),
            "10.1/unknown",
            ClaimCandidate("https://doi.org/10.1/NEW", work("10.1/new")),
        ],
        works,
        client_id=OURS,
    )

    assert [p.doi for p in plan.to_send] == ["10.1/new"]
    assert {p.doi: p.reason for p in plan.skipped} == {
        "10.1/ours": "already on the record — added by claimdesk",
        "10.1/theirs": "already on the record from Crossref",
        "10.1/v2": "a version or part of another DOI",
        "10.1/unknown": "no metadata found for this DOI",
    }


def test_plan_with_permissive_policy_sends_own_version_and_versions():
    works = record(summary("10.1/theirs", 2, CROSSREF))
    plan = plan_claims(
        [
            ClaimCandidate("10.1/theirs", work("10.1/theirs")),
            ClaimCandidate("10.1/v2", work("10.1/v2"), is_version=True),
        ],
        works,
        ClaimPolicy(allow_own_version=True, include_versions=True),
        client_id=OURS,
    )

    assert [p.doi for p in plan.to_send] == ["10.1/theirs", "10.1/v2"]


def test_marking_many_results_is_a_lookup_each():
    works = record(*(summary(f"10.1/{i}", i, CROSSREF) for i in range(1, 2001)))
    index = RecordIndex.build(works, OURS)
    statuses = index.statuses([f"10.1/{i}" for i in range(1000, 3000)])

    assert sum(s.on_record for s in statuses.values()) == 1001


def test_any_usual_doi_form_finds_the_same_status():
    index = RecordIndex.build(record(summary("10.5061/Dryad.781PV", 5, CLAIMDESK)), OURS)
    forms = [
        "10.5061/dryad.781pv",
        "10.5061/DRYAD.781PV",
        "https://doi.org/10.5061/dryad.781pv",
        "doi:10.5061/dryad.781pv",
        "10.5061/dryad.781pv.",
        " 10.5061/dryad.781pv ",
    ]

    assert {index.status(f).put_code for f in forms} == {5}
    assert {index.status(f).doi for f in forms} == {"10.5061/dryad.781pv"}
