"""The message bar: success news fades away by itself; warnings and errors stay; links open."""

from __future__ import annotations

import ui_support  # noqa: F401  (offscreen Qt unless told otherwise)
from PySide6.QtWidgets import QVBoxLayout, QWidget

from claimdesk.ui.message_bar import MessageBar


def make_bar(qtbot) -> MessageBar:
    # In a window, as in the app: the bar tints its parent's colour.
    window = QWidget()
    bar = MessageBar()
    QVBoxLayout(window).addWidget(bar)
    bar.SUCCESS_MS, bar.SUCCESS_WITH_ACTION_MS, bar.FADE_MS = 50, 150, 50
    qtbot.addWidget(window)
    window.show()
    bar.holder = window  # keeps the window (and so the bar) alive for the test
    return bar


def test_success_banner_fades_away_by_itself(qtbot):
    bar = make_bar(qtbot)
    bar.show_message("Saved “A title”.", "success")
    assert bar.text() == "Saved “A title”."
    qtbot.waitUntil(bar.isHidden, timeout=3_000)
    assert bar.text() == "" and bar.graphicsEffect() is None


def test_success_banner_with_an_action_stays_longer(qtbot):
    bar = make_bar(qtbot)
    bar.show_message("Saved 3 works.", "success", action=("Open orcid.org", lambda: None))
    qtbot.wait(80)
    assert not bar.isHidden(), "an action to press keeps the news up longer"
    qtbot.waitUntil(bar.isHidden, timeout=3_000)


def test_errors_and_warnings_stay_until_dismissed(qtbot):
    bar = make_bar(qtbot)
    bar.show_message("Could not refresh from ORCID: offline", "error")
    qtbot.wait(300)
    assert bar.text().startswith("Could not refresh")
    bar.close_button.click()
    assert bar.isHidden()


def test_a_new_message_stops_an_old_fade(qtbot):
    bar = make_bar(qtbot)
    bar.show_message("Saved.", "success")
    bar.show_message("The record changed on orcid.org; nothing was saved.", "warning")
    qtbot.wait(300)
    assert bar.level == "warning" and not bar.isHidden()


def test_links_in_a_message_open_in_the_browser(qtbot):
    bar = make_bar(qtbot)
    bar.show_message("See <a href='https://info.orcid.org/'>ORCID</a> &amp; more.", links=True)
    assert bar.label.openExternalLinks()
    assert bar.text() == "See ORCID & more."
