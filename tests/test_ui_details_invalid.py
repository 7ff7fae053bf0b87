"""The details pane never says "Loading full details…" for a read that will not come: once the
sign-in is invalid it says why, for the work that failed and for every work selected after."""

from __future__ import annotations

from ui_support import close_window, make_window, select_put_codes, sign_in


def test_details_say_why_instead_of_loading_forever_once_the_sign_in_is_invalid(
    qtbot, tmp_path, sandbox
):
    signed = sign_in(sandbox)
    window = make_window(qtbot, tmp_path, signed.session)
    try:
        pane = window.works.details
        summaries = [s for g in window.record.table.groups for s in g.summaries]
        first, later = summaries[0], summaries[-1]
        sandbox.revoke_token(signed.token)
        window.works.fetcher.clear()
        select_put_codes(window, first.put_code)
        qtbot.waitUntil(lambda: "could not be read" in pane.text(), timeout=10_000)
        assert "Loading full details" not in pane.text()
        qtbot.waitUntil(lambda: signed.session.needs_reconnect, timeout=10_000)

        select_put_codes(window, later.put_code)
        text = pane.text()
        assert "Loading full details" not in text
        assert "reconnect" in text.lower()
    finally:
        close_window(window)
