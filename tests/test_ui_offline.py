"""Offline start from the cache, and a sign-in revoked while the window is open."""

from __future__ import annotations

from ui_support import close_window, make_window, select_put_codes, sign_in

from claimdesk.sandbox.seeds import DEMO_CLIENT_ID, DEMO_ORCID
from claimdesk.sandbox.server import Sandbox


def test_offline_start_shows_the_cached_record_marked_stale_and_read_only(qtbot, tmp_path):
    with Sandbox(seed="demo") as sb:
        served = sb.store.works(DEMO_ORCID)
        signed = sign_in(sb)
        first = make_window(qtbot, tmp_path, signed.session)
        cache_file = first.ctx.cache.path_for("demo", DEMO_ORCID)
        qtbot.waitUntil(cache_file.exists, timeout=5000)
        close_window(first)
        first.close()
    # The sandbox is stopped: the next start has no network.
    window = make_window(qtbot, tmp_path, signed.session, wait=False)
    try:
        qtbot.waitUntil(lambda: window.record.is_offline, timeout=10_000)
        assert window.record.is_stale
        assert window.works.model.rowCount() == len(served.groups)
        assert "Saved copy from" in window.freshness_label.text()
        assert "Could not refresh from ORCID" in window.message_bar.text()
        assert "read-only" in window.message_bar.text()
        ours = next(s for s in served.summaries() if s.is_owned_by(DEMO_CLIENT_ID))
        select_put_codes(window, ours.put_code)
        assert not window.actions.edit_action.isEnabled()
        assert "cannot reach ORCID" in window.actions.delete_action.toolTip()
    finally:
        close_window(window)


def test_cached_copy_is_shown_before_the_refresh_arrives(qtbot, tmp_path, sandbox):
    signed = sign_in(sandbox)
    first = make_window(qtbot, tmp_path, signed.session)
    qtbot.waitUntil(first.ctx.cache.path_for("demo", DEMO_ORCID).exists, timeout=5000)
    close_window(first)
    sandbox.faults.latency = 1.0
    window = make_window(qtbot, tmp_path, signed.session, wait=False)
    try:
        qtbot.waitUntil(lambda: window.record.is_stale, timeout=5000)
        assert window.works.model.rowCount() > 0
        assert "refreshing" in window.freshness_label.text()
        with qtbot.waitSignal(window.record.refreshed, timeout=10_000):
            pass
        assert not window.record.is_stale
        assert window.freshness_label.text().startswith("Refreshed")
    finally:
        sandbox.faults.latency = 0
        close_window(window)


def test_revoked_sign_in_during_refresh_shows_reconnect_and_reconnect_recovers(
    qtbot, tmp_path, sandbox
):
    signed = sign_in(sandbox)
    window = make_window(qtbot, tmp_path, signed.session)
    try:
        rows_before = window.works.model.rowCount()
        sandbox.revoke_token(signed.token)
        window.record.refresh()
        qtbot.waitUntil(lambda: signed.session.needs_reconnect, timeout=10_000)
        assert window.message_bar.level == "error"
        assert "no longer valid" in window.message_bar.text()
        assert window.message_bar.action_button.text() == "Reconnect…"
        assert "reconnect needed" in window.account_combo.currentText()
        assert window.works.model.rowCount() == rows_before  # the last copy stays visible
        ours = next(
            s for s in sandbox.store.works(DEMO_ORCID).summaries() if s.is_owned_by(DEMO_CLIENT_ID)
        )
        select_put_codes(window, ours.put_code)
        assert not window.actions.delete_action.isEnabled()
        assert "Reconnect" in window.actions.delete_action.toolTip()

        with qtbot.waitSignal(window.record.refreshed, timeout=10_000):
            window.message_bar.action_button.click()
        assert not signed.session.needs_reconnect
        assert "reconnect needed" not in window.account_combo.currentText()
        assert window.message_bar.isHidden()
    finally:
        close_window(window)
