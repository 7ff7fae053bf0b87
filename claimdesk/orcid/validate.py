"""What ORCID refuses in a work it is sent, found before anything is sent.

ORCID checks a work in two steps, and so does this module:

* **The schema** (``work-3.0.xsd`` and the ``common-3.0.xsd`` facets it uses): ORCID reads the
  body against it and answers 400/9012 with the validator's message. :func:`schema_problems`
  holds those rules written out in Python: required and non-empty texts, lengths, the ORCID iD
  pattern of a contributor, a publication year from 1900 to 2100, months 1–12 and days 1–31,
  e-mail and sequence forms, and characters XML cannot carry at all.
* **The API validator** (ORCID's ``ActivityValidator``): title (9022), work type (9037),
  identifiers and their relationships (9023), put-code on POST (9024), a real calendar date
  (9049) and a contributor iD whose checksum holds. :func:`api_problems` has those.

The codecs call :func:`check_work` before they write a work for ORCID, so a body ORCID's schema
would refuse never leaves claimdesk. The sandbox answers with the same rules when it has no
XSDs to hand (``claimdesk.sandbox.schema``), and the edit dialog lists every problem at once.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from claimdesk.errors import ClaimdeskError
from claimdesk.orcid.ids import normalize_orcid
from claimdesk.orcid.model import CITATION_TYPES, RELATIONSHIPS, WORK_TYPES, PublicationDate, Work

#: ORCID's code for a body its schema refuses (``OrcidBadRequestException``).
SCHEMA_ERROR = 9012
#: ``common-3.0.xsd``: ``year`` is an integer from 1900 to 2100.
YEAR_MIN, YEAR_MAX = 1900, 2100
#: ``string-1000`` (title, journal title, subtitle, translated title).
TITLE_MAX = 1000
#: ``short-description``.
DESCRIPTION_MAX = 5000
#: ``string-150`` (a contributor's credit name).
CREDIT_NAME_MAX = 150
#: ``email`` (a contributor's e-mail).
EMAIL_MAX = 350

#: ORCID's work identifier types (reference/orcid-api.md §2.7).
EXTERNAL_ID_TYPES = frozenset(
    [
        "agr",
        "arxiv",
        "ark",
        "asin",
        "asin-tld",
        "authenticusid",
        "bibcode",
        "cba",
        "cgn",
        "cienciaiul",
        "cit",
        "cstr",
        "ctx",
        "dnb",
        "doi",
        "eid",
        "emdb",
        "empiar",
        "ethos",
        "hal",
        "handle",
        "hir",
        "isbn",
        "ismn",
        "issn",
        "jfm",
        "jstor",
        "k10plus",
        "kuid",
        "lccn",
        "lensid",
        "mr",
        "oclc",
        "ol",
        "osti",
        "other-id",
        "pat",
        "pdb",
        "pmc",
        "pmid",
        "ppr",
        "proposal-id",
        "grant-number",
        "raid",
        "rfc",
        "rrid",
        "source-work-id",
        "ssrn",
        "uri",
        "urn",
        "wosuid",
        "zbl",
    ]
)
#: Identifier types that may carry the ``funded-by`` relationship.
FUNDED_BY_TYPES = frozenset({"grant-number", "proposal-id", "other-id", "uri", "doi"})

# The XSD's patterns, as ORCID's schema writes them.
_ORCID_PATH = re.compile(r"(\d{4}-){3,}\d{3}[\dX]")
_EMAIL = re.compile(r"[^@]+@[^.]+\..+", re.DOTALL)
# Characters XML 1.0 cannot carry (controls other than tab/LF/CR, lone surrogates, U+FFFE/F).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


@dataclass(frozen=True, slots=True)
class Problem:
    """One reason ORCID would refuse a work: where, in words, and ORCID's error code."""

    field: str  # e.g. "title", "publication date", "contributor 2 ORCID iD"
    message: str  # a sentence a person can act on
    code: int  # the ORCID error code this draws (9012 for the schema)

    def __str__(self) -> str:
        return self.message


class InvalidWorkError(ClaimdeskError):
    """A work ORCID would refuse; raised before any request, listing every problem found."""

    def __init__(
        self, work: Work, problems: Sequence[Problem], *, index: int | None = None
    ) -> None:
        where = f"item {index + 1} of the bulk, " if index is not None else ""
        title = _shown(work.title, 80) if work.title else "(no title)"
        super().__init__(
            f"The work {title} ({where}not sent) does not meet ORCID's schema: "
            + "; ".join(p.message for p in problems),
            hint="correct it in the edit dialog or in the source metadata",
        )
        self.work = work
        self.problems = tuple(problems)
        self.index = index


# --- the schema ---------------------------------------------------------------------------------


