"""Text from outside made safe to print: no terminal escapes, no hidden or reversed characters.

Titles from DataCite and Crossref, DOIs from a user's file, ORCID's and the OAuth callback's
error descriptions all end up on a terminal. A raw ESC, CSI or OSC byte there can rewrite the
screen, the window title or the clipboard; a right-to-left override or a zero-width character
makes text read differently from what it is. :func:`safe` shows each such character as a
visible ``\\uXXXX`` escape instead (the same spelling JSON uses, so JSON output stays valid and
means the same). The command line wraps stdout and stderr in :class:`SafeStream`, so every
command's output and error path goes through it; :func:`safe_line` also escapes line breaks,
for one-line fields.
"""

from __future__ import annotations

import io
import re
from typing import BinaryIO, TextIO

#: Characters shown escaped: C0 controls but tab and newline, DEL, C1 controls; bidi embeddings,
#: overrides, isolates and marks; zero-width and invisible formatting characters; lone
#: surrogates (undecodable bytes).
_UNSAFE = (
    "\x00-\x08\x0b-\x1f\x7f-\x9f"
    "\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff"
    "\ud800-\udfff"
)
_UNSAFE_RE = re.compile(f"[{_UNSAFE}]")
_UNSAFE_LINE_RE = re.compile(f"[{_UNSAFE}\n\r\u2028\u2029\x85]")


def _escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group(0)):04x}"


def safe(text: str) -> str:
    """``text`` with every control, bidi-control and invisible character shown as ``\\uXXXX``."""
    return _UNSAFE_RE.sub(_escape, text)


def safe_line(text: str) -> str:
    """Like :func:`safe`, and line breaks escaped too: one field stays on one line."""
    return _UNSAFE_LINE_RE.sub(_escape, text)


def xml_safe(xml: bytes) -> bytes:
    """UTF-8 XML with the same characters written as character references (``&#x202e;``).

    Lossless (an XML reader sees the same text) and harmless on a terminal.
    """
    text = xml.decode("utf-8", "surrogateescape")
    return _UNSAFE_RE.sub(lambda m: f"&#x{ord(m.group(0)):x};", text).encode(
        "utf-8", "surrogateescape"
    )


class SafeStream(io.TextIOBase):
    """A text stream that passes everything written through :func:`safe` to ``inner``.

    ``buffer`` stays the inner stream's, for commands that write bytes themselves; they make
    them safe first (:func:`xml_safe`). :meth:`write_control` writes claimdesk's own control
    characters (a progress line's carriage return) unchanged.
    """

    def __init__(self, inner: TextIO) -> None:
        super().__init__()
        self.inner = inner

    def write(self, text: str) -> int:
        self.inner.write(safe(text))
        return len(text)

    def write_control(self, text: str) -> None:
        """Write claimdesk's own text, control characters included, as it is."""
        self.inner.write(text)

    def flush(self) -> None:
        self.inner.flush()

    def isatty(self) -> bool:
        return self.inner.isatty()

    def fileno(self) -> int:
        return self.inner.fileno()

    def writable(self) -> bool:
        return True

    @property
    def buffer(self) -> BinaryIO:
        return self.inner.buffer

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return getattr(self.inner, "encoding", "utf-8")

    @property
    def errors(self) -> str | None:  # type: ignore[override]
        return getattr(self.inner, "errors", None)


def write_control(stream: TextIO, text: str) -> None:
    """Write claimdesk's own control text (``\\r`` progress) to ``stream``, wrapped or not."""
    if isinstance(stream, SafeStream):
        stream.write_control(text)
    else:
        stream.write(text)


def install() -> tuple[TextIO, TextIO]:
    """Wrap ``sys.stdout`` and ``sys.stderr`` in :class:`SafeStream`; returns the originals."""
    import sys

    out, err = sys.stdout, sys.stderr
    # None: no console at all (a windowed build); print() then writes nowhere, as before.
    if out is not None and not isinstance(out, SafeStream):
        sys.stdout = SafeStream(out)
    if err is not None and not isinstance(err, SafeStream):
        sys.stderr = SafeStream(err)
    return out, err
