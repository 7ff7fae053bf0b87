"""The permissions service: a researcher's grant, its failure modes, the curator API and pushes.

Each test runs on SQLite and on PostgreSQL (the latter when CLAIMDESK_TEST_POSTGRES is set).
"""

from __future__ import annotations

import time
from pathlib import Path

import httpx
import pytest
from service_support import (
    consent,
    grant,
    running_service,
    start_grant,
    wait_until,
)

from claimdesk.sandbox.seeds import DEMO_CLIENT_ID
from claimdesk.sandbox.server import Sandbox

pytest.importorskip("starlette")


def researcher(csb: Sandbox, index: int = 0) -> str:
    """A seeded researcher with at least one DOI naming them."""
    corpus = csb.seed_result.curator
    named = sorted({o for d in corpus.dois for o in d.orcids()})
    return named[index]


def test_grant_stores_the_token_encrypted_and_thanks_the_researcher(
    csb: Sandbox, service_database: str, tmp_path: Path
) -> None:
    orcid = researcher(csb)
    with running_service(csb, service_database, tmp_path, workers=False) as svc:
        page = grant(csb, svc.url, orcid)
        assert page.status_code == 200
        assert "Thank you" in page.text and orcid in page.text
        grants = svc.api().grants()
        assert [(g["orcid"], g["status"]) for g in grants] == [(orcid, "active")]
        assert "/activities/update" in grants[0]["scopes"]
        tokens = [t.access_token for t in csb.auth._tokens.values() if t.orcid == orcid]
        rows = svc.service.db.query("SELECT access_token, refresh_token FROM grants")
        stored = " ".join(str(v) for v in rows[0].values())
        assert tokens and not any(t in stored for t in tokens)  # encrypted at rest
        assert svc.service.store.access_token(orcid) in tokens


def test_deny_shows_a_clear_page_and_stores_nothing(
    csb: Sandbox, service_database: str, tmp_path: Path
) -> None:
    with running_service(csb, service_database, tmp_path, workers=False) as svc:
        page = grant(csb, svc.url, researcher(csb), action="deny")
        assert "Permission not given" in page.text and "Nothing was stored" in page.text
        assert svc.api().grants() == []


def test_forged_replayed_and_expired_states_are_refused(
    csb: Sandbox, service_database: str, tmp_path: Path
) -> None:
    orcid = researcher(csb)
    with running_service(csb, service_database, tmp_path, workers=False, flow_lifetime=2) as svc:
        with httpx.Client(timeout=10) as browser:
            back = consent(csb, browser, start_grant(browser, svc.url), orcid, "authorize")
            forged = back.replace("state=", "state=x")
            answer = browser.get(forged)
            assert answer.status_code == 400 and "not valid" in answer.text
            assert browser.get(back).status_code == 200  # the real one still works
            replay = browser.get(back)
            assert replay.status_code == 400 and "already used" in replay.text
        with httpx.Client(timeout=10) as other_browser:
            late = consent(
                csb, other_browser, start_grant(other_browser, svc.url), orcid, "authorize"
            )
            time.sleep(2.2)
            expired = other_browser.get(late)
            assert expired.status_code == 400 and "expired" in expired.text
        with httpx.Client(timeout=10) as attacker, httpx.Client(timeout=10) as victim:
            # a callback carried to another browser (login CSRF) finds no flow cookie there
            back = consent(csb, attacker, start_grant(attacker, svc.url), orcid, "authorize")
            assert "same browser" in victim.get(back).text
        assert len(svc.api().grants()) == 1


def test_the_grant_form_refuses_a_post_without_its_csrf_token(
    csb: Sandbox, service_database: str, tmp_path: Path
) -> None:
    with (
        running_service(csb, service_database, tmp_path, workers=False) as svc,
        httpx.Client() as browser,
    ):
        browser.get(f"{svc.url}/grant")
        answer = browser.post(f"{svc.url}/grant", data={"csrf": "forged"})
        assert answer.status_code == 403
        assert httpx.post(f"{svc.url}/grant", data={}).status_code == 403


