"""ORCID API v3.0 JSON codec: the ``application/vnd.orcid+json`` shapes to the model and back.

Reading lives in :mod:`.read`, writing in :mod:`.write`, the timestamp conversions both need in
:mod:`.dates`. This package's names are the codec's public surface.
"""

from __future__ import annotations

from claimdesk.orcid.json.dates import iso_to_millis, millis_to_iso
from claimdesk.orcid.json.read import (
    kind_of,
    load,
    parse,
    parse_bulk,
    parse_error,
    parse_work,
    parse_work_summary,
    parse_works,
    read,
)
from claimdesk.orcid.json.write import (
    serialize_bulk,
    serialize_error,
    serialize_work,
    serialize_work_summary,
    serialize_works,
)

__all__ = [
    "iso_to_millis",
    "kind_of",
    "load",
    "millis_to_iso",
    "parse",
    "parse_bulk",
    "parse_error",
    "parse_work",
    "parse_work_summary",
    "parse_works",
    "read",
    "serialize_bulk",
    "serialize_error",
    "serialize_work",
    "serialize_work_summary",
    "serialize_works",
]
