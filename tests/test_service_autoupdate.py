"""Auto-update and back catalogue: new DOIs reach granted records within one poll, once each,
across a SIGKILL of the service. SQLite and PostgreSQL."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from curator_support import site_config
from service_support import BACKENDS, database_url, grant, running_service, wait_until

from claimdesk.auth.listener import free_loopback_ports
from claimdesk.sandbox.curator_seed import CURATOR_REPOSITORY_ID
from claimdesk.sandbox.seeds import DEMO_CLIENT_ID
from claimdesk.sandbox.server import Sandbox
from claimdesk.sandbox.updates import publish

pytest.importorskip("starlette")


@pytest.fixture(params=BACKENDS)
def database(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    return database_url(request.param, tmp_path)


@pytest.fixture
def sb() -> Iterator[Sandbox]:
    with Sandbox(seed="curator", dois=40) as sandbox:
        yield sandbox


def named(sb: Sandbox) -> list[str]:
    return sorted({o for d in sb.seed_result.curator.dois for o in d.orcids()})


def ours(sb: Sandbox, orcid: str) -> list[str]:
    """DOIs of the works the service's client added to a record, one entry per work."""
    found = []
    for work in sb.store.all_works(orcid):
        if work.source is not None and work.source.client_id == DEMO_CLIENT_ID:
            found += [e.value.lower() for e in work.external_ids if e.type == "doi"]
    return found


def test_new_dois_reach_granted_records_within_one_poll_and_only_once(
    sb: Sandbox, database: str, tmp_path: Path
) -> None:
    granted, other = named(sb)[:2]
    with running_service(sb, database, tmp_path, auto_update=(CURATOR_REPOSITORY_ID,)) as svc:
        poller = svc.service.poller
        assert poller.poll_once().pairs_queued == 0  # the first poll only starts the clock
        grant(sb, svc.url, granted)
        wait_until(lambda: svc.api().grants()[0]["back_catalogue_pushed"], what="back catalogue")
        wait_until(lambda: all(r["finished"] for r in svc.api().runs()), what="back catalogue run")
        before = ours(sb, granted)

        corpus = sb.corpus
        new = [publish(corpus, [granted]).doi for _ in range(3)]
        new.append(publish(corpus, [granted, other]).doi)  # the other has no grant: not pushed
        new.append(publish(corpus, [granted], agency="crossref", prefix="10.5555").doi)
        result = poller.poll_once()

        assert result.pairs_queued == len(new)
        wait_until(lambda: svc.api().run(result.run_id)["run"]["finished"], what="the push")
        assert sorted(ours(sb, granted)) == sorted(before + new)
        assert ours(sb, other) == []
        sb.stats.reset()
        assert poller.poll_once().pairs_queued == 0  # nothing is pushed twice
        assert sb.stats.count("POST", "/v3.0/") == 0


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
    sb: Sandbox, database: str, tmp_path: Path, home: Path
) -> None:
    from claimdesk.service.client import ServiceClient

    port = free_loopback_ports(1)[0]
    url = f"http://127.0.0.1:{port}"
    sb.add_redirect_uri(f"{url}/callback")
    env = {
        **os.environ,
        "CLAIMDESK_SITE_CONFIG": str(site_config(tmp_path / "site.toml", sb)),
        "CLAIMDESK_SERVICE_KEY": "",
        "PYTHONUNBUFFERED": "1",
    }
    args = [
        "--port", str(port), "--database", database, "--auto-update", CURATOR_REPOSITORY_ID,
        "--every", "0.5s", "--key-file", str(tmp_path / "service.key"), "--rate", "1000",
    ]  # fmt: skip
    people = named(sb)[:3]
    proc, key = _start(url, args, env)
    try:
        assert re.fullmatch(r"cdk_[\w-]{40,}", key)
        api = ServiceClient(url, key)
        for orcid in people:
            grant(sb, url, orcid)
        wait_until(lambda: all(g["back_catalogue_pushed"] for g in api.grants()), what="backfill")
        wait_until(lambda: all(r["finished"] for r in api.runs()), what="back catalogue runs")
        before = {o: ours(sb, o) for o in people}
        sb.faults.latency = 0.4  # slow enough to be killed with a bulk request in flight
        posts = sb.stats.count("POST", "/v3.0/")
        new = {o: [publish(sb.corpus, [o]).doi for _ in range(4)] for o in people}
        wait_until(lambda: sb.stats.count("POST", "/v3.0/") > posts, what="the first push")
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
        sb.faults.latency = 0.0
        assert any(len(ours(sb, o)) < len(before[o]) + 4 for o in people)  # killed mid-run

        proc, _ = _start(url, args, env)  # same database, same key file, same journal
        wait_until(
            lambda: all(len(ours(sb, o)) >= len(before[o]) + 4 for o in people),
            timeout=30,
            what="every new DOI on its record after the restart",
        )
        wait_until(lambda: all(r["finished"] for r in api.runs()), what="runs to finish")
        for orcid in people:
            assert sorted(ours(sb, orcid)) == sorted(before[orcid] + new[orcid])
    finally:
        proc.kill()
        proc.wait(timeout=10)
