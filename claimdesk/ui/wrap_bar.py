"""A bar of two groups, side by side when there is room and one above the other when not.

Without it a row of options plus a row of buttons sets the whole window's minimum width.
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QBoxLayout, QFrame, QHBoxLayout, QWidget


class WrapBar(QFrame):
    """``left`` widgets at the left, ``right`` widgets at the right; below them when narrow."""

    def __init__(
        self, left: list[QWidget], right: list[QWidget], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.left_row = QHBoxLayout()
        self.right_row = QHBoxLayout()
        for widget in left:
            self.left_row.addWidget(widget)
        self.left_row.addStretch(1)
        self.right_row.addStretch(1)
        for widget in right:
            self.right_row.addWidget(widget)
        self.box = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self.box.setContentsMargins(0, 0, 0, 0)
        self.box.addLayout(self.left_row)
        self.box.addLayout(self.right_row)

    @property
    def wrapped(self) -> bool:
        """True while the right group sits below the left one."""
        return self.box.direction() == QBoxLayout.Direction.TopToBottom

    def _one_row_width(self) -> int:
        margins = self.box.contentsMargins()
        return (
            self.left_row.minimumSize().width()
            + self.box.spacing()
            + self.right_row.minimumSize().width()
            + margins.left()
            + margins.right()
        )

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        """As narrow as the wider group: the bar wraps rather than widen the window."""
        margins = self.box.contentsMargins()
        width = max(self.left_row.minimumSize().width(), self.right_row.minimumSize().width())
        return QSize(width + margins.left() + margins.right(), self.box.minimumSize().height())

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self.fit(event.size().width())

    def fit(self, width: int) -> None:
        """One row when ``width`` holds both groups, two rows otherwise."""
        direction = (
            QBoxLayout.Direction.LeftToRight
            if width >= self._one_row_width()
            else QBoxLayout.Direction.TopToBottom
        )
        if direction != self.box.direction():
            self.box.setDirection(direction)
            self.updateGeometry()
