"""The round trip's selection on the command line, shared by ``roundtrip``, ``push`` and
``notify``: which DOIs, the checkpoint, the pace, and running the check with progress.

Top-level imports stay light (argparse only).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from claimdesk.commands.arg_types import rate
from claimdesk.terminal import write_control

if TYPE_CHECKING:
    from claimdesk.config import Settings
    from claimdesk.curator.roundtrip import RoundTripInput, RoundTripProgress, RoundTripRun


def add_input_arguments(parser: argparse.ArgumentParser, *, everything: bool = False) -> None:
    """What the round trip checks (one of; ``everything`` adds --all-datacite), its
    checkpoint and its pace."""
    group = parser.add_argument_group("what to check (one of)")
    source = group.add_mutually_exclusive_group(required=True)
    # --client-id is the ORCID client id (environment options), hence --repository here.
    source.add_argument(
        "--repository", metavar="ID", help="a DataCite repository (client) id, e.g. cern.zenodo"
    )
    source.add_argument("--prefix", metavar="10.X", help="every DataCite DOI with this prefix")
    source.add_argument(
        "--dois", metavar="FILE", help="a file of DOIs: text, CSV, RIS or BibTeX, any DOI form"
    )
    source.add_argument("--doi", metavar="DOI", help="one DOI")
    if everything:
        source.add_argument(
            "--all-datacite",
            action="store_true",
            default=None,
            help="every DOI in the data files (with --dumps)",
        )
    state = parser.add_argument_group("checkpoint")
    state.add_argument(
        "--state",
        metavar="PATH",
        help="checkpoint file of the round trip (default: roundtrip.sqlite3 in the data folder)",
    )
    state.add_argument(
        "--resume",
        action="store_true",
        help="continue the interrupted run in the checkpoint instead of starting over",
    )
    parser.add_argument(
        "--rate",
        type=rate(10_000.0),  # above 24 only for a local sandbox
        default=None,
        metavar="N",
        help="ORCID requests per second (default 24, ORCID's limit; never set it higher)",
    )


def target(args: argparse.Namespace) -> RoundTripInput:
    """The round trip's input from the parsed options."""
    from claimdesk.curator.roundtrip import RoundTripInput

    if args.dois:
        return RoundTripInput.from_file(args.dois)
    from claimdesk.errors import ConfigError
    from claimdesk.orcid.ids import normalize_doi

    if args.doi is not None and normalize_doi(args.doi) is None:
        raise ConfigError(f"Not a DOI: {args.doi!r}.")
    prefix = args.prefix.strip().rstrip("/") if args.prefix is not None else None
    if prefix is not None and not re.fullmatch(r"10\.\d{4,9}(\.\d+)*", prefix):
        raise ConfigError(f"Not a DOI prefix: {args.prefix!r}.", hint="a prefix looks like 10.5281")
    everything = bool(getattr(args, "all_datacite", None))
    return RoundTripInput(
        repository=args.repository, prefix=prefix, doi=args.doi, everything=everything
    )


def progress_printer() -> Callable[[RoundTripProgress], None] | None:
    """A progress callback writing one updating line to stderr when it is a terminal."""
    if not sys.stderr.isatty():
        return None

    def show(progress: RoundTripProgress) -> None:
        total = f"/{progress.total}" if progress.total else ""
        write_control(sys.stderr, f"\r{progress.phase}: {progress.done}{total}   ")
        sys.stderr.flush()

    return show


def check(args: argparse.Namespace, settings: Settings) -> RoundTripRun:
    """Run the round trip for the parsed options (Ctrl-C leaves the checkpoint to resume)."""
    from claimdesk.curator.roundtrip import check_roundtrip

    try:
        return check_roundtrip(
            settings,
            target(args),
            state_path=args.state,
            resume=args.resume,
            on_progress=progress_printer(),
            rate=args.rate,
        )
    finally:
        if sys.stderr.isatty():
            write_control(sys.stderr, "\r" + " " * 40 + "\r")
