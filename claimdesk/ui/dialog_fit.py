"""Fit a dialog's height to its contents, for dialogs whose text changes while they are open."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog


def fit_height(dialog: QDialog) -> None:
    """Resize ``dialog`` to the height its contents need at its current width."""
    layout = dialog.layout()
    if layout is None:
        return
    layout.activate()
    width = dialog.width()
    if layout.hasHeightForWidth():
        height = layout.totalHeightForWidth(width)
    else:
        height = layout.totalSizeHint().height()
    dialog.resize(width, max(height, layout.totalMinimumSize().height()))
