"""Hostile input at the command line is refused in words (issue 12, classes 2, 4, 5, 6, 7, 9).

Every case asserts what a user at a terminal would notice: the exit code (0, 1, or 2 for a
usage error), no traceback, at most three lines on stderr, and no raw control, bidi-control or
invisible character reaching the terminal. Fixed cases, all fast.
"""

from __future__ import annotations

import dataclasses
import os
import re
import signal
import socket
import struct
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from auth_support import free_ports, register_test_client

from claimdesk.cli import main
from claimdesk.sandbox.seeds import DEMO_CLIENT_ID, DEMO_ORCID
from claimdesk.sandbox.server import Sandbox

#: what must never reach the terminal raw (tab and newline are fine)
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")
HOSTILE_TITLE = "Evil \x1b]0;owned\x07 title \u202etxt.exe\u200b\x9b2J\nInjected line"


@dataclass(frozen=True)
class Ran:
    code: int
    out: str
    err: str


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> Ran:
    """``claimdesk ARGV`` in this process, as a shell would see it end."""
    try:
        code = main(list(argv))
    except SystemExit as exit_:  # argparse's usage errors
        code = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return Ran(code, out, err)


def assert_in_words(ran: Ran, *codes: int) -> None:
    """Exit code among ``codes``; no traceback; ≤ 3 stderr lines; nothing raw on the terminal."""
    assert ran.code in codes, ran
    assert "Traceback" not in ran.out + ran.err
    assert len(ran.err.splitlines()) <= 3, ran.err
    assert not RAW.search(ran.out + ran.err), ran


def env_args(sandbox: Sandbox) -> list[str]:
    return ["--env", "local", "--base-url", sandbox.base_url, "--client-id", DEMO_CLIENT_ID]


# -- class 2: addresses checked where they enter; DOIs longer than any real DOI ----------------

BAD_URLS = [
    "http://[::1",
    "http://127.0.0.1:99999",
    "ftp://example.org",
    "http://exa mple.org",
    "http://\x1b[31mred.example",
    "http://example.org/" + "b" * 70_000,
]


@pytest.mark.parametrize("url", BAD_URLS, ids=range(len(BAD_URLS)))
def test_bad_base_url_on_the_command_line_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], url: str
) -> None:
    ran = run(capsys, "works", "--env", "local", "--base-url", url)
    assert_in_words(ran, 2)
    assert "--base-url" in ran.err


@pytest.mark.parametrize("url", BAD_URLS[:4], ids=range(4))
def test_bad_base_url_from_a_variable_or_a_settings_file_is_refused_in_words(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    url: str,
) -> None:
    monkeypatch.setenv("CLAIMDESK_ENV", "local")
    monkeypatch.setenv("CLAIMDESK_BASE_URL", url)
    ran = run(capsys, "works")
    assert_in_words(ran, 1)
    assert "base URL" in ran.err

    monkeypatch.delenv("CLAIMDESK_BASE_URL")
    site = tmp_path / "claimdesk.toml"
    site.write_text(f'env = "local"\n[local]\nbase_url = "{url}"\n', encoding="utf-8")
    monkeypatch.setenv("CLAIMDESK_SITE_CONFIG", str(site))
    ran = run(capsys, "works")
    assert_in_words(ran, 1)
    assert "base URL" in ran.err


def test_a_doi_longer_than_any_real_doi_is_refused_before_any_request(
    capsys: pytest.CaptureFixture[str], sandbox: Sandbox
) -> None:
    sandbox.stats.reset()
    ran = run(capsys, "claim", "--orcid", DEMO_ORCID, "10.1234/" + "x" * 65_000, *env_args(sandbox))
    assert_in_words(ran, 1)
    assert "longer than any real DOI" in ran.err
    assert sandbox.stats.count() == 0


@pytest.mark.parametrize("mailto", ["me@example.org\r\nX-Evil: 1", "not an address", "a@b@c"])
def test_a_contact_address_that_would_break_a_header_is_refused(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, mailto: str
) -> None:
    monkeypatch.setenv("CLAIMDESK_MAILTO", mailto)
    ran = run(capsys, "search", "--orcid", DEMO_ORCID, "--env", "local", "--base-url", "http://x")
    assert_in_words(ran, 1)
    assert "mailto must be an e-mail address" in ran.err


# -- class 4: terminal escapes from anything that came from outside ----------------------------


def test_control_characters_in_a_doi_argument_are_shown_escaped(
    capsys: pytest.CaptureFixture[str],
) -> None:
    ran = run(capsys, "claim", "--orcid", DEMO_ORCID, "10.1234/a\x1b]0;owned\x07")
    assert_in_words(ran, 1)
    assert "\\u001b]0;owned\\u0007" in ran.err


