"""The DOI ↔ ORCID round trip: which ORCID records list the DOIs whose metadata names them.

For a repository, a prefix, a DOI list or one DOI, :func:`run_roundtrip`

1. collects each DOI's metadata (DataCite, else Crossref) and the ORCID iDs it names, creators and
   contributors, any iD form, checksums checked (``claimdesk.sources``);
2. reads each distinct iD's works once through ORCID's public API with a ``/read-public``
   client-credentials token, and searches ORCID for the DOIs, many at once
   (``doi-self:("…" OR "…")``), to find records that list them although the metadata does not
   name them; ORCID's answer does not say which DOI matched, so each record found is read (once)
   and its works say which of the DOIs it lists;
3. reports every (DOI, iD) pair as "in metadata and on ORCID" (with the sources that added it),
   "missing on ORCID" or "on ORCID but not in metadata".

Requests run concurrently, paced by one token bucket (ORCID: 24 requests/s, burst 40). Every
answer is checkpointed in a SQLite file (:mod:`claimdesk.curator.state`) so a cancelled run
resumes without asking again. No Qt; the GUI runs this in a worker and shows the report.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from claimdesk.curator.public_api import (
    DEFAULT_WORKERS,
    SEARCH_BATCH,
    PublicOrcid,
    record_listings,
    search_batches,
)
from claimdesk.curator.report import RoundTripReport, build_report
from claimdesk.errors import AuthError, ClaimdeskError, ConfigError, SourceError
from claimdesk.orcid.errors import InvalidTokenError
from claimdesk.orcid.ids import normalize_doi

if TYPE_CHECKING:
    from claimdesk.config import Settings
    from claimdesk.curator.state import RoundTripState
    from claimdesk.sources.records import DoiRecord

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
    #: every DOI DataCite has (only from the public data files: ``roundtrip --dumps``)
    everything: bool = False

    def __post_init__(self) -> None:
        given = [v for v in (self.repository, self.prefix, self.dois, self.doi) if v is not None]
        if len(given) + self.everything != 1:
            raise ConfigError(
                "Give exactly one of a repository id, a DOI prefix, a DOI list or one DOI."
            )

    @classmethod
    def from_file(cls, path: Path | str) -> RoundTripInput:
        """The DOIs of a text, CSV, RIS or BibTeX file (any DOI form)."""
        from claimdesk.sources.doilist import read_doi_file

        found = read_doi_file(path)  # ConfigError in words when it cannot be read
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
        if self.everything:
            return "everything"
        assert self.dois is not None
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
        if self.everything:
            return "every DataCite DOI"
        assert self.dois is not None
        where = f" from {self.label}" if self.label else ""
        return f"{len(self.dois)} DOIs{where}"


@dataclass(frozen=True, slots=True)
class RoundTripProgress:
    """Where a run is: ``phase`` is "metadata" (DOIs collected so far; total 0 while unknown)
    or "orcid" (searches + record reads done of the total known so far)."""

    phase: str
    done: int
    total: int


ProgressCallback = Callable[[RoundTripProgress], None]


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


@dataclass(frozen=True, slots=True)
class RoundTripRun:
    """A finished (or stopped) run; its answers are in the checkpoint at ``state_path``."""

    input: str
    state_path: Path
    #: False when the run was cancelled or some searches failed (resume it to finish)
    complete: bool
    #: ORCID requests this run sent
    requests: int

    def report(self) -> RoundTripReport:
        """The whole report in memory (the GUI's table; ``push`` plans from it)."""
        from claimdesk.curator.state import RoundTripState

        with RoundTripState(self.state_path) as state:
            return build_report(
                state, input_label=self.input, complete=self.complete, requests=self.requests
            )


def check_roundtrip(
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
    search_batch: int = SEARCH_BATCH,
) -> RoundTripRun:
    """Run (or, with ``resume``, continue) a round trip; its answers stay in the checkpoint,
    where :mod:`claimdesk.curator.report` streams them (a million pairs never sit in memory).

    ``cancel`` stops it after the requests in flight (``complete=False``; the checkpoint keeps
    everything learnt). ``rate``/``burst`` default to ORCID's limits; ``token`` skips fetching a
    ``/read-public`` token; ``search_batch`` is how many DOIs one ORCID search asks for (1: one
    search per DOI, as before batching).
    """
    from claimdesk.curator.state import RoundTripState
    from claimdesk.http_policy import ORCID

    cancel = cancel or threading.Event()
    report_progress = on_progress or (lambda _p: None)
    path = Path(state_path or default_state_path())
    # The token first: a missing client secret should stop the run before any metadata paging.
    orcid = PublicOrcid(
        settings,
        rate=rate or ORCID.rate or 24.0,
        burst=burst or ORCID.burst,
        token=token,
        workers=workers,
    )
    try:
        with RoundTripState(path) as state:
            state.begin(target.key, resume=resume)
            if not state.flag("metadata"):
                known = frozenset(d.doi for d in state.dois())
                records = fetch_metadata(settings, target, cancel, skip=known)
                _collect(state, records, cancel, report_progress)
                if cancel.is_set():
                    return RoundTripRun(target.describe(), path, False, orcid.requests)
                state.set_flag("metadata")
            complete = _check_orcid(state, orcid, cancel, report_progress, workers, search_batch)
            return RoundTripRun(target.describe(), path, complete, orcid.requests)
    finally:
        orcid.close()


def run_roundtrip(settings: Settings, target: RoundTripInput, **options: Any) -> RoundTripReport:
    """:func:`check_roundtrip` (same options), then the whole report in memory."""
    return check_roundtrip(settings, target, **options).report()


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
    search_batch: int = SEARCH_BATCH,
) -> bool:
    """Read each iD's record and search the DOIs in batches, concurrently; False if anything is
    left.

    Reads go first (they answer most of the report); a record that a search finds is read as it
    turns up unless it was read already, and its works say which input DOIs it lists. Every
    answer goes to the checkpoint; a failed read is reported as unreadable, a failed search is
    asked again on resume.
    """
    dois = state.dois()
    wanted = frozenset(d.doi for d in dois)
    queued = state.records_done()
    # named in metadata, then found by searches of an earlier, interrupted run
    reads = sorted(state.named_orcids() - queued)
    queued.update(reads)
    for found in (state.unnamed_hits(), state.found()):
        reads += sorted(found - queued)
        queued |= found
    tasks: list[tuple[str, Any]] = [("read", o) for o in reads]
    unsearched = [d.doi for d in dois if not d.searched]
    tasks += [("search", batch) for batch in search_batches(unsearched, size=search_batch)]
    done = since_commit = position = 0
    failed_searches = 0
    fatal: ClaimdeskError | None = None
    report(RoundTripProgress("orcid", done, len(tasks)))

    def run(kind: str, key: Any) -> Any:
        if kind == "read":
            return record_listings(orcid.works(key), wanted)
        return orcid.records_listing(*key)

    pending: dict[Future[Any], tuple[str, Any]] = {}
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="roundtrip") as pool:
        while True:
            stopping = cancel.is_set() or fatal is not None
            while position < len(tasks) and len(pending) < workers * 2 and not stopping:
                pending[pool.submit(run, *tasks[position])] = tasks[position]
                position += 1
            if not pending:
                break
            finished, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in finished:
                kind, key = pending.pop(future)
                try:
                    answer = future.result()
                except (AuthError, InvalidTokenError) as err:  # the token stopped working
                    fatal = fatal or err
                    continue
                except ClaimdeskError as err:
                    if kind == "read":
                        state.add_record(key, {}, error=str(err))
                    else:
                        failed_searches += 1
                else:
                    if kind == "read":
                        state.add_record(key, answer)
                    else:
                        _store_search(state, key, answer)
                        for found in answer:
                            if found not in queued:
                                queued.add(found)
                                tasks.append(("read", found))
                done += 1
                since_commit += 1
                if since_commit >= COMMIT_EVERY:
                    state.commit()
                    since_commit = 0
                report(RoundTripProgress("orcid", done, len(tasks)))
    state.commit()
    if fatal is not None:
        raise fatal
    return position >= len(tasks) and not cancel.is_set() and not failed_searches


def _store_search(state: RoundTripState, dois: tuple[str, ...], found: list[str]) -> None:
    """A one-DOI answer says which DOI each record lists (kept as hits, reported even if the
    record cannot be read); a batch's answer only which records to read."""
    if len(dois) == 1:
        state.add_hits(dois[0], found)
    else:
        state.add_found(dois, found)
