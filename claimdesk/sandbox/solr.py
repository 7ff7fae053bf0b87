"""The part of Solr's standard query syntax that ORCID's search accepts and claimdesk sends.

``doi-self:"10.1/a"``, ``doi-self:("10.1/a" OR "10.1/b")``, ``family-name:Carberry AND
given-names:Josiah``, ``NOT``/``-`` before a clause, parentheses; the default operator is OR and
AND binds tighter, as in Lucene's boolean algebra. A query is parsed once into a small tree
(:func:`parse`) and evaluated against an index lookup (:func:`evaluate`), so a search costs the
sizes of the postings it touches, never the number of records.

Errors are what a Solr front end reports for a query it cannot run: unbalanced quotes or
parentheses, a missing value, or more than :data:`MAX_CLAUSES` clauses (Solr's
``maxBooleanClauses``), raised as :class:`QuerySyntaxError` for the API to answer 400.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Set
from dataclasses import dataclass

#: Solr's default ``maxBooleanClauses``: a query with more terms is refused.
MAX_CLAUSES = 1024


class QuerySyntaxError(ValueError):
    """The query cannot be parsed (ORCID answers 400)."""


@dataclass(frozen=True, slots=True)
class Term:
    """``field:value``, the value unescaped."""

    field: str
    value: str


@dataclass(frozen=True, slots=True)
class Not:
    """A negated clause (``NOT x`` or ``-x``)."""

    clause: Node


@dataclass(frozen=True, slots=True)
class Bool:
    """Clauses joined by one operator (``AND`` or ``OR``)."""

    op: str
    clauses: tuple[Node, ...]


Node = Term | Not | Bool

_TOKEN = re.compile(
    r'\s*(?:(?P<open>\()|(?P<close>\))|(?P<quoted>"(?:[^"\\]|\\.)*")|(?P<unclosed>")'
    r"|(?P<word>(?:[^\s()\"\\]|\\.)+))"
)
_FIELD = re.compile(r"(?P<field>[A-Za-z][\w.-]*):(?P<rest>.*)", re.S)
_UNESCAPE = re.compile(r"\\(.)", re.S)


def _unescape(text: str) -> str:
    return _UNESCAPE.sub(r"\1", text)


def _tokens(query: str) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    position = 0
    while position < len(query):
        if query[position:].strip() == "":
            break
        match = _TOKEN.match(query, position)
        if match is None or match.lastgroup is None:  # a lone backslash at the end
            raise QuerySyntaxError(f"Cannot parse '{query}': unexpected end after '\\'")
        if match.lastgroup == "unclosed":
            raise QuerySyntaxError(f"Cannot parse '{query}': Lexical error: unclosed quote")
        out.append((match.lastgroup, match.group(match.lastgroup)))
        position = match.end()
    return out


class _Parser:
    def __init__(self, query: str) -> None:
        self.query = query
        self.tokens = _tokens(query)
        self.at = 0
        self.terms = 0

    def fail(self, why: str) -> QuerySyntaxError:
        return QuerySyntaxError(f"Cannot parse '{self.query}': {why}")

    def peek(self) -> tuple[str, str] | None:
        return self.tokens[self.at] if self.at < len(self.tokens) else None

    def take(self) -> tuple[str, str]:
        token = self.peek()
        if token is None:
            raise self.fail("Encountered <EOF>")
        self.at += 1
        return token

    def parse(self) -> Node:
        node = self.disjunction(None)
        if self.peek() is not None:
            raise self.fail(f"Encountered '{self.peek()[1]}'")  # type: ignore[index]
        return node

    def disjunction(self, field: str | None) -> Node:
        ors: list[Node] = [self.conjunction(field)]
        while self.peek() == ("word", "OR"):
            self.take()
            ors.append(self.conjunction(field))
        return ors[0] if len(ors) == 1 else Bool("OR", tuple(ors))

    def conjunction(self, field: str | None) -> Node:
        ands: list[Node] = [self.unary(field)]
        while True:
            token = self.peek()
            if token is None or token[0] == "close" or token == ("word", "OR"):
                break
            if token == ("word", "AND"):
                self.take()
                ands.append(self.unary(field))
                continue
            # Two clauses side by side: the default operator (OR) joins them.
            return self._default_or(ands, field)
        return ands[0] if len(ands) == 1 else Bool("AND", tuple(ands))

    def _default_or(self, ands: list[Node], field: str | None) -> Node:
        left = ands[0] if len(ands) == 1 else Bool("AND", tuple(ands))
        right = self.conjunction(field)
        return Bool("OR", (left, right))

    def unary(self, field: str | None) -> Node:
        kind, text = self.take()
        if (kind, text) == ("word", "NOT"):
            return Not(self.unary(field))
        if kind == "word" and text.startswith("-") and len(text) > 1:
            self.tokens.insert(self.at, ("word", text[1:]))
            return Not(self.unary(field))
        if kind == "word" and text.startswith("+") and len(text) > 1:
            self.tokens.insert(self.at, ("word", text[1:]))
            return self.unary(field)
        if kind == "open":
            node = self.disjunction(field)
            if self.take()[0] != "close":
                raise self.fail("missing ')'")
            return node
        if kind == "close":
            raise self.fail("Encountered ')'")
        if kind == "quoted":
            return self.term(field, _unescape(text[1:-1]))
        match = _FIELD.fullmatch(text)
        if match is None:
            return self.term(field, _unescape(text))
        name, rest = match.group("field"), match.group("rest")
        if rest:
            return self.term(name, _unescape(rest))
        nxt = self.peek()
        if nxt is None or nxt[0] == "close":
            raise self.fail(f"no value after '{name}:'")
        if nxt[0] == "open":
            self.take()
            node = self.disjunction(name)
            if self.take()[0] != "close":
                raise self.fail("missing ')'")
            return node
        kind, text = self.take()
        if kind == "quoted":
            return self.term(name, _unescape(text[1:-1]))
        return self.term(name, _unescape(text))

    def term(self, field: str | None, value: str) -> Term:
        self.terms += 1
        if self.terms > MAX_CLAUSES:
            raise QuerySyntaxError(f"too many boolean clauses (more than {MAX_CLAUSES})")
        # A value without a field searches ORCID's default text field; the sandbox has none.
        return Term((field or "text").lower(), value)


def parse(query: str) -> Node:
    """The query as a tree; QuerySyntaxError when Solr would refuse it."""
    if not query.strip():
        raise QuerySyntaxError("Cannot parse '': Encountered <EOF>")
    return _Parser(query).parse()


def evaluate(
    node: Node, lookup: Callable[[str, str], Set[str]], every: Callable[[], Set[str]]
) -> set[str]:
    """The ids matching ``node``: ``lookup(field, value)`` answers one term; ``every()`` is only
    called for a query that starts with NOT (everything minus …), as Solr does."""
    if isinstance(node, Term):
        return set(lookup(node.field, node.value))
    if isinstance(node, Not):
        return set(every()) - evaluate(node.clause, lookup, every)
    # As in Lucene, a negated clause prohibits within its group (``a -b`` is a without b), and
    # a group of prohibitions alone starts from every document.
    positives = [c for c in node.clauses if not isinstance(c, Not)]
    negatives: list[Node] = [c.clause for c in node.clauses if isinstance(c, Not)]
    if not positives:
        result = set(every())
    elif node.op == "OR":
        result = set().union(*(evaluate(c, lookup, every) for c in positives))
    else:
        result = evaluate(positives[0], lookup, every)
        for positive in positives[1:]:
            result &= evaluate(positive, lookup, every)
    for negative in negatives:
        result -= evaluate(negative, lookup, every)
    return result
