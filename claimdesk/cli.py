"""Command line: ``claimdesk [--demo] [COMMAND …]``.

Each command lives in ``claimdesk/commands/<module>.py`` with ``HELP``, ``add_arguments(parser)``
and ``run(args) -> int``; modules are imported only when their command runs, so ``claimdesk
inspect`` never loads Qt. Exit codes: 0 success, 1 the operation failed, 2 usage error.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import sys
from collections.abc import Sequence
from typing import NoReturn

from claimdesk import __version__
from claimdesk.errors import ClaimdeskError

#: command name → module in claimdesk.commands, with the one-line help shown by --help.
COMMANDS: dict[str, tuple[str, str]] = {
    "sandbox": ("sandbox", "run the local ORCID + DataCite + Crossref sandbox in the foreground"),
    "inspect": ("inspect", "print an ORCID API response body as normalised JSON"),
    "convert": ("convert", "convert DataCite or Crossref JSON to ORCID v3.0 work XML"),
    "login": ("account", "sign in with ORCID in the system browser"),
    "logout": ("account", "revoke and forget a stored sign-in"),
    "accounts": ("account", "list stored sign-ins"),
    "works": ("works", "the signed-in record's works, grouped as ORCID groups them"),
    "search": ("search", "find DOIs in DataCite and Crossref and their claim status"),
    "edit": ("edit", "change one of claimdesk's works on the record"),
    "delete": ("edit", "delete claimdesk's own works from the record"),
    "claim": ("claim", "add DOIs to the signed-in record, in bulk"),
    "history": ("claim", "the claim journal: what was claimed, failed or is pending"),
    "roundtrip": ("curator", "curator: which ORCID records list which DOIs"),
    "push": ("curator", "curator: add DOIs to records of researchers who gave permission"),
    "serve": (
        "serve",
        "institutions: run the permissions service researchers grant access through",
    ),
    "grants": ("service_cli", "curator: the grants a permissions service holds"),
    "notify": ("service_cli", "curator: ask researchers for permission through a service"),
    "dumps": ("dumps", "curator: ORCID's and DataCite's public data files as Parquet tables"),
    "gui": ("gui", "open the desktop app (the default)"),
    "self-test": ("selftest", "check that this installation works, step by step"),
}


class _Parser(argparse.ArgumentParser):
    """argparse with a short usage error: two lines, whatever the command's options."""

    def error(self, message: str) -> NoReturn:
        from claimdesk.terminal import safe_line

        self.exit(
            2,
            f"{self.prog}: error: {safe_line(message)}\n"
            f"(run '{self.prog} --help' for the options)\n",
        )


def add_environment_arguments(parser: argparse.ArgumentParser, *, top: bool = False) -> None:
    """The options every command takes to choose where ORCID is.

    They are accepted before and after the command name; after it they only override what was
    given (``SUPPRESS``), so ``claimdesk --env local works`` and ``claimdesk works --env local`` agree.
    """
    default = None if top else argparse.SUPPRESS
    group = parser.add_argument_group("environment")
    group.add_argument(
        "--env",
        choices=("production", "sandbox", "local"),
        default=default,
        help="ORCID environment (default: from settings, else production)",
    )
    group.add_argument(
        "--base-url", type=_base_url, default=default, help="base URL of a local claimdesk sandbox"
    )
    group.add_argument("--client-id", default=default, help="ORCID client id (APP-…)")


def _base_url(text: str) -> str:
    """An argparse type: a usable http(s) address (a bad one is a usage error)."""
    from claimdesk.urls import check_http_url

    try:
        return check_http_url(text, "")
    except ClaimdeskError as err:
        raise argparse.ArgumentTypeError(err.message) from None


def build_parser(command: str | None = None, *, only: bool = False) -> argparse.ArgumentParser:
    """The argument parser (commands add their own options).

    With ``command``, only that command's module is imported to add its options (the others'
    are left out): ``claimdesk`` alone starts the app without importing every command. With
    ``only`` too, the other commands are not even listed (quicker; not for ``--help``).
    """
    parser = _Parser(
        prog="claimdesk",
        description="Keep ORCID records complete: see works as ORCID groups them, find DOIs in "
        "DataCite and Crossref, claim them in bulk.",
    )
    parser.add_argument("--version", action="version", version=f"claimdesk {__version__}")
    parser.add_argument(
        "--demo",
        action="store_true",
        help="start the embedded sandbox and open the app signed in to its demo researcher",
    )
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="check that this installation works, step by step (the same as 'self-test')",
    )
    parser.add_argument("-v", "--verbose", action="count", default=0, help="more log output")
    add_environment_arguments(parser, top=True)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (module_name, help_text) in COMMANDS.items():
        if only and name != command:
            continue
        cmd = sub.add_parser(name, help=help_text, description=help_text)
        add_environment_arguments(cmd)
        cmd.set_defaults(_module=module_name)
        if command is not None and name != command:
            continue
        module = importlib.import_module(f"claimdesk.commands.{module_name}")
        adder = getattr(module, f"add_{name.replace('-', '_')}_arguments", None) or getattr(
            module, "add_arguments", None
        )
        if adder is not None:
            adder(cmd)
    return parser


