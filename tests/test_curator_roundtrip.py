"""The DOI ↔ ORCID round trip against the sandbox's curator seed, over real sockets."""

from __future__ import annotations

import csv
import io
import json
import math
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from curator_support import SMALL, curator_settings, expected_categories, site_config

from claimdesk.cli import main
from claimdesk.config import Settings
from claimdesk.curator import public_api
from claimdesk.curator.public_api import SEARCH_BATCH
from claimdesk.curator.report import IN_BOTH, MISSING, NOT_IN_METADATA, UNREADABLE
from claimdesk.curator.roundtrip import RoundTripInput, RoundTripProgress, run_roundtrip
from claimdesk.errors import ConfigError
from claimdesk.http_policy import TokenBucket
from claimdesk.orcid.errors import InvalidTokenError
from claimdesk.sandbox import orcid_api
from claimdesk.sandbox.curator_seed import CURATOR_PREFIX, CURATOR_REPOSITORY_ID
from claimdesk.sandbox.seeds import DEMO_ORCID
from claimdesk.sandbox.server import Sandbox

REPOSITORY = RoundTripInput(repository=CURATOR_REPOSITORY_ID)
#: The sandbox has no rate limit unless a test turns it on; ORCID's 24/s would only slow tests.
FAST = {"rate": 1000.0, "burst": 100}


@pytest.fixture
def sb() -> Iterator[Sandbox]:
    with Sandbox(seed="curator", dois=SMALL) as sandbox:
        yield sandbox


@pytest.fixture
def settings(sb: Sandbox) -> Settings:
    return curator_settings(sb)


def orcid_reads(sb: Sandbox) -> list[str]:
    """Paths of the public works reads the sandbox received."""
    return [p for m, p in sb.stats.requests if p.startswith("/pub/v3.0/0") and p.endswith("/works")]


def searches(sb: Sandbox) -> int:
    return sb.stats.count("GET", "/pub/v3.0/search")


def test_roundtrip_puts_every_pair_in_the_right_category(
    sb: Sandbox, settings: Settings, tmp_path: Path
) -> None:
    report = run_roundtrip(settings, REPOSITORY, state_path=tmp_path / "s.sqlite3", **FAST)

    corpus = sb.seed_result.curator
    got = {(r.doi, r.orcid): r.category for r in report.rows}
    assert got == expected_categories(corpus)
    assert {IN_BOTH, MISSING, NOT_IN_METADATA} <= set(got.values())
    assert report.complete
    assert report.summary.dois == SMALL
    assert report.summary.in_both + report.summary.missing + report.summary.not_in_metadata == len(
        got
    )


def test_roundtrip_names_the_sources_that_put_a_doi_on_a_record(
    sb: Sandbox, settings: Settings, tmp_path: Path
) -> None:
    report = run_roundtrip(settings, REPOSITORY, state_path=tmp_path / "s.sqlite3", **FAST)

    listed = sb.seed_result.curator.listed_pairs()
    for row in report.rows:
        assert row.sources == listed.get((row.doi, row.orcid), ())
    assert any(len(r.sources) == 2 for r in report.rows)  # DataCite and the researcher
    assert all(not r.sources for r in report.filter(MISSING))


def test_roundtrip_ignores_an_orcid_id_with_a_wrong_checksum(
    sb: Sandbox, settings: Settings, tmp_path: Path
) -> None:
    corpus = sb.seed_result.curator
    typo = next(n for d in corpus.dois for n in d.names if not n.valid)
    item = next(d for d in corpus.dois if typo in d.names)

    report = run_roundtrip(
        settings, RoundTripInput(doi=item.doi), state_path=tmp_path / "s", **FAST
    )

    assert typo.orcid not in {r.orcid for r in report.rows if r.category != NOT_IN_METADATA}
    assert {r.orcid for r in report.rows if r.category != NOT_IN_METADATA} == set(item.orcids())


def test_roundtrip_reads_each_record_once_and_searches_the_dois_in_batches(
    sb: Sandbox, settings: Settings, tmp_path: Path
) -> None:
    sb.stats.reset()
    report = run_roundtrip(settings, REPOSITORY, state_path=tmp_path / "s.sqlite3", **FAST)

    reads = orcid_reads(sb)
    assert len(reads) == len(set(reads)) == report.summary.orcids
    assert searches(sb) == math.ceil(SMALL / SEARCH_BATCH)
    assert report.requests == len(reads) + searches(sb)


