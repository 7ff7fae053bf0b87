"""The sandbox's ORCID inbox and Trusted parties: permission notifications and revocation.

- ``POST /v3.0/{orcid}/notification-permission`` with a client-credentials token of scope
  ``/premium-notification`` → 201, ``Location`` ending in the put-code; ``GET …/{put-code}``
  answers it with ``sent-date``, ``read-date``, ``actioned-date``, ``archived-date``;
  ``DELETE …/{put-code}`` archives it. JSON (``application/vnd.orcid+json``) only.
- ``GET /inbox/{orcid}``: the researcher's inbox page (opening it marks messages read); each
  message's "Grant permissions" link goes through ``/inbox/{orcid}/{put-code}/action`` (marks it
  actioned) to the notification's ``authorization-url``.
- ``GET /trusted-parties/{orcid}`` lists the clients holding a token for the record;
  ``POST /trusted-parties/{orcid}`` with ``client_id`` revokes them all (their calls then 401).
"""

from __future__ import annotations

import itertools
import json
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from claimdesk.sandbox.http import Request, Response, Route, escape
from claimdesk.sandbox.oauth import Auth, TokenProblem
from claimdesk.sandbox.store import Store, iso_now

_ORCID = r"(?P<orcid>\d{4}-\d{4}-\d{4}-\d{3}[\dX])"
JSON_TYPE = "application/vnd.orcid+json"


@dataclass(slots=True)
class Notification:
    """One permission notification in a researcher's inbox."""

    put_code: int
    orcid: str
    client_id: str
    body: dict[str, Any]
    sent: str
    read: str | None = None
    actioned: str | None = None
    archived: str | None = None

    def to_json(self, client_name: str | None) -> dict[str, Any]:
        return {
            **self.body,
            "put-code": self.put_code,
            "source": {"source-client-id": {"path": self.client_id}, "source-name": client_name},
            "sent-date": self.sent,
            "read-date": self.read,
            "actioned-date": self.actioned,
            "archived-date": self.archived,
        }

    @property
    def authorization_url(self) -> str:
        value = self.body.get("authorization-url")
        if isinstance(value, dict):
            return str(value.get("uri") or value.get("path") or "")
        return str(value or "")


@dataclass
class Inbox:
    """Every notification the sandbox received. Thread-safe."""

    items: dict[int, Notification] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _codes: itertools.count[int] = field(default_factory=lambda: itertools.count(1001))

    def add(self, orcid: str, client_id: str, body: dict[str, Any]) -> Notification:
        with self._lock:
            item = Notification(next(self._codes), orcid, client_id, body, iso_now())
            self.items[item.put_code] = item
        return item

    def of(self, orcid: str) -> list[Notification]:
        with self._lock:
            return [n for n in self.items.values() if n.orcid == orcid]


def routes(auth: Auth, store: Store, inbox: Inbox, base_url: Callable[[], str]) -> list[Route]:
    """The notification API, the inbox pages and Trusted parties."""
    h = _Handlers(auth, store, inbox, base_url)
    api = r"/v3\.0/" + _ORCID + r"/notification-permission"
    return [
        Route("POST", api, h.post),
        Route("GET", api + r"/(?P<pc>\d+)", h.get),
        Route("DELETE", api + r"/(?P<pc>\d+)", h.delete),
        Route("GET", r"/inbox/" + _ORCID, h.inbox_page),
        Route("GET", r"/inbox/" + _ORCID + r"/(?P<pc>\d+)/action", h.action),
        Route("GET", r"/trusted-parties/" + _ORCID, h.trusted_page),
        Route("POST", r"/trusted-parties/" + _ORCID, h.revoke),
    ]


def _error(status: int, message: str) -> Response:
    return Response.json(
        {"response-code": status, "developer-message": message, "user-message": message}, status
    )