def command_named(argv: Sequence[str]) -> str:
    """The command word in ``argv``: the first word that is neither an option nor the value of
    one (``gui`` when there is none)."""
    takes_value = {"--env", "--base-url", "--client-id"}
    words = iter(argv)
    for word in words:
        if word == "--":
            break
        if word in takes_value:
            next(words, None)
        elif not word.startswith("-"):
            return word
    return "gui"


def _log_to_stderr(verbose: int, token_env: str | None = None) -> None:
    """Command-line logging: only errors on stderr (-v: also warnings and what happens, -v -v:
    everything), secrets redacted. Commands say what went wrong in their own words; a log
    line repeating it ("WARNING claimdesk.auth.session: …") would only be noise.

    Secrets that arrive in variables are registered first, so not even httpcore's debug log
    of a 401 (whose ``WWW-Authenticate`` quotes the token) can show them.
    """
    import logging
    import os

    from claimdesk.auth.redact import install, register_secret

    for variable in ("CLAIMDESK_TOKEN", "CLAIMDESK_CLIENT_SECRET", token_env):
        if variable:
            register_secret(os.environ.get(variable))

    level = logging.ERROR if not verbose else logging.INFO if verbose == 1 else logging.DEBUG
    root = logging.getLogger()
    if not root.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("claimdesk: %(levelname)s %(name)s: %(message)s"))
        root.addHandler(handler)
    root.setLevel(level)
    install(root)


def plain_args() -> argparse.Namespace:
    """What the parser makes of no arguments at all (plain ``claimdesk``: open the app)."""
    return argparse.Namespace(
        demo=False,
        self_test=False,
        verbose=0,
        env=None,
        base_url=None,
        client_id=None,
        command=None,
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Run claimdesk with ``argv`` (default: ``sys.argv[1:]``); return the exit code.

    Everything printed goes through :mod:`claimdesk.terminal`, so text from outside (titles,
    DOIs, error descriptions) cannot drive the terminal. Ctrl-C anywhere exits 130.
    """
    from claimdesk import terminal

    out, err = terminal.install()
    try:
        return _main(argv)
    except KeyboardInterrupt:
        print("claimdesk: interrupted", file=sys.stderr)
        return 130
    finally:
        with contextlib.suppress(Exception):
            sys.stdout.flush()
        sys.stdout, sys.stderr = out, err


def _main(argv: Sequence[str] | None) -> int:
    from claimdesk.terminal import safe_line

    argv = sys.argv[1:] if argv is None else list(argv)
    if argv:
        command_word = command_named(argv)
        # Usage errors and --help list every command; a plain run needs only its own.
        wants_help = any(word in ("-h", "--help") for word in argv)
        parser = build_parser(command_word, only=command_word in COMMANDS and not wants_help)
        args = parser.parse_args(argv)
    else:
        args = plain_args()  # the app's usual start: no parser to build (~4 ms)
    command = args.command or ("self-test" if args.self_test else "gui")
    module = importlib.import_module(f"claimdesk.commands.{COMMANDS[command][0]}")
    runner = getattr(module, f"run_{command.replace('-', '_')}", None) or module.run
    if command not in ("gui", "self-test"):
        _log_to_stderr(args.verbose, getattr(args, "token_env", None))
    try:
        return int(runner(args) or 0)
    except ClaimdeskError as error:
        print(f"claimdesk: {safe_line(str(error))}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        # The reader went away (`claimdesk works | head`): stop quietly, as SIGPIPE would.
        _silence_stdout()
        return 141
    except (KeyboardInterrupt, SystemExit):
        raise
    except Exception as error:
        # A bug, not a failure we foresaw: one line (a traceback only with -v -v), exit 1.
        import logging

        logging.getLogger("claimdesk").debug("unexpected error", exc_info=True)
        said = safe_line(str(error))
        said = said if len(said) <= 200 else said[:199] + "…"
        print(
            f"claimdesk: unexpected error ({type(error).__name__}: {said}); please report it "
            "(run again with -v -v for details)",
            file=sys.stderr,
        )
        return 1


def _silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's final flush cannot fail again."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # no real file descriptor (tests, embedding)
        pass
