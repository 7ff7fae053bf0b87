"""Reading ORCID API v3.0 JSON (``application/vnd.orcid+json``) into the model.

ORCID's JSON mirrors the XML names with the namespaces dropped, and differs in a few ways: most
leaf strings are wrapped in ``{"value": …}``, timestamps are epoch milliseconds, ``display-index``
is a string and ``put-code`` a number, and absent fields are often explicit ``null``. A works
section has no root key, so the kind of message is recognised by its keys. OAuth errors
(``{"error": …, "error_description": …}``) come back as JSON whatever was asked for.

The fast path, taken when the kind is known (the client reading ``GET /works``), decodes the body
straight into the msgspec shapes of :mod:`.shapes`, which check every field's type as they go;
:mod:`.build` turns them into the model. Anything else, or a body that turns out to be another
kind, goes the general way: decode to plain values, recognise the kind, convert. Every failure
is a MessageError that says what was received, or which field is wrong and why.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import msgspec

from claimdesk.errors import MessageError
from claimdesk.orcid.dropped import Dropped
from claimdesk.orcid.json import shapes
from claimdesk.orcid.json.build import Builder
from claimdesk.orcid.model import Bulk, ErrorBody, Message, Work, WorksSummary, WorkSummary

_ERROR_KEYS = frozenset({"response-code", "developer-message", "user-message", "error-code"})
#: Top-level keys of ORCID messages claimdesk does not read, to say what was received instead.
_OTHER_ORCID_KEYS = {
    "activities-summary": "an ORCID record",
    "orcid-identifier": "an ORCID record",
    "expanded-result": "an ORCID search result",
    "result": "an ORCID search result",
    "num-found": "an ORCID search result",
    "organization": "an ORCID funding or affiliation",
}
#: kind → (shape, keys of which a message of that kind has at least one, the builder's method)
_KINDS: dict[str, tuple[type[Any], tuple[str, ...], str]] = {
    "works": (shapes.Works, ("group",), "works"),
    "work": (shapes.Work, ("type",), "work"),
    "work-summary": (shapes.WorkSummary, ("display_index",), "summary"),
    "bulk": (shapes.Bulk, ("bulk",), "bulk"),
    "error": (
        shapes.Error,
        ("error", "response_code", "developer_message", "user_message", "error_code"),
        "error",
    ),
}
_DECODERS = {kind: msgspec.json.Decoder(shape) for kind, (shape, _, _) in _KINDS.items()}
# The fast path reads a works section group by group (see shapes.WorksInPieces).
_DECODERS["works"] = msgspec.json.Decoder(shapes.WorksInPieces)
_GROUP = msgspec.json.Decoder(shapes.Group)
_ANY = msgspec.json.Decoder()


def _not_json(body: bytes, err: Exception) -> MessageError:
    if isinstance(err, RecursionError):
        return MessageError("expected an ORCID message, got JSON nested too deeply to read")
    text = str(err)
    if "out of range" in text:
        return MessageError(
            "expected an ORCID message, got JSON holding a number too large for any ORCID field"
        )
    if "truncated" in text:
        return MessageError("expected an ORCID message, got truncated JSON")
    if "utf-8" in text.lower() or "invalid character" in text and _not_utf8(body):
        return MessageError("expected an ORCID message, got JSON that is not UTF-8")
    return MessageError(f"expected an ORCID message, got malformed JSON ({text})")


def _not_utf8(body: bytes) -> bool:
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return True
    return False


def _wrong_field(err: msgspec.ValidationError) -> MessageError:
    """Words for a field of the wrong type: which one (as ORCID names it) and what it held."""
    text = str(err)
    reason, _, where = text.partition(" - at `")
    where = where.rstrip("`")
    place = f" at {where[2:] if where.startswith('$.') else where}" if where else ""
    reason = reason.replace("`", "")
    reason = reason[:1].lower() + reason[1:]
    return MessageError(f"got an ORCID message with a wrong field{place}: {reason}")


def load(body: bytes) -> Any:
    """Decode ``body`` as JSON (plain values) or raise MessageError saying why it is not JSON."""
    if not body or body.isspace():  # isspace() does not copy a 23 MB body
        raise MessageError("expected an ORCID message, got an empty body")
    try:
        return _ANY.decode(_without_bom(body))
    except (msgspec.DecodeError, RecursionError) as err:
        raise _not_json(body, err) from err


def kind_of(obj: Any) -> str:
    """The kind of ORCID message a decoded JSON value is (works, work, work-summary, bulk, error).

    Raises MessageError naming what it is otherwise (a record, a search result, other JSON).
    """
    if isinstance(obj, dict):
        if "bulk" in obj:
            return "bulk"
        if "group" in obj:
            return "works"
        if "error" in obj or _ERROR_KEYS & obj.keys():
            return "error"
        if "title" in obj and "type" in obj and "organization" not in obj:
            return "work-summary" if "display-index" in obj else "work"
        for key, what in _OTHER_ORCID_KEYS.items():
            if key in obj:
                raise MessageError(f"got {what}, not works, a work, a bulk or an error")
        keys = ", ".join(sorted(obj)[:6]) or "none"
        raise MessageError(f"got JSON that is not an ORCID message (keys: {keys})")
    raise MessageError(f"got JSON that is not an ORCID message (a {type(obj).__name__})")


def _build(kind: str, shape: Any, dropped: Dropped | None) -> Message:
    if kind == "works" and isinstance(shape, shapes.WorksInPieces):
        groups = _decode_groups(shape.group or ())
        return Builder(dropped).works_of(groups, shape.last_modified_date, shape.path)
    return getattr(Builder(dropped), _KINDS[kind][2])(shape)


def _decode_groups(pieces: tuple[msgspec.Raw, ...]) -> Iterator[shapes.Group]:
    """Each group decoded as it is needed, a wrong field named with the group it is in."""
    decode = _GROUP.decode
    for index, piece in enumerate(pieces):
        try:
            yield decode(piece)
        except msgspec.ValidationError as err:
            inside = str(err).replace("- at `$", f"- at `$.group[{index}]", 1)
            raise _wrong_field(msgspec.ValidationError(inside)) from err


def _general(body: bytes, dropped: Dropped | None) -> tuple[str, Message]:
    """The slow, general way: plain values, then the kind by its keys, then the shape."""
    obj = load(body)
    kind = kind_of(obj)
    try:
        shape = msgspec.convert(obj, _KINDS[kind][0])
    except msgspec.ValidationError as err:
        raise _wrong_field(err) from err
    return kind, _build(kind, shape, dropped)


def read(body: bytes, expected: str | None = None, dropped: Dropped | None = None) -> Message:
    """The message ``body`` holds, read the fast way when it is of the ``expected`` kind.

    A message of another kind is still returned (the caller decides whether an error body in
    place of works is an error); a body that is no ORCID message raises MessageError.
    Values that cannot be used are left out and counted in ``dropped``.
    """
    wrong: msgspec.ValidationError | None = None
    if expected is not None and body:
        keys = _KINDS[expected][1]
        try:
            shape = _DECODERS[expected].decode(_without_bom(body))
        except msgspec.ValidationError as err:
            wrong = err  # a wrong field, or a message of another kind: the general way tells
        except (msgspec.DecodeError, RecursionError):
            pass  # not JSON: the general way says how
        else:
            if any(getattr(shape, key) is not None for key in keys):
                return _build(expected, shape, dropped)
    try:
        return _general(body, dropped)[1]
    except MessageError as err:
        if "number too large" in err.message:
            wrong = wrong or _where_too_large(body)
            if wrong is not None:
                raise _wrong_field(wrong) from err  # the typed decoder knows where it was
        raise


def _where_too_large(body: bytes) -> msgspec.ValidationError | None:
    """The typed decoders' word on a body holding a huge number: they name its field."""
    for shape, _, _ in _KINDS.values():
        decoder = msgspec.json.Decoder(shape)  # whole shapes: a group's number is found too
        try:
            decoder.decode(_without_bom(body))
        except msgspec.ValidationError as err:
            if "out of range" in str(err):
                return err
        except (msgspec.DecodeError, RecursionError):
            return None
    return None


