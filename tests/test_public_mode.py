"""Public mode: any record's public works without signing in, what is missing from it, and the
two ways a researcher without member credentials can add works (ORCID's BibTeX import, DataCite
Commons) — against the sandbox's Public API, anonymous and with a /read-public token."""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime

import httpx
import pytest

from claimdesk.cli import main
from claimdesk.config import Settings, local_endpoints
from claimdesk.errors import ConfigError
from claimdesk.orcid.errors import DailyQuotaError, OrcidApiError
from claimdesk.sandbox.seeds import DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, DEMO_ORCID
from claimdesk.sandbox.server import Sandbox
from claimdesk.sources.doilist import parse_doi_list
from claimdesk.workflows.claim_elsewhere import (
    SOURCE_NOTES,
    commons_claim_url,
    orcid_works_page,
    plan_import,
)
from claimdesk.workflows.public_record import (
    PublicReader,
    allowance_text,
    find_missing,
    until_quota_resets,
)

bibtexparser = pytest.importorskip("bibtexparser")


def anonymous_settings(sandbox: Sandbox) -> Settings:
    """Settings with no ORCID client: what a researcher without credentials has."""
    return Settings(local_endpoints(sandbox.base_url), timeout=10)


def client_settings(sandbox: Sandbox) -> Settings:
    return Settings(
        local_endpoints(sandbox.base_url),
        client_id=DEMO_CLIENT_ID,
        client_secret=DEMO_CLIENT_SECRET,
        timeout=10,
    )


def test_public_read_is_anonymous_without_a_client_and_lists_only_public_works(sandbox):
    with PublicReader(anonymous_settings(sandbox)) as reader:
        public = reader.read(f"https://orcid.org/{DEMO_ORCID}")

    assert public.anonymous and reader.why_anonymous == "no ORCID client is configured"
    assert public.orcid == DEMO_ORCID and public.url.endswith(f"/{DEMO_ORCID}")
    visibilities = {s.visibility for s in public.works.summaries()}
    assert visibilities <= {None, "public"}
    full = sandbox.store.works(DEMO_ORCID)
    hidden = [s for s in full.summaries() if s.visibility not in (None, "public")]
    assert hidden, "the demo record keeps one work limited"
    assert public.works.work_count == full.work_count - len(hidden)
    # Grouped with sources, display indexes and a preferred version, as ORCID groups them.
    several = [g for g in public.works if len(g.summaries) > 1]
    assert several and all(g.preferred in g.summaries for g in several)
    assert {s.source.name for g in several for s in g.summaries if s.source} >= {"Crossref"}
    # No Authorization header was sent.
    assert ("GET", f"/pub/v3.0/{DEMO_ORCID}/works") in sandbox.stats.requests


def test_public_read_uses_a_read_public_token_when_a_client_is_configured(sandbox):
    with PublicReader(client_settings(sandbox)) as reader:
        public = reader.read(DEMO_ORCID)
        text = allowance_text(reader)

    assert not public.anonymous and reader.why_anonymous is None
    assert ("POST", "/oauth/token") in sandbox.stats.requests
    assert "40,000" in text and "1 public read so far" in text


def test_public_read_falls_back_to_anonymous_when_the_secret_is_wrong(sandbox):
    settings = Settings(
        local_endpoints(sandbox.base_url), client_id=DEMO_CLIENT_ID, client_secret="wrong"
    )
    with PublicReader(settings) as reader:
        public = reader.read(DEMO_ORCID)

    assert public.anonymous and "no /read-public token" in (reader.why_anonymous or "")
    assert len(public.works) > 0


def test_public_read_refuses_what_is_not_an_orcid_id_before_any_request(sandbox):
    with PublicReader(anonymous_settings(sandbox)) as reader, pytest.raises(ConfigError) as err:
        reader.read("0000-0002-1825-0098")  # wrong checksum
    assert "is not an ORCID iD" in str(err.value)
    assert not [p for _, p in sandbox.stats.requests if p.startswith("/pub/")]


