"""Every reader and every command that reads a file or a body, fed generated malformed input.

Hypothesis takes real bodies (ORCID's JSON and XML samples, DataCite and Crossref answers) and
breaks them the ways a bad server, a bad proxy or a bad file would: a field of the wrong type, a
value that is a number of 5,000 digits, arrays nested 100,000 deep, a body cut short, binary
bytes. A reader must answer with the model or with a ClaimdeskError that says what is wrong; a
command must exit 0 or 1 with at most three lines on stderr and no traceback. The inputs no
reader should load whole (a huge file, ``/dev/zero``, endless stdin) run the real command in a
child process under an address-space limit, so "bounded memory" is checked, not hoped for.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from claimdesk.cli import main
from claimdesk.commands.convert import read_records
from claimdesk.errors import ClaimdeskError
from claimdesk.orcid import codec
from claimdesk.orcid import json as json_codec
from claimdesk.orcid import xml as xml_codec
from claimdesk.orcid.dropped import Dropped
from claimdesk.sources.doilist import decode_text, parse_doi_list

SHARED = Path(__file__).resolve().parents[2] / "shared"
SAMPLES = SHARED / "orcid-model" / "record_3.0" / "samples"
JSON_BODIES = {
    "works": SHARED / "fixtures/orcid/v3.0-works-sandbox-0000-0001-6528-2027.json",
    "work": SAMPLES / "write_samples/work-full-3.0.json",
    "bulk": SAMPLES / "write_samples/bulk-work-3.0.json",
    "error": SHARED / "fixtures/orcid/error-401-invalid-token.json",
    "datacite": SHARED / "fixtures/datacite/doi-10.5438-h5xp-x178.json",
    "datacite-page": SHARED / "fixtures/datacite/dois-search-person-orcid-in-contributors.json",
    "crossref": SHARED / "fixtures/crossref/work-10.1039-c5ee02393a.json",
    "crossref-page": SHARED / "fixtures/crossref/works-query-author.json",
}
XML_BODIES = {
    "works": SAMPLES / "read_samples/works-3.0.xml",
    "work": SAMPLES / "write_samples/work-full-3.0.xml",
    "bulk": SAMPLES / "read_samples/bulk-work-err.xml",
    "error": SHARED / "fixtures/orcid/error-403-9038-delete-work.xml",
}
#: What a child process may map: far more than any honest input needs, far less than loading
#: /dev/zero or a 200 MB file the naive way (which went past 5 GB).
ADDRESS_SPACE = 1536 * 1024 * 1024
FAST = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True
)
#: For the commands: capsys is read (and so emptied) after every example.
COMMANDS = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    derandomize=True,
)

# -- breaking JSON -------------------------------------------------------------------------------

_HUGE = "\x00HUGE\x00"

_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=20),
    st.just(_HUGE),  # becomes a number past int()'s 4,300-digit limit
)
_values = st.recursive(
    _scalars,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)


def _paths(value: Any, here: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place in a JSON value, as the keys and indices that lead to it."""
    found = [here]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*here, key))
    elif isinstance(value, list):
        for index, item in enumerate(value[:3]):
            found += _paths(item, (*here, index))
    return found


def _replace(value: Any, path: tuple[Any, ...], new: Any) -> Any:
    if not path:
        return new
    head, rest = path[0], path[1:]
    if isinstance(value, dict):
        return {k: _replace(v, rest, new) if k == head else v for k, v in value.items()}
    return [_replace(v, rest, new) if i == head else v for i, v in enumerate(value)]


def _dump(value: Any) -> bytes:
    body = json.dumps(value, ensure_ascii=False).encode("utf-8", "surrogatepass")
    return body.replace(b'"\\u0000HUGE\\u0000"', b"1" + b"0" * 5000)


