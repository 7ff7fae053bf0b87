"""Working with a permissions service from the desktop: connect, look, push (no Qt).

The Curator view and ``claimdesk push --service`` reach a service the same way: the URL plus an
API key kept in the OS keyring, a snapshot of what the service holds (grants, inbox requests,
runs), and a push of a round trip's missing works.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from claimdesk.errors import ConfigError
from claimdesk.service.client import ServiceClient, store_api_key, stored_api_key

if TYPE_CHECKING:
    from claimdesk.curator.report import RoundTripReport


@dataclass(frozen=True, slots=True)
class ServiceSnapshot:
    """What a service holds, as its curator API answered."""

    url: str
    status: dict[str, Any]
    grants: tuple[dict[str, Any], ...]
    notifications: tuple[dict[str, Any], ...]
    runs: tuple[dict[str, Any], ...]

    def counts(self) -> dict[str, int]:
        """Grants per status, and open inbox requests."""
        out: dict[str, int] = {}
        for grant in self.grants:
            out[grant["status"]] = out.get(grant["status"], 0) + 1
        out["inbox open"] = sum(
            1 for n in self.notifications if n["status"] in ("sent", "read", "actioned")
        )
        return out


def open_service(
    url: str, api_key: str | None = None, *, keep: bool = True, hint: str | None = None
) -> ServiceClient:
    """A client for ``url`` with the key given (kept in the keyring if ``keep``), else the key
    kept there."""
    url = url.strip().rstrip("/")
    if not url.startswith(("http://", "https://")):
        raise ConfigError(f"Not a service address: {url!r}.", hint="it starts with https://")
    if api_key and keep:
        store_api_key(url, api_key.strip())
    key = (api_key or "").strip() or stored_api_key(url)
    if not key:
        raise ConfigError(
            f"No API key for {url}.", hint=hint or "enter the key the service printed"
        )
    return ServiceClient(url, key)


def snapshot(url: str, api_key: str | None = None) -> ServiceSnapshot:
    """Connect (keeping a new key) and read grants, inbox requests and runs."""
    with open_service(url, api_key) as client:
        status = client.status()
        return ServiceSnapshot(
            url=client.url,
            status=status,
            grants=tuple(client.grants()),
            notifications=tuple(client.notifications(refresh=True)),
            runs=tuple(client.runs()),
        )


def run_items(url: str, run_id: str) -> list[dict[str, Any]]:
    """The per-DOI results of one run."""
    with open_service(url) as client:
        return list(client.run(run_id)["items"])


def missing_by_orcid(report: RoundTripReport, include_versions: bool) -> dict[str, list[str]]:
    """A round trip's "missing on ORCID" DOIs per iD (versions/parts only if asked)."""
    from claimdesk.curator.report import MISSING

    wanted: dict[str, list[str]] = {}
    for row in report.filter(MISSING):
        if row.is_version and not include_versions:
            continue
        dois = wanted.setdefault(row.orcid, [])
        if row.doi not in dois:
            dois.append(row.doi)
    return wanted


def push_missing(url: str, report: RoundTripReport, include_versions: bool) -> dict[str, Any]:
    """Queue a round trip's missing works on the service; who needs to give permission first."""
    with open_service(url) as client:
        return client.push(missing_by_orcid(report, include_versions))
