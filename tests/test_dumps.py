"""The public data files: the sandbox writes them, ``dumps ingest`` reads them into Parquet, and
``roundtrip --dumps`` answers from them with DuckDB — the same pairs as the API round trip."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from curator_support import curator_settings

pytest.importorskip("duckdb")
pytest.importorskip("pyarrow")

from claimdesk.cli import main  # noqa: E402
from claimdesk.curator.roundtrip import RoundTripInput, run_roundtrip  # noqa: E402
from claimdesk.dumps import extra  # noqa: E402
from claimdesk.dumps.ingest import MANIFEST, IngestProgress, ingest  # noqa: E402
from claimdesk.dumps.query import (  # noqa: E402
    ONLY_CONTRIBUTOR,
    VERSION_OF_ITSELF,
    WRITTEN_BARE,
    WRITTEN_HTTP,
    DumpTables,
)
from claimdesk.dumps.records import BAD_CHECKSUM, NOT_AN_ORCID, OUTSIDE_RANGES  # noqa: E402
from claimdesk.dumps.tables import TABLES, glob  # noqa: E402
from claimdesk.sandbox.curator_seed import CURATOR_REPOSITORY_ID  # noqa: E402
from claimdesk.sandbox.dumps import DumpFiles, write_dumps  # noqa: E402
from claimdesk.sandbox.server import Sandbox  # noqa: E402

DOIS = 160
REPOSITORY = RoundTripInput(repository=CURATOR_REPOSITORY_ID)


@pytest.fixture(scope="module")
def sb() -> Iterator[Sandbox]:
    with Sandbox(seed="curator", dois=DOIS) as sandbox:
        yield sandbox


@pytest.fixture(scope="module")
def files(sb: Sandbox, tmp_path_factory: pytest.TempPathFactory) -> DumpFiles:
    assert sb.seed_result.curator is not None
    return write_dumps(sb.seed_result.curator, tmp_path_factory.mktemp("files"))


@pytest.fixture(scope="module")
def pool() -> Iterator[ProcessPoolExecutor]:
    with ProcessPoolExecutor(max_workers=2) as executor:
        yield executor


@pytest.fixture(scope="module")
def tables(
    files: DumpFiles, pool: ProcessPoolExecutor, tmp_path_factory: pytest.TempPathFactory
) -> Path:
    out = tmp_path_factory.mktemp("tables")
    ingest([files.orcid], [files.datacite], out, executor=pool, workers=2, chunk_records=40)
    return out


def contents(out: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every table's rows, sorted: what two ingests must agree on."""
    import duckdb

    with duckdb.connect() as db:
        return {
            table: sorted(
                db.execute(
                    f"SELECT * FROM read_parquet('{glob(out, table)}', hive_partitioning = true)"
                ).fetchall(),
                key=repr,
            )
            for table in TABLES
        }


def pairs(rows: Any) -> set[tuple[str, str, str, tuple[str, ...]]]:
    return {(r.doi, r.orcid, r.category, r.sources) for r in rows}


def test_dump_round_trip_finds_the_same_pairs_as_the_api_round_trip(
    sb: Sandbox, tables: Path, tmp_path: Path
) -> None:
    api = run_roundtrip(
        curator_settings(sb), REPOSITORY, state_path=tmp_path / "s", rate=1000.0, burst=100
    )

    with DumpTables(tables, REPOSITORY) as dumps:
        from_dumps = list(dumps.rows())
        summary = dumps.summary()

    assert pairs(from_dumps) == pairs(api.rows) and len(from_dumps) == len(api.rows)
    assert summary == api.summary
    assert summary.neither > 0  # the fourth state turns up in the seed


def test_a_doi_list_and_a_prefix_select_their_dois(tables: Path, files: DumpFiles) -> None:
    with DumpTables(tables, RoundTripInput(repository=CURATOR_REPOSITORY_ID)) as dumps:
        everything = list(dumps.rows())
    chosen = sorted({r.doi for r in everything})[:5]
    listed = RoundTripInput(dois=(*(f"https://doi.org/{d.upper()}" for d in chosen), "10.1/nope"))

    with DumpTables(tables, listed) as dumps:
        rows = list(dumps.rows())
        assert dumps.without_metadata == ["10.1/nope"]
        assert dumps.summary().dois == 6
    with DumpTables(tables, RoundTripInput(prefix="10.83001/")) as dumps:
        assert pairs(dumps.rows()) == pairs(everything)

    assert pairs(rows) == {p for p in pairs(everything) if p[0] in chosen}


