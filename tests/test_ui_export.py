"""Exporting the visible works from the window: BibTeX, RIS and CSV, with authors."""

from __future__ import annotations

import csv
from dataclasses import replace

import rispy
from ui_support import OURS, close_window, make_window, own_work, sign_in

from claimdesk.orcid.model import Contributor
from claimdesk.sandbox.seeds import DEMO_ORCID


def test_window_exports_only_the_filtered_groups(qtbot, tmp_path, sandbox):
    window = make_window(qtbot, tmp_path, sign_in(sandbox).session)
    try:
        window.works.set_filter("Scopus")
        shown = window.works.proxy.rowCount()
        assert 0 < shown < len(window.works.model.table.groups)
        target = tmp_path / "out.csv"
        window.actions.export_visible("csv", target)
        qtbot.waitUntil(target.exists, timeout=5000)
        assert len(list(csv.DictReader(target.open(encoding="utf-8")))) == shown
        bib = tmp_path / "out.bib"
        window.actions.export_visible("bibtex", bib)
        qtbot.waitUntil(bib.exists, timeout=5000)
        assert bib.read_text(encoding="utf-8").count("\n@") + 1 == shown
        ris = tmp_path / "out.ris"
        window.actions.export_visible("ris", ris)
        qtbot.waitUntil(ris.exists, timeout=5000)
        assert len(rispy.loads(ris.read_text(encoding="utf-8"))) == shown
    finally:
        close_window(window)


def test_window_export_reads_the_authors_in_bulk_and_says_how_far_it_is(qtbot, tmp_path, sandbox):
    authored = replace(
        own_work("Cracks with authors", "10.5555/authored.1"),
        contributors=(Contributor(credit_name="Josiah Carberry", orcid=DEMO_ORCID),),
    )
    put_code = sandbox.store.add_work(DEMO_ORCID, authored, OURS)
    window = make_window(qtbot, tmp_path, sign_in(sandbox).session)
    try:
        groups = sandbox.store.works(DEMO_ORCID).groups
        with_people = {
            g.preferred.put_code
            for g in groups
            if sandbox.store.get_work(DEMO_ORCID, g.preferred.put_code).contributors
        }
        assert put_code in with_people
        messages: list[str] = []
        window.statusBar().messageChanged.connect(messages.append)
        sandbox.stats.reset()
        target = tmp_path / "all.csv"
        window.actions.export_visible("csv", target)
        qtbot.waitUntil(target.exists, timeout=10_000)
        rows = list(csv.DictReader(target.open(encoding="utf-8")))
        assert len(rows) == len(groups)
        named = {int(r["put_code"]) for r in rows if r["contributors"]}
        assert named == with_people
        bulk_reads = sandbox.stats.count("GET", f"/v3.0/{DEMO_ORCID}/works/")
        assert bulk_reads == -(-len(groups) // 100)  # ≤100 put-codes a request
        qtbot.waitUntil(lambda: any("Exported" in m for m in messages), timeout=5000)
        assert any("Reading the authors" in m for m in messages)
    finally:
        close_window(window)
