"""Whether the ``scale`` extra is installed, checked without importing it (the app's start
path never imports duckdb, pyarrow or dask)."""

from __future__ import annotations

import importlib.util

from claimdesk.errors import ConfigError

INSTALL_HINT = "install it with: pip install 'claimdesk[scale]'"
#: import name → what it does for claimdesk
PACKAGES = {"duckdb": "queries", "pyarrow": "Parquet files", "distributed": "Dask clusters"}


def missing(*modules: str) -> list[str]:
    """Which of ``modules`` (default: all of the extra) cannot be imported."""
    wanted = modules or tuple(PACKAGES)
    return [m for m in wanted if importlib.util.find_spec(m) is None]


def require(*modules: str, what: str = "This") -> None:
    """Raise ConfigError naming the extra when one of ``modules`` is not installed."""
    absent = missing(*modules)
    if absent:
        raise ConfigError(
            f"{what} needs {', '.join(absent)} (claimdesk's 'scale' extra), "
            f"{'which is' if len(absent) == 1 else 'which are'} not installed.",
            hint=INSTALL_HINT,
        )
