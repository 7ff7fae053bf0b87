"""The curator's side of the service's JSON API: what the CLI and the desktop app call.

Plain httpx, no web framework: the desktop app uses it without the ``service`` extra. The API
key goes only into the ``Authorization`` header; errors come back as one-line ServiceErrors.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import httpx

from claimdesk import __version__
from claimdesk.auth.redact import register_secret
from claimdesk.errors import ClaimdeskError

API = "/api/v1"
KEYRING_SERVICE = "claimdesk:service"


class ServiceError(ClaimdeskError):
    """The permissions service refused or could not be reached."""


def records_body(pairs: Mapping[str, Iterable[str]]) -> dict[str, Any]:
    """``{"records": [{"orcid": …, "dois": […]}]}`` for push and notify."""
    return {"records": [{"orcid": o, "dois": list(d)} for o, d in pairs.items()]}


class ServiceClient:
    """Talks to one permissions service with one API key."""

    def __init__(self, url: str, api_key: str, *, timeout: float = 30.0) -> None:
        register_secret(api_key)
        self.url = url.rstrip("/")
        self._http = httpx.Client(
            base_url=self.url + API,
            timeout=timeout,
            headers={
                "Authorization": f"Bearer {api_key}",
                "User-Agent": f"claimdesk/{__version__}",
                "Accept": "application/json",
            },
        )

    def close(self) -> None:
        """Close the connection pool."""
        self._http.close()

    def __enter__(self) -> ServiceClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _call(self, method: str, path: str, body: Any = None) -> Any:
        try:
            response = self._http.request(method, path, json=body)
        except httpx.HTTPError as err:
            raise ServiceError(
                f"Could not reach the permissions service at {self.url}: {type(err).__name__}",
                hint="check the URL and that the service is running",
            ) from None
        try:
            data = response.json()
        except ValueError:
            data = None
        if response.status_code >= 400:
            why = data.get("error") if isinstance(data, dict) else None
            raise ServiceError(
                f"The permissions service refused (HTTP {response.status_code}): "
                f"{why or 'no details'}",
                hint="check the API key" if response.status_code == 401 else None,
            )
        if not isinstance(data, dict):
            raise ServiceError(f"{self.url} did not answer like a claimdesk permissions service.")
        return data

    def status(self) -> dict[str, Any]:
        """The service's name, grant link, environment and auto-update settings."""
        return dict(self._call("GET", "/status"))

    def grants(self, status: str | None = None) -> list[dict[str, Any]]:
        """Every grant (iD, name, scopes, granted, last used, status)."""
        path = f"/grants?status={status}" if status else "/grants"
        return list(self._call("GET", path)["grants"])

    def push(self, pairs: Mapping[str, Iterable[str]]) -> dict[str, Any]:
        """Queue DOIs per iD; the answer has the run and who needs to give permission first."""
        return dict(self._call("POST", "/push", records_body(pairs)))

    def runs(self, kind: str | None = None) -> list[dict[str, Any]]:
        """The latest runs, newest first."""
        return list(self._call("GET", f"/runs?kind={kind}" if kind else "/runs")["runs"])

    def run(self, run_id: str) -> dict[str, Any]:
        """One run and its per-DOI results."""
        return dict(self._call("GET", f"/runs/{run_id}"))

    def notify(self, pairs: Mapping[str, Iterable[str]], *, dry_run: bool) -> dict[str, Any]:
        """Ask researchers without a grant (ORCID inbox, or the link to send)."""
        return dict(self._call("POST", "/notify", {**records_body(pairs), "dry_run": dry_run}))

    def notifications(self, *, refresh: bool = False) -> list[dict[str, Any]]:
        """Inbox requests sent and their state (read back from ORCID first with ``refresh``)."""
        path = "/notifications?refresh=1" if refresh else "/notifications"
        return list(self._call("GET", path)["notifications"])


def stored_api_key(url: str) -> str | None:
    """The API key kept in the keyring for a service URL, if any."""
    import keyring

    try:
        return keyring.get_password(KEYRING_SERVICE, url.rstrip("/"))
    except Exception:  # no usable keyring: the caller asks for --api-key instead
        return None


def store_api_key(url: str, api_key: str) -> None:
    """Keep a service's API key in the OS keyring."""
    import keyring

    keyring.set_password(KEYRING_SERVICE, url.rstrip("/"), api_key)
