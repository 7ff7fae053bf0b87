"""The main window with a 10,000-work record: load, refresh, filter, scroll (offscreen Qt).

The record is bench_parse's generated works section (about 6,700 groups), serialised to the XML
bytes ORCID would send. A stand-in client parses those bytes in the worker exactly as the real
client does after its HTTP read, so the figures cover everything from response bytes to a painted
view, without network noise. A 10 ms QTimer probe on the GUI thread records the longest gap
between its ticks (minus the 10 ms) in each phase: that is the longest the GUI thread stalled.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_gui.py [--works 10000]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_parse import ORCID, make_record  # noqa: E402
from PySide6.QtCore import QElapsedTimer, QEvent, QObject, Qt, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from claimdesk.config import Settings, local_endpoints  # noqa: E402
from claimdesk.orcid import json as orcid_json  # noqa: E402
from claimdesk.ui.app import create_context  # noqa: E402
from claimdesk.ui.main_window import MainWindow  # noqa: E402
from claimdesk.workflows.session import AccountSession  # noqa: E402

CLIENT_ID = "APP-CLAIMDESKDEMO001"


class BytesClient:
    """Answers ``read_works`` by parsing a fixed response body (what OrcidClient does after I/O:
    it asks ORCID for JSON)."""

    def __init__(self, body: bytes) -> None:
        self.body = body

    def read_works(self):
        return orcid_json.parse_works(self.body)

    def read_works_bulk(self, put_codes):
        return []

    def close(self) -> None:
        pass


class StallProbe(QObject):
    """A 10 ms timer on the GUI thread; the longest late tick is the longest stall.

    Two figures per phase: ``wall`` (how late the tick came: what a user feels, including the
    OS descheduling us on a busy machine) and ``busy`` (GUI-thread CPU time spent between two
    ticks: the work this code does on the GUI thread, immune to other processes' load).
    """

    def __init__(self) -> None:
        super().__init__()
        self.timer = QTimer(self)
        self.timer.setInterval(10)
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.timeout.connect(self._tick)
        self.clock = QElapsedTimer()
        self.wall = 0.0
        self.busy = 0.0

    def start(self) -> None:
        self.wall = self.busy = 0.0
        self.clock.start()
        self._last = 0.0
        self._cpu = time.thread_time()
        self.timer.start()

    def _tick(self) -> None:
        now = self.clock.nsecsElapsed() / 1e6
        cpu = time.thread_time()
        self.wall = max(self.wall, now - self._last - 10.0)
        self.busy = max(self.busy, (cpu - self._cpu) * 1000.0)
        self._last, self._cpu = now, cpu

    def stop(self) -> tuple[float, float]:
        """(worst wall stall, worst GUI-thread busy slice) in ms since :meth:`start`."""
        self._tick()
        self.timer.stop()
        return max(0.0, self.wall), self.busy


class PaintWatch(QObject):
    """Notes when the tree's viewport last finished a paint event."""

    def __init__(self) -> None:
        super().__init__()
        self.last_paint = 0.0

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Paint:
            self.last_paint = time.perf_counter()
        return False


def rss_mb() -> float:
    """Resident memory of this process (Linux), in MB."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def wait_until(app: QApplication, predicate, timeout: float = 60.0) -> None:
    deadline = time.perf_counter() + timeout
    while not predicate():
        app.processEvents()
        if time.perf_counter() > deadline:
            raise TimeoutError("benchmark step did not finish")
        time.sleep(0.0005)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--works", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    record = make_record(args.works)
    body = orcid_json.serialize_works(record)
    parse_times = []
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        parsed = orcid_json.parse_works(body)
        parse_times.append(time.perf_counter() - t0)
    bare_parse = min(parse_times)

    app = QApplication.instance() or QApplication(sys.argv[:1])
    home = Path(tempfile.mkdtemp(prefix="claimdesk-bench-"))
    settings = Settings(endpoints=local_endpoints("http://127.0.0.1:9"), client_id=CLIENT_ID)
    ctx = create_context(settings, home=home)
    ctx.cache = None  # measure the network path, not the disk cache
    window = MainWindow(ctx)
    window.resize(1360, 820)
    window.show()
    wait_until(app, lambda: window.isVisible())
    app.processEvents()
    watch = PaintWatch()
    window.works.tree.viewport().installEventFilter(watch)
    probe = StallProbe()
    client = BytesClient(body)
    session = AccountSession(ORCID, "Benchmark", "local", settings, open_client=lambda: client)

    # Idle baseline: how late a 10 ms tick comes when nothing happens (the machine's own noise).
    probe.start()
    deadline = time.perf_counter() + 2.0
    while time.perf_counter() < deadline:
        app.processEvents()
        time.sleep(0.001)
    idle = probe.stop()

    rss_before = rss_mb()
    first_paints = []
    load = []
    refreshed: list[float] = []  # when the window said a fresh record is shown
    window.record.refreshed.connect(lambda: refreshed.append(time.perf_counter()))
    for i in range(args.repeat):
        refreshed.clear()
        probe.start()
        t0 = time.perf_counter()
        if i == 0:
            window.record.set_accounts([session])
        else:
            window.record.switch_account(session)
        wait_until(app, lambda: bool(refreshed))
        wait_until(app, lambda: watch.last_paint > refreshed[0])
        first_paints.append(watch.last_paint - t0)
        load.append(probe.stop())
        if i == 0:
            ctx.reads.wait()
            rss_first = rss_mb()
    ctx.reads.wait()  # the replaced records are freed on workers
    app.processEvents()
    rss_loaded = rss_mb()
    rows = window.works.model.rowCount()

    # Refreshes with a record already shown, a group expanded and a version selected: first
    # with one work changed on ORCID (the view is rebuilt), then unchanged (only the time moves).
    multi = next(
        r for r in range(rows) if window.works.proxy.rowCount(window.works.proxy.index(r, 0)) > 1
    )
    window.works.tree.expand(window.works.proxy.index(multi, 0))
    window.works.tree.setCurrentIndex(
        window.works.proxy.index(0, 0, window.works.proxy.index(multi, 0))
    )
    app.processEvents()
    refreshes = []
    for changed in (True, False):
        client.body = (
            body.replace(b"part 5 (version 0)", b"part 5 (version 0, corrected)", 1)
            if changed
            else client.body
        )
        refreshed.clear()
        probe.start()
        window.record.refresh()
        wait_until(app, lambda: bool(refreshed))
        for _ in range(5):
            app.processEvents()
        refreshes.append(probe.stop())
    assert window.works.tree.isExpanded(window.works.proxy.index(multi, 0)), "expansion kept"

    # Filtering: type two words one key at a time (the second narrows 6,667 groups to 236, 17,
    # then 1), then delete them again (back to all groups: the most expensive keystroke).
    keystrokes = []
    keystroke_cpu = []  # GUI-thread CPU time of each keystroke: immune to the neighbours
    typed: list[tuple[str, int]] = []
    probe.start()
    word = "part 4711"
    for n in list(range(1, len(word) + 1)) + list(range(len(word) - 1, -1, -1)):
        t0, cpu0 = time.perf_counter(), time.thread_time()
        window.works.filter_edit.setText(word[:n])
        app.processEvents()  # includes the repaint of the view
        keystrokes.append(time.perf_counter() - t0)
        keystroke_cpu.append(time.thread_time() - cpu0)
        typed.append((word[:n], window.works.proxy.shown_count()))
    filtering = probe.stop()

    # Sorting by title and back (a user action, not in the targets; reported for reference).
    t0 = time.perf_counter()
    window.works.tree.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    app.processEvents()
    sort_time = time.perf_counter() - t0
    window.works.model.sort(-1)
    window.works.tree.doItemsLayout()  # the re-layout belongs to the sort, not to the scrolling

    # Scrolling: page through the whole list, one repaint per step.
    bar = window.works.tree.verticalScrollBar()
    probe.start()
    scroll_steps = []
    value = 0
    while value < bar.maximum():
        t0 = time.perf_counter()
        value = min(bar.maximum(), value + bar.pageStep())
        bar.setValue(value)
        window.works.tree.viewport().repaint()
        app.processEvents()
        scroll_steps.append(time.perf_counter() - t0)
    scrolling = probe.stop()

    ctx.shutdown()
    first_paint = min(first_paints)
    worst_load = (max(w for w, _b in load), max(b for _w, b in load))
    ms = 1000.0

    def stall(figures: tuple[float, float]) -> str:
        return f"{figures[0]:6.1f} ms wall, {figures[1]:5.1f} ms GUI-thread busy"

    print(
        f"record: {parsed.work_count:,} works in {len(parsed.groups):,} groups, "
        f"{len(body) / 1e6:.1f} MB of JSON; {rows:,} rows shown; "
        f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs"
    )
    print(f"idle baseline (no work):   {stall(idle)}")
    print(f"parse (json.parse_works, best of {args.repeat}):      {bare_parse * ms:7.1f} ms")
    print(
        f"bytes -> populated, painted view (best of {args.repeat}): {first_paint * ms:7.1f} ms"
        f"  = {first_paint / bare_parse:.2f}x bare parse (target <= 2x)"
    )
    print(f"stall while loading:       {stall(worst_load)} (target <= 50)")
    print(f"stall while refreshing:    {stall(refreshes[0])} (a work changed)")
    print(f"                           {stall(refreshes[1])} (nothing changed)")
    print(f"stall while filtering:     {stall(filtering)}")
    print(f"stall while scrolling:     {stall(scrolling)}")
    print(
        f"filter per keystroke: median {sorted(keystrokes)[len(keystrokes) // 2] * ms:.1f} ms, "
        f"worst {max(keystrokes) * ms:.1f} ms wall, {max(keystroke_cpu) * ms:.1f} ms GUI-thread"
        " CPU (target <= 30)"
    )
    print(
        "  each: "
        + ", ".join(
            f"{text!r} ({rows:,}) {t * ms:.0f}"
            for (text, rows), t in zip(typed, keystrokes, strict=True)
        )
    )
    print(
        f"scroll per page: median {sorted(scroll_steps)[len(scroll_steps) // 2] * ms:.1f} ms, "
        f"worst {max(scroll_steps) * ms:.1f} ms over {len(scroll_steps)} pages"
    )
    print(f"sort {len(parsed.groups):,} groups by title: {sort_time * ms:.1f} ms")
    print(
        f"memory: RSS {rss_before:.0f} MB before, {rss_first:.0f} MB after the first load "
        f"(+{rss_first - rss_before:.0f} MB), {rss_loaded:.0f} MB after {args.repeat} loads"
    )
    # Close down as the app does (workers waited for, widgets deleted before the interpreter
    # finalises); leaving it all to interpreter shutdown crashed in shiboken's teardown.
    window.works.tree.viewport().removeEventFilter(watch)
    window.close()
    ctx.shutdown()
    window.deleteLater()
    app.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main())
