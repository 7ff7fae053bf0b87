"""Writing a file the user asked for, atomically: never a half-written export or list."""

from __future__ import annotations

import os
from pathlib import Path


def write_atomically(target: Path, text: str) -> None:
    """Write ``text`` (UTF-8) beside ``target`` and rename it into place.

    A crash or a full disk leaves the old file, not part of the new one.
    """
    partial = target.with_name(f".{target.name}.partial")
    try:
        partial.write_text(text, encoding="utf-8")
        os.replace(partial, target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
