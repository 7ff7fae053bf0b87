"""An inline message bar (like KDE's KMessageWidget): news about the record, without a modal box.

Used for what the user must notice but need not stop for: a stale or offline copy, a sign-in that
needs reconnecting, the per-item results of a delete, a write refused because the record changed.
Success news fades away by itself after a while (longer when it offers an action), unless the
pointer rests on it; warnings and errors stay until dismissed or out of date.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEasingCurve, QPropertyAnimation, Qt, QTimer
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QFrame,
    QGraphicsOpacityEffect,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QToolButton,
    QWidget,
)

LEVEL_COLORS = {"info": "#2f6fde", "success": "#2e9d4f", "warning": "#d08a00", "error": "#d0312d"}


class MessageBar(QFrame):
    """One message with a level, an optional action button and a close button."""

    #: How long success news stays (ms), and with an action button to press.
    SUCCESS_MS, SUCCESS_WITH_ACTION_MS = 6_000, 20_000
    #: How long the fade-out takes (ms).
    FADE_MS = 600

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._fade_timer = QTimer(self)
        self._fade_timer.setSingleShot(True)
        self._fade_timer.timeout.connect(self._fade_out)
        self._fade: QPropertyAnimation | None = None
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
        self._stop_fading()
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
        if level == "success":
            self._fade_timer.start(self.SUCCESS_WITH_ACTION_MS if action else self.SUCCESS_MS)

    def _stop_fading(self) -> None:
        self._fade_timer.stop()
        if self._fade is not None:
            self._fade.stop()
            self._fade = None
        self.setGraphicsEffect(None)  # type: ignore[arg-type]

    def _fade_out(self) -> None:
        if self.isHidden():  # dismissed meanwhile
            return
        if self.underMouse():  # being read: try again a little later
            self._fade_timer.start(2_000)
            return
        effect = QGraphicsOpacityEffect(self)
        self.setGraphicsEffect(effect)
        fade = QPropertyAnimation(effect, b"opacity", self)
        fade.setDuration(self.FADE_MS)
        fade.setStartValue(1.0)
        fade.setEndValue(0.0)
        fade.setEasingCurve(QEasingCurve.Type.OutCubic)
        fade.finished.connect(self._faded)
        self._fade = fade
        fade.start()

    def _faded(self) -> None:
        self._stop_fading()
        self.hide()

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
