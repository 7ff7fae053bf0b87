"""The start-up baseline: the smallest PySide6 window, with the same first-paint probe as claimdesk.

Run from source (``python benchmarks/minimal_window.py``) or frozen with claimdesk's own spec
options (``pyinstaller packaging/pyinstaller.spec -- --baseline``). With ``CLAIMDESK_STARTUP_PROBE``
set it prints ``claimdesk-painted <unix time>`` on its first paint and quits, as claimdesk does.
Deliberately imports nothing from claimdesk.
"""

import os
import sys
import time

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QWidget


class _FirstPaint(QObject):
    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.window = window
        self.done = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if (
            not self.done
            and event.type() == QEvent.Type.Paint
            and isinstance(watched, QWidget)
            and watched.window() is self.window
        ):
            self.done = True
            print(f"claimdesk-painted {time.time():.6f}", flush=True)
            QApplication.quit()
        return False


def main() -> int:
    """Show a window with one label; with the probe, quit after its first paint."""
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.setWindowTitle("minimal PySide6 window")
    window.setCentralWidget(QLabel("Hello"))
    window.resize(800, 600)
    if os.environ.get("CLAIMDESK_STARTUP_PROBE", "") not in ("", "0"):
        app.installEventFilter(_FirstPaint(window))
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
