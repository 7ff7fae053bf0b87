"""What the DataCite and Crossref REST clients share: one paced transport and one-DOI reads."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, ClassVar, Self
from urllib.parse import quote

import httpx

from claimdesk.config import Settings
from claimdesk.errors import SourceError
from claimdesk.orcid.ids import normalize_doi
from claimdesk.sources.records import DoiRecord
from claimdesk.sources.transport import Transport


class RegistryClient:
    """A DOI registry's REST API at ``base``, spoken through one :class:`Transport`."""

    #: the registry's name in errors and the User-Agent ("DataCite", "Crossref")
    SOURCE: ClassVar[str]

    def __init__(self, settings: Settings, base: str, *, http: httpx.Client | None = None) -> None:
        self.base = base.rstrip("/")
        self.mailto = settings.mailto
        self.transport = Transport(
            self.SOURCE, timeout=settings.timeout, mailto=settings.mailto, http=http
        )

    def close(self) -> None:
        """Release the HTTP connection pool (if this client made it)."""
        self.transport.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _get_record(
        self,
        collection: str,
        doi: str,
        params: Mapping[str, str],
        *,
        not_found: Callable[[httpx.Response], bool],
        parse: Callable[[Any], list[DoiRecord]],
    ) -> DoiRecord | None:
        """``GET {base}/{collection}/{doi}``: the DOI's record, or None if the registry says 404."""
        norm = normalize_doi(doi)
        if not norm:
            raise SourceError(self.SOURCE, f"{doi!r} is not a DOI")
        url = f"{self.base}/{collection}/{quote(norm, safe='/')}"
        data = self.transport.get_json(url, params, not_found=not_found)
        if data is None:
            return None
        records = parse(data)
        return records[0] if records else None
