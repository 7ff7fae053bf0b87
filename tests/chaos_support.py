"""The claim chaos driver: randomized bulk claims against the sandbox under every fault ORCID can
do, real SIGKILLs of ``claimdesk claim`` processes and writers racing for one record; after each
run a final clean run, then the record is read back and compared with the journal.

Shared by tests/test_claims_chaos.py (a fixed, seeded count in CI) and benchmarks/bench_chaos.py
(a longer soak). Each run gets a fresh ORCID record and its own CLAIMDESK_HOME (journal, locks).
"""

from __future__ import annotations

import math
import os
import random
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from claimdesk.claims.journal import JOURNAL_FILE, ClaimJournal, JournalState
from claimdesk.claims.locks import LOCK_DIR, RecordLocks
from claimdesk.claims.plan import ClaimCandidate, candidate_from_record, plan_claims
from claimdesk.claims.reconcile import SettlePolicy
from claimdesk.claims.runner import ClaimRunner
from claimdesk.config import Settings
from claimdesk.orcid.client import OrcidClient
from claimdesk.orcid.ids import doi_url, orcid_checksum
from claimdesk.orcid.model import ExternalId, Work
from claimdesk.sandbox.seeds import DEMO_CLIENT_ID
from claimdesk.sandbox.server import Sandbox

KINDS = ("single", "race", "kill")
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class ChaosConfig:
    """Timing of the chaos runs: short timeouts keep a run well under a second."""

    timeout: float = 0.3  # the chaos clients' request timeout
    max_read_lag: float = 0.15  # reads lag writes by up to this (ORCID's eventual consistency)
    settle_lag: float = 0.25  # the runners' allowance for it (must cover max_read_lag)
    max_dois: int = 300
    kill_share: float = 0.06
    race_share: float = 0.2
    max_kill_dois: int = 60  # kill runs look DOIs up in the sandbox's DataCite/Crossref

    @property
    def settle(self) -> SettlePolicy:
        """How the runners settle unknown outcomes."""
        return SettlePolicy(self.timeout, lag=self.settle_lag, interval=0.05, max_reads=6)


@dataclass(slots=True)
class Tally:
    """Counts over many runs; ``lost``, ``duplicated`` and ``mismatched`` must stay 0."""

    runs: int = 0
    dois: int = 0
    lost: int = 0
    duplicated: int = 0
    mismatched: int = 0
    incomplete: int = 0  # final clean runs that did not complete
    kinds: Counter[str] = field(default_factory=Counter)
    faults: Counter[str] = field(default_factory=Counter)
    by_refusal: dict[bool, Counter[str]] = field(
        default_factory=lambda: {True: Counter(), False: Counter()}
    )
    problems: list[str] = field(default_factory=list)

    def add(self, run: RunTally) -> None:
        """Add one run's counts."""
        self.runs += 1
        self.dois += run.dois
        self.lost += run.lost
        self.duplicated += run.duplicated
        self.mismatched += run.mismatched
        self.incomplete += run.incomplete
        self.kinds[run.kind] += 1
        self.faults.update(run.faults)
        side = self.by_refusal[run.refuse_duplicates]
        side.update(runs=1, dois=run.dois, lost=run.lost, duplicated=run.duplicated)
        self.problems += run.problems

    def summary(self) -> str:
        """One paragraph of counts."""
        refusal = {
            ("9021 on" if on else "9021 off"): dict(counts)
            for on, counts in self.by_refusal.items()
        }
        return (
            f"runs={self.runs} dois={self.dois} lost={self.lost} duplicated={self.duplicated} "
            f"journal≠record={self.mismatched} incomplete={self.incomplete} "
            f"kinds={dict(self.kinds)} faults={dict(self.faults)} by refusal={refusal}"
        )


@dataclass(slots=True)
class RunTally:
    """One run's counts."""

    kind: str
    refuse_duplicates: bool
    dois: int = 0
    lost: int = 0
    duplicated: int = 0
    mismatched: int = 0
    incomplete: int = 0
    faults: Counter[str] = field(default_factory=Counter)
    problems: list[str] = field(default_factory=list)


