"""ORCID API v3.0 XML codec: bodies to model dataclasses and back (also reads v2.0/v2.1).

Reading lives in :mod:`.read` (on a tree checked by :mod:`.document`, with the pieces works share
in :mod:`.leaves`), writing in :mod:`.write`, the tag names both use in :mod:`.names`. This
package's names are the codec's public surface.
"""

from __future__ import annotations

from claimdesk.orcid.xml.document import parse_root, root_kind
from claimdesk.orcid.xml.names import (
    NS_ACTIVITIES,
    NS_BULK,
    NS_COMMON,
    NS_ERROR,
    NS_WORK,
    ROOT_KINDS,
)
from claimdesk.orcid.xml.read import (
    parse,
    parse_bulk,
    parse_error,
    parse_work,
    parse_work_summary,
    parse_works,
)
from claimdesk.orcid.xml.write import (
    serialize_bulk,
    serialize_error,
    serialize_work,
    serialize_work_summary,
    serialize_works,
)

__all__ = [
    "NS_ACTIVITIES",
    "NS_BULK",
    "NS_COMMON",
    "NS_ERROR",
    "NS_WORK",
    "ROOT_KINDS",
    "parse",
    "parse_bulk",
    "parse_error",
    "parse_root",
    "parse_work",
    "parse_work_summary",
    "parse_works",
    "root_kind",
    "serialize_bulk",
    "serialize_error",
    "serialize_work",
    "serialize_work_summary",
    "serialize_works",
]
