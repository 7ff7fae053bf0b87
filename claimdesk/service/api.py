"""The curator's JSON API (``/api/v1/…``), behind an API key sent as ``Authorization: Bearer``.

Grants, pushes, runs and their per-DOI results. Tokens never leave the service: a push names
iDs and DOIs, the service writes with the researcher's token itself. Bearer keys, not cookies,
so no browser can be tricked into calling it (no CSRF surface).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from claimdesk.orcid.ids import normalize_doi, normalize_orcid
from claimdesk.service.store import ACTIVE

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable

    from claimdesk.service.app import Service

PREFIX = "/api/v1"
MAX_PAIRS = 100_000


def _json(data: Any, status: int = 200) -> JSONResponse:
    return JSONResponse(data, status, headers={"Cache-Control": "no-store"})


def _problem(status: int, message: str) -> JSONResponse:
    return _json({"error": message}, status)


def routes(service: Service) -> list[Route]:
    """The curator API routes."""
    api = _Api(service)
    guard = api.guarded
    return [
        Route(f"{PREFIX}/status", guard(api.status), methods=["GET"]),
        Route(f"{PREFIX}/grants", guard(api.grants), methods=["GET"]),
        Route(f"{PREFIX}/push", guard(api.push), methods=["POST"]),
        Route(f"{PREFIX}/runs", guard(api.runs), methods=["GET"]),
        Route(f"{PREFIX}/runs/{{run_id}}", guard(api.run), methods=["GET"]),
        Route(f"{PREFIX}/notify", guard(api.notify), methods=["POST"]),
        Route(f"{PREFIX}/notifications", guard(api.notifications), methods=["GET"]),
    ]


class _Api:
    def __init__(self, service: Service) -> None:
        self.service = service

    def guarded(
        self, handler: Callable[[Request], Awaitable[Response]]
    ) -> Callable[[Request], Awaitable[Response]]:
        """``handler`` behind the API key check."""

        async def checked(request: Request) -> Response:
            header = request.headers.get("authorization", "")
            if not header.lower().startswith("bearer "):
                return _problem(401, "an API key is required (Authorization: Bearer KEY)")
            why = await run_in_threadpool(self.service.store.check_api_key, header[7:].strip())
            if why is not None:
                return _problem(401, why)
            return await handler(request)

        return checked

    async def status(self, request: Request) -> Response:
        return _json(await run_in_threadpool(self.service.status))

    async def grants(self, request: Request) -> Response:
        status = request.query_params.get("status")
        found = await run_in_threadpool(self.service.store.grants, status)
        return _json({"grants": [g.to_json() for g in found]})

    async def push(self, request: Request) -> Response:
        pairs, problem = await _pairs(request)
        if problem is not None:
            return _problem(400, problem)
        return _json(await run_in_threadpool(self.service.push, pairs), 202)

    async def runs(self, request: Request) -> Response:
        kind = request.query_params.get("kind")
        found = await run_in_threadpool(self.service.store.runs, 50, kind)
        return _json({"runs": [r.to_json() for r in found]})

    async def run(self, request: Request) -> Response:
        run_id = request.path_params["run_id"]
        run = await run_in_threadpool(self.service.store.run, run_id)
        if run is None:
            return _problem(404, f"no run {run_id}")
        items = await run_in_threadpool(self.service.store.items, run_id)
        return _json({"run": run.to_json(), "items": [i.to_json() for i in items]})

    async def notify(self, request: Request) -> Response:
        pairs, problem = await _pairs(request)
        if problem is not None:
            return _problem(400, problem)
        try:
            body = await request.json()
        except ValueError:
            body = {}
        dry_run = bool(body.get("dry_run")) if isinstance(body, dict) else False
        return _json(await run_in_threadpool(self.service.notify, pairs, dry_run))

    async def notifications(self, request: Request) -> Response:
        refresh = request.query_params.get("refresh") in ("1", "true")
        found = await run_in_threadpool(self.service.notifications, refresh)
        return _json({"notifications": found})


async def _pairs(request: Request) -> tuple[list[tuple[str, str]], str | None]:
    """(iD, DOI) pairs from ``{"records": [{"orcid": …, "dois": […]}, …]}``, or a problem."""
    try:
        body = await request.json()
    except ValueError:
        return [], "the body is not JSON"
    records = body.get("records") if isinstance(body, dict) else None
    if not isinstance(records, list):
        return [], 'expected {"records": [{"orcid": "…", "dois": ["…"]}]}'
    pairs: list[tuple[str, str]] = []
    for entry in records:
        if not isinstance(entry, dict) or not isinstance(entry.get("dois"), list):
            return [], 'each record needs "orcid" and a list of "dois"'
        orcid = normalize_orcid(str(entry.get("orcid", "")))
        if orcid is None:
            return [], f"not an ORCID iD: {entry.get('orcid')!r}"
        for raw in entry["dois"]:
            doi = normalize_doi(str(raw))
            if doi is None:
                return [], f"not a DOI: {raw!r}"
            pairs.append((orcid, doi))
    if len(pairs) > MAX_PAIRS:
        return [], f"at most {MAX_PAIRS} (iD, DOI) pairs per request"
    return pairs, None


def split_by_grant(
    service: Service, pairs: list[tuple[str, str]]
) -> tuple[list[tuple[str, str]], dict[str, list[str]]]:
    """Pairs whose iD has an active grant, and the others' DOIs per iD."""
    active = {g.orcid for g in service.store.grants(ACTIVE)}
    granted = [(o, d) for o, d in pairs if o in active]
    others: dict[str, list[str]] = {}
    for orcid, doi in pairs:
        if orcid not in active:
            others.setdefault(orcid, []).append(doi)
    return granted, others
