"""Reading an ORCID message of a given kind, the same way for the XML and the JSON codec.

Both codecs decode a body (a tree, a JSON value), recognise which of the five messages claimdesk
reads it is (works, work, work-summary, bulk, error), refuse one of another kind when a kind was
asked for, and hand it to that kind's reader. Only the decoding and the readers differ.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Generic, TypeVar, cast

from claimdesk.orcid.model import Bulk, ErrorBody, Work, WorksSummary, WorkSummary

Message = WorksSummary | Work | WorkSummary | Bulk | ErrorBody
Decoded = TypeVar("Decoded")


@dataclass(frozen=True)
class MessageReader(Generic[Decoded]):
    """One codec's way of reading each kind of message from its decoded form."""

    decode: Callable[[bytes], Decoded]  # raises MessageError for what is not a message at all
    kind_of: Callable[[Decoded], str]  # raises MessageError for messages claimdesk does not read
    expect: Callable[[Decoded, str], None]  # raises MessageError if not of that kind
    readers: Mapping[str, Callable[[Decoded], Any]]  # kind → reader

    def any(self, body: bytes) -> Message:
        """Whichever message ``body`` is."""
        decoded = self.decode(body)
        return cast(Message, self.readers[self.kind_of(decoded)](decoded))

    def _of_kind(self, body: bytes, kind: str) -> Any:
        decoded = self.decode(body)
        self.expect(decoded, kind)
        return self.readers[kind](decoded)

    def works(self, body: bytes) -> WorksSummary:
        """A works summary, or MessageError."""
        return cast(WorksSummary, self._of_kind(body, "works"))

    def work(self, body: bytes) -> Work:
        """A full work, or MessageError."""
        return cast(Work, self._of_kind(body, "work"))

    def work_summary(self, body: bytes) -> WorkSummary:
        """One work summary, or MessageError."""
        return cast(WorkSummary, self._of_kind(body, "work-summary"))

    def bulk(self, body: bytes) -> Bulk:
        """A bulk message, or MessageError."""
        return cast(Bulk, self._of_kind(body, "bulk"))

    def error(self, body: bytes) -> ErrorBody:
        """An error body, or MessageError."""
        return cast(ErrorBody, self._of_kind(body, "error"))
