"""The curator seed: a repository-scale corpus, generated fast, shaped like a real repository."""

from __future__ import annotations

import time
from collections import Counter

import httpx

from claimdesk.orcid.ids import normalize_orcid
from claimdesk.sandbox.curator_seed import build_curator_corpus
from claimdesk.sandbox.server import Sandbox
from claimdesk.sources.datacite import parse_response


def test_ten_thousand_dois_are_generated_in_well_under_two_seconds() -> None:
    # CPU time of this process: on a shared machine the wall clock measures the neighbours.
    started = time.process_time()
    corpus = build_curator_corpus(10_000)
    elapsed = time.process_time() - started

    assert elapsed < 2.0
    assert len(corpus.dois) == 10_000
    assert len(corpus.people) == 2_500


def test_a_few_ids_sit_on_many_dois_and_every_id_on_at_least_one() -> None:
    corpus = build_curator_corpus(10_000)

    per_id = Counter(orcid for _doi, orcid in corpus.metadata_pairs())

    assert set(per_id) == set(corpus.people)
    top = [count for _orcid, count in per_id.most_common(10)]
    assert top[0] > 200 and sum(top) > 0.1 * sum(per_id.values())
    assert sum(1 for count in per_id.values() if count <= 2) > len(per_id) / 4


def test_corpus_holds_every_situation_a_round_trip_must_tell_apart() -> None:
    corpus = build_curator_corpus(400)
    named, listed = corpus.metadata_pairs(), corpus.listed_pairs()

    assert named & listed.keys()  # in metadata and on ORCID
    assert named - listed.keys()  # missing on ORCID
    assert listed.keys() - named  # on ORCID but not in metadata
    assert any(d.version_of for d in corpus.dois)
    assert any(not n.valid for d in corpus.dois for n in d.names)
    assert {n.form for d in corpus.dois for n in d.names if n.orcid} == {"https", "http", "bare"}
    assert any(n.role == "contributor" and n.orcid for d in corpus.dois for n in d.names)
    assert all(normalize_orcid(o) == o for o in corpus.people)


def test_sandbox_serves_the_repository_as_datacite_does() -> None:
    with Sandbox(seed="curator", dois=50) as sb:
        corpus = sb.seed_result.curator
        body = httpx.get(
            f"{sb.endpoints.datacite}/dois",
            params={"client-id": corpus.repository_id, "page[size]": "100"},
        ).json()

    records = {r.doi: r for r in parse_response(body)}
    assert set(records) == {d.doi for d in corpus.dois}
    for item in corpus.dois:
        assert records[item.doi].orcids() == set(item.orcids())
        assert records[item.doi].is_version_or_part == bool(item.version_of)
