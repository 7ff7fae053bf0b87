"""What a reader left out of a message because it could not be read, to say so once, in words.

A reader keeps going past a value it cannot use (a year that is not a number, an identifier
without a type) rather than refusing the whole record; this tally is how ``inspect``,
``convert`` and the log still tell the user what was left out, once, however often it happened.
"""

from __future__ import annotations

_EXAMPLE_CHARS = 40


class Dropped:
    """A tally of dropped values by what they were, each with its first example."""

    __slots__ = ("_counts", "_examples")

    def __init__(self) -> None:
        self._counts: dict[str, int] = {}
        self._examples: dict[str, str] = {}

    def add(self, what: str, example: object = None) -> None:
        """Count one dropped value; ``what`` says what it was ("put-code that is not a number")."""
        self._counts[what] = self._counts.get(what, 0) + 1
        if example is not None and what not in self._examples:
            text = str(example)
            if len(text) > _EXAMPLE_CHARS:
                text = text[: _EXAMPLE_CHARS - 1] + "…"
            self._examples[what] = ascii(text) if not text.isprintable() else repr(text)

    def __bool__(self) -> bool:
        return bool(self._counts)

    @property
    def total(self) -> int:
        """How many values were dropped in all."""
        return sum(self._counts.values())

    def summary(self) -> str | None:
        """One sentence saying what was dropped, or None if nothing was."""
        if not self._counts:
            return None
        parts = []
        for what, count in sorted(self._counts.items(), key=lambda kv: -kv[1]):
            example = self._examples.get(what)
            parts.append(f"{what} ({count}" + (f", e.g. {example})" if example else ")"))
        return "left out what could not be read: " + "; ".join(parts)