@st.composite
def broken_json(draw: st.DrawFn, names: tuple[str, ...] = tuple(JSON_BODIES)) -> bytes:
    """A real body with one place replaced by a random value, or cut, or nested to death."""
    name = draw(st.sampled_from(names))
    original = json.loads(JSON_BODIES[name].read_bytes())
    how = draw(st.sampled_from(["replace", "replace", "replace", "cut", "deep", "bytes"]))
    if how == "replace":
        path = draw(st.sampled_from(_paths(original)))
        return _dump(_replace(original, path, draw(_values)))
    body = _dump(original)
    if how == "cut":
        return body[: draw(st.integers(0, len(body) - 1))]
    if how == "deep":
        path = draw(st.sampled_from(_paths(original)))
        marker = _dump(_replace(original, path, "\x00DEEP\x00"))
        return marker.replace(b'"\\u0000DEEP\\u0000"', b"[" * 50_000 + b"]" * 50_000)
    noise = draw(st.binary(min_size=1, max_size=64))
    at = draw(st.integers(0, len(body)))
    return body[:at] + noise + body[at:]


@st.composite
def broken_xml(draw: st.DrawFn) -> bytes:
    """A real ORCID XML body with an element's text, an element or the end broken."""
    name = draw(st.sampled_from(tuple(XML_BODIES)))
    body = XML_BODIES[name].read_bytes()
    root = etree.fromstring(body)
    elements = list(root.iter())
    target = draw(st.sampled_from(elements))
    how = draw(st.sampled_from(["text", "text", "drop", "nest", "cut", "bytes", "attr"]))
    if how == "text":
        target.text = draw(st.sampled_from(["", " ", "x", "-1", "9" * 5000, "２０１９", "\u202e"]))
    elif how == "drop" and target is not root:
        target.getparent().remove(target)
    elif how == "nest":
        inner = target
        for _ in range(draw(st.integers(1, 300))):
            inner = etree.SubElement(inner, target.tag)
    elif how == "attr":
        target.set("put-code", draw(st.sampled_from(["", "x", "1" * 5000, "-5"])))
    body = etree.tostring(root)
    if how == "cut":
        return body[: draw(st.integers(0, len(body) - 1))]
    if how == "bytes":
        at = draw(st.integers(0, len(body)))
        return body[:at] + draw(st.binary(min_size=1, max_size=32)) + body[at:]
    return body


# -- readers -------------------------------------------------------------------------------------


def _reads_or_says_why(read: Any, body: bytes) -> None:
    try:
        read(body)
    except ClaimdeskError as err:
        assert err.message and "\n" not in err.message, err.message


@FAST
@given(broken_json(("works", "work", "bulk", "error")))
def test_orcid_json_readers_answer_or_say_why(body: bytes) -> None:
    for read in (
        json_codec.parse,
        json_codec.parse_works,
        json_codec.parse_work,
        json_codec.parse_bulk,
        json_codec.parse_error,
        codec.decode,
    ):
        _reads_or_says_why(read, body)


@FAST
@given(broken_xml())
def test_orcid_xml_readers_answer_or_say_why(body: bytes) -> None:
    for read in (xml_codec.parse, xml_codec.parse_works, xml_codec.parse_work, codec.decode):
        _reads_or_says_why(read, body)


@FAST
@given(broken_json(("datacite", "datacite-page", "crossref", "crossref-page")))
def test_datacite_and_crossref_readers_answer_or_say_why(body: bytes) -> None:
    _reads_or_says_why(read_records, body)


@FAST
@given(
    st.binary(max_size=2000) | st.text(max_size=2000).map(lambda t: t.encode("utf-8", "replace"))
)
def test_doi_lists_answer_or_say_why(raw: bytes) -> None:
    parse_doi_list(decode_text(raw))


def test_a_wrong_field_is_named_in_json_and_in_xml() -> None:
    with pytest.raises(ClaimdeskError, match=r"group\[0\]\.work-summary\[0\]\.put-code"):
        json_codec.parse_works(b'{"group": [{"work-summary": [{"put-code": {"value": 1}}]}]}')


def test_binary_orcid_body_is_called_binary_not_truncated_xml() -> None:
    body = b"<" + bytes(range(256)) * 8
    with pytest.raises(ClaimdeskError, match="binary data"):
        codec.decode(body, codec.XML)


