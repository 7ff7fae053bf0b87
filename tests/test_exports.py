"""Exports other tools can read: BibTeX, RIS and CSV with authors, types and every identifier.

Each format is read back with a real parser (bibtexparser, rispy, the csv module) and by our own
DOI-list importer, which must find the same DOIs.
"""

from __future__ import annotations

import csv
import io

import bibtexparser
import pytest
import rispy
from bibtexparser import middlewares

from claimdesk.exports.bibtex import bibtex_escape, to_bibtex
from claimdesk.exports.entry import entries
from claimdesk.exports.ris import to_ris
from claimdesk.exports.table import to_csv
from claimdesk.orcid.model import (
    Contributor,
    ExternalId,
    PublicationDate,
    Source,
    Work,
    WorkGroup,
    WorkSummary,
)
from claimdesk.sources.doilist import parse_doi_list


def _group(
    title="Fracture & glaze: 100% of cases",
    kind="journal-article",
    put_code=7,
    doi="10.5555/ABC_1",
    journal="Journal of Psychoceramics",
    extra_ids=(),
):
    ids = (ExternalId("doi", doi, "self"), *extra_ids) if doi else tuple(extra_ids)
    summary = WorkSummary(
        put_code=put_code,
        title=title,
        type=kind,
        external_ids=ids,
        source=Source(client_id="APP-X", name="Crossref"),
        publication_date=PublicationDate(2020, 3, 14),
        journal_title=journal,
        url="https://example.org/a_b",
        display_index=1,
    )
    return WorkGroup(summary.external_ids, (summary,))


def _work(group: WorkGroup, *people: Contributor, subtitle=None, abstract=None) -> Work:
    best = group.preferred
    return Work(
        put_code=best.put_code,
        title=best.title,
        type=best.type,
        external_ids=best.external_ids,
        subtitle=subtitle,
        short_description=abstract,
        contributors=people,
    )


CARBERRY = Contributor(credit_name="Josiah Carberry", orcid="0000-0002-1825-0097", role="author")
NAKAMURA = Contributor(credit_name="Nakamura, Aiko", sequence="additional")
EDITOR = Contributor(credit_name="Ed Itor", role="editor")
CONSORTIUM = Contributor(credit_name="PsychoceramicsConsortium")


@pytest.fixture
def library():
    """Five works of different types, with their full works (contributors) for four."""
    article = _group(extra_ids=(ExternalId("issn", "1234-5678", "part-of"),))
    chapter = _group(
        "On cracked pots", "book-chapter", 8, "10.5555/ch.2", "The Big Book of Pots",
        (ExternalId("isbn", "978-3-16-148410-0", "part-of"),),
    )  # fmt: skip
    dataset = _group("Glaze measurements", "data-set", 9, "10.5061/dryad.x1", "Zenodo")
    thesis = _group("A theory of cracks", "dissertation-thesis", 10, "10.5555/th.3", "Brown U")
    no_doi = _group("Untitled poster", "conference-poster", 11, None, "Pot Con 2020",
                    (ExternalId("handle", "1234/5678", "self"),))  # fmt: skip
    groups = [article, chapter, dataset, thesis, no_doi]
    details = {
        7: _work(article, CARBERRY, NAKAMURA, subtitle="a review", abstract="Cracks & glazes."),
        8: _work(chapter, CARBERRY, EDITOR),
        9: _work(dataset, CONSORTIUM),
        10: _work(thesis, CARBERRY),
    }
    return entries(groups, details)


def _bibtex(text: str):
    lib = bibtexparser.parse_string(
        text,
        append_middleware=[middlewares.LatexDecodingMiddleware(), middlewares.SeparateCoAuthors()],
    )
    assert lib.failed_blocks == []
    return {e.key: (e.entry_type, {f.key: f.value for f in e.fields}) for e in lib.entries}


def test_bibtex_parses_back_with_every_field_we_wrote(library):
    parsed = _bibtex(to_bibtex(library))
    assert list(parsed) == ["carberry2020", "carberry2020a", "psychoceramicsconsortium2020",
                            "carberry2020b", "untitled2020"]  # fmt: skip
    kind, article = parsed["carberry2020"]
    assert kind == "article"
    assert article["author"] == ["Josiah Carberry", "Nakamura, Aiko"]
    assert article["title"] == "Fracture & glaze: 100% of cases: a review"
    assert article["journal"] == "Journal of Psychoceramics"
    assert (article["year"], article["month"]) == ("2020", "3")
    assert article["doi"] == "10.5555/abc_1"
    assert article["url"] == "https://example.org/a_b"
    assert article["issn"] == "1234-5678"
    assert article["abstract"] == "Cracks & glazes."


