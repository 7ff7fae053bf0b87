"""``claimdesk sandbox``: run the local ORCID + DataCite + Crossref sandbox in the foreground.

Prints the base URLs and the demo client's id and secret, then serves until Ctrl-C.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from claimdesk.commands.arg_types import seconds, whole_number

HELP = "run the local ORCID + DataCite + Crossref sandbox in the foreground"


def _fail_rate(text: str) -> tuple[float, int]:
    """``P`` or ``P:STATUS`` (e.g. ``0.1`` or ``0.1:429``) → (probability, status)."""
    rate, _, status = text.partition(":")
    try:
        probability = float(rate)
        code = int(status) if status else 503
    except ValueError as err:
        raise argparse.ArgumentTypeError(f"expected P or P:STATUS, got {text!r}") from err
    if not 0.0 <= probability <= 1.0 or code not in (429, 500, 502, 503, 504):
        raise argparse.ArgumentTypeError("P is 0..1 and STATUS one of 429, 500, 502, 503, 504")
    return probability, code


def _probability(text: str) -> float:
    """A probability 0..1 (anything else is a usage error)."""
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError(f"expected a probability from 0 to 1, got {text!r}")
    return value


def _seconds(text: str) -> float:
    """A non-negative number of seconds."""
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if value < 0:
        raise argparse.ArgumentTypeError(f"expected a number of seconds, got {text!r}")
    return value


def _port(text: str) -> int:
    """A TCP port number (0 = any free port); anything else is a usage error."""
    try:
        port = int(text)
    except ValueError:
        port = -1
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"expected a port number from 1 to 65535, got {text!r}")
    return port


def add_sandbox_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of ``claimdesk sandbox``."""
    parser.add_argument(
        "--port", type=_port, default=0, help="port on 127.0.0.1, 1-65535 (default: a free one)"
    )
    parser.add_argument(
        "--seed",
        choices=("demo", "empty", "curator"),
        default="demo",
        help="initial records (default: demo); curator: a generated repository for the curator tools",
    )
    parser.add_argument(
        "--dois",
        type=whole_number(1, 1_000_000),
        default=None,
        metavar="N",
        help="with --seed curator: how many DOIs the repository holds (default 1000)",
    )
    parser.add_argument(
        "--write-dumps",
        type=Path,
        default=None,
        metavar="DIR",
        help="with --seed curator: write its ORCID and DataCite public data files to DIR and exit",
    )
    parser.add_argument(
        "--latency",
        type=seconds(600, zero_ok=True),
        default=0.0,
        metavar="S",
        help="delay every request by S seconds",
    )
    parser.add_argument(
        "--fail-rate",
        type=_fail_rate,
        default=None,
        metavar="P[:STATUS]",
        help="answer a fraction P of requests with STATUS (default 503, with Retry-After: 1)",
    )
    # ORCID can save a write and still fail to answer: the claim journal must survive these.
    parser.add_argument(
        "--commit-then-500",
        type=_probability,
        default=0.0,
        metavar="P",
        help="store a fraction P of writes, then answer HTTP 500",
    )
    parser.add_argument(
        "--commit-then-stall",
        type=_probability,
        default=0.0,
        metavar="P",
        help="store a fraction P of writes, then answer only after --stall-seconds",
    )
    parser.add_argument(
        "--stall-seconds",
        type=_seconds,
        default=60.0,
        metavar="S",
        help="how long a stalled write waits before answering (default 60, past any timeout)",
    )
    parser.add_argument(
        "--commit-then-drop",
        type=_probability,
        default=0.0,
        metavar="P",
        help="store a fraction P of writes, then drop the connection mid-answer",
    )
    parser.add_argument(
        "--read-lag",
        type=_seconds,
        default=0.0,
        metavar="S",
        help="new works show in API reads only S seconds after they are stored",
    )
    parser.add_argument(
        "--no-duplicate-refusal",
        action="store_true",
        help="accept a second version of a work from the same client (no 409/9021)",
    )
    parser.add_argument(
        "--rate-limit",
        action="store_true",
        help="enforce ORCID's 24 requests/second, burst 40 per client (503 beyond)",
    )
    parser.add_argument(
        "--no-pkce", action="store_true", help="do not advertise or honour PKCE (as ORCID today)"
    )
    parser.add_argument(
        "--schemas",
        type=Path,
        default=None,
        metavar="DIR",
        help="validate write bodies with ORCID's own XSDs from DIR (a copy of ORCID's orcid-model "
        "resources holding record_3.0/ and common_3.0/; default: $CLAIMDESK_ORCID_SCHEMAS, else "
        "claimdesk's built-in rules of the same schema)",
    )
    parser.add_argument(
        "--redirect-uri",
        action="append",
        default=[],
        metavar="URL",
        help="also register URL (a permissions service's /callback) for the demo client; "
        "matched as ORCID matches them (repeatable)",
    )
    parser.add_argument(
        "--premium-notification",
        action="store_true",
        help="let the demo client send ORCID inbox notifications (/premium-notification)",
    )


