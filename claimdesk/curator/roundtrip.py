"""The DOI ↔ ORCID round trip: which ORCID records list the DOIs whose metadata names them.

For a repository, a prefix, a DOI list or one DOI, :func:`run_roundtrip`

1. collects each DOI's metadata (DataCite, else Crossref) and the ORCID iDs it names, creators and
   contributors, any iD form, checksums checked (``claimdesk.sources``);
2. reads each distinct iD's works once through ORCID's public API with a ``/read-public``
   client-credentials token, and searches ORCID for each DOI (``doi-self:"…"``) to find records
   that list it although its metadata does not name them (their works are read once too);
3. reports every (DOI, iD) pair as "in metadata and on ORCID" (with the sources that added it),
   "missing on ORCID" or "on ORCID but not in metadata".

Requests run concurrently, paced by one token bucket (ORCID: 24 requests/s, burst 40). Every
answer is checkpointed in a SQLite file (:mod:`claimdesk.curator.state`) so a cancelled run
resumes without asking again. No Qt; the GUI runs this in a worker and shows the report.
"""

from __future__ import annotations

import csv
import io
import json
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from claimdesk.errors import AuthError, ClaimdeskError, ConfigError, SourceError
from claimdesk.orcid.errors import InvalidTokenError
from claimdesk.orcid.ids import normalize_doi

if TYPE_CHECKING:
    import httpx

    from claimdesk.config import Settings
    from claimdesk.curator.state import RoundTripState
    from claimdesk.orcid.model import WorksSummary
    from claimdesk.sources.records import DoiRecord

#: The categories of a report row.
IN_BOTH = "in metadata and on ORCID"
MISSING = "missing on ORCID"
NOT_IN_METADATA = "on ORCID but not in metadata"
#: The record could not be read (deactivated, locked, network); the pair is undecided.
UNREADABLE = "record not readable"
#: A cancelled run had not read the record yet.
NOT_CHECKED = "not checked yet"
CATEGORIES = (IN_BOTH, MISSING, NOT_IN_METADATA, UNREADABLE, NOT_CHECKED)

#: Default number of concurrent ORCID requests (the token bucket, not this, sets the pace).
DEFAULT_WORKERS = 8
STATE_FILE_NAME = "roundtrip.sqlite3"
#: How many answers are written to the checkpoint between commits.
COMMIT_EVERY = 200


# ---------------------------------------------------------------------------------------------
# Input


@dataclass(frozen=True, slots=True)
class RoundTripInput:
    """What to check: exactly one of a DataCite repository id, a DOI prefix, a DOI list, one DOI."""

    repository: str | None = None
    prefix: str | None = None
    dois: tuple[str, ...] | None = None
    doi: str | None = None
    #: where ``dois`` came from, for messages (a file name)
    label: str | None = None

    def __post_init__(self) -> None:
        given = [v for v in (self.repository, self.prefix, self.dois, self.doi) if v is not None]
        if len(given) != 1:
            raise ConfigError(
                "Give exactly one of a repository id, a DOI prefix, a DOI list or one DOI."
            )

    @classmethod
    def from_file(cls, path: Path | str) -> RoundTripInput:
        """The DOIs of a text, CSV, RIS or BibTeX file (any DOI form)."""
        from claimdesk.sources.doilist import read_doi_file

        try:
            found = read_doi_file(path)
        except OSError as err:
            raise ConfigError(f"Cannot read the DOI list {path}: {err.strerror or err}") from None
        return cls(dois=found.dois, label=str(path))

    @property
    def key(self) -> str:
        """Identity of the input, stored in the checkpoint (a resume must match it)."""
        if self.repository is not None:
            return f"repository:{self.repository.lower()}"
        if self.prefix is not None:
            return f"prefix:{self.prefix.lower()}"
        if self.doi is not None:
            return f"doi:{normalize_doi(self.doi) or self.doi}"
        assert self.dois is not None
        import hashlib

        digest = hashlib.sha256("\n".join(self.dois).encode()).hexdigest()[:16]
        return f"dois:{len(self.dois)}:{digest}"

    def describe(self) -> str:
        """The input in words."""
        if self.repository is not None:
            return f"DataCite repository {self.repository}"
        if self.prefix is not None:
            return f"DOI prefix {self.prefix}"
        if self.doi is not None:
            return f"DOI {self.doi}"
        assert self.dois is not None
        where = f" from {self.label}" if self.label else ""
        return f"{len(self.dois)} DOIs{where}"


# ---------------------------------------------------------------------------------------------
# Report