class _Handlers:
    def __init__(self, auth: Auth, store: Store, inbox: Inbox, base_url: Callable[[], str]):
        self.auth, self.store, self.inbox, self.base_url = auth, store, inbox, base_url

    def _client(self, request: Request) -> str | Response:
        """The client id of a valid /premium-notification client-credentials token."""
        try:
            token = self.auth.check_bearer(request.headers.get("Authorization"))
        except TokenProblem as err:
            return Response.json({"error": "invalid_token", "error_description": str(err)}, 401)
        if token.orcid is not None or "/premium-notification" not in token.scopes:
            return _error(403, "Insufficient or wrong scope [/premium-notification]")
        if not self.store.has_record(request.params["orcid"]):
            return _error(404, f"The ORCID record {request.params['orcid']} was not found.")
        return token.client_id

    def _mine(self, request: Request) -> Notification | Response:
        client = self._client(request)
        if isinstance(client, Response):
            return client
        item = self.inbox.items.get(int(request.params["pc"]))
        if item is None or item.orcid != request.params["orcid"] or item.client_id != client:
            return _error(404, f"No notification with put-code {request.params['pc']}.")
        return item

    def post(self, request: Request) -> Response:
        client = self._client(request)
        if isinstance(client, Response):
            return client
        try:
            body = json.loads(request.body or b"{}")
        except ValueError:
            return _error(400, "The body is not JSON.")
        subject = str(body.get("notification-subject") or "")
        if not isinstance(body, dict) or body.get("notification-type") != "permission":
            return _error(400, "notification-type must be permission.")
        if len(subject) > 25 or len(str(body.get("notification-intro") or "")) > 1000:
            return _error(400, "Subject at most 25 characters, intro at most 1000.")
        item = self.inbox.add(request.params["orcid"], client, body)
        location = f"{self.base_url()}/v3.0/{item.orcid}/notification-permission/{item.put_code}"
        return Response(201, b"", {"Location": location})

    def get(self, request: Request) -> Response:
        item = self._mine(request)
        if isinstance(item, Response):
            return item
        client = self.auth.clients.get(item.client_id)
        return Response(
            200,
            json.dumps(item.to_json(client.name if client else None)).encode(),
            content_type=JSON_TYPE,
        )

    def delete(self, request: Request) -> Response:
        item = self._mine(request)
        if isinstance(item, Response):
            return item
        item.archived = item.archived or iso_now()
        return Response(204)

    def inbox_page(self, request: Request) -> Response:
        orcid = request.params["orcid"]
        rows = []
        for item in sorted(self.inbox.of(orcid), key=lambda n: -n.put_code):
            if item.archived:
                continue
            item.read = item.read or iso_now()
            client = self.auth.clients.get(item.client_id)
            works = "".join(
                f"<li>{escape(str(i.get('item-name', '')))}</li>"
                for i in (item.body.get("items") or {}).get("item", [])
            )
            rows.append(
                f'<li class="notification" id="n{item.put_code}"><strong>'
                f"{escape(client.name if client else item.client_id)}</strong>: "
                f"{escape(str(item.body.get('notification-subject', '')))}"
                f"<p>{escape(str(item.body.get('notification-intro', '')))}</p><ul>{works}</ul>"
                f'<a class="grant" href="/inbox/{orcid}/{item.put_code}/action">Grant permissions'
                "</a></li>"
            )
        return Response.html(
            '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>ORCID inbox</title>'
            f"</head><body><h1>Inbox of {escape(orcid)}</h1><ul>{''.join(rows)}</ul>"
            f'<p><a href="/trusted-parties/{orcid}">Trusted parties</a></p></body></html>'
        )

    def action(self, request: Request) -> Response:
        item = self.inbox.items.get(int(request.params["pc"]))
        if item is None or item.orcid != request.params["orcid"]:
            return Response.html("<h1>No such notification</h1>", 404)
        item.actioned = item.actioned or iso_now()
        target = item.authorization_url
        if target.startswith("/"):  # ORCID's path-only form: relative to the client's site
            target = self.base_url() + target
        return Response.redirect(target)

    def trusted_page(self, request: Request) -> Response:
        orcid = request.params["orcid"]
        rows = "".join(
            f"<li>{escape(self.auth.clients[c].name if c in self.auth.clients else c)} "
            f'<form method="post"><input type="hidden" name="client_id" value="{escape(c)}">'
            f'<button type="submit" id="revoke-{escape(c)}">Revoke access</button></form></li>'
            for c in self.auth.trusted_parties(orcid)
        )
        return Response.html(
            '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Trusted parties'
            f"</title></head><body><h1>Trusted parties of {escape(orcid)}</h1><ul>{rows}</ul>"
            "</body></html>"
        )

    def revoke(self, request: Request) -> Response:
        orcid = request.params["orcid"]
        count = self.auth.revoke_for(orcid, request.form().get("client_id", ""))
        return Response.html(
            f'<!DOCTYPE html><html><body><p id="revoked">Revoked {count} tokens.</p></body></html>'
        )
