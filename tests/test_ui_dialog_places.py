"""The sign-in and Settings dialogs follow the environment and base URL the app runs on; a
problem met in one environment goes when another is chosen; an address where nothing answers
is named before any browser opens; Settings speaks of keyrings without Python class names."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from auth_support import register_test_client
from ui_support import close_window

from claimdesk.auth.keyring_names import keyring_name, without_class_names
from claimdesk.auth.tokens import TokenStore
from claimdesk.config import Settings, local_endpoints
from claimdesk.ui.accounts_menu import AccountsController
from claimdesk.ui.app import create_context
from claimdesk.ui.main_window import MainWindow


def closed_port() -> int:
    """A loopback port where nothing listens (bound, then released)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def local_window(qtbot, home: Path):
    """The app as ``claimdesk --env local --base-url http://127.0.0.1:PORT`` opens it."""
    base = f"http://127.0.0.1:{closed_port()}"
    settings = Settings(
        endpoints=local_endpoints(base), client_id="APP-PLACESTEST00001", client_secret="s"
    )
    ctx = create_context(settings, home=home)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.test_base_url = base
    yield window
    close_window(window)


def controller(window, settings_for=None, opened=None):
    return AccountsController(
        window,
        store=TokenStore(session_only=True),
        settings_for=settings_for or (lambda env, base_url: window.ctx.settings),
        open_browser=(opened.append if opened is not None else lambda url: True),
        timeout=10,
    )


def test_sign_in_opens_on_the_apps_environment_and_base_url(local_window):
    dialog = controller(local_window).sign_in()
    assert dialog.env == "local"
    assert dialog.base_url_edit.text() == local_window.test_base_url
    assert dialog.base_url_edit.isVisibleTo(dialog)


def test_sign_in_to_an_address_where_nothing_answers_says_so_before_the_browser(
    qtbot, local_window
):
    opened: list[str] = []
    dialog = controller(local_window, opened=opened).sign_in()
    dialog.start()
    qtbot.waitUntil(lambda: bool(dialog.failure), timeout=10_000)
    assert dialog.failure == "ORCID could not be reached"
    assert "Nothing answers at 127.0.0.1:" in dialog.problem_text.text()
    assert "Waiting for you in the browser" not in dialog.status_label.text()
    assert opened == [], "no browser was sent to an address where nothing answers"


def test_a_stale_problem_goes_when_another_environment_is_chosen(qtbot, local_window):
    dialog = controller(local_window).sign_in()
    dialog.base_url_edit.setText("")
    dialog.start()  # refused at once: a local sign-in needs a base URL
    assert dialog.failure == "A base URL is needed" and not dialog.problem.isHidden()
    dialog.env_combo.setCurrentIndex(dialog.env_combo.findData("sandbox"))
    assert dialog.problem.isHidden() and dialog.failure == ""
    assert dialog.start_button.text() == "Sign in"


def test_typing_another_address_clears_the_old_problem(qtbot, local_window):
    dialog = controller(local_window).sign_in()
    dialog.start()
    qtbot.waitUntil(lambda: bool(dialog.failure), timeout=10_000)
    qtbot.keyClicks(dialog.base_url_edit, "0")
    assert dialog.problem.isHidden()


def test_sign_in_works_after_the_address_is_corrected(qtbot, local_window, sandbox):
    settings = register_test_client(sandbox)
    from auth_support import ScriptedBrowser

    from claimdesk.sandbox.seeds import DEMO_ORCID

    browser = ScriptedBrowser(orcid=DEMO_ORCID)
    places: list[str] = []

    def settings_for(env: str, base_url: str | None) -> Settings:
        places.append(base_url or "")
        if base_url == local_window.test_base_url:
            return Settings(
                endpoints=local_endpoints(base_url),
                client_id=settings.client_id,
                client_secret=settings.client_secret,
                redirect_uris=settings.redirect_uris,
            )
        return settings

    dialog = AccountsController(
        local_window,
        store=TokenStore(session_only=True),
        settings_for=settings_for,
        open_browser=browser.open,
        timeout=10,
    ).sign_in()
    dialog.start()
    qtbot.waitUntil(lambda: dialog.failure == "ORCID could not be reached", timeout=10_000)
    dialog.base_url_edit.setText(sandbox.base_url)
    with qtbot.waitSignal(local_window.record.refreshed, timeout=15_000):
        dialog.start()
    assert local_window.record.session.orcid == DEMO_ORCID
    assert places == [local_window.test_base_url, sandbox.base_url]


def test_settings_open_on_the_apps_environment_with_its_base_url(qtbot, local_window):
    dialog = controller(local_window).open_settings()
    with qtbot.waitSignal(dialog.loaded, timeout=10_000):
        pass
    assert dialog.tabs.currentWidget() is dialog.pages["local"]
    assert dialog.pages["local"].base_url.text() == local_window.test_base_url
    dialog.reject()


def test_settings_name_the_keyring_without_python_class_names(qtbot, local_window):
    dialog = controller(local_window).open_settings()
    with qtbot.waitSignal(dialog.loaded, timeout=10_000):
        pass
    said = dialog.keyring_label.text()
    assert "keyring.backends" not in said and ".Keyring" not in said
    assert "keyring" in said.lower()
    dialog.reject()


def test_keyring_names_are_what_users_know(restore_keyring):
    import keyring
    from keyring.backends import SecretService, fail

    keyring.set_keyring(SecretService.Keyring())
    assert keyring_name(TokenStore()) == "the desktop's Secret Service (GNOME Keyring, KWallet)"
    assert keyring_name(TokenStore(session_only=True)) == "this session only (memory)"
    keyring.set_keyring(fail.Keyring())
    assert "keyring.backends" not in keyring_name(TokenStore())
    assert (
        without_class_names(
            "The keyring SecretService Keyring (keyring.backends.SecretService.Keyring) is locked."
        )
        == "The keyring SecretService Keyring is locked."
    )