def test_bibtex_entry_types_and_where_the_container_goes(library):
    parsed = _bibtex(to_bibtex(library))
    kind, chapter = parsed["carberry2020a"]
    assert kind == "incollection" and chapter["booktitle"] == "The Big Book of Pots"
    assert chapter["editor"] == ["Ed Itor"] and chapter["author"] == ["Josiah Carberry"]
    assert chapter["isbn"] == "978-3-16-148410-0"
    kind, dataset = parsed["psychoceramicsconsortium2020"]
    # A data set's journal-title is its publisher, never a booktitle.
    assert kind == "misc" and dataset["publisher"] == "Zenodo" and "booktitle" not in dataset
    assert dataset["author"] == ["PsychoceramicsConsortium"]  # braced: one name, not split
    assert dataset["note"] == "Data set"
    kind, thesis = parsed["carberry2020b"]
    assert kind == "phdthesis" and thesis["school"] == "Brown U"
    kind, poster = parsed["untitled2020"]
    assert kind == "inproceedings" and poster["booktitle"] == "Pot Con 2020"
    assert "author" not in poster  # no full work fetched: no authors invented


def test_bibtex_escapes_latex_specials_but_not_dois_or_urls():
    [entry] = entries([_group()])
    text = to_bibtex([entry])
    assert "title = {Fracture \\& glaze: 100\\% of cases}" in text
    assert "doi = {10.5555/abc_1}" in text  # verbatim, not escaped
    assert "url = {https://example.org/a_b}" in text
    assert bibtex_escape("a_b{c}") == "a\\_b\\{c\\}"


def test_ris_parses_back_with_rispy(library):
    records = rispy.loads(to_ris(library))
    assert [r["type_of_reference"] for r in records] == ["JOUR", "CHAP", "DATA", "THES", "CPAPER"]
    article, chapter, dataset, thesis, poster = records
    assert article["authors"] == ["Josiah Carberry", "Nakamura, Aiko"]
    assert article["title"] == "Fracture & glaze: 100% of cases: a review"
    assert article["short_title"] == "Fracture & glaze: 100% of cases"
    assert article["journal_name"] == article["secondary_title"] == "Journal of Psychoceramics"
    assert article["doi"] == "10.5555/abc_1"
    assert article["urls"] == ["https://example.org/a_b"]
    assert article["issn"] == "1234-5678"
    assert (article["year"], article["date"]) == ("2020", "2020/03/14/")
    assert article["abstract"] == "Cracks & glazes."
    assert article["type_of_work"] == "journal-article"
    assert chapter["secondary_title"] == "The Big Book of Pots"
    assert chapter["secondary_authors"] == ["Ed Itor"]
    assert chapter["issn"] == "978-3-16-148410-0"  # RIS keeps ISBNs in SN too
    assert dataset["publisher"] == "Zenodo" and "secondary_title" not in dataset
    assert thesis["publisher"] == "Brown U"
    assert poster["notes"] == ["handle:1234/5678"] and "doi" not in poster


def test_csv_has_contributors_and_every_identifier(library):
    rows = list(csv.DictReader(io.StringIO(to_csv(library))))
    assert len(rows) == 5
    article, chapter = rows[0], rows[1]
    assert article["title"] == "Fracture & glaze: 100% of cases: a review"
    assert article["contributors"] == "Josiah Carberry (0000-0002-1825-0097); Nakamura, Aiko"
    assert article["doi"] == "10.5555/abc_1"
    assert article["issn"] == "1234-5678"
    assert article["identifiers"] == "doi:10.5555/ABC_1; issn:1234-5678"
    assert (article["year"], article["date"]) == ("2020", "2020-03-14")
    assert (article["source"], article["versions"], article["put_code"]) == ("Crossref", "1", "7")
    assert chapter["isbn"] == "978-3-16-148410-0"
    assert rows[4]["identifiers"] == "handle:1234/5678" and rows[4]["doi"] == ""


def test_csv_has_one_row_per_group_with_the_preferred_version():
    rows = list(
        csv.DictReader(io.StringIO(to_csv(entries([_group(), _group("Other", put_code=8)]))))
    )
    assert [r["title"] for r in rows] == ["Fracture & glaze: 100% of cases", "Other"]
    assert rows[0]["doi"] == "10.5555/abc_1"
    assert rows[0]["source"] == "Crossref"
    assert rows[0]["year"] == "2020"
    assert rows[0]["versions"] == "1"


def test_bibtex_entry_types_keys_escapes_and_authors():
    details = {
        7: Work(
            put_code=7,
            title="x",
            type="journal-article",
            contributors=(Contributor(credit_name="Josiah Carberry"),),
        )
    }
    text = to_bibtex(entries([_group(), _group("Fracture", "data-set", put_code=9)], details))
    assert text.startswith("@article{carberry2020,")
    assert "title = {Fracture \\& glaze: 100\\% of cases}" in text
    assert "author = {Josiah Carberry}" in text
    assert "journal = {Journal of Psychoceramics}" in text
    assert "doi = {10.5555/abc_1}" in text  # verbatim, not escaped
    assert "url = {https://example.org/a_b}" in text
    assert "@misc{fracture2020," in text
    assert bibtex_escape("a_b{c}") == "a\\_b\\{c\\}"


@pytest.mark.parametrize(
    ("fmt", "write"), [("bibtex", to_bibtex), ("ris", to_ris), ("csv", to_csv)]
)
def test_our_doi_list_importer_reads_every_export_back_to_the_same_dois(library, fmt, write):
    expected = ("10.5555/abc_1", "10.5555/ch.2", "10.5061/dryad.x1", "10.5555/th.3")
    found = parse_doi_list(write(library))
    assert found.format == fmt
    assert found.dois == expected
