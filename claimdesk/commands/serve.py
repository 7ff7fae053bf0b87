"""``claimdesk serve``: run the permissions service (needs ``pip install 'claimdesk[service]'``).

Top-level imports stay light: the parser imports this module to add its options.
"""

from __future__ import annotations

import argparse
import re

from claimdesk.commands.arg_types import number, rate, whole_number

HELP = "run the permissions service researchers grant access through (institutions)"

_DURATION = re.compile(r"^(\d+(?:\.\d+)?)\s*([smhd]?)$")


def duration(text: str) -> float:
    """``90``, ``30s``, ``15m``, ``1h``, ``1d`` → seconds."""
    match = _DURATION.match(text.strip().lower())
    if match is None or float(match.group(1)) <= 0:
        raise argparse.ArgumentTypeError(f"expected a duration like 30s, 15m, 1h; got {text!r}")
    return float(match.group(1)) * {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}[match.group(2)]


def add_serve_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of ``claimdesk serve``."""
    parser.add_argument(
        "--host", default="127.0.0.1", help="address to bind (default 127.0.0.1: behind a proxy)"
    )
    parser.add_argument(
        "--port", type=whole_number(1, 65535), default=8765, help="port (default 8765)"
    )
    parser.add_argument(
        "--public-url",
        metavar="URL",
        help="the service's address as researchers reach it (https://…); its /callback must be "
        "registered with ORCID. Default: http://HOST:PORT",
    )
    parser.add_argument(
        "--database",
        metavar="URL",
        help="sqlite:///PATH (default: service.sqlite3 in the data folder) or postgresql://…",
    )
    parser.add_argument("--institution", default="Your institution", help="name researchers see")
    parser.add_argument("--logo-url", metavar="URL", help="logo shown on the grant page")
    parser.add_argument(
        "--key-file",
        metavar="PATH",
        help="file holding the key that encrypts tokens (default: service.key in the config "
        "folder, created on first start; CLAIMDESK_SERVICE_KEY overrides it)",
    )
    parser.add_argument(
        "--auto-update",
        metavar="REPOSITORY|PREFIX[,…]",
        default="",
        help="DataCite repository ids or DOI prefixes whose new DOIs are pushed automatically",
    )
    parser.add_argument(
        "--every", type=duration, default=3600.0, metavar="DURATION", help="poll interval (1h)"
    )
    parser.add_argument(
        "--rate",
        type=rate(10_000.0),
        default=24.0,
        metavar="N",
        help="ORCID requests per second (24)",
    )
    keys = parser.add_argument_group("API keys (printed once; stored only as a digest)")
    keys.add_argument(
        "--new-api-key", action="store_true", help="create another curator API key and exit"
    )
    keys.add_argument(
        "--key-days",
        type=number(36_500, "days"),
        default=None,
        metavar="N",
        help="the new key expires after N days",
    )
    keys.add_argument(
        "--revoke-api-keys", action="store_true", help="revoke every curator API key and exit"
    )


def run_serve(args: argparse.Namespace) -> int:
    """Start the service (or manage its API keys)."""
    from claimdesk.service.requirements import require

    database = args.database
    require(postgres=bool(database and database.startswith("postgres")))

    from pathlib import Path

    from claimdesk.auth.client_secret import settings_from_args
    from claimdesk.errors import ConfigError
    from claimdesk.service.app import Service, ServiceConfig, serve
    from claimdesk.service.keys import Keys, load_master_key

    settings = settings_from_args(args)
    if not settings.client_id:
        raise ConfigError("The service needs an ORCID member client id (--client-id).")
    public_url = (args.public_url or f"http://{args.host}:{args.port}").rstrip("/")
    if args.host not in ("127.0.0.1", "localhost", "::1"):
        print(f"warning: binding {args.host}; put the service behind an HTTPS proxy")
    config = ServiceConfig(
        public_url=public_url,
        database=database,
        institution=args.institution,
        logo_url=args.logo_url,
        auto_update=tuple(s for s in args.auto_update.split(",") if s.strip()),
        every=args.every,
        rate=args.rate,
    )
    keys = Keys(load_master_key(Path(args.key_file) if args.key_file else None))
    if args.revoke_api_keys or args.new_api_key:
        # key management works beside a running service: no writer lock, no workers
        from claimdesk.service.db import Database
        from claimdesk.service.store import ServiceStore

        db = Database(database)
        try:
            store = ServiceStore(db, keys)
            if args.revoke_api_keys:
                print(f"Revoked {store.revoke_api_keys()} API keys.")
            else:
                _print_key(store.create_api_key(days=args.key_days))
        finally:
            db.close()
        return 0
    service = Service(config, settings, keys)
    if not service.store.has_api_key():
        _print_key(service.store.create_api_key(days=args.key_days))
    print(f"Researchers grant permission at {config.grant_url}")
    print(f"Register this redirect URI with ORCID: {config.redirect_uri}")
    if config.auto_update:
        print(f"Auto-update: {', '.join(config.auto_update)} every {args.every:g} s")
    print("Ctrl-C stops.", flush=True)
    serve(service, args.host, args.port)
    return 0


def _print_key(key: str) -> None:
    print("Curator API key (shown once; keep it in the desktop app's settings):")
    print(f"  {key}", flush=True)