def test_remote_titles_in_search_output_cannot_drive_the_terminal(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    sandbox: Sandbox,
    tmp_path: Path,
) -> None:
    monkeypatch.setenv("CLAIMDESK_TOKEN", sandbox.issue_token(DEMO_ORCID))
    template = next(e for e in sandbox.corpus.entries if e.agency == "datacite")
    hostile = dataclasses.replace(template, doi="10.80555/hostile.1", title=HOSTILE_TITLE)
    sandbox.corpus.add(hostile)
    dois = tmp_path / "dois.txt"
    dois.write_text("10.80555/hostile.1\n", encoding="utf-8")

    ran = run(capsys, "search", "--dois", str(dois), "--record", DEMO_ORCID, *env_args(sandbox))

    assert_in_words(ran, 0)
    assert len(ran.out.splitlines()) == 1  # the title's newline did not make a second row
    assert "\\u001b]0;owned\\u0007" in ran.out and "\\u202etxt.exe" in ran.out


def test_inspect_shows_bidi_and_invisible_characters_and_stays_valid_json(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    import json

    body = tmp_path / "error.json"
    body.write_text(
        json.dumps(
            {
                "response-code": 409,
                "developer-message": "x",
                "user-message": "Duplicate \u202etxt.exe\u200b \x1b[2J",
                "error-code": 9021,
                "more-info": "https://members.orcid.org/api/resources/troubleshooting",
            }
        ),
        encoding="utf-8",
    )
    ran = run(capsys, "inspect", str(body))
    assert_in_words(ran, 0)
    assert json.loads(ran.out)["user_message"] == "Duplicate \u202etxt.exe\u200b \x1b[2J"


def test_convert_writes_invisible_characters_as_xml_character_references(
    capsys: pytest.CaptureFixture[str], shared: Path, tmp_path: Path
) -> None:
    import json

    data = json.loads(
        (shared / "fixtures/datacite/doi-10.5438-h5xp-x178.json").read_text(encoding="utf-8")
    )
    data["data"]["attributes"]["titles"] = [{"title": "Right \u202etxt.exe\u200b left"}]
    body = tmp_path / "datacite.json"
    body.write_text(json.dumps(data), encoding="utf-8")

    ran = run(capsys, "convert", str(body))

    assert_in_words(ran, 0)
    assert "Right &#x202e;txt.exe&#x200b; left" in ran.out  # an XML reader sees the same title


# -- class 5: the sign-in listener -------------------------------------------------------------


def _reset(port: int, payload: bytes) -> None:
    """Connect, send ``payload``, and close with a TCP reset (SO_LINGER 0)."""
    with socket.create_connection(("127.0.0.1", port), timeout=2) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        if payload:
            s.sendall(payload)


def test_listener_survives_resets_and_answers_without_state_then_times_out_in_one_line(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    sandbox: Sandbox,
    tmp_path: Path,
) -> None:
    port = free_ports(1)[0]
    settings = register_test_client(sandbox, [port])
    # A site file, not the keyring: a secret stored there would outlive this test.
    site = tmp_path / "claimdesk.toml"
    site.write_text(
        f'env = "local"\n[local]\nbase_url = "{sandbox.base_url}"\n'
        f'client_id = "{settings.client_id}"\nclient_secret = "{settings.client_secret}"\n'
        f'redirect_uris = ["{settings.redirect_uris[0]}"]\n',
        encoding="utf-8",
    )
    monkeypatch.setenv("CLAIMDESK_SITE_CONFIG", str(site))
    pages: list[httpx.Response] = []

    def knock() -> None:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.05)
        for n in range(20):
            _reset(port, b"GET /callback?code=x HTTP/1.1\r\nHost: x\r\n" if n % 2 else b"")
        callback = f"http://127.0.0.1:{port}/callback"
        pages.append(httpx.get(f"{callback}?code=stolen&state=not-ours"))
        pages.append(
            httpx.get(
                callback,
                params={"error": "access_denied", "error_description": "No \x1b]0;owned\x07"},
            )
        )

    knocker = threading.Thread(target=knock)
    knocker.start()
    ran = run(capsys, "login", "--no-browser", "--timeout", "3")
    knocker.join()

    assert_in_words(ran, 1)
    assert "within 3 seconds" in ran.err and "access_denied" in ran.err
    assert "\\u001b]0;owned\\u0007" in ran.err
    assert [p.status_code for p in pages] == [400, 400]
    assert all("Answer ignored" in p.text for p in pages)


# -- class 6: options --------------------------------------------------------------------------

