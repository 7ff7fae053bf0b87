"""The edit dialog on its own: work types in words, and a tab order a keyboard user can follow."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QWidget  # noqa: E402

from claimdesk.orcid.model import Contributor, ExternalId, Work  # noqa: E402
from claimdesk.ui.edit_dialog import EditDialog  # noqa: E402

WORK = Work(
    title="Shard measurements",
    type="data-set",
    external_ids=(
        ExternalId("doi", "10.80555/carberry.2064", "self"),
        ExternalId("issn", "0264-3561", "part-of"),
    ),
    contributors=(Contributor(credit_name="Josiah Carberry", role="author", sequence="first"),),
)


def _tab_chain(dialog: QWidget, start: QWidget) -> list[QWidget]:
    """The widgets Tab visits from ``start``, in order, once round."""
    out: list[QWidget] = []
    widget = start
    for _ in range(500):
        if (
            widget.isVisible()
            and widget.isEnabled()
            and widget.focusPolicy() & 0x1  # TabFocus
            and widget.window() is dialog
        ):
            out.append(widget)
        widget = widget.nextInFocusChain()
        if widget is start:
            break
    return out


def test_work_type_is_shown_in_words_and_sent_as_the_orcid_code(qtbot):
    dialog = EditDialog(WORK)
    qtbot.addWidget(dialog)
    assert dialog.type_combo.currentText() == "Data set"
    assert dialog.work().type == "data-set"
    index = dialog.type_combo.findText("Journal article")
    assert index >= 0
    dialog.type_combo.setCurrentIndex(index)
    assert dialog.work().type == "journal-article"


def test_an_unknown_type_is_kept(qtbot):
    dialog = EditDialog(Work(title="x", type="made-up", external_ids=WORK.external_ids))
    qtbot.addWidget(dialog)
    assert dialog.work().type == "made-up"


def test_tab_goes_through_each_table_then_its_buttons(qtbot):
    dialog = EditDialog(WORK)
    qtbot.addWidget(dialog)
    dialog.show()
    chain = _tab_chain(dialog, dialog.title_edit)
    ids, people = dialog.ids, dialog.contributors
    id_cells = [
        w
        for row in range(ids.table.rowCount())
        for col in range(ids.table.columnCount())
        if (w := ids.table.cellWidget(row, col)) is not None
    ]
    at = chain.index(ids.table)
    # the table, its combo boxes row by row (an editable combo brings its line edit), then Add, Remove
    following = [w for w in chain[at + 1 :] if w.parentWidget() not in id_cells]
    assert following[: len(id_cells) + 2] == [*id_cells, ids.add_button, ids.remove_button]
    assert following[len(id_cells) + 2] is people.table
    # Tab leaves the tables instead of cycling through their cells
    assert not ids.table.tabKeyNavigation() and not people.table.tabKeyNavigation()
    # and the last stop before the dialog's buttons is the description
    assert chain.index(dialog.description_edit) > chain.index(people.remove_button)


def test_tab_order_follows_added_and_removed_rows(qtbot):
    dialog = EditDialog(WORK)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.ids.add_button.click()
    last_row = dialog.ids.table.rowCount() - 1
    new_relationship = dialog.ids.table.cellWidget(last_row, 2)
    chain = _tab_chain(dialog, dialog.title_edit)
    assert chain.index(new_relationship) < chain.index(dialog.ids.add_button)
    dialog.ids.table.selectRow(0)
    dialog.ids.remove_button.click()
    chain = _tab_chain(dialog, dialog.title_edit)
    assert chain.index(new_relationship) < chain.index(dialog.ids.add_button)
