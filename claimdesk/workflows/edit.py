"""Editing one of claimdesk's works: read it, change fields, check them, send it (GUI and CLI).

The GUI's edit dialog collects the fields; ``claimdesk edit`` takes them as options or as a
work file. Both go through :func:`apply_changes` and :func:`check_work` (the rules ORCID
applies, said before a round trip) and :func:`save_work`, which refuses another source's work
before anything is sent.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import TYPE_CHECKING

from claimdesk.claims.changes import ChangeLog, ChangeState, remember
from claimdesk.errors import ConfigError
from claimdesk.orcid.client import check_ours
from claimdesk.workflows.work_form import check_work, normalize_work, parse_date

if TYPE_CHECKING:
    from claimdesk.orcid.client import OrcidClient
    from claimdesk.orcid.model import Work

#: The fields ``claimdesk edit`` can set, as option name → Work attribute.
EDITABLE = {
    "title": "title",
    "subtitle": "subtitle",
    "type": "type",
    "date": "publication_date",
    "journal": "journal_title",
    "url": "url",
    "description": "short_description",
    "language": "language_code",
}


def apply_changes(work: Work, changes: Mapping[str, str | None]) -> Work:
    """``work`` with ``changes`` (option name → text; empty text clears an optional field).

    ConfigError for a date that is not YYYY, YYYY-MM or YYYY-MM-DD.
    """
    values: dict[str, object] = {}
    for name, text in changes.items():
        if text is None:
            continue
        attribute = EDITABLE[name]
        if attribute == "publication_date":
            try:
                values[attribute] = parse_date(text)
            except ValueError as err:
                raise ConfigError(f"--date {text!r}: {err}.") from None
        elif attribute in ("title", "type"):
            values[attribute] = text.strip()
        else:
            values[attribute] = text.strip() or None
    return replace(work, **values)  # type: ignore[arg-type]


def replacement_from(body: bytes, put_code: int) -> Work:
    """The work in an ORCID work file (XML or JSON), to replace work ``put_code`` with."""
    from claimdesk.orcid.codec import decode
    from claimdesk.orcid.model import Work

    message = decode(body)
    if not isinstance(message, Work):
        raise ConfigError(f"The file holds {type(message).__name__}, not one ORCID work.")
    return replace(message, put_code=put_code)


def save_work(
    client: OrcidClient,
    original: Work,
    edited: Work,
    client_id: str | None,
    *,
    log: ChangeLog | None = None,
    env: str = "",
) -> Work:
    """Send ``edited`` in place of ``original`` (claimdesk's own only); ORCID's copy of it.

    Refuses with NotOwnedError, before any request, unless claimdesk added ``original``;
    ConfigError listing the problems ORCID would refuse the work for. With ``log``, a sent
    edit is remembered for History with how it ended.
    """
    check_ours(original, client_id, "edit")
    # contributor iDs as ORCID's schema wants them, whether typed in the dialog or in a file
    edited = normalize_work(replace(edited, put_code=original.put_code, source=original.source))
    problems = check_work(edited)
    if problems:
        raise ConfigError("The work was not sent: " + " ".join(problems))
    try:
        saved = client.update_work(edited)
    except Exception as err:
        remember(log, env, client.orcid, ChangeState.EDIT_FAILED, original, err)
        raise
    remember(log, env, client.orcid, ChangeState.EDITED, saved)
    return saved
