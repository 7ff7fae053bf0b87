"""The push plan, shown before anything is sent: works to add per researcher, and who must first
give permission (with the authorization link to send them, one click to copy).

The dialog only shows a :class:`~claimdesk.curator.push.PushPlan` (decided beforehand, pure) and
returns Accepted when the curator chooses to send it; the Curator view does the sending.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from claimdesk.curator.push import PushPlan


def _count(n: int, one: str, many: str) -> str:
    return f"{n:,} {one if n == 1 else many}"


class PushPlanDialog(QDialog):
    """What a push would do; "Add N works" sends it, Cancel sends nothing."""

    def __init__(self, plan: PushPlan, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plan = plan
        self.setWindowTitle(self.tr("Push to ORCID records — claimdesk"))
        self.setMinimumSize(820, 480)

        works, records = plan.work_count, len(plan.targets)
        heading = QLabel(
            self.tr("Add %s to %s")
            % (_count(works, "work", "works"), _count(records, "ORCID record", "ORCID records"))
            if works
            else self.tr("Nothing can be added yet")
        )
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        font.setBold(True)
        heading.setFont(font)
        waiting = len(plan.needs_permission)
        who = (
            self.tr("%s to give permission first: send them the authorization link.")
            % _count(waiting, "researcher needs", "researchers need")
            if waiting
            else self.tr("Every researcher concerned has given permission.")
        )
        explanation = QLabel(
            self.tr(
                "Only researchers who signed in to claimdesk on this computer (and allowed it to "
                "add works) can have works added. %s Nothing is ever deleted by a push."
            )
            % who
        )
        explanation.setWordWrap(True)

        self.targets_tree = QTreeWidget()
        self.targets_tree.setHeaderLabels([self.tr("Researcher / DOI"), self.tr("Works")])
        for target in plan.targets:
            who = f"{target.name} ({target.orcid})" if target.name else target.orcid
            parent_item = QTreeWidgetItem([who, str(len(target.dois))])
            for doi in target.dois:
                parent_item.addChild(QTreeWidgetItem([doi, ""]))
            self.targets_tree.addTopLevelItem(parent_item)
        self.targets_tree.expandAll()
        self.targets_tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)

        self.permission_tree = QTreeWidget()
        self.permission_tree.setHeaderLabels(
            [self.tr("ORCID iD"), self.tr("DOIs"), self.tr("Why"), self.tr("Authorization link")]
        )
        self.permission_tree.setRootIsDecorated(False)
        self.permission_tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        # No link when the redirect URI is this computer's loopback (curator/push.py).
        no_link = self.tr("none to send: use a permissions service (claimdesk serve)")
        for request in plan.needs_permission:
            link = request.authorize_url or no_link
            item = QTreeWidgetItem([request.orcid, str(len(request.dois)), request.reason, link])
            item.setToolTip(1, "\n".join(request.dois))
            item.setToolTip(3, link)
            self.permission_tree.addTopLevelItem(item)
        header = self.permission_tree.header()
        header.resizeSection(0, 160)
        header.resizeSection(1, 50)
        header.resizeSection(2, 300)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.copy_button = QPushButton(self.tr("Copy authorization link"))
        self.copy_button.setToolTip(
            self.tr(
                "The same link serves every researcher: they sign in with ORCID and allow "
                "claimdesk to add works"
            )
        )
        self.copy_button.setEnabled(any(r.authorize_url for r in plan.needs_permission))
        self.copy_button.clicked.connect(self.copy_link)
        permission_page = QWidget()
        permission_layout = QVBoxLayout(permission_page)
        permission_layout.setContentsMargins(0, 0, 0, 0)
        permission_layout.addWidget(self.permission_tree, 1)
        permission_layout.addWidget(self.copy_button, 0, Qt.AlignmentFlag.AlignLeft)

        self.skipped_tree = QTreeWidget()
        self.skipped_tree.setHeaderLabels([self.tr("DOI"), self.tr("ORCID iD"), self.tr("Why")])
        self.skipped_tree.setRootIsDecorated(False)
        for skip in plan.skipped:
            self.skipped_tree.addTopLevelItem(QTreeWidgetItem([skip.doi, skip.orcid, skip.reason]))

        self.tabs = QTabWidget()
        self.tabs.addTab(self.targets_tree, self.tr("Works to add (%d)") % works)
        self.tabs.addTab(
            permission_page, self.tr("Needs permission (%d)") % len(plan.needs_permission)
        )
        self.tabs.addTab(self.skipped_tree, self.tr("Skipped (%d)") % len(plan.skipped))
        if not works and plan.needs_permission:
            self.tabs.setCurrentIndex(1)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.send_button = QPushButton(
            self.tr("Add %s") % _count(works, "work", "works") if works else self.tr("Add works")
        )
        self.send_button.setEnabled(works > 0)
        self.send_button.setDefault(works > 0)
        self.buttons.addButton(self.send_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(explanation)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.buttons)

    def copy_link(self) -> None:
        """Put the selected request's authorization link (or the first) on the clipboard."""
        items = self.permission_tree.selectedItems() or [self.permission_tree.topLevelItem(0)]
        if items and items[0] is not None:
            QGuiApplication.clipboard().setText(items[0].text(3))
            self.copy_button.setText(self.tr("Copied"))

    def permission_rows(self) -> list[tuple[str, str, str]]:
        """(iD, reason, link) of each "needs permission" row, as shown."""
        tree = self.permission_tree
        return [
            (
                tree.topLevelItem(i).text(0),
                tree.topLevelItem(i).text(2),
                tree.topLevelItem(i).text(3),
            )
            for i in range(tree.topLevelItemCount())
        ]
