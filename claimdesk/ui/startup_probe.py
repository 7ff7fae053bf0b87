"""Notice a window's first paint: for the start-up benchmark and the self-test.

``CLAIMDESK_STARTUP_PROBE=1 claimdesk`` prints ``claimdesk-painted <unix time>`` on stdout when the
main window has first been painted, and quits. The benchmark compares that moment with the launch.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QWidget

ENV_VAR = "CLAIMDESK_STARTUP_PROBE"
MARKER = "claimdesk-painted"


def wanted() -> bool:
    """True when the environment asks for the start-up probe."""
    return os.environ.get(ENV_VAR, "") not in ("", "0")


class FirstPaint(QObject):
    """Calls ``callback(seconds since the epoch)`` once, on the first paint inside ``window``.

    ``children=False``: on the first paint of ``window`` itself (Qt paints it before its
    children). That filter sees the window's events only; the app-wide one sees every event of
    the application until the first paint (over a thousand at start-up, a Python call each).
    """

    def __init__(
        self, window: QWidget, callback: Callable[[float], None], *, children: bool = True
    ) -> None:
        super().__init__(window)
        self._window = window
        self._callback: Callable[[float], None] | None = callback
        app = QApplication.instance()
        assert app is not None
        # Paint events go to the child widgets that need painting, so the filter is app-wide.
        self._watched: QObject = app if children else window
        self._watched.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if (
            self._callback is not None
            and event.type() == QEvent.Type.Paint
            and isinstance(watched, QWidget)
            and watched.window() is self._window
        ):
            callback, self._callback = self._callback, None
            self._watched.removeEventFilter(self)
            callback(time.time())
        return False


def report_first_paint_and_quit(window: QWidget) -> FirstPaint:
    """Print the probe line on the first paint of ``window`` and quit the application."""

    def painted(when: float) -> None:
        print(f"{MARKER} {when:.6f}", flush=True)
        sys.stdout.flush()
        QApplication.quit()

    return FirstPaint(window, painted)