BAD_OPTIONS = [
    ["login", "--timeout", "inf"],
    ["login", "--timeout", "1e308"],
    ["login", "--timeout", "-1"],
    ["login", "--timeout", "0"],
    ["login", "--timeout", "nan"],
    ["history", "--limit", "-5"],
    ["history", "--limit", "0"],
    ["search", "--max", "0", "--orcid", DEMO_ORCID],
    ["claim", "--batch-size", "0", "10.1234/a"],
    ["roundtrip", "--rate", "inf"],
    ["sandbox", "--latency", "nan"],
    ["self-test", "--step-timeout", "inf"],
    ["works", "--env", "nowhere\x1b[2J"],
]


@pytest.mark.parametrize("argv", BAD_OPTIONS, ids=[" ".join(a[:3]) for a in BAD_OPTIONS])
def test_out_of_range_options_are_usage_errors_in_two_lines(
    capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    ran = run(capsys, *argv)
    assert_in_words(ran, 2)
    assert len(ran.err.splitlines()) == 2


@pytest.mark.parametrize("value", ["nan", "inf", "-3", "0", "1e308"])
def test_a_timeout_from_a_variable_must_be_sane(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.setenv("CLAIMDESK_TIMEOUT", value)
    ran = run(capsys, "works", "--env", "local", "--base-url", "http://127.0.0.1:9")
    assert_in_words(ran, 1)
    assert "timeout must be a number of seconds" in ran.err


# -- class 7 and 9, as real processes: redaction at -v -v, Ctrl-C ------------------------------

CLAIMDESK = [sys.executable, "-m", "claimdesk"]


def test_a_rejected_token_never_shows_in_the_debug_log(sandbox: Sandbox, home: Path) -> None:
    token = "rejected" + os.urandom(12).hex()
    env = {**os.environ, "CLAIMDESK_TOKEN": token, "PYTHONUNBUFFERED": "1"}
    done = subprocess.run(
        [*CLAIMDESK, "-v", "-v", "works", "--orcid", DEMO_ORCID, *env_args(sandbox)],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 1
    assert "WWW-Authenticate" in done.stderr or "www-authenticate" in done.stderr
    assert token not in done.stdout + done.stderr
    assert "Traceback" not in done.stderr


def test_ctrl_c_during_a_claim_exits_130_after_saying_what_was_sent(
    sandbox: Sandbox, home: Path
) -> None:
    from claimdesk.claims.status import ClaimState, RecordIndex

    index = RecordIndex.build(sandbox.store.works(DEMO_ORCID), DEMO_CLIENT_ID)
    dois = [
        d for d in sandbox.corpus.dois_of(DEMO_ORCID) if index.status(d).state is ClaimState.ABSENT
    ][:6]
    assert len(dois) >= 3
    sandbox.faults.latency = 0.3
    env = {
        **os.environ,
        "CLAIMDESK_TOKEN": sandbox.issue_token(DEMO_ORCID),
        "PYTHONUNBUFFERED": "1",
    }
    process = subprocess.Popen(
        [
            *CLAIMDESK,
            "claim",
            "--orcid",
            DEMO_ORCID,
            "--batch-size",
            "1",
            *dois,
            *env_args(sandbox),
        ],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stderr is not None
    seen = []
    for line in process.stderr:
        seen.append(line)
        if line.startswith("claimdesk: sent 1 of"):
            process.send_signal(signal.SIGINT)
            break
    out, rest = process.communicate(timeout=60)
    err = "".join(seen) + rest
    assert process.returncode == 130, err
    assert "Traceback" not in err
    assert "cancelled" in err
    assert "claimed" in out


# -- the terminal helpers themselves -----------------------------------------------------------


def test_terminal_helpers_escape_what_hides_or_drives_and_keep_the_rest() -> None:
    import io

    from claimdesk.terminal import SafeStream, install, safe, safe_line, xml_safe

    assert safe("Müller\t∂ 日本\n") == "Müller\t∂ 日本\n"  # ordinary text, tabs and lines stay
    assert safe("a\x1b[2Jb\u202ec\u200bd\x9b") == "a\\u001b[2Jb\\u202ec\\u200bd\\u009b"
    assert safe_line("one\ntwo\r\u2028three") == "one\\u000atwo\\u000d\\u2028three"
    assert xml_safe("<t>x\u202ey</t>".encode()) == b"<t>x&#x202e;y</t>"

    sink = io.StringIO()
    SafeStream(sink).write("title \x1b]0;owned\x07\n")
    assert sink.getvalue() == "title \\u001b]0;owned\\u0007\n"

    saved = sys.stdout, sys.stderr
    try:
        sys.stdout = sys.stderr = None  # type: ignore[assignment]  # a windowed build
        assert install() == (None, None)
        assert sys.stdout is None and sys.stderr is None
    finally:
        sys.stdout, sys.stderr = saved