@dataclass(frozen=True, slots=True)
class RoundTripRow:
    """One (DOI, iD) pair and what the round trip found."""

    doi: str
    orcid: str
    category: str
    #: names of the sources that put the DOI on the record (empty when it is not there)
    sources: tuple[str, ...] = ()
    title: str | None = None
    #: the DOI is a version/part of another DOI (push skips those by default)
    is_version: bool = False
    #: Crossref ``authenticated-orcid`` for this iD; None for DataCite or when not in metadata
    authenticated: bool | None = None


@dataclass(frozen=True, slots=True)
class RoundTripSummary:
    """Counts for the report's header."""

    dois: int = 0
    dois_without_metadata: int = 0
    orcids: int = 0
    pairs: int = 0
    in_both: int = 0
    missing: int = 0
    not_in_metadata: int = 0
    unreadable: int = 0
    not_checked: int = 0

    def lines(self) -> list[str]:
        """The counts as lines of text (the CLI's header)."""
        out = [
            f"DOIs: {self.dois} ({self.dois_without_metadata} without metadata)",
            f"ORCID iDs: {self.orcids}",
            f"{IN_BOTH}: {self.in_both}",
            f"{MISSING}: {self.missing}",
            f"{NOT_IN_METADATA}: {self.not_in_metadata}",
        ]
        if self.unreadable:
            out.append(f"{UNREADABLE}: {self.unreadable}")
        if self.not_checked:
            out.append(f"{NOT_CHECKED}: {self.not_checked}")
        return out


@dataclass(frozen=True, slots=True)
class RoundTripReport:
    """The result of a (possibly partial) round trip."""

    input: str
    rows: tuple[RoundTripRow, ...]
    summary: RoundTripSummary
    #: DOIs for which neither DataCite nor Crossref had metadata
    without_metadata: tuple[str, ...] = ()
    #: iD → why its record could not be read
    unreadable: Mapping[str, str] = field(default_factory=dict)
    #: False when the run was cancelled before the end (resume it to finish)
    complete: bool = True
    #: ORCID requests this run sent (reads + searches; not counting earlier, resumed runs)
    requests: int = 0

    def filter(self, *categories: str) -> tuple[RoundTripRow, ...]:
        """The rows of the given categories (all rows when none is given)."""
        if not categories:
            return self.rows
        wanted = set(categories)
        return tuple(r for r in self.rows if r.category in wanted)

    def by_doi(self) -> dict[str, list[RoundTripRow]]:
        """Rows grouped per DOI, in report order."""
        out: dict[str, list[RoundTripRow]] = {}
        for row in self.rows:
            out.setdefault(row.doi, []).append(row)
        return out

    def by_orcid(self) -> dict[str, list[RoundTripRow]]:
        """Rows grouped per iD, in report order."""
        out: dict[str, list[RoundTripRow]] = {}
        for row in self.rows:
            out.setdefault(row.orcid, []).append(row)
        return out

    def write_csv(self, out: TextIO) -> None:
        """The rows as CSV with a header line; sources joined with "; "."""
        writer = csv.writer(out)
        writer.writerow(
            ["doi", "orcid", "category", "sources", "title", "version_or_part", "authenticated"]
        )
        for r in self.rows:
            writer.writerow(
                [
                    r.doi,
                    r.orcid,
                    r.category,
                    "; ".join(r.sources),
                    r.title or "",
                    "yes" if r.is_version else "no",
                    "" if r.authenticated is None else ("yes" if r.authenticated else "no"),
                ]
            )

    def to_csv(self) -> str:
        """The CSV export as a string."""
        buffer = io.StringIO()
        self.write_csv(buffer)
        return buffer.getvalue()

    def to_json_obj(self) -> dict[str, Any]:
        """The whole report as JSON-ready data."""
        return {
            "input": self.input,
            "complete": self.complete,
            "summary": asdict(self.summary),
            "rows": [{**asdict(r), "sources": list(r.sources)} for r in self.rows],
            "without_metadata": list(self.without_metadata),
            "unreadable": dict(self.unreadable),
        }

    def to_json(self) -> str:
        """The JSON export."""
        return json.dumps(self.to_json_obj(), ensure_ascii=False, indent=1)

    def save(self, path: Path | str) -> None:
        """Write CSV or JSON, chosen by the file's suffix (``.json``, else CSV)."""
        path = Path(path)
        if path.suffix.lower() == ".json":
            path.write_text(self.to_json() + "\n", encoding="utf-8")
        else:
            with path.open("w", encoding="utf-8", newline="") as f:
                self.write_csv(f)


