"""Shared pytest fixtures: where the shared data lives, and the ORCID XSDs loaded once."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from lxml import etree

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED = REPO_ROOT.parent / "shared"
ORCID_MODEL = SHARED / "orcid-model"
RECORD_3_0 = ORCID_MODEL / "record_3.0"


@pytest.fixture(autouse=True)
def _isolated_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    """No test reads or writes the real user's settings, accounts, journal, cache or logs.

    Nor a site file installed on this machine (a test that wants one sets
    ``CLAIMDESK_SITE_CONFIG``), nor the session-only tokens an earlier test kept. Every sandbox
    validates write bodies with ORCID's XSDs from ``../shared/orcid-model``.
    """
    home = tmp_path_factory.mktemp("claimdesk-home")
    monkeypatch.setenv("CLAIMDESK_HOME", str(home))
    monkeypatch.setenv("CLAIMDESK_SITE_CONFIG", "")
    # Every sandbox of the test run checks write bodies against ORCID's own XSDs (the app ships
    # the built-in rules instead; tests/test_schema_validation.py runs both).
    monkeypatch.setenv("CLAIMDESK_ORCID_SCHEMAS", str(ORCID_MODEL))
    for name in ("CLAIMDESK_ENV", "CLAIMDESK_BASE_URL", "CLAIMDESK_CLIENT_ID", "CLAIMDESK_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    yield home
    tokens = sys.modules.get("claimdesk.auth.tokens")
    if tokens is not None:
        tokens.SESSION_TOKENS.clear()


@pytest.fixture
def home(_isolated_home: Path) -> Path:
    """The test's ``CLAIMDESK_HOME``: ``config/``, ``data/``, ``cache/`` and ``log/`` below it."""
    return _isolated_home


@pytest.fixture
def restore_keyring() -> Iterator[None]:
    """Whatever keyring backend the test switches to, the next test has the one from before."""
    import keyring

    before = keyring.get_keyring()
    yield
    keyring.set_keyring(before)


@pytest.fixture(scope="session")
def shared() -> Path:
    """``../shared`` next to the repository: DESIGN, reference, orcid-model, fixtures."""
    if not SHARED.is_dir():
        pytest.fail(f"shared data not found at {SHARED}; the tests need it")
    return SHARED


@pytest.fixture(scope="session")
def xsd() -> dict[str, etree.XMLSchema]:
    """ORCID v3.0 schemas by name: ``work``, ``bulk``, ``activities``, ``error``."""
    return {
        name: etree.XMLSchema(etree.parse(str(RECORD_3_0 / f"{name}-3.0.xsd")))
        for name in ("work", "bulk", "activities", "error")
    }


@pytest.fixture
def sandbox():  # type: ignore[no-untyped-def]
    """A fresh, started demo-seed sandbox on a free port, stopped after the test."""
    from claimdesk.sandbox.server import Sandbox

    with Sandbox(seed="demo") as sb:
        yield sb


@pytest.fixture(scope="module")
def chromium():  # type: ignore[no-untyped-def]
    """A headless Chromium driven over CDP (tests/cdp.py), shared by a module's tests."""
    from cdp import Chromium, find_chromium

    binary = find_chromium()
    if binary is None:
        pytest.skip("Chromium is not installed (Debian: apt-get install chromium)")
    browser = Chromium(binary)
    try:
        yield browser
    finally:
        browser.close()


@pytest.fixture
def csb():  # type: ignore[no-untyped-def]
    """A started curator-seed sandbox (40 DOIs) for the permissions-service tests."""
    from claimdesk.sandbox.server import Sandbox

    with Sandbox(seed="curator", dois=40) as sb:
        yield sb


@pytest.fixture(params=("sqlite", "postgresql"))
def service_database(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh service database URL, once per backend (PostgreSQL: CLAIMDESK_TEST_POSTGRES)."""
    from service_support import database_url

    return database_url(request.param, tmp_path)
