"""Whether the service's optional dependencies are installed, and what to install if not."""

from __future__ import annotations

import importlib.util

from claimdesk.errors import ConfigError

#: import name → distribution, for the message
_NEEDED = {
    "starlette": "starlette",
    "uvicorn": "uvicorn",
    "cryptography": "cryptography",
}
INSTALL_HINT = "pip install 'claimdesk[service]'"


def missing(postgres: bool = False) -> list[str]:
    """The service's dependencies that are not importable here."""
    names = dict(_NEEDED)
    if postgres:
        names["psycopg"] = "psycopg[binary]"
    return [dist for module, dist in names.items() if importlib.util.find_spec(module) is None]


def require(postgres: bool = False) -> None:
    """Raise a ConfigError naming what to install when the service cannot run here."""
    absent = missing(postgres)
    if absent:
        raise ConfigError(
            f"The permissions service needs {', '.join(absent)}, "
            f"{'which is' if len(absent) == 1 else 'which are'} not installed.",
            hint=f"install it with: {INSTALL_HINT}",
        )
