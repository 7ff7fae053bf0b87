"""When the keyring cannot be used, claimdesk says what is wrong and what to do (issue 12 class 9,
issue 16 §3): a locked keyring is called locked, a keyring turned off names the setting that did
it, and a missing client secret is said before the browser opens, with where it can go.

The locked case runs against the real Secret Service: a GNOME keyring of its own, in a D-Bus
session of its own, whose login collection the test locks.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from auth_support import free_ports, register_test_client
from conftest import REPO_ROOT

from claimdesk.sandbox.server import Sandbox

CLAIMDESK = [sys.executable, "-m", "claimdesk"]


@pytest.fixture
def site(tmp_path: Path, sandbox: Sandbox) -> tuple[Path, str, str]:
    """A site file naming the sandbox's test client, without its secret; (file, id, secret)."""
    settings = register_test_client(sandbox, free_ports(2))
    uris = ", ".join(f'"{u}"' for u in settings.redirect_uris)
    path = tmp_path / "claimdesk.toml"
    path.write_text(
        'env = "local"\n[local]\n'
        f'base_url = "{sandbox.base_url}"\n'
        f'client_id = "{settings.client_id}"\n'
        f"redirect_uris = [{uris}]\n"
    )
    assert settings.client_id and settings.client_secret
    return path, settings.client_id, settings.client_secret


def environment(tmp_path: Path, site: Path, **extra: str) -> dict[str, str]:
    env = {
        **os.environ,
        "CLAIMDESK_HOME": str(tmp_path / "home"),
        "CLAIMDESK_SITE_CONFIG": str(site),
        "PYTHONUNBUFFERED": "1",
        **extra,
    }
    for name in ("DISPLAY", "WAYLAND_DISPLAY"):  # no keyring prompt may open anywhere
        env.pop(name, None)
    return env


def login(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*CLAIMDESK, "login", "--no-browser", "--timeout", "5"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_login_with_a_locked_keyring_says_it_is_locked_not_that_the_secret_is_missing(
    tmp_path: Path, site: tuple[Path, str, str]
) -> None:
    for tool in ("dbus-run-session", "gnome-keyring-daemon"):
        if shutil.which(tool) is None:
            pytest.skip(f"needs {tool} for a Secret Service of the test's own")
    path, client_id, secret = site
    script = textwrap.dedent(
        f"""
        import subprocess, sys
        import secretstorage
        from claimdesk.auth.tokens import save_client_secret
        save_client_secret("local", {client_id!r}, {secret!r})  # stored, then locked away
        collection = secretstorage.get_default_collection(secretstorage.dbus_init())
        collection.lock()
        assert collection.is_locked()
        run = subprocess.run(
            [sys.executable, "-m", "claimdesk", "login", "--no-browser", "--timeout", "5"],
            capture_output=True, text=True, timeout=60,
        )
        sys.stdout.write(f"{{run.returncode}}\\n{{run.stderr}}")
        """
    )
    env = environment(tmp_path, path, XDG_DATA_HOME=str(tmp_path / "keyrings"))
    env.pop("DBUS_SESSION_BUS_ADDRESS", None)
    outer = subprocess.run(
        [
            "dbus-run-session",
            "--",
            "bash",
            str(REPO_ROOT / ".ci" / "with-keyring"),
            sys.executable,
            "-c",
            script,
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert outer.returncode == 0, outer.stderr[-2000:]
    code, stderr = outer.stdout.split("\n", 1)
    assert code == "1"
    assert stderr.count("\n") == 1, stderr
    assert "the keyring is locked" in stderr
    assert f"client secret for {client_id}" in stderr and "No client secret" not in stderr
    assert "unlock the keyring" in stderr
    assert secret not in stderr


def test_login_with_the_keyring_turned_off_names_the_setting_and_what_to_do(
    tmp_path: Path, site: tuple[Path, str, str]
) -> None:
    path, client_id, secret = site
    off = environment(tmp_path, path, PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring")
    result = login(off)
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1, result.stderr
    said = result.stderr
    assert f"The client secret for {client_id} on local could not be looked up" in said
    assert (
        "PYTHON_KEYRING_BACKEND=keyring.backends.fail.Keyring chooses a backend that stores" in said
    )
    assert "remove PYTHON_KEYRING_BACKEND" in said
    assert f"under [local] in the site file {path}" in said
    assert "KWallet" not in said  # not the probe of a keyring nobody asked for

    # with the secret in the site file, the sign-in itself still has nowhere to go: say so
    path.write_text(path.read_text() + f'client_secret = "{secret}"\n')
    result = login(off)
    assert result.returncode == 1 and result.stderr.count("\n") == 1, result.stderr
    assert "No usable keyring was found (PYTHON_KEYRING_BACKEND=" in result.stderr
    assert "CLAIMDESK_TOKEN" in result.stderr and "oauth/authorize" not in result.stdout
    assert secret not in result.stderr + result.stdout
