"""Environments (production, sandbox, local), settings and the user's directories.

Nothing is read or created at import time: call :func:`paths` and :func:`load_settings` when
needed. ``CLAIMDESK_HOME`` puts every directory under one folder (tests and portable installs).
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from claimdesk.errors import ConfigError

ENVIRONMENTS = ("production", "sandbox", "local")
DEFAULT_REDIRECT_URIS = (
    "http://127.0.0.1:8765/callback",
    "http://127.0.0.1:8766/callback",
    "http://127.0.0.1:8767/callback",
)
DEFAULT_SCOPES = ("/read-limited", "/activities/update")
#: name of the site and user configuration files
CONFIG_FILE_NAME = "claimdesk.toml"
#: keys allowed in an environment's table ([production], [sandbox], [local])
#: The longest network timeout accepted from settings (seconds).
MAX_TIMEOUT = 600.0
ENV_KEYS = ("client_id", "client_secret", "redirect_uris", "redirect_ports", "scopes", "base_url")
#: keys allowed at the top level of a configuration file ([claims] is a table of CLAIM_KEYS)
TOP_KEYS = ("env", "mailto", "timeout", "claims")
#: the claim policy switches of the [claims] table (claims/status.py ClaimPolicy's fields)
CLAIM_KEYS = ("allow_own_version", "include_versions")

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Endpoints:
    """Base URLs of one environment. ``api``/``pub`` end in ``/v3.0``."""

    name: str
    api: str  # Member API, e.g. https://api.orcid.org/v3.0
    pub: str  # Public API, e.g. https://pub.orcid.org/v3.0
    oauth: str  # host serving /oauth/authorize, /oauth/token, /oauth/revoke, /.well-known/…
    site: str  # the ORCID website, for links to records
    datacite: str  # DataCite REST API (serves /dois)
    crossref: str  # Crossref REST API (serves /works)

    @property
    def authorize_url(self) -> str:
        """Where the browser goes to sign in."""
        return self.oauth + "/oauth/authorize"

    @property
    def token_url(self) -> str:
        """Token endpoint (code exchange, refresh, client credentials)."""
        return self.oauth + "/oauth/token"

    @property
    def revoke_url(self) -> str:
        """Token revocation endpoint."""
        return self.oauth + "/oauth/revoke"

    @property
    def discovery_url(self) -> str:
        """OpenID Connect discovery document."""
        return self.oauth + "/.well-known/openid-configuration"


def endpoints_for(env: str, base_url: str | None = None) -> Endpoints:
    """The endpoints of ``production``, ``sandbox`` or a ``local`` claimdesk sandbox at ``base_url``."""
    if env == "production":
        return Endpoints(
            "production",
            "https://api.orcid.org/v3.0",
            "https://pub.orcid.org/v3.0",
            "https://orcid.org",
            "https://orcid.org",
            "https://api.datacite.org",
            "https://api.crossref.org",
        )
    if env == "sandbox":
        return Endpoints(
            "sandbox",
            "https://api.sandbox.orcid.org/v3.0",
            "https://pub.sandbox.orcid.org/v3.0",
            "https://sandbox.orcid.org",
            "https://sandbox.orcid.org",
            "https://api.test.datacite.org",
            "https://api.crossref.org",
        )
    if env == "local":
        if not base_url:
            raise ConfigError(
                "The local environment needs a base URL.",
                hint="pass --base-url http://127.0.0.1:PORT (printed by 'claimdesk sandbox')",
            )
        from claimdesk.urls import check_http_url

        check_http_url(
            base_url,
            "The base URL",
            hint="pass --base-url http://127.0.0.1:PORT (printed by 'claimdesk sandbox')",
        )
        return local_endpoints(base_url)
    raise ConfigError(f"Unknown environment {env!r}; use one of {', '.join(ENVIRONMENTS)}.")


def local_endpoints(base_url: str) -> Endpoints:
    """Endpoints of a claimdesk sandbox: every service under one base URL (see sandbox/server.py)."""
    base = base_url.rstrip("/")
    return Endpoints(
        "local",
        f"{base}/v3.0",
        f"{base}/pub/v3.0",
        base,
        base,
        f"{base}/datacite",
        f"{base}/crossref",
    )


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


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything a command needs to talk to one environment. The secret never prints."""

    endpoints: Endpoints
    client_id: str | None = None
    client_secret: str | None = field(default=None, repr=False)
    redirect_uris: tuple[str, ...] = DEFAULT_REDIRECT_URIS
    scopes: tuple[str, ...] = DEFAULT_SCOPES
    #: e-mail for Crossref's polite pool
    mailto: str | None = None
    timeout: float = 30.0
    #: True when these settings were loaded without looking in the keyring for the client secret
    #: (the GUI at start-up); :meth:`with_secret` looks there when the secret is needed.
    secret_pending: bool = field(default=False, repr=False, compare=False)

    @property
    def env(self) -> str:
        """Name of the environment."""
        return self.endpoints.name

    def with_secret(self) -> Settings:
        """These settings with the client secret from the keyring, if it was not looked for yet.

        The keyring may be slow or ask to be unlocked: call this on a worker thread, where the
        secret is used (token requests), not on the GUI thread.
        """
        if not self.secret_pending:
            return self
        secret = None
        if self.client_id:
            from claimdesk.auth.tokens import load_client_secret

            secret = load_client_secret(self.env, self.client_id)
        return replace(self, client_secret=secret or self.client_secret, secret_pending=False)


