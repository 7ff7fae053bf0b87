"""The accounts index: which ORCID iDs are signed in, per environment — nothing secret.

``accounts.json`` in the user data dir holds, per account, the iD, name, environment, scopes,
when it signed in, the ORCID client id that obtained the sign-in (the source of the works that
sign-in adds: the ownership guard's client) and whether it needs reconnecting, plus the current
account of each environment. Writes go through a temporary file and ``os.replace`` so a crash never leaves half
a file; a lock serialises writers of this process.
"""

from __future__ import annotations

import logging
import os
import threading
from dataclasses import asdict, dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from claimdesk.config import paths

log = logging.getLogger(__name__)

FILE_NAME = "accounts.json"
_lock = threading.RLock()


@dataclass(frozen=True, slots=True)
class Account:
    """A signed-in ORCID iD in one environment (the token itself is in the keyring)."""

    orcid: str
    name: str | None
    env: str
    scopes: tuple[str, ...] = ()
    #: ISO 8601, UTC
    signed_in_at: str = ""
    needs_reconnect: bool = False
    #: the client that obtained the sign-in; None for sign-ins stored before it was recorded
    client_id: str | None = None

    @property
    def label(self) -> str:
        """'Josiah Carberry (0000-0002-1825-0097)'."""
        return f"{self.name} ({self.orcid})" if self.name else self.orcid


def now_iso() -> str:
    """The current time as ISO 8601 UTC, to the second."""
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


class AccountsIndex:
    """Read and change ``accounts.json`` (default: in ``paths().data_dir``)."""

    def __init__(self, path: Path | None = None) -> None:
        self._path = path

    @property
    def path(self) -> Path:
        """The index file."""
        return self._path or paths().data_dir / FILE_NAME

    def _read(self) -> dict[str, Any]:
        try:
            text = self.path.read_text(encoding="utf-8")
            import json  # here: a start with no accounts file does without it

            data = json.loads(text)
        except FileNotFoundError:
            return {"accounts": [], "current": {}}
        except (OSError, ValueError) as err:
            log.warning("accounts index %s unreadable (%s); starting empty", self.path, err)
            return {"accounts": [], "current": {}}
        data.setdefault("accounts", [])
        data.setdefault("current", {})
        return data

    def _write(self, data: dict[str, Any]) -> None:
        path = self.path
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
        import json

        tmp.write_text(json.dumps(data, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        os.replace(tmp, path)

    @staticmethod
    def _account(raw: dict[str, Any]) -> Account:
        return Account(
            orcid=raw["orcid"],
            name=raw.get("name"),
            env=raw["env"],
            scopes=tuple(raw.get("scopes") or ()),
            signed_in_at=raw.get("signed_in_at") or "",
            needs_reconnect=bool(raw.get("needs_reconnect")),
            client_id=raw.get("client_id") or None,
        )

    def all(self, env: str | None = None) -> list[Account]:
        """Every account, or those of one environment, in sign-in order."""
        with _lock:
            accounts = [self._account(a) for a in self._read()["accounts"]]
        return [a for a in accounts if env is None or a.env == env]

    def get(self, env: str, orcid: str) -> Account | None:
        """One account, or None."""
        return next((a for a in self.all(env) if a.orcid == orcid), None)

    def upsert(self, account: Account) -> Account:
        """Add or replace the account (same env and iD) and make it the environment's current."""
        with _lock:
            data = self._read()
            rows = [
                a
                for a in data["accounts"]
                if not (a.get("env") == account.env and a.get("orcid") == account.orcid)
            ]
            raw = asdict(account)
            raw["scopes"] = list(account.scopes)
            rows.append(raw)
            data["accounts"] = rows
            data["current"][account.env] = account.orcid
            self._write(data)
        return account

    def remove(self, env: str, orcid: str) -> bool:
        """Forget the account; True if it was there."""
        with _lock:
            data = self._read()
            rows = [
                a for a in data["accounts"] if not (a.get("env") == env and a.get("orcid") == orcid)
            ]
            found = len(rows) != len(data["accounts"])
            data["accounts"] = rows
            if data["current"].get(env) == orcid:
                others = [a["orcid"] for a in rows if a.get("env") == env]
                if others:
                    data["current"][env] = others[-1]
                else:
                    data["current"].pop(env, None)
            if found:
                self._write(data)
        return found

    def current(self, env: str) -> Account | None:
        """The account chosen for ``env`` (the last signed in, unless switched)."""
        with _lock:
            orcid = self._read()["current"].get(env)
        return self.get(env, orcid) if orcid else None

    def switch(self, env: str, orcid: str) -> Account:
        """Make ``orcid`` the current account of ``env``; KeyError if it is not signed in."""
        with _lock:
            account = self.get(env, orcid)
            if account is None:
                raise KeyError(orcid)
            data = self._read()
            data["current"][env] = orcid
            self._write(data)
        return account

    def set_needs_reconnect(self, env: str, orcid: str, needed: bool = True) -> Account | None:
        """Mark (or clear) "reconnect needed" on an account; the changed account or None."""
        with _lock:
            account = self.get(env, orcid)
            if account is None or account.needs_reconnect == needed:
                return account
            changed = replace(account, needs_reconnect=needed)
            data = self._read()
            for raw in data["accounts"]:
                if raw.get("env") == env and raw.get("orcid") == orcid:
                    raw["needs_reconnect"] = needed
            self._write(data)
        return changed
