"""The task helper: results and errors arrive on the GUI thread; cancelled results are dropped."""

from __future__ import annotations

import os
import threading

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from claimdesk.ui.tasks import TaskRunner  # noqa: E402


def test_result_is_delivered_on_the_gui_thread(qtbot):
    runner = TaskRunner()
    seen = {}

    def work(x):
        seen["worker"] = threading.current_thread()
        return x * 2

    runner.start(
        work, 21, on_result=lambda r: seen.update(result=r, gui=threading.current_thread())
    )
    qtbot.waitUntil(lambda: "result" in seen, timeout=5000)
    assert seen["result"] == 42
    assert seen["gui"] is threading.main_thread()
    assert seen["worker"] is not threading.main_thread()
    assert not runner.busy


def test_errors_go_to_on_error(qtbot):
    runner = TaskRunner()
    errors = []

    def boom():
        raise ValueError("nope")

    runner.start(boom, on_error=errors.append)
    qtbot.waitUntil(lambda: bool(errors), timeout=5000)
    assert str(errors[0]) == "nope"


def test_cancelled_task_sees_the_event_and_its_result_is_dropped(qtbot):
    runner = TaskRunner()
    started = threading.Event()
    results = []

    def slow(cancel):
        started.set()
        cancel.wait(5)
        return "late"

    task = runner.start(slow, on_result=results.append)
    assert started.wait(5)
    runner.cancel_all()
    assert runner.wait(5000)
    qtbot.wait(50)
    assert task.cancelled
    assert results == []


def test_a_stopped_job_stops_and_still_delivers_what_it_did(qtbot):
    runner = TaskRunner()
    started = threading.Event()
    results = []

    def count(cancel):
        started.set()
        done = 0
        while not cancel.wait(0.01):
            done += 1
        return ("stopped", done)

    task = runner.start(count, on_result=results.append)
    assert started.wait(5)
    task.stop()  # the user's Cancel
    qtbot.waitUntil(lambda: bool(results), timeout=5000)
    assert results[0][0] == "stopped" and not task.cancelled


def test_progress_arrives_on_the_gui_thread(qtbot):
    runner = TaskRunner()
    seen: list[tuple[int, int, bool]] = []
    finished = []

    def work(progress):
        for done in range(1, 4):
            progress(done, 3)
        return "ok"

    runner.start(
        work,
        on_progress=lambda d, t: seen.append(
            (d, t, threading.current_thread() is threading.main_thread())
        ),
        on_result=finished.append,
    )
    qtbot.waitUntil(lambda: finished == ["ok"], timeout=5000)
    assert seen == [(1, 3, True), (2, 3, True), (3, 3, True)]


def test_a_job_slot_keeps_only_the_newest_result(qtbot):
    runner = TaskRunner()
    slot = runner.slot()
    release = threading.Event()
    results, done = [], []

    def slow(cancel):
        release.wait(5)
        return "stale"

    first = slot.start(slow, on_result=results.append, on_done=lambda: done.append("first"))
    slot.start(lambda: "fresh", on_result=results.append, on_done=lambda: done.append("second"))
    assert first.cancelled and first.cancel_token.cancelled  # asked to stop, outcome dropped
    release.set()
    assert runner.wait(5000)
    qtbot.waitUntil(lambda: done == ["second"], timeout=5000)
    qtbot.wait(50)
    assert results == ["fresh"] and not slot.busy


def test_a_discarded_slot_delivers_nothing(qtbot):
    runner = TaskRunner()
    slot = runner.slot()
    results = []
    slot.start(lambda: "for the record shown before", on_result=results.append)
    slot.discard()  # another record was opened
    assert runner.wait(5000)
    qtbot.wait(50)
    assert results == [] and not slot.busy