# --- layered configuration -------------------------------------------------------------------
#
# Lowest to highest: built-in defaults, the site file an institution ships, the user's file,
# CLAIMDESK_* environment variables, command-line flags. A file looks like
#
#     env = "sandbox"                 # default environment
#     mailto = "me@example.org"
#     [sandbox]
#     client_id = "APP-XXXXXXXXXXXXXXXX"
#     redirect_ports = [8765, 8766]   # or redirect_uris = ["http://127.0.0.1:8765/callback"]
#     scopes = ["/read-limited", "/activities/update"]
#     [local]
#     base_url = "http://127.0.0.1:9000"
#
# The client secret comes from the keyring (the settings dialog stores it there) or from the site
# file's environment table; a client_secret in the user's file is ignored, never echoed.


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


def _split(value: str) -> tuple[str, ...]:
    return tuple(v for v in value.replace(",", " ").split() if v)


def _redirect_uris(table: Mapping[str, Any], where: str) -> tuple[str, ...] | None:
    uris = table.get("redirect_uris")
    ports = table.get("redirect_ports")
    if uris is not None:
        if isinstance(uris, str):
            uris = _split(uris)
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
        return _split(value)
    if not isinstance(value, list | tuple) or not all(isinstance(s, str) for s in value):
        raise ConfigError(f"{where}: scopes must be a list of strings.")
    return tuple(value)


def _layer(data: Mapping[str, Any], env: str, where: str, *, secrets_ok: bool) -> dict[str, Any]:
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


def _environment_layer() -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key in ("client_id", "base_url", "mailto"):
        value = os.environ.get(f"CLAIMDESK_{key.upper()}")
        if value:
            out[key] = value
    if os.environ.get("CLAIMDESK_REDIRECT_URIS"):
        out["redirect_uris"] = _split(os.environ["CLAIMDESK_REDIRECT_URIS"])
    if os.environ.get("CLAIMDESK_SCOPES"):
        out["scopes"] = _split(os.environ["CLAIMDESK_SCOPES"])
    if os.environ.get("CLAIMDESK_TIMEOUT"):
        out["timeout"] = os.environ["CLAIMDESK_TIMEOUT"]
    return out


