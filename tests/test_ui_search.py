"""The Search view: find the researcher's DOIs, see their claim status, claim them with progress."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from ui_support import close_window, make_window, sign_in

from claimdesk.claims.runner import Outcome, RunStatus
from claimdesk.claims.status import ClaimState
from claimdesk.sandbox.seeds import DEMO_CLIENT_ID, DEMO_NAME, DEMO_ORCID
from claimdesk.ui.search_model import Column, Role
from claimdesk.ui.search_view import install_search_view

WORKS_PATH = f"/v3.0/{DEMO_ORCID}/works"
LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def window(qtbot, tmp_path, sandbox):
    win = make_window(qtbot, tmp_path, sign_in(sandbox).session)
    yield win
    close_window(win)


@pytest.fixture
def view(window):
    return install_search_view(window)


def run_search(qtbot, view) -> None:
    with qtbot.waitSignal(view.search_finished, timeout=20_000):
        view.start_search()


def rows(view) -> dict[str, tuple[str, object]]:
    """DOI → (status as shown, ClaimStatus) for every row."""
    model = view.model
    out = {}
    for row in range(model.rowCount()):
        doi = model.index(row, Column.DOI).data()
        out[doi] = (model.index(row, Column.STATUS).data(), model.index(row, 0).data(Role.STATUS))
    return out


def ours_on_server(sandbox) -> set[str]:
    """DOIs of the works claimdesk added to the demo record, as the server has them."""
    found = set()
    for summary in sandbox.store.works(DEMO_ORCID).summaries():
        if summary.is_owned_by(DEMO_CLIENT_ID):
            found |= {e.key[1] for e in summary.external_ids if e.type == "doi"}
    return found


def test_search_is_prefilled_with_my_orcid_id(view):
    assert view.mode == "orcid"
    assert view.query_edit.text() == DEMO_ORCID


def test_search_shows_each_dois_claim_status_on_the_record(qtbot, view):
    run_search(qtbot, view)
    shown = rows(view)
    assert len(shown) > 20
    texts = [text for text, _status in shown.values()]
    assert "on record — added by claimdesk" in texts
    assert any(t.startswith("on record from ") and "Crossref" in t for t in texts)
    assert "not on record" in texts
    assert any(t == "not on record · version/part" for t in texts)
    for text, status in shown.values():
        if status.state is ClaimState.OURS:
            assert text.startswith("on record — added by claimdesk")
        elif status.state is ClaimState.OTHERS:
            # A work kept limited or private is on the record, but not in public data.
            where = "on record, not public from " if status.not_public else "on record from "
            assert text.startswith(where + ", ".join(status.sources))
    assert "not on record" in view.counts_label.text()


def test_results_from_both_sources_are_named(qtbot, view):
    run_search(qtbot, view)
    found_in = {view.model.index(r, Column.SOURCES).data() for r in range(view.model.rowCount())}
    assert {"DataCite", "Crossref"} <= found_in


def test_authors_highlight_the_signed_in_researcher(qtbot, view):
    run_search(qtbot, view)
    model = view.model
    highlighted = [model.index(r, Column.AUTHORS) for r in range(model.rowCount())]
    assert all(i.data(Role.HIGHLIGHTED) == [DEMO_NAME] for i in highlighted)
    html = highlighted[0].data(Role.AUTHORS_HTML)
    assert f">{DEMO_NAME}</b>" in html and "<b style=" in html
    # Another author on the same DOI is not highlighted.
    shared = next(i for i in highlighted if "," in i.data())
    other = next(n.strip() for n in shared.data().split(",") if n.strip() != DEMO_NAME)
    assert f">{other}</b>" not in shared.data(Role.AUTHORS_HTML)
    view.table.grab()  # the rich-text delegate paints without error


def test_select_all_unclaimed_ticks_only_dois_not_on_record(qtbot, view):
    run_search(qtbot, view)
    qtbot.mouseClick(view.select_button, LEFT)
    ticked = view.model.checked_records()
    statuses = {doi: status for doi, (_text, status) in rows(view).items()}
    expected = [d for d, s in statuses.items() if s.state is ClaimState.ABSENT and not s.is_version]
    assert sorted(r.doi for r in ticked) == sorted(expected)
    assert view.claim_button.isEnabled()
    assert f"({len(expected)})" in view.claim_button.text()


def test_versions_are_offered_when_the_policy_includes_them(qtbot, view):
    run_search(qtbot, view)
    view.versions_box.setChecked(True)
    view.select_all_unclaimed()
    ticked = {r.doi for r in view.model.checked_records()}
    assert any(rows(view)[d][1].is_version for d in ticked)
    view.versions_box.setChecked(False)
    assert not any(
        rows(view)[d][1].is_version for d in {r.doi for r in view.model.checked_records()}
    )


def test_claim_selected_shows_progress_then_statuses_read_again(qtbot, view, sandbox):
    run_search(qtbot, view)
    view.select_all_unclaimed()
    wanted = {r.doi for r in view.model.checked_records()}
    before = ours_on_server(sandbox)
    with (
        qtbot.waitSignal(view.statuses_refreshed, timeout=20_000),
        qtbot.waitSignal(view.claim_finished, timeout=20_000) as finished,
    ):
        qtbot.mouseClick(view.claim_button, LEFT)
    result = finished.args[0]
    assert result.status is RunStatus.COMPLETED
    assert {i.doi for i in result.by_outcome(Outcome.CLAIMED)} == wanted
    dialog = view.progress_dialog
    assert dialog.bar.value() == dialog.bar.maximum() == len(wanted)
    assert f"{len(wanted)} claimed" in dialog.counts.text()
    assert all(text.startswith("claimed (put-code") for text in dialog.item_texts().values())
    shown = rows(view)
    for doi in wanted:
        assert shown[doi][0] == "on record — added by claimdesk"
    assert ours_on_server(sandbox) == before | wanted
    assert view.model.checked_count == 0
    assert "claimed" in view.message_bar.text()


def test_cancel_mid_claim_finishes_the_request_in_flight_and_sends_no_more(qtbot, view, sandbox):
    run_search(qtbot, view)
    view.select_all_unclaimed()
    wanted = {r.doi for r in view.model.checked_records()}
    assert len(wanted) >= 4
    view.chunk_size = 1  # one work per request, so there is a "rest" to leave unsent
    sandbox.faults.latency = 0.15
    sandbox.stats.reset()
    with qtbot.waitSignal(view.claim_finished, timeout=30_000) as finished:
        view.claim_selected()
        dialog = view.progress_dialog
        with qtbot.waitSignal(dialog.job.progress, timeout=10_000):
            pass
        qtbot.mouseClick(dialog.cancel_button, LEFT)
        assert "Stopping after the request in flight" in dialog.state_label.text()
    sandbox.faults.latency = 0
    result = finished.args[0]
    assert result.status is RunStatus.CANCELLED
    claimed = {i.doi for i in result.by_outcome(Outcome.CLAIMED)}
    not_sent = {i.doi for i in result.by_outcome(Outcome.NOT_SENT)}
    assert claimed and not_sent and claimed | not_sent == wanted
    assert sandbox.stats.count("POST", WORKS_PATH) == len(claimed)
    assert any(t.startswith("not sent") for t in dialog.item_texts().values())
    assert "Cancelled" in dialog.state_label.text()
    qtbot.waitUntil(lambda: rows(view)[next(iter(claimed))][0].startswith("on record"))
    assert all(rows(view)[d][0] == "not on record" for d in not_sent)


def test_a_failing_source_is_named_while_the_other_results_show(qtbot, view, sandbox):
    sandbox.faults.fail_next(500, count=50, path_prefix="/crossref")
    run_search(qtbot, view)
    message = view.message_bar.text()
    assert "Crossref could not be searched" in message
    assert "DataCite results are shown" in message
    assert view.message_bar.level == "warning"
    found_in = {view.model.index(r, Column.SOURCES).data() for r in range(view.model.rowCount())}
    assert found_in == {"DataCite"}


def test_a_pasted_doi_list_is_looked_up_and_unknown_dois_are_named(qtbot, view):
    view.set_query(
        "dois",
        "https://doi.org/10.80555/c.0001\ndoi:10.5555/c.0014\n10.99999/not-a-real-doi\n",
    )
    run_search(qtbot, view)
    assert set(rows(view)) == {"10.80555/c.0001", "10.5555/c.0014"}
    assert "10.99999/not-a-real-doi" in view.message_bar.text()


def test_import_file_fills_the_doi_list(qtbot, view, tmp_path):
    bib = tmp_path / "refs.bib"
    bib.write_text("@article{a, title={X}, doi={10.80555/c.0001}}\n", encoding="utf-8")
    view.set_query("dois")
    view.import_file(bib)
    qtbot.waitUntil(lambda: "10.80555/c.0001" in view.dois_edit.toPlainText())
    assert "Read 1 DOI from refs.bib" in view.message_bar.text()


def test_an_invalid_orcid_id_is_refused_before_searching(qtbot, view, sandbox):
    view.query_edit.setText("0000-0002-1825-0098")
    sandbox.stats.reset()
    view.start_search()
    assert "not a valid ORCID iD" in view.message_bar.text()
    assert not view.searching
    assert sandbox.stats.count(path_prefix="/datacite") == 0
