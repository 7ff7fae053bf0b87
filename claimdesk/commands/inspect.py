"""``claimdesk inspect FILE``: print an ORCID API response body as normalised JSON.

The support tool for "what did ORCID send us?". It reads XML (v2.0–v3.0) or JSON, whichever the
file holds, and prints one JSON object whose ``kind`` is ``works``, ``work``, ``bulk`` or
``error``. The works schema is the one in DESIGN.md. The others:

* ``work``: ``{"kind": "work", "put_code", "title", "subtitle", "translated_title":
  {"value", "language_code"} | null, "type", "publication_year", "publication_date" ("2017-03",
  or null), "journal_title", "short_description", "citation": {"type", "value"} | null, "url",
  "language_code", "country", "source": {"kind", "id", "name"} | null, "assertion_origin",
  "external_ids", "contributors": [{"credit_name", "orcid", "email", "role", "sequence"}],
  "created", "modified", "visibility", "path"}``. A lone work summary prints the same shape
  (its detail fields null) plus ``display_index``.
* ``bulk``: ``{"kind": "bulk", "items": [work | error, …]}``, each item as printed alone and in
  the order sent.
* ``error``: ``{"kind": "error", "status", "error_code", "user_message", "developer_message",
  "more_info"}``, plus ``error`` and ``error_description`` for an OAuth-style JSON error.

A file that is not an ORCID message exits 1 with a one-line reason.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # imported inside the functions: ``claimdesk --help`` loads every command
    from claimdesk.orcid.dropped import Dropped
    from claimdesk.orcid.model import (
        ErrorBody,
        ExternalId,
        Source,
        Work,
        WorkGroup,
        WorkSummary,
    )

HELP = "print an ORCID API response body as normalised JSON"


def add_inspect_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of ``claimdesk inspect``."""
    parser.add_argument(
        "file", metavar="FILE", help="ORCID response body (XML or JSON); - for stdin"
    )


def run_inspect(args: argparse.Namespace) -> int:
    """Read the file, decode it, print the normalised JSON; MessageError if it is not ORCID's."""
    import json

    from claimdesk.commands.input_file import read_input
    from claimdesk.errors import MessageError
    from claimdesk.orcid.codec import decode
    from claimdesk.orcid.dropped import Dropped

    body = read_input(args.file)
    dropped = Dropped()
    try:
        message = decode(body, dropped=dropped)
    except MessageError as err:
        raise MessageError(f"{args.file}: {err.message}", hint=err.hint) from err
    print(json.dumps(normalise(message), indent=2, ensure_ascii=False))
    say_dropped(args.file, dropped)
    return 0


def say_dropped(name: str, dropped: Dropped) -> None:
    """Say once, on stderr and in the log, what a reader left out of ``name``."""
    import logging
    import sys

    summary = dropped.summary()
    if summary:
        logging.getLogger("claimdesk").warning("%s: %s", name, summary)
        sys.stdout.flush()
        print(f"claimdesk: note: {name}: {summary}", file=sys.stderr)


def normalise(message: Any) -> dict[str, Any]:
    """The inspect JSON object for a decoded ORCID message."""
    from claimdesk.orcid.model import Bulk, ErrorBody, Work, WorksSummary, WorkSummary

    if isinstance(message, WorksSummary):
        return {"kind": "works", "groups": [_group(g) for g in message.groups]}
    if isinstance(message, Work | WorkSummary):
        return _work(message)
    if isinstance(message, Bulk):
        return {
            "kind": "bulk",
            "items": [_error(i) if isinstance(i, ErrorBody) else _work(i) for i in message.items],
        }
    return _error(message)


def _external_id(eid: ExternalId) -> dict[str, Any]:
    return {
        "type": eid.type,
        "value": eid.value,
        "normalized": eid.key[1] or None,
        "relationship": eid.relationship,
    }


def _source(source: Source | None) -> dict[str, Any] | None:
    if source is None or not (source.id or source.name):
        return None
    return {"kind": source.kind, "id": source.id, "name": source.name}


def _assertion_origin(source: Source | None) -> dict[str, Any] | None:
    if source is None or not (source.has_assertion_origin or source.assertion_origin_name):
        return None
    return {
        "kind": "client" if source.assertion_origin_client_id else "orcid",
        "id": source.assertion_origin_client_id or source.assertion_origin_orcid,
        "name": source.assertion_origin_name,
    }


def _group(group: WorkGroup) -> dict[str, Any]:
    preferred = group.preferred if group.summaries else None
    return {
        "external_ids": [_external_id(e) for e in group.external_ids],
        "works": [
            {
                "put_code": s.put_code,
                "title": s.title,
                "type": s.type,
                "publication_year": s.year,
                "display_index": s.display_index,
                "preferred": s is preferred,
                "source": _source(s.source),
                "assertion_origin": _assertion_origin(s.source),
                "external_ids": [_external_id(e) for e in s.external_ids],
                "created": s.created,
                "modified": s.modified,
                "visibility": s.visibility,
            }
            for s in group.summaries
        ],
    }


def _work(work: Work | WorkSummary) -> dict[str, Any]:
    from claimdesk.orcid.model import WorkSummary

    # A summary lacks the detail fields; print them as null so both have one shape.
    translated = getattr(work, "translated_title", None)
    citation = getattr(work, "citation", None)
    out: dict[str, Any] = {
        "kind": "work",
        "put_code": work.put_code,
        "title": work.title,
        "subtitle": getattr(work, "subtitle", None),
        "translated_title": (
            None
            if translated is None
            else {"value": translated.value, "language_code": translated.language_code}
        ),
        "type": work.type,
        "publication_year": work.year,
        "publication_date": (str(work.publication_date) or None) if work.publication_date else None,
        "journal_title": work.journal_title,
        "short_description": getattr(work, "short_description", None),
        "citation": None if citation is None else {"type": citation.type, "value": citation.value},
        "url": work.url,
        "language_code": getattr(work, "language_code", None),
        "country": getattr(work, "country", None),
        "source": _source(work.source),
        "assertion_origin": _assertion_origin(work.source),
        "external_ids": [_external_id(e) for e in work.external_ids],
        "contributors": [
            {
                "credit_name": c.credit_name,
                "orcid": c.orcid,
                "email": c.email,
                "role": c.role,
                "sequence": c.sequence,
            }
            for c in getattr(work, "contributors", ())
        ],
        "created": work.created,
        "modified": work.modified,
        "visibility": work.visibility,
        "path": work.path,
    }
    if isinstance(work, WorkSummary):
        out["display_index"] = work.display_index
    return out


def _error(err: ErrorBody) -> dict[str, Any]:
    out: dict[str, Any] = {
        "kind": "error",
        "status": err.status,
        "error_code": err.error_code,
        "user_message": err.user_message,
        "developer_message": err.developer_message,
        "more_info": err.more_info,
    }
    if err.error is not None or err.error_description is not None:
        out["error"] = err.error
        out["error_description"] = err.error_description
    return out
