"""Helpers for the sign-in tests: free ports, a test client on the sandbox, a scripted browser,
and whether the OS keyring can be used here."""

from __future__ import annotations

import secrets
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, urljoin, urlsplit

import httpx
import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail
from lxml import html

from claimdesk.auth.listener import free_loopback_ports as free_ports
from claimdesk.config import Settings
from claimdesk.sandbox.server import Sandbox

TEST_CLIENT_ID = "APP-CLAIMDESKTEST001"
#: the scripted browser's thread; its own httpx log lines stand for a separate browser process
BROWSER_THREAD = "scripted-browser"


def register_test_client(
    sb: Sandbox, ports: Sequence[int] | None = None, *, secret: str | None = None
) -> Settings:
    """Register a client with its own free redirect ports; Settings that use it."""
    ports = list(ports) if ports is not None else free_ports(2)
    uris = tuple(f"http://127.0.0.1:{p}/callback" for p in ports)
    secret = secret or "test-secret-" + secrets.token_hex(8)
    sb.register_client(TEST_CLIENT_ID, secret, "claimdesk tests", redirect_uris=uris)
    return Settings(
        endpoints=sb.endpoints,
        client_id=TEST_CLIENT_ID,
        client_secret=secret,
        redirect_uris=uris,
        timeout=5.0,
    )


def keyring_problem() -> str | None:
    """Why the OS keyring cannot be used here, or None when it can."""
    backend = keyring.get_keyring()
    if isinstance(backend, fail.Keyring):
        from claimdesk.auth.tokens import diagnose

        return (
            "no usable OS keyring here (run inside dbus-run-session with gnome-keyring-daemon "
            f"--unlock): {diagnose()}"
        )
    try:
        backend.get_password("claimdesk:probe", "probe")
    except Exception as err:
        return f"the OS keyring cannot be used here: {err}"
    return None


def keyring_usable() -> bool:
    """Whether the OS keyring can be used here."""
    return keyring_problem() is None


def real_keyring() -> KeyringBackend:
    """The system keyring, or skip the test naming why there is none."""
    problem = keyring_problem()
    if problem is not None:
        pytest.skip(problem)
    return keyring.get_keyring()


def state_of(authorize_url: str) -> str:
    """The ``state`` parameter of an authorize URL."""
    return parse_qs(urlsplit(authorize_url).query)["state"][0]


@dataclass
class ScriptedBrowser:
    """Follows the sandbox's consent form with httpx, in a thread, as a browser would.

    ``action`` is the button pressed (``authorize`` or ``deny``). After the run, ``pages`` holds
    (url, status, text) of every page seen; the last one is the listener's result page.
    """

    action: str = "authorize"
    orcid: str | None = None
    pages: list[tuple[str, int, str]] = field(default_factory=list)
    error: BaseException | None = None
    _thread: threading.Thread | None = None

    def open(self, url: str) -> bool:
        """Stands in for ``webbrowser.open``."""
        self._thread = threading.Thread(
            target=self._run, args=(url,), daemon=True, name=BROWSER_THREAD
        )
        self._thread.start()
        return True

    def _run(self, url: str) -> None:
        try:
            with httpx.Client(timeout=10, follow_redirects=False) as http:
                page = http.get(url)
                self.pages.append((url, page.status_code, page.text))
                form = html.fromstring(page.text).forms[0]
                data = {
                    i.name: i.value or ""
                    for i in form.inputs
                    if i.name and getattr(i, "type", "") not in ("radio", "submit")
                }
                radios = [i for i in form.inputs if getattr(i, "type", "") == "radio"]
                data["orcid"] = self.orcid or (radios[0].get("value") if radios else "")
                data["action"] = self.action
                answer = http.post(urljoin(url, form.action), data=data)
                location = answer.headers["location"]
                final = http.get(location)
                self.pages.append((location, final.status_code, final.text))
        except BaseException as err:
            self.error = err

    def join(self, timeout: float = 10) -> None:
        """Wait for the browser to finish."""
        if self._thread is not None:
            self._thread.join(timeout)

    @property
    def last_page(self) -> str:
        """The text of the last page seen."""
        return self.pages[-1][2] if self.pages else ""


def signed_in_logs(caplog: Any) -> str:
    """Captured log lines, without the scripted browser's own (they stand for another process)."""
    return "\n".join(
        caplog.handler.format(r) for r in caplog.records if r.threadName != BROWSER_THREAD
    )


def assert_no_secret_anywhere(logs: str, secrets: Sequence[str | None]) -> None:
    """No secret string in any file under the config, data, cache or log dirs, nor in ``logs``.

    Reusable: the claims tests call it after claiming, with the same secrets.
    """
    from claimdesk.config import paths

    dirs = paths()
    files = [
        f
        for d in (dirs.config_dir, dirs.data_dir, dirs.cache_dir, dirs.log_dir)
        if d.exists()
        for f in d.rglob("*")
        if f.is_file()
    ]
    assert files, "nothing was written, so nothing was checked"
    for secret in filter(None, secrets):
        assert secret not in logs, "a secret reached the logs"
        for f in files:
            assert secret.encode() not in f.read_bytes(), f"a secret is in {f}"
