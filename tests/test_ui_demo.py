"""The demo keeps its claims, cached works and checkpoints to itself and removes them at exit."""

from __future__ import annotations

import argparse
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

from claimdesk.claims.runner import RunStatus  # noqa: E402
from claimdesk.commands.gui import open_window  # noqa: E402
from claimdesk.config import (  # noqa: E402
    paths,
    read_config_file,
    save_user_settings,
    user_config_file,
)


def files_under(*folders) -> list[str]:
    return sorted(str(p) for folder in folders if folder.exists() for p in folder.rglob("*"))


@pytest.mark.parametrize(
    "args",
    [argparse.Namespace(demo=True), argparse.Namespace()],
    ids=["--demo", "no client configured"],
)
def test_demo_claims_leave_no_journal_or_cache_in_the_users_folders(qtbot, args):
    window = open_window(args)
    qtbot.addWidget(window)
    try:
        qtbot.waitUntil(lambda: window.record.last_refreshed is not None, timeout=20_000)
        assert window.record.session.env == "demo"
        demo_dir = window.record.session.data_dir
        search = window.view("search")
        with qtbot.waitSignal(search.search_finished, timeout=20_000):
            search.start_search()
        search.select_all_unclaimed()
        with qtbot.waitSignal(search.claim_finished, timeout=20_000) as finished:
            search.claim_selected()
        assert finished.args[0].status is RunStatus.COMPLETED
        qtbot.waitUntil(lambda: any(demo_dir.rglob("works-*.json")), timeout=10_000)
        assert (demo_dir / "journal.sqlite3").is_file()
    finally:
        window.ctx.shutdown()

    home = paths()
    assert files_under(home.data_dir, home.cache_dir) == []
    assert not demo_dir.exists()


def test_settings_saved_during_the_demo_persist_in_the_users_config_dir(qtbot):
    window = open_window(argparse.Namespace(demo=True))
    qtbot.addWidget(window)
    try:
        saved = save_user_settings("sandbox", client_id="APP-REALCLIENT000001")
    finally:
        window.ctx.shutdown()

    assert saved == user_config_file() and saved.parent == paths().config_dir
    assert read_config_file(saved)["sandbox"]["client_id"] == "APP-REALCLIENT000001"


@pytest.mark.parametrize(
    "args",
    [argparse.Namespace(demo=True), argparse.Namespace()],
    ids=["--demo", "no client configured"],
)
def test_the_app_starts_the_demo_once_the_window_is_painted(qtbot, args):
    window = open_window(args, after_paint=True)
    qtbot.addWidget(window)
    try:
        assert window.record.session is None  # the sandbox has not started yet
        assert window.works.empty_title.text() == "Starting the demo…"
        assert window.works.empty_buttons.isHidden()
        window.show()
        qtbot.waitUntil(lambda: window.record.last_refreshed is not None, timeout=20_000)
        assert window.record.session.env == "demo"
        assert window.works.empty_title.text() == "No ORCID record open"  # for a later sign-out
        assert not window.works.empty_buttons.isHidden()
    finally:
        window.ctx.shutdown()
