"""Tokens in the OS keyring: the real Secret Service when there is one, a clear refusal when not.

CI runs this inside ``dbus-run-session`` with ``gnome-keyring-daemon --unlock`` so the tests
marked ``real_keyring`` go through the actual Secret Service; elsewhere they skip, saying why.
"""

from __future__ import annotations

import logging
from pathlib import Path

import keyring
import pytest
from auth_support import (
    ScriptedBrowser,
    assert_no_secret_anywhere,
    keyring_usable,
    real_keyring,
    register_test_client,
    signed_in_logs,
)
from jaraco.classes import properties
from keyring.backend import KeyringBackend
from keyring.backends import fail

from claimdesk.auth.accounts import AccountsIndex
from claimdesk.auth.client_secret import load_settings
from claimdesk.auth.flow import LoopbackFlow
from claimdesk.auth.redact import RedactingFilter, redact
from claimdesk.auth.session import open_client, save_sign_in, sign_out
from claimdesk.auth.tokens import (
    Token,
    TokenNotSavedError,
    TokenStore,
    load_client_secret,
    save_client_secret,
    service_name,
)
from claimdesk.config import Settings
from claimdesk.errors import KeyringError
from claimdesk.sandbox.server import Sandbox

pytestmark = pytest.mark.usefixtures("restore_keyring")


@pytest.fixture
def settings(sandbox: Sandbox) -> Settings:
    return register_test_client(sandbox)


class LockedKeyring(KeyringBackend):
    """A keyring backend whose collection is locked (as a locked Secret Service answers)."""

    @properties.classproperty
    def priority(cls) -> float:  # type: ignore[override]
        # keyring auto-registers every backend class; this one must never be chosen by itself
        raise RuntimeError("a test double, used only when passed in explicitly")

    def get_password(self, service: str, username: str) -> str | None:
        raise keyring.errors.KeyringLocked("Failed to unlock the collection!")

    def set_password(self, service: str, username: str, password: str) -> None:
        raise keyring.errors.KeyringLocked("Failed to unlock the collection!")

    def delete_password(self, service: str, username: str) -> None:
        raise keyring.errors.KeyringLocked("Failed to unlock the collection!")


def sample_token(orcid: str = "0000-0002-1825-0097") -> Token:
    return Token(
        orcid=orcid,
        access_token="access-" + "a" * 24,
        refresh_token="refresh-" + "b" * 24,
        name="Josiah Carberry",
        scopes=("/read-limited", "/activities/update"),
        expires_at=2_000_000_000.0,
        obtained_at=1_700_000_000.0,
    )


# --- the real Secret Service ------------------------------------------------------------------


def test_token_round_trips_through_the_os_keyring() -> None:
    backend = real_keyring()
    store = TokenStore()
    token = sample_token()
    store.save("local", token)
    try:
        assert store.load("local", token.orcid) == token
        raw = backend.get_password(service_name("local"), token.orcid)
        assert raw is not None and token.access_token in raw  # one JSON blob per iD
    finally:
        store.delete("local", token.orcid)
    assert store.load("local", token.orcid) is None


def test_client_secret_is_read_from_the_keyring_before_the_site_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_keyring()
    site = tmp_path / "site.toml"
    site.write_text('[local]\nclient_id = "APP-SITE"\nclient_secret = "from-site-file"\n')
    monkeypatch.setenv("CLAIMDESK_SITE_CONFIG", str(site))
    save_client_secret("local", "APP-SITE", "from-the-keyring")
    try:
        settings = load_settings(env="local", base_url="http://127.0.0.1:9")
        assert settings.client_secret == "from-the-keyring"
    finally:
        from claimdesk.auth.tokens import delete_client_secret

        delete_client_secret("local", "APP-SITE")
    assert load_client_secret("local", "APP-SITE") is None


