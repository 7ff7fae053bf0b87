"""Narrow windows fit (bars wrap instead of widening the window); errors from files in words."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
from PySide6.QtWidgets import QCheckBox, QPushButton  # noqa: E402
from ui_support import close_window, make_window, sign_in  # noqa: E402

from claimdesk.ui.curator_view import install_curator_view  # noqa: E402
from claimdesk.ui.history_view import HistoryView  # noqa: E402
from claimdesk.ui.search_view import install_search_view  # noqa: E402
from claimdesk.ui.wrap_bar import WrapBar  # noqa: E402

#: a 1600 px screen split in two
HALF_SCREEN = 800


@pytest.fixture
def window(qtbot, home, sandbox):
    win = make_window(qtbot, home, sign_in(sandbox).session)
    install_search_view(win)
    win.add_view(HistoryView(win.ctx), "History", key="history")
    install_curator_view(win)
    yield win
    close_window(win)


def test_every_view_fits_a_half_screen_window(qtbot, window):
    window.show()
    for key in ("works", "search", "history", "curator"):
        window.show_view(key)
        view = window.view(key)
        assert view.minimumSizeHint().width() <= HALF_SCREEN - 40, key
    assert window.minimumSizeHint().width() <= HALF_SCREEN


def test_search_claim_bar_wraps_when_narrow_and_nothing_is_cut(qtbot, window):
    window.show()
    window.show_view("search")
    search = window.view("search")
    window.resize(1360, 800)
    qtbot.waitUntil(lambda: not search.claim_bar.wrapped)
    window.resize(HALF_SCREEN, 600)
    qtbot.waitUntil(lambda: search.claim_bar.wrapped)
    bar = search.claim_bar
    widgets = [*bar.findChildren(QPushButton), *bar.findChildren(QCheckBox)]

    def nothing_cut() -> bool:
        # every button and option gets the width its text needs, inside the bar
        return all(
            w.width() >= w.minimumSizeHint().width() and w.geometry().right() <= bar.width()
            for w in widgets
        )

    qtbot.waitUntil(nothing_cut)
    window.resize(1360, 800)
    qtbot.waitUntil(lambda: not search.claim_bar.wrapped)


def test_wrap_bar_minimum_is_its_wider_group(qtbot):
    left = [QCheckBox("a fairly long option label"), QCheckBox("another option")]
    right = [QPushButton("One"), QPushButton("Two")]
    bar = WrapBar(left, right)
    qtbot.addWidget(bar)
    one_row = bar.left_row.minimumSize().width() + bar.right_row.minimumSize().width()
    assert bar.minimumSizeHint().width() < one_row
    bar.fit(one_row + 50)
    assert not bar.wrapped
    bar.fit(bar.minimumSizeHint().width())
    assert bar.wrapped


def test_an_export_that_cannot_be_written_names_the_file_in_words(qtbot, window, tmp_path):
    target = tmp_path / "no-such-folder" / "works.csv"
    window.actions.export_visible("csv", target)
    qtbot.waitUntil(lambda: "Could not export" in window.message_bar.text(), timeout=5_000)
    text = window.message_bar.text()
    assert str(target) in text
    assert "No such file or directory." in text
    assert "Errno" not in text and ".partial" not in text


def test_a_curator_export_that_cannot_be_written_is_said_in_words(qtbot, window, tmp_path):
    window.show_view("curator")
    curator = window.view("curator")
    with qtbot.waitSignal(curator.run_finished, timeout=30_000):
        curator.start_run()
    target = tmp_path / "no-such-folder" / "report.json"
    curator.export("json", target)
    qtbot.waitUntil(lambda: "Could not export" in curator.message_bar.text(), timeout=5_000)
    text = curator.message_bar.text()
    assert str(target) in text and "No such file or directory." in text
    assert "Errno" not in text
