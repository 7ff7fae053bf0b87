"""The FILE argument of ``claimdesk inspect`` and ``convert``: a path, or ``-`` for stdin.

Read in bounded memory: a file larger than any real API answer is refused before it is read
(a regular file by its size, a pipe or device once that much has come through), and binary
data (``/dev/zero``, an image) as soon as its first block shows it.
"""

from __future__ import annotations

import os
import sys
from typing import BinaryIO

#: The most read from one file: two and a half times a whole 10,000-work ORCID record (~25 MB
#: of XML), and many times a 1,000-record page of DataCite or Crossref.
MAX_INPUT_BYTES = 64 * 1024 * 1024
_BLOCK = 1024 * 1024


def too_large(path: str, limit: int, how_to_split: str) -> str:
    """Words refusing an input over ``limit`` bytes: the limit, and how to split the input."""
    name = "standard input" if path == "-" else path
    megabytes = limit // (1024 * 1024)
    return f"{name} is larger than {megabytes} MB, the most claimdesk reads at once; {how_to_split}"


def read_input(
    path: str,
    *,
    limit: int = MAX_INPUT_BYTES,
    how_to_split: str = "split it into smaller files (one API answer each)",
) -> bytes:
    """The bytes of ``path`` (stdin for ``-``); MessageError naming the file if it cannot be read,
    is larger than ``limit`` bytes, or is binary data."""
    from claimdesk.errors import MessageError

    try:
        if path == "-":
            return _read_bounded(sys.stdin.buffer, path, limit, how_to_split)
        with open(path, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > limit:
                raise MessageError(too_large(path, limit, how_to_split))
            return _read_bounded(handle, path, limit, how_to_split)
    except OSError as err:
        raise MessageError(f"cannot read {path}: {err.strerror or err}") from err


def _read_bounded(handle: BinaryIO, path: str, limit: int, how_to_split: str) -> bytes:
    from claimdesk.errors import MessageError
    from claimdesk.orcid.codec import describe_binary

    blocks: list[bytes] = []
    total = 0
    while True:
        block = handle.read(_BLOCK)
        if not block:
            break
        if not blocks and len(block) == _BLOCK:
            # Refused before reading on (/dev/zero never ends); a smaller body is described
            # with its size by the reader it goes to.
            binary = describe_binary(block)
            if binary is not None and binary.startswith("binary data"):
                name = "standard input" if path == "-" else path
                raise MessageError(f"{name} is binary data, not text")
        total += len(block)
        if total > limit:
            raise MessageError(too_large(path, limit, how_to_split))
        blocks.append(block)
    return b"".join(blocks)
