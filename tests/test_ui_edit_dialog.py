"""The edit dialog on its own: work types in words, and a tab order a keyboard user can follow."""

from __future__ import annotations

import os
from dataclasses import replace

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


# --- what ORCID's schema wants (issue 10, item 5) ---------------------------------------------


def _type_contributor(dialog: EditDialog, name: str, orcid: str) -> None:
    dialog.contributors.add_button.click()
    row = dialog.contributors.rows() - 1
    dialog.contributors.table.item(row, 0).setText(name)
    dialog.contributors.table.item(row, 1).setText(orcid)


def test_contributor_ids_typed_as_urls_or_with_a_small_x_are_sent_as_orcid_wants(qtbot, sandbox):
    from claimdesk.config import Settings
    from claimdesk.orcid.client import OrcidClient
    from claimdesk.sandbox.seeds import DEMO_CLIENT_ID, DEMO_ORCID

    settings = Settings(endpoints=sandbox.endpoints, client_id=DEMO_CLIENT_ID, timeout=5.0)
    with OrcidClient(settings, DEMO_ORCID, sandbox.issue_token(DEMO_ORCID)) as client:
        new = replace(WORK, external_ids=(ExternalId("doi", "10.80555/schema-edit-test", "self"),))
        ours = client.read_work(client.add_work(new))
        dialog = EditDialog(ours)
        qtbot.addWidget(dialog)
        _type_contributor(dialog, "URL form", "https://orcid.org/0000-0002-1825-0097")
        _type_contributor(dialog, "Small x", "0000-0002-1694-233x")
        _type_contributor(dialog, "Spaces", " 0000 0002 1825 0097 ")
        with qtbot.waitSignal(dialog.submitted) as sent:
            dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
        edited = sent.args[0]
        ids = [c.orcid for c in edited.contributors]
        assert ids == [None, "0000-0002-1825-0097", "0000-0002-1694-233X", "0000-0002-1825-0097"]
        # the table shows what is sent
        assert dialog.contributors.table.item(1, 1).text() == "0000-0002-1825-0097"
        assert dialog.contributors.table.item(2, 1).text() == "0000-0002-1694-233X"
        # and the sandbox, validating with ORCID's XSD, takes it
        client.update_work(edited)
    stored = sandbox.store.get_work(DEMO_ORCID, ours.put_code)
    assert [c.orcid for c in stored.contributors][1:] == ids[1:]


def test_every_problem_is_shown_at_once_and_nothing_is_sent(qtbot):
    dialog = EditDialog(WORK)
    qtbot.addWidget(dialog)
    dialog.title_edit.setText("  ")
    dialog.date_edit.setText("1850-13")
    _type_contributor(dialog, "Checksum", "0000-0002-1825-0098")
    _type_contributor(dialog, "Not an iD", "orcid.org/12345")
    with qtbot.assertNotEmitted(dialog.submitted):
        dialog.submit()
    shown = dialog.problems_label.text().splitlines()
    assert dialog.problems_label.isVisibleTo(dialog)
    assert shown == [
        "The title is empty.",
        "The publication year 1850 is outside 1900–2100, the years ORCID accepts.",
        "The publication month 13 is not 1–12.",
        "The ORCID iD 'orcid.org/12345' of contributor 3 is not in the form 0000-0000-0000-000X.",
        "0000-0002-1825-0098 (contributor 2) is not a valid ORCID iD: its check digit does not "
        "match.",
    ]


def test_a_date_that_cannot_be_read_is_named_with_the_other_problems(qtbot):
    dialog = EditDialog(WORK)
    qtbot.addWidget(dialog)
    dialog.date_edit.setText("March 2021")
    dialog.title_edit.setText("")
    with qtbot.assertNotEmitted(dialog.submitted):
        dialog.submit()
    assert dialog.problems_label.text().splitlines() == [
        "The publication date 'March 2021' is not written YYYY, YYYY-MM or YYYY-MM-DD.",
        "The title is empty.",
    ]


def test_dates_are_checked_as_orcid_checks_them(qtbot):
    dialog = EditDialog(WORK)
    qtbot.addWidget(dialog)
    for text, words in [
        ("2200", "The publication year 2200 is outside 1900–2100"),
        ("2023-02-29", "2023-02-29 is not a date in the calendar."),
        ("2021-04-31", "2021-04-31 is not a date in the calendar."),
    ]:
        dialog.date_edit.setText(text)
        with qtbot.assertNotEmitted(dialog.submitted):
            dialog.submit()
        assert dialog.problems_label.text().startswith(words)
    dialog.date_edit.setText("2024-02-29")
    with qtbot.waitSignal(dialog.submitted):
        dialog.submit()
    assert not dialog.problems_label.isVisibleTo(dialog)