@dataclass(frozen=True, slots=True)
class RoundTripProgress:
    """Where a run is: ``phase`` is "metadata" (DOIs collected so far; total 0 while unknown)
    or "orcid" (searches + record reads done of the total known so far)."""

    phase: str
    done: int
    total: int


ProgressCallback = Callable[[RoundTripProgress], None]


def build_report(
    state: RoundTripState, *, input_label: str, complete: bool = True, requests: int = 0
) -> RoundTripReport:
    """The report from what the checkpoint holds (complete or not)."""
    dois = state.dois()
    links: dict[str, dict[str, bool | None]] = {}
    for doi, orcid, auth in state.links():
        links.setdefault(doi, {})[orcid] = auth
    listed = state.listings()
    errors = state.record_errors()
    read = state.records_done()
    extra: dict[str, set[str]] = {}
    for doi, orcid in state.hits():
        extra.setdefault(doi, set()).add(orcid)
    for doi, orcid in listed:
        extra.setdefault(doi, set()).add(orcid)

    rows: list[RoundTripRow] = []
    for item in dois:
        named = links.get(item.doi, {})
        for orcid in sorted(named):
            if (item.doi, orcid) in listed:
                category = IN_BOTH
            elif orcid in read:
                category = MISSING
            elif orcid in errors:
                category = UNREADABLE
            else:
                category = NOT_CHECKED
            rows.append(
                RoundTripRow(
                    item.doi,
                    orcid,
                    category,
                    listed.get((item.doi, orcid), ()),
                    item.title,
                    item.is_version,
                    named[orcid],
                )
            )
        for orcid in sorted(extra.get(item.doi, set()) - named.keys()):
            rows.append(
                RoundTripRow(
                    item.doi,
                    orcid,
                    NOT_IN_METADATA,
                    listed.get((item.doi, orcid), ()),
                    item.title,
                    item.is_version,
                )
            )
    counts = {c: 0 for c in CATEGORIES}
    for row in rows:
        counts[row.category] += 1
    summary = RoundTripSummary(
        dois=len(dois),
        dois_without_metadata=sum(1 for d in dois if not d.found),
        orcids=len({r.orcid for r in rows}),
        pairs=len(rows),
        in_both=counts[IN_BOTH],
        missing=counts[MISSING],
        not_in_metadata=counts[NOT_IN_METADATA],
        unreadable=counts[UNREADABLE],
        not_checked=counts[NOT_CHECKED],
    )
    return RoundTripReport(
        input=input_label,
        rows=tuple(rows),
        summary=summary,
        without_metadata=tuple(d.doi for d in dois if not d.found),
        unreadable=errors,
        complete=complete,
        requests=requests,
    )


# ---------------------------------------------------------------------------------------------
# Reading ORCID


def record_listings(
    works: WorksSummary, wanted: Iterable[str] | Mapping[str, Any]
) -> dict[str, tuple[str, ...]]:
    """DOI → source names, for the ``wanted`` DOIs that a record's works list.

    A source is named by ORCID's ``source-name`` (else its client id or iD); several versions in
    one group give several sources, in ORCID's order.
    """
    wanted_set = wanted if isinstance(wanted, Mapping | set | frozenset) else set(wanted)
    out: dict[str, tuple[str, ...]] = {}
    for group in works.groups:
        dois = [d for d in group.dois() if d in wanted_set]
        if not dois:
            continue
        names: dict[str, None] = {}
        for summary in group.summaries:
            source = summary.source
            if source is not None and (source.name or source.id):
                names.setdefault(source.name or source.id or "", None)
        for doi in dois:
            out[doi] = tuple(dict.fromkeys(out.get(doi, ()) + tuple(names)))
    return out


def doi_self_query(doi: str) -> str:
    """The ORCID search for records that list ``doi`` as their own (``doi-self:"…"``)."""
    escaped = doi.replace("\\", "\\\\").replace('"', '\\"')
    return f'doi-self:"{escaped}"'


