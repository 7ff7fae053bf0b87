"""The FILE argument of ``claimdesk inspect`` and ``convert``: a path, or ``-`` for stdin."""

from __future__ import annotations

import sys


def read_input(path: str) -> bytes:
    """The bytes of ``path`` (stdin for ``-``); MessageError naming the file if it cannot be read."""
    from claimdesk.errors import MessageError

    try:
        if path == "-":
            return sys.stdin.buffer.read()
        with open(path, "rb") as handle:
            return handle.read()
    except OSError as err:
        raise MessageError(f"cannot read {path}: {err.strerror or err}") from err
