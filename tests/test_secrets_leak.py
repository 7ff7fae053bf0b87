"""No secret is ever written or printed: a whole session, as a user runs it, at debug level.

One run signs in from the command line (the client secret typed in and kept in the keyring),
claims with the sandbox failing on purpose (429 and 503 answers, a dropped connection after the
write, a 500), refreshes expired tokens, edits (through a 503) and deletes (through a 500) a work
with the desktop app's code and its log file at -v -v, and signs out; then a script still
holding the revoked token in ``CLAIMDESK_TOKEN`` meets ORCID's 401, whose WWW-Authenticate
header names the token (httpcore logs it at debug level). Then every file under the config, data, cache and
log directories (the claim journal among them), the log file, and everything each command
printed are searched for every access token, refresh token, the client secret and the
authorization code the sandbox handed out (issue 10, "Secrets").
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from auth_support import (
    TEST_CLIENT_ID,
    ScriptedBrowser,
    assert_no_secret_anywhere,
    free_ports,
    real_keyring,
    register_test_client,
)

from claimdesk.claims.status import ClaimState, RecordIndex
from claimdesk.sandbox.seeds import DEMO_ORCID
from claimdesk.sandbox.server import Sandbox

CLAIMDESK = [sys.executable, "-m", "claimdesk", "-v", "-v"]
WORKS = f"/v3.0/{DEMO_ORCID}/works"
WORK = f"/v3.0/{DEMO_ORCID}/work/"

pytestmark = pytest.mark.usefixtures("restore_keyring")


@pytest.fixture
def forget_client_secret() -> Iterator[None]:
    """``login --save-secret`` keeps the test client's secret in the real keyring; a stale one
    would be read before a later test's site file, so it goes when the test ends."""
    yield
    from claimdesk.auth.tokens import delete_client_secret

    delete_client_secret("local", TEST_CLIENT_ID)


