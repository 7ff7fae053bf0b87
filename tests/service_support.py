"""Helpers for the permissions-service tests: databases, a running service, a researcher's grant.

PostgreSQL: ``CLAIMDESK_TEST_POSTGRES`` is the URL of a server the tests may create databases
on (``.ci/test`` starts a throwaway cluster and sets it); without it the PostgreSQL cases skip.
"""

from __future__ import annotations

import os
import secrets
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urljoin, urlsplit

import httpx
import pytest
from curator_support import curator_settings
from lxml import html

from claimdesk.auth.listener import free_loopback_ports
from claimdesk.sandbox.server import Sandbox

POSTGRES_ENV = "CLAIMDESK_TEST_POSTGRES"


def database_url(backend: str, tmp_path: Path) -> str:
    """A fresh, empty database of ``backend`` for one test."""
    if backend == "sqlite":
        return f"sqlite:///{tmp_path / 'service.sqlite3'}"
    server = os.environ.get(POSTGRES_ENV)
    if not server:
        pytest.skip(f"{POSTGRES_ENV} is not set (CI sets it; see .ci/test)")
    import psycopg

    name = "claimdesk_test_" + secrets.token_hex(6)
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    parts = urlsplit(server)
    return parts._replace(path=f"/{name}").geturl()


@dataclass
class Running:
    """A service serving on 127.0.0.1 in this process."""

    service: Any
    url: str
    api_key: str

    def api(self) -> Any:
        from claimdesk.service.client import ServiceClient

        return ServiceClient(self.url, self.api_key, timeout=10)


@contextmanager
def running_service(
    sb: Sandbox, database: str, tmp_path: Path, *, workers: bool = True, **config: Any
) -> Iterator[Running]:
    """Start a service (uvicorn in a thread) whose callback the sandbox's demo client accepts."""
    import uvicorn

    from claimdesk.service.app import Service, ServiceConfig, build_app
    from claimdesk.service.keys import Keys, new_master_key

    port = free_loopback_ports(1)[0]
    url = f"http://127.0.0.1:{port}"
    sb.add_redirect_uri(f"{url}/callback")
    import base64

    keys = Keys(base64.urlsafe_b64decode(new_master_key()))
    service = Service(
        ServiceConfig(
            public_url=url,
            database=database,
            institution="Sandbox University",
            journal_path=tmp_path / "journal.sqlite3",
            **{"rate": 1000.0, **config},
        ),
        curator_settings(sb),
        keys,
    )
    api_key = service.store.create_api_key()
    server = uvicorn.Server(
        uvicorn.Config(
            build_app(service),
            host="127.0.0.1",
            port=port,
            log_config=None,
            access_log=False,
            lifespan="off",
        )  # fmt: skip
    )
    thread = threading.Thread(target=server.run, name="test-service", daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the service did not start")
        time.sleep(0.02)
    if workers:
        service.start_workers(poll=False)
    try:
        yield Running(service, url, api_key)
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        service.close()


def consent(sb: Sandbox, http: httpx.Client, authorize_url: str, orcid: str, action: str) -> str:
    """What a researcher does on ORCID's consent page; returns where ORCID sends them back."""
    page = http.get(authorize_url)
    form = html.fromstring(page.text).forms[0]
    fields = {k: v for k, v in form.form_values() if k != "orcid"}
    fields.update(orcid=orcid, action=action)
    answer = http.post(urljoin(authorize_url, form.action), data=fields)
    assert answer.status_code in (302, 303), answer.text
    return answer.headers["Location"]


def start_grant(http: httpx.Client, service_url: str) -> str:
    """Open /grant and press Continue: returns the ORCID authorize URL the service redirects to."""
    page = http.get(f"{service_url}/grant")
    assert page.status_code == 200
    csrf = html.fromstring(page.text).forms[0].fields["csrf"]
    answer = http.post(f"{service_url}/grant", data={"csrf": csrf})
    assert answer.status_code == 303, answer.text
    return answer.headers["Location"]


def grant(sb: Sandbox, service_url: str, orcid: str, action: str = "authorize") -> httpx.Response:
    """A researcher's whole grant in a scripted browser (cookies kept); the callback's answer."""
    with httpx.Client(timeout=10) as browser:
        back = consent(sb, browser, start_grant(browser, service_url), orcid, action)
        return browser.get(back)


def state_of(url: str) -> str:
    """The ``state`` of an authorize or callback URL."""
    return parse_qs(urlsplit(url).query)["state"][0]


def wait_until(check: Callable[[], Any], timeout: float = 20, what: str = "condition") -> Any:
    """Poll ``check`` until it returns something truthy."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")