def test_public_read_of_an_unknown_record_says_so(sandbox):
    with PublicReader(anonymous_settings(sandbox)) as reader, pytest.raises(OrcidApiError) as err:
        reader.read("0000-0001-5109-3700")
    assert err.value.status == 404 and "not found" in str(err.value)


def test_anonymous_daily_quota_is_answered_in_words_without_retrying(sandbox):
    sandbox.public_limits.quota.limit = 2
    with PublicReader(anonymous_settings(sandbox)) as reader:
        reader.read(DEMO_ORCID)
        reader.read(DEMO_ORCID)
        started = time.monotonic()
        with pytest.raises(DailyQuotaError) as err:
            reader.read(DEMO_ORCID)

    assert time.monotonic() - started < 2, "a used-up daily quota is not retried"
    message = str(err.value)
    assert "10,000 anonymous reads a day" in message and "after midnight UTC" in message
    assert "registering-a-public-api-client" in (err.value.more_info or "")
    # A /read-public token is not counted against the anonymous quota.
    with PublicReader(client_settings(sandbox)) as reader:
        assert len(reader.read(DEMO_ORCID).works) > 0


def test_sandbox_public_api_answers_the_quota_as_orcid_does(sandbox):
    sandbox.public_limits.quota.limit = 1
    url = f"{sandbox.base_url}/pub/v3.0/{DEMO_ORCID}/works"
    with httpx.Client() as http:
        assert http.get(url).status_code == 200
        refused = http.get(url)
        member = http.get(f"{sandbox.base_url}/v3.0/{DEMO_ORCID}/works")
    assert refused.status_code == 429 and "retry-after" not in refused.headers
    assert "daily quota for anonymous usage" in refused.text
    assert member.status_code == 401, "the Member API still needs a token, quota or not"


def test_sandbox_public_api_paces_at_twelve_a_second_with_a_burst_of_forty(sandbox):
    pace = sandbox.public_limits.pace
    assert (pace.rate, pace.burst) == (12.0, 40)
    sandbox.rate_limit = True
    pace.rate = 0.001  # no refill during the test, however slow the machine: the burst decides
    url = f"{sandbox.base_url}/pub/v3.0/{DEMO_ORCID}/works"
    with httpx.Client() as http:
        statuses = [http.get(url).status_code for _ in range(42)]
        member = http.get(
            f"{sandbox.base_url}/v3.0/{DEMO_ORCID}/works",
            headers={"Authorization": f"Bearer {sandbox.issue_token(DEMO_ORCID)}"},
        )
    assert statuses[:40] == [200] * 40 and statuses[40:] == [503, 503]
    assert member.status_code == 200, "the Member API has its own bucket"


def test_public_reader_stays_within_the_public_pace(sandbox):
    """With the sandbox enforcing 12/s burst 40, 50 reads in a row meet no 503."""
    sandbox.rate_limit = True
    with PublicReader(anonymous_settings(sandbox)) as reader:
        for _ in range(50):
            reader.read(DEMO_ORCID)
    sent = [t for t in sandbox.stats.requests if t[1].startswith("/pub/")]
    assert len(sent) == 50, "every read went through on its first try"


def test_until_quota_resets_counts_to_midnight_utc():
    assert until_quota_resets(datetime(2026, 1, 1, 23, 30, tzinfo=UTC)) == "in about 30 minutes"
    assert until_quota_resets(datetime(2026, 1, 1, 19, 0, tzinfo=UTC)) == "in about 5 hours"


