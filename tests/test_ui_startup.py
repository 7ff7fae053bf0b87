"""A quick start: nothing slow runs before the main window is painted (issue 7)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from jaraco.classes import properties  # noqa: E402
from keyring.backend import KeyringBackend  # noqa: E402
from ui_support import close_window, make_window  # noqa: E402

from claimdesk.commands.gui import add_lazy_views  # noqa: E402
from claimdesk.config import load_settings  # noqa: E402
from claimdesk.ui.history_view import HistoryView  # noqa: E402
from claimdesk.ui.search_view import SearchView  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


class MemoryKeyring(KeyringBackend):
    """A keyring in a dict that counts how often it is read."""

    @properties.classproperty
    def priority(cls) -> float:  # type: ignore[override]
        # keyring auto-registers every backend class; this one must never be chosen by itself
        raise RuntimeError("a test double, used only when set explicitly")

    def __init__(self) -> None:
        super().__init__()
        self.items: dict[tuple[str, str], str] = {}
        self.reads = 0

    def get_password(self, service: str, username: str) -> str | None:
        self.reads += 1
        return self.items.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.items[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.items.pop((service, username), None)


def test_gui_settings_leave_the_keyring_until_the_secret_is_needed(restore_keyring) -> None:
    import keyring

    from claimdesk.auth.client_secret import load_settings as load_settings_with_secret
    from claimdesk.auth.client_secret import with_secret
    from claimdesk.auth.tokens import save_client_secret

    memory = MemoryKeyring()
    keyring.set_keyring(memory)
    save_client_secret("sandbox", "APP-LAZYSECRET00001", "s3cret-from-keyring")

    settings = load_settings(env="sandbox", client_id="APP-LAZYSECRET00001")
    assert settings.client_secret is None and memory.reads == 0

    assert with_secret(settings).client_secret == "s3cret-from-keyring"
    assert memory.reads == 1
    full = load_settings_with_secret(env="sandbox", client_id="APP-LAZYSECRET00001")
    assert with_secret(full) is full  # already looked: no second keyring read
    assert memory.reads == 2


def test_token_requests_fetch_the_secret_from_the_keyring(restore_keyring) -> None:
    import keyring

    from claimdesk.auth.oauth import _client_fields
    from claimdesk.auth.tokens import save_client_secret

    keyring.set_keyring(MemoryKeyring())
    save_client_secret("sandbox", "APP-LAZYSECRET00002", "secret-for-tokens")
    settings = load_settings(env="sandbox", client_id="APP-LAZYSECRET00002")

    assert _client_fields(settings)["client_secret"] == "secret-for-tokens"


def test_search_history_public_and_curator_tabs_are_built_when_first_opened(qtbot, home) -> None:
    window = make_window(qtbot, home)
    try:
        add_lazy_views(window)
        titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
        assert titles == ["Works", "Search", "History", "Public record", "Curator"]
        assert not window.findChildren(SearchView) and not window.findChildren(HistoryView)

        window.tabs.setCurrentIndex(titles.index("Search"))
        assert isinstance(window.view("search"), SearchView)
        assert window.tabs.currentWidget().isAncestorOf(window.view("search"))
        assert not window.findChildren(HistoryView)

        window.show_view("history")  # built on demand by name as well
        assert isinstance(window.view("history"), HistoryView)
        assert window.tabs.tabText(window.tabs.currentIndex()) == "History"
        assert len(window.findChildren(SearchView)) == 1  # built once
    finally:
        close_window(window)


@pytest.mark.timeout(60)
def test_start_up_imports_no_network_keyring_or_database_modules(home) -> None:
    """What loads before the first paint of a configured install, nobody signed in."""
    script = (
        "import argparse, sys\n"
        "from claimdesk.ui.app import create_application\n"
        "from claimdesk.commands.gui import open_window\n"
        "app = create_application(sys.argv[:1])\n"
        "window = open_window(argparse.Namespace())\n"
        "window.show(); app.processEvents()\n"
        "heavy = ('httpx', 'keyring', 'lxml.etree', 'sqlite3', 'claimdesk.auth.flow',\n"
        "         'claimdesk.sandbox.server', 'claimdesk.orcid.client')\n"
        "print(' '.join(m for m in heavy if m in sys.modules) or 'none')\n"
        "window.ctx.shutdown()\n"
    )
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "CLAIMDESK_HOME": str(home),
        "CLAIMDESK_ENV": "sandbox",
        "CLAIMDESK_CLIENT_ID": "APP-STARTUPTEST0001",
    }
    proc = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=50,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip().splitlines()[-1] == "none"


def test_the_command_word_is_found_past_options_and_their_values() -> None:
    from claimdesk.cli import command_named

    assert command_named([]) == "gui"
    assert command_named(["--demo", "-v"]) == "gui"
    assert command_named(["--env", "local", "--base-url", "http://x", "works"]) == "works"
    assert command_named(["--env=local", "claim", "--from", "dois.txt"]) == "claim"


def test_held_loading_reads_nothing_until_released(qtbot, tmp_path, sandbox) -> None:
    """The app holds the first read of a signed-in record until the window is painted."""
    from ui_support import sign_in

    signed = sign_in(sandbox)
    window = make_window(qtbot, tmp_path)
    try:
        sandbox.stats.reset()
        window.record.hold_loading()
        window.record.set_accounts([signed.session])
        assert window.record.session is signed.session
        assert window.ctx.reads.wait(2000)
        assert sandbox.stats.count() == 0
        assert window.record.last_refreshed is None
        with qtbot.waitSignal(window.record.refreshed, timeout=10_000):
            window.record.release_loading()
        assert window.works.model.rowCount() > 0
    finally:
        close_window(window)


def test_plain_claimdesk_skips_the_parser_but_gets_what_it_would_give() -> None:
    from claimdesk.cli import build_parser, plain_args

    assert vars(plain_args()) == vars(build_parser().parse_args([]))
    assert vars(plain_args()) == vars(build_parser("gui", only=True).parse_args([]))


def test_records_logged_before_the_log_file_opens_reach_it(home) -> None:
    """The app opens its log file after the first paint; nothing logged before is lost."""
    import logging

    from claimdesk.ui.app import HeldRecords, open_log_file, setup_logging

    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    try:
        path = setup_logging(open_file=False)
        assert path is not None
        assert any(isinstance(h, HeldRecords) for h in root.handlers)
        logging.getLogger("claimdesk.test").warning("held until the paint, token=abc123secret")
        assert not path.exists() or path.read_text() == ""
        open_log_file()
        open_log_file()  # a second call (at exit) changes nothing
        assert not any(isinstance(h, HeldRecords) for h in root.handlers)
        logging.getLogger("claimdesk.test").warning("after the paint")
        for handler in root.handlers:
            handler.flush()
        text = path.read_text(encoding="utf-8")
        assert "held until the paint" in text and "after the paint" in text
        assert text.index("held until the paint") < text.index("after the paint")
        assert "abc123secret" not in text  # still redacted
    finally:
        for handler in list(root.handlers):
            if handler not in handlers:
                root.removeHandler(handler)
                handler.close()
        root.setLevel(level)
