"""claimdesk: keep ORCID records complete."""

__version__ = "0.1.0"
APP_NAME = "claimdesk"