def schema_problems(work: Work) -> tuple[Problem, ...]:
    """Everything in ``work`` that ORCID's work-3.0 schema refuses (400/9012); () when valid."""
    return tuple(_schema(work))


def _schema(work: Work) -> Iterator[Problem]:
    yield from _text("title", work.title, TITLE_MAX, required=True)
    yield from _text("subtitle", work.subtitle, TITLE_MAX, empty_ok=True)
    if work.translated_title is not None:
        yield from _text("translated title", work.translated_title.value, TITLE_MAX)
        yield from _xml_chars("translated title language", work.translated_title.language_code)
    yield from _text("journal title", work.journal_title, TITLE_MAX)
    yield from _text("short description", work.short_description, DESCRIPTION_MAX, empty_ok=True)
    if work.citation is not None:
        yield from _xml_chars("citation type", work.citation.type)
        yield from _xml_chars("citation", work.citation.value)
    yield from _xml_chars("work type", work.type)
    yield from _date(work)
    for n, ext in enumerate(work.external_ids, 1):
        label = f"identifier {n}"
        yield from _text(f"{label} type", ext.type, None, required=True)
        yield from _text(f"{label} value", ext.value, None, required=True)
        yield from _xml_chars(f"{label} URL", ext.url)
        yield from _xml_chars(f"{label} relationship", ext.relationship)
    yield from _xml_chars("URL", work.url)
    for n, person in enumerate(work.contributors, 1):
        yield from _contributor(n, person.orcid, person.credit_name, person.email, person.sequence)
        yield from _xml_chars(f"contributor {n} role", person.role)
    yield from _xml_chars("language", work.language_code)
    yield from _xml_chars("country", work.country)


def _text(
    field: str,
    value: str | None,
    limit: int | None,
    *,
    required: bool = False,
    empty_ok: bool = False,
) -> Iterator[Problem]:
    if value is None:
        if required:
            yield Problem(field, f"the {field} is missing", SCHEMA_ERROR)
        return
    if not empty_ok and not value.strip():
        yield Problem(field, f"the {field} is empty", SCHEMA_ERROR)
    if limit is not None and len(value) > limit:
        yield Problem(
            field,
            f"the {field} has {len(value):,} characters; ORCID takes at most {limit:,}",
            SCHEMA_ERROR,
        )
    yield from _xml_chars(field, value)


def _xml_chars(field: str, value: str | None) -> Iterator[Problem]:
    if not value:
        return
    bad = _NOT_XML.search(value)
    if bad is not None:
        yield Problem(
            field,
            f"the {field} contains the control character U+{ord(bad.group()):04X}, "
            "which XML cannot carry",
            SCHEMA_ERROR,
        )


def _date(work: Work) -> Iterator[Problem]:
    date = work.publication_date
    if date is None or (date.year is None and date.month is None and date.day is None):
        return
    field = "publication date"
    if date.year is None:
        # The schema has no date without a year; writing it would silently drop month and day.
        yield Problem(field, "the publication date has a month or day but no year", SCHEMA_ERROR)
    elif not YEAR_MIN <= date.year <= YEAR_MAX:
        yield Problem(
            field,
            f"the publication year {date.year} is outside {YEAR_MIN}–{YEAR_MAX}, "
            "the years ORCID accepts",
            SCHEMA_ERROR,
        )
    if date.month is not None and not 1 <= date.month <= 12:
        yield Problem(field, f"the publication month {date.month} is not 1–12", SCHEMA_ERROR)
    if date.day is not None:
        if not 1 <= date.day <= 31:
            yield Problem(field, f"the publication day {date.day} is not 1–31", SCHEMA_ERROR)
        if date.month is None:
            yield Problem(field, "the publication date has a day but no month", SCHEMA_ERROR)


def _contributor(
    n: int, orcid: str | None, name: str | None, email: str | None, sequence: str | None
) -> Iterator[Problem]:
    label = f"contributor {n}"
    if orcid is not None and not _ORCID_PATH.fullmatch(orcid):
        better = normalize_orcid(orcid)
        advice = f" (write it as {better})" if better and better != orcid else ""
        yield Problem(
            f"{label} ORCID iD",
            f"the ORCID iD {_shown(orcid)} of {label} is not in the form "
            f"0000-0000-0000-000X{advice}",
            SCHEMA_ERROR,
        )
    yield from _text(f"{label} name", name, CREDIT_NAME_MAX)
    if email is not None:
        if not _EMAIL.fullmatch(email) or len(email) > EMAIL_MAX:
            yield Problem(
                f"{label} e-mail",
                f"the e-mail {_shown(email)} of {label} is not an e-mail address",
                SCHEMA_ERROR,
            )
        yield from _xml_chars(f"{label} e-mail", email)
    if sequence is not None and sequence not in ("first", "additional"):
        yield Problem(
            f"{label} sequence",
            f"the sequence of {label} is {_shown(sequence)}; ORCID takes 'first' or 'additional'",
            SCHEMA_ERROR,
        )


