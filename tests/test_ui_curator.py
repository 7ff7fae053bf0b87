"""The Curator view: a round trip on the sandbox's curator corpus, filters, export, push plan."""

from __future__ import annotations

import csv
import json

import pytest
from curator_support import SMALL, expected_categories
from ui_support import close_window, make_window, sign_in

from claimdesk.curator.report import IN_BOTH, MISSING, NOT_IN_METADATA
from claimdesk.sandbox.curator_seed import CURATOR_REPOSITORY_ID
from claimdesk.sandbox.server import Sandbox
from claimdesk.ui.curator_model import Column, Role
from claimdesk.ui.curator_view import install_curator_view


@pytest.fixture
def sb():
    with Sandbox(seed="curator", dois=SMALL) as sandbox:
        yield sandbox


@pytest.fixture
def window(qtbot, tmp_path, sb):
    win = make_window(qtbot, tmp_path, sign_in(sb).session)
    yield win
    close_window(win)


@pytest.fixture
def view(window):
    curator = install_curator_view(window)
    curator.set_input("repository", CURATOR_REPOSITORY_ID)
    return curator


def run(qtbot, view, *, resume: bool = False) -> None:
    with qtbot.waitSignal(view.run_finished, timeout=30_000):
        view.start_run(resume=resume)


def shown_pairs(view) -> dict[tuple[str, str], str]:
    proxy = view.proxy
    return {
        (proxy.index(r, Column.DOI).data(), proxy.index(r, Column.ORCID).data()): proxy.index(
            r, 0
        ).data(Role.CATEGORY)
        for r in range(proxy.rowCount())
    }


def test_round_trip_shows_every_pair_in_its_category(qtbot, view, sb):
    run(qtbot, view)
    expected = expected_categories(sb.seed_result.curator)
    assert shown_pairs(view) == expected
    summary = view.report.summary
    assert summary.missing and summary.in_both and summary.not_in_metadata
    text = view.summary_label.text()
    assert f"<b>{summary.missing:,}</b> missing on ORCID" in text
    assert "(complete)" in text
    assert view.filter_buttons[MISSING].text() == f"Missing on ORCID ({summary.missing:,})"


def test_filters_show_one_category_at_a_time(qtbot, view):
    run(qtbot, view)
    summary = view.report.summary
    for category, count in (
        (MISSING, summary.missing),
        (NOT_IN_METADATA, summary.not_in_metadata),
        (IN_BOTH, summary.in_both),
    ):
        view.filter_buttons[category].click()
        categories = set(shown_pairs(view).values())
        assert categories == {category}
        assert view.proxy.rowCount() == count
    view.filter_buttons[None].click()
    assert view.proxy.rowCount() == summary.pairs


def test_export_csv_writes_the_rows(qtbot, view, tmp_path):
    run(qtbot, view)
    target = tmp_path / "report.csv"
    view.export("csv", target)
    qtbot.waitUntil(lambda: "Exported" in view.message_bar.text(), timeout=5_000)
    with target.open(encoding="utf-8", newline="") as f:
        written = list(csv.DictReader(f))
    assert len(written) == len(view.report.rows)
    assert {(r["doi"], r["orcid"]): r["category"] for r in written} == shown_pairs(view)


def test_export_json_writes_the_summary_and_rows(qtbot, view, tmp_path):
    run(qtbot, view)
    target = tmp_path / "report.json"
    view.export("json", target)
    qtbot.waitUntil(lambda: "Exported" in view.message_bar.text(), timeout=5_000)
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["summary"]["missing"] == view.report.summary.missing
    assert len(data["rows"]) == len(view.report.rows)


def test_push_shows_the_plan_with_researchers_who_need_to_give_permission(qtbot, view, sb):
    run(qtbot, view)
    sb.stats.reset()
    with qtbot.waitSignal(view.push_plan_shown, timeout=10_000) as shown:
        view.push_button.click()
    dialog = shown.args[0]
    missing_ids = {row.orcid for row in view.report.filter(MISSING) if not row.is_version}
    rows = dialog.permission_rows()
    assert {orcid for orcid, _why, _link in rows} == missing_ids  # nobody signed in for them
    # the redirect URI is this computer's loopback: no link a researcher could not open
    assert all("127.0.0.1" not in link and "permissions service" in link for *_, link in rows)
    assert all(why == "not signed in to claimdesk on this machine" for _o, why, _l in rows)
    assert not dialog.send_button.isEnabled()  # nothing anyone may receive yet
    assert not dialog.copy_button.isEnabled()  # no link to copy
    dialog.reject()
    assert sb.stats.count("POST") == 0  # showing the plan sent nothing


