"""Push: adding missing DOIs to the records of researchers who signed in, against the sandbox."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from curator_support import SMALL, curator_settings, site_config

from claimdesk.auth.accounts import Account, AccountsIndex
from claimdesk.auth.session import save_sign_in
from claimdesk.auth.tokens import Token, TokenStore
from claimdesk.cli import main
from claimdesk.config import Settings
from claimdesk.curator.push import (
    NO_UPDATE_SCOPE,
    NOT_SIGNED_IN,
    RECONNECT,
    plan_push,
    run_push,
)
from claimdesk.curator.report import (
    IN_BOTH,
    MISSING,
    RoundTripReport,
    RoundTripRow,
    RoundTripSummary,
)
from claimdesk.curator.roundtrip import RoundTripInput, run_roundtrip
from claimdesk.orcid.client import OrcidClient
from claimdesk.sandbox.curator_seed import CURATOR_REPOSITORY_ID
from claimdesk.sandbox.seeds import DEMO_CLIENT_ID, DEMO_CLIENT_NAME
from claimdesk.sandbox.server import Sandbox

REPOSITORY = RoundTripInput(repository=CURATOR_REPOSITORY_ID)
FAST = {"rate": 1000.0, "burst": 100}
UPDATE = ("/read-limited", "/activities/update")


@pytest.fixture
def sb() -> Iterator[Sandbox]:
    with Sandbox(seed="curator", dois=SMALL) as sandbox:
        yield sandbox


@pytest.fixture
def settings(sb: Sandbox) -> Settings:
    return curator_settings(sb)


def sign_in(sb: Sandbox, settings: Settings, orcid: str, scopes: tuple[str, ...] = UPDATE) -> None:
    """As if ``orcid`` had signed in to claimdesk on this machine (token kept for the session)."""
    access = sb.issue_token(orcid, scopes=scopes)
    token = Token(orcid=orcid, access_token=access, name="Researcher", scopes=scopes)
    save_sign_in(settings, token, store=TokenStore(session_only=True))


def missing_by_researcher(report: RoundTripReport) -> dict[str, list[RoundTripRow]]:
    """iD → its "missing on ORCID" rows, the researchers with most missing first."""
    rows = report.by_orcid()
    found = {o: [r for r in rs if r.category == MISSING] for o, rs in rows.items()}
    return dict(sorted(((o, rs) for o, rs in found.items() if rs), key=lambda i: -len(i[1])))


def self_dois(sb: Sandbox, orcid: str) -> set[str]:
    return set(sb.store.dois(orcid))


# -- the plan (pure) ----------------------------------------------------------------------------


def _report(rows: list[RoundTripRow]) -> RoundTripReport:
    return RoundTripReport("test", tuple(rows), RoundTripSummary())


def test_plan_sends_only_for_signed_in_researchers_and_links_the_others(settings: Settings) -> None:
    ok, absent, narrow, stale = (
        "0009-0000-0000-0017",
        "0009-0000-0000-0025",
        "0009-0000-0000-0033",
        "0009-0000-0000-0041",
    )
    report = _report(
        [
            RoundTripRow("10.1/a", ok, MISSING),
            RoundTripRow("10.1/b", ok, IN_BOTH, ("DataCite",)),
            RoundTripRow("10.1/v", ok, MISSING, is_version=True),
            RoundTripRow("10.1/a", absent, MISSING),
            RoundTripRow("10.1/c", narrow, MISSING),
            RoundTripRow("10.1/d", stale, MISSING),
        ]
    )
    accounts = [
        Account(ok, "Ok", settings.env, UPDATE),
        Account(narrow, "Narrow", settings.env, ("/read-limited",)),
        Account(stale, "Stale", settings.env, UPDATE, needs_reconnect=True),
        Account(absent, "Elsewhere", "production", UPDATE),  # signed in, but not here
    ]

    plan = plan_push(report, accounts, settings)

    assert [(t.orcid, t.dois) for t in plan.targets] == [(ok, ("10.1/a",))]
    assert [(s.doi, s.orcid) for s in plan.skipped] == [("10.1/v", ok)]
    reasons = {r.orcid: r.reason for r in plan.needs_permission}
    assert reasons == {absent: NOT_SIGNED_IN, narrow: NO_UPDATE_SCOPE, stale: RECONNECT}
    # The desktop's loopback redirect would send a researcher to their own 127.0.0.1: no link.
    assert all(r.authorize_url == "" for r in plan.needs_permission)
    assert "127.0.0.1" not in "\n".join(plan.lines())
    served = replace(settings, redirect_uris=("https://orcid.example.edu/callback",))
    link = urlsplit(plan_push(report, accounts, served).needs_permission[0].authorize_url)
    query = parse_qs(link.query)
    assert f"{link.scheme}://{link.netloc}{link.path}" == settings.endpoints.authorize_url
    assert query["client_id"] == [DEMO_CLIENT_ID]
    assert query["scope"] == [" ".join(settings.scopes)]
    assert query["redirect_uri"] == ["https://orcid.example.edu/callback"]
    assert query["response_type"] == ["code"]
    with_versions = plan_push(report, accounts, settings, include_versions=True)
    assert with_versions.targets[0].dois == ("10.1/a", "10.1/v")


# -- sending ------------------------------------------------------------------------------------


def test_push_adds_missing_dois_only_for_researchers_with_a_token(
    sb: Sandbox, settings: Settings
) -> None:
    report = run_roundtrip(settings, REPOSITORY, **FAST)
    missing = missing_by_researcher(report)
    signed, unsigned = list(missing)[:2]
    sign_in(sb, settings, signed)
    before_unsigned = self_dois(sb, unsigned)
    plan = plan_push(report, AccountsIndex().all(settings.env), settings)
    wanted = {r.doi for r in missing[signed] if not r.is_version}
    assert wanted
    sb.stats.reset()

    result = run_push(plan, settings)

    assert result.ok
    assert {t.orcid for t in plan.targets} == {signed}
    assert unsigned in {r.orcid for r in result.needs_permission}
    assert wanted <= self_dois(sb, signed)
    assert self_dois(sb, unsigned) == before_unsigned
    assert sb.stats.count("POST", f"/v3.0/{signed}/works") == 1  # one bulk request
    assert sb.stats.count("DELETE") == sb.stats.count("PUT") == 0
    again = run_roundtrip(settings, REPOSITORY, **FAST)
    now = {(r.doi, r.orcid): r for r in again.rows}
    for doi in wanted:
        assert now[(doi, signed)].category == IN_BOTH
        assert DEMO_CLIENT_NAME in now[(doi, signed)].sources


def test_push_never_touches_what_other_sources_added(sb: Sandbox, settings: Settings) -> None:
    report = run_roundtrip(settings, REPOSITORY, **FAST)
    signed = next(iter(missing_by_researcher(report)))
    sign_in(sb, settings, signed)
    before = {w.put_code: w for w in sb.store.all_works(signed)}

    run_push(plan_push(report, AccountsIndex().all(settings.env), settings), settings)

    after = {w.put_code: w for w in sb.store.all_works(signed)}
    assert after.keys() - before.keys()
    assert {pc: after[pc] for pc in before} == before
    assert all(after[pc].source.client_id == DEMO_CLIENT_ID for pc in after.keys() - before.keys())


def test_push_reports_a_revoked_sign_in_as_needing_permission(
    sb: Sandbox, settings: Settings
) -> None:
    report = run_roundtrip(settings, REPOSITORY, **FAST)
    signed = next(iter(missing_by_researcher(report)))
    sign_in(sb, settings, signed)
    plan = plan_push(report, AccountsIndex().all(settings.env), settings)
    token = TokenStore(session_only=True).load(settings.env, signed)
    assert token is not None
    sb.revoke_token(token.access_token)
    before = self_dois(sb, signed)

    result = run_push(plan, settings)

    assert signed in {r.orcid for r in result.needs_permission}
    assert self_dois(sb, signed) == before


@pytest.fixture
def signed(sb: Sandbox, settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """For the CLI: the site file names the sandbox, a round trip ran, and the researcher with
    the most DOIs missing has signed in; their iD."""
    monkeypatch.setenv("CLAIMDESK_SITE_CONFIG", str(site_config(tmp_path / "site.toml", sb)))
    report = run_roundtrip(settings, REPOSITORY, state_path=tmp_path / "s", **FAST)
    orcid = next(iter(missing_by_researcher(report)))
    sign_in(sb, settings, orcid)
    return orcid


def test_dry_run_shows_the_plan_and_sends_nothing(
    sb: Sandbox, signed: str, capsys: pytest.CaptureFixture[str]
) -> None:
    works_before = {o: sb.store.count(o) for o in sb.seed_result.curator.people}
    sb.stats.reset()

    code = main(
        ["push", "--repository", CURATOR_REPOSITORY_ID, "--dry-run", "--rate", "1000"]
    )  # fmt: skip

    printed = capsys.readouterr().out
    assert code == 0
    assert f"add to Researcher ({signed})" in printed
    assert "Needs permission" in printed and "claimdesk push --service URL" in printed
    assert "127.0.0.1" not in printed  # never a loopback link a researcher could not open
    assert sb.stats.count("POST", "/v3.0/") == 0
    assert sb.stats.count(path_prefix="/v3.0/") == 0  # not even a member-API read
    assert {o: sb.store.count(o) for o in works_before} == works_before


def test_cli_push_sends_and_reports_per_record(
    sb: Sandbox, signed: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["push", "--repository", CURATOR_REPOSITORY_ID, "--rate", "1000"])

    printed = capsys.readouterr().out
    assert code == 0
    assert f"{signed}: " in printed.split("Push:")[1] and "claimed" in printed.split("Push:")[1]
    assert sb.stats.count("POST", f"/v3.0/{signed}/works") == 1


def test_push_can_use_a_client_the_caller_already_has_open(sb: Sandbox, settings: Settings) -> None:
    report = run_roundtrip(settings, REPOSITORY, **FAST)
    orcid = next(iter(missing_by_researcher(report)))
    account = Account(orcid, "Open in a window", settings.env, UPDATE)  # no stored token at all
    plan = plan_push(report, [account], settings)
    client = OrcidClient(settings, orcid, sb.issue_token(orcid))

    result = run_push(plan, settings, client_for={orcid: client}.get)

    assert result.ok and orcid in result.runs
    assert set(plan.targets[0].dois) <= set(sb.store.dois(orcid))
    client.read_works()  # still open: run_push did not close what it was given
    client.close()
