"""Layered configuration: defaults < site file < user file < CLAIMDESK_* variables < flags."""

from __future__ import annotations

import argparse
import logging
import tomllib
from pathlib import Path

import pytest

from claimdesk.config import (
    DEFAULT_REDIRECT_URIS,
    DEFAULT_SCOPES,
    load_settings,
    save_user_settings,
    settings_from_args,
    user_config_file,
)
from claimdesk.errors import ConfigError


@pytest.fixture(autouse=True)
def _no_settings_in_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("REDIRECT_URIS", "SCOPES", "MAILTO", "TIMEOUT"):  # conftest clears the others
        monkeypatch.delenv(f"CLAIMDESK_{name}", raising=False)


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "site" / "claimdesk.toml"
    path.parent.mkdir()
    path.write_text(
        'env = "sandbox"\n'
        'mailto = "library@example.org"\n'
        "[sandbox]\n"
        'client_id = "APP-SITE000000000001"\n'
        'client_secret = "site-secret-value"\n'
        "redirect_ports = [9101, 9102]\n"
        "[production]\n"
        'client_id = "APP-SITEPRODUCTION01"\n'
    )
    monkeypatch.setenv("CLAIMDESK_SITE_CONFIG", str(path))
    return path


def write_user(text: str) -> None:
    path = user_config_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


def test_built_in_defaults_without_any_file() -> None:
    settings = load_settings()
    assert settings.env == "production"
    assert settings.client_id is None and settings.client_secret is None
    assert settings.redirect_uris == DEFAULT_REDIRECT_URIS
    assert settings.scopes == DEFAULT_SCOPES


def test_site_file_sets_environment_client_and_ports(site: Path) -> None:
    settings = load_settings()
    assert settings.env == "sandbox"
    assert settings.client_id == "APP-SITE000000000001"
    assert settings.client_secret == "site-secret-value"
    assert settings.redirect_uris == (
        "http://127.0.0.1:9101/callback",
        "http://127.0.0.1:9102/callback",
    )
    assert settings.mailto == "library@example.org"


def test_user_file_overrides_site_file_per_environment(site: Path) -> None:
    write_user('[sandbox]\nclient_id = "APP-USER000000000001"\nscopes = ["/authenticate"]\n')
    settings = load_settings()
    assert settings.client_id == "APP-USER000000000001"
    assert settings.scopes == ("/authenticate",)
    assert settings.redirect_uris[0].endswith(":9101/callback")  # still from the site file
    production = load_settings(env="production")
    assert production.client_id == "APP-SITEPRODUCTION01"


def test_environment_variables_override_files(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_user('[sandbox]\nclient_id = "APP-USER000000000001"\n')
    monkeypatch.setenv("CLAIMDESK_CLIENT_ID", "APP-ENVIRONMENT00001")
    monkeypatch.setenv("CLAIMDESK_REDIRECT_URIS", "http://127.0.0.1:9200/cb")
    monkeypatch.setenv("CLAIMDESK_SCOPES", "openid /read-limited")
    settings = load_settings()
    assert settings.client_id == "APP-ENVIRONMENT00001"
    assert settings.redirect_uris == ("http://127.0.0.1:9200/cb",)
    assert settings.scopes == ("openid", "/read-limited")


def test_command_line_flags_win(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLAIMDESK_CLIENT_ID", "APP-ENVIRONMENT00001")
    monkeypatch.setenv("CLAIMDESK_ENV", "production")
    args = argparse.Namespace(env="local", base_url="http://127.0.0.1:9300", client_id="APP-FLAG")
    settings = settings_from_args(args)
    assert settings.env == "local" and settings.endpoints.oauth == "http://127.0.0.1:9300"
    assert settings.client_id == "APP-FLAG"


def test_client_secret_in_the_user_file_is_ignored_and_never_echoed(
    caplog: pytest.LogCaptureFixture,
) -> None:
    write_user('[production]\nclient_id = "APP-USER"\nclient_secret = "user-file-secret"\n')
    caplog.set_level(logging.DEBUG)
    settings = load_settings()
    assert settings.client_secret is None
    assert "client_secret ignored" in caplog.text
    assert "user-file-secret" not in caplog.text


def test_settings_dialog_values_are_written_to_the_user_file() -> None:
    path = save_user_settings(
        "sandbox", client_id="APP-DIALOG", redirect_ports=[9401, 9402], default_env="sandbox"
    )
    save_user_settings("local", base_url="http://127.0.0.1:9500", scopes=["/authenticate"])
    data = tomllib.loads(path.read_text())
    assert data["sandbox"] == {"client_id": "APP-DIALOG", "redirect_ports": [9401, 9402]}
    settings = load_settings()
    assert settings.env == "sandbox" and settings.client_id == "APP-DIALOG"
    local = load_settings(env="local")
    assert local.endpoints.oauth == "http://127.0.0.1:9500" and local.scopes == ("/authenticate",)


def test_writer_escapes_strings_as_valid_toml() -> None:
    path = save_user_settings("sandbox", client_id='APP-"quoted"\\ é\n')
    assert tomllib.loads(path.read_text())["sandbox"]["client_id"] == 'APP-"quoted"\\ é\n'


def test_broken_configuration_file_is_a_clear_error() -> None:
    write_user("[sandbox\n")
    with pytest.raises(ConfigError, match="Cannot read the configuration file"):
        load_settings()


def test_local_environment_needs_a_base_url() -> None:
    with pytest.raises(ConfigError, match="base URL"):
        load_settings(env="local")


@pytest.mark.parametrize("url", ["notaurl", "127.0.0.1:9123", "ftp://127.0.0.1", "http://"])
def test_local_base_url_must_be_an_http_address(url: str) -> None:
    """A clear refusal up front, not httpx's "missing an 'http://' protocol" at the first call."""
    with pytest.raises(ConfigError, match="not an http:// or https:// address"):
        load_settings(env="local", base_url=url)