def test_cancelled_round_trip_can_be_resumed(qtbot, view, sb):
    sb.faults.latency = 0.05
    with qtbot.waitSignal(view.run_finished, timeout=30_000):
        view.start_run()
        qtbot.waitUntil(lambda: "Asking ORCID" in view.progress_label.text(), timeout=20_000)
        view.cancel_button.click()
    sb.faults.latency = 0
    assert not view.report.complete
    assert "partial" in view.summary_label.text()
    assert view.resume_button.isVisible() or not view.resume_button.isHidden()
    run(qtbot, view, resume=True)
    assert view.report.complete
    assert shown_pairs(view) == expected_categories(sb.seed_result.curator)


def session_for(sb, orcid: str):
    """A window session for one of the corpus's researchers (as if they signed in here)."""
    from claimdesk.orcid.client import OrcidClient
    from claimdesk.sandbox.seeds import DEMO_CLIENT_ID
    from claimdesk.workflows.session import AccountSession

    settings = sign_in(sb).session.settings
    token = sb.issue_token(orcid, DEMO_CLIENT_ID)
    return AccountSession(
        orcid=orcid,
        name="A curated researcher",
        env="demo",
        settings=settings,
        open_client=lambda: OrcidClient(settings, orcid, token, max_retries=0),
    )


def test_push_adds_the_missing_dois_of_a_researcher_signed_in_here(qtbot, window, view, sb):
    from claimdesk.sandbox.seeds import DEMO_CLIENT_ID

    run(qtbot, view)
    missing = [r for r in view.report.filter(MISSING) if not r.is_version]
    orcid = missing[0].orcid
    wanted = {r.doi for r in missing if r.orcid == orcid}
    window.record.add_account(session_for(sb, orcid), show=False)
    with qtbot.waitSignal(view.push_plan_shown, timeout=10_000) as shown:
        view.plan_push()
    dialog = shown.args[0]
    assert orcid not in {o for o, _why, _link in dialog.permission_rows()}
    assert dialog.send_button.isEnabled()
    with qtbot.waitSignal(view.push_finished, timeout=30_000) as finished:
        dialog.send_button.click()
    result = finished.args[0]
    run_result = result.runs[orcid]
    assert {i.doi for i in run_result.items if i.outcome.value == "claimed"} == wanted
    ours = {
        e.key[1]
        for s in sb.store.works(orcid).summaries()
        if s.is_owned_by(DEMO_CLIENT_ID)
        for e in s.external_ids
        if e.type == "doi"
    }
    assert wanted <= ours
    assert "Push finished" in view.message_bar.text()


def test_round_trip_from_the_data_files_shows_the_same_pairs_and_the_problems(
    qtbot, view, sb, tmp_path
):
    pytest.importorskip("duckdb")
    from concurrent.futures import ProcessPoolExecutor

    from claimdesk.dumps.ingest import ingest
    from claimdesk.sandbox.dumps import write_dumps

    files = write_dumps(sb.seed_result.curator, tmp_path / "files")
    with ProcessPoolExecutor(max_workers=1) as pool:
        ingest([files.orcid], [files.datacite], tmp_path / "t", executor=pool, workers=1)
    view.choose_dumps(tmp_path / "t")

    run(qtbot, view)

    assert shown_pairs(view) == expected_categories(sb.seed_result.curator)
    assert view.report.problems and "data files in" in view.report.input
    text = view.summary_label.text()
    assert f"<b>{view.report.summary.neither:,}</b> DOIs in neither" in text
    assert "metadata problems" in text
    view.choose_dumps()  # a second click: ask ORCID again
    assert view.dumps_dir is None and not view.dumps_button.isChecked()


def test_data_files_without_the_scale_extra_say_what_to_install(view, monkeypatch):
    from claimdesk.dumps import extra

    monkeypatch.setattr(extra, "missing", lambda *m: list(m))

    view.choose_dumps()

    assert view.dumps_dir is None
    assert "pip install 'claimdesk[scale]'" in view.message_bar.text()