def test_find_missing_marks_dois_against_the_public_works(sandbox):
    settings = anonymous_settings(sandbox)
    with PublicReader(settings) as reader:
        public = reader.read(DEMO_ORCID)
    missing = find_missing(settings, public)

    states = {row.status.state.value for row in missing.rows}
    assert {"others", "absent"} <= states
    assert missing.unclaimed and missing.versions_left_out
    assert all(not r.is_version_or_part for r in missing.unclaimed)
    on_public = {d for g in public.works for d in g.dois()}
    assert not {r.doi for r in missing.unclaimed} & on_public


def test_orcid_import_bibtex_parses_back_with_every_doi_and_author(sandbox):
    settings = anonymous_settings(sandbox)
    with PublicReader(settings) as reader:
        public = reader.read(DEMO_ORCID)
    unclaimed = find_missing(settings, public).unclaimed
    plan = plan_import(unclaimed)

    library = bibtexparser.parse_string(plan.bibtex)
    assert not library.failed_blocks
    entries = library.entries
    assert len(entries) == plan.count == len(unclaimed)
    assert {e.fields_dict["doi"].value for e in entries} == {r.doi for r in unclaimed}
    for entry in entries:
        assert entry.fields_dict["title"].value
        assert "author" in entry.fields_dict, "ORCID's importer reads the authors"
    assert set(parse_doi_list(plan.bibtex).dois) == {r.doi for r in unclaimed}
    datacite = {r.doi for r in unclaimed if r.agency == "datacite"}
    assert {doi for doi, _ in plan.commons} == datacite
    for doi, url in plan.commons:
        assert url == commons_claim_url(doi) and url.startswith(
            "https://commons.datacite.org/doi.org/10."
        )


def test_paths_say_who_becomes_the_source():
    assert "not claimdesk" in SOURCE_NOTES["bibtex"]
    assert "DataCite as their source" in SOURCE_NOTES["commons"]
    assert "claimdesk as their source" in SOURCE_NOTES["member"]
    assert orcid_works_page(local_endpoints("http://127.0.0.1:1")) == "http://127.0.0.1:1/my-orcid"


# -- CLI ----------------------------------------------------------------------------------------


def test_cli_works_public_reads_any_record_without_a_sign_in(sandbox, home, capsys, monkeypatch):
    monkeypatch.delenv("CLAIMDESK_TOKEN", raising=False)
    code = main(
        [
            "works",
            "--public",
            "--orcid",
            DEMO_ORCID,
            "--env",
            "local",
            "--base-url",
            sandbox.base_url,
        ]
    )

    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert captured.out.startswith(f"{DEMO_ORCID}: ")
    assert "*" in captured.out  # preferred versions marked
    assert "Reading anonymously: ORCID allows 10,000 public reads a day" in captured.err


def test_cli_works_public_json_and_missing_orcid(sandbox, home, capsys):
    base = ["--env", "local", "--base-url", sandbox.base_url]
    assert main(["works", "--public", "--json", "--orcid", DEMO_ORCID, *base]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["kind"] == "works" and data["groups"]
    assert all(w["visibility"] in (None, "public") for g in data["groups"] for w in g["works"])
    assert main(["works", "--public", *base]) == 1
    assert "--public needs the record's iD" in capsys.readouterr().err


def test_cli_search_public_writes_the_orcid_import_file(sandbox, home, capsys, tmp_path):
    out = tmp_path / "for-orcid.bib"
    code = main(
        ["search", "--orcid", DEMO_ORCID, "--public", "--orcid-import", str(out), "--json",
         "--env", "local", "--base-url", sandbox.base_url]
    )  # fmt: skip

    captured = capsys.readouterr()
    assert code == 0, captured.err
    rows = json.loads(captured.out)["results"]
    absent = {r["doi"] for r in rows if r["state"] == "absent" and not r["is_version"]}
    assert absent and set(parse_doi_list(out.read_text()).dois) == absent
    assert f"wrote {len(absent)} DOIs not on the record" in captured.err
    assert "/my-orcid (Works → Add → Import BibTeX)" in captured.err
    assert "commons.datacite.org/doi.org/" in captured.err