class PublicOrcid:
    """ORCID's public API with a ``/read-public`` token, every request paced by one bucket.

    Thread-safe: one httpx client (with the rate-limited transport) is shared by all threads.
    """

    #: OrcidClient is bound to a record; search ignores it, so any valid iD serves.
    _SEARCH_RECORD = "0000-0002-1825-0097"

    def __init__(
        self,
        settings: Settings,
        *,
        rate: float,
        burst: int,
        token: str | None = None,
        workers: int = DEFAULT_WORKERS,
    ) -> None:
        import httpx

        from claimdesk.curator.ratelimit import RateLimitedTransport, TokenBucket
        from claimdesk.orcid.client import fetch_read_public_token

        # Reads go to the public API: the client reads from ``endpoints.api``.
        self.settings = replace(
            settings, endpoints=replace(settings.endpoints, api=settings.endpoints.pub)
        )
        self.bucket = TokenBucket(rate, burst)
        limits = httpx.Limits(max_connections=workers + 2, max_keepalive_connections=workers + 2)
        transport = RateLimitedTransport(self.bucket, httpx.HTTPTransport(limits=limits))
        self.http: httpx.Client = httpx.Client(transport=transport, timeout=settings.timeout)
        self._lock = threading.Lock()
        self.requests = 0
        self.token = token or fetch_read_public_token(settings)

    def close(self) -> None:
        """Close the connections."""
        self.http.close()

    def _client(self, orcid: str) -> Any:
        from claimdesk.orcid.client import OrcidClient

        with self._lock:
            self.requests += 1
        return OrcidClient(self.settings, orcid, self.token, http=self.http)

    def works(self, orcid: str) -> WorksSummary:
        """The record's public works (one ``GET /{orcid}/works``)."""
        return self._client(orcid).read_works()

    def records_listing(self, doi: str) -> list[str]:
        """iDs of the records that list ``doi`` (one search)."""
        found = self._client(self._SEARCH_RECORD).search(doi_self_query(doi))
        return [o for o in found if o]


# ---------------------------------------------------------------------------------------------
# Collecting metadata


def _record_links(record: DoiRecord) -> list[tuple[str, bool | None]]:
    """(iD, authenticated) for each valid iD in the record, creators then contributors."""
    out: dict[str, bool | None] = {}
    for person in record.people:
        if person.orcid:
            previous = out.get(person.orcid)
            flag = person.orcid_authenticated
            out[person.orcid] = flag if previous is None else (previous or bool(flag))
    return list(out.items())


def _store_record(state: RoundTripState, record: DoiRecord) -> None:
    state.add_doi(
        record.doi,
        found=True,
        title=record.title,
        is_version=record.is_version_or_part,
        agency=record.agency,
        orcids=_record_links(record),
    )


#: DOIs of a list resolved (and checkpointed) per batch.
RESOLVE_BATCH = 200


def fetch_metadata(
    settings: Settings,
    target: RoundTripInput,
    cancel: threading.Event,
    *,
    skip: frozenset[str] = frozenset(),
) -> Iterator[DoiRecord | str]:
    """Each DOI's metadata (a :class:`DoiRecord`), or the DOI itself when no service knows it.

    A repository or prefix is paged through DataCite; a DOI list is resolved DataCite first,
    Crossref otherwise, leaving out the DOIs in ``skip`` (already checkpointed). Raises
    SourceError at the end if some DOIs could not be checked (a resumed run asks again).
    """
    from claimdesk.sources.datacite import DataCiteClient
    from claimdesk.sources.doilist import resolve_dois

    if target.repository is not None or target.prefix is not None:
        with DataCiteClient(settings) as datacite:
            for page, _total in datacite.iter_dois(
                client_id=target.repository, prefix=target.prefix, cancel=cancel
            ):
                yield from page
        return
    wanted = [target.doi] if target.doi is not None else list(target.dois or ())
    todo = [d for d in wanted if (normalize_doi(d) or d) not in skip]
    failed: dict[str, str] = {}
    for start in range(0, len(todo), RESOLVE_BATCH):
        if cancel.is_set():
            return
        result = resolve_dois(settings, todo[start : start + RESOLVE_BATCH], cancel=cancel)
        yield from result.records
        yield from result.unknown
        failed.update((doi, "; ".join(str(e) for e in errs)) for doi, errs in result.failed.items())
    if failed:
        doi, why = next(iter(failed.items()))
        raise SourceError(
            "DOI metadata",
            f"{len(failed)} DOIs could not be checked (first: {doi}: {why})",
            hint="run again with --resume to retry them",
        )


# ---------------------------------------------------------------------------------------------
# The run


def default_state_path() -> Path:
    """Where the checkpoint lives unless told otherwise."""
    from claimdesk.config import paths

    return paths().ensure().data_dir / STATE_FILE_NAME


