"""claimdesk: keep ORCID records complete."""

__version__ = "0.1.0"
APP_NAME = "claimdesk"


def user_agent(mailto: str | None = None) -> str:
    """How claimdesk names itself to ORCID, DataCite and Crossref (one string for all three):
    ``claimdesk/<version> (+https://github.com/claimdesk/claimdesk; mailto:…)``."""
    contact = f"; mailto:{mailto}" if mailto else ""
    return f"{APP_NAME}/{__version__} (+https://github.com/claimdesk/claimdesk{contact})"