def test_xml_values_that_cannot_be_read_are_left_out_and_counted() -> None:
    root = etree.fromstring(XML_BODIES["works"].read_bytes())
    for year in root.iter(f"{{{xml_codec.NS_COMMON}}}year"):
        year.text = "n.d."
    dropped = Dropped()

    works = xml_codec.parse_works(etree.tostring(root), dropped)

    assert all(s.publication_date is None or s.year is None for s in works.summaries())
    assert "publication year that is not a number (2, e.g. 'n.d.')" in (dropped.summary() or "")


# -- commands ------------------------------------------------------------------------------------


def _command(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    # Progress ("looking up 2 DOIs…", "looked up 2 of 2 DOIs") is not a complaint.
    said = [line for line in err.strip().splitlines() if not line.startswith("claimdesk: look")]
    assert code in (0, 1), (code, err)
    assert "Traceback" not in err and len(said) <= 3, err
    return code, out, err


@COMMANDS
@given(body=broken_json() | broken_xml())
def test_inspect_and_convert_exit_0_or_1_in_three_lines(
    body: bytes, tmp_path_factory: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path_factory.mktemp("hostile") / "body"
    path.write_bytes(body)
    for command in ("inspect", "convert"):
        _command(capsys, command, str(path))


@COMMANDS
@given(raw=st.binary(max_size=300) | broken_json(("datacite",)))
def test_claim_from_a_broken_doi_list_exits_0_or_1(
    raw: bytes, tmp_path_factory: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path_factory.mktemp("hostile") / "dois.txt"
    path.write_bytes(raw)
    # No DOI in it, or binary: refused before any request; DOIs: a dry run against no server
    # fails in one line too.
    _command(
        capsys, "claim", "--from", str(path), "--dry-run", "--env", "local",
        "--base-url", "http://127.0.0.1:9", "--orcid", "0000-0002-1825-0097",
    )  # fmt: skip


def test_inspect_says_what_was_dropped_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    works = json.loads(JSON_BODIES["works"].read_bytes())
    for group in works["group"]:
        for summary in group["work-summary"]:
            summary["put-code"] = "n/a"
    path = tmp_path / "works.json"
    path.write_bytes(_dump(works))

    code, out, err = _command(capsys, "inspect", str(path))

    assert code == 0 and json.loads(out)["kind"] == "works"
    assert err.count("put-code that is not a number") == 1


# -- bounded memory: real processes under an address-space limit --------------------------------


def _limited() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE, ADDRESS_SPACE))


def _run(*argv: str, stdin: Any = subprocess.DEVNULL, timeout: float = 60) -> tuple[int, str]:
    env = {**os.environ, "PYTHONFAULTHANDLER": ""}
    done = subprocess.run(
        [sys.executable, "-m", "claimdesk", *argv],
        stdin=stdin,
        capture_output=True,
        timeout=timeout,
        preexec_fn=_limited,
        env=env,
    )
    err = done.stderr.decode("utf-8", "replace")
    assert done.returncode in (0, 1), (done.returncode, err[-2000:])
    assert "Traceback" not in err and len(err.strip().splitlines()) <= 3, err[-2000:]
    return done.returncode, err


@pytest.mark.parametrize("command", ["inspect", "convert"])
def test_dev_zero_is_refused_in_bounded_memory(command: str) -> None:
    code, err = _run(command, "/dev/zero")
    assert code == 1 and "binary data" in err


@pytest.mark.parametrize("argv", [["inspect", "-"], ["convert", "-"], ["search", "--dois", "-"]])
def test_endless_stdin_is_refused_in_bounded_memory(argv: list[str]) -> None:
    endless = subprocess.Popen(["yes", '{"group": [10.1234/abc'], stdout=subprocess.PIPE)
    try:
        code, err = _run(*argv, stdin=endless.stdout)
    finally:
        endless.kill()
        endless.wait()
    assert code == 1 and "MB" in err and "split" in err


def test_a_huge_file_is_refused_with_the_limit_and_how_to_split_it(tmp_path: Path) -> None:
    path = tmp_path / "huge.json"
    with path.open("wb") as handle:
        handle.truncate(300 * 1024 * 1024)  # sparse: costs no disk
        handle.seek(0)
        handle.write(b'{"group": [')
    code, err = _run("inspect", str(path))
    assert code == 1 and "MB" in err and "split" in err


# -- bodies a server sends -------------------------------------------------------------------


class _HostileServer:
    """A server on 127.0.0.1 that answers every GET with ``body`` (what a broken ORCID, DataCite
    or Crossref, or a proxy in front of them, might send)."""

    def __init__(self) -> None:
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

        owner = self
        self.body = b""
        self.content_type = "application/json"
        self.endless = False  # repeat the body until the client hangs up, with no length

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (the stdlib's name)
                self.send_response(200)
                self.send_header("Content-Type", owner.content_type)
                if not owner.endless:
                    self.send_header("Content-Length", str(len(owner.body)))
                    self.end_headers()
                    self.wfile.write(owner.body)
                    return
                self.send_header("Connection", "close")
                self.end_headers()
                try:
                    while True:
                        self.wfile.write(owner.body)
                except OSError:
                    pass  # the client stopped reading, as it should

            def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        import threading

        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()


@pytest.fixture(scope="module")
def hostile_server() -> Any:
    server = _HostileServer()
    yield server
    server.close()


@COMMANDS
@given(body=broken_json(("works", "error")) | broken_xml())
def test_works_command_with_a_broken_orcid_answer_exits_0_or_1(
    body: bytes, hostile_server: _HostileServer, capsys: pytest.CaptureFixture[str]
) -> None:
    hostile_server.body = body
    hostile_server.content_type = codec.XML if body.lstrip()[:1] == b"<" else codec.JSON
    os.environ["CLAIMDESK_TOKEN"] = "hostile-test-token"
    try:
        _command(
            capsys, "works", "--env", "local", "--base-url", hostile_server.url,
            "--orcid", "0000-0002-1825-0097",
        )  # fmt: skip
    finally:
        del os.environ["CLAIMDESK_TOKEN"]


@COMMANDS
@given(body=broken_json(("datacite", "datacite-page", "crossref", "crossref-page")))
def test_search_dois_with_broken_metadata_answers_exits_0_or_1(
    body: bytes,
    hostile_server: _HostileServer,
    capsys: pytest.CaptureFixture[str],
    tmp_path_factory: Any,
) -> None:
    hostile_server.body = body
    hostile_server.content_type = "application/json"
    dois = tmp_path_factory.mktemp("dois") / "dois.txt"
    dois.write_text("10.5438/h5xp-x178\n10.1039/c5ee02393a\n")
    _command(
        capsys, "search", "--dois", str(dois), "--env", "local", "--base-url", hostile_server.url,
    )  # fmt: skip


def test_an_endless_answer_is_cut_at_the_body_limit(hostile_server: _HostileServer) -> None:
    from claimdesk.config import load_settings
    from claimdesk.orcid.client import OrcidClient

    hostile_server.body = b'{"group": [' + b" " * 65_536
    hostile_server.endless = True
    settings = load_settings(env="local", base_url=hostile_server.url)
    try:
        with (
            pytest.raises(ClaimdeskError, match="more than 64 MB"),
            OrcidClient(settings, "0000-0002-1825-0097", "token") as client,
        ):
            client.read_works()
    finally:
        hostile_server.endless = False


def test_convert_says_which_items_it_left_out_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = json.loads(JSON_BODIES["datacite-page"].read_bytes())
    page["data"][0] = {"type": "dois", "attributes": {"doi": 42}}
    page["data"][1] = "not a record"
    path = tmp_path / "page.json"
    path.write_bytes(_dump(page))

    code, out, err = _command(capsys, "convert", str(path))

    assert code == 0 and out.startswith("<?xml")
    assert err.count("\n") == 1 and "item that is not a record with a valid DOI (2)" in err