def load_settings(
    *,
    env: str | None = None,
    base_url: str | None = None,
    client_id: str | None = None,
    client_secret: str | None = None,
    redirect_uris: Sequence[str] | None = None,
    scopes: Sequence[str] | None = None,
    use_keyring: bool = True,
) -> Settings:
    """Settings for one environment from every layer; explicit arguments (flags) win.

    Layers, lowest first: built-in defaults, site file, user file, ``CLAIMDESK_*`` variables,
    arguments. The client secret: argument, else the keyring, else the site file; with
    ``use_keyring=False`` the keyring is left for :meth:`Settings.with_secret`.
    """
    site_path = site_config_file()
    site = read_config_file(site_path) if site_path else {}
    user_path = user_config_file()
    user = read_config_file(user_path)
    environ = _environment_layer()

    env = (
        env
        or os.environ.get("CLAIMDESK_ENV")
        or ("local" if base_url or environ.get("base_url") else None)
        or user.get("env")
        or site.get("env")
        or "production"
    )
    if env not in ENVIRONMENTS:
        raise ConfigError(f"Unknown environment {env!r}; use one of {', '.join(ENVIRONMENTS)}.")

    merged: dict[str, Any] = {}
    if site_path:
        merged.update(_layer(site, env, str(site_path), secrets_ok=True))
    merged.update(_layer(user, env, str(user_path), secrets_ok=False))
    merged.update(environ)
    flags = {
        "base_url": base_url,
        "client_id": client_id,
        "redirect_uris": tuple(redirect_uris) if redirect_uris else None,
        "scopes": tuple(scopes) if scopes else None,
    }
    merged.update({k: v for k, v in flags.items() if v})

    try:
        timeout = float(merged.get("timeout", 30.0))
    except (TypeError, ValueError, OverflowError):
        timeout = -1.0
    if not 0 < timeout <= MAX_TIMEOUT:  # also refuses nan and inf
        raise ConfigError(
            f"timeout must be a number of seconds above 0 and at most {MAX_TIMEOUT:g}, "
            f"not {merged['timeout']!r}."
        )
    from claimdesk.urls import check_mailto

    cid = merged.get("client_id")
    secret = client_secret
    if secret is None and cid and use_keyring:
        from claimdesk.auth.tokens import load_client_secret

        secret = load_client_secret(env, cid)
    # Without the keyring, the secret may still be there: Settings.with_secret looks later.
    pending = client_secret is None and bool(cid) and not use_keyring
    if secret is None:
        secret = merged.get("client_secret")
    return Settings(
        endpoints=endpoints_for(env, merged.get("base_url")),
        client_id=cid,
        client_secret=secret,
        redirect_uris=merged.get("redirect_uris", DEFAULT_REDIRECT_URIS),
        scopes=merged.get("scopes", DEFAULT_SCOPES),
        mailto=check_mailto(merged.get("mailto")),
        timeout=timeout,
        secret_pending=pending,
    )


def settings_from_args(args: object, *, use_keyring: bool = True) -> Settings:
    """Settings for a parsed command line (``--env``, ``--base-url``, ``--client-id``).

    ``use_keyring=False`` leaves the client secret for :meth:`Settings.with_secret` (the GUI).
    """
    return load_settings(
        env=getattr(args, "env", None),
        base_url=getattr(args, "base_url", None),
        client_id=getattr(args, "client_id", None),
        use_keyring=use_keyring,
    )


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


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        # A JSON string without ASCII escaping is a valid TOML basic string.
        import json

        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    raise ConfigError(f"Cannot write {type(value).__name__} to the configuration file.")


def dump_toml(data: Mapping[str, Any]) -> str:
    """A small TOML writer: top-level scalars and lists, then one level of tables."""
    lines = [f"{k} = {_toml_value(v)}" for k, v in data.items() if not isinstance(v, Mapping)]
    for name, table in data.items():
        if isinstance(table, Mapping):
            lines += ["", f"[{name}]"]
            lines += [f"{k} = {_toml_value(v)}" for k, v in table.items() if v is not None]
    return "\n".join(lines).lstrip("\n") + "\n"


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
