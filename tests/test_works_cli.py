"""``claimdesk works --bibtex/--ris/--csv``, ``claimdesk edit`` and ``claimdesk delete`` against
the sandbox: the CLI does what the app's Export, Edit and Delete do, with the same refusals."""

from __future__ import annotations

import csv
import json
from dataclasses import replace
from pathlib import Path

import bibtexparser
import pytest
import rispy
from ui_support import OURS, own_work

from claimdesk.cli import main
from claimdesk.exports.entry import entries
from claimdesk.orcid.model import Contributor
from claimdesk.sandbox.seeds import DEMO_CLIENT_ID, DEMO_ORCID
from claimdesk.sandbox.server import Sandbox
from claimdesk.sources.doilist import read_doi_file


@pytest.fixture
def home(home: Path, monkeypatch: pytest.MonkeyPatch, sandbox: Sandbox) -> Path:
    """The test's CLAIMDESK_HOME, with the demo researcher's token in CLAIMDESK_TOKEN."""
    monkeypatch.setenv("CLAIMDESK_TOKEN", sandbox.issue_token(DEMO_ORCID))
    return home


def env_args(sandbox: Sandbox) -> list[str]:
    return ["--env", "local", "--base-url", sandbox.base_url, "--client-id", DEMO_CLIENT_ID]


def _ours(sandbox: Sandbox) -> list:
    return [s for s in sandbox.store.works(DEMO_ORCID).summaries() if s.is_owned_by(DEMO_CLIENT_ID)]


def _others(sandbox: Sandbox) -> list:
    return [
        s for s in sandbox.store.works(DEMO_ORCID).summaries() if not s.is_owned_by(DEMO_CLIENT_ID)
    ]


