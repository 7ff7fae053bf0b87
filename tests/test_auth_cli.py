"""``claimdesk login`` / ``accounts`` / ``logout`` as a user runs them, against the sandbox."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from auth_support import ScriptedBrowser, free_ports, keyring_usable, register_test_client

from claimdesk.sandbox.seeds import DEMO_ORCID
from claimdesk.sandbox.server import Sandbox

CLAIMDESK = [sys.executable, "-m", "claimdesk"]


@pytest.fixture
def env(tmp_path: Path, sandbox: Sandbox) -> dict[str, str]:
    """Environment of a claimdesk whose site file names the sandbox's test client."""
    settings = register_test_client(sandbox, free_ports(2))
    site = tmp_path / "claimdesk.toml"
    uris = ", ".join(f'"{u}"' for u in settings.redirect_uris)
    site.write_text(
        'env = "local"\n[local]\n'
        f'base_url = "{sandbox.base_url}"\n'
        f'client_id = "{settings.client_id}"\n'
        f'client_secret = "{settings.client_secret}"\n'
        f"redirect_uris = [{uris}]\n"
    )
    return {
        **os.environ,
        "CLAIMDESK_HOME": str(tmp_path / "home"),
        "CLAIMDESK_SITE_CONFIG": str(site),
        "PYTHONUNBUFFERED": "1",
    }


def claimdesk(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*CLAIMDESK, *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_port_list_shows_registered_ports_and_whether_they_are_free(env: dict[str, str]) -> None:
    result = claimdesk("login", "--port-list", env=env)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 2 and all(line.endswith("\tfree") for line in lines)


def test_login_accounts_logout(env: dict[str, str]) -> None:
    if not keyring_usable():
        result = claimdesk("login", "--no-browser", "--timeout", "5", env=env)
        assert result.returncode == 1
        assert "No usable keyring" in result.stderr and "unlock or install" in result.stderr
        assert "oauth/authorize" not in result.stdout  # refused before any browser opened
        return
    process = subprocess.Popen(
        [*CLAIMDESK, "login", "--no-browser", "--timeout", "20"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        url = ""
        for line in process.stdout:
            if "/oauth/authorize?" in line:
                url = line.strip()
                break
        assert url, "login printed no sign-in URL"
        ScriptedBrowser(orcid=DEMO_ORCID).open(url)
        out, err = process.communicate(timeout=30)
    finally:
        process.kill()
    assert process.returncode == 0, err
    assert f"Signed in as Josiah Carberry ({DEMO_ORCID}) on local" in out

    listed = claimdesk("accounts", "--json", env=env)
    assert [a["orcid"] for a in json.loads(listed.stdout)] == [DEMO_ORCID]

    result = claimdesk("logout", env=env)
    assert result.returncode == 0, result.stderr
    assert "revoked at ORCID and removed" in result.stdout
    assert "No accounts" in claimdesk("accounts", env=env).stdout


def test_login_timeout_exits_1_with_one_line(env: dict[str, str]) -> None:
    if not keyring_usable():
        pytest.skip("no usable OS keyring here; login stops before listening")
    result = claimdesk("login", "--no-browser", "--timeout", "0.5", env=env)
    assert result.returncode == 1
    assert "No answer came back from the browser" in result.stderr


def test_login_without_a_client_secret_stops_before_the_browser(
    env: dict[str, str], tmp_path: Path
) -> None:
    """ORCID would refuse the code exchange at the very end; say so before the ORCID page."""
    site = Path(env["CLAIMDESK_SITE_CONFIG"])
    text = "\n".join(ln for ln in site.read_text().splitlines() if "client_secret" not in ln)
    site.write_text(text + "\n")
    result = claimdesk("login", "--no-browser", "--timeout", "5", env=env)
    assert result.returncode == 1
    assert "No client secret is configured" in result.stderr
    assert result.stderr.count("\n") == 1
    assert "oauth/authorize" not in result.stdout


def test_login_save_secret_stores_the_client_secret_in_the_keyring(env: dict[str, str]) -> None:
    """The command line can do what the settings dialog does: keep the secret in the keyring."""
    if not keyring_usable():
        pytest.skip("needs a usable OS keyring (CI runs the suite inside a GNOME keyring session)")
    from claimdesk.auth.tokens import delete_client_secret, load_client_secret

    site = Path(env["CLAIMDESK_SITE_CONFIG"])
    lines = site.read_text().splitlines()
    secret = next(ln for ln in lines if ln.startswith("client_secret")).split('"')[1]
    client_id = next(ln for ln in lines if ln.startswith("client_id")).split('"')[1]
    site.write_text("\n".join(ln for ln in lines if "client_secret" not in ln) + "\n")
    try:
        result = subprocess.run(
            [*CLAIMDESK, "login", "--save-secret", "--no-browser", "--timeout", "1"],
            env=env,
            input=secret + "\n",
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert "stored in the keyring" in result.stdout
        assert "oauth/authorize" in result.stdout  # the sign-in went on with the stored secret
        assert secret not in result.stdout + result.stderr
        assert load_client_secret("local", client_id) == secret
    finally:
        delete_client_secret("local", client_id)
