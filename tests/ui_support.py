"""Helpers for the main-window tests: a window on a sandbox, with a session whose token we know."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from dataclasses import dataclass  # noqa: E402
from pathlib import Path  # noqa: E402

from claimdesk.config import Settings, load_settings  # noqa: E402
from claimdesk.orcid.client import OrcidClient  # noqa: E402
from claimdesk.orcid.model import ExternalId, PublicationDate, Source, Work  # noqa: E402
from claimdesk.sandbox.seeds import (  # noqa: E402
    DEMO_CLIENT_ID,
    DEMO_CLIENT_SECRET,
    DEMO_NAME,
    DEMO_ORCID,
)
from claimdesk.sandbox.server import Sandbox  # noqa: E402
from claimdesk.workflows.session import AccountSession  # noqa: E402

OURS = Source(client_id=DEMO_CLIENT_ID, name="claimdesk")


@dataclass
class Signed:
    """A session on a sandbox plus the token it uses (so a test can revoke it)."""

    session: AccountSession
    token: str


def sign_in(sb: Sandbox, env: str = "demo") -> Signed:
    """A session for the demo researcher with a fresh token."""
    settings = Settings(
        endpoints=sb.endpoints, client_id=DEMO_CLIENT_ID, client_secret=DEMO_CLIENT_SECRET
    )
    token = sb.issue_token(DEMO_ORCID, DEMO_CLIENT_ID)
    holder = [token]
    session = AccountSession(
        orcid=DEMO_ORCID,
        name=DEMO_NAME,
        env=env,
        settings=settings,
        open_client=lambda: OrcidClient(settings, DEMO_ORCID, holder[0], max_retries=0),
    )

    def reconnect() -> None:
        holder[0] = sb.issue_token(DEMO_ORCID, DEMO_CLIENT_ID)
        session.close()

    session.reconnect = reconnect
    return Signed(session, token)


def make_window(qtbot, home: Path, session: AccountSession | None = None, *, wait: bool = True):
    """A MainWindow with its own context under ``home``; waits for the first refresh."""
    from claimdesk.ui.app import create_context
    from claimdesk.ui.main_window import MainWindow

    settings = session.settings if session else load_settings(env="production")
    ctx = create_context(settings, home=home)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    if session is not None:
        if wait:
            with qtbot.waitSignal(window.record.refreshed, timeout=10_000):
                window.record.set_accounts([session])
        else:
            window.record.set_accounts([session])
    return window


def close_window(window) -> None:
    """Let background tasks finish before the sandbox goes away."""
    window.ctx.shutdown()
    if window.record.session is not None:
        window.record.session.close()


def own_work(title: str, doi: str, year: int = 2021) -> Work:
    """A work as claimdesk would add it."""
    return Work(
        title=title,
        type="journal-article",
        external_ids=(ExternalId("doi", doi, "self"),),
        publication_date=PublicationDate(year),
        journal_title="Journal of Tests",
    )


def add_own_works(sb: Sandbox, *titles: str) -> list[int]:
    """Put works on the demo record as if claimdesk had added them; their put-codes."""
    return [
        sb.store.add_work(DEMO_ORCID, own_work(t, f"10.5555/test.{i}.{abs(hash(t)) % 10**6}"), OURS)
        for i, t in enumerate(titles)
    ]


def rows(window):
    """(view index, WorkGroup) of every visible group."""
    from claimdesk.ui.works_model import Role

    proxy = window.works.proxy
    return [
        (proxy.index(r, 0), proxy.index(r, 0).data(Role.GROUP)) for r in range(proxy.rowCount())
    ]


def select_put_codes(window, *put_codes: int) -> None:
    """Select the version rows with these put-codes (expanding their groups)."""
    from PySide6.QtCore import QItemSelectionModel

    selection = window.works.tree.selectionModel()
    selection.clearSelection()
    for pc in put_codes:
        src = window.works.model.find_put_code(pc)
        assert src.isValid(), f"put-code {pc} not in the view"
        index = window.works.proxy.mapFromSource(src)
        window.works.tree.expand(index.parent())
        selection.select(
            index, QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        )
        selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.NoUpdate)


class WorksPage:
    """The Works tab as a user meets it: what it shows, allows and says, and what one does there.

    UI tests talk to this page object instead of reaching into the window's attributes, so a
    change of layout is one change here, not in every test.
    """

    def __init__(self, window) -> None:
        self.window = window

    # -- what the user sees --------------------------------------------------------------------

    @property
    def refreshed(self):
        """The signal that a fresh copy of the record is shown."""
        return self.window.record.refreshed

    def message(self) -> str:
        """The message bar's text ('' when hidden)."""
        return self.window.message_bar.text()

    def groups(self):
        """The record's groups as the Works tab holds them."""
        return self.window.works.model.table.groups

    def shows(self, put_code: int) -> bool:
        """Whether the version with ``put_code`` is in the tree."""
        return self.window.works.model.find_put_code(put_code).isValid()

    def can_edit(self) -> bool:
        """Whether Edit is enabled for the selection."""
        return self.window.actions.edit_action.isEnabled()

    def can_delete(self) -> bool:
        """Whether Delete is enabled for the selection."""
        return self.window.actions.delete_action.isEnabled()

    def can_export(self) -> bool:
        """Whether the exports are enabled."""
        return self.window.actions.export_csv_action.isEnabled()

    def can_filter(self) -> bool:
        """Whether the filter box takes input."""
        return self.window.works.filter_edit.isEnabled()

    def edit_tip(self) -> str:
        """What Edit's tooltip says (why it is off, or what it does)."""
        return self.window.actions.edit_action.toolTip()

    def delete_tip(self) -> str:
        """What Delete's tooltip says (why it is off, or what it does)."""
        return self.window.actions.delete_action.toolTip()

    # -- what the user does --------------------------------------------------------------------

    def select(self, *put_codes: int) -> None:
        """Select these versions (expanding their groups)."""
        select_put_codes(self.window, *put_codes)

    def refresh(self) -> None:
        """View ▸ Refresh."""
        self.window.record.refresh()

    def open_editor(self, qtbot):
        """Edit the selected work; the edit dialog once it is open."""
        self.window.actions.edit_selected()
        qtbot.waitUntil(lambda: self.window.actions.edit_dialog is not None, timeout=5000)
        return self.window.actions.edit_dialog

    def delete_selected(self) -> None:
        """Edit ▸ Delete… (answered by the context's interaction)."""
        self.window.actions.delete_selected()

    def delete(self, items) -> None:
        """Delete ``items`` without the selection (as if the checks had been bypassed)."""
        self.window.actions.delete_works(items)

    def client(self):
        """The open record's ORCID client."""
        return self.window.record.session.client()
