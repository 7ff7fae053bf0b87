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