# --- ORCID's API validator ----------------------------------------------------------------------


def api_problems(work: Work, *, post: bool = False) -> tuple[Problem, ...]:
    """What ORCID's API validator refuses once the body has passed the schema; () when fine.

    ``post``: the work is new (POST), so it must not carry a put-code.
    """
    return tuple(_api(work, post=post))


def _api(work: Work, *, post: bool) -> Iterator[Problem]:
    if post and work.put_code is not None:
        yield Problem(
            "put-code",
            "Put-code is included when not expected. When posting new activities, the put "
            "code should be omitted.",
            9024,
        )
    if not (work.title or "").strip():
        yield Problem("title", "the title is empty; ORCID needs one", 9022)
    if work.type not in WORK_TYPES:
        yield Problem(
            "work type",
            f"{_shown(work.type)} is not an ORCID work type (valid values: "
            + ", ".join(WORK_TYPES)
            + ")",
            9037,
        )
    yield from _identifiers(work)
    date = work.publication_date
    if _impossible_day(date):
        yield Problem("publication date", f"{date} is not a date in the calendar", 9049)
    if work.citation is not None:
        if work.citation.type not in CITATION_TYPES:
            yield Problem(
                "citation type",
                f"{_shown(work.citation.type)} is not a citation type ORCID knows",
                9051,
            )
        if not work.citation.value.strip():
            yield Problem("citation", "the citation has a type but no text", 9020)
    for n, person in enumerate(work.contributors, 1):
        if (
            person.orcid
            and _ORCID_PATH.fullmatch(person.orcid)
            and not normalize_orcid(person.orcid)
        ):
            yield Problem(
                f"contributor {n} ORCID iD",
                f"{person.orcid} (contributor {n}) is not a valid ORCID iD: its check digit "
                "does not match",
                9020,
            )


def _impossible_day(date: PublicationDate | None) -> bool:
    """A day past the end of its month (30 February); other faults are the schema's."""
    if not (date and date.year and date.month and date.day and 1 <= date.month <= 12):
        return False
    return date.day > calendar.monthrange(date.year, date.month)[1]


def _identifiers(work: Work) -> Iterator[Problem]:
    if not work.external_ids:
        yield Problem(
            "identifiers", "the work needs at least one identifier (a DOI, for example)", 9023
        )
        return
    for n, ext in enumerate(work.external_ids, 1):
        kind = ext.type.strip().lower()
        if not kind or not ext.value.strip():
            yield Problem(f"identifier {n}", f"identifier {n} needs both a type and a value", 9023)
        elif kind not in EXTERNAL_ID_TYPES:
            yield Problem(
                f"identifier {n} type",
                f"{_shown(ext.type)} (identifier {n}) is not an identifier type ORCID knows",
                9023,
            )
        if ext.relationship not in RELATIONSHIPS:
            yield Problem(
                f"identifier {n} relationship",
                f"the relationship of identifier {n} is {_shown(ext.relationship or '')}; "
                "ORCID takes " + ", ".join(RELATIONSHIPS),
                9023,
            )
        elif ext.relationship == "funded-by" and kind not in FUNDED_BY_TYPES:
            yield Problem(
                f"identifier {n} relationship",
                f"a {ext.type} identifier cannot have the relationship funded-by",
                9023,
            )
    if not any(e.relationship == "self" for e in work.external_ids):
        yield Problem(
            "identifiers",
            "At least one identifier with 'self' relationship is required (one that "
            "identifies this work)",
            9023,
        )


# --- entry points -------------------------------------------------------------------------------


def work_problems(work: Work, *, post: bool = False) -> tuple[Problem, ...]:
    """Every schema and API-validator problem of ``work``, schema first; () when ORCID takes it."""
    return schema_problems(work) + api_problems(work, post=post)


def check_work(work: Work, *, index: int | None = None) -> None:
    """Raise InvalidWorkError listing the schema problems of ``work``; return when it is valid.

    The codecs call this before writing a work for ORCID. ORCID's API-validator rules (work
    type, identifiers) are left to ORCID, which answers them per item of a bulk.
    """
    problems = schema_problems(work)
    if problems:
        raise InvalidWorkError(work, problems, index=index)


def check_works(works: Iterable[object]) -> None:
    """:func:`check_work` for every work of a bulk (other items are skipped), naming its slot."""
    for index, item in enumerate(works):
        if isinstance(item, Work):
            check_work(item, index=index)


def _shown(value: str, limit: int = 60) -> str:
    """A value quoted for a message, shortened, with control characters made visible."""
    short = value if len(value) <= limit else value[: limit - 1] + "…"
    return repr(short)