def test_ingest_resumes_where_it_was_stopped_and_ends_with_the_same_tables(
    files: DumpFiles, tables: Path, pool: ProcessPoolExecutor, tmp_path: Path
) -> None:
    cancel = threading.Event()
    seen: list[IngestProgress] = []

    def stop_early(progress: IngestProgress) -> None:
        seen.append(progress)
        if progress.records >= 60:
            cancel.set()

    out = tmp_path / "t"
    first = ingest(
        [files.orcid], [files.datacite], out, executor=pool, workers=2,
        chunk_records=40, on_progress=stop_early, cancel=cancel,
    )  # fmt: skip
    assert not first.complete and first.chunks_written > 0
    assert seen[0].rate > 0 and seen[0].bytes_total > 0 and seen[0].eta is not None
    with (out / MANIFEST).open("a", encoding="utf-8") as manifest:
        manifest.write('{"key": "orcid-0-0000')  # a kill in the middle of a line

    second = ingest(
        [files.orcid], [files.datacite], out, executor=pool, workers=2, chunk_records=40
    )

    assert second.complete and second.chunks_skipped == first.chunks_written
    assert contents(out) == contents(tables)


def test_ingest_refuses_to_resume_with_another_chunk_size(
    files: DumpFiles, tables: Path, pool: ProcessPoolExecutor
) -> None:
    from claimdesk.errors import ConfigError

    with pytest.raises(ConfigError, match="another chunk size"):
        ingest([files.orcid], [files.datacite], tables, executor=pool, workers=2, chunk_records=7)


def test_a_dask_cluster_of_several_processes_writes_the_same_tables(
    files: DumpFiles, tables: Path, tmp_path: Path
) -> None:
    distributed = pytest.importorskip("distributed")

    with (
        distributed.LocalCluster(
            n_workers=3, threads_per_worker=1, processes=True, dashboard_address=":0",
            host="127.0.0.1",
        ) as cluster,
        distributed.Client(cluster) as client,
    ):  # fmt: skip
        executor = client.get_executor(pure=False)
        summary = ingest(
            [files.orcid], [files.datacite], tmp_path / "d", executor=executor, workers=3,
            chunk_records=40,
        )  # fmt: skip

    # the chunks were parsed in several worker processes, none of them this one
    assert summary.complete and len(summary.workers) >= 2 and os.getpid() not in summary.workers
    assert contents(tmp_path / "d") == contents(tables)


def datacite_line(doi: str, creators: list[dict[str, Any]], **attrs: Any) -> str:
    item = {
        "id": doi,
        "type": "dois",
        "attributes": {"doi": doi, "titles": [{"title": doi}], "creators": creators,
                       "updated": "2024-03-01T00:00:00Z", **attrs},
        "relationships": {"client": {"data": {"id": "demo.repo", "type": "clients"}}},
    }  # fmt: skip
    return json.dumps(item)


def person(name: str, value: str, scheme: str = "ORCID") -> dict[str, Any]:
    return {
        "name": name,
        "nameIdentifiers": [{"nameIdentifier": value, "nameIdentifierScheme": scheme}],
    }


def test_metadata_problems_that_stop_auto_update_are_reported(
    tmp_path: Path, pool: ProcessPoolExecutor
) -> None:
    lines = [
        datacite_line("10.1/bare", [person("A", "0000-0002-1825-0097")]),
        datacite_line("10.1/http", [person("B", "http://orcid.org/0000-0002-1825-0097")]),
        datacite_line("10.1/typo", [person("C", "https://orcid.org/0000-0002-1825-0098")]),
        datacite_line("10.1/isni", [person("D", "0000000121032683")]),
        datacite_line("10.1/scopus", [person("G", "7004212771")]),
        datacite_line(
            "10.1/contributor",
            [{"name": "E"}],
            contributors=[person("E", "https://orcid.org/0000-0002-1825-0097")],
        ),
        datacite_line(
            "10.1/self",
            [person("F", "https://orcid.org/0000-0002-1825-0097")],
            relatedIdentifiers=[
                {
                    "relationType": "IsVersionOf",
                    "relatedIdentifier": "10.1/SELF",
                    "relatedIdentifierType": "DOI",
                }
            ],
        ),  # fmt: skip
    ]
    source = tmp_path / "part_0000.jsonl.gz"
    source.write_bytes(gzip.compress("\n".join(lines).encode()))
    empty = tmp_path / "ORCID_empty_summaries.tar.gz"
    import tarfile

    with tarfile.open(empty, "w:gz"):
        pass
    ingest([empty], [tmp_path], tmp_path / "t", executor=pool, workers=2)

    with DumpTables(tmp_path / "t", RoundTripInput(prefix="10.1")) as dumps:
        found = {(p.doi, p.problem) for p in dumps.problems()}
        summary = dumps.summary()

    assert found == {
        ("10.1/bare", WRITTEN_BARE),
        ("10.1/http", WRITTEN_HTTP),
        ("10.1/typo", BAD_CHECKSUM),
        ("10.1/isni", OUTSIDE_RANGES),
        ("10.1/scopus", NOT_AN_ORCID),
        ("10.1/contributor", ONLY_CONTRIBUTOR),
        ("10.1/self", VERSION_OF_ITSELF),
    }
    # valid iDs in any form still make pairs (as in the API round trip, the ISNI-shaped one
    # too); the typo'd and the foreign ones do not
    assert summary.missing == 5 and summary.neither == 2


