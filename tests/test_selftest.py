"""``claimdesk --self-test`` and ``--version`` from source, as a user (or CI, frozen) runs them.

The self-test goes through the real sandbox, loopback sign-in, client, claim runner, OS keyring
and Qt; here it runs as a subprocess, offscreen. CI also runs it on the PyInstaller bundle.
"""

from __future__ import annotations

import contextlib
import os
import re
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from claimdesk import __version__
from claimdesk.commands.selftest import STEPS

ROOT = Path(__file__).resolve().parents[1]


def run_claimdesk(*args: str, home: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """``python -m claimdesk ARGS`` offscreen, with ``home`` as CLAIMDESK_HOME."""
    full_env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "CLAIMDESK_HOME": str(home), **env}
    return subprocess.run(
        [sys.executable, "-m", "claimdesk", *args],
        capture_output=True,
        text=True,
        env=full_env,
        cwd=ROOT,
        timeout=100,
    )


def step_lines(stdout: str) -> dict[str, str]:
    """Step name → its whole line ("ok   works: read …")."""
    found = {}
    for line in stdout.splitlines():
        match = re.match(r"^(ok  |FAIL|skip) ([a-z-]+): ", line)
        if match:
            found[match.group(2)] = line
    return found


def usable_keyring() -> str | None:
    """None when this machine has a working OS keyring, else why not."""
    import keyring
    from keyring.backends import fail

    backend = keyring.get_keyring()
    if isinstance(backend, fail.Keyring):
        return "no OS keyring (CI runs the tests inside dbus-run-session with gnome-keyring)"
    try:
        backend.get_password("claimdesk:probe", "probe")
    except Exception as err:
        return f"the OS keyring cannot be used here: {err}"
    return None


@contextlib.contextmanager
def port_taken(port: int) -> Iterator[None]:
    """Hold 127.0.0.1:``port`` for the duration (if something else holds it, even better)."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    with contextlib.suppress(OSError):
        sock.bind(("127.0.0.1", port))
        sock.listen()
    try:
        yield
    finally:
        sock.close()


def test_self_test_passes_every_step_and_exits_0(tmp_path: Path):
    if why := usable_keyring():
        pytest.skip(why)
    result = run_claimdesk("--self-test", home=tmp_path / "home")

    assert result.returncode == 0, result.stdout + result.stderr
    lines = step_lines(result.stdout)
    assert list(lines) == list(STEPS)
    assert all(line.startswith("ok   ") for line in lines.values()), result.stdout
    assert re.search(r"^ok   sandbox: started on http://127\.0\.0\.1:\d+", result.stdout, re.M)
    assert "Josiah Carberry (0000-0002-1825-0097)" in lines["sign-in"]
    assert re.search(r"read \d+ works in \d+ groups", lines["works"])
    assert re.search(r"claimed 10\.80555/claimdesk-self-test-\w+ \(put-code \d+\)", lines["claim"])
    assert "stored, read and deleted a token" in lines["keyring"]
    assert "main window painted" in lines["window"]
    assert result.stdout.rstrip().endswith("self-test passed: 6 steps")


def test_self_test_names_the_failed_step_and_exits_1_without_a_keyring(tmp_path: Path):
    home = tmp_path / "home"
    # The registered demo port is busy too: the self-test must not depend on it.
    with port_taken(8765):
        result = run_claimdesk(
            "--self-test", home=home, PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring"
        )

    assert result.returncode == 1, result.stdout + result.stderr
    lines = step_lines(result.stdout)
    assert list(lines) == list(STEPS)
    assert lines["keyring"].startswith("FAIL keyring: No usable keyring was found")
    others = [line for step, line in lines.items() if step != "keyring"]
    assert all(line.startswith("ok   ") for line in others), result.stdout
    assert result.stdout.rstrip().endswith("self-test FAILED: keyring")


def test_self_test_leaves_the_users_claimdesk_home_untouched(tmp_path: Path):
    home = tmp_path / "home"
    run_claimdesk(
        "self-test",
        "--step-timeout",
        "20",
        home=home,
        PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring",
    )

    assert not home.exists()


def test_version_prints_the_version(tmp_path: Path):
    result = run_claimdesk("--version", home=tmp_path / "home")

    assert result.returncode == 0
    assert result.stdout.strip() == f"claimdesk {__version__}"
