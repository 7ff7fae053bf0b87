"""Asking the user to confirm an action that changes or forgets something."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget


def ask_to_confirm(
    parent: QWidget, title: str, text: str, details: str = "", yes: str = ""
) -> bool:
    """A question answered with Yes (or ``yes``, the button's text) or Cancel; Cancel is default.

    Modules import it by name, so tests replace it on the module that asks.
    """
    from PySide6.QtWidgets import QMessageBox  # here: its enums cost ~3 ms at start-up

    box = QMessageBox(
        QMessageBox.Icon.Question,
        title,
        text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        parent,
    )
    if yes:
        box.button(QMessageBox.StandardButton.Yes).setText(yes)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    if details:
        box.setInformativeText(details)
    return box.exec() == QMessageBox.StandardButton.Yes
