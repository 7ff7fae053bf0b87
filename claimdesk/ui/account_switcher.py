"""The toolbar's account switcher: which record is open, its environment badge, the Account menu."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QMenu, QWidget

from claimdesk.ui.record_model import RecordModel
from claimdesk.workflows.session import AccountSession

ENV_COLORS = {"production": "#2e9d4f", "sandbox": "#d08a00", "demo": "#7c4dcc", "local": "#6b7787"}


class AccountSwitcher(QWidget):
    """A combo box of the record model's sessions and a badge naming the open one's environment."""

    def __init__(self, record: RecordModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.record = record
        self.combo = QComboBox()
        self.combo.setMinimumWidth(260)
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.combo.setToolTip(self.tr("The ORCID record shown"))
        self.combo.currentIndexChanged.connect(self._chosen)
        self.badge = QLabel()
        self.badge.setObjectName("EnvBadge")
        self.badge.hide()
        row = QHBoxLayout(self)
        row.setContentsMargins(4, 0, 8, 0)
        row.setSpacing(8)
        row.addWidget(self.combo)
        row.addWidget(self.badge)
        record.sessions_changed.connect(self.fill)
        record.account_changed.connect(lambda _s: (self.fill(), self.update_badge()))

    def label(self, s: AccountSession) -> str:
        """The session as the switcher names it (with its environment when several are open)."""
        label = s.label
        if len({x.env for x in self.record.sessions}) > 1:
            label += f" — {s.env}"
        if s.needs_reconnect:
            label += self.tr(" — reconnect needed")
        return label

    def fill(self) -> None:
        """List the sessions again, the open one current."""
        self.combo.blockSignals(True)
        self.combo.clear()
        for s in self.record.sessions:
            self.combo.addItem(self.label(s))
        if self.record.session in self.record.sessions:
            self.combo.setCurrentIndex(self.record.sessions.index(self.record.session))
        self.combo.blockSignals(False)

    def _chosen(self, index: int) -> None:
        sessions = self.record.sessions
        if 0 <= index < len(sessions) and sessions[index] is not self.record.session:
            self.record.switch_account(sessions[index])

    def update_badge(self) -> None:
        """Name the open record's environment in its colour (again when the palette changes)."""
        session = self.record.session
        if session is None:
            self.badge.hide()
            return
        color = ENV_COLORS.get(session.env, ENV_COLORS["local"])
        self.badge.setText(session.env.upper())
        self.badge.setToolTip(
            {
                "production": self.tr("Production ORCID: changes are real"),
                "sandbox": self.tr("ORCID's sandbox: test records only"),
                "demo": self.tr("Demo: a local sandbox on this computer; nothing leaves it"),
            }.get(session.env, self.tr("A local claimdesk sandbox"))
        )
        self.badge.setStyleSheet(
            f"QLabel#EnvBadge {{ background: {color}; color: white; border-radius: 9px;"
            f" padding: 2px 9px; font-weight: bold; font-size: 10px; letter-spacing: 1px; }}"
        )
        self.badge.show()

    def fill_menu(self, menu: QMenu, sign_in: Callable[[], None] | None) -> None:
        """The Account menu: each record (checked: the open one), Reconnect, Sign in."""
        menu.clear()
        for s in self.record.sessions:
            act = menu.addAction(self.label(s))
            act.setCheckable(True)
            act.setChecked(s is self.record.session)
            act.triggered.connect(lambda _=False, s=s: self.record.switch_account(s))
        if self.record.sessions:
            menu.addSeparator()
        session = self.record.session
        if session is not None and session.needs_reconnect:
            menu.addAction(self.tr("Reconnect…"), self.record.reconnect)
        if sign_in is not None:
            menu.addAction(self.tr("Sign in with another ORCID iD…"), sign_in)