def test_api_needs_a_valid_unexpired_key_stored_only_as_a_digest(
    csb: Sandbox, service_database: str, tmp_path: Path
) -> None:
    from claimdesk.service.client import ServiceClient, ServiceError

    with running_service(csb, service_database, tmp_path, workers=False) as svc:
        assert httpx.get(f"{svc.url}/api/v1/grants").status_code == 401
        with pytest.raises(ServiceError, match="unknown API key"):
            ServiceClient(svc.url, "cdk_wrong").grants()
        expired = svc.service.store.create_api_key(days=-1)
        with pytest.raises(ServiceError, match="expired"):
            ServiceClient(svc.url, expired).grants()
        rows = svc.service.db.query("SELECT * FROM api_keys")
        assert not any(svc.api_key in str(v) for r in rows for v in r.values())
        assert svc.api().status()["grant_url"] == f"{svc.url}/grant"


def test_curator_push_adds_works_with_the_service_as_source(
    csb: Sandbox, service_database: str, tmp_path: Path
) -> None:
    orcid, stranger = researcher(csb, 0), researcher(csb, 1)
    mine = csb.seed_result.curator
    dois = sorted(d.doi for d in mine.dois if orcid in d.orcids())
    with running_service(csb, service_database, tmp_path) as svc:
        grant(csb, svc.url, orcid)
        answer = svc.api().push({orcid: dois, stranger: dois[:1]})
        assert answer["queued"] == len(dois)
        assert [n["orcid"] for n in answer["needs_permission"]] == [stranger]
        assert answer["needs_permission"][0]["grant_url"] == f"{svc.url}/grant"
        run_id = answer["run"]["id"]
        run = wait_until(
            lambda: (r := svc.api().run(run_id))["run"]["finished"] and r, what="the push run"
        )
        outcomes = {i["doi"]: i["outcome"] for i in run["items"]}
        assert set(outcomes) == set(dois)
        assert set(outcomes.values()) <= {"claimed", "already claimed", "skipped"}
        claimed = [d for d, o in outcomes.items() if o == "claimed"]
        assert claimed, outcomes
        ours = _our_dois(csb, orcid)
        assert set(claimed) <= ours
        assert svc.api().grants()[0]["last_used"] is not None


def test_withdrawn_grant_stops_and_is_never_retried(
    csb: Sandbox, service_database: str, tmp_path: Path
) -> None:
    orcid = researcher(csb)
    dois = sorted(d.doi for d in csb.seed_result.curator.dois if orcid in d.orcids())
    with running_service(csb, service_database, tmp_path) as svc:
        grant(csb, svc.url, orcid)
        api = svc.api()
        wait_until(lambda: api.grants()[0]["back_catalogue_pushed"], what="back catalogue")
        wait_until(lambda: all(r["finished"] for r in api.runs()), what="back catalogue run")
        # the researcher removes the institution under Trusted parties on orcid.org
        revoked = httpx.post(
            f"{csb.base_url}/trusted-parties/{orcid}", data={"client_id": DEMO_CLIENT_ID}
        )
        assert "Revoked" in revoked.text
        run_id = svc.api().push({orcid: dois})["run"]["id"]
        wait_until(lambda: svc.api().run(run_id)["run"]["finished"], what="the push run")
        assert svc.api().grants()[0]["status"] == "withdrawn"
        items = svc.api().run(run_id)["items"]
        assert {i["state"] for i in items} == {"stopped"}
        csb.stats.reset()
        again = svc.api().push({orcid: dois})
        assert again["queued"] == 0 and again["needs_permission"][0]["orcid"] == orcid
        time.sleep(0.3)
        assert csb.stats.count(path_prefix=f"/v3.0/{orcid}") == 0


