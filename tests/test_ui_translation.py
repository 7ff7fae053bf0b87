"""One shipped translation (German), compiled from its .ts, complete, and loaded for the locale:
the window's own words appear translated, which proves the tr() wrapping works."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import etree
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QApplication
from ui_support import close_window, make_window, sign_in

from claimdesk.ui.app import install_translations
from claimdesk.ui.search_model import Column as SearchColumn
from claimdesk.ui.works_model import Column

FOLDER = Path(__file__).resolve().parents[1] / "resources" / "translations"
TS, QM = FOLDER / "claimdesk_de.ts", FOLDER / "claimdesk_de.qm"


@pytest.fixture
def german():
    app = QApplication.instance()
    installed = install_translations(app, QLocale(QLocale.Language.German, QLocale.Country.Germany))
    yield installed
    for translator in installed:
        app.removeTranslator(translator)


def test_the_german_translation_is_complete():
    messages = list(etree.parse(str(TS)).iter("message"))
    assert len(messages) > 400
    unfinished = [
        m.findtext("source") for m in messages if m.find("translation").get("type") == "unfinished"
    ]
    assert unfinished == []


def test_the_shipped_qm_is_compiled_from_the_shipped_ts(tmp_path):
    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    tool = str(lrelease) if lrelease.exists() else shutil.which("pyside6-lrelease")
    if tool is None:
        pytest.skip("pyside6-lrelease is not installed")
    fresh = tmp_path / "fresh.qm"
    subprocess.run([tool, str(TS), "-qm", str(fresh)], check=True, capture_output=True)
    assert fresh.read_bytes() == QM.read_bytes(), "run: python packaging/translations.py"


def test_german_words_appear_in_the_window(qtbot, tmp_path, sandbox, german):
    assert any(t.language() == "de_DE" or t.filePath().endswith("claimdesk_de.qm") for t in german)
    window = make_window(qtbot, tmp_path, sign_in(sandbox).session)
    try:
        from claimdesk.commands.gui import add_lazy_views

        add_lazy_views(window)
        assert window.tabs.tabText(0) == "Werke"
        titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
        assert "Öffentlicher Datensatz" in titles and "Verlauf" in titles
        menus = [a.text() for a in window.menuBar().actions()]
        assert "&Hilfe" in menus and "&Datei" in menus
        header = window.works.model.headerData(Column.TITLE, Qt.Orientation.Horizontal)
        assert header == "Titel"
        assert window.works.find.visibility_combo.itemText(0) == "Jede Sichtbarkeit"
        search = window.view("search")
        status = search.model.headerData(SearchColumn.STATUS, Qt.Orientation.Horizontal)
        assert status == "Anspruchsstatus"
        assert search.mode_combo.itemText(0) == "Meine ORCID-iD"
    finally:
        close_window(window)