@dataclass
class Session:
    """The commands of the run and everything they printed."""

    env: dict[str, str]
    printed: list[str] = field(default_factory=list)

    def run(self, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
        result = subprocess.run(
            [*CLAIMDESK, *args],
            env=self.env,
            input=stdin,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        self.printed += [result.stdout, result.stderr]
        return result

    def login(self, secret: str, browser: ScriptedBrowser) -> int:
        """``login --save-secret`` with the secret on stdin; the browser follows the address."""
        err_path = Path(self.env["CLAIMDESK_HOME"]).parent / "login.stderr"
        with err_path.open("w") as err:
            proc = subprocess.Popen(
                [*CLAIMDESK, "login", "--save-secret", "--no-browser", "--timeout", "30"],
                env=self.env,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=err,
                text=True,
            )
            assert proc.stdin is not None and proc.stdout is not None
            proc.stdin.write(secret + "\n")
            proc.stdin.close()
            out = []
            for line in proc.stdout:
                out.append(line)
                if line.startswith("  http"):
                    browser.open(line.strip())
                    break
            out.append(proc.stdout.read())
            code = proc.wait(timeout=60)
        browser.join()
        self.printed += ["".join(out), err_path.read_text()]
        return code


def unclaimed(sandbox: Sandbox, client_id: str, count: int) -> list[str]:
    index = RecordIndex.build(sandbox.store.works(DEMO_ORCID), client_id)
    found = [
        d for d in sandbox.corpus.dois_of(DEMO_ORCID) if index.status(d).state is ClaimState.ABSENT
    ]
    assert len(found) >= count, found
    return found[:count]


EDIT_AND_DELETE = textwrap.dedent(
    """
    import logging
    import sys
    from dataclasses import replace
    from claimdesk.auth.accounts import AccountsIndex
    from claimdesk.auth.session import open_client
    from claimdesk.config import load_settings
    from claimdesk.errors import ClaimdeskError
    from claimdesk.ui.app import setup_logging

    setup_logging(2)  # the desktop app's log file, as with claimdesk -v -v
    for name in ("httpx", "httpcore"):  # louder than the app itself: their debug lines too
        logging.getLogger(name).setLevel(logging.DEBUG)
    log = logging.getLogger("claimdesk.leaktest")
    settings = load_settings()
    account = AccountsIndex().current(settings.env)
    edit, delete = int(sys.argv[1]), int(sys.argv[2])
    with open_client(settings, account) as client:
        ours = {s.put_code: s for s in client.read_works().summaries()}
        first, second = ours[edit], ours[delete]
        (work,) = client.read_works_bulk([first.put_code])
        client.update_work(replace(work, title=work.title + " (edited)"))  # meets a 503 first
        try:
            client.delete_work(second)  # meets a 500 the first time
        except ClaimdeskError:
            log.exception("delete refused")  # a traceback into the log file too
            client.delete_work(second)
        log.debug("done with %r and %r", settings, account)
    print("edited", first.put_code, "deleted", second.put_code)
    """
)


def test_no_secret_in_any_file_log_or_output_after_a_whole_session_with_faults(
    sandbox: Sandbox, home: Path, tmp_path: Path, forget_client_secret: None
) -> None:
    real_keyring()  # the command line keeps sign-ins and the client secret only there
    settings = register_test_client(sandbox, free_ports(2))
    assert settings.client_id and settings.client_secret
    sandbox.token_lifetime = 30  # within the refresh leeway: every command refreshes first
    site = tmp_path / "claimdesk.toml"
    uris = ", ".join(f'"{u}"' for u in settings.redirect_uris)
    site.write_text(
        f'env = "local"\n[local]\nbase_url = "{sandbox.base_url}"\n'
        f'client_id = "{settings.client_id}"\nredirect_uris = [{uris}]\n'
    )
    env = {
        **os.environ,
        "CLAIMDESK_HOME": str(home),
        "CLAIMDESK_SITE_CONFIG": str(site),
        "PYTHONUNBUFFERED": "1",
    }
    env.pop("CLAIMDESK_TOKEN", None)
    run = Session(env)
    dois = unclaimed(sandbox, settings.client_id, 4)

    # sign in: the secret typed in, the code through the browser, the tokens to the keyring
    browser = ScriptedBrowser(orcid=DEMO_ORCID)
    assert run.login(settings.client_secret, browser) == 0, run.printed
    codes = [parse_qs(urlsplit(url).query).get("code", [""])[0] for url, _, _ in browser.pages]
    assert any(codes), browser.pages

    # claim while ORCID misbehaves: rate-limited and busy reads, the write's answer lost
    sandbox.faults.fail_next(429, retry_after=0.1, path_prefix=WORKS)
    sandbox.faults.fail_next(503, retry_after=0.1, path_prefix=WORKS)
    sandbox.faults.drop_next(after_commit=True, path_prefix=WORKS)
    run.run("claim", *dois[:2])
    sandbox.faults.fail_next(500, path_prefix=WORKS)
    run.run("claim", *dois[2:])
    assert sandbox.faults.pending() == 0, "every fault was met"
    settled = run.run("claim", "--retry-failed", *dois)
    assert settled.returncode == 0, settled.stderr
    assert run.run("works", "--json").returncode == 0
    assert run.run("history").returncode == 0

    # edit and delete through the desktop app's code, its log file at debug level: the PUT
    # meets a 503 (and is retried), the DELETE a 500 (logged with its traceback, then redone)
    ours = [
        s.put_code
        for s in sandbox.store.works(DEMO_ORCID).summaries()
        if s.is_owned_by(settings.client_id)
    ]
    edit, delete = ours[0], ours[1]
    sandbox.faults.fail_next(503, retry_after=0.1, path_prefix=f"{WORK}{edit}")
    sandbox.faults.fail_next(500, path_prefix=f"{WORK}{delete}")
    edited = subprocess.run(
        [sys.executable, "-c", EDIT_AND_DELETE, str(edit), str(delete)],
        env={**env, "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    run.printed += [edited.stdout, edited.stderr]
    assert edited.returncode == 0, edited.stderr[-3000:]
    assert any(w.title.endswith(" (edited)") for w in sandbox.store.all_works(DEMO_ORCID))
    assert sandbox.faults.pending() == 0
    assert "delete refused" in edited.stderr and "HTTP 500" in edited.stderr
    assert sandbox.store.get_work(DEMO_ORCID, delete) is None

    assert run.run("logout").returncode == 0
    # a script still holding the revoked token: ORCID's 401 names it in WWW-Authenticate
    revoked = [t for t in sandbox.auth._tokens.values() if t.client_id == settings.client_id][-1]
    stale = Session({**env, "CLAIMDESK_TOKEN": revoked.access_token}, run.printed)
    refused = stale.run("works", "--orcid", DEMO_ORCID)
    assert refused.returncode == 1 and "www-authenticate" in refused.stderr.lower()

    # what was there to leak: every token the sandbox issued to this client, the code, the secret
    issued = [t for t in sandbox.auth._tokens.values() if t.client_id == settings.client_id]
    assert len(issued) >= 3, "the run should have refreshed its tokens"
    secrets = [settings.client_secret, *codes]
    for token in issued:
        secrets += [token.access_token, token.refresh_token]
    log_files = list((home / "log").rglob("*")) if (home / "log").exists() else []
    assert any(f.is_file() and f.stat().st_size for f in log_files), "no debug log was written"
    printed = "\n".join(run.printed)
    assert "DEBUG" in printed  # the commands ran at -v -v
    assert_no_secret_anywhere(printed, secrets)