def test_batched_searches_find_the_same_pairs_as_one_search_per_doi(
    sb: Sandbox, settings: Settings, tmp_path: Path
) -> None:
    sb.stats.reset()
    single = run_roundtrip(
        settings, REPOSITORY, state_path=tmp_path / "one", search_batch=1, **FAST
    )
    assert searches(sb) == SMALL
    batched = run_roundtrip(settings, REPOSITORY, state_path=tmp_path / "many", **FAST)

    assert batched.rows == single.rows
    assert batched.summary == single.summary
    # The target: at most one read per iD plus one search per 25 DOIs.
    assert batched.requests <= batched.summary.orcids + SMALL / 25 < single.requests


def test_a_batch_orcid_refuses_as_too_long_is_searched_in_halves(
    sb: Sandbox, settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(orcid_api, "MAX_QUERY_CHARS", 500)  # about 18 quoted DOIs
    expected = run_roundtrip(
        settings, REPOSITORY, state_path=tmp_path / "a", search_batch=1, **FAST
    )
    sb.stats.reset()

    report = run_roundtrip(settings, REPOSITORY, state_path=tmp_path / "b", **FAST)

    assert report.complete and report.rows == expected.rows
    # Each refused batch costs one search and is asked again as two halves.
    assert searches(sb) > 2 * math.ceil(SMALL / SEARCH_BATCH)


def test_search_answers_are_paged_when_a_batch_finds_more_than_a_page(
    sb: Sandbox, settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = run_roundtrip(settings, REPOSITORY, state_path=tmp_path / "a", **FAST)
    monkeypatch.setattr(public_api, "SEARCH_ROWS", 3)
    sb.stats.reset()

    report = run_roundtrip(settings, REPOSITORY, state_path=tmp_path / "b", **FAST)

    assert report.rows == expected.rows
    assert searches(sb) > 2 * math.ceil(SMALL / SEARCH_BATCH)


def test_roundtrip_by_prefix_and_by_doi_list_file_agree(
    sb: Sandbox, settings: Settings, tmp_path: Path
) -> None:
    corpus = sb.seed_result.curator
    listing = tmp_path / "dois.txt"
    listing.write_text(
        "\n".join(f"https://doi.org/{d.doi.upper()}" for d in corpus.dois[:10])
        + "\n10.83001/not-registered\n",
        encoding="utf-8",
    )
    by_prefix = run_roundtrip(
        settings, RoundTripInput(prefix=CURATOR_PREFIX), state_path=tmp_path / "a", **FAST
    )
    by_file = run_roundtrip(
        settings, RoundTripInput.from_file(listing), state_path=tmp_path / "b", **FAST
    )

    first_ten = {d.doi for d in corpus.dois[:10]}
    assert set(by_file.rows) == {r for r in by_prefix.rows if r.doi in first_ten}
    assert by_file.without_metadata == ("10.83001/not-registered",)
    assert by_file.summary.dois_without_metadata == 1


def test_cancelled_roundtrip_resumes_without_asking_again(
    sb: Sandbox, settings: Settings, tmp_path: Path
) -> None:
    state = tmp_path / "state.sqlite3"
    cancel = threading.Event()
    seen: list[RoundTripProgress] = []

    def stop_midway(progress: RoundTripProgress) -> None:
        seen.append(progress)
        if progress.phase == "orcid" and progress.done >= 8:
            cancel.set()

    sb.stats.reset()
    partial = run_roundtrip(
        settings,
        REPOSITORY,
        state_path=state,
        cancel=cancel,
        on_progress=stop_midway,
        workers=2,
        **FAST,
    )
    assert not partial.complete
    first_reads, first_searches = orcid_reads(sb), searches(sb)
    assert 8 <= len(first_reads) + first_searches < partial.summary.orcids

    sb.stats.reset()
    finished = run_roundtrip(settings, REPOSITORY, state_path=state, resume=True, **FAST)

    assert finished.complete
    assert not set(orcid_reads(sb)) & set(first_reads)
    assert len(orcid_reads(sb)) + len(first_reads) == finished.summary.orcids
    assert searches(sb) + first_searches == math.ceil(SMALL / SEARCH_BATCH)
    assert sb.stats.count(path_prefix="/datacite") == 0  # metadata came from the checkpoint
    fresh = run_roundtrip(settings, REPOSITORY, state_path=tmp_path / "fresh.sqlite3", **FAST)
    assert finished.rows == fresh.rows
    assert seen[-1].done < seen[-1].total


def test_resume_refuses_a_checkpoint_of_another_input(settings: Settings, tmp_path: Path) -> None:
    state = tmp_path / "state.sqlite3"
    run_roundtrip(settings, RoundTripInput(prefix=CURATOR_PREFIX), state_path=state, **FAST)

    with pytest.raises(ConfigError, match="holds a run for"):
        run_roundtrip(settings, REPOSITORY, state_path=state, resume=True, **FAST)


def test_roundtrip_stays_within_the_rate_limit(
    sb: Sandbox, settings: Settings, tmp_path: Path
) -> None:
    rate, burst = 20.0, 5
    sb.rate_limiter.rate, sb.rate_limiter.burst = rate, burst
    sb.rate_limit = True  # beyond it the sandbox answers 503, as ORCID does
    sb.stats.reset()

    # a little under the server's limit, so that network jitter does not cost a 503; one
    # search per DOI so that there are enough requests to overrun it if pacing were broken
    report = run_roundtrip(
        settings,
        REPOSITORY,
        state_path=tmp_path / "s",
        rate=rate * 0.8,
        burst=3,
        workers=8,
        search_batch=1,
    )

    assert report.complete and not report.unreadable
    assert sb.stats.busiest(1.0, "/pub/") <= burst + rate
    # nothing was refused and sent again: exactly one request per record and per DOI
    assert sb.stats.count(path_prefix="/pub/") == report.summary.orcids + SMALL


def test_token_bucket_allows_the_burst_then_paces() -> None:
    now = [0.0]
    waits: list[float] = []

    def sleep(seconds: float) -> None:
        waits.append(seconds)
        now[0] += seconds

    bucket = TokenBucket(rate=10, burst=3, clock=lambda: now[0], sleep=sleep)
    for _ in range(5):
        bucket.acquire()

    assert waits == pytest.approx([0.1, 0.1])
    assert now[0] == pytest.approx(0.2)


def test_exports_hold_every_row(sb: Sandbox, settings: Settings, tmp_path: Path) -> None:
    report = run_roundtrip(settings, REPOSITORY, state_path=tmp_path / "s", **FAST)

    rows = list(csv.DictReader(io.StringIO(report.to_csv())))
    data = json.loads(report.to_json())

    assert [(r["doi"], r["orcid"], r["category"]) for r in rows] == [
        (r.doi, r.orcid, r.category) for r in report.rows
    ]
    assert data["summary"]["missing"] == report.summary.missing
    assert len(data["rows"]) == len(report.rows)
    assert data["rows"][0]["sources"] == list(report.rows[0].sources)


def test_cli_roundtrip_prints_counts_and_writes_csv_and_json(
    sb: Sandbox,
    tmp_path: Path,
    home: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("CLAIMDESK_SITE_CONFIG", str(site_config(tmp_path / "site.toml", sb)))
    out_csv, out_json = tmp_path / "r.csv", tmp_path / "r.json"

    code = main(
        ["roundtrip", "--repository", CURATOR_REPOSITORY_ID, "--csv", str(out_csv),
         "--json", str(out_json), "--rate", "1000"]
    )  # fmt: skip

    printed = capsys.readouterr().out
    data = json.loads(out_json.read_text(encoding="utf-8"))
    assert code == 0
    assert f"{MISSING}: {data['summary']['missing']}" in printed
    assert f"{NOT_IN_METADATA}: {data['summary']['not_in_metadata']}" in printed
    assert len(out_csv.read_text(encoding="utf-8").splitlines()) == len(data["rows"]) + 1
    assert (home / "data" / "roundtrip.sqlite3").exists()
    # The CLI streams its exports from the checkpoint; they are the in-memory report's exports.
    report = run_roundtrip(curator_settings(sb), REPOSITORY, state_path=tmp_path / "again", **FAST)
    assert data == json.loads(report.to_json())
    assert out_csv.read_bytes().decode("utf-8") == report.to_csv()


@pytest.mark.parametrize(
    "option,value,words",
    [("--doi", "nonsense", "Not a DOI: 'nonsense'"), ("--prefix", "zenodo", "Not a DOI prefix")],
)
def test_cli_roundtrip_refuses_what_is_not_a_doi_or_prefix(
    sb: Sandbox,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    option: str,
    value: str,
    words: str,
) -> None:
    """Not an empty report that looks like a clean result."""
    monkeypatch.setenv("CLAIMDESK_SITE_CONFIG", str(site_config(tmp_path / "site.toml", sb)))
    assert main(["roundtrip", option, value]) == 1
    captured = capsys.readouterr()
    assert captured.out == "" and words in captured.err


def test_cli_roundtrip_prefix_with_a_trailing_slash_finds_the_dois(
    sb: Sandbox,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("CLAIMDESK_SITE_CONFIG", str(site_config(tmp_path / "site.toml", sb)))
    assert main(["roundtrip", "--prefix", f"{CURATOR_PREFIX}/", "--rate", "1000"]) == 0
    assert "DOIs: 0 " not in capsys.readouterr().out


def test_cli_roundtrip_of_an_unknown_repository_fails_instead_of_reporting_nothing(
    sb: Sandbox,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("CLAIMDESK_SITE_CONFIG", str(site_config(tmp_path / "site.toml", sb)))
    assert main(["roundtrip", "--repository", "nobody.norepo", "--rate", "1000"]) == 1
    assert "No DOIs were found" in capsys.readouterr().err


def test_crossref_orcid_ids_carry_the_authenticated_flag(tmp_path: Path) -> None:
    with Sandbox(seed="demo") as demo:
        crossref = [
            (entry.doi, person.authenticated)
            for entry in demo.corpus.entries
            if entry.agency == "crossref"
            for person in entry.creators
            if person.orcid == DEMO_ORCID and person.orcid_form == "http"
        ]
        wanted = dict(crossref[-2:])  # written as http://orcid.org/…, one of each flag
        assert set(wanted.values()) == {True, False}

        report = run_roundtrip(
            curator_settings(demo),
            RoundTripInput(dois=tuple(wanted)),
            state_path=tmp_path / "s",
            **FAST,
        )

    mine = {r.doi: r for r in report.rows if r.orcid == DEMO_ORCID}
    assert {doi: row.authenticated for doi, row in mine.items()} == wanted
    assert all(row.category in (IN_BOTH, MISSING) for row in mine.values())


def test_unreadable_record_is_reported_and_read_again_on_resume(
    sb: Sandbox, settings: Settings, tmp_path: Path
) -> None:
    state = tmp_path / "state.sqlite3"
    records = sb.seed_result.curator.orcid_records()
    hub = max(records, key=lambda orcid: len(records[orcid]))  # the busiest researcher
    sb.faults.fail_next(500, path_prefix=f"/pub/v3.0/{hub}/works")

    first = run_roundtrip(settings, REPOSITORY, state_path=state, **FAST)

    assert hub in first.unreadable and "500" in first.unreadable[hub]
    assert {r.category for r in first.rows if r.orcid == hub} == {UNREADABLE}
    second = run_roundtrip(settings, REPOSITORY, state_path=state, resume=True, **FAST)
    assert not second.unreadable
    assert expected_categories(sb.seed_result.curator) == {
        (r.doi, r.orcid): r.category for r in second.rows
    }


def test_refused_read_public_token_stops_the_run_and_keeps_the_metadata(
    sb: Sandbox, settings: Settings, tmp_path: Path
) -> None:
    state = tmp_path / "state.sqlite3"

    with pytest.raises(InvalidTokenError):
        run_roundtrip(settings, REPOSITORY, state_path=state, token="revoked-or-unknown", **FAST)

    sb.stats.reset()
    report = run_roundtrip(settings, REPOSITORY, state_path=state, resume=True, **FAST)
    assert report.complete
    assert sb.stats.count(path_prefix="/datacite") == 0