def synthetic_candidates(run: int, count: int) -> list[ClaimCandidate]:
    """``count`` claimable DOIs with their works, unique to run ``run``."""
    found = []
    for n in range(count):
        doi = f"10.80557/chaos-{run}-{n}"
        work = Work(
            title=f"Chaos dataset {run}.{n}",
            type="data-set",
            external_ids=(ExternalId("doi", doi, "self", doi_url(doi)),),
            url=doi_url(doi),
        )
        found.append(ClaimCandidate(doi, work))
    return found


class Chaos:
    """Runs chaos runs one after another against one sandbox."""

    def __init__(self, sandbox: Sandbox, workdir: Path, config: ChaosConfig, seed: int) -> None:
        self.sb = sandbox
        self.workdir = workdir
        self.config = config
        self.seed = seed
        self._corpus_dois: list[str] | None = None

    # -- a batch of runs ------------------------------------------------------------------------

    def batch(self, first: int, size: int) -> list[RunTally]:
        """Runs ``first`` … ``first + size - 1`` at once, each on its own record, under one
        random set of sandbox-wide faults; then their final clean runs and comparisons."""
        rng = random.Random(self.seed * 1_000_003 + first)
        refuse = (first // size) % 2 == 0  # every other batch without ORCID's 9021 check
        self.sb.store.refuse_duplicates = refuse
        shared = self._arm_shared(rng)
        runs = [self._start(index, refuse, shared) for index in range(first, first + size)]
        try:
            _all(lambda run: self._claim(*run), runs)
        finally:
            self.sb.faults.clear()
            self.sb.store.read_lag = 0.0
        _all(lambda run: self._settle(*run), runs)
        return [run[0] for run in runs]

    def _start(
        self, index: int, refuse: bool, shared: Counter[str]
    ) -> tuple[RunTally, random.Random, str, Path, list[ClaimCandidate]]:
        rng = random.Random(self.seed * 1_000_003 + index)
        roll = rng.random()
        kind = (
            "kill"
            if roll < self.config.kill_share
            else "race"
            if roll < self.config.kill_share + self.config.race_share
            else "single"
        )
        tally = RunTally(kind, refuse, faults=Counter(shared))
        orcid = self._new_record(index)
        self._arm_record(rng, orcid, tally)
        if kind == "kill":
            pool = self._claimable_corpus_dois()
            dois = rng.sample(pool, rng.randint(1, min(self.config.max_kill_dois, len(pool))))
            candidates = self._resolve(dois)
        else:
            count = max(1, min(self.config.max_dois, round(math.exp(rng.uniform(0, 5.71)))))
            candidates = synthetic_candidates(index, count)
        return tally, rng, orcid, self.workdir / f"run-{index}", candidates

    def _claim(
        self,
        tally: RunTally,
        rng: random.Random,
        orcid: str,
        home: Path,
        candidates: list[ClaimCandidate],
    ) -> None:
        if tally.kind == "kill":
            self._kill_run(rng, orcid, home, candidates, tally)
        else:
            self._race(rng, orcid, home, candidates, 2 if tally.kind == "race" else 1)

    def _settle(
        self,
        tally: RunTally,
        rng: random.Random,
        orcid: str,
        home: Path,
        candidates: list[ClaimCandidate],
    ) -> None:
        self._final(orcid, home, candidates, tally)
        self._compare(orcid, home, [c.doi for c in candidates], tally)

    def _new_record(self, index: int) -> str:
        base = f"0009{self.seed % 10_000:04d}{index:07d}"[:15]
        orcid = "-".join((base + orcid_checksum(base))[i : i + 4] for i in range(0, 16, 4))
        self.sb.store.add_researcher(orcid, f"Chaos researcher {index}")
        return orcid

    def _arm_shared(self, rng: random.Random) -> Counter[str]:
        """Sandbox-wide faults for a batch: random after-commit faults on writes, read lag."""
        faults = self.sb.faults
        faults.seed(rng.randrange(2**32))
        faults.stall_seconds = self.config.timeout + 0.2
        rates = {k: rng.choice((0.0, 0.0, 0.05, 0.15, 0.3)) for k in ("500", "stall", "drop")}
        faults.after_commit_rates = rates
        armed = Counter(f"after-commit {k}" for k, rate in rates.items() if rate)
        lag = rng.choice((0.0, 0.0, 0.05, self.config.max_read_lag))
        self.sb.store.read_lag = lag
        if lag:
            armed["read lag"] += 1
        return armed

    def _arm_record(self, rng: random.Random, orcid: str, tally: RunTally) -> None:
        """Faults for one record's writes: a request lost or answered 5xx before it is stored."""
        works = f"/v3.0/{orcid}/works"
        if rng.random() < 0.2:
            self.sb.faults.drop_next(after_commit=False, path_prefix=works, method="POST")
            tally.faults["drop before commit"] += 1
        if rng.random() < 0.2:
            status = rng.choice((500, 502, 504))
            self.sb.faults.fail_next(status, path_prefix=works, method="POST")
            tally.faults["5xx before commit"] += 1

    def _settings(self, timeout: float) -> Settings:
        return Settings(endpoints=self.sb.endpoints, client_id=DEMO_CLIENT_ID, timeout=timeout)

    def _runner(self, orcid: str, home: Path, journal: ClaimJournal, timeout: float) -> ClaimRunner:
        settings = self._settings(timeout)
        client = OrcidClient(settings, orcid, self.sb.issue_token(orcid), max_retries=1)
        locks = RecordLocks(home / "data" / LOCK_DIR)
        return ClaimRunner(settings, client, journal, locks=locks, settle=self.config.settle)

    def _race(
        self,
        rng: random.Random,
        orcid: str,
        home: Path,
        candidates: list[ClaimCandidate],
        writers: int,
        barrier: threading.Barrier | None = None,
    ) -> None:
        """``writers`` in-process writers, each planning from its own read, then all sending."""
        ready = barrier or threading.Barrier(writers)
        wanted = [list(candidates) for _ in range(writers)]
        for extra in wanted[1:]:
            rng.shuffle(extra)
            del extra[rng.randint(1, len(extra)) :]
        errors: list[BaseException] = []

        def write(mine: list[ClaimCandidate]) -> None:
            try:
                with ClaimJournal(home / "data" / JOURNAL_FILE) as journal:
                    runner = self._runner(orcid, home, journal, self.config.timeout)
                    with runner.client:
                        try:
                            plan = plan_claims(
                                mine, runner.client.read_works(), client_id=DEMO_CLIENT_ID
                            )
                        finally:
                            ready.wait(timeout=30)
                        runner.run(plan)
            except threading.BrokenBarrierError:
                pass
            except Exception as exc:  # a run may end in an error; the final run recovers
                errors.append(exc)

        threads = [threading.Thread(target=write, args=(w,)) for w in wanted]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=120)

    def _kill_run(
        self,
        rng: random.Random,
        orcid: str,
        home: Path,
        candidates: list[ClaimCandidate],
        tally: RunTally,
    ) -> None:
        """A ``claimdesk claim`` process killed at a random moment, maybe racing another writer."""
        listing = home / "dois.txt"
        home.mkdir(parents=True, exist_ok=True)
        listing.write_text("\n".join(c.doi for c in candidates) + "\n", encoding="utf-8")
        env = {
            **os.environ,
            "CLAIMDESK_HOME": str(home),
            "CLAIMDESK_TOKEN": self.sb.issue_token(orcid),
            "CLAIMDESK_TIMEOUT": str(self.config.timeout),
        }
        argv = [sys.executable, "-m", "claimdesk", "claim", "--from", str(listing)]
        batch = rng.choice((5, 20, 100))
        argv += ["--orcid", orcid, "--batch-size", str(batch)]
        argv += ["--env", "local", "--base-url", self.sb.base_url, "--client-id", DEMO_CLIENT_ID]
        process = subprocess.Popen(
            argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        racer = None
        if rng.random() < 0.5:
            own = random.Random(rng.random())  # the racer's own stream: threads interleave
            racer = threading.Thread(target=self._race, args=(own, orcid, home, candidates, 1))
            racer.start()
            tally.faults["racing writer"] += 1
        posts = f"/v3.0/{orcid}/works"
        target = rng.randint(0, (len(candidates) - 1) // batch)  # kill near that request
        deadline = time.monotonic() + 20
        while process.poll() is None and time.monotonic() < deadline:
            if self.sb.stats.count(method="POST", path_prefix=posts) >= target:
                break
            time.sleep(0.005)
        time.sleep(rng.uniform(0, 0.05))
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
            tally.faults["SIGKILL"] += 1
        process.wait(timeout=30)
        if racer is not None:
            racer.join(timeout=120)

    def _claimable_corpus_dois(self) -> list[str]:
        if self._corpus_dois is None:
            self._corpus_dois = [e.doi for e in self.sb.corpus.entries if not e.relations]
        return self._corpus_dois

    def _resolve(self, dois: list[str]) -> list[ClaimCandidate]:
        from claimdesk.sources.doilist import resolve_dois

        resolved = resolve_dois(self._settings(10.0), dois)
        assert not resolved.failed and not resolved.unknown, "the corpus lookup failed"
        return [candidate_from_record(r) for r in resolved.records]

    # -- the final clean run and the comparison -------------------------------------------------

    def _final(
        self, orcid: str, home: Path, candidates: list[ClaimCandidate], tally: RunTally
    ) -> None:
        """The same claims again with no faults, as a user re-running the command would."""
        with ClaimJournal(home / "data" / JOURNAL_FILE) as journal:
            runner = self._runner(orcid, home, journal, 10.0)
            with runner.client:
                plan = plan_claims(candidates, runner.client.read_works(), client_id=DEMO_CLIENT_ID)
                result = runner.run(plan)
        if not result.ok:
            tally.incomplete += 1
            tally.problems.append(f"{orcid}: final run {result.status.value}: {result.summary()}")

    def _compare(self, orcid: str, home: Path, dois: list[str], tally: RunTally) -> None:
        """Read the record back (without lag) and hold it against the journal, DOI by DOI."""
        ours: dict[str, list[int]] = {d: [] for d in dois}
        for summary in self.sb.store.works(orcid).summaries():
            if summary.is_owned_by(DEMO_CLIENT_ID):
                for d in summary.dois():
                    if d in ours and summary.put_code is not None:
                        ours[d].append(summary.put_code)
        with ClaimJournal(home / "data" / JOURNAL_FILE) as journal:
            latest = journal.latest("local", orcid, dois)
        tally.dois = len(dois)
        for doi, put_codes in ours.items():
            entry = latest.get(doi)
            if not put_codes:
                tally.lost += 1
                tally.problems.append(
                    f"{orcid} {doi}: lost ({entry.state.value if entry else '-'})"
                )
            elif len(put_codes) > 1:
                tally.duplicated += len(put_codes) - 1
                tally.problems.append(f"{orcid} {doi}: {len(put_codes)} copies")
            if (
                entry is None
                or entry.state is not JournalState.DONE
                or entry.put_code not in put_codes
            ):
                tally.mismatched += 1
                state = f"{entry.state.value} {entry.put_code}" if entry else "no journal row"
                tally.problems.append(f"{orcid} {doi}: journal {state}, record {put_codes}")


def _all(job: Callable[[T], None], items: Sequence[T]) -> None:
    """``job(item)`` for every item, each in its own thread; re-raises the first error."""
    errors: list[BaseException] = []

    def guarded(item: T) -> None:
        try:
            job(item)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=guarded, args=(item,)) for item in items]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    if errors:
        raise errors[0]
