"""Icons from ``resources/``: SVGs drawn for claimdesk, tinted to the current palette.

Toolbar icons are drawn with ``currentColor``; they are rendered in the palette's text colour so
they stay legible in light and dark mode. Source-kind and preferred icons carry fixed colours.
"""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

from PySide6.QtCore import QByteArray, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

SIZES = (16, 20, 24, 32, 48)


@cache
def resources_dir() -> Path:
    """The ``resources`` folder (next to the package, or inside a PyInstaller bundle)."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parents[2] / "resources"


def _render(svg: bytes, size: int, ratio: float = 1.0, opacity: float = 1.0) -> QPixmap:
    renderer = QSvgRenderer(QByteArray(svg))
    pixmap = QPixmap(int(size * ratio), int(size * ratio))
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setOpacity(opacity)
    renderer.render(painter, QRectF(0, 0, size * ratio, size * ratio))
    painter.end()
    pixmap.setDevicePixelRatio(ratio)
    return pixmap


def icon(name: str, color: QColor | None = None) -> QIcon:
    """``resources/icons/<name>.svg`` as an icon, ``currentColor`` painted in ``color``."""
    path = resources_dir() / "icons" / f"{name}.svg"
    try:
        svg = path.read_bytes()
    except OSError:
        return QIcon()
    if color is not None:
        svg = svg.replace(b"currentColor", color.name().encode("ascii"))
    result = QIcon()
    for size in SIZES:
        result.addPixmap(_render(svg, size, 2.0))
        result.addPixmap(_render(svg, size, 2.0, opacity=0.35), QIcon.Mode.Disabled)
    return result


def app_icon() -> QIcon:
    """claimdesk's application icon."""
    svg_path = resources_dir() / "claimdesk.svg"
    try:
        svg = svg_path.read_bytes()
    except OSError:
        return QIcon()
    result = QIcon()
    for size in (16, 24, 32, 48, 64, 128, 256):
        result.addPixmap(_render(svg, size))
    return result
