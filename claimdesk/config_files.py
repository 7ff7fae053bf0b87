"""The configuration files (an institution's site file and the user's file) and the user's
directories: where they are, reading them, writing the user's one.

Nothing is read or created at import time. ``CLAIMDESK_HOME`` puts every directory under one
folder (tests and portable installs).
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from claimdesk.environments import ENVIRONMENTS
from claimdesk.errors import ConfigError

#: name of the site and user configuration files
CONFIG_FILE_NAME = "claimdesk.toml"
#: The longest network timeout accepted from settings (seconds).
MAX_TIMEOUT = 600.0
#: keys allowed in an environment's table ([production], [sandbox], [local])
ENV_KEYS = ("client_id", "client_secret", "redirect_uris", "redirect_ports", "scopes", "base_url")
#: keys allowed at the top level of a configuration file ([claims] is a table of CLAIM_KEYS)
TOP_KEYS = ("env", "mailto", "timeout", "claims")
#: the claim policy switches of the [claims] table (claims/status.py ClaimPolicy's fields)
CLAIM_KEYS = ("allow_own_version", "include_versions")

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Paths:
    """Per-user directories (platformdirs), or all under ``CLAIMDESK_HOME`` when it is set."""

    config_dir: Path
    data_dir: Path
    cache_dir: Path
    log_dir: Path

    def ensure(self) -> Paths:
        """Create the directories (called by commands that write, never at import)."""
        for p in (self.config_dir, self.data_dir, self.cache_dir, self.log_dir):
            p.mkdir(parents=True, exist_ok=True)
        return self


def paths() -> Paths:
    """The directories claimdesk uses for settings, the accounts index, journal, cache and logs."""
    home = os.environ.get("CLAIMDESK_HOME")
    if home:
        root = Path(home)
        return Paths(root / "config", root / "data", root / "cache", root / "log")
    import platformdirs

    return Paths(
        Path(platformdirs.user_config_dir("claimdesk", appauthor=False)),
        Path(platformdirs.user_data_dir("claimdesk", appauthor=False)),
        Path(platformdirs.user_cache_dir("claimdesk", appauthor=False)),
        Path(platformdirs.user_log_dir("claimdesk", appauthor=False)),
    )


def site_config_candidates() -> list[Path]:
    """Where a site file may be, first match wins.

    ``CLAIMDESK_SITE_CONFIG`` (a path; empty means "no site file"), then next to the installed
    app (the frozen executable's folder, else ``sys.prefix``), ``sys.prefix/etc/claimdesk``, then
    the system config dir (``platformdirs.site_config_dir``).
    """
    explicit = os.environ.get("CLAIMDESK_SITE_CONFIG")
    if explicit is not None:
        return [Path(explicit)] if explicit else []
    app_dir = Path(sys.executable).parent if getattr(sys, "frozen", False) else Path(sys.prefix)
    import platformdirs

    system = Path(platformdirs.site_config_dir("claimdesk", appauthor=False, multipath=False))
    return [
        app_dir / CONFIG_FILE_NAME,
        Path(sys.prefix) / "etc" / "claimdesk" / CONFIG_FILE_NAME,
        system / CONFIG_FILE_NAME,
    ]


def site_config_file() -> Path | None:
    """The site file in use, or None."""
    return next((p for p in site_config_candidates() if p.is_file()), None)


def user_config_file() -> Path:
    """The user's configuration file (it need not exist)."""
    return paths().config_dir / CONFIG_FILE_NAME


def read_config_file(path: Path) -> dict[str, Any]:
    """One configuration file as a dict; a missing file is empty, a broken one a ConfigError."""
    try:
        with path.open("rb") as f:
            import tomllib  # here: a start with no configuration file does without it

            data = tomllib.load(f)
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as err:  # ValueError: tomllib.TOMLDecodeError, bad UTF-8
        raise ConfigError(f"Cannot read the configuration file {path}: {err}") from None
    for key, value in data.items():
        if key in ENVIRONMENTS:
            if not isinstance(value, dict):
                raise ConfigError(f"{path}: [{key}] must be a table.")
            unknown = sorted(set(value) - set(ENV_KEYS))
        else:
            unknown = [] if key in TOP_KEYS else [key]
        if unknown:
            log.warning("%s: ignoring unknown setting(s) %s", path, ", ".join(unknown))
    return data


def split_list(value: str) -> tuple[str, ...]:
    """``"a, b c"`` → ``("a", "b", "c")`` (lists in variables and loose TOML strings)."""
    return tuple(v for v in value.replace(",", " ").split() if v)


def _redirect_uris(table: Mapping[str, Any], where: str) -> tuple[str, ...] | None:
    uris = table.get("redirect_uris")
    ports = table.get("redirect_ports")
    if uris is not None:
        if isinstance(uris, str):
            uris = split_list(uris)
        if not isinstance(uris, list | tuple) or not all(isinstance(u, str) for u in uris):
            raise ConfigError(f"{where}: redirect_uris must be a list of URLs.")
        return tuple(uris)
    if ports is not None:
        if not isinstance(ports, list | tuple) or not all(
            isinstance(p, int) and 0 < p < 65536 for p in ports
        ):
            raise ConfigError(f"{where}: redirect_ports must be a list of port numbers.")
        return tuple(f"http://127.0.0.1:{p}/callback" for p in ports)
    return None


def _scopes(value: Any, where: str) -> tuple[str, ...] | None:
    if value is None:
        return None
    if isinstance(value, str):
        return split_list(value)
    if not isinstance(value, list | tuple) or not all(isinstance(s, str) for s in value):
        raise ConfigError(f"{where}: scopes must be a list of strings.")
    return tuple(value)


def file_layer(
    data: Mapping[str, Any], env: str, where: str, *, secrets_ok: bool
) -> dict[str, Any]:
    """The values one file contributes to environment ``env``."""
    out: dict[str, Any] = {k: data[k] for k in ("mailto", "timeout") if k in data}
    table = data.get(env) or {}
    for key in ("client_id", "base_url"):
        if table.get(key):
            out[key] = str(table[key])
    if table.get("client_secret"):
        if secrets_ok:
            out["client_secret"] = str(table["client_secret"])
        else:
            log.warning(
                "%s: client_secret ignored; store it in the keyring from the settings dialog", where
            )
    uris = _redirect_uris(table, where)
    if uris is not None:
        out["redirect_uris"] = uris
    scopes = _scopes(table.get("scopes"), where)
    if scopes is not None:
        out["scopes"] = scopes
    return out


def claim_options() -> dict[str, bool]:
    """The claim policy switches from the [claims] tables (site, then user file), e.g. for
    ``ClaimPolicy(**claim_options())``; absent switches are left out (the policy's defaults)."""
    out: dict[str, bool] = {}
    site_path = site_config_file()
    for data in (
        read_config_file(site_path) if site_path else {},
        read_config_file(user_config_file()),
    ):
        table = data.get("claims")
        if isinstance(table, Mapping):
            out.update({k: bool(table[k]) for k in CLAIM_KEYS if k in table})
    return out


# --- writing the user's file (settings dialog) -----------------------------------------------


def dump_toml(data: Mapping[str, Any]) -> str:
    """``data`` as TOML (tomli-w); None values are left out, as TOML has no null."""
    import tomli_w  # here: only the settings dialog writes the file

    def clean(value: Any) -> Any:
        if isinstance(value, Mapping):
            return {k: clean(v) for k, v in value.items() if v is not None}
        if isinstance(value, tuple):
            return list(value)
        return value

    try:
        return tomli_w.dumps(clean(data))
    except TypeError as err:
        raise ConfigError(f"Cannot write the configuration file: {err}") from None


def save_user_settings(
    env: str | None,
    *,
    client_id: str | None = None,
    redirect_ports: Sequence[int] | None = None,
    redirect_uris: Sequence[str] | None = None,
    scopes: Sequence[str] | None = None,
    base_url: str | None = None,
    default_env: str | None = None,
    mailto: str | None = None,
    claims: Mapping[str, bool] | None = None,
) -> Path:
    """Store the settings dialog's values for ``env`` in the user's file (atomically); the path.

    Values given replace those in the file; others are kept. The client secret is not taken here:
    it goes to the keyring (``claimdesk.auth.tokens.save_client_secret``). ``env`` may be None
    when only file-wide values (``default_env``, ``mailto``, ``claims``) are saved.
    """
    if env is not None and env not in ENVIRONMENTS:
        raise ConfigError(f"Unknown environment {env!r}; use one of {', '.join(ENVIRONMENTS)}.")
    path = user_config_file()
    data = read_config_file(path)
    table = dict(data.get(env) or {}) if env else {}
    table.pop("client_secret", None)
    if client_id is not None:
        table["client_id"] = client_id
    if redirect_uris is not None:
        table.pop("redirect_ports", None)
        table["redirect_uris"] = list(redirect_uris)
    elif redirect_ports is not None:
        table.pop("redirect_uris", None)
        table["redirect_ports"] = [int(p) for p in redirect_ports]
    if scopes is not None:
        table["scopes"] = list(scopes)
    if base_url is not None:
        table["base_url"] = base_url
    if env:
        data[env] = table
    if default_env is not None:
        data["env"] = default_env
    if mailto is not None:  # "" removes it
        data.pop("mailto", None)
        if mailto:
            data["mailto"] = mailto
    if claims is not None:
        policy = dict(data.get("claims") or {})
        policy.update({k: bool(v) for k, v in claims.items() if k in CLAIM_KEYS})
        data.pop("claims", None)
        data["claims"] = policy
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(dump_toml(data), encoding="utf-8")
    os.replace(tmp, path)
    return path
