"""The works tree shows the record as the sandbox serves it: groups, versions, preferred marks."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from ui_support import close_window, make_window, rows, sign_in

from claimdesk.sandbox.seeds import DEMO_ORCID
from claimdesk.ui.works_model import Column, Role


@pytest.fixture
def window(qtbot, tmp_path, sandbox):
    win = make_window(qtbot, tmp_path, sign_in(sandbox).session)
    yield win
    close_window(win)


def test_groups_and_versions_are_those_the_sandbox_serves(window, sandbox):
    served = sandbox.store.works(DEMO_ORCID)
    shown = rows(window)
    assert len(shown) == len(served.groups)
    for (index, group), expected in zip(shown, served.groups, strict=True):
        assert [s.put_code for s in group.summaries] == [s.put_code for s in expected.summaries]
        # One row per version under the group; a lone version is the group row itself.
        several = len(expected.summaries) > 1
        assert window.works.proxy.rowCount(index) == (len(expected.summaries) if several else 0)
        if several:
            shown_codes = [
                window.works.proxy.index(i, 0, index).data(Role.SUMMARY).put_code
                for i in range(window.works.proxy.rowCount(index))
            ]
            assert shown_codes == [s.put_code for s in expected.summaries]
        versions = index.siblingAtColumn(Column.VERSIONS).data()
        assert versions == str(len(expected.summaries))


def test_group_row_shows_preferred_version_and_mark_sits_on_it(window, sandbox):
    served = sandbox.store.works(DEMO_ORCID)
    multi = [g for g in served.groups if len(g.summaries) > 1]
    assert multi, "the demo seed has multi-version groups"
    # The seed includes groups whose preferred version is not the first one created.
    assert any(g.preferred.created != min(s.created for s in g.summaries) for g in multi)
    for index, group in rows(window):
        preferred = group.preferred
        assert index.data() == preferred.title
        assert index.data(Role.SUMMARY).put_code == preferred.put_code
        if len(group.summaries) == 1:
            assert index.data(Role.PREFERRED)
            continue
        marked = [
            window.works.proxy.index(i, 0, index)
            for i in range(window.works.proxy.rowCount(index))
            if window.works.proxy.index(i, 0, index).data(Role.PREFERRED)
        ]
        assert len(marked) == 1
        assert marked[0].data(Role.SUMMARY).put_code == preferred.put_code
        assert not marked[0].data(Qt.ItemDataRole.DecorationRole).isNull()  # the star


def test_each_version_says_who_its_source_is(window):
    described = set()
    for index, _group in rows(window):
        described.add(index.siblingAtColumn(Column.ADDED_BY).data())
        for i in range(window.works.proxy.rowCount(index)):
            child = window.works.proxy.index(i, Column.ADDED_BY, index)
            described.add(child.data())
    assert "the researcher" in described
    assert "claimdesk (this app)" in described
    assert "another member client" in described
    assert any("on behalf of" in text for text in described)


def test_status_bar_counts_works_groups_and_ours(window, sandbox):
    served = sandbox.store.works(DEMO_ORCID)
    ours = sum(
        1 for s in served.summaries() if s.is_owned_by(window.record.session.settings.client_id)
    )
    text = window.counts_label.text()
    assert text == (
        f"{served.work_count:,} works in {len(served.groups):,} groups · {ours} added by claimdesk"
    )
    assert window.freshness_label.text().startswith("Refreshed")


def test_filter_matches_title_identifier_source_and_year(window, sandbox):
    served = sandbox.store.works(DEMO_ORCID)
    total = len(served.groups)
    some = served.groups[3].preferred
    window.works.filter_edit.setText(some.title.upper())  # case-insensitive
    assert 1 <= window.works.proxy.rowCount() < total
    assert all(some.title.lower() in _texts(g) for _i, g in rows(window))

    doi = next(
        e.value
        for g in served.groups
        for s in g.summaries
        for e in s.external_ids
        if e.type == "doi"
    )
    window.works.set_filter(doi)
    assert window.works.proxy.rowCount() >= 1
    assert "Showing" in window.counts_label.text()

    window.works.set_filter("Scopus")  # a source name: groups where any version is from it
    scopus = [
        g for g in served.groups if any("Scopus" in (s.source.name or "") for s in g.summaries)
    ]
    assert window.works.proxy.rowCount() == len(scopus)
    multi = [(i, g) for i, g in rows(window) if len(g.summaries) > 1]
    assert multi
    assert all(
        window.works.proxy.rowCount(i) == len(g.summaries) for i, g in multi
    )  # all versions kept
    # Expand arrows (hasChildren) follow the groups shown, not the rows they replaced.
    assert all(window.works.proxy.hasChildren(i) == (len(g.summaries) > 1) for i, g in rows(window))

    window.works.set_filter("2017")
    assert all(
        any(s.year == 2017 for s in g.summaries) or "2017" in _texts(g) for _i, g in rows(window)
    )
    window.works.set_filter("no such work anywhere")
    assert window.works.proxy.rowCount() == 0
    window.works.set_filter("")
    assert window.works.proxy.rowCount() == total


def test_sort_by_year_and_back_to_orcid_order(window, sandbox):
    served = sandbox.store.works(DEMO_ORCID)
    window.works.tree.sortByColumn(Column.YEAR, Qt.SortOrder.AscendingOrder)
    years = [g.preferred.year or 0 for _i, g in rows(window)]
    assert years == sorted(years)
    window.works.tree.sortByColumn(Column.TITLE, Qt.SortOrder.DescendingOrder)
    titles = [g.preferred.title.casefold() for _i, g in rows(window)]
    assert titles == sorted(titles, reverse=True)
    window.works.model.sort(-1)
    assert [g.preferred.put_code for _i, g in rows(window)] == [
        g.preferred.put_code for g in served.groups
    ]


def test_details_pane_loads_full_work_with_a_bulk_read(window, sandbox, qtbot):
    from ui_support import select_put_codes

    served = sandbox.store.works(DEMO_ORCID)
    target = served.groups[0].summaries[0]
    sandbox.stats.reset()
    select_put_codes(window, target.put_code)
    qtbot.waitUntil(lambda: "Loading full details" not in window.works.details.text(), timeout=5000)
    assert target.title in window.works.details.text()
    assert "Put-code" in window.works.details.text()
    bulk_reads = [p for m, p in sandbox.stats.requests if m == "GET" and "/works/" in p]
    assert len(bulk_reads) == 1
    assert len(bulk_reads[0].rsplit("/", 1)[1].split(",")) <= 100
    # Neighbours came with it: selecting the next group needs no new request.
    select_put_codes(window, served.groups[1].summaries[0].put_code)
    assert "Loading full details" not in window.works.details.text()
    assert sandbox.stats.count("GET", None) == 1


def _texts(group) -> str:
    return " ".join(
        " ".join(
            [s.title, str(s.year or ""), s.journal_title or "", s.source.name or ""]
            + [e.value for e in s.external_ids]
        )
        for s in group.summaries
    ).lower()


def test_switching_account_while_a_refresh_runs_loads_the_new_one(qtbot, tmp_path, sandbox):
    first, second = sign_in(sandbox, env="demo"), sign_in(sandbox, env="local")
    win = make_window(qtbot, tmp_path)
    try:
        sandbox.faults.latency = 0.5
        win.record.set_accounts([first.session, second.session])  # reading the first record…
        with qtbot.waitSignal(win.record.refreshed, timeout=10_000):
            win.record.switch_account(second.session)  # …when the user picks the other one
        assert win.record.session is second.session
        assert win.works.model.rowCount() == len(sandbox.store.works(DEMO_ORCID).groups)
        assert "local" in win.account_combo.currentText()
    finally:
        sandbox.faults.latency = 0
        close_window(win)


def test_select_all_takes_every_matching_group_not_just_the_first_batch(qtbot, tmp_path, sandbox):
    from ui_support import add_own_works

    from claimdesk.ui.works_filter import BATCH

    add_own_works(sandbox, *(f"Bulk test work {i}" for i in range(BATCH + 20)))
    win = make_window(qtbot, tmp_path, sign_in(sandbox).session)
    try:
        total = win.works.proxy.shown_count()
        assert total > BATCH and win.works.proxy.rowCount() < total  # the view has one batch so far
        win.works.tree.setFocus()
        qtbot.keyClick(win.works.tree, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        selected = {
            i.row()
            for i in win.works.tree.selectionModel().selectedRows()
            if not i.parent().isValid()
        }
        assert len(selected) == total
    finally:
        close_window(win)


def test_a_filter_that_matches_nothing_says_so_in_the_tree(window):
    window.works.set_filter("zzz-no-such-work")
    assert window.works.proxy.rowCount() == 0
    assert window.works.no_match_label.isVisibleTo(window)
    assert "zzz-no-such-work" in window.works.no_match_label.text()
    assert not window.actions.export_csv_action.isEnabled()  # nothing shown, nothing to export
    window.works.set_filter("")
    assert window.actions.export_csv_action.isEnabled()
    assert not window.works.no_match_label.isVisibleTo(window)