def _without_bom(body: bytes) -> bytes:
    # Files saved by Windows editors start with one; ORCID never sends it.
    return body[3:] if body.startswith(b"\xef\xbb\xbf") else body


def _read_kind(body: bytes, kind: str, dropped: Dropped | None) -> Any:
    message = read(body, kind, dropped)
    found = kind_of_message(message)
    if found != kind:
        raise MessageError(f"expected an ORCID {kind} message, got {found}")
    return message


def kind_of_message(message: Message) -> str:
    """The kind name of a model message."""
    if isinstance(message, WorksSummary):
        return "works"
    if isinstance(message, Work):
        return "work"
    if isinstance(message, WorkSummary):
        return "work-summary"
    return "bulk" if isinstance(message, Bulk) else "error"


def parse(body: bytes, dropped: Dropped | None = None) -> Message:
    """Parse any ORCID works, work, work-summary, bulk or error JSON, recognised by its keys."""
    return read(body, None, dropped)


def parse_works(body: bytes, dropped: Dropped | None = None) -> WorksSummary:
    """Parse a works summary (``GET /works``) into groups of work summaries."""
    return _read_kind(body, "works", dropped)


def parse_work(body: bytes, dropped: Dropped | None = None) -> Work:
    """Parse one full work."""
    return _read_kind(body, "work", dropped)


def parse_work_summary(body: bytes, dropped: Dropped | None = None) -> WorkSummary:
    """Parse one work summary (``GET /work/summary/{put-code}``)."""
    return _read_kind(body, "work-summary", dropped)


def parse_bulk(body: bytes, dropped: Dropped | None = None) -> Bulk:
    """Parse a bulk message: a work or an error per slot, in the order sent."""
    return _read_kind(body, "bulk", dropped)


def parse_error(body: bytes, dropped: Dropped | None = None) -> ErrorBody:
    """Parse an ORCID error or an OAuth-style ``{"error": …}`` body."""
    return _read_kind(body, "error", dropped)
