"""An inline message bar (like KDE's KMessageWidget): news about the record, without a modal box.

Used for what the user must notice but need not stop for: a stale or offline copy, a sign-in that
needs reconnecting, the per-item results of a delete, a write refused because the record changed.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QToolButton, QWidget

LEVEL_COLORS = {"info": "#2f6fde", "success": "#2e9d4f", "warning": "#d08a00", "error": "#d0312d"}


class MessageBar(QFrame):
    """One message with a level, an optional action button and a close button."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("MessageBar")
        self.level = "info"
        self.topic: str | None = None
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.action_button = QPushButton()
        self.action_button.hide()
        self.close_button = QToolButton()
        self.close_button.setText("✕")
        self.close_button.setAutoRaise(True)
        self.close_button.setToolTip(self.tr("Dismiss"))
        self.close_button.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 6, 6, 6)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.action_button)
        layout.addWidget(self.close_button)
        self._action: Callable[[], None] | None = None
        self.action_button.clicked.connect(self._run_action)
        self.hide()

    def show_message(
        self,
        text: str,
        level: str = "info",
        *,
        action: tuple[str, Callable[[], None]] | None = None,
        topic: str | None = None,
        links: bool = False,
    ) -> None:
        """Show ``text``; ``action`` is (button label, callback); ``topic`` names what it is
        about, so :meth:`hide_topic` takes it away once that news is out of date.

        ``links``: ``text`` is HTML whose links open in the browser (the caller escapes it).
        """
        self.level = level
        self.topic = topic
        self.label.setTextFormat(Qt.TextFormat.RichText if links else Qt.TextFormat.PlainText)
        self.label.setOpenExternalLinks(links)
        self.label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextBrowserInteraction
            if links
            else Qt.TextInteractionFlag.TextSelectableByMouse
        )
        self.label.setText(text)
        if action is None:
            self._action = None
            self.action_button.hide()
        else:
            self.action_button.setText(action[0])
            self._action = action[1]
            self.action_button.show()
        self._restyle()
        self.show()

    def hide_topic(self, topic: str) -> None:
        """Hide the message if it is about ``topic`` (a fresh read ends news of a failed one)."""
        if self.topic == topic:
            self.hide()

    def text(self) -> str:
        """The message shown (empty when hidden), as plain text."""
        if self.isHidden():
            return ""
        if self.label.textFormat() == Qt.TextFormat.RichText:
            from PySide6.QtGui import QTextDocumentFragment

            return QTextDocumentFragment.fromHtml(self.label.text()).toPlainText()
        return self.label.text()

    def _run_action(self) -> None:
        if self._action is not None:
            self._action()

    def _restyle(self) -> None:
        accent = QColor(LEVEL_COLORS.get(self.level, LEVEL_COLORS["info"]))
        # The parent's colour: the bar's own palette already carries the tint of its style sheet.
        base = (self.parentWidget() or self).palette().color(QPalette.ColorRole.Window)
        # A light tint of the accent over the window colour reads on light and dark palettes.
        tint = QColor(
            int(base.red() * 0.84 + accent.red() * 0.16),
            int(base.green() * 0.84 + accent.green() * 0.16),
            int(base.blue() * 0.84 + accent.blue() * 0.16),
        )
        sheet = (
            f"#MessageBar {{ background: {tint.name()}; border: 1px solid {accent.name()};"
            f" border-radius: 6px; }}"
        )
        # Setting a style sheet on a visible bar sends a PaletteChange, which restyles again.
        if sheet != self.styleSheet():
            self.setStyleSheet(sheet)

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.type() == event.Type.PaletteChange and self.isVisible():
            self._restyle()
        super().changeEvent(event)
