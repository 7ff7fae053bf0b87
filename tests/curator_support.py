"""Helpers for the curator tests: a curator sandbox, settings for it, and the expected answers."""

from __future__ import annotations

from pathlib import Path

from claimdesk.config import Settings
from claimdesk.curator.report import IN_BOTH, MISSING, NOT_IN_METADATA
from claimdesk.sandbox.curator_seed import CuratorCorpus
from claimdesk.sandbox.seeds import DEMO_CLIENT_ID, DEMO_CLIENT_SECRET
from claimdesk.sandbox.server import Sandbox

#: Small enough to run in a second, large enough that every category and a version turn up.
SMALL = 80


def curator_settings(sb: Sandbox) -> Settings:
    """Settings for the sandbox with the demo client (its secret gets the /read-public token)."""
    return Settings(
        endpoints=sb.endpoints,
        client_id=DEMO_CLIENT_ID,
        client_secret=DEMO_CLIENT_SECRET,
        timeout=10.0,
    )


def expected_categories(corpus: CuratorCorpus) -> dict[tuple[str, str], str]:
    """(DOI, iD) → category, computed from what the generator put in metadata and on records."""
    named = corpus.metadata_pairs()
    listed = corpus.listed_pairs()
    answer = {pair: IN_BOTH if pair in listed else MISSING for pair in named}
    answer.update({pair: NOT_IN_METADATA for pair in listed if pair not in named})
    return answer


def site_config(path: Path, sb: Sandbox) -> Path:
    """A site configuration file pointing ``local`` at the sandbox with the demo client."""
    path.write_text(
        f'env = "local"\n[local]\nbase_url = "{sb.base_url}"\n'
        f'client_id = "{DEMO_CLIENT_ID}"\nclient_secret = "{DEMO_CLIENT_SECRET}"\n',
        encoding="utf-8",
    )
    return path
