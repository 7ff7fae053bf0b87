"""What checking works against ORCID's schema costs, next to what was done with them anyway.

Two places check a work before ORCID (or the sandbox) takes it:

* the codec, before it writes a bulk of 100 works (``orcid.validate.check_works``): measured
  against writing the same bulk (``xml.serialize_bulk``, which includes the check);
* the sandbox, for each work of a received bulk: ORCID's XSD through lxml (``--schemas``) or the
  built-in rules, measured against reading the same body (``xml.parse_bulk``), which the sandbox
  does for every write anyway.

The sides take turns, round after round; figures are milliseconds per 100-work bulk
(min/median/max over rounds) and the median ratio to the baseline, with the load average.
The XSD side needs ORCID's schemas: ``--schemas DIR`` (default ``../shared/orcid-model``).

    .venv/bin/python benchmarks/bench_validate.py [--rounds 9] [--repeat 20] [--schemas DIR]
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from lxml import etree

from claimdesk.orcid import xml as oxml
from claimdesk.orcid.model import Contributor, ExternalId, PublicationDate, Work
from claimdesk.orcid.validate import check_works, schema_problems
from claimdesk.sandbox.schema import BodySchema

DEFAULT_SCHEMAS = Path(__file__).resolve().parents[2] / "shared" / "orcid-model"


def works(count: int = 100) -> list[Work]:
    """A bulk as claimdesk sends it: a DOI, a date, a journal and five contributors each."""
    people = tuple(
        Contributor(credit_name=f"Author {n}", orcid="0000-0002-1825-0097", sequence="additional")
        for n in range(5)
    )
    return [
        Work(
            title=f"A data set about shards, part {n}",
            type="data-set",
            external_ids=(ExternalId("doi", f"10.80555/bench.{n}", "self"),),
            publication_date=PublicationDate(2021, 3, 4),
            journal_title="Journal of Shards",
            url=f"https://doi.org/10.80555/bench.{n}",
            contributors=people,
        )
        for n in range(count)
    ]


def ms(action: Callable[[], object], repeat: int) -> float:
    """Milliseconds per call of ``action``, over ``repeat`` calls."""
    start = time.perf_counter()
    for _ in range(repeat):
        action()
    return (time.perf_counter() - start) / repeat * 1e3


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--schemas", type=Path, default=DEFAULT_SCHEMAS)
    args = parser.parse_args()

    bulk = works()
    body = oxml.serialize_bulk(bulk)
    xsd = BodySchema(args.schemas)
    elements = xsd.work_elements(body)
    assert len(elements) == len(bulk)

    def xsd_check() -> None:
        for element, work in zip(xsd.work_elements(body), bulk, strict=True):
            assert xsd.work_error(work, element, "xml") is None

    def builtin_check() -> None:
        for work in bulk:
            assert not schema_problems(work)

    sides: dict[str, Callable[[], object]] = {
        "codec: serialize_bulk (with the check)": lambda: oxml.serialize_bulk(bulk),
        "codec: check_works alone": lambda: check_works(bulk),
        "sandbox: parse_bulk (baseline)": lambda: oxml.parse_bulk(body),
        "sandbox: ORCID's XSD per work": xsd_check,
        "sandbox: built-in rules per work": builtin_check,
    }
    for action in sides.values():  # warm up
        ms(action, 3)
    load_start = os.getloadavg()
    timings: dict[str, list[float]] = {name: [] for name in sides}
    names = list(sides)
    for n in range(args.rounds):
        order = names if n % 2 == 0 else list(reversed(names))
        for name in order:
            timings[name].append(ms(sides[name], args.repeat))
    load_end = os.getloadavg()

    def spread(values: list[float]) -> str:
        return f"{min(values):.2f} / {statistics.median(values):.2f} / {max(values):.2f}"

    def ratio(name: str, baseline: str) -> float:
        return statistics.median(
            a / b for a, b in zip(timings[name], timings[baseline], strict=True)
        )

    print(f"# schema checks, 100-work bulks, {args.rounds} rounds x {args.repeat} calls")
    print(f"python {platform.python_version()}, lxml {etree.__version__}, {platform.machine()}")
    print(f"load average 1 min: {load_start[0]:.2f} at start, {load_end[0]:.2f} at end")
    for name in names:
        print(f"{name:40} ms/bulk min/median/max: {spread(timings[name])}")
    codec = "codec: serialize_bulk (with the check)"
    base = "sandbox: parse_bulk (baseline)"
    print(
        f"check_works / serialize_bulk (median ratio): {ratio('codec: check_works alone', codec):.2f}"
    )
    print(
        f"XSD per work / parse_bulk (median ratio): {ratio('sandbox: ORCID' + chr(39) + 's XSD per work', base):.2f}"
    )
    print(
        f"built-in rules / parse_bulk (median ratio): {ratio('sandbox: built-in rules per work', base):.2f}"
    )


if __name__ == "__main__":
    main()
