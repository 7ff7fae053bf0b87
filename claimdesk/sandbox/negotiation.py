"""Which of ORCID's two formats a sandbox request asks for and sends: XML or JSON.

``Accept`` picks the answer's format (XML when anything goes; None means 406), ``Content-Type``
the body's (None means 415), as ORCID's API negotiates them; :func:`codec` is the matching
claimdesk codec (imported when first needed).
"""

from __future__ import annotations

import importlib
import re
from types import ModuleType

XML = "application/vnd.orcid+xml"
JSON = "application/vnd.orcid+json"
_XML_TYPES = ("application/vnd.orcid+xml", "application/orcid+xml", "application/xml", "text/xml")
_JSON_TYPES = ("application/vnd.orcid+json", "application/orcid+json", "application/json")


def codec(fmt: str) -> ModuleType:
    """``claimdesk.orcid.xml`` or ``claimdesk.orcid.json``."""
    return importlib.import_module(
        "claimdesk.orcid.xml" if fmt == "xml" else "claimdesk.orcid.json"
    )


def negotiate(accept: str | None) -> str | None:
    """``xml`` or ``json`` from an Accept header (XML when anything goes), None if unacceptable."""
    if not accept or not accept.strip():
        return "xml"
    ranked: list[tuple[float, int, str]] = []
    for position, part in enumerate(accept.split(",")):
        media, _, params = part.strip().partition(";")
        media = media.strip().lower()
        quality = 1.0
        match = re.search(r"q=([0-9.]+)", params)
        if match:
            try:
                quality = float(match.group(1))
            except ValueError:
                quality = 0.0
        if quality <= 0:
            continue
        if media in _XML_TYPES or media in ("*/*", "application/*"):
            ranked.append((-quality, position, "xml"))
        elif media in _JSON_TYPES:
            ranked.append((-quality, position, "json"))
    return min(ranked)[2] if ranked else None


def content_format(content_type: str | None) -> str | None:
    """``xml`` or ``json`` from a Content-Type header, None if it is neither."""
    media = (content_type or "").partition(";")[0].strip().lower()
    if media in _XML_TYPES:
        return "xml"
    if media in _JSON_TYPES:
        return "json"
    return None
