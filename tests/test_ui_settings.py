"""The Settings dialog writes the user's file, puts the client secret in the keyring only."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import tomllib  # noqa: E402

import keyring  # noqa: E402
import pytest  # noqa: E402
from auth_support import real_keyring  # noqa: E402
from keyring.backends import fail  # noqa: E402

from claimdesk.auth.client_secret import load_settings as load_settings_with_secret  # noqa: E402
from claimdesk.config import (  # noqa: E402
    claim_options,
    load_settings,
    save_user_settings,
    user_config_file,
)
from claimdesk.ui.settings_dialog import SettingsDialog  # noqa: E402
from claimdesk.ui.tasks import TaskRunner  # noqa: E402

SECRET = "secret-from-the-settings-dialog-0123456789"


pytestmark = pytest.mark.usefixtures("restore_keyring")


@pytest.fixture
def dialog(qtbot):
    runner = TaskRunner()
    dlg = SettingsDialog(runner)
    qtbot.addWidget(dlg)
    with qtbot.waitSignal(dlg.loaded, timeout=10_000):
        pass
    yield dlg
    runner.wait(5_000)


def test_settings_dialog_shows_defaults_and_the_keyring_in_use(dialog):
    page = dialog.pages["production"]
    assert page.ports.text() == "8765, 8766, 8767"
    assert "http://127.0.0.1:8765/callback" in page.uris.text()
    assert not dialog.allow_own_version.isChecked() and not dialog.include_versions.isChecked()
    said = dialog.keyring_label.text()
    if isinstance(keyring.get_keyring(), fail.Keyring):
        assert "No usable keyring" in said and "cannot be stored" in said
    else:
        assert "kept in the keyring: " in said


def test_settings_are_saved_to_the_user_file(qtbot, dialog):
    page = dialog.pages["sandbox"]
    page.client_id.setText("APP-SANDBOX0000001")
    page.ports.setText("9100 9101")
    dialog.default_env.setCurrentIndex(dialog.default_env.findData("sandbox"))
    dialog.mailto.setText("curator@example.org")
    dialog.allow_own_version.setChecked(True)
    dialog.include_versions.setChecked(True)
    with qtbot.waitSignal(dialog.saved, timeout=10_000):
        dialog.save()
    data = tomllib.loads(user_config_file().read_text())
    assert data["env"] == "sandbox" and data["mailto"] == "curator@example.org"
    assert data["sandbox"] == {"client_id": "APP-SANDBOX0000001", "redirect_ports": [9100, 9101]}
    assert "production" not in data  # nothing changed there, nothing written
    assert data["claims"] == {"allow_own_version": True, "include_versions": True}
    assert claim_options() == {"allow_own_version": True, "include_versions": True}
    settings = load_settings()
    assert settings.env == "sandbox" and settings.client_id == "APP-SANDBOX0000001"
    assert settings.redirect_uris == (
        "http://127.0.0.1:9100/callback",
        "http://127.0.0.1:9101/callback",
    )
    assert settings.mailto == "curator@example.org"


def test_bad_ports_are_refused_with_a_reason(qtbot, dialog):
    dialog.pages["production"].ports.setText("8765, http")
    dialog.save()
    assert "'http' is not a port number" in dialog.message.text()
    assert not user_config_file().exists()


def test_without_a_keyring_settings_save_the_rest_and_say_where_the_secret_can_go(
    qtbot, home, tmp_path, monkeypatch
):
    keyring.set_keyring(fail.Keyring())
    site = tmp_path / "claimdesk.toml"
    monkeypatch.setenv("CLAIMDESK_SITE_CONFIG", str(site))
    runner = TaskRunner()
    dlg = SettingsDialog(runner)
    qtbot.addWidget(dlg)
    with qtbot.waitSignal(dlg.loaded, timeout=10_000):
        pass
    page = dlg.pages["production"]
    # said before anything is typed: no keyring, where the secret can go, the rest is saved
    assert not page.secret.isEnabled()
    assert f"under [production] in the site file {site}" in page.secret_state.text()
    assert "the other settings are saved as usual" in dlg.keyring_label.text()
    page.client_id.setText("APP-PRODUCTION00001")
    dlg.pages["local"].base_url.setText("http://127.0.0.1:9000")
    with qtbot.waitSignal(dlg.saved, timeout=10_000):
        dlg.save()
    data = tomllib.loads(user_config_file().read_text())
    assert data["production"] == {"client_id": "APP-PRODUCTION00001"}
    assert data["local"]["base_url"] == "http://127.0.0.1:9000"
    runner.wait(5_000)


def test_a_keyring_that_refuses_at_save_keeps_only_the_secret_back(qtbot, dialog, home):
    from test_auth_keyring import LockedKeyring

    page = dialog.pages["sandbox"]
    page.client_id.setText("APP-SANDBOXLOCKED01")
    page.ports.setText("9200")
    page.secret.setEnabled(True)
    page.secret.setText(SECRET)
    keyring.set_keyring(LockedKeyring())  # locked between opening Settings and saving
    with qtbot.waitSignal(dialog.saved, timeout=10_000):
        dialog.save()
    qtbot.waitUntil(
        lambda: "Saved, except the client secret" in dialog.message.text(), timeout=5_000
    )
    said = dialog.message.text()
    assert "the keyring is locked" in said and "unlock the keyring" in said
    assert "under [sandbox] in the site file" in said
    assert SECRET not in said and page.secret.text() == ""
    assert dialog.result() == 0  # left open to be read, not accepted
    data = tomllib.loads(user_config_file().read_text())
    assert data["sandbox"] == {"client_id": "APP-SANDBOXLOCKED01", "redirect_ports": [9200]}
    for f in home.rglob("*"):
        if f.is_file():
            assert SECRET.encode() not in f.read_bytes(), f"the secret is in {f}"


def test_client_secret_goes_to_the_keyring_and_never_to_the_file(qtbot, dialog, home):
    real_keyring()
    from claimdesk.auth.tokens import delete_client_secret, load_client_secret

    page = dialog.pages["sandbox"]
    page.client_id.setText("APP-SANDBOXSECRET01")
    page.secret.setText(SECRET)
    try:
        with qtbot.waitSignal(dialog.saved, timeout=10_000):
            dialog.save()
        assert load_client_secret("sandbox", "APP-SANDBOXSECRET01") == SECRET
        assert load_settings_with_secret(env="sandbox").client_secret == SECRET
        for f in home.rglob("*"):
            if f.is_file():
                assert SECRET.encode() not in f.read_bytes(), f"the secret is in {f}"
        # shown again: the secret is not, only that one is stored
        again = SettingsDialog(dialog.runner)
        qtbot.addWidget(again)
        qtbot.waitUntil(lambda: again.values is not None, timeout=10_000)
        shown = again.pages["sandbox"]
        assert shown.secret.text() == "" and "keyring" in shown.secret_state.text()
    finally:
        delete_client_secret("sandbox", "APP-SANDBOXSECRET01")


def test_user_file_keeps_values_the_dialog_did_not_change(qtbot, home):
    save_user_settings("local", client_id="APP-LOCAL", base_url="http://127.0.0.1:9000")
    runner = TaskRunner()
    dlg = SettingsDialog(runner)
    qtbot.addWidget(dlg)
    qtbot.waitUntil(lambda: dlg.values is not None, timeout=10_000)
    assert dlg.pages["local"].base_url.text() == "http://127.0.0.1:9000"
    assert dlg.pages["local"].client_id.text() == "APP-LOCAL"
    dlg.mailto.setText("me@example.org")
    with qtbot.waitSignal(dlg.saved, timeout=10_000):
        dlg.save()
    data = tomllib.loads(user_config_file().read_text())
    assert data["local"]["client_id"] == "APP-LOCAL" and data["mailto"] == "me@example.org"
    runner.wait(5_000)
