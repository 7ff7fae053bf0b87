"""ORCID's ``notification-permission`` endpoint (Member API v3.0) with a client-credentials token.

``POST /v3.0/{orcid}/notification-permission`` (201, put-code in ``Location``), ``GET`` of one
by put-code (its sent / read / actioned / archived dates), ``DELETE`` to archive it. The token
is asked for once with scope ``/premium-notification``; a client ORCID has not enabled for it is
refused at the token endpoint, and :meth:`InboxClient.available` then says False.
"""

from __future__ import annotations

import re
import threading
from typing import TYPE_CHECKING, Any

import httpx

from claimdesk.auth.redact import register_secret
from claimdesk.errors import AuthError, TransportError
from claimdesk.orcid.errors import OrcidApiError

if TYPE_CHECKING:
    from claimdesk.config import Settings
    from claimdesk.service.app import ServiceConfig

JSON = "application/vnd.orcid+json"
_PUT_CODE = re.compile(r"/notification-permission/(\d+)/?$")


class InboxClient:
    """Sends and reads permission notifications for one ORCID client."""

    def __init__(self, settings: Settings, http: httpx.Client) -> None:
        self.settings = settings
        self.http = http
        self._lock = threading.Lock()
        #: the client-credentials token, asked for once (None: ORCID refused the scope; a
        #: client ORCID enables later is seen when the service restarts)
        self._asked = False
        self._token_value: str | None = None

    def _token(self) -> str | None:
        with self._lock:
            if self._asked:
                return self._token_value
        data = {
            "client_id": self.settings.client_id or "",
            "client_secret": self.settings.client_secret or "",
            "grant_type": "client_credentials",
            "scope": "/premium-notification",
        }
        try:
            response = self.http.post(
                self.settings.endpoints.token_url, data=data, headers={"Accept": "application/json"}
            )
        except httpx.HTTPError as err:
            raise TransportError(f"Could not reach ORCID for an inbox token: {err}") from None
        token = None
        if response.status_code == 200:
            token = response.json().get("access_token")
            register_secret(token)
        elif response.status_code == 401:
            raise AuthError("ORCID refused the client id and secret (inbox token).")
        with self._lock:
            self._asked, self._token_value = True, token
        return token

    def available(self) -> bool:
        """Whether this client may send inbox notifications (has ``/premium-notification``)."""
        return self._token() is not None

    def _url(self, orcid: str, put_code: str | None = None) -> str:
        base = f"{self.settings.endpoints.api}/{orcid}/notification-permission"
        return f"{base}/{put_code}" if put_code else base

    def _call(self, method: str, url: str, body: Any = None) -> httpx.Response:
        token = self._token()
        if token is None:
            raise AuthError("This ORCID client has no /premium-notification scope.")
        headers = {"Authorization": f"Bearer {token}", "Accept": JSON, "Content-Type": JSON}
        try:
            response = self.http.request(method, url, json=body, headers=headers)
        except httpx.HTTPError as err:
            raise TransportError(
                f"Could not reach ORCID's inbox API: {type(err).__name__}"
            ) from None
        if response.status_code >= 400:
            raise OrcidApiError(
                response.status_code,
                message=f"ORCID refused the inbox request (HTTP {response.status_code})",
            )
        return response

    def send(self, orcid: str, dois: list[str], config: ServiceConfig) -> str:
        """Post a permission request naming ``dois``; returns its put-code."""
        body = {
            "notification-type": "permission",
            "notification-subject": "Add your works",
            "notification-intro": (
                f"{config.institution} would like to add {len(dois)} works with your name to "
                "your ORCID record, and new ones as they are published."
            )[:1000],
            "authorization-url": {"uri": config.grant_url},
            "items": {
                "item": [
                    {
                        "item-type": "work",
                        "item-name": doi,
                        "external-id": {
                            "external-id-type": "doi",
                            "external-id-value": doi,
                            "external-id-relationship": "self",
                        },
                    }
                    for doi in dois
                ]
            },
        }
        response = self._call("POST", self._url(orcid), body)
        match = _PUT_CODE.search(response.headers.get("Location", ""))
        if match is None:
            raise OrcidApiError(response.status_code, message="ORCID's answer had no put-code")
        return match.group(1)

    def read(self, orcid: str, put_code: str) -> dict[str, str | None]:
        """The request's dates: ``sent``, ``read``, ``actioned``, ``archived`` (None if not yet)."""
        data = self._call("GET", self._url(orcid, put_code)).json()
        return {
            name: _date(data.get(f"{name}-date"))
            for name in ("sent", "read", "actioned", "archived")
        }

    def archive(self, orcid: str, put_code: str) -> None:
        """Archive a request (ORCID's DELETE)."""
        self._call("DELETE", self._url(orcid, put_code))


def _date(value: Any) -> str | None:
    if isinstance(value, dict):
        value = value.get("value")
    return str(value) if value else None
