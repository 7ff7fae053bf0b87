"""The first start explains what works without an account and what a member organisation
provides; Help has Getting started, the keyboard shortcuts and the demo; tabs have shortcuts."""

from __future__ import annotations

import argparse

import pytest
import ui_support  # noqa: F401  (offscreen Qt unless told otherwise)
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QTableWidget, QTextBrowser

from claimdesk.commands.gui import open_window
from claimdesk.ui.help_pages import MEMBER_API_DOCS, shortcut_rows


@pytest.fixture
def window(qtbot):
    """The app as a new user first sees it: no ORCID client configured, so the demo opens."""
    window = open_window(argparse.Namespace())
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.record.last_refreshed is not None, timeout=20_000)
    yield window
    window.ctx.shutdown()


def test_first_start_banner_says_what_a_member_organisation_provides(window):
    bar = window.message_bar
    text = bar.text()
    assert "This is a demo" in text and "nothing you do here reaches ORCID" in text
    assert "Public record tab" in text
    assert "claimdesk.toml" in text and "client id" in text and "keyring" in text
    assert MEMBER_API_DOCS in bar.label.text() and bar.label.openExternalLinks()
    assert bar.action_button.text() == "Getting started…"


def test_getting_started_page_opens_from_the_banner_and_from_help(qtbot, window):
    window.message_bar.action_button.click()
    page = window.help_pages["started"]
    assert page.isVisible() and page.windowTitle() == "Getting started"
    text = page.findChild(QTextBrowser).toPlainText()
    for words in (
        "Without any account",
        "Public record",
        "Import BibTeX",
        "DataCite Commons",
        "Member API credentials",
        "claimdesk.toml",
        "client secret",
        "Try the demo",
    ):
        assert words in text
    assert MEMBER_API_DOCS in page.findChild(QTextBrowser).toHtml()
    page.close()
    help_texts = [a.text() for a in window.help_menu.actions()]
    assert "&Getting started" in help_texts and "&Keyboard shortcuts" in help_texts
    assert any("Try the &demo" in t for t in help_texts)


def test_shortcuts_list_names_actions_and_tabs(qtbot, window):
    rows = {what: keys for keys, what in shortcut_rows(window)}
    assert rows["Refresh"] and rows["Find"]
    assert rows["Show the Works tab"] == "Ctrl+1"
    assert "Show the Public record tab" in rows
    window.shortcuts_action.trigger()
    table = window.help_pages["keys"].findChild(QTableWidget)
    assert table.rowCount() == len(rows) >= 8


def test_ctrl_number_switches_tabs(qtbot, window):
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window.tabs, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentIndex() == 1
    qtbot.keyClick(window.tabs, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentIndex() == 0


def test_try_the_demo_again_switches_to_it_instead_of_starting_another(qtbot, window):
    window.show_view("search")
    window.try_demo_action.trigger()
    assert window.tabs.currentIndex() == 0
    assert [s.env for s in window.record.sessions].count("demo") == 1
