"""DOI and ORCID iD normalisation, the way ORCID compares identifiers.

ORCID lower-cases identifier values of case-insensitive types and, for DOIs, keeps only the
``10.…/…`` part (reference/orcid-api.md §2.7). Comparing our normalised values with ORCID's
``external-id-normalized`` therefore tells whether two works share an identifier.
"""

from __future__ import annotations

import html
import re
from urllib.parse import unquote

#: Longer than any registered DOI (the longest are a few hundred characters); a longer one is
#: refused when read rather than sent to a registry as an impossible address.
MAX_DOI_LENGTH = 1000
#: no DOI holds control, bidi-control or invisible characters (they only hide what it says)
_CONTROL_RE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")
_DOI_RE = re.compile(r"10(?:\.[0-9a-zA-Z]+)+/\S+")
_OPENER = {")": "(", "]": "[", "}": "{"}
_ORCID_RE = re.compile(r"(\d{4})-?(\d{4})-?(\d{4})-?(\d{3}[\dXx])")
_SPACES = re.compile(r"\s+")
_ORCID_URL_PREFIX = re.compile(r"^(?:https?://)?(?:www\.)?(?:sandbox\.)?orcid\.org/", re.IGNORECASE)
#: Types ORCID treats as case-sensitive; every other type's value is lower-cased for comparison.
CASE_SENSITIVE_TYPES = frozenset({"bibcode", "ethos", "ol"})


def normalize_doi(text: str | None) -> str | None:
    """Return the lower-case ``10.…/…`` form of a DOI given in any usual form, or None.

    Accepts bare DOIs, ``doi:`` prefixes, ``https://doi.org/`` and ``dx.doi.org`` URLs, URL-encoded
    and XML-escaped forms, surrounding whitespace and trailing punctuation from prose. A DOI
    longer than :data:`MAX_DOI_LENGTH` is None.
    """
    # Not a string: a type-confused field from a server or a file.
    if not text or not isinstance(text, str) or len(text) > 4 * MAX_DOI_LENGTH:
        return None
    value = html.unescape(text.strip())
    if "%" in value:
        value = unquote(value)
    match = _DOI_RE.search(value)
    if not match:
        return None
    doi = match.group(0)
    # Trailing punctuation from prose is not part of a DOI, but a balanced closing bracket is
    # (10.1002/(sici)…).
    while doi and doi[-1] in ".,;:'\">)]}":
        closer = doi[-1]
        if closer in _OPENER and doi.count(_OPENER[closer]) >= doi.count(closer):
            break
        doi = doi[:-1]
    if len(doi) > MAX_DOI_LENGTH or _CONTROL_RE.search(doi):
        return None
    return doi.lower()


def doi_problem(text: str) -> str:
    """Why ``text`` is not accepted as a DOI, in words (for a one-line error)."""
    from claimdesk.terminal import safe_line

    shown = safe_line(text if len(text) <= 60 else text[:57] + "…")
    if len(text) > MAX_DOI_LENGTH:
        return (
            f"'{shown}' is {len(text):,} characters long, longer than any real DOI "
            f"(at most {MAX_DOI_LENGTH:,} are accepted)"
        )
    return f"'{shown}' is not a DOI"


def doi_url(doi: str) -> str:
    """The resolver URL of a (normalised) DOI."""
    return "https://doi.org/" + doi


def orcid_checksum(base15: str) -> str:
    """ISO 7064 MOD 11-2 check character for the first 15 digits of an ORCID iD."""
    total = 0
    for char in base15:
        total = (total + int(char)) * 2
    result = (12 - total % 11) % 11
    return "X" if result == 10 else str(result)


def normalize_orcid(text: str | None) -> str | None:
    """Return ``0000-0002-1825-0097`` for any form of a valid ORCID iD, or None.

    Accepts bare iDs with or without hyphens, ``http(s)://orcid.org/…`` (also sandbox), with a
    trailing slash, spaces between the blocks and a lower-case ``x``. The checksum must be right.
    """
    if not text:
        return None
    value = _ORCID_URL_PREFIX.sub("", text.strip()).strip("/ ")
    # Typed or pasted iDs come with spaces between the blocks (also non-breaking ones).
    value = _SPACES.sub("", value)
    match = _ORCID_RE.fullmatch(value)
    if not match:
        return None
    digits = "".join(match.groups()).upper()
    if orcid_checksum(digits[:15]) != digits[15]:
        return None
    return "-".join(digits[i : i + 4] for i in range(0, 16, 4))


def is_valid_orcid(text: str | None) -> bool:
    """True if ``text`` is an ORCID iD in any accepted form with a correct checksum."""
    return normalize_orcid(text) is not None


def orcid_url(orcid: str, host: str = "orcid.org") -> str:
    """The canonical https URL of an ORCID iD."""
    return f"https://{host}/{orcid}"


def normalize_external_id(id_type: str, value: str) -> str:
    """Normalised value of an external identifier of the given type, for grouping and matching."""
    id_type = id_type.strip().lower()
    value = value.strip()
    if id_type == "doi":
        return normalize_doi(value) or ""
    if id_type in CASE_SENSITIVE_TYPES:
        return value
    if id_type == "issn":
        compact = re.sub(r"[^0-9xX]", "", value).upper()
        return f"{compact[:4]}-{compact[4:]}" if len(compact) == 8 else value.lower()
    if id_type == "isbn":
        return re.sub(r"[^0-9xX]", "", value).lower()
    return value.lower()