def test_works_exports_every_group_with_authors_in_three_formats(sandbox, home, tmp_path, capsys):
    authored = replace(
        own_work("Cracks with authors", "10.5555/cli.authored.1"),
        contributors=(Contributor(credit_name="Josiah Carberry", orcid=DEMO_ORCID),),
    )
    sandbox.store.add_work(DEMO_ORCID, authored, OURS)
    groups = sandbox.store.works(DEMO_ORCID).groups
    bib, ris, table = tmp_path / "w.bib", tmp_path / "w.ris", tmp_path / "w.csv"
    sandbox.stats.reset()
    code = main(
        ["works", "--bibtex", str(bib), "--ris", str(ris), "--csv", str(table), "--orcid",
         DEMO_ORCID, *env_args(sandbox)]
    )  # fmt: skip
    assert code == 0
    err = capsys.readouterr().err
    assert "reading authors" in err and f"wrote {len(groups)} works to {bib}" in err
    # the full works are read once, ≤100 a request, for all three files
    assert sandbox.stats.count("GET", f"/v3.0/{DEMO_ORCID}/works/") == -(-len(groups) // 100)
    library = bibtexparser.parse_string(bib.read_text(encoding="utf-8"))
    assert library.failed_blocks == [] and len(library.entries) == len(groups)
    assert any(
        e.fields_dict.get("author") and e.fields_dict["author"].value == "Josiah Carberry"
        for e in library.entries
    )
    assert len(rispy.loads(ris.read_text(encoding="utf-8"))) == len(groups)
    rows = list(csv.DictReader(table.open(encoding="utf-8")))
    assert [r["contributors"] for r in rows if r["title"] == "Cracks with authors"] == [
        f"Josiah Carberry ({DEMO_ORCID})"
    ]
    written = [e.doi for e in entries(groups) if e.doi]
    assert len(written) >= len(groups) - 5  # nearly every group has a DOI
    for path in (bib, ris, table):
        assert read_doi_file(path).dois == tuple(dict.fromkeys(written))


def test_edit_changes_fields_of_our_work(sandbox, home, capsys):
    ours = _ours(sandbox)[0]
    code = main(
        ["edit", str(ours.put_code), "--title", "A better title", "--date", "2019-05",
         "--orcid", DEMO_ORCID, *env_args(sandbox)]
    )  # fmt: skip
    assert code == 0
    assert f"Saved “A better title” (put-code {ours.put_code})" in capsys.readouterr().out
    stored = sandbox.store.get_work(DEMO_ORCID, ours.put_code)
    assert stored.title == "A better title"
    assert (stored.publication_date.year, stored.publication_date.month) == (2019, 5)


def test_edit_replaces_our_work_from_a_json_file(sandbox, home, tmp_path, capsys):
    from claimdesk.orcid import json as orcid_json

    ours = _ours(sandbox)[0]
    work = replace(sandbox.store.get_work(DEMO_ORCID, ours.put_code), title="From a file")
    path = tmp_path / "work.json"
    path.write_bytes(orcid_json.serialize_work(work))
    assert json.loads(path.read_text())  # a real JSON work message
    code = main(["edit", str(ours.put_code), "--from", str(path), "--orcid", DEMO_ORCID,
                 *env_args(sandbox)])  # fmt: skip
    assert code == 0
    assert sandbox.store.get_work(DEMO_ORCID, ours.put_code).title == "From a file"


def test_edit_from_a_file_sends_contributor_ids_as_orcids_schema_wants_them(
    sandbox, home, tmp_path
):
    """A work file written by hand may give an iD as a URL or with a small x (issue 10, item 5)."""
    ours = _ours(sandbox)[0]
    people = (
        Contributor(credit_name="As a URL", orcid="https://orcid.org/0000-0002-1825-0097"),
        Contributor(credit_name="Small x", orcid="0000-0002-1694-233x"),
    )
    work = replace(sandbox.store.get_work(DEMO_ORCID, ours.put_code), contributors=people)
    text = json.dumps(
        {
            "title": {"title": {"value": work.title}},
            "type": work.type,
            "external-ids": {
                "external-id": [
                    {"external-id-type": e.type, "external-id-value": e.value,
                     "external-id-relationship": e.relationship}
                    for e in work.external_ids
                ]
            },
            "contributors": {
                "contributor": [
                    {"contributor-orcid": {"path": p.orcid}, "credit-name": {"value": p.credit_name}}
                    for p in people
                ]
            },
        }
    )  # fmt: skip
    path = tmp_path / "work.json"
    path.write_text(text)
    code = main(["edit", str(ours.put_code), "--from", str(path), "--orcid", DEMO_ORCID,
                 *env_args(sandbox)])  # fmt: skip
    assert code == 0
    stored = sandbox.store.get_work(DEMO_ORCID, ours.put_code)
    assert [c.orcid for c in stored.contributors] == ["0000-0002-1825-0097", "0000-0002-1694-233X"]


def test_edit_refuses_another_sources_work_and_sends_no_write(sandbox, home, capsys):
    other = _others(sandbox)[0]
    sandbox.stats.reset()
    code = main(["edit", str(other.put_code), "--title", "Mine now", "--orcid", DEMO_ORCID,
                 *env_args(sandbox)])  # fmt: skip
    assert code == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "only changes works it added" in err  # one line
    assert sandbox.stats.count("PUT") == 0
    assert sandbox.store.get_work(DEMO_ORCID, other.put_code).title == other.title


def test_edit_says_what_orcid_would_refuse_before_sending(sandbox, home, capsys):
    ours = _ours(sandbox)[0]
    sandbox.stats.reset()
    code = main(["edit", str(ours.put_code), "--url", "ftp://example.org/x", "--orcid",
                 DEMO_ORCID, *env_args(sandbox)])  # fmt: skip
    assert code == 1
    assert "http:// or https://" in capsys.readouterr().err
    assert sandbox.stats.count("PUT") == 0


def test_delete_removes_our_works_one_line_each(sandbox, home, capsys):
    first, second = _ours(sandbox)[:2]
    code = main(["delete", str(first.put_code), str(second.put_code), "--orcid", DEMO_ORCID,
                 *env_args(sandbox)])  # fmt: skip
    assert code == 0
    out = capsys.readouterr().out.splitlines()
    assert out == [
        f"deleted  {first.put_code}  {first.title}",
        f"deleted  {second.put_code}  {second.title}",
    ]
    assert sandbox.store.get_work(DEMO_ORCID, first.put_code) is None
    assert sandbox.store.get_work(DEMO_ORCID, second.put_code) is None


def test_delete_refuses_a_selection_with_another_sources_work_sending_nothing(
    sandbox, home, capsys
):
    ours, other = _ours(sandbox)[0], _others(sandbox)[0]
    sandbox.stats.reset()
    code = main(["delete", str(ours.put_code), str(other.put_code), "--orcid", DEMO_ORCID,
                 *env_args(sandbox)])  # fmt: skip
    assert code == 1
    err = capsys.readouterr().err
    assert "only changes works it added" in err and "nothing was sent" in err
    assert sandbox.stats.count("DELETE") == 0
    assert sandbox.store.get_work(DEMO_ORCID, ours.put_code) is not None


def test_delete_of_an_unknown_put_code_deletes_nothing(sandbox, home, capsys):
    ours = _ours(sandbox)[0]
    code = main(["delete", str(ours.put_code), "999999", "--orcid", DEMO_ORCID,
                 *env_args(sandbox)])  # fmt: skip
    assert code == 1
    assert "No work with put-code 999999" in capsys.readouterr().err
    assert sandbox.store.get_work(DEMO_ORCID, ours.put_code) is not None


def test_a_put_code_must_be_a_number(sandbox, home, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["delete", "abc", *env_args(sandbox)])
    assert exit_.value.code == 2


def test_works_public_exports_without_a_sign_in(sandbox, home, tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("CLAIMDESK_TOKEN", raising=False)
    authored = replace(
        own_work("Public cracks with authors", "10.5555/cli.public.1"),
        contributors=(Contributor(credit_name="Josiah Carberry", orcid=DEMO_ORCID),),
    )
    sandbox.store.add_work(DEMO_ORCID, authored, OURS)
    ris = tmp_path / "public.ris"
    code = main(["works", "--public", "--orcid", DEMO_ORCID, "--ris", str(ris), "--env", "local",
                 "--base-url", sandbox.base_url])  # fmt: skip
    assert code == 0, capsys.readouterr().err
    records = rispy.loads(ris.read_text(encoding="utf-8"))
    assert [r.get("authors") for r in records if r["title"] == "Public cracks with authors"] == [
        ["Josiah Carberry"]
    ]
