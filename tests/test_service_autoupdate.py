"""Auto-update and back catalogue: new DOIs reach granted records within one poll, once each,
across a SIGKILL of the service. SQLite and PostgreSQL."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from curator_support import site_config
from service_support import grant, running_service, wait_until

from claimdesk.auth.listener import free_loopback_ports
from claimdesk.sandbox.curator_seed import CURATOR_REPOSITORY_ID
from claimdesk.sandbox.seeds import DEMO_CLIENT_ID
from claimdesk.sandbox.server import Sandbox
from claimdesk.sandbox.updates import publish

pytest.importorskip("starlette")


def named(csb: Sandbox) -> list[str]:
    return sorted({o for d in csb.seed_result.curator.dois for o in d.orcids()})


def ours(csb: Sandbox, orcid: str) -> list[str]:
    """DOIs of the works the service's client added to a record, one entry per work."""
    found = []
    for work in csb.store.all_works(orcid):
        if work.source is not None and work.source.client_id == DEMO_CLIENT_ID:
            found += [e.value.lower() for e in work.external_ids if e.type == "doi"]
    return found


def test_new_dois_reach_granted_records_within_one_poll_and_only_once(
    csb: Sandbox, service_database: str, tmp_path: Path
) -> None:
    granted, other = named(csb)[:2]
    with running_service(
        csb, service_database, tmp_path, auto_update=(CURATOR_REPOSITORY_ID,)
    ) as svc:
        poller = svc.service.poller
        assert poller.poll_once().pairs_queued == 0  # the first poll only starts the clock
        grant(csb, svc.url, granted)
        wait_until(lambda: svc.api().grants()[0]["back_catalogue_pushed"], what="back catalogue")
        wait_until(lambda: all(r["finished"] for r in svc.api().runs()), what="back catalogue run")
        before = ours(csb, granted)

        corpus = csb.corpus
        new = [publish(corpus, [granted]).doi for _ in range(3)]
        new.append(publish(corpus, [granted, other]).doi)  # the other has no grant: not pushed
        # a Crossref DOI, published over the sandbox's HTTP route as a demo would
        answer = httpx.post(
            f"{csb.base_url}/sandbox/publish", json={"orcids": [granted], "agency": "crossref"}
        )
        new.append(answer.json()["doi"])
        result = poller.poll_once()

        assert result.pairs_queued == len(new)
        wait_until(lambda: svc.api().run(result.run_id)["run"]["finished"], what="the push")
        assert sorted(ours(csb, granted)) == sorted(before + new)
        assert ours(csb, other) == []
        csb.stats.reset()
        assert poller.poll_once().pairs_queued == 0  # nothing is pushed twice
        assert csb.stats.count("POST", "/v3.0/") == 0


def _start(url: str, args: list[str], env: dict[str, str]) -> tuple[subprocess.Popen[str], str]:
    """Start ``claimdesk serve``, read the API key it prints on first start, wait until it
    answers."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "claimdesk", "serve", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
    )
    key = ""
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.strip().startswith("cdk_"):
            key = line.strip()
        if "Ctrl-C stops" in line:
            break

    def up() -> bool:
        try:
            return httpx.get(f"{url}/healthz", timeout=1).status_code == 200
        except httpx.HTTPError:
            return False

    wait_until(up, what="the service to listen")
    return proc, key


def test_auto_update_survives_a_sigkill_mid_push_without_duplicates(
    csb: Sandbox, service_database: str, tmp_path: Path, home: Path
) -> None:
    from claimdesk.service.client import ServiceClient

    port = free_loopback_ports(1)[0]
    url = f"http://127.0.0.1:{port}"
    csb.add_redirect_uri(f"{url}/callback")
    env = {
        **os.environ,
        "CLAIMDESK_SITE_CONFIG": str(site_config(tmp_path / "site.toml", csb)),
        "CLAIMDESK_SERVICE_KEY": "",
        "PYTHONUNBUFFERED": "1",
        # the killed push's pending claims are settled once a request timeout has passed
        "CLAIMDESK_TIMEOUT": "3",
    }
    args = [
        "--port", str(port), "--database", service_database, "--auto-update", CURATOR_REPOSITORY_ID,
        "--every", "0.5s", "--key-file", str(tmp_path / "service.key"), "--rate", "1000",
    ]  # fmt: skip
    people = named(csb)[:3]
    proc, key = _start(url, args, env)
    try:
        assert re.fullmatch(r"cdk_[\w-]{40,}", key)
        api = ServiceClient(url, key)
        for orcid in people:
            grant(csb, url, orcid)
        wait_until(lambda: all(g["back_catalogue_pushed"] for g in api.grants()), what="backfill")
        wait_until(lambda: all(r["finished"] for r in api.runs()), what="back catalogue runs")
        before = {o: ours(csb, o) for o in people}
        csb.faults.latency = 0.4  # slow enough to be killed with a bulk request in flight
        posts = csb.stats.count("POST", "/v3.0/")
        new = {o: [publish(csb.corpus, [o]).doi for _ in range(4)] for o in people}
        wait_until(lambda: csb.stats.count("POST", "/v3.0/") > posts, what="the first push")
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
        csb.faults.latency = 0.0
        assert any(len(ours(csb, o)) < len(before[o]) + 4 for o in people)  # killed mid-run

        proc, _ = _start(url, args, env)  # same service_database, same key file, same journal
        wait_until(
            lambda: all(len(ours(csb, o)) >= len(before[o]) + 4 for o in people),
            timeout=30,
            what="every new DOI on its record after the restart",
        )
        wait_until(lambda: all(r["finished"] for r in api.runs()), what="runs to finish")
        for orcid in people:
            assert sorted(ours(csb, orcid)) == sorted(before[orcid] + new[orcid])
    finally:
        proc.kill()
        proc.wait(timeout=10)
