"""The Settings job without Qt: what the dialog shows, and writing what the user changed.

:func:`load_values` reads every environment's effective settings and the keyring's state;
:func:`save_changes` writes the user's file first, then the client secrets to the OS keyring
(never to a file). A keyring that refuses keeps only the secret back: the rest is saved and the
refusal comes back in words, with where the secret can go instead. Both run on a worker.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from claimdesk.auth.keyring_advice import secret_file_hint
from claimdesk.auth.keyring_names import keyring_name, without_class_names
from claimdesk.config import DEFAULT_REDIRECT_URIS, ENVIRONMENTS
from claimdesk.errors import ClaimdeskError


@dataclass(frozen=True, slots=True)
class EnvValues:
    """What the dialog shows for one environment (no secret, only whether one is stored)."""

    client_id: str = ""
    ports: tuple[int, ...] = ()
    base_url: str = ""
    secret_in_keyring: bool = False
    secret_in_site_file: bool = False
    #: where the secret can go when no keyring can hold it
    secret_elsewhere: str = ""


@dataclass(frozen=True, slots=True)
class SettingsValues:
    """Everything the dialog edits, as loaded or as to be saved."""

    default_env: str = "production"
    mailto: str = ""
    allow_own_version: bool = False
    include_versions: bool = False
    envs: dict[str, EnvValues] = field(default_factory=dict)
    keyring: str = ""
    keyring_problem: str = ""


def parse_ports(text: str) -> tuple[int, ...]:
    """'8765, 8766' → (8765, 8766); ValueError naming the bad entry."""
    ports = []
    for part in text.replace(",", " ").split():
        if not part.isdigit() or not 0 < int(part) < 65536:
            raise ValueError(f"{part!r} is not a port number (1–65535)")
        ports.append(int(part))
    return tuple(ports)


def redirect_uris(ports: tuple[int, ...]) -> list[str]:
    """The loopback redirect URIs to register with ORCID for these ports."""
    return [f"http://127.0.0.1:{p}/callback" for p in ports]


def _ports_of(uris: tuple[str, ...]) -> tuple[int, ...]:
    from urllib.parse import urlsplit

    out = []
    for uri in uris:
        try:
            port = urlsplit(uri).port
        except ValueError:
            port = None
        if port:
            out.append(port)
    return tuple(out)


def load_values() -> SettingsValues:
    """Read the effective settings of every environment and the keyring's state (worker)."""
    from claimdesk.auth.tokens import TokenStore, load_client_secret
    from claimdesk.config import (
        claim_options,
        load_settings,
        read_config_file,
        site_config_file,
        user_config_file,
    )

    user = read_config_file(user_config_file())
    site_path = site_config_file()
    site = read_config_file(site_path) if site_path else {}
    envs: dict[str, EnvValues] = {}
    mailto = ""
    for env in ENVIRONMENTS:
        base_url = str((user.get(env) or {}).get("base_url") or "")
        base_url = base_url or str((site.get(env) or {}).get("base_url") or "")
        try:
            settings = load_settings(env=env, base_url=base_url or None)
        except ClaimdeskError:
            envs[env] = EnvValues(ports=_ports_of(DEFAULT_REDIRECT_URIS), base_url=base_url)
            continue
        mailto = mailto or settings.mailto or ""
        cid = settings.client_id or ""
        envs[env] = EnvValues(
            client_id=cid,
            ports=_ports_of(settings.redirect_uris),
            base_url=base_url,
            secret_in_keyring=bool(cid and load_client_secret(env, cid)),
            secret_in_site_file=bool((site.get(env) or {}).get("client_secret")),
            secret_elsewhere=secret_file_hint(env),
        )
    default_env = str(user.get("env") or site.get("env") or "production")
    store = TokenStore()
    problem = ""
    try:
        store.check()
    except ClaimdeskError as err:
        problem = err.message
    try:
        keyring = keyring_name(store)
    except Exception as err:  # keyring itself failed to load
        keyring, problem = "none", problem or str(err)
    problem = without_class_names(problem)
    options = claim_options()
    return SettingsValues(
        default_env=default_env if default_env in ENVIRONMENTS else "production",
        mailto=mailto,
        allow_own_version=options.get("allow_own_version", False),
        include_versions=options.get("include_versions", False),
        envs=envs,
        keyring=keyring,
        keyring_problem=problem,
    )


@dataclass(frozen=True, slots=True)
class Changes:
    """What Save writes: only what the user changed (so site values are not copied over)."""

    default_env: str | None = None
    mailto: str | None = None
    claims: dict[str, bool] | None = None
    #: env → {"client_id": …, "redirect_ports": …, "base_url": …}
    envs: dict[str, dict[str, object]] = field(default_factory=dict)
    #: env → (client id, secret) to put in the keyring
    secrets: dict[str, tuple[str, str]] = field(default_factory=dict, repr=False)


@dataclass(frozen=True, slots=True)
class Saved:
    """What Save did: the file written, and why a client secret could not be stored."""

    path: str
    #: env → the keyring's refusal, with where the secret can go instead
    secrets_refused: dict[str, str] = field(default_factory=dict)


def save_changes(changes: Changes) -> Saved:
    """Write the user's file, then the client secrets to the keyring (worker).

    A keyring that refuses (none, locked) keeps only the secret from being stored: the client
    id, ports and base URL are written all the same, and the refusal is returned in words.
    """
    from claimdesk.auth.tokens import save_client_secret
    from claimdesk.config import save_user_settings, user_config_file
    from claimdesk.errors import KeyringError

    path = user_config_file()
    envs = dict(changes.envs)
    top = (changes.default_env, changes.mailto, changes.claims)
    if not envs and any(v is not None for v in top):
        envs[changes.default_env or "production"] = {}
    first = True
    for env, values in envs.items():
        ports = values.get("redirect_ports")
        path = save_user_settings(
            env,
            client_id=values.get("client_id"),  # type: ignore[arg-type]
            redirect_ports=ports,  # type: ignore[arg-type]
            base_url=values.get("base_url"),  # type: ignore[arg-type]
            default_env=changes.default_env if first else None,
            mailto=changes.mailto if first else None,
            claims=changes.claims if first else None,
        )
        first = False
    refused = {}
    for env, (client_id, secret) in changes.secrets.items():
        try:
            save_client_secret(env, client_id, secret)
        except KeyringError as err:
            refused[env] = str(err)
    return Saved(str(path), refused)