def run_roundtrip(
    settings: Settings,
    target: RoundTripInput,
    *,
    state_path: Path | str | None = None,
    resume: bool = False,
    cancel: threading.Event | None = None,
    on_progress: ProgressCallback | None = None,
    rate: float | None = None,
    burst: int | None = None,
    workers: int = DEFAULT_WORKERS,
    token: str | None = None,
) -> RoundTripReport:
    """Run (or, with ``resume``, continue) a round trip and return its report.

    ``cancel`` stops it after the requests in flight (the report then has ``complete=False``
    and the checkpoint keeps everything learnt). ``rate``/``burst`` default to ORCID's limits;
    ``token`` skips fetching a ``/read-public`` token.
    """
    from claimdesk.curator.ratelimit import ORCID_BURST, ORCID_RATE
    from claimdesk.curator.state import RoundTripState

    cancel = cancel or threading.Event()
    report_progress = on_progress or (lambda _p: None)
    with RoundTripState(state_path or default_state_path()) as state:
        state.begin(target.key, resume=resume)
        if not state.flag("metadata"):
            known = frozenset(d.doi for d in state.dois())
            records = fetch_metadata(settings, target, cancel, skip=known)
            _collect(state, records, cancel, report_progress)
            if cancel.is_set():
                return build_report(state, input_label=target.describe(), complete=False)
            state.set_flag("metadata")
        orcid = PublicOrcid(
            settings,
            rate=rate or ORCID_RATE,
            burst=burst or ORCID_BURST,
            token=token,
            workers=workers,
        )
        try:
            complete = _check_orcid(state, orcid, cancel, report_progress, workers)
        finally:
            orcid.close()
        return build_report(
            state, input_label=target.describe(), complete=complete, requests=orcid.requests
        )


def _collect(
    state: RoundTripState,
    records: Iterator[DoiRecord | str],
    cancel: threading.Event,
    report: ProgressCallback,
) -> None:
    """Write each DOI's metadata to the checkpoint."""
    count = 0
    try:
        for item in records:
            if isinstance(item, str):
                state.add_doi(normalize_doi(item) or item, found=False)
            else:
                _store_record(state, item)
            count += 1
            if count % COMMIT_EVERY == 0:
                state.commit()
                report(RoundTripProgress("metadata", count, 0))
            if cancel.is_set():
                break
    finally:
        state.commit()
    report(RoundTripProgress("metadata", count, count))


def _check_orcid(
    state: RoundTripState,
    orcid: PublicOrcid,
    cancel: threading.Event,
    report: ProgressCallback,
    workers: int,
) -> bool:
    """Search each DOI and read each iD's record, concurrently; False if cancelled."""
    dois = state.dois()
    wanted = frozenset(d.doi for d in dois)
    named: dict[str, set[str]] = {}
    for doi, o, _auth in state.links():
        named.setdefault(doi, set()).add(o)
    done_records = state.records_done()
    # Reads first (they answer most of the report), then searches; records found by a search
    # that the metadata does not name are read as they turn up.
    queued: set[str] = set(done_records)
    reads = sorted({o for ids in named.values() for o in ids} - queued)
    queued.update(reads)
    for doi, o in state.hits():
        if o not in queued and o not in named.get(doi, ()):
            reads.append(o)
            queued.add(o)
    tasks: list[tuple[str, str]] = [("read", o) for o in reads]
    tasks += [("search", d.doi) for d in dois if d.found and not d.searched]
    tasks += [("search", d.doi) for d in dois if not d.found and not d.searched]
    total = len(tasks)
    done = 0
    since_commit = 0
    report(RoundTripProgress("orcid", done, total))

    def run(kind: str, key: str) -> Any:
        if kind == "read":
            return record_listings(orcid.works(key), wanted)
        return orcid.records_listing(key)

    pending: dict[Future[Any], tuple[str, str]] = {}
    position = 0
    fatal: BaseException | None = None
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="roundtrip") as pool:
        while True:
            while position < len(tasks) and len(pending) < workers * 2 and not cancel.is_set():
                kind, key = tasks[position]
                position += 1
                pending[pool.submit(run, kind, key)] = (kind, key)
            if not pending:
                break
            finished, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in finished:
                kind, key = pending.pop(future)
                try:
                    answer = future.result()
                except (AuthError, InvalidTokenError) as err:  # the token stopped working
                    fatal = fatal or err
                    cancel.set()
                    continue
                except ClaimdeskError as err:
                    if kind == "read":
                        state.add_record(key, {}, error=str(err))
                    # a failed search is left unsearched: a resumed run asks again
                else:
                    if kind == "read":
                        state.add_record(key, answer)
                    else:
                        state.add_hits(key, answer)
                        for found in answer:
                            if found not in queued and found not in named.get(key, ()):
                                queued.add(found)
                                tasks.append(("read", found))
                                total += 1
                done += 1
                since_commit += 1
                if since_commit >= COMMIT_EVERY:
                    state.commit()
                    since_commit = 0
                report(RoundTripProgress("orcid", done, total))
    state.commit()
    if fatal is not None:
        raise fatal
    return position >= len(tasks) and not cancel.is_set()
