"""The contract for background work: a cancel token the job polls and a progress callback.

Workflows take ``cancel: CancelToken | None`` and ``progress: Progress | None``; the GUI's task
runner hands each job a token it sets when the user cancels or switches records, the CLI one it
sets on Ctrl-C. Plain threading underneath, no Qt.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

#: ``progress(done, total)``: how far a job is, in its own units (works, DOIs, requests).
Progress = Callable[[int, int], None]


class Cancelled(Exception):  # noqa: N818 - it reads as what happened, like KeyboardInterrupt
    """Raised by :meth:`CancelToken.check` once cancellation was asked for."""


class CancelToken:
    """Set once by whoever may cancel (the user, the window, Ctrl-C); polled by the job."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        """Ask the job to stop at its next check."""
        self._event.set()

    def is_set(self) -> bool:
        """True once cancelled (the name ``threading.Event`` uses, for code that polls one)."""
        return self._event.is_set()

    @property
    def cancelled(self) -> bool:
        """True once cancelled."""
        return self._event.is_set()

    def check(self) -> None:
        """Raise :class:`Cancelled` if cancelled."""
        if self._event.is_set():
            raise Cancelled

    def wait(self, timeout: float) -> bool:
        """Sleep up to ``timeout`` seconds, waking early when cancelled; True if cancelled."""
        return self._event.wait(timeout)


def is_cancelled(cancel: CancelToken | None) -> bool:
    """True when ``cancel`` is given and set."""
    return cancel is not None and cancel.cancelled
