"""Publishing new DOIs into a running sandbox, for auto-update ("updated since") tests and demos.

A published DOI is a new corpus entry created *now*: DataCite's ``updated`` and Crossref's
update date are its creation time, so ``query=updated:[SINCE TO *]`` and
``filter=from-update-date:DAY`` find it as they would a real new registration. From outside the
process: ``POST /sandbox/publish`` with ``{"orcids": […], "agency": "datacite"|"crossref"}``
answers ``{"doi": …}`` (the sandbox's own route; neither DataCite nor ORCID has it).
"""

from __future__ import annotations

import itertools
import json
import threading
from collections.abc import Callable, Iterable
from datetime import UTC, datetime

from claimdesk.orcid.ids import normalize_orcid
from claimdesk.sandbox.entries import Corpus, CorpusPerson, Entry
from claimdesk.sandbox.http import Request, Response, Route

_counter = itertools.count(1)
_lock = threading.Lock()


def publish(
    corpus: Corpus,
    orcids: Iterable[str],
    *,
    agency: str = "datacite",
    prefix: str = "10.83001",
    client_id: str | None = "claimdesk.curator",
    title: str | None = None,
    doi: str | None = None,
) -> Entry:
    """Register a new DOI naming ``orcids`` as creators (DataCite or Crossref); returns it."""
    with _lock:
        number = next(_counter)
        stamp = datetime.now(UTC).replace(tzinfo=None)
        name = doi or f"{prefix}/new.{stamp:%Y%m%d%H%M%S}.{number}"
        creators = tuple(
            CorpusPerson(given="New", family=f"Author {i + 1}", orcid=orcid)
            for i, orcid in enumerate(orcids)
        )
        entry = Entry(
            doi=name.lower(),
            agency=agency,
            kind="data-set" if agency == "datacite" else "journal-article",
            title=title or f"Newly published work {number}",
            created=stamp,
            creators=creators,
            published=(stamp.year,),
            publisher="Sandbox Press",
            client_id=client_id if agency == "datacite" else None,
        )
        corpus.add(entry)
    return entry


def routes(corpus: Callable[[], Corpus]) -> list[Route]:
    """``POST /sandbox/publish``: register a new DOI while the sandbox runs."""

    def handle(request: Request) -> Response:
        try:
            body = json.loads(request.body or b"{}")
        except ValueError:
            return Response.json({"error": "the body is not JSON"}, 400)
        orcids = [normalize_orcid(str(o)) for o in body.get("orcids", [])]
        agency = body.get("agency", "datacite")
        if None in orcids or agency not in ("datacite", "crossref"):
            return Response.json({"error": "orcids: valid iDs; agency: datacite|crossref"}, 400)
        prefix = "10.83001" if agency == "datacite" else "10.5555"
        entry = publish(corpus(), [o for o in orcids if o], agency=agency, prefix=prefix)
        return Response.json({"doi": entry.doi, "agency": agency}, 201)

    return [Route("POST", r"/sandbox/publish", handle)]
