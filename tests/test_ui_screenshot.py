"""The demo window really draws under an X server (Xvfb): a PNG with colours and text."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

pytestmark = pytest.mark.xvfb


@pytest.fixture
def xserver():
    """A private Xvfb display (it picks a free display number itself)."""
    if shutil.which("Xvfb") is None:
        pytest.skip("Xvfb is not installed")
    read_fd, write_fd = os.pipe()
    proc = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_fd), "-screen", "0", "1400x900x24", "-nolisten", "tcp"],
        pass_fds=(write_fd,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_fd)
    with os.fdopen(read_fd) as pipe:
        display = pipe.readline().strip()
    if not display:
        proc.kill()
        pytest.skip("Xvfb did not start")
    yield f":{display}"
    proc.terminate()
    proc.wait(10)


@pytest.mark.parametrize("view", ["works", "search", "public", "curator"])
def test_demo_window_renders_on_x(xserver, tmp_path, view):
    """Each view, staged as a user sees it (search after a search, the public record with its
    missing DOIs, a curator round trip), draws under X."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QImage

    out = tmp_path / "window.png"
    env = dict(
        os.environ, DISPLAY=xserver, QT_QPA_PLATFORM="xcb", CLAIMDESK_HOME=str(tmp_path / "home")
    )
    result = subprocess.run(
        [sys.executable, "-m", "claimdesk.ui.screenshot", str(out), "--screen", "--view", view],
        env=env,
        timeout=90,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    image = QImage(str(out))
    assert image.width() >= 1000 and image.height() >= 600
    # Sample the window area: a blank or single-colour grab has a handful of colours; a drawn
    # window with anti-aliased text, icons, a selection and the badge has hundreds.
    colours = set()
    dark = 0
    for y in range(0, 800, 3):
        for x in range(0, 1350, 3):
            rgb = image.pixel(x, y) & 0xFFFFFF
            colours.add(rgb)
            r, g, b = rgb >> 16, (rgb >> 8) & 0xFF, rgb & 0xFF
            if r + g + b < 200:
                dark += 1
    assert len(colours) > 100
    assert dark > 2000  # text is drawn (dark glyph pixels over a light background)
