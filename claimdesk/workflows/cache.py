"""Offline cache: the last works section fetched for each account, as ORCID JSON on disk.

The window shows it at start (marked stale) while the real refresh runs, and keeps showing it
when there is no network. One file per environment + ORCID iD under ``paths().cache_dir``;
writes go through a temporary file so a crash never leaves half a record. JSON, the form the
client reads, because it is read back at every start: about twice as fast as the same record in
XML (a cache an older version wrote as XML is still read once). No Qt here.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from claimdesk.orcid.model import WorksSummary


log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class CachedWorks:
    """A cached works section and when it was fetched."""

    works: WorksSummary
    fetched_at: datetime


class WorksCache:
    """Reads and writes the cached works section of each account."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self._elsewhere: dict[str, Path] = {}

    def keep_elsewhere(self, env: str, directory: Path) -> None:
        """Keep the records of ``env`` in ``directory`` (the demo's temporary folder)."""
        self._elsewhere[env] = directory

    def path_for(self, env: str, orcid: str) -> Path:
        """The cache file of one account."""
        safe = re.sub(r"[^A-Za-z0-9.-]", "_", f"{env}-{orcid}")
        return self._elsewhere.get(env, self.directory) / f"works-{safe}.json"

    def load(self, env: str, orcid: str) -> CachedWorks | None:
        """The cached works of an account, or None when there is none or it cannot be read."""
        from claimdesk.orcid import json as orcid_json
        from claimdesk.orcid import xml

        path = self.path_for(env, orcid)
        try:
            parse = orcid_json.parse_works
            if not path.exists() and path.with_suffix(".xml").exists():
                path, parse = path.with_suffix(".xml"), xml.parse_works
            body = path.read_bytes()
            fetched = datetime.fromtimestamp(path.stat().st_mtime, tz=UTC)
            return CachedWorks(parse(body), fetched)
        except FileNotFoundError:
            return None
        except Exception:  # a damaged cache is only a missed shortcut, never an error
            log.warning("ignoring unreadable works cache %s", path, exc_info=True)
            return None

    def save(self, env: str, orcid: str, works: WorksSummary) -> None:
        """Store ``works`` as the account's cached copy (atomically)."""
        from claimdesk.orcid import json as orcid_json

        path = self.path_for(env, orcid)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".works-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(orcid_json.serialize_works(works))
            os.replace(tmp, path)
            path.with_suffix(".xml").unlink(missing_ok=True)  # an older version's copy
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def touch(self, env: str, orcid: str) -> None:
        """Mark the cached copy as fetched now (the record had not changed)."""
        with contextlib.suppress(OSError):
            os.utime(self.path_for(env, orcid))

    def forget(self, env: str, orcid: str) -> None:
        """Delete the account's cached copy (after signing out)."""
        path = self.path_for(env, orcid)
        path.unlink(missing_ok=True)
        path.with_suffix(".xml").unlink(missing_ok=True)
