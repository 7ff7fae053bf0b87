"""Miniature public data files from the curator corpus, in the real files' formats.

- ORCID's annual summaries file: ``ORCID_<year>_10_summaries.tar.gz``, one ``record:record``
  per researcher at ``ORCID_<year>_10_summaries/<NNN>/<orcid>.xml`` (``NNN``: the iD's last
  three characters), its works section the ``activities:works`` the public API serves;
- DataCite's public data file: a tar of ``dois/updated_YYYY-MM/part_NNNN.jsonl.gz``, each line
  one DOI as DataCite's REST API returns it (``id``, ``type``, ``attributes``,
  ``relationships``), each member gzipped on its own as in the 2024 edition.

So tests and the demo exercise ``claimdesk dumps ingest`` without a 60 GB download. The same
corpus is what the sandbox serves, so a dump round trip and an API round trip can be compared.
"""

from __future__ import annotations

import gzip
import io
import json
import tarfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from claimdesk.orcid.model import WorksSummary
from claimdesk.sandbox.curator_seed import CuratorCorpus, install_records, sandbox_corpus
from claimdesk.sandbox.render import datacite_resource
from claimdesk.sandbox.store import Store

#: The release the miniature files pretend to be (the seed's repository dates from 2015).
RELEASE = "2015"
#: DOIs per DataCite member file.
DATACITE_PART = 1000
_RECORD_NS = {
    "record": "http://www.orcid.org/ns/record",
    "common": "http://www.orcid.org/ns/common",
    "activities": "http://www.orcid.org/ns/activities",
}


@dataclass(frozen=True, slots=True)
class DumpFiles:
    """Where :func:`write_dumps` put the files, and how many records each holds."""

    orcid: Path
    datacite: Path
    orcid_records: int
    datacite_dois: int


def write_dumps(corpus: CuratorCorpus, out: Path | str) -> DumpFiles:
    """Write both files for ``corpus`` under ``out`` (created if missing)."""
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    store = Store()
    install_records(store, corpus)
    orcid_path = folder / f"ORCID_{RELEASE}_10_summaries.tar.gz"
    records = write_orcid_summaries(store, sorted(corpus.people), orcid_path)
    datacite_path = folder / f"DataCite_public_data_file_{RELEASE}.tar"
    resources = [datacite_resource(e) for e in sandbox_corpus(corpus).sorted()]
    write_datacite_file(resources, datacite_path)
    return DumpFiles(orcid_path, datacite_path, records, len(resources))


def write_orcid_summaries(store: Store, orcids: Iterable[str], path: Path) -> int:
    """The ORCID summaries archive of these records (public works only); the record count."""
    from claimdesk.sandbox.orcid_api import public_only

    top = f"ORCID_{RELEASE}_10_summaries"
    count = 0
    with (
        gzip.GzipFile(path, "wb", mtime=0) as packed,
        tarfile.open(fileobj=packed, mode="w|") as archive,
    ):
        for orcid in orcids:
            body = record_xml(orcid, public_only(store.works(orcid)))
            _add(archive, f"{top}/{orcid[-3:]}/{orcid}.xml", body)
            count += 1
    return count


def record_xml(orcid: str, works: WorksSummary) -> bytes:
    """A ``record:record`` summary whose activities hold ``works`` (other sections left out)."""
    from claimdesk.orcid.xml import serialize_works

    inner = serialize_works(works)
    if inner.startswith(b"<?xml"):
        inner = inner[inner.index(b"?>") + 2 :].lstrip()
    ns = " ".join(f'xmlns:{p}="{u}"' for p, u in _RECORD_NS.items())
    return (
        (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<record:record {ns} path="/{orcid}">\n'
            f"<common:orcid-identifier><common:uri>https://orcid.org/{orcid}</common:uri>"
            f"<common:path>{orcid}</common:path><common:host>orcid.org</common:host>"
            f"</common:orcid-identifier>\n"
            f'<activities:activities-summary path="/{orcid}/activities">'
        ).encode()
        + inner
        + b"</activities:activities-summary>\n</record:record>\n"
    )


def write_datacite_file(resources: list[dict[str, object]], path: Path) -> None:
    """DataCite's data file layout: one gzipped JSON-lines member per month and part."""
    by_month: dict[str, list[dict[str, object]]] = {}
    for resource in resources:
        attributes = resource["attributes"]
        assert isinstance(attributes, dict)
        month = str(attributes.get("updated") or "0000-00")[:7]
        by_month.setdefault(month, []).append(resource)
    with tarfile.open(path, "w") as archive:
        for month in sorted(by_month):
            items = by_month[month]
            for part, start in enumerate(range(0, len(items), DATACITE_PART)):
                lines = "".join(
                    json.dumps(r, ensure_ascii=False) + "\n"
                    for r in items[start : start + DATACITE_PART]
                )
                body = gzip.compress(lines.encode("utf-8"), mtime=0)
                _add(archive, f"dois/updated_{month}/part_{part:04d}.jsonl.gz", body)


def _add(archive: tarfile.TarFile, name: str, body: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(body)
    info.mtime = 1_444_000_000  # fixed: the same corpus gives byte-identical files
    archive.addfile(info, io.BytesIO(body))
