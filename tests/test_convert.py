"""DataCite/Crossref metadata → ORCID v3.0 works: XSD-valid, agreeing with orcid_client's oracle
where we mean to, and the ``claimdesk convert`` command."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from claimdesk.orcid.xml import serialize_bulk, serialize_work
from claimdesk.sources import crossref, datacite
from claimdesk.sources.convert import (
    DESCRIPTION_LIMIT,
    TITLE_LIMIT,
    publication_date,
    to_work,
    truncate,
)
from claimdesk.sources.records import DoiRecord, Person

NS = {"work": "http://www.orcid.org/ns/work", "common": "http://www.orcid.org/ns/common"}


def fixture_files(shared: Path) -> list[Path]:
    folder = shared / "fixtures"
    return sorted(
        p
        for p in [*folder.glob("datacite/*.json"), *folder.glob("crossref/*.json")]
        if not p.name.startswith("error-") and "agency" not in p.name
    )


def records_of(path: Path) -> list[DoiRecord]:
    data = json.loads(path.read_text(encoding="utf-8"))
    module = datacite if path.parent.name == "datacite" else crossref
    return module.parse_response(data)


def all_records(shared: Path) -> list[DoiRecord]:
    return [r for path in fixture_files(shared) for r in records_of(path)]


def test_every_fixture_record_converts_to_xsd_valid_work_xml(
    shared: Path, xsd: dict[str, etree.XMLSchema]
) -> None:
    records = all_records(shared)
    assert len(records) >= 130
    for record in records:
        document = etree.fromstring(serialize_work(to_work(record)))
        if not xsd["work"].validate(document):
            pytest.fail(f"{record.doi}: {xsd['work'].error_log.last_error}")


def test_every_fixture_search_page_converts_to_an_xsd_valid_bulk(
    shared: Path, xsd: dict[str, etree.XMLSchema]
) -> None:
    for path in fixture_files(shared):
        records = records_of(path)
        if len(records) > 1:
            document = etree.fromstring(serialize_bulk([to_work(r) for r in records]))
            assert xsd["bulk"].validate(document), (path.name, xsd["bulk"].error_log.last_error)


def _text(root: etree._Element, path: str) -> str | None:
    found = root.find(path, NS)
    return found.text if found is not None else None


def test_agrees_with_orcid_client_oracle_field_by_field(shared: Path) -> None:
    """Where we agree with orcid_client's work.xml, and where we differ on purpose.

    Deliberate differences: type (``blog-post``, which ORCID has, instead of ``other``), the
    short description (kept whole up to ORCID's 5000 characters instead of cut at 2500), and
    additions orcid_client omits (DOI URL, work URL, contributor sequence and role).
    """
    (record,) = records_of(shared / "fixtures/datacite/doi-10.5438-h5xp-x178.json")
    ours = etree.fromstring(serialize_work(to_work(record)))
    oracle = etree.parse(str(shared / "fixtures/orcid/work-expected-10.5438-h5xp-x178.xml"))
    theirs = oracle.getroot()

    for path in (
        "work:title/common:title",
        "work:journal-title",
        "common:publication-date/common:year",
        "common:publication-date/common:month",
        "common:publication-date/common:day",
        "common:external-ids/common:external-id/common:external-id-type",
        "common:external-ids/common:external-id/common:external-id-value",
        "common:external-ids/common:external-id/common:external-id-relationship",
        "work:contributors/work:contributor/common:contributor-orcid/common:path",
        "work:contributors/work:contributor/work:credit-name",
    ):
        assert _text(ours, path) == _text(theirs, path), path
    assert len(ours.findall("work:contributors/work:contributor", NS)) == len(
        theirs.findall("work:contributors/work:contributor", NS)
    )

    # Deliberately different:
    assert _text(theirs, "work:type") == "other"
    assert _text(ours, "work:type") == "blog-post"
    their_description = _text(theirs, "work:short-description") or ""
    our_description = _text(ours, "work:short-description") or ""
    assert their_description.endswith("...") and len(their_description) <= 2503
    assert our_description == record.description and len(our_description) <= DESCRIPTION_LIMIT
    assert our_description.startswith(their_description[:-3])
    assert _text(ours, "common:url") == "https://doi.org/10.5438/h5xp-x178"


def test_crossref_article_work_fields(shared: Path) -> None:
    (record,) = records_of(shared / "fixtures/crossref/work-10.1136-esmoopen-2020-000776.json")
    work = to_work(record)
    assert work.type == "journal-article"
    assert work.journal_title == record.container_title
    assert work.url == "https://doi.org/10.1136/esmoopen-2020-000776"
    ids = {(e.type, e.value, e.relationship) for e in work.external_ids}
    assert ("doi", "10.1136/esmoopen-2020-000776", "self") in ids
    assert {rel for kind, _, rel in ids if kind == "issn"} == {"part-of"}
    with_orcid = [c for c in work.contributors if c.orcid]
    assert len(with_orcid) == 2
    assert work.contributors[0].sequence == "first"
    assert {c.role for c in work.contributors} == {"author"}


def test_title_is_cut_on_a_word_with_an_ellipsis() -> None:
    long_title = ("word " * 400).strip()
    record = DoiRecord(doi="10.1/x", agency="datacite", source="datacite", title=long_title)
    title = to_work(record).title
    assert len(title) <= TITLE_LIMIT
    assert title.endswith("word…")


def test_truncate_keeps_short_text_and_cuts_long_text_on_a_space() -> None:
    assert truncate("short", 10) == "short"
    assert truncate("alpha beta gamma", 12) == "alpha beta…"


def test_publication_date_outside_orcid_range_is_left_out() -> None:
    assert publication_date((1850, 1, 1)) is None
    assert publication_date(()) is None
    date = publication_date((2020, 5))
    assert date is not None and (date.year, date.month, date.day) == (2020, 5, None)


def test_book_isbn_is_self_and_chapter_isbn_is_part_of() -> None:
    book = DoiRecord(
        doi="10.1/book",
        agency="crossref",
        source="crossref",
        title="B",
        type="edited-book",
        isbns=("9780262033848",),
    )
    chapter = DoiRecord(
        doi="10.1/ch",
        agency="crossref",
        source="crossref",
        title="C",
        type="book-chapter",
        isbns=("9780262033848",),
    )
    assert ("isbn", "self") in {(e.type, e.relationship) for e in to_work(book).external_ids}
    assert ("isbn", "part-of") in {(e.type, e.relationship) for e in to_work(chapter).external_ids}


def test_contributor_roles_and_organisations() -> None:
    record = DoiRecord(
        doi="10.1/x",
        agency="datacite",
        source="datacite",
        title="T",
        type_general="Dataset",
        creators=(
            Person(
                "Ada Lovelace", orcid="0000-0002-1825-0097", roles=("Creator",), sequence="first"
            ),
        ),
        contributors=(
            Person("Bruno Berg", roles=("Editor",)),
            Person("Chiara Castillo", roles=("DataCurator",)),
            Person("Brown University", roles=("HostingInstitution",), name_type="Organizational"),
        ),
    )
    contributors = to_work(record).contributors
    assert [c.credit_name for c in contributors] == [
        "Ada Lovelace",
        "Bruno Berg",
        "Chiara Castillo",
    ]
    assert [c.role for c in contributors] == [
        "author",
        "editor",
        "http://credit.niso.org/contributor-roles/data-curation/",
    ]
    assert contributors[0].orcid == "0000-0002-1825-0097"


def test_untitled_record_still_converts(xsd: dict[str, etree.XMLSchema]) -> None:
    record = DoiRecord(doi="10.1/untitled", agency="crossref", source="crossref")
    document = etree.fromstring(serialize_work(to_work(record)))
    assert xsd["work"].validate(document)


# --- the command -----------------------------------------------------------------------------------


def run_cli(*argv: str) -> int:
    """``claimdesk …`` through the real CLI (cli.main)."""
    from claimdesk import cli

    return cli.main(list(argv))


def test_convert_prints_work_xml_for_one_doi(
    shared: Path, capsysbinary: Any, xsd: dict[str, etree.XMLSchema]
) -> None:
    code = run_cli("convert", str(shared / "fixtures/datacite/doi-10.5061-dryad.781pv.json"))
    out = capsysbinary.readouterr().out
    assert code == 0
    root = etree.fromstring(out)
    assert root.tag == "{http://www.orcid.org/ns/work}work"
    assert xsd["work"].validate(root)
    assert _text(root, "work:type") == "data-set"


def test_convert_prints_bulk_xml_for_a_search_page(
    shared: Path, capsysbinary: Any, xsd: dict[str, etree.XMLSchema]
) -> None:
    code = run_cli("convert", str(shared / "fixtures/crossref/works-query-author.json"))
    out = capsysbinary.readouterr().out
    assert code == 0
    root = etree.fromstring(out)
    assert root.tag == "{http://www.orcid.org/ns/bulk}bulk"
    assert len(root) == 20
    assert xsd["bulk"].validate(root)


@pytest.mark.parametrize(
    "content,words",
    [
        (b"<html><head><title>502 Bad Gateway</title></head></html>", "HTML page"),
        (b"{not json", "not JSON"),
        (b'{"hello": "world"}', "neither a DataCite nor a Crossref"),
        (b'{"data": []}', "no DOI records"),
        # binary input is named as such, not quoted or explained in codec jargon
        (b"\x1f\x8b\x08\x08\x00\x00rest-of-a-gzip-file\xff\xfe", "is binary data (27 bytes)"),
        (b"Resource not found.", "text starting 'Resource not found.'"),
    ],
)
def test_convert_exits_1_with_one_line_on_a_bad_file(
    tmp_path: Path, capsys: Any, content: bytes, words: str
) -> None:
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    assert run_cli("convert", str(path)) == 1
    err = capsys.readouterr().err
    assert words in err and err.count("\n") == 1
    assert "codec" not in err and "char 0" not in err


def test_convert_reports_a_service_error_body(shared: Path, capsys: Any) -> None:
    assert run_cli("convert", str(shared / "fixtures/datacite/error-404-not-found.json")) == 1
    assert "doesn't exist" in capsys.readouterr().err
