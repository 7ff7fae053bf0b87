"""The Curator view's permissions-service panel: connect, see grants / inbox / runs, push.

Everything it does goes through :mod:`claimdesk.workflows.service` on a worker (the GUI thread
never touches the network); the API key goes to the OS keyring when the curator connects, and
the service URL is remembered in the GUI settings.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from claimdesk.ui.message_bar import MessageBar

if TYPE_CHECKING:
    from claimdesk.curator.report import RoundTripReport
    from claimdesk.workflows.service import ServiceSnapshot

URL_KEY = "curator/service_url"


def _tree(headers: list[str]) -> QTreeWidget:
    tree = QTreeWidget()
    tree.setHeaderLabels(headers)
    tree.setRootIsDecorated(False)
    tree.setAlternatingRowColors(True)
    tree.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    return tree


class ServicePanel(QGroupBox):
    """Connects the Curator view to a permissions service (``claimdesk serve``)."""

    refreshed = Signal(object)  # ServiceSnapshot
    pushed = Signal(object)  # the service's answer to a push
    items_shown = Signal(str)  # run id whose items are shown

    def __init__(
        self,
        ctx: Any,
        report: Callable[[], RoundTripReport | None],
        include_versions: Callable[[], bool],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Permissions service"))
        self.ctx = ctx
        self._report = report
        self._include_versions = include_versions
        self.snapshot: ServiceSnapshot | None = None
        self._busy = False
        self._build()
        self.url_edit.setText(str(ctx.qsettings.value(URL_KEY, "") or ""))
        self._update()

    def _build(self) -> None:
        self.url_edit = QLineEdit()
        self.url_edit.setPlaceholderText(self.tr("https://orcid.example.edu"))
        self.key_edit = QLineEdit()
        self.key_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.key_edit.setPlaceholderText(self.tr("API key (kept in the keyring)"))
        self.connect_button = QPushButton(self.tr("Connect"))
        self.connect_button.clicked.connect(self.refresh)
        self.push_button = QPushButton(self.tr("Push missing through the service"))
        self.push_button.setToolTip(
            self.tr("Queue the round trip's missing works; the service writes with the tokens")
        )
        self.push_button.clicked.connect(self.push)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Service")))
        row.addWidget(self.url_edit, 2)
        row.addWidget(self.key_edit, 1)
        row.addWidget(self.connect_button)
        row.addWidget(self.push_button)
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.message_bar = MessageBar(self)

        self.grants_tree = _tree(
            [self.tr("ORCID iD"), self.tr("Name"), self.tr("Status"), self.tr("Granted"),
             self.tr("Last used")]
        )  # fmt: skip
        self.inbox_tree = _tree(
            [self.tr("ORCID iD"), self.tr("State"), self.tr("Sent"), self.tr("DOIs")]
        )
        self.runs_tree = _tree(
            [self.tr("Run"), self.tr("Kind"), self.tr("Status"), self.tr("Results")]
        )
        self.runs_tree.itemSelectionChanged.connect(self._show_items)
        self.items_tree = _tree(
            [self.tr("ORCID iD"), self.tr("DOI"), self.tr("Outcome"), self.tr("Message")]
        )
        runs = QWidget()
        runs_layout = QVBoxLayout(runs)
        runs_layout.setContentsMargins(0, 0, 0, 0)
        runs_layout.addWidget(self.runs_tree, 1)
        runs_layout.addWidget(self.items_tree, 1)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.grants_tree, self.tr("Grants"))
        self.tabs.addTab(self.inbox_tree, self.tr("Inbox requests"))
        self.tabs.addTab(runs, self.tr("Runs"))

        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.message_bar)
        layout.addWidget(self.status_label)
        layout.addWidget(self.tabs, 1)
        # One row until connected: the round trip's table keeps the room when no service is used.
        self.status_label.hide()
        self.tabs.hide()

    # -- actions -------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Connect (keeping a newly typed key) and read grants, inbox requests and runs."""
        from claimdesk.workflows.service import snapshot

        url, key = self.url_edit.text().strip(), self.key_edit.text().strip() or None
        self.ctx.qsettings.setValue(URL_KEY, url)
        self._set_busy(True)
        self.ctx.reads.start(
            snapshot,
            url,
            key,
            on_result=self._show,
            on_error=self._failed,
            on_done=lambda: self._set_busy(False),
        )

    def push(self) -> None:
        """Queue the round trip's missing works on the service."""
        from claimdesk.workflows.service import push_missing

        report = self._report()
        if report is None or self.snapshot is None:
            return
        self._set_busy(True)
        self.ctx.reads.start(
            push_missing,
            self.snapshot.url,
            report,
            self._include_versions(),
            on_result=self._pushed,
            on_error=self._failed,
            on_done=lambda: self._set_busy(False),
        )

    # -- results -------------------------------------------------------------------------------

    def _show(self, snap: ServiceSnapshot) -> None:
        self.snapshot = snap
        self.key_edit.clear()
        self.message_bar.hide()
        self.status_label.show()
        self.tabs.show()
        counts = ", ".join(f"{n} {what}" for what, n in sorted(snap.counts().items()))
        status = snap.status
        polled = status.get("last_poll") or self.tr("never")
        self.status_label.setText(
            self.tr("{name} — researchers grant at {url}. {counts}. Auto-update: {auto} "
                    "(last poll {polled}).").format(
                name=status.get("institution", ""),
                url=status.get("grant_url", ""),
                counts=counts or self.tr("no grants yet"),
                auto=", ".join(status.get("auto_update") or []) or self.tr("off"),
                polled=polled,
            )
        )  # fmt: skip
        self._fill(self.grants_tree, [
            [g["orcid"], g.get("name") or "", g["status"], g["granted"][:10],
             (g.get("last_used") or "")[:19]]
            for g in snap.grants
        ])  # fmt: skip
        self._fill(self.inbox_tree, [
            [n["orcid"], n["status"], (n.get("sent") or n["created"])[:19], str(len(n["dois"]))]
            for n in snap.notifications
        ])  # fmt: skip
        self._fill(self.runs_tree, [
            [r["id"], r["kind"], r["status"],
             ", ".join(f"{v} {k}" for k, v in sorted(r["counts"].items()))]
            for r in snap.runs
        ])  # fmt: skip
        self._update()
        self.refreshed.emit(snap)

    def _show_items(self) -> None:
        from claimdesk.workflows.service import run_items

        selected = self.runs_tree.selectedItems()
        if not selected or self.snapshot is None:
            return
        run_id = selected[0].text(0)

        def show(items: list[dict[str, Any]]) -> None:
            self._fill(self.items_tree, [
                [i["orcid"], i["doi"], i.get("outcome") or i["state"], i.get("message") or ""]
                for i in items
            ])  # fmt: skip
            self.items_shown.emit(run_id)

        self.ctx.reads.start(run_items, self.snapshot.url, run_id, on_result=show,
                             on_error=self._failed)  # fmt: skip

    def _pushed(self, answer: dict[str, Any]) -> None:
        needs = answer.get("needs_permission") or []
        text = self.tr("Queued {n} works on the service.").format(n=answer.get("queued", 0))
        if needs:
            text += " " + self.tr("{n} researchers must first give permission at {url}.").format(
                n=len(needs), url=needs[0]["grant_url"]
            )
        self.message_bar.show_message(text, "info")
        self.pushed.emit(answer)
        self.refresh()

    def _failed(self, error: BaseException) -> None:
        self.message_bar.show_message(str(error), "error")

    # -- state ---------------------------------------------------------------------------------

    @staticmethod
    def _fill(tree: QTreeWidget, rows: list[list[str]]) -> None:
        tree.clear()
        tree.addTopLevelItems([QTreeWidgetItem(row) for row in rows])

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self._update()

    def _update(self) -> None:
        self.connect_button.setEnabled(not self._busy)
        self.connect_button.setText(self.tr("Refresh") if self.snapshot else self.tr("Connect"))
        self.push_button.setEnabled(
            not self._busy and self.snapshot is not None and self._report() is not None
        )

    def report_changed(self) -> None:
        """The Curator view has a new report: pushing it may now be possible."""
        self._update()
