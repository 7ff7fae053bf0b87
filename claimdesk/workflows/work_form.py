"""What the edit dialog sends: reading its fields into a work and checking it before it goes out.

Pure functions, no Qt: the dialog collects strings; :func:`normalize_work` writes contributor
iDs the way ORCID's schema wants them, and :func:`check_work` lists every problem in words, with
the same rules ORCID applies (:mod:`claimdesk.orcid.validate`), so the user hears them all at
once before a round trip.
"""

from __future__ import annotations

import re
from dataclasses import replace
from urllib.parse import urlparse

from claimdesk.orcid.ids import normalize_orcid
from claimdesk.orcid.model import PublicationDate, Work
from claimdesk.orcid.validate import work_problems

_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")


def parse_date(text: str) -> PublicationDate | None:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` → a date; empty → None; ValueError otherwise.

    Only the form is checked here; whether ORCID takes the year, month and day is for
    :func:`check_work`, which names it together with every other problem.
    """
    text = text.strip()
    if not text:
        return None
    match = _DATE.match(text)
    if not match:
        raise ValueError(f"{text!r} is not written YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = (int(g) if g else None for g in match.groups())
    return PublicationDate(year, month, day)


def normalize_work(work: Work) -> Work:
    """``work`` with each contributor iD as the schema wants it: ``https://orcid.org/…``, a
    lower-case ``x`` or spaces become ``0000-0002-1825-0097``. An iD that is no valid iD stays as
    typed, for :func:`check_work` to name."""
    people = tuple(
        replace(p, orcid=normalize_orcid(p.orcid) or p.orcid) if p.orcid else p
        for p in work.contributors
    )
    return replace(work, contributors=people) if people != work.contributors else work


def check_work(work: Work) -> list[str]:
    """Every problem that would make ORCID refuse ``work``, in words; empty when it can be sent."""
    problems: list[str] = []
    fields: set[str] = set()
    for problem in work_problems(work):
        if problem.field in fields and problem.code != 9012:
            continue  # the schema's complaint about this field is said already
        fields.add(problem.field)
        problems.append(_sentence(problem.message))
    if work.url:
        parsed = urlparse(work.url)
        if parsed.scheme not in ("http", "https") or not parsed.netloc:
            problems.append("The URL must start with http:// or https://.")
    for n, person in enumerate(work.contributors, 1):
        if not (person.credit_name or person.orcid):
            problems.append(f"Contributor {n} needs a name or an ORCID iD.")
    return problems


def _sentence(text: str) -> str:
    text = text.rstrip(".")
    return text[:1].upper() + text[1:] + "."
