"""What the edit dialog sends: parsing and checking a work before it goes to ORCID.

Pure functions, no Qt: the dialog collects strings, :func:`check_work` lists the problems in
words (the same rules ORCID applies, so the user hears them before a round trip).
"""

from __future__ import annotations

import re
from urllib.parse import urlparse

from claimdesk.orcid.ids import normalize_orcid
from claimdesk.orcid.model import RELATIONSHIPS, WORK_TYPES, PublicationDate, Work

TITLE_MAX = 1000
DESCRIPTION_MAX = 5000

_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")


def parse_date(text: str) -> PublicationDate | None:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` → a date; empty → None; ValueError otherwise."""
    text = text.strip()
    if not text:
        return None
    match = _DATE.match(text)
    if not match:
        raise ValueError("a publication date is written YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = (int(g) if g else None for g in match.groups())
    if month is not None and not 1 <= month <= 12:
        raise ValueError(f"{month} is not a month")
    if day is not None:
        import calendar

        assert month is not None
        if not 1 <= day <= calendar.monthrange(year or 2000, month)[1]:
            raise ValueError(f"{text} is not a date")
    return PublicationDate(year, month, day)


def check_work(work: Work) -> list[str]:
    """Problems that would make ORCID refuse ``work``, in words; empty when it can be sent."""
    problems: list[str] = []
    if not work.title.strip():
        problems.append("The title is empty; ORCID needs one.")
    elif len(work.title) > TITLE_MAX:
        problems.append(f"The title is longer than {TITLE_MAX} characters.")
    if work.journal_title and len(work.journal_title) > TITLE_MAX:
        problems.append(f"The journal title is longer than {TITLE_MAX} characters.")
    if work.type not in WORK_TYPES:
        problems.append(f"{work.type!r} is not an ORCID work type.")
    if work.short_description and len(work.short_description) > DESCRIPTION_MAX:
        problems.append(
            f"The short description has {len(work.short_description):,} characters; "
            f"ORCID takes at most {DESCRIPTION_MAX:,}."
        )
    if work.url:
        parsed = urlparse(work.url)
        if parsed.scheme not in ("http", "https") or not parsed.netloc:
            problems.append("The URL must start with http:// or https://.")
    if not work.external_ids:
        problems.append("The work needs at least one identifier (a DOI, for example).")
    for ext in work.external_ids:
        if not ext.type.strip() or not ext.value.strip():
            problems.append("Every identifier needs a type and a value.")
            break
    for ext in work.external_ids:
        if ext.relationship not in RELATIONSHIPS:
            problems.append(f"{ext.relationship!r} is not a relationship ORCID knows.")
            break
    if work.external_ids and not any(e.relationship == "self" for e in work.external_ids):
        problems.append(
            "At least one identifier must have the relationship 'self' (it identifies this work)."
        )
    for contributor in work.contributors:
        if contributor.orcid and normalize_orcid(contributor.orcid) is None:
            problems.append(f"{contributor.orcid!r} is not a valid ORCID iD (checksum or form).")
        if not (contributor.credit_name or contributor.orcid):
            problems.append("Every contributor needs a name or an ORCID iD.")
            break
    return problems
