"""Exporting the visible works as CSV and BibTeX."""

from __future__ import annotations

import csv
import io

from ui_support import close_window, make_window, sign_in

from claimdesk.orcid.export import bibtex_escape, works_to_bibtex, works_to_csv
from claimdesk.orcid.model import (
    Contributor,
    ExternalId,
    PublicationDate,
    Source,
    Work,
    WorkGroup,
    WorkSummary,
)


def _group(title="Fracture & glaze: 100% of cases", kind="journal-article", put_code=7):
    summary = WorkSummary(
        put_code=put_code,
        title=title,
        type=kind,
        external_ids=(ExternalId("doi", "10.5555/ABC_1", "self"),),
        source=Source(client_id="APP-X", name="Crossref"),
        publication_date=PublicationDate(2020, 3),
        journal_title="Journal of Psychoceramics",
        url="https://example.org/a_b",
        display_index=1,
    )
    return WorkGroup(summary.external_ids, (summary,))


def test_csv_has_one_row_per_group_with_the_preferred_version():
    rows = list(csv.DictReader(io.StringIO(works_to_csv([_group(), _group("Other", put_code=8)]))))
    assert [r["title"] for r in rows] == ["Fracture & glaze: 100% of cases", "Other"]
    assert rows[0]["doi"] == "10.5555/abc_1"
    assert rows[0]["source"] == "Crossref"
    assert rows[0]["year"] == "2020"
    assert rows[0]["versions"] == "1"


def test_bibtex_entry_types_keys_escapes_and_authors():
    details = {
        7: Work(
            put_code=7,
            title="x",
            type="journal-article",
            contributors=(Contributor(credit_name="Josiah Carberry"),),
        )
    }
    text = works_to_bibtex([_group(), _group("Fracture", "data-set", put_code=9)], details)
    assert text.startswith("@article{carberry2020,")
    assert "title = {Fracture \\& glaze: 100\\% of cases}" in text
    assert "author = {Josiah Carberry}" in text
    assert "journal = {Journal of Psychoceramics}" in text
    assert "doi = {10.5555/abc_1}" in text  # verbatim, not escaped
    assert "url = {https://example.org/a_b}" in text
    assert "@misc{fracture2020," in text
    assert bibtex_escape("a_b{c}") == "a\\_b\\{c\\}"


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
    finally:
        close_window(window)
