"""The one contract for background work: run a plain function on a thread pool, get its
outcome and progress on the GUI thread.

Modelled on git-cola's ``qtutils.RunTask``: the runner keeps a reference to every task until it
has reported, delivers ``on_result``/``on_error``/``on_progress`` through queued signals (so
callbacks always run on the GUI thread) and is waited for at exit. A function that takes
``cancel`` gets the task's :class:`~claimdesk.workflows.cancel.CancelToken`, one that takes
``progress`` a :data:`~claimdesk.workflows.cancel.Progress` callback. :meth:`Task.stop` asks it
to stop and keeps what it did (the user's Cancel); :meth:`Task.cancel` also drops its outcome
(stale, or the app closing). A :class:`JobSlot` holds a view's one current job of a kind, so
no view keeps generation counters or stop events of its own.
"""

from __future__ import annotations

import contextlib
import gc
import inspect
import logging
import threading
from collections.abc import Callable, Iterator
from typing import Any

from PySide6.QtCore import QObject, QThreadPool, Signal, Slot

from claimdesk.workflows.cancel import CancelToken

log = logging.getLogger(__name__)

_gc_lock = threading.Lock()
_gc_pauses = 0


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Build a large object graph (a 10,000-work record) without stalling the GUI thread.

    CPython's cyclic collector runs in whichever thread allocates, holding the GIL: parsing a big
    record would trigger full collections over hundreds of thousands of objects and freeze the
    GUI thread for 100 ms or more. The collector is paused while the block runs and what survived
    is then frozen (``gc.freeze``): the works model is acyclic, so reference counting still frees
    it, and later collections no longer walk it.
    """
    global _gc_pauses
    with _gc_lock:
        _gc_pauses += 1
        gc.disable()
    try:
        yield
    finally:
        with _gc_lock:
            _gc_pauses -= 1
            if _gc_pauses == 0:
                gc.freeze()
                gc.enable()


class Task:
    """One function call on a worker thread, with the callbacks that receive its outcome.

    A plain object handed to the pool as a callable: a ``QRunnable`` subclass would be kept
    alive by PySide after it ran, and with it whatever its function and arguments hold (a
    replaced 10,000-work record, say).
    """

    def __init__(self, runner: TaskRunner, fn: Callable[..., Any], args: tuple, kwargs: dict):
        self.runner = runner
        self.name = getattr(fn, "__name__", repr(fn))
        self.fn: Callable[..., Any] | None = fn
        self.args = args
        self.kwargs = kwargs
        self.cancel_token = CancelToken()
        #: set by :meth:`cancel`: the outcome is not delivered (stale, or the app is closing)
        self.discarded = False
        self.on_result: Callable[[Any], None] | None = None
        self.on_error: Callable[[BaseException], None] | None = None
        self.on_done: Callable[[], None] | None = None
        self.on_progress: Callable[[int, int], None] | None = None

    @property
    def cancelled(self) -> bool:
        """True once :meth:`cancel` was called (the outcome will be dropped)."""
        return self.discarded

    def cancel(self) -> None:
        """Ask the function to stop (its ``cancel`` token) and drop its outcome: it is stale."""
        self.discarded = True
        self.cancel_token.cancel()

    def stop(self) -> None:
        """Ask the function to stop (the user's Cancel); what it did so far is still delivered."""
        self.cancel_token.cancel()

    def run(self) -> None:  # worker thread
        result: Any = None
        error: BaseException | None = None
        fn, self.fn = self.fn, None
        try:
            assert fn is not None, "a task runs once"
            result = fn(*self.args, **self.kwargs)
        except BaseException as exc:  # every failure is reported to the GUI thread
            error = exc
        # What the call held goes now, on this thread, not later on the GUI thread.
        del fn
        self.args, self.kwargs = (), {}
        # The runner lives on the GUI thread, so this emit is queued to it.
        self.runner.finished.emit(self, result, error)


def _takes(fn: Callable[..., Any], name: str) -> bool:
    try:
        return name in inspect.signature(fn).parameters
    except (TypeError, ValueError):
        return False


class TaskRunner(QObject):
    """Starts tasks on a thread pool and reports their outcome on the GUI thread."""

    finished = Signal(object, object, object)  # task, result, error
    progressed = Signal(object, int, int)  # task, done, total

    def __init__(self, pool: QThreadPool | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = pool or QThreadPool.globalInstance()
        self._tasks: set[Task] = set()
        self.finished.connect(self._deliver)
        self.progressed.connect(self._deliver_progress)

    def start(
        self,
        fn: Callable[..., Any],
        *args: Any,
        on_result: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        on_done: Callable[[], None] | None = None,
        on_progress: Callable[[int, int], None] | None = None,
        **kwargs: Any,
    ) -> Task:
        """Run ``fn(*args, **kwargs)`` in the pool.

        ``fn`` gets ``cancel=CancelToken`` if it takes ``cancel``, and ``progress(done, total)``
        if it takes ``progress``; ``on_progress`` receives those calls on the GUI thread.
        """
        task = Task(self, fn, args, kwargs)
        if _takes(fn, "cancel"):
            task.kwargs["cancel"] = task.cancel_token
        if _takes(fn, "progress"):
            task.kwargs["progress"] = lambda done, total: self.progressed.emit(task, done, total)
        task.on_result, task.on_error, task.on_done = on_result, on_error, on_done
        task.on_progress = on_progress
        self._tasks.add(task)
        self.pool.start(task.run)
        return task

    @Slot(object, object, object)
    def _deliver(self, task: Task, result: Any, error: BaseException | None) -> None:
        self._tasks.discard(task)
        if task.cancelled:
            return
        try:
            if error is None:
                if task.on_result is not None:
                    task.on_result(result)
            elif task.on_error is not None:
                task.on_error(error)
            else:
                log.error("background task %s failed", task.name, exc_info=error)
        finally:
            if task.on_done is not None:
                task.on_done()

    @Slot(object, int, int)
    def _deliver_progress(self, task: Task, done: int, total: int) -> None:
        if not task.cancelled and task.on_progress is not None:
            task.on_progress(done, total)

    def slot(self) -> JobSlot:
        """A :class:`JobSlot` on this runner (one current job of a kind)."""
        return JobSlot(self)

    @property
    def busy(self) -> bool:
        """True while any task has not reported yet."""
        return bool(self._tasks)

    def cancel_all(self) -> None:
        """Ask every running task to stop; their results will be dropped."""
        for task in list(self._tasks):
            task.cancel()

    def wait(self, msecs: int = -1) -> bool:
        """Block until the pool is idle (at exit, and in tests); True if it became idle."""
        return self.pool.waitForDone(msecs)


class JobSlot:
    """At most one current job of a kind: a view's search, the open record's refresh.

    The one place that decides whether a result is stale: starting a job discards the previous
    one's outcome (and asks it to stop), :meth:`discard` drops the current one (another record
    was opened), :meth:`stop` asks it to stop but keeps what it did (the user's Cancel). Views
    keep no generation counters or stop events of their own.
    """

    def __init__(self, runner: TaskRunner) -> None:
        self.runner = runner
        self.task: Task | None = None

    def start(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Task:
        """Run ``fn`` as :meth:`TaskRunner.start` does, replacing the current job."""
        self.discard()
        on_done = kwargs.pop("on_done", None)
        task: Task

        def finished() -> None:
            if self.task is task:
                self.task = None
            if on_done is not None:
                on_done()

        task = self.runner.start(fn, *args, on_done=finished, **kwargs)
        self.task = task
        return task

    @property
    def busy(self) -> bool:
        """True while the current job has not reported."""
        return self.task is not None

    def stop(self) -> None:
        """Ask the current job to stop; its outcome so far still arrives."""
        if self.task is not None:
            self.task.stop()

    def discard(self) -> None:
        """Drop the current job's outcome (it is stale) and ask it to stop."""
        if self.task is not None:
            self.task.cancel()
            self.task = None
