"""ORCID Member API v3.0 works endpoints and the Public API (reads + search) of the sandbox.

Handlers negotiate XML or JSON from ``Accept`` (406 otherwise) and ``Content-Type`` (415),
check the bearer token (401 ``invalid_token`` as OAuth JSON; 401/9017 for another iD's token;
403/9004 without the scope), then call :class:`~claimdesk.sandbox.store.Store`, whose
:class:`~claimdesk.sandbox.refusals.Refusal` becomes ORCID's error body in the negotiated format.
The source of every write is the token's client, whatever the body says. A revoked token is
still accepted for DELETE, as ORCID does. Bodies are read and written with the codecs in
``claimdesk.orcid.xml`` / ``claimdesk.orcid.json`` (imported when first needed).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from claimdesk.orcid.model import BULK_MAX, Bulk, ErrorBody, Source, Work, WorkGroup, WorksSummary
from claimdesk.sandbox import solr
from claimdesk.sandbox.http import Request, Response, Route
from claimdesk.sandbox.negotiation import JSON, XML, codec, content_format, negotiate
from claimdesk.sandbox.oauth import Auth, Token, TokenProblem
from claimdesk.sandbox.orcid_search import search_json, search_orcids, search_xml
from claimdesk.sandbox.refusals import Refusal, orcid_error
from claimdesk.sandbox.store import Store

if TYPE_CHECKING:
    from claimdesk.sandbox.schema import BodySchema

_ORCID = r"(?P<orcid>\d{4}-\d{4}-\d{4}-\d{3}[\dX])"
MAX_SEARCH_ROWS = 1000
MAX_ANONYMOUS_START = 10_000
#: Longest ``q`` the sandbox accepts. ORCID's own limit is not documented (UNVERIFIED); this is
#: about what fits an 8 KB request line once percent-encoded, a common front-end limit.
MAX_QUERY_CHARS = 6000
READ_SCOPES = frozenset(
    {"/read-limited", "/activities/update", "/read-public", "/authenticate", "openid"}
)


def routes(
    auth: Auth, store: Store, base_url: Callable[[], str], schemas: Path | None = None
) -> list[Route]:
    """Member API under ``/v3.0``, Public API under ``/pub/v3.0``; ``schemas``: ORCID's XSDs."""
    api = _Api(auth, store, base_url, schemas)
    member, public = r"/v3\.0/" + _ORCID, r"/pub/v3\.0/" + _ORCID
    return [
        Route("GET", member + r"/works", api.member(api.read_works)),
        Route("GET", member + r"/work/summary/(?P<pc>[^/]+)", api.member(api.read_summary)),
        Route("GET", member + r"/work/(?P<pc>[^/]+)", api.member(api.read_work)),
        Route("GET", member + r"/works/(?P<pcs>[^/]+)", api.member(api.read_bulk)),
        Route("POST", member + r"/work", api.member(api.add_work, write=True)),
        Route("POST", member + r"/works", api.member(api.add_works, write=True)),
        Route("PUT", member + r"/work/(?P<pc>[^/]+)", api.member(api.update_work, write=True)),
        Route("DELETE", member + r"/work/(?P<pc>[^/]+)", api.member(api.delete_work, write=True)),
        Route("GET", r"/v3\.0/search/?", api.search_member),
        Route("GET", public + r"/works", api.public(api.read_works)),
        Route("GET", public + r"/work/summary/(?P<pc>[^/]+)", api.public(api.read_summary)),
        Route("GET", public + r"/work/(?P<pc>[^/]+)", api.public(api.read_work)),
        Route("GET", public + r"/works/(?P<pcs>[^/]+)", api.public(api.read_bulk)),
        Route("GET", r"/pub/v3\.0/search/?", api.search_public),
    ]


class _Context:
    """What a works handler gets besides the request: format, record, token and its source."""

    def __init__(
        self,
        fmt: str,
        orcid: str,
        token: Token | None,
        source: Source | None,
        body_fmt: str | None = None,
    ) -> None:
        self.fmt = fmt
        self.body_fmt = body_fmt
        self.orcid = orcid
        self.token = token
        self.source = source
        self.public_only = token is None or not (
            {"/read-limited", "/activities/update"} & set(token.scopes)
        )


Handler = Callable[[Request, _Context], Response]


