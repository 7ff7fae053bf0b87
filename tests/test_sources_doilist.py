"""DOI lists: pasted text, CSV, RIS and BibTeX; resolved DataCite first, Crossref otherwise."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import httpx
import pytest

from claimdesk.config import Settings
from claimdesk.sources.doilist import detect_format, parse_doi_list, read_doi_file, resolve_dois

TEXT = """\
# my DOIs
10.5438/H5XP-X178
https://doi.org/10.1039/c5ee02393a
doi:10.1136/esmoopen-2020-000776.
see http://dx.doi.org/10.1002/(SICI)1097-4636(199706)35:3<285::AID-JBM2>3.0.CO;2-N and more
not a doi at all
10.5438/h5xp-x178
"""

CSV = """\
title,DOI,year
"Cool DOI's",https://doi.org/10.5438/h5xp-x178,2016
"Multijunction Si photocathodes, with a comma",10.1039/C5EE02393A,2016
"No DOI here",,2020
"""

RIS = """\
TY  - JOUR
TI  - Multijunction Si photocathodes
DO  - 10.1039/c5ee02393a
N2  - This abstract cites 10.9999/not-this-one which is not the record's DOI.
ER  -

TY  - DATA
TI  - Cool DOI's
UR  - https://doi.org/10.5438/h5xp-x178
ER  -
"""

BIBTEX = """\
@article{urbain2016,
  title = {Multijunction Si photocathodes},
  doi = {10.1039/c5ee02393a},
  note = {Compare 10.9999/not-this-one},
}
@misc{fenner2016,
  title = {Cool DOI's},
  url = {https://doi.org/10.5438/H5XP-X178}
}
@book{nodoi, title = {A book without a DOI}}
"""


def test_plain_text_takes_every_doi_in_any_form() -> None:
    parsed = parse_doi_list(TEXT)
    assert parsed.format == "text"
    assert parsed.dois == (
        "10.5438/h5xp-x178",
        "10.1039/c5ee02393a",
        "10.1136/esmoopen-2020-000776",
        "10.1002/(sici)1097-4636(199706)35:3<285::aid-jbm2>3.0.co;2-n",
    )
    assert parsed.skipped == ((6, "not a doi at all"),)


def test_csv_uses_the_doi_column() -> None:
    parsed = parse_doi_list(CSV)
    assert parsed.format == "csv"
    assert parsed.dois == ("10.5438/h5xp-x178", "10.1039/c5ee02393a")
    assert [line for line, _ in parsed.skipped] == [4]


def test_ris_reads_do_and_doi_urls_not_abstracts() -> None:
    parsed = parse_doi_list(RIS)
    assert parsed.format == "ris"
    assert parsed.dois == ("10.1039/c5ee02393a", "10.5438/h5xp-x178")


def test_bibtex_reads_doi_fields_and_doi_urls_not_notes() -> None:
    parsed = parse_doi_list(BIBTEX)
    assert parsed.format == "bibtex"
    assert parsed.dois == ("10.1039/c5ee02393a", "10.5438/h5xp-x178")


@pytest.mark.parametrize(
    "text,fmt", [(TEXT, "text"), (CSV, "csv"), (RIS, "ris"), (BIBTEX, "bibtex")]
)
def test_format_is_detected_from_the_contents(text: str, fmt: str) -> None:
    assert detect_format(text) == fmt


def test_files_with_a_byte_order_mark_are_read(tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    path.write_bytes("\ufeff".encode() + CSV.encode())
    assert read_doi_file(path).dois == ("10.5438/h5xp-x178", "10.1039/c5ee02393a")


# --- resolving against the sandbox ----------------------------------------------------------------


def settings_for(sandbox: Any) -> Settings:
    return Settings(endpoints=sandbox.endpoints, mailto="tests@example.org", timeout=5)


def test_resolve_asks_datacite_first_then_crossref_and_lists_unknown_dois(sandbox: Any) -> None:
    corpus = sandbox.corpus
    datacite_doi = next(e.doi for e in corpus.entries if e.agency == "datacite")
    crossref_doi = next(e.doi for e in corpus.entries if e.agency == "crossref")
    unknown = "10.5555/does-not-exist"
    sandbox.stats.reset()
    progress: list[tuple[int, int]] = []
    result = resolve_dois(
        settings_for(sandbox),
        [datacite_doi.upper(), f"https://doi.org/{crossref_doi}", unknown],
        on_progress=lambda done, total: progress.append((done, total)),
    )
    assert [r.doi for r in result.records] == [datacite_doi, crossref_doi]
    assert [r.source for r in result.records] == ["datacite", "crossref"]
    assert result.unknown == (unknown,)  # Crossref's 404 is plain text, not an error
    assert result.failed == {}
    assert sorted(progress)[-1] == (3, 3)
    # the DataCite DOI was not looked up at Crossref
    assert sandbox.stats.count(path_prefix="/crossref") == 2
    assert sandbox.stats.count(path_prefix="/datacite") == 3


def test_crossref_404_plain_text_means_unknown_not_failed(sandbox: Any) -> None:
    response = httpx.get(f"{sandbox.base_url}/crossref/works/10.5555/nothing-here")
    assert response.status_code == 404
    assert response.text == "Resource not found."
    result = resolve_dois(settings_for(sandbox), ["10.5555/nothing-here"])
    assert result.unknown == ("10.5555/nothing-here",) and not result.records


def test_a_failing_service_makes_a_doi_failed_not_unknown(sandbox: Any) -> None:
    sandbox.faults.fail_next(500, count=1, path_prefix="/datacite")
    result = resolve_dois(settings_for(sandbox), ["10.5555/nothing-here"])
    assert result.unknown == ()
    (errors,) = result.failed.values()
    assert "DataCite: server error (HTTP 500)" in str(errors[0])


def test_resolve_can_be_cancelled(sandbox: Any) -> None:
    cancel = threading.Event()
    cancel.set()
    result = resolve_dois(settings_for(sandbox), ["10.5555/a", "10.5555/b"], cancel=cancel)
    assert result.cancelled and not result.records and not result.unknown
