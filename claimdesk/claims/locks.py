"""One write lock per ORCID record, shared by every claimdesk process on the machine.

Two writers to one record — the GUI and a ``claimdesk claim``, two CLI runs, a curator push —
must never have requests in flight together: each would plan from a read that cannot see the
other's writes, and both would send. So every writer holds the record's lock from its first read
to its last write. The lock is an OS file lock (``flock`` on POSIX, ``LockFileEx`` on Windows,
through the ``filelock`` library) on a file in the data directory: the kernel releases it when
its holder exits, even by SIGKILL, so a crashed writer never blocks the next one. Within one
process a thread lock per record comes first, so threads queue without polling the file.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout

LOCK_DIR = "locks"
_UNSAFE = re.compile(r"[^A-Za-z0-9.-]+")


class RecordLocks:
    """The write locks of ORCID records; hold one with :meth:`hold`.

    ``directory`` defaults to ``<data dir>/locks``, resolved on first use (no I/O before).
    One object may be shared by all threads of a process (the app context holds one); separate
    objects, in one process or many, still exclude each other through the file.
    """

    def __init__(self, directory: Path | str | None = None, *, poll: float = 0.05) -> None:
        self._directory = Path(directory) if directory is not None else None
        self._poll = poll
        self._guard = threading.Lock()
        self._threads: dict[tuple[str, str], threading.Lock] = {}

    @property
    def directory(self) -> Path:
        """Where the lock files live."""
        if self._directory is None:
            from claimdesk.config import paths

            self._directory = paths().data_dir / LOCK_DIR
        return self._directory

    def path_for(self, env: str, orcid: str) -> Path:
        """The lock file of one record."""
        return self.directory / f"{_UNSAFE.sub('_', env)}-{_UNSAFE.sub('_', orcid)}.lock"

    @contextmanager
    def hold(
        self, env: str, orcid: str, *, on_wait: Callable[[], None] | None = None
    ) -> Iterator[None]:
        """Hold the record's write lock for the ``with`` block; blocks while another writer has it.

        ``on_wait`` is called once if the lock is taken, before waiting (to say so).
        """
        with self._guard:
            local = self._threads.setdefault((env, orcid), threading.Lock())
        if not local.acquire(blocking=False):
            if on_wait is not None:
                on_wait()
                on_wait = None
            local.acquire()
        try:
            path = self.path_for(env, orcid)
            path.parent.mkdir(parents=True, exist_ok=True)
            lock = FileLock(path, thread_local=False)
            try:
                lock.acquire(timeout=0)
            except Timeout:
                if on_wait is not None:
                    on_wait()
                lock.acquire(poll_interval=self._poll)
            try:
                yield
            finally:
                lock.release()
        finally:
            local.release()

    def is_held(self, env: str, orcid: str) -> bool:
        """True if some writer (this process or another) holds the record's lock right now."""
        path = self.path_for(env, orcid)
        if not path.exists():
            return False
        probe = FileLock(path, thread_local=False)
        try:
            probe.acquire(timeout=0)
        except Timeout:
            return True
        probe.release()
        return False
