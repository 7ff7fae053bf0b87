"""The Works tab's filter controls: the text box, the visibility choice, and the find bar.

The text box sits in the window's toolbar; when the window is too narrow for the toolbar to show
it, Ctrl+F opens the same filter as a find bar inside the tab. Escape in either (or anywhere in
the tab) clears the filter. The visibility choice becomes one more filter word (see
``workflows.works_table.visibility_word``), so the proxy has one way of filtering.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, Qt, Signal
from PySide6.QtGui import QIcon, QKeySequence, QShortcut
from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from claimdesk.workflows.works_table import visibility_word

#: The visibility filter's choices: (ORCID's value, or None for any; label).
VISIBILITIES = (
    (None, QT_TRANSLATE_NOOP("WorksFind", "Any visibility")),
    ("public", QT_TRANSLATE_NOOP("WorksFind", "Public")),
    ("limited", QT_TRANSLATE_NOOP("WorksFind", "Limited (trusted parties)")),
    ("registered-only", QT_TRANSLATE_NOOP("WorksFind", "Registered users")),
    ("private", QT_TRANSLATE_NOOP("WorksFind", "Private (only me)")),
)


def _escape_clears(widget: QWidget, slot, context: Qt.ShortcutContext) -> QShortcut:
    shortcut = QShortcut(QKeySequence(Qt.Key.Key_Escape), widget)
    shortcut.setContext(context)
    shortcut.activated.connect(slot)
    return shortcut


class WorksFind(QObject):
    """Filter text (toolbar box and find bar kept in step) plus visibility; ``changed`` gives
    the proxy's filter words, ``cleared`` says Escape emptied the filter."""

    changed = Signal(str)
    cleared = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        placeholder = self.tr("Filter: title, identifier, DOI, source, year")
        self.edit = QLineEdit()
        self.edit.setPlaceholderText(placeholder)
        self.edit.setClearButtonEnabled(True)
        self.edit.setMinimumWidth(260)
        self.icon = self.edit.addAction(QIcon(), QLineEdit.ActionPosition.LeadingPosition)
        self.bar = QLineEdit()
        self.bar.setPlaceholderText(placeholder)
        self.bar.setClearButtonEnabled(True)
        self.bar.hide()
        for box in (self.edit, self.bar):
            box.textChanged.connect(self.set_text)
        # The bar sits in the tab, whose own Escape (escape_anywhere_in) serves it; a second
        # shortcut there would make the key ambiguous and neither would fire.
        _escape_clears(self.edit, self.clear, Qt.ShortcutContext.WidgetShortcut)
        self.visibility_combo = QComboBox()
        for value, label in VISIBILITIES:
            self.visibility_combo.addItem(QCoreApplication.translate("WorksFind", label), value)
        self.visibility_combo.setToolTip(self.tr("Show only works with this visibility on ORCID"))
        self.visibility_combo.currentIndexChanged.connect(lambda _i: self._emit())

    def escape_anywhere_in(self, page: QWidget) -> None:
        """Escape anywhere in ``page`` clears the filter too."""
        _escape_clears(page, self.clear, Qt.ShortcutContext.WidgetWithChildrenShortcut)

    @property
    def text(self) -> str:
        """What the user typed."""
        return self.edit.text()

    @property
    def visibility(self) -> str | None:
        """The visibility asked for (None: any)."""
        return self.visibility_combo.currentData()

    @property
    def visibility_label(self) -> str:
        """The visibility asked for, in words."""
        return self.visibility_combo.currentText()

    @property
    def active(self) -> bool:
        """Whether anything is filtered out."""
        return bool(self.text.strip()) or self.visibility is not None

    def set_text(self, text: str) -> None:
        """Filter by ``text`` (both boxes show it)."""
        for box in (self.edit, self.bar):
            if box.text() != text:
                box.setText(text)
        self._emit()

    def set_visibility(self, visibility: str | None) -> None:
        """Show only groups with a version of ``visibility`` (None: any)."""
        self.visibility_combo.setCurrentIndex(max(0, self.visibility_combo.findData(visibility)))

    def words(self) -> str:
        """The proxy's filter: the text plus the visibility word."""
        if self.visibility:
            return f"{self.text} {visibility_word(self.visibility)}"
        return self.text

    def _emit(self) -> None:
        self.changed.emit(self.words())

    def clear(self) -> None:
        """Escape: no filter, no find bar."""
        was_active = self.active or self.bar.isVisible()
        self.set_visibility(None)
        self.set_text("")
        self.bar.hide()
        if was_active:
            self.cleared.emit()

    def focus(self) -> None:
        """The cursor in the toolbar's box, or in the find bar when the toolbar hides it."""
        box = self.edit
        if not box.isVisible():
            self.bar.show()
            box = self.bar
        box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        box.selectAll()
