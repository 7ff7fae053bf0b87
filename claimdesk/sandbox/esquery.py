"""The part of Elasticsearch's ``query_string`` syntax that DataCite's ``query=`` is used with.

Enough for the queries claimdesk and DataCite Commons send: ``field:value``, ``field:(a OR b)``,
quoted phrases, ``AND``/``OR``/``NOT`` (default operator AND, as lupo sets it), parentheses,
trailing ``*`` wildcards, ``[a TO b]`` ranges and backslash escapes (lupo escapes ``/``). Matching
is lenient on purpose: a term matches a value when its words appear in it, in order.
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Callable
from dataclasses import dataclass

_WORD = re.compile(r"\w+(?:\*)?|\*")


class QueryError(ValueError):
    """The query does not parse."""


@dataclass(frozen=True, slots=True)
class Term:
    """A word, phrase or range, optionally restricted to a field."""

    text: str
    phrase: bool = False
    field: str | None = None
    range: tuple[str, str] | None = None


@dataclass(frozen=True, slots=True)
class Op:
    """``and``/``or`` of children, or ``not`` of one child."""

    kind: str
    children: tuple[Node, ...]


Node = Term | Op


def _tokens(query: str) -> list[tuple[str, str]]:
    tokens: list[tuple[str, str]] = []
    i = 0
    while i < len(query):
        char = query[i]
        if char.isspace():
            i += 1
        elif char in "()":
            tokens.append((char, char))
            i += 1
        elif char == '"':
            end = i + 1
            text = []
            while end < len(query) and query[end] != '"':
                if query[end] == "\\" and end + 1 < len(query):
                    end += 1
                text.append(query[end])
                end += 1
            if end >= len(query):
                raise QueryError("unbalanced quotes")
            tokens.append(("phrase", "".join(text)))
            i = end + 1
        elif char == "[":
            end = query.find("]", i)
            if end < 0:
                raise QueryError("unbalanced range brackets")
            low, sep, high = query[i + 1 : end].partition(" TO ")
            if not sep:
                raise QueryError("a range needs TO")
            tokens.append(("range", f"{low.strip()}\0{high.strip()}"))
            i = end + 1
        else:
            text = []
            while i < len(query) and not query[i].isspace() and query[i] not in '()"':
                if query[i] == "\\" and i + 1 < len(query):
                    i += 1
                    text.append(query[i])
                elif query[i] == ":" and text:
                    tokens.append(("field", "".join(text)))
                    text = []
                    i += 1
                    break
                else:
                    text.append(query[i])
                i += 1
            else:
                word = "".join(text)
                if word in ("AND", "OR", "NOT", "&&", "||"):
                    tokens.append(({"&&": "AND", "||": "OR"}.get(word, word), word))
                elif word:
                    tokens.append(("word", word))
                continue
            if text:
                tokens.append(("word", "".join(text)))
    return tokens


class _Parser:
    def __init__(self, tokens: list[tuple[str, str]]) -> None:
        self.tokens = tokens
        self.pos = 0

    def peek(self) -> str | None:
        return self.tokens[self.pos][0] if self.pos < len(self.tokens) else None

    def take(self) -> tuple[str, str]:
        token = self.tokens[self.pos]
        self.pos += 1
        return token

    def parse(self) -> Node:
        node = self.or_expr(None)
        if self.peek() is not None:
            raise QueryError(f"unexpected {self.tokens[self.pos][1]!r}")
        return node

    def or_expr(self, field: str | None) -> Node:
        children = [self.and_expr(field)]
        while self.peek() == "OR":
            self.take()
            children.append(self.and_expr(field))
        return children[0] if len(children) == 1 else Op("or", tuple(children))

    def and_expr(self, field: str | None) -> Node:
        children = [self.unary(field)]
        while self.peek() not in (None, "OR", ")"):
            if self.peek() == "AND":
                self.take()
            children.append(self.unary(field))
        return children[0] if len(children) == 1 else Op("and", tuple(children))

    def unary(self, field: str | None) -> Node:
        kind = self.peek()
        if kind is None:
            raise QueryError("the query ends too early")
        if kind == "NOT":
            self.take()
            return Op("not", (self.unary(field),))
        if kind == "(":
            self.take()
            node = self.or_expr(field)
            if self.peek() != ")":
                raise QueryError("unbalanced parentheses")
            self.take()
            return node
        if kind == "field":
            name = self.take()[1]
            return self.unary(name)
        token_kind, text = self.take()
        if token_kind == "phrase":
            return Term(text, phrase=True, field=field)
        if token_kind == "word":
            return Term(text, field=field)
        if token_kind == "range":
            low, high = text.split("\0")
            return Term(text, field=field, range=(low, high))
        raise QueryError(f"unexpected {text!r}")


def parse(query: str) -> Node:
    """The parsed query; raises QueryError."""
    tokens = _tokens(query)
    if not tokens:
        raise QueryError("empty query")
    return _Parser(tokens).parse()


def _words(text: str) -> list[str]:
    return [w.lower() for w in re.findall(r"\w+", text)]


def term_matches(term: Term, value: str) -> bool:
    """Whether one field value satisfies a term."""
    if term.range is not None:
        low, high = term.range
        return (low == "*" or value >= low) and (high == "*" or value <= high)
    if value.lower() == term.text.lower():
        return True
    wanted = [w.lower() for w in _WORD.findall(term.text)]
    if not wanted:
        return False
    have = _words(value)
    for start in range(len(have) - len(wanted) + 1):
        if all(
            fnmatch.fnmatchcase(have[start + k], w) if "*" in w else have[start + k] == w
            for k, w in enumerate(wanted)
        ):
            return True
    return False


def matches(node: Node, values_of: Callable[[str | None], list[str]]) -> bool:
    """Whether a document matches; ``values_of(field)`` gives its values (None: default fields)."""
    if isinstance(node, Term):
        return any(term_matches(node, v) for v in values_of(node.field))
    if node.kind == "not":
        return not matches(node.children[0], values_of)
    results = (matches(child, values_of) for child in node.children)
    return all(results) if node.kind == "and" else any(results)
