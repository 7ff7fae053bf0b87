"""The Help menu's pages: "Getting started" (what works without an account, what a member
organisation provides) and the keyboard shortcuts, plus the tab shortcuts they list.

Built in code, shown non-modally, so a reader can keep the page open beside the window.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QMainWindow,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

#: ORCID's documentation of the Member API (what a member organisation's client can do).
MEMBER_API_DOCS = "https://info.orcid.org/documentation/features/member-api/"
#: ORCID's list of its member organisations.
MEMBERS_LIST = "https://orcid.org/members"
#: How many tabs get a Ctrl+number shortcut.
TAB_KEYS = 9


#: Qt's translate, under a name lupdate finds: every text here is in the "help" context.
translate = QCoreApplication.translate


def getting_started_html() -> str:
    """The "Getting started" page, as HTML."""
    return translate(
        "help",
        "<h2>Getting started with claimdesk</h2>"
        "<h3>Without any account</h3>"
        "<ol>"
        "<li><b>Look at any ORCID record.</b> In the <i>Public record</i> tab, type or paste an "
        "ORCID iD: its public works appear grouped as ORCID groups them, with every version's "
        "source, display index and the preferred version starred. This reads ORCID's Public "
        "API, which allows 10,000 anonymous reads a day from one internet address.</li>"
        "<li><b>Find what is missing.</b> <i>Find missing DOIs</i> searches DataCite and "
        "Crossref for works that name the iD and shows which are already on the record.</li>"
        "<li><b>Add them yourself.</b> <i>Save BibTeX for ORCID import</i> writes the missing "
        "works as a file for orcid.org's <i>Works → Add → Import BibTeX</i>; you become the "
        "source of those works. DataCite DOIs can also be claimed on DataCite Commons, which "
        "adds them with DataCite as source.</li>"
        "</ol>"
        "<h3>Claiming in bulk under claimdesk's name</h3>"
        "<p>Writing works to ORCID through its API needs <b>Member API credentials</b>, which "
        "ORCID gives to its member organisations (many universities, libraries and data "
        "centres). Ask your library or research office whether your institution is a member "
        "(<a href='{members}'>ORCID's member list</a>). An institution that deploys claimdesk "
        "provides:</p>"
        "<ul>"
        "<li>a site file <code>claimdesk.toml</code> with its ORCID <b>client id</b> and the "
        "registered redirect ports, installed next to the app;</li>"
        "<li>the <b>client secret</b>, which you (or the installer) store in this computer's "
        "keyring through <i>Settings</i> — never in a file.</li>"
        "</ul>"
        "<p>Then sign in with ORCID (<i>Account → Sign in</i>): claimdesk adds works with "
        "itself as source, so it can later edit or remove exactly those and nothing else. "
        "ORCID's documentation: <a href='{docs}'>the Member API</a>.</p>"
        "<h3>Try everything first</h3>"
        "<p><i>Help → Try the demo</i> opens a built-in sandbox on this computer with a sample "
        "researcher's record. Nothing done there reaches ORCID.</p>"
        "<h3>From a terminal</h3>"
        "<p><code>claimdesk works --public --orcid ID</code> lists a public record; "
        "<code>claimdesk search --orcid ID --public --orcid-import FILE</code> writes the "
        "BibTeX for ORCID's import. Every window action has a command; see "
        "<code>claimdesk --help</code>.</p>",
    ).format(members=MEMBERS_LIST, docs=MEMBER_API_DOCS)


def _page_dialog(parent: QWidget, title: str, body: QWidget) -> QDialog:
    dialog = QDialog(parent)
    dialog.setWindowTitle(title)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(body, 1)
    layout.addWidget(buttons)
    return dialog


def getting_started_dialog(parent: QWidget) -> QDialog:
    """A non-modal dialog with the Getting started page; links open in the browser."""
    browser = QTextBrowser()
    browser.setOpenExternalLinks(True)
    browser.setHtml(getting_started_html())
    dialog = _page_dialog(parent, translate("help", "Getting started"), browser)
    dialog.setObjectName("GettingStarted")
    dialog.resize(640, 620)
    return dialog


def shortcut_rows(window: QMainWindow) -> list[tuple[str, str]]:
    """(keys, what they do) for every action of ``window`` with a shortcut, and the tabs."""
    rows: list[tuple[str, str]] = []
    seen: set[tuple[str, str]] = set()
    actions = window.findChildren(QAction)
    for act in actions:
        keys = [k for k in act.shortcuts() if not k.isEmpty()]
        name = act.text().replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…")
        if not keys or not name:
            continue
        text = ", ".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in keys)
        if (text, name) not in seen:
            seen.add((text, name))
            rows.append((text, name))
    tabs = window.findChild(QTabWidget)
    if tabs is not None:
        for index in range(min(tabs.count(), TAB_KEYS)):
            keys = QKeySequence(f"Ctrl+{index + 1}").toString(
                QKeySequence.SequenceFormat.NativeText
            )
            label = tabs.tabText(index).replace("&", "")
            rows.append((keys, translate("help", "Show the %s tab") % label))
    rows += [
        (
            QKeySequence(QKeySequence.StandardKey.Find).toString(
                QKeySequence.SequenceFormat.NativeText
            ),
            translate("help", "Go to the filter (also when the window is too narrow to show it)"),
        ),
        (translate("help", "Escape"), translate("help", "Clear the filter")),
        (translate("help", "Ctrl+L"), translate("help", "Public record: go to the ORCID iD field")),
    ]
    return rows


def shortcuts_dialog(window: QMainWindow) -> QDialog:
    """A non-modal list of the keyboard shortcuts."""
    rows = shortcut_rows(window)
    table = QTableWidget(len(rows), 2)
    table.setHorizontalHeaderLabels([translate("help", "Keys"), translate("help", "Does")])
    table.verticalHeader().hide()
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.setSelectionMode(QTableWidget.SelectionMode.NoSelection)
    table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    for row, (keys, what) in enumerate(rows):
        table.setItem(row, 0, QTableWidgetItem(keys))
        table.setItem(row, 1, QTableWidgetItem(what))
    table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
    dialog = _page_dialog(window, translate("help", "Keyboard shortcuts"), table)
    dialog.setObjectName("Shortcuts")
    dialog.resize(520, 520)
    return dialog


def install_tab_shortcuts(window: QMainWindow, tabs: QTabWidget) -> list[QShortcut]:
    """Ctrl+1 … Ctrl+9 bring the first nine tabs to the front (as in browsers)."""
    shortcuts = []
    for index in range(TAB_KEYS):
        shortcut = QShortcut(QKeySequence(f"Ctrl+{index + 1}"), window)
        shortcut.activated.connect(
            lambda i=index: tabs.setCurrentIndex(i) if i < tabs.count() else None
        )
        shortcuts.append(shortcut)
    return shortcuts


def install_help(window, *, demo: Callable[[], None] | None = None) -> None:
    """Add Getting started, Keyboard shortcuts and (when ``demo`` is given) Try the demo to
    the window's Help menu, before About; and the tab shortcuts."""
    menu = window.help_menu
    first = menu.actions()[0] if menu.actions() else None
    pages: dict[str, QDialog] = {}

    def show(key: str, build: Callable[[], QDialog]) -> None:
        dialog = pages.get(key)
        if dialog is None:
            dialog = pages[key] = build()
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()

    started = QAction(translate("help", "&Getting started"), window)
    started.setShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents))
    started.triggered.connect(lambda: show("started", lambda: getting_started_dialog(window)))
    keys = QAction(translate("help", "&Keyboard shortcuts"), window)
    keys.triggered.connect(lambda: show("keys", lambda: shortcuts_dialog(window)))
    menu.insertAction(first, started)
    menu.insertAction(first, keys)
    if demo is not None:
        try_demo = QAction(
            translate("help", "Try the &demo (a sample record on this computer)"), window
        )
        try_demo.triggered.connect(demo)
        menu.insertAction(first, try_demo)
        window.try_demo_action = try_demo
    menu.insertSeparator(first)
    window.addAction(started)
    window.getting_started_action = started
    window.shortcuts_action = keys
    window.help_pages = pages
    install_tab_shortcuts(window, window.tabs)
