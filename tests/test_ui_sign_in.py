"""Signing in from the window: the sign-in dialog against the sandbox, accounts, reconnect."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from auth_support import ScriptedBrowser, register_test_client  # noqa: E402
from keyring.backends import fail  # noqa: E402
from PySide6.QtGui import QGuiApplication  # noqa: E402
from ui_support import close_window, make_window  # noqa: E402

from claimdesk.auth.accounts import AccountsIndex  # noqa: E402
from claimdesk.auth.listener import parse_redirect_uri, port_is_free  # noqa: E402
from claimdesk.auth.session import save_sign_in  # noqa: E402
from claimdesk.auth.tokens import SESSION_TOKENS, Token, TokenStore  # noqa: E402
from claimdesk.config import Settings, save_user_settings  # noqa: E402
from claimdesk.orcid.client import OrcidClient  # noqa: E402
from claimdesk.orcid.errors import InvalidTokenError  # noqa: E402
from claimdesk.sandbox.seeds import DEMO_NAME, DEMO_ORCID, OTHER_RESEARCHERS  # noqa: E402
from claimdesk.sandbox.server import Sandbox  # noqa: E402
from claimdesk.ui.accounts_menu import AccountsController  # noqa: E402
from claimdesk.ui.interaction import Interaction  # noqa: E402
from claimdesk.ui.sign_in_dialog import SignInDialog  # noqa: E402
from claimdesk.ui.sign_in_words import describe_failure  # noqa: E402

OTHER_ORCID, OTHER_NAME = OTHER_RESEARCHERS[0]


@pytest.fixture
def settings(sandbox: Sandbox) -> Settings:
    return register_test_client(sandbox)


@pytest.fixture
def window(qtbot, home: Path):
    win = make_window(qtbot, home)
    yield win
    close_window(win)


def controller_for(window, settings: Settings, browser_open, *, store: TokenStore | None = None):
    """A controller whose sign-ins go to the sandbox test client; tokens in memory by default."""
    return AccountsController(
        window,
        store=store or TokenStore(session_only=True),
        settings_for=lambda env, base_url: settings,
        open_browser=browser_open,
        timeout=10,
    )


def sign_in_through_dialog(qtbot, window, dialog: SignInDialog) -> None:
    with qtbot.waitSignal(window.record.refreshed, timeout=15_000):
        dialog.start()


def test_sign_in_dialog_signs_in_and_the_window_shows_the_record(qtbot, window, settings, sandbox):
    browser = ScriptedBrowser(orcid=DEMO_ORCID)
    controller = controller_for(window, settings, browser.open)
    assert window.sign_in_available
    dialog = controller.sign_in(env="local")
    assert dialog.base_url_edit.isVisibleTo(dialog)  # local asks for the sandbox's address
    dialog.base_url_edit.setText(sandbox.base_url)
    sign_in_through_dialog(qtbot, window, dialog)
    assert dialog.result() == SignInDialog.DialogCode.Accepted
    assert dialog.url_edit.text().startswith(settings.endpoints.authorize_url)
    assert window.record.session.orcid == DEMO_ORCID and window.record.session.name == DEMO_NAME
    assert window.works.model.rowCount() > 0
    assert AccountsIndex().current("local").orcid == DEMO_ORCID
    assert "Signed in as Josiah Carberry" in browser.last_page


def test_without_a_browser_the_address_is_shown_with_a_copy_button(
    qtbot, window, settings, sandbox
):
    controller = controller_for(window, settings, lambda url: False)
    dialog = controller.sign_in(env="local")
    dialog.base_url_edit.setText(sandbox.base_url)
    dialog.start()
    qtbot.waitUntil(lambda: dialog.url_box.isVisibleTo(dialog), timeout=10_000)
    qtbot.waitUntil(lambda: "No browser opened" in dialog.status_label.text(), timeout=10_000)
    dialog.copy_button.click()
    url = QGuiApplication.clipboard().text()
    assert url == dialog.url_edit.text() and "state=" in url
    # the person pastes it into a browser
    browser = ScriptedBrowser()
    with qtbot.waitSignal(window.record.refreshed, timeout=15_000):
        browser.open(url)
    assert window.record.session is not None


def test_cancel_stops_the_sign_in_and_frees_the_port(qtbot, window, settings, sandbox):
    controller = controller_for(window, settings, lambda url: True)  # nobody comes back
    dialog = controller.sign_in(env="local")
    dialog.base_url_edit.setText(sandbox.base_url)
    dialog.start()
    qtbot.waitUntil(lambda: dialog.url_box.isVisibleTo(dialog), timeout=10_000)
    port, _ = parse_redirect_uri(settings.redirect_uris[0])
    assert not port_is_free(port)
    dialog.cancel_button.click()
    assert dialog.result() == SignInDialog.DialogCode.Rejected
    qtbot.waitUntil(lambda: not dialog.running, timeout=5_000)
    assert port_is_free(port)
    assert window.record.session is None and AccountsIndex().all() == []


def test_deny_is_explained_in_words(qtbot, window, settings, sandbox):
    browser = ScriptedBrowser(action="deny")
    controller = controller_for(window, settings, browser.open)
    dialog = controller.sign_in(env="local")
    dialog.base_url_edit.setText(sandbox.base_url)
    dialog.start()
    qtbot.waitUntil(lambda: bool(dialog.failure), timeout=10_000)
    assert dialog.failure == "Access was denied"
    assert "choose Authorize" in dialog.problem_text.text()
    assert dialog.problem.isVisibleTo(dialog) and dialog.start_button.text() == "Try again"
    assert window.record.session is None


def test_refused_code_exchange_offers_the_settings(qtbot, window, settings, sandbox):
    from dataclasses import replace

    wrong = replace(settings, client_secret="not-the-secret")
    browser = ScriptedBrowser()
    controller = controller_for(window, wrong, browser.open)
    dialog = controller.sign_in(env="local")
    dialog.base_url_edit.setText(sandbox.base_url)
    dialog.start()
    qtbot.waitUntil(lambda: bool(dialog.failure), timeout=10_000)
    assert dialog.failure == "ORCID refused to finish the sign-in"
    assert "client id and secret" in dialog.problem_text.text()
    assert "not-the-secret" not in dialog.problem_text.text()
    assert dialog.settings_button.isVisibleTo(dialog)


def _start_without_a_secret(qtbot, window, settings: Settings, sandbox: Sandbox) -> SignInDialog:
    """Start a sign-in whose settings lack the client secret; it must end before any browser."""
    from dataclasses import replace

    opened: list[str] = []
    controller = controller_for(
        window, replace(settings, client_secret=None), lambda url: bool(opened.append(url))
    )
    dialog = controller.sign_in(env="local")
    dialog.base_url_edit.setText(sandbox.base_url)
    dialog.start()
    qtbot.waitUntil(lambda: bool(dialog.failure), timeout=10_000)
    assert opened == []  # no trip to ORCID that could only end in invalid_client
    return dialog


def test_a_missing_client_secret_is_said_before_the_browser_opens(
    qtbot, window, settings, sandbox, monkeypatch, tmp_path
):

    from auth_support import real_keyring

    real_keyring()  # the keyring works; it just holds no secret for this client
    site = tmp_path / "claimdesk.toml"
    monkeypatch.setenv("CLAIMDESK_SITE_CONFIG", str(site))
    dialog = _start_without_a_secret(qtbot, window, settings, sandbox)
    assert dialog.failure == "claimdesk is not set up for this environment"
    said = dialog.problem_text.text()
    assert f"No client secret is configured for {settings.client_id} on local." in said
    assert "from Settings" in said and f"under [local] in the site file {site}" in said
    assert dialog.settings_button.isVisibleTo(dialog)


def test_a_locked_keyring_is_named_before_the_browser_opens(
    qtbot, window, settings, sandbox, restore_keyring
):

    import keyring
    from test_auth_keyring import LockedKeyring

    keyring.set_keyring(LockedKeyring())
    dialog = _start_without_a_secret(qtbot, window, settings, sandbox)
    assert dialog.failure == "The client secret cannot be read"
    said = dialog.problem_text.text()
    assert "the keyring is locked" in said and "unlock the keyring" in said


def test_failures_have_headlines_in_words():
    from claimdesk.auth.listener import SignInTimedOut
    from claimdesk.errors import AuthError

    assert describe_failure(SignInTimedOut("late"), 300)[0] == "No answer from the browser"
    assert "5 minutes" in describe_failure(SignInTimedOut("late"), 300)[1]
    state = AuthError("… does not belong to the sign-in it started (state mismatch), so …")
    assert describe_failure(state)[0] == "The answer did not belong to this sign-in"
    busy = AuthError("None of the registered redirect ports (8765) is free on 127.0.0.1.")
    assert describe_failure(busy)[0] == "The sign-in ports are in use"


def test_keyring_failure_offers_to_keep_the_sign_in_for_this_session_only(
    qtbot, window, settings, sandbox, home
):
    browser = ScriptedBrowser()
    controller = controller_for(window, settings, browser.open, store=TokenStore(fail.Keyring()))
    dialog = controller.sign_in(env="local")
    dialog.base_url_edit.setText(sandbox.base_url)
    dialog.start()
    qtbot.waitUntil(lambda: dialog.session_only_button.isVisibleTo(dialog), timeout=10_000)
    assert dialog.failure == "The keyring did not keep the sign-in"
    assert "No usable keyring" in dialog.problem_text.text()
    assert AccountsIndex().all() == []  # nothing kept until the user chooses
    with qtbot.waitSignal(window.record.refreshed, timeout=15_000):
        dialog.session_only_button.click()
    assert window.record.session.orcid == DEMO_ORCID
    token = SESSION_TOKENS.get("local", DEMO_ORCID)
    assert token is not None
    assert window.ctx.reads.wait(5000)  # the works cache is written in the background
    files = [f for f in home.rglob("*") if f.is_file()]
    assert all(token.access_token.encode() not in f.read_bytes() for f in files)


def _store_account(sandbox: Sandbox, settings: Settings, orcid: str, name: str) -> Token:
    token = Token(
        orcid=orcid, access_token=sandbox.issue_token(orcid, settings.client_id), name=name
    )
    save_sign_in(settings, token, store=TokenStore(session_only=True))
    return token


def test_stored_accounts_are_offered_and_switching_is_remembered(qtbot, window, settings, sandbox):
    save_user_settings("local", client_id=settings.client_id, base_url=sandbox.base_url)
    _store_account(sandbox, settings, DEMO_ORCID, DEMO_NAME)
    _store_account(sandbox, settings, OTHER_ORCID, OTHER_NAME)
    controller = controller_for(window, settings, None)
    sessions, current = controller.stored_sessions("local")
    assert [s.orcid for s in sessions] == [DEMO_ORCID, OTHER_ORCID]
    assert current == OTHER_ORCID  # the last signed in
    with qtbot.waitSignal(window.record.refreshed, timeout=10_000):
        window.record.set_accounts(sessions, current)
    assert window.record.session.orcid == OTHER_ORCID
    with qtbot.waitSignal(window.record.refreshed, timeout=10_000):
        window.account_combo.setCurrentIndex(0)
    assert window.record.session.orcid == DEMO_ORCID
    qtbot.waitUntil(lambda: AccountsIndex().current("local").orcid == DEMO_ORCID, timeout=5_000)
    # the Account menu offers both, Sign out and Settings
    window.account_menu.aboutToShow.emit()
    texts = [a.text() for a in window.account_menu.actions()]
    assert any(OTHER_NAME in t for t in texts)
    assert any(t.startswith("Sign out") for t in texts) and "Settings…" in texts


def test_sign_out_revokes_and_says_so(qtbot, window, settings, sandbox, monkeypatch):
    window.ctx.interaction = Interaction(confirm=True)
    save_user_settings("local", client_id=settings.client_id, base_url=sandbox.base_url)
    token = _store_account(sandbox, settings, DEMO_ORCID, DEMO_NAME)
    controller = controller_for(window, settings, None)
    with qtbot.waitSignal(window.record.refreshed, timeout=10_000):
        window.record.set_accounts(*controller.stored_sessions("local"))
    window.account_menu.aboutToShow.emit()
    [sign_out] = [a for a in window.account_menu.actions() if a.text().startswith("Sign out")]
    with qtbot.waitSignal(controller.signed_out, timeout=10_000) as signal:
        sign_out.trigger()  # Account ▸ Sign out Josiah Carberry…
    assert signal.args[0].revoked
    assert "revoked at ORCID" in window.message_bar.text()
    assert window.record.session is None and window.record.sessions == []
    assert AccountsIndex().all() == [] and SESSION_TOKENS.get("local", DEMO_ORCID) is None
    with (
        pytest.raises(InvalidTokenError),
        OrcidClient(settings, DEMO_ORCID, token.access_token, max_retries=0) as client,
    ):
        client.read_works()  # revoked at the sandbox


def test_sign_out_forgets_locally_when_revoking_fails_and_says_so(
    qtbot, window, settings, sandbox, monkeypatch
):
    window.ctx.interaction = Interaction(confirm=True)
    save_user_settings("local", client_id=settings.client_id, base_url=sandbox.base_url)
    _store_account(sandbox, settings, DEMO_ORCID, DEMO_NAME)
    controller = controller_for(window, settings, None)
    with qtbot.waitSignal(window.record.refreshed, timeout=10_000):
        window.record.set_accounts(*controller.stored_sessions("local"))
    sandbox.faults.fail_next(500, count=5, path_prefix="/oauth/revoke")
    with qtbot.waitSignal(controller.signed_out, timeout=10_000):
        controller.sign_out()
    text = window.message_bar.text()
    assert "not revoked at ORCID" in text and "Trusted parties" in text
    assert window.message_bar.level == "warning"
    assert AccountsIndex().all() == []


def test_reconnect_banner_after_a_revoked_token_goes_away_after_reconnecting(
    qtbot, window, settings, sandbox
):
    browser = ScriptedBrowser(orcid=DEMO_ORCID)
    controller = controller_for(window, settings, browser.open)
    dialog = controller.sign_in(env="local")
    dialog.base_url_edit.setText(sandbox.base_url)
    sign_in_through_dialog(qtbot, window, dialog)
    shown = window.works.model.rowCount()

    sandbox.revoke_token(SESSION_TOKENS.get("local", DEMO_ORCID).access_token)
    window.record.refresh()
    qtbot.waitUntil(lambda: "no longer valid" in window.message_bar.text(), timeout=10_000)
    assert window.message_bar.action_button.text() == "Reconnect…"
    assert window.record.session.needs_reconnect
    assert AccountsIndex().get("local", DEMO_ORCID).needs_reconnect
    assert window.works.model.rowCount() == shown  # the last copy stays on screen
    assert "reconnect needed" in window.account_combo.currentText()

    window.message_bar.action_button.click()  # Reconnect… opens the dialog for this account
    reconnecting = controller.dialog
    assert reconnecting is not dialog and reconnecting.reconnecting.orcid == DEMO_ORCID
    assert not reconnecting.env_combo.isEnabled()
    browser = ScriptedBrowser(orcid=DEMO_ORCID)
    reconnecting._open_browser = browser.open
    with qtbot.waitSignal(window.record.refreshed, timeout=15_000):
        reconnecting.start()
    assert window.message_bar.text() == ""
    assert not window.record.session.needs_reconnect
    assert not AccountsIndex().get("local", DEMO_ORCID).needs_reconnect
    assert "reconnect needed" not in window.account_combo.currentText()


def test_account_marked_at_start_shows_the_reconnect_banner_at_once(
    qtbot, window, settings, sandbox
):
    save_user_settings("local", client_id=settings.client_id, base_url=sandbox.base_url)
    _store_account(sandbox, settings, DEMO_ORCID, DEMO_NAME)
    AccountsIndex().set_needs_reconnect("local", DEMO_ORCID)
    controller = controller_for(window, settings, ScriptedBrowser().open)
    sessions, current = controller.stored_sessions("local")
    assert sessions[0].needs_reconnect
    window.record.set_accounts(sessions, current)
    qtbot.waitUntil(lambda: "no longer valid" in window.message_bar.text(), timeout=10_000)
    assert sandbox.stats.count("GET", f"/v3.0/{DEMO_ORCID}/works") == 0  # nothing was tried
    window.account_menu.aboutToShow.emit()
    assert "Reconnect…" in [a.text() for a in window.account_menu.actions()]
    with qtbot.waitSignal(window.record.refreshed, timeout=15_000):
        window.message_bar.action_button.click()
        controller.dialog.start()
    assert not window.record.session.needs_reconnect and window.message_bar.text() == ""
