"""Questions to the user through one replaceable object (git-cola's ``Interaction``).

The window and its views ask ``ctx.interaction`` to confirm a change or to choose a file. The
app uses :class:`DialogInteraction` (Qt dialogs); tests give the context a plain
:class:`Interaction` with the answers they want, so no test monkeypatches a dialog.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import QWidget


@dataclass(frozen=True, slots=True)
class Question:
    """One question put to the user: a confirmation, or a file to choose (``text`` empty)."""

    title: str
    text: str = ""
    details: str = ""
    yes: str = ""


class Interaction:
    """Headless answers: what a test (or a script) decided beforehand.

    ``confirm``: the answer to every question; ``open_file``/``save_file``: the paths chosen
    (None: the user cancelled). ``asked`` records each :class:`Question`, for tests to check.
    """

    def __init__(
        self, *, confirm: bool = False, open_file: str | None = None, save_file: str | None = None
    ) -> None:
        self.answer = confirm
        self.open_file = open_file
        self.save_file = save_file
        self.asked: list[Question] = []
        #: the web pages :meth:`open_url` was asked to open
        self.opened: list[str] = []

    def confirm(
        self, parent: QWidget | None, title: str, text: str, details: str = "", yes: str = ""
    ) -> bool:
        """Yes (True) or Cancel (False) to ``text``; ``yes`` is the Yes button's text."""
        self.asked.append(Question(title, text, details, yes))
        return self.answer

    def choose_open_file(
        self, parent: QWidget | None, title: str, directory: str, name_filter: str
    ) -> str | None:
        """A file to read, or None when the user cancelled."""
        self.asked.append(Question(title))
        return self.open_file

    def choose_save_file(
        self, parent: QWidget | None, title: str, suggested: str, name_filter: str
    ) -> str | None:
        """A file to write, or None when the user cancelled."""
        self.asked.append(Question(title))
        return self.save_file

    def open_url(self, url: str) -> None:
        """Open ``url`` in the web browser (headless: only noted in :attr:`opened`)."""
        self.opened.append(url)


class DialogInteraction(Interaction):
    """The app's answers: the user's, through Qt's dialogs."""

    def open_url(self, url: str) -> None:
        """Open ``url`` in the system's web browser."""
        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QDesktopServices

        self.opened.append(url)
        QDesktopServices.openUrl(QUrl(url))

    def confirm(
        self, parent: QWidget | None, title: str, text: str, details: str = "", yes: str = ""
    ) -> bool:
        """A question answered with Yes (or ``yes``) or Cancel; Cancel is the default."""
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

    def choose_open_file(
        self, parent: QWidget | None, title: str, directory: str, name_filter: str
    ) -> str | None:
        """The system's open-file dialog."""
        from PySide6.QtWidgets import QFileDialog

        chosen, _ = QFileDialog.getOpenFileName(parent, title, directory, name_filter)
        return chosen or None

    def choose_save_file(
        self, parent: QWidget | None, title: str, suggested: str, name_filter: str
    ) -> str | None:
        """The system's save-file dialog."""
        from PySide6.QtWidgets import QFileDialog

        chosen, _ = QFileDialog.getSaveFileName(parent, title, suggested, name_filter)
        return chosen or None