def run_sandbox(args: argparse.Namespace) -> int:
    """Start the sandbox, print where it is, serve until interrupted."""
    import threading

    from claimdesk.errors import ConfigError
    from claimdesk.sandbox import seeds
    from claimdesk.sandbox.schema import body_schema
    from claimdesk.sandbox.server import Sandbox

    if args.write_dumps is not None:
        return _write_dumps(args)
    # loaded now: a wrong directory is said at start, not at the first write
    schema = body_schema(args.schemas)
    sandbox = Sandbox(
        seed=args.seed,
        port=args.port,
        verbose=bool(getattr(args, "verbose", 0)),
        dois=getattr(args, "dois", None),
        schemas=getattr(args, "schemas", None),
    )
    sandbox.faults.latency = max(0.0, args.latency)
    if args.fail_rate:
        sandbox.faults.fail_rate, sandbox.faults.fail_rate_status = args.fail_rate
    sandbox.faults.after_commit_rates = {
        "500": args.commit_then_500,
        "stall": args.commit_then_stall,
        "drop": args.commit_then_drop,
    }
    sandbox.faults.stall_seconds = args.stall_seconds
    sandbox.store.read_lag = args.read_lag
    sandbox.store.refuse_duplicates = not args.no_duplicate_refusal
    sandbox.rate_limit = args.rate_limit
    sandbox.pkce = not args.no_pkce
    for uri in args.redirect_uri:
        sandbox.add_redirect_uri(uri)
    if args.premium_notification:
        sandbox.auth.premium.add(seeds.DEMO_CLIENT_ID)
    try:
        sandbox.start()
    except OSError as err:
        raise ConfigError(
            f"The sandbox cannot listen on 127.0.0.1:{args.port}: {err.strerror or err}",
            hint="choose another --port, or omit it for a free one",
        ) from err
    ep = sandbox.endpoints
    print(f"claimdesk sandbox ({args.seed} seed) at {sandbox.base_url}")
    print(f"  Member API   {ep.api}")
    print(f"  Public API   {ep.pub}")
    print(f"  OAuth        {ep.authorize_url}  (token: {ep.token_url})")
    print(f"  DataCite     {ep.datacite}")
    print(f"  Crossref     {ep.crossref}")
    print(f"  client id     {seeds.DEMO_CLIENT_ID}")
    print(f"  client secret {seeds.DEMO_CLIENT_SECRET}")
    print(f"  demo record   {seeds.DEMO_ORCID} ({seeds.DEMO_NAME})")
    for uri in args.redirect_uri:
        print(f"  redirect URI  {uri} (demo client)")
    print(f"  inbox         {sandbox.base_url}/inbox/{seeds.DEMO_ORCID} (Trusted parties linked)")
    print(f'  new DOIs      POST {sandbox.base_url}/sandbox/publish {{"orcids": ["…"]}}')
    curator = sandbox.seed_result.curator
    if curator is not None:  # --seed curator (sandbox/curator_seed.py)
        print(
            f"  repository    {curator.repository_id} ({len(curator.dois)} DOIs, "
            f"prefix {curator.prefix}; try: claimdesk roundtrip --repository "
            f"{curator.repository_id})"
        )
    print(f"  write bodies  checked with {schema.describe()}")
    print(f"Use it with: claimdesk --env local --base-url {sandbox.base_url} …   Ctrl-C stops.")
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        print("stopping the sandbox")
    finally:
        sandbox.stop()
    return 0


def _write_dumps(args: argparse.Namespace) -> int:
    """``--write-dumps DIR``: the curator corpus's miniature public data files."""
    from claimdesk.errors import ConfigError
    from claimdesk.sandbox.curator_seed import DEFAULT_DOIS, build_curator_corpus
    from claimdesk.sandbox.dumps import write_dumps

    if args.seed != "curator":
        raise ConfigError("--write-dumps needs --seed curator (the generated repository).")
    files = write_dumps(build_curator_corpus(args.dois or DEFAULT_DOIS), args.write_dumps)
    print(f"ORCID summaries:   {files.orcid} ({files.orcid_records} records)")
    print(f"DataCite data file: {files.datacite} ({files.datacite_dois} DOIs)")
    print(
        f"Next: claimdesk dumps ingest --orcid {files.orcid} --datacite {files.datacite} "
        f"--out TABLES"
    )
    return 0