def test_cli_writes_the_files_ingests_them_and_answers_with_exports(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files, out = tmp_path / "files", tmp_path / "tables"
    assert main(["sandbox", "--seed", "curator", "--dois", "60", "--write-dumps", str(files)]) == 0
    orcid = next(files.glob("ORCID_*_summaries.tar.gz"))
    datacite = next(files.glob("DataCite_*.tar"))
    assert main(["dumps", "ingest", "--orcid", str(orcid), "--datacite", str(datacite),
                 "--out", str(out), "--workers", "1"]) == 0  # fmt: skip
    assert "DataCite DOIs: 60" in capsys.readouterr().out

    code = main(
        ["roundtrip", "--dumps", str(out), "--repository", CURATOR_REPOSITORY_ID,
         "--json", str(tmp_path / "r.json"), "--parquet", str(tmp_path / "r.parquet"),
         "--problems", str(tmp_path / "p.json")]
    )  # fmt: skip

    printed = capsys.readouterr().out
    report = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert code == 0 and f"missing on ORCID: {report['summary']['missing']}" in printed
    import duckdb

    with duckdb.connect() as db:
        rows = db.execute(f"SELECT count(*) FROM '{tmp_path / 'r.parquet'}'").fetchone()
    assert rows == (len(report["rows"]),)
    problems = json.loads((tmp_path / "p.json").read_text(encoding="utf-8"))
    assert {p["problem"] for p in problems} >= {WRITTEN_BARE, WRITTEN_HTTP, BAD_CHECKSUM}


def test_dump_round_trip_without_the_scale_extra_says_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(extra, "missing", lambda *m: list(m or extra.PACKAGES))

    code = main(["roundtrip", "--dumps", str(tmp_path), "--all-datacite"])

    assert code == 1
    assert "pip install 'claimdesk[scale]'" in capsys.readouterr().err


def test_the_app_and_the_cli_start_without_importing_the_scale_extra() -> None:
    probe = (
        "import sys\n"
        "from claimdesk.cli import build_parser\n"
        "build_parser()\n"
        "import claimdesk.ui.main_window, claimdesk.commands.curator, claimdesk.commands.dumps\n"
        "heavy = {'duckdb', 'pyarrow', 'dask', 'distributed'} & set(sys.modules)\n"
        "print(sorted(heavy))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=True
    )
    assert result.stdout.strip() == "[]"


def test_api_round_trip_writes_its_rows_as_parquet(
    sb: Sandbox, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pyarrow.parquet as pq
    from curator_support import site_config

    monkeypatch.setenv("CLAIMDESK_SITE_CONFIG", str(site_config(tmp_path / "site.toml", sb)))
    out = tmp_path / "r.parquet"

    code = main(
        ["roundtrip", "--repository", CURATOR_REPOSITORY_ID, "--state", str(tmp_path / "s"),
         "--parquet", str(out), "--json", str(tmp_path / "r.json"), "--rate", "1000"]
    )  # fmt: skip

    assert code == 0
    report = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    table = pq.read_table(out).to_pylist()
    assert [(r["doi"], r["orcid"], r["category"], r["sources"]) for r in table] == [
        (r["doi"], r["orcid"], r["category"], r["sources"]) for r in report["rows"]
    ]