def _our_dois(csb: Sandbox, orcid: str) -> set[str]:
    """DOIs on the record added by the demo client (the service's client)."""
    found = set()
    for work in csb.store.all_works(orcid):
        if work.source is not None and work.source.client_id == DEMO_CLIENT_ID:
            found.update(
                e.normalized or e.value.lower() for e in work.external_ids if e.type == "doi"
            )
    return found


def test_orcid_requests_of_every_job_share_orcid_rate_limit(
    service_database: str, tmp_path: Path
) -> None:
    """Pushes for 30 records and 20 inbox requests at once stay within 24/s (burst 40): the
    sandbox enforces ORCID's limit, and (nearly) no request has to be repeated after a 503."""
    import threading

    from claimdesk.sandbox.updates import publish

    with Sandbox(seed="curator", dois=400) as sb:
        everyone = sorted(sb.seed_result.curator.people)
        writers, asked = everyone[:30], everyone[30:50]
        sb.auth.premium.add(DEMO_CLIENT_ID)
        new = publish(sb.corpus, []).doi  # on nobody's record yet: one write per record
        with running_service(sb, service_database, tmp_path, rate=24.0) as svc:
            for orcid in writers:
                token = sb.issue_token(orcid)
                svc.service.store.save_grant(
                    orcid, None, ("/read-limited", "/activities/update"), token, None, "2045-01-01Z"
                )
            sb.rate_limit = True
            sb.stats.reset()
            api = svc.api()
            asking = threading.Thread(
                target=api.notify, args=({o: [new] for o in asked},), kwargs={"dry_run": False}
            )
            asking.start()
            run_id = svc.api().push({o: [new] for o in writers})["run"]["id"]
            asking.join(timeout=30)
            wait_until(lambda: api.run(run_id)["run"]["finished"], timeout=30, what="the push")
            assert {i["outcome"] for i in api.run(run_id)["items"]} == {"claimed"}
            assert len(sb.inbox.items) == len(asked)
            # per record: the plan's read, the runner's read under the record's write lock (a
            # plan may be older than another writer's works) and one bulk write; one POST per
            # inbox request; a 503 retry only if the machine delayed some requests and they
            # reached the sandbox bunched
            sent = sb.stats.count(path_prefix="/v3.0/")
            assert 3 * len(writers) + len(asked) <= sent <= 3 * len(writers) + len(asked) + 2


def test_an_expired_grant_is_shown_as_such_and_never_used(
    csb: Sandbox, service_database: str, tmp_path: Path
) -> None:
    orcid = researcher(csb)
    with running_service(csb, service_database, tmp_path, workers=False) as svc:
        token = csb.issue_token(orcid)
        svc.service.store.save_grant(
            orcid, "Old", ("/activities/update",), token, None, "2020-01-01Z"
        )
        assert svc.api().grants()[0]["status"] == "expired"
        assert svc.service.store.access_token(orcid) is None
        answer = svc.api().push({orcid: ["10.83001/x"]})
        assert answer["queued"] == 0 and answer["needs_permission"][0]["orcid"] == orcid


def test_one_service_per_database_while_key_management_works_beside_it(
    csb: Sandbox, service_database: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from claimdesk.cli import main
    from claimdesk.errors import ConfigError
    from claimdesk.service.app import Service, ServiceConfig
    from claimdesk.service.client import ServiceClient
    from claimdesk.service.keys import new_master_key

    with running_service(csb, service_database, tmp_path, workers=False) as svc:
        config = ServiceConfig(public_url="http://127.0.0.1:1", database=service_database)
        with pytest.raises(ConfigError, match="already running"):
            Service(config, svc.service.settings, svc.service.keys)
        key_file = tmp_path / "service.key"
        key_file.write_text(new_master_key() + "\n")
        args = ["serve", "--database", service_database, "--key-file", str(key_file)]
        assert main([*args, "--client-id", DEMO_CLIENT_ID, "--new-api-key"]) == 0
        fresh = capsys.readouterr().out.split()[-1]
        assert ServiceClient(svc.url, fresh).grants() == []
    Service(config, svc.service.settings, svc.service.keys).close()  # free again