def test_no_token_or_secret_in_any_file_or_log_after_sign_in(
    settings: Settings,
    sandbox: Sandbox,
    home: Path,
    caplog: pytest.LogCaptureFixture,
    capfd: pytest.CaptureFixture[str],
) -> None:
    """After a sign-in (through the OS keyring where there is one), no secret is in our dirs or logs."""
    caplog.set_level(logging.DEBUG)
    browser = ScriptedBrowser()
    token = LoopbackFlow(settings, timeout=10, open_browser=browser.open).run()
    browser.join()
    store = TokenStore(session_only=not keyring_usable())
    try:
        account = save_sign_in(settings, token, store=store)
        with open_client(settings, account, store=store) as client:
            client.read_works()
        logging.getLogger("claimdesk.test").info("signed in: %r %r", token, settings)
        code = browser.pages[-1][0].split("code=")[1].split("&")[0]
        assert "oauth/token" in signed_in_logs(caplog)  # the sign-in was logged at DEBUG level
        assert_no_secret_anywhere(
            signed_in_logs(caplog) + "".join(capfd.readouterr()),
            [token.access_token, token.refresh_token, settings.client_secret, code],
        )
    finally:
        sign_out(settings, token.orcid, store=store)


# --- no usable keyring ----------------------------------------------------------------------


def test_no_keyring_is_a_keyring_error_naming_the_problem() -> None:
    keyring.set_keyring(fail.Keyring())
    store = TokenStore()
    with pytest.raises(KeyringError, match="No usable keyring") as caught:
        store.check()
    assert "session only" in str(caught.value)


def test_no_keyring_offers_to_keep_the_sign_in_for_this_session_only(
    settings: Settings, home: Path
) -> None:
    keyring.set_keyring(fail.Keyring())
    token = LoopbackFlow(settings, timeout=10, open_browser=ScriptedBrowser().open).run()
    store = TokenStore()
    with pytest.raises(TokenNotSavedError, match="No usable keyring.*session only"):
        save_sign_in(settings, token, store=store)
    assert AccountsIndex().all() == []  # nothing half-saved
    account = save_sign_in(settings, token, store=TokenStore(session_only=True))
    with open_client(settings, account, store=store) as client:  # any store sees it
        assert client.read_works().groups
    assert AccountsIndex().current("local") == account
    files = [f for f in home.rglob("*") if f.is_file()]
    assert all(token.access_token.encode() not in f.read_bytes() for f in files)


def test_locked_keyring_is_reported_as_locked() -> None:
    store = TokenStore(LockedKeyring())
    with pytest.raises(KeyringError, match="locked"):
        store.check()
    with pytest.raises(TokenNotSavedError, match="locked"):
        store.save("local", sample_token())
    with pytest.raises(KeyringError, match="locked"):
        store.load("local", "0000-0002-1825-0097")


def test_settings_still_load_when_the_keyring_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    keyring.set_keyring(LockedKeyring())
    site = tmp_path / "site.toml"
    site.write_text('[local]\nclient_id = "APP-SITE"\nclient_secret = "from-site-file"\n')
    monkeypatch.setenv("CLAIMDESK_SITE_CONFIG", str(site))
    settings = load_settings(env="local", base_url="http://127.0.0.1:9")
    assert settings.client_secret == "from-site-file"


# --- secrets never shown ---------------------------------------------------------------------


def test_reprs_hide_tokens_and_the_client_secret(settings: Settings) -> None:
    token = sample_token()
    assert token.access_token not in repr(token) and token.refresh_token not in repr(token)
    assert settings.client_secret and settings.client_secret not in repr(settings)


def test_log_filter_blanks_secrets_in_messages_and_tracebacks() -> None:
    token = sample_token()
    token.register_secrets()
    assert token.access_token not in redact(f"sent {token.access_token}")
    assert redact("code=Ab3dE9&state=xyz") == "code=[redacted]&state=[redacted]"
    record = logging.LogRecord(
        "x", logging.INFO, __file__, 1, "body %s", ("client_secret=s3",), None
    )
    try:
        raise ValueError(f"refresh_token={token.refresh_token}")
    except ValueError:
        import sys

        record.exc_info = sys.exc_info()
    RedactingFilter().filter(record)
    assert "s3" not in record.getMessage()
    assert record.exc_text and token.refresh_token not in record.exc_text


def test_frozen_app_selects_the_platform_keyring_explicitly(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import sys

    from claimdesk.auth import tokens

    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(tokens, "_frozen_selected", False)
    monkeypatch.delenv("PYTHON_KEYRING_BACKEND", raising=False)
    keyring.set_keyring(fail.Keyring())
    backend = tokens.default_backend()
    expected = {"win32": "WinVaultKeyring", "darwin": "Keyring"}.get(sys.platform, "Keyring")
    assert type(backend).__name__ == expected and not isinstance(backend, fail.Keyring)
    assert type(backend).__module__ != fail.__name__
