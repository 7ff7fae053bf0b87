"""The Public record view: any iD's public works without signing in, what is missing from them,
and the two ways to add them without member credentials."""

from __future__ import annotations

import pytest
import ui_support  # noqa: F401  (offscreen Qt unless told otherwise)
from PySide6.QtWidgets import QLabel, QTextBrowser

from claimdesk.config import Settings
from claimdesk.sandbox.seeds import DEMO_ORCID
from claimdesk.sources.doilist import parse_doi_list
from claimdesk.ui.app import create_context
from claimdesk.ui.interaction import Interaction
from claimdesk.ui.public_view import PublicView


@pytest.fixture
def view(qtbot, home, sandbox):
    ctx = create_context(Settings(endpoints=sandbox.endpoints), home=home)
    ctx.interaction = Interaction()
    view = PublicView(ctx)
    view.opened = ctx.interaction.opened
    qtbot.addWidget(view)
    view.resize(1100, 760)
    yield view
    ctx.shutdown()


def look_up(qtbot, view: PublicView, orcid: str) -> None:
    view.look_up(orcid)
    qtbot.waitUntil(view.busy.isHidden, timeout=10_000)


def find_missing(qtbot, view: PublicView) -> None:
    view.find_missing()
    qtbot.waitUntil(lambda: view.missing is not None, timeout=20_000)
    qtbot.waitUntil(view.busy.isHidden, timeout=10_000)


def test_public_view_shows_any_ids_public_works_grouped_without_signing_in(qtbot, view):
    look_up(qtbot, view, f"https://orcid.org/{DEMO_ORCID}")

    assert view.public is not None and view.public.anonymous
    assert view.works_model.rowCount() == len(view.public.works) > 0
    text = view.info.text()
    assert DEMO_ORCID in text and "Reading anonymously" in text and "10,000" in text
    assert view.message_bar.isHidden()


def test_public_view_says_what_is_wrong_with_an_id(qtbot, view):
    look_up(qtbot, view, "0000-0002-1825-0098")
    assert "is not an ORCID iD" in view.message_bar.text()
    assert view.message_bar.level == "error"


def test_public_view_says_when_the_daily_quota_is_used(qtbot, view, sandbox):
    sandbox.public_limits.quota.limit = 0
    look_up(qtbot, view, DEMO_ORCID)
    assert "10,000 anonymous reads a day" in view.message_bar.text()
    view.message_bar.action_button.click()
    assert view.opened and "registering-a-public-api-client" in view.opened[-1]


def test_public_view_finds_missing_dois_and_saves_them_for_orcid_import(qtbot, view, tmp_path):
    look_up(qtbot, view, DEMO_ORCID)
    assert not view.bibtex_button.isEnabled()
    find_missing(qtbot, view)

    assert view.results.rowCount() == len(view.missing.rows) > 0
    assert "not on the public record" in view.missing_label.text()
    assert view.bibtex_button.isEnabled() and view.commons_button.isEnabled()

    target = view.save_orcid_import(tmp_path / "import.bib")
    assert target is not None
    assert set(parse_doi_list(target.read_text()).dois) == {r.doi for r in view.missing.unclaimed}
    message = view.message_bar.text()
    assert "Import BibTeX" in message and "You will be the source" in message
    view.message_bar.action_button.click()
    assert view.opened[-1].endswith("/my-orcid")


def test_public_view_hands_datacite_dois_to_datacite_commons(qtbot, view):
    look_up(qtbot, view, DEMO_ORCID)
    find_missing(qtbot, view)
    dialog = view.show_commons_links()
    assert dialog is not None and dialog.isVisible()
    datacite = [r.doi for r in view.missing.unclaimed if r.agency == "datacite"]
    assert datacite
    links = dialog.findChildren(QTextBrowser)[0].toHtml()
    assert all(doi in links for doi in datacite)
    assert "DataCite as their source" in dialog.findChildren(QLabel)[0].text()
    dialog.close()


def test_public_view_notes_who_becomes_the_source(view):
    note = view.paths_note.text()
    assert "not claimdesk" in note and "claimdesk as their source" in note
