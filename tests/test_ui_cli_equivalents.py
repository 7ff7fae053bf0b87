"""The GUI adds nothing the CLI cannot do: every action of the running app names a command.

Walks the menus (filled as they open), the toolbar, the empty page and every view's buttons of
a window built as ``claimdesk --demo`` builds it, and checks that each action has an entry in
``ui/cli_equivalents`` whose command line the real CLI parser accepts.
"""

from __future__ import annotations

import argparse
import shlex

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QPushButton, QWidget, QWidgetAction

from claimdesk.cli import build_parser, command_named
from claimdesk.commands.gui import open_window
from claimdesk.ui.cli_equivalents import SWITCH_ACCOUNT, command_for, command_for_text
from claimdesk.ui.message_bar import MessageBar

VIEWS = ("search", "history", "public", "curator")


def _owner_attribute(owners: dict[str, object], widget: object) -> tuple[str, str] | None:
    for where, owner in owners.items():
        for name, value in vars(owner).items():
            if value is widget:
                return where, name
    return None


def _menu_actions(menu: QMenu) -> list[QAction]:
    menu.aboutToShow.emit()  # menus filled as they open (Account, File)
    found: list[QAction] = []
    for act in menu.actions():
        if act.isSeparator():
            continue
        if act.menu() is not None:
            found += _menu_actions(act.menu())
        else:
            found.append(act)
    return found


def _parses(command: str) -> None:
    argv = shlex.split(command)
    parser = build_parser(command_named(argv))
    try:
        parser.parse_args(argv)
    except SystemExit as exit_:  # --version prints and exits 0; a usage error exits 2
        assert exit_.code == 0, f"'claimdesk {command}' is not a valid command line"


@pytest.fixture
def window(qtbot, home):
    win = open_window(argparse.Namespace(demo=True))
    qtbot.addWidget(win)
    qtbot.waitUntil(lambda: win.record.table.groups != (), timeout=10_000)
    yield win
    win.ctx.shutdown()


def test_every_gui_action_has_a_cli_command(window, capsys):
    owners: dict[str, object] = {"window": window, "actions": window.actions, "works": window.works}
    owners |= {key: window.view(key) for key in VIEWS}
    # Panels a view holds (the Curator's permissions-service panel) own their buttons.
    owners |= {
        f"{key}.{name}": panel
        for key in VIEWS
        for name, panel in vars(owners[key]).items()
        if isinstance(panel, QWidget) and type(panel).__module__.startswith("claimdesk.ui.")
        and panel.findChildren(QPushButton)
    }  # fmt: skip
    widgets: list[QAction | QPushButton] = []
    for top in window.menuBar().actions():
        widgets += _menu_actions(top.menu())
    widgets += [
        a
        for a in window.toolbar.actions()
        if not a.isSeparator() and not isinstance(a, QWidgetAction)
    ]
    for where in ("works", *VIEWS):
        widgets += [
            b
            for b in owners[where].findChildren(QPushButton)
            if not any(isinstance(p, MessageBar) for p in _parents(b))
        ]
    labels = {session.label for session in window.record.sessions}
    checked: dict[str, str] = {}
    unknown: list[str] = []
    for widget in dict.fromkeys(widgets):
        text = widget.text().replace("&", "")
        found = _owner_attribute(owners, widget)
        if found is not None:
            command = command_for(*found)
        elif text in labels or any(text.startswith(label) for label in labels):
            command = SWITCH_ACCOUNT
        else:
            command = command_for_text(text)
        if command is None:
            unknown.append(f"{text!r} ({found})")
            continue
        checked[text] = command
    assert unknown == [], f"GUI actions without a CLI equivalent: {unknown}"
    commands = {c for c in checked.values() if c}
    for command in commands:
        _parses(command)
    capsys.readouterr()  # --version printed
    # What the issue named as GUI-only is reachable from the command line now.
    for text, command in (("Edit…", "edit"), ("Delete…", "delete"),
                          ("Export visible works as BibTeX…", "works --bibtex")):  # fmt: skip
        assert checked[text].startswith(command)
    assert len(checked) >= 30  # menus, toolbar, the four views: all walked


def _parents(widget):
    parent = widget.parentWidget()
    while parent is not None:
        yield parent
        parent = parent.parentWidget()
