"""The researcher's side: ``GET /grant`` (the page), ``POST /grant`` (to ORCID), ``/callback``.

The ``state`` sent to ORCID is sealed by the service (authenticated encryption with a timestamp)
and names a single-use flow row in the database and the browser's flow cookie: a forged state
fails to open, a replayed callback finds its flow gone, an old one is past its lifetime, and a
callback in another browser lacks the cookie. The form that leads to ORCID carries a CSRF token
tied to the same cookie. In every such case the page says what happened and nothing is stored.
"""

from __future__ import annotations

import logging
import secrets
from typing import TYPE_CHECKING
from urllib.parse import parse_qs, urlencode

from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from claimdesk.errors import ClaimdeskError
from claimdesk.service import pages

if TYPE_CHECKING:
    from claimdesk.service.app import Service

log = logging.getLogger(__name__)

COOKIE = "claimdesk_flow"
#: what the service asks ORCID for: read the record (to see what is there) and add works
GRANT_SCOPES = ("/read-limited", "/activities/update")


def routes(service: Service) -> list[Route]:
    """The researcher-facing routes."""
    handlers = _Researcher(service)
    return [
        Route("/grant", handlers.page, methods=["GET"]),
        Route("/grant", handlers.start, methods=["POST"]),
        Route("/callback", handlers.callback, methods=["GET"]),
    ]


def _html(body: str, status: int = 200) -> HTMLResponse:
    return HTMLResponse(
        body,
        status,
        headers={
            "Cache-Control": "no-store",
            "Referrer-Policy": "no-referrer",  # the callback URL carries the code
            "X-Frame-Options": "DENY",
            # no form-action: browsers apply it to the form's redirect on to ORCID as well
            "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; "
            "img-src https: data:",
        },
    )


class _Researcher:
    def __init__(self, service: Service) -> None:
        self.service = service
        self.config = service.config

    def _cookie_nonce(self, request: Request) -> str | None:
        value = request.cookies.get(COOKIE)
        return value if value and len(value) <= 100 else None

    def _set_cookie(self, response: Response, nonce: str) -> None:
        response.set_cookie(
            COOKIE,
            nonce,
            max_age=self.config.flow_lifetime * 2,
            httponly=True,
            samesite="lax",  # sent on ORCID's top-level redirect back, not on cross-site posts
            secure=self.config.public_url.startswith("https://"),
            path="/",
        )

    async def page(self, request: Request) -> Response:
        nonce = self._cookie_nonce(request) or secrets.token_urlsafe(18)
        note = (
            "" if self.service.settings.env == "production"
            else f"(ORCID environment: {self.service.settings.env})"
        )  # fmt: skip
        body = pages.grant_page(
            self.config.institution,
            self.config.logo_url,
            self.service.keys.csrf_token(nonce),
            note,
        )
        response = _html(body)
        self._set_cookie(response, nonce)
        return response

    async def start(self, request: Request) -> Response:
        # one urlencoded field: parsed here rather than adding python-multipart for it
        body = (await request.body())[:4096].decode("utf-8", "replace")
        token = (parse_qs(body).get("csrf") or [""])[0]
        nonce = self._cookie_nonce(request)
        if nonce is None or not self.service.keys.check_csrf(token, nonce):
            return _html(
                pages.problem_page(
                    "This form has expired",
                    "The page was open too long, or cookies are blocked for this site. "
                    "Open the link again and press Continue.",
                ),
                403,
            )
        flow = self.service.store.new_flow(self.config.flow_lifetime)
        state = self.service.keys.seal_state(f"{flow}.{nonce}")
        params = {
            "client_id": self.service.settings.client_id or "",
            "response_type": "code",
            "scope": " ".join(GRANT_SCOPES),
            "redirect_uri": self.config.redirect_uri,
            "state": state,
        }
        url = f"{self.service.settings.endpoints.authorize_url}?{urlencode(params)}"
        return RedirectResponse(url, status_code=303, headers={"Cache-Control": "no-store"})

    async def callback(self, request: Request) -> Response:
        from starlette.concurrency import run_in_threadpool

        return await run_in_threadpool(self._callback, request)

    def _callback(self, request: Request) -> Response:
        keys, store = self.service.keys, self.service.store
        state = request.query_params.get("state", "")
        opened = keys.open_state(state, self.config.flow_lifetime) if state else None
        if opened is None:
            if state and keys.open_state(state, 10**9) is not None:
                return _html(pages.problem_page("This link has expired", _EXPIRED), 400)
            log.warning("grant callback with a state this service did not make")
            return _html(pages.problem_page("This link is not valid", _FORGED), 400)
        flow, _, nonce = opened.partition(".")
        if nonce != self._cookie_nonce(request):
            return _html(pages.problem_page("Please finish in the same browser", _BROWSER), 400)
        taken = store.take_flow(flow)
        if taken == "expired":
            return _html(pages.problem_page("This link has expired", _EXPIRED), 400)
        if taken != "ok":
            return _html(pages.problem_page("This link was already used", _REPLAYED), 400)
        error = request.query_params.get("error")
        if error:
            title, message = (
                ("Permission not given", _DENIED)
                if error == "access_denied"
                else ("ORCID did not give permission", f"ORCID answered: {error}.")
            )
            return _html(
                pages.problem_page(title, message), 200 if error == "access_denied" else 400
            )
        code = request.query_params.get("code", "")
        if not code:
            return _html(pages.problem_page("ORCID sent no code", _NO_CODE), 400)
        try:
            grant, fresh = self.service.accept_code(code)
        except ClaimdeskError as err:
            log.warning("a grant could not be completed: %s", err.message)
            return _html(pages.problem_page("ORCID did not confirm the permission", str(err)), 502)
        return _html(
            pages.thanks_page(self.config.institution, grant.name, grant.orcid, fresh),
        )


_EXPIRED = "The permission request is too old. Open the link again to start over."
_FORGED = "This page was not reached from this service's own link to ORCID."
_BROWSER = "The permission request was started in another browser (or cookies are blocked)."
_REPLAYED = "This permission request was already completed or cancelled."
_DENIED = "You chose not to give permission. You can change your mind by opening the link again."
_NO_CODE = "ORCID's answer did not include a permission code. Open the link again."