class _Api:
    def __init__(
        self, auth: Auth, store: Store, base_url: Callable[[], str], schemas: Path | None
    ) -> None:
        self.auth = auth
        self.store = store
        self.base_url = base_url
        self._schemas = schemas

    @cached_property
    def schema(self) -> BodySchema:
        """The write-body check, loaded with the first write (most sandboxes never need it)."""
        from claimdesk.sandbox.schema import body_schema

        return body_schema(self._schemas)

    # -- wrappers: negotiation, tokens, scopes ------------------------------------------------

    def member(self, handler: Handler, *, write: bool = False) -> Callable[[Request], Response]:
        def wrapped(request: Request) -> Response:
            fmt = negotiate(request.headers.get("Accept"))
            if fmt is None:
                return Response.text(
                    "406 Not Acceptable: use application/vnd.orcid+xml or +json", 406
                )
            try:
                token = self.auth.check_bearer(
                    request.headers.get("Authorization"), allow_revoked=request.method == "DELETE"
                )
            except TokenProblem as err:
                return invalid_token(str(err))
            orcid = request.params["orcid"]
            if token.orcid is not None and token.orcid != orcid:
                return self.error(
                    fmt,
                    orcid_error(
                        401,
                        9017,
                        f"Access token is for a different record ({token.orcid}); "
                        "you are not authorized to access this record.",
                    ),
                )
            needed = {"/activities/update"} if write else READ_SCOPES
            if write and token.orcid is None:
                needed = set()  # a client-credentials token never writes
            if not needed & set(token.scopes):
                wanted = "/activities/update" if write else "/read-limited"
                return self.error(
                    fmt, orcid_error(403, 9004, f"Insufficient or wrong scope [{wanted}]")
                )
            if not self.store.has_record(orcid):
                return self.error(
                    fmt, orcid_error(404, 9011, f"The ORCID record {orcid} was not found.")
                )
            client = self.auth.clients.get(token.client_id)
            source = Source(client_id=token.client_id, name=client.name if client else None)
            body_fmt = None
            if write and request.method in ("POST", "PUT"):
                body_fmt = content_format(request.headers.get("Content-Type"))
                if body_fmt is None:
                    return Response.text(
                        "415 Unsupported Media Type: send application/vnd.orcid+xml or +json", 415
                    )
            return handler(request, _Context(fmt, orcid, token, source, body_fmt))

        return wrapped

    def public(self, handler: Handler) -> Callable[[Request], Response]:
        def wrapped(request: Request) -> Response:
            fmt = negotiate(request.headers.get("Accept"))
            if fmt is None:
                return Response.text(
                    "406 Not Acceptable: use application/vnd.orcid+xml or +json", 406
                )
            if request.headers.get("Authorization"):
                try:
                    self.auth.check_bearer(request.headers.get("Authorization"))
                except TokenProblem as err:
                    return invalid_token(str(err))
            orcid = request.params["orcid"]
            if not self.store.has_record(orcid):
                return self.error(
                    fmt, orcid_error(404, 9011, f"The ORCID record {orcid} was not found.")
                )
            return handler(request, _Context(fmt, orcid, None, None))

        return wrapped

    def error(self, fmt: str, body: ErrorBody) -> Response:
        """An ORCID error body in the negotiated format."""
        return Response(
            body.status or 500, codec(fmt).serialize_error(body), content_type=_ctype(fmt)
        )

    def ok(self, fmt: str, body: bytes, status: int = 200) -> Response:
        return Response(status, body, content_type=_ctype(fmt))

    # -- reads --------------------------------------------------------------------------------

    def _visible(self, ctx: _Context, work: Work | None) -> bool:
        return work is not None and (not ctx.public_only or work.visibility in (None, "public"))

    def read_works(self, request: Request, ctx: _Context) -> Response:
        summary = self.store.visible_works(ctx.orcid)
        if ctx.public_only:
            summary = public_only(summary)
        return self.ok(ctx.fmt, codec(ctx.fmt).serialize_works(summary))

    def _put_code(self, ctx: _Context, text: str) -> int | ErrorBody:
        if not text.isdigit():
            return orcid_error(400, 9034, f"'{text}' is not a valid put code")
        put_code = int(text)
        work = self.store.get_work(ctx.orcid, put_code)
        if not self._visible(ctx, work):
            return orcid_error(404, 9016, f"No entity found with id {put_code}.")
        return put_code

    def read_work(self, request: Request, ctx: _Context) -> Response:
        found = self._put_code(ctx, request.params["pc"])
        if isinstance(found, ErrorBody):
            return self.error(ctx.fmt, found)
        work = self.store.get_work(ctx.orcid, found)
        assert work is not None
        return self.ok(ctx.fmt, codec(ctx.fmt).serialize_work(work, full=True))

    def read_summary(self, request: Request, ctx: _Context) -> Response:
        found = self._put_code(ctx, request.params["pc"])
        if isinstance(found, ErrorBody):
            return self.error(ctx.fmt, found)
        summary = self.store.get_summary(ctx.orcid, found)
        assert summary is not None
        return self.ok(ctx.fmt, codec(ctx.fmt).serialize_work_summary(summary))

    def read_bulk(self, request: Request, ctx: _Context) -> Response:
        wanted = [p.strip() for p in request.params["pcs"].split(",") if p.strip()]
        if len(wanted) > BULK_MAX:
            return self.error(
                ctx.fmt,
                orcid_error(400, 9042, f"Too many put codes specified: maximum is {BULK_MAX}"),
            )
        items: list[Work | ErrorBody] = []
        for text in wanted:
            work = self.store.get_work(ctx.orcid, int(text)) if text.isdigit() else None
            if self._visible(ctx, work):
                assert work is not None
                items.append(work)
            else:
                items.append(orcid_error(400, 9034, f"'{text}' is not a valid put code"))
        return self.ok(ctx.fmt, codec(ctx.fmt).serialize_bulk(items, full=True))

    # -- writes -------------------------------------------------------------------------------

    def _parse(self, request: Request, ctx: _Context, what: str) -> object:
        body_fmt = ctx.body_fmt or "xml"
        module = codec(body_fmt)
        try:
            return (
                module.parse_work(request.body)
                if what == "work"
                else module.parse_bulk(request.body)
            )
        except Exception as err:  # any codec failure is the client's malformed message
            code = 9047 if body_fmt == "json" else 9001
            raise Refusal(
                orcid_error(
                    400, code, f"Invalid incoming message: could not read the {what}: {err}"
                )
            ) from err

    def add_work(self, request: Request, ctx: _Context) -> Response:
        assert ctx.source is not None
        try:
            work = self._parse(request, ctx, "work")
            if not isinstance(work, Work):
                raise Refusal(orcid_error(400, 9001, "argument type mismatch"))
            for error in self.schema.errors(request.body, ctx.body_fmt, [work]).values():
                raise Refusal(error)
            put_code = self.store.create_work(ctx.orcid, work, ctx.source)
        except Refusal as refusal:
            return self.error(ctx.fmt, refusal.body)
        location = f"{self.base_url()}/v3.0/{ctx.orcid}/work/{put_code}"
        return Response(201, b"", {"Location": location})

    def add_works(self, request: Request, ctx: _Context) -> Response:
        assert ctx.source is not None
        try:
            bulk = self._parse(request, ctx, "bulk")
            if not isinstance(bulk, Bulk):
                raise Refusal(orcid_error(400, 9001, "argument type mismatch"))
            works = [item for item in bulk.items if isinstance(item, Work)]
            if len(works) != len(bulk.items):
                raise Refusal(orcid_error(400, 9001, "A bulk request may only contain works."))
            # ORCID answers a bulk per item: a work its schema refuses gets the error in its slot
            errors = (
                self.schema.errors(request.body, ctx.body_fmt, works)
                if len(works) <= BULK_MAX
                else {}
            )
            valid = [w for i, w in enumerate(works) if i not in errors]
            created = iter(self.store.create_works(ctx.orcid, valid, ctx.source))
            results = [errors[i] if i in errors else next(created) for i in range(len(works))]
        except Refusal as refusal:
            return self.error(ctx.fmt, refusal.body)
        return self.ok(ctx.fmt, codec(ctx.fmt).serialize_bulk(results, full=True))

    def update_work(self, request: Request, ctx: _Context) -> Response:
        assert ctx.source is not None
        text = request.params["pc"]
        if not text.isdigit():
            return self.error(ctx.fmt, orcid_error(400, 9034, f"'{text}' is not a valid put code"))
        try:
            work = self._parse(request, ctx, "work")
            if not isinstance(work, Work):
                raise Refusal(orcid_error(400, 9001, "argument type mismatch"))
            for error in self.schema.errors(request.body, ctx.body_fmt, [work]).values():
                raise Refusal(error)
            updated = self.store.update_work(ctx.orcid, int(text), work, ctx.source)
        except Refusal as refusal:
            return self.error(ctx.fmt, refusal.body)
        return self.ok(ctx.fmt, codec(ctx.fmt).serialize_work(updated, full=True))

    def delete_work(self, request: Request, ctx: _Context) -> Response:
        assert ctx.source is not None
        text = request.params["pc"]
        if not text.isdigit():
            return self.error(ctx.fmt, orcid_error(400, 9034, f"'{text}' is not a valid put code"))
        try:
            self.store.remove_work(ctx.orcid, int(text), ctx.source)
        except Refusal as refusal:
            return self.error(ctx.fmt, refusal.body)
        return Response(204)

    # -- search -------------------------------------------------------------------------------

    def search_public(self, request: Request) -> Response:
        token = None
        if request.headers.get("Authorization"):
            try:
                token = self.auth.check_bearer(request.headers.get("Authorization"))
            except TokenProblem as err:
                return invalid_token(str(err))
        return self._search(request, anonymous=token is None)

    def search_member(self, request: Request) -> Response:
        try:
            token = self.auth.check_bearer(request.headers.get("Authorization"))
        except TokenProblem as err:
            return invalid_token(str(err))
        if not READ_SCOPES & set(token.scopes):
            fmt = negotiate(request.headers.get("Accept")) or "xml"
            return self.error(
                fmt, orcid_error(403, 9004, "Insufficient or wrong scope [/read-public]")
            )
        return self._search(request, anonymous=False)

    def _search(self, request: Request, *, anonymous: bool) -> Response:
        fmt = negotiate(request.headers.get("Accept"))
        if fmt is None:
            return Response.text("406 Not Acceptable: use application/vnd.orcid+xml or +json", 406)
        rows_text, start_text = request.arg("rows", "1000") or "", request.arg("start", "0") or ""
        if not rows_text.isdigit() or int(rows_text) > MAX_SEARCH_ROWS:
            return self.error(
                fmt,
                orcid_error(
                    400,
                    9012,
                    f"The rows parameter must be an integer between 0 and {MAX_SEARCH_ROWS}",
                ),
            )
        if not start_text.isdigit():
            return self.error(fmt, orcid_error(400, 9012, "The start parameter must be an integer"))
        rows, start = int(rows_text), int(start_text)
        if anonymous and start > MAX_ANONYMOUS_START:
            return self.error(
                fmt,
                orcid_error(
                    400,
                    9043,
                    f"The start parameter for API users without credentials must be "
                    f"between 0 and {MAX_ANONYMOUS_START}",
                ),
            )
        query = request.arg("q", "") or ""
        if len(query) > MAX_QUERY_CHARS:
            return self.error(
                fmt,
                orcid_error(400, 9012, f"The query is longer than {MAX_QUERY_CHARS} characters"),
            )
        try:
            found = search_orcids(self.store, query)
        except solr.QuerySyntaxError as err:
            return self.error(fmt, orcid_error(400, 9012, f"Invalid search query: {err}"))
        page = found[start : start + rows]
        body = search_json(page, len(found)) if fmt == "json" else search_xml(page, len(found))
        return self.ok(fmt, body)


def _ctype(fmt: str) -> str:
    return (XML if fmt == "xml" else JSON) + ";charset=UTF-8"


def invalid_token(description: str) -> Response:
    """ORCID's 401 for a missing, unknown, expired or revoked token: OAuth-style JSON."""
    return Response.json(
        {"error": "invalid_token", "error_description": description},
        401,
        {"WWW-Authenticate": f'Bearer error="invalid_token", error_description="{description}"'},
    )


def public_only(summary: WorksSummary) -> WorksSummary:
    """The works section as the public API shows it: public versions only."""
    groups = []
    for group in summary.groups:
        kept = tuple(s for s in group.summaries if s.visibility in (None, "public"))
        if kept:
            groups.append(WorkGroup(group.external_ids, kept, group.last_modified))
    return replace(summary, groups=tuple(groups))
