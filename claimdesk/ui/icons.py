"""Icons from ``resources/``: SVGs drawn for claimdesk, tinted to the current palette.

Toolbar icons are drawn with ``currentColor``; they are rendered in the palette's text colour so
they stay legible in light and dark mode. Source-kind and preferred icons carry fixed colours.
"""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

from PySide6.QtCore import QByteArray, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QIcon, QIconEngine, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

#: opacity of an icon's disabled look
DISABLED_OPACITY = 0.35


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


class SvgIconEngine(QIconEngine):
    """Draws an SVG at the size and pixel ratio asked for, when first asked (then keeps it).

    Rendering every size up front took a noticeable part of the start-up; most sizes are
    never shown.
    """

    def __init__(self, svg: bytes) -> None:
        super().__init__()
        self._svg = svg
        self._pixmaps: dict[tuple[int, float, bool], QPixmap] = {}

    def clone(self) -> QIconEngine:
        return SvgIconEngine(self._svg)

    def actualSize(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QSize:  # noqa: N802 - Qt override
        side = min(size.width(), size.height())
        return QSize(side, side)

    def scaledPixmap(  # noqa: N802 - Qt override
        self, size: QSize, mode: QIcon.Mode, state: QIcon.State, scale: float
    ) -> QPixmap:
        side = max(1, min(size.width(), size.height()))
        disabled = mode == QIcon.Mode.Disabled
        key = (side, scale, disabled)
        pixmap = self._pixmaps.get(key)
        if pixmap is None:
            opacity = DISABLED_OPACITY if disabled else 1.0
            pixmap = _render(self._svg, side, max(scale, 1.0), opacity)
            self._pixmaps[key] = pixmap
        return pixmap

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        return self.scaledPixmap(size, mode, state, 1.0)

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        ratio = painter.device().devicePixelRatioF() if painter.device() else 1.0
        painter.drawPixmap(rect, self.scaledPixmap(rect.size(), mode, state, ratio))


def _svg_icon(path: Path, color: QColor | None = None) -> QIcon:
    try:
        svg = path.read_bytes()
    except OSError:
        return QIcon()
    if color is not None:
        svg = svg.replace(b"currentColor", color.name().encode("ascii"))
    return QIcon(SvgIconEngine(svg))


def icon(name: str, color: QColor | None = None) -> QIcon:
    """``resources/icons/<name>.svg`` as an icon, ``currentColor`` painted in ``color``."""
    return _svg_icon(resources_dir() / "icons" / f"{name}.svg", color)


def app_icon() -> QIcon:
    """claimdesk's application icon."""
    return _svg_icon(resources_dir() / "claimdesk.svg")
