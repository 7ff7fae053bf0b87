"""Asking researchers without a grant: ORCID inbox requests (one open per researcher, tracked
to read / actioned / archived) or the link; and the CLI's push/notify/grants through a service."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from curator_support import site_config
from service_support import grant, running_service, wait_until

from claimdesk.cli import main
from claimdesk.sandbox.curator_seed import CURATOR_REPOSITORY_ID
from claimdesk.sandbox.seeds import DEMO_CLIENT_ID
from claimdesk.sandbox.server import Sandbox

pytest.importorskip("starlette")


def people(csb: Sandbox) -> list[str]:
    return sorted({o for d in csb.seed_result.curator.dois for o in d.orcids()})


def test_inbox_request_is_sent_once_tracked_and_closed_by_the_grant(
    csb: Sandbox, service_database: str, tmp_path: Path
) -> None:
    orcid = people(csb)[0]
    csb.auth.premium.add(DEMO_CLIENT_ID)
    with running_service(csb, service_database, tmp_path, workers=False) as svc:
        api = svc.api()
        dry = api.notify({orcid: ["10.83001/a"]}, dry_run=True)
        assert dry["requests"][0]["action"] == "would send an ORCID inbox request"
        assert csb.inbox.of(orcid) == []
        api.notify({orcid: ["10.83001/a"]}, dry_run=False)
        again = api.notify({orcid: ["10.83001/b"]}, dry_run=False)
        assert again["requests"][0]["action"].startswith("skipped")
        assert len(csb.inbox.of(orcid)) == 1  # never more than one open request

        assert api.notifications(refresh=True)[0]["status"] == "sent"
        httpx.get(f"{csb.base_url}/inbox/{orcid}")  # the researcher opens the inbox
        seen = api.notifications(refresh=True)[0]
        assert seen["status"] == "read" and seen["read"]
        put_code = csb.inbox.of(orcid)[0].put_code
        follow = httpx.get(f"{csb.base_url}/inbox/{orcid}/{put_code}/action")
        assert follow.headers["location"] == f"{svc.url}/grant"
        assert api.notifications(refresh=True)[0]["status"] == "actioned"

        grant(csb, svc.url, orcid)
        assert api.notifications()[0]["status"] == "granted"
        assert csb.inbox.of(orcid)[0].archived is not None
        later = api.notify({orcid: ["10.83001/c"]}, dry_run=False)
        assert later["requests"] == []  # granted: nothing to ask


def test_without_the_premium_scope_the_answer_is_the_link_to_send(
    csb: Sandbox, service_database: str, tmp_path: Path
) -> None:
    orcid = people(csb)[0]
    with running_service(csb, service_database, tmp_path, workers=False) as svc:
        answer = svc.api().notify({orcid: ["10.83001/a"]}, dry_run=False)
        assert answer["inbox"] is False
        assert answer["requests"][0]["grant_url"] == f"{svc.url}/grant"
        assert "send the link" in answer["requests"][0]["action"]
        assert csb.inbox.of(orcid) == []


def test_cli_push_and_notify_through_the_service(
    csb: Sandbox,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    granted = people(csb)[0]
    monkeypatch.setenv("CLAIMDESK_SITE_CONFIG", str(site_config(tmp_path / "site.toml", csb)))
    database = f"sqlite:///{tmp_path / 'service.sqlite3'}"
    with running_service(csb, database, tmp_path) as svc:
        grant(csb, svc.url, granted)
        monkeypatch.setenv("CLAIMDESK_API_KEY", svc.api_key)
        common = ["--repository", CURATOR_REPOSITORY_ID, "--rate", "1000", "--service", svc.url]

        assert main(["notify", *common, "--dry-run"]) == 0
        out = capsys.readouterr().out
        assert "send the link" in out and f"{svc.url}/grant" in out and granted not in out

        assert main(["push", *common]) == 0
        out = capsys.readouterr().out
        assert "Queued" in out and "Needs permission first" in out
        assert "127.0.0.1" not in out.replace(svc.url, "")  # only the service's own link
        wait_until(lambda: all(r["finished"] for r in svc.api().runs()), what="the push")

        assert main(["grants", "--service", svc.url]) == 0
        assert granted in capsys.readouterr().out
    monkeypatch.delenv("CLAIMDESK_API_KEY")
    assert main(["grants", "--service", "http://127.0.0.1:9"]) == 1
    assert "No API key" in capsys.readouterr().err


def test_serve_without_the_service_extra_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util,
        "find_spec",
        lambda name, *a: None if name in ("starlette", "uvicorn") else real(name, *a),
    )
    assert main(["serve", "--client-id", DEMO_CLIENT_ID]) == 1
    err = capsys.readouterr().err
    assert "starlette, uvicorn" in err and "pip install 'claimdesk[service]'" in err
