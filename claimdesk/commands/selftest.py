"""``claimdesk --self-test``: check that this installation works, step by step.

Meant for a freshly built or installed app (CI runs it on the PyInstaller bundle): it starts the
embedded sandbox, signs in through the real loopback flow with a scripted browser, reads the works,
claims one DOI, stores and deletes a token in the OS keyring and paints the main window offscreen
(built as ``claimdesk --demo`` builds it, with every view). One line per step (``ok   …`` or
``FAIL …``); exit 0 only if every step passed. Every step has a time limit. It runs in a
temporary ``CLAIMDESK_HOME`` and a throwaway keyring service, so the user's settings, accounts,
journal and tokens are never touched.
"""

from __future__ import annotations

import argparse
import os
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from claimdesk.commands.arg_types import seconds

HELP = "check that this installation works, step by step"

#: the sandbox client the self-test registers, with redirect ports it picks (8765 may be busy)
SELF_TEST_CLIENT_ID = "APP-CLAIMDESKSELFTST"
STEPS = ("sandbox", "sign-in", "works", "claim", "keyring", "window")


def add_self_test_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of ``claimdesk self-test``."""
    parser.add_argument(
        "--step-timeout",
        type=seconds(600),
        default=30.0,
        metavar="SECONDS",
        help="give up on a step after this many seconds (default: 30)",
    )


def run_self_test(args: argparse.Namespace) -> int:
    """Run every step, print one line per step; 0 only if all passed."""
    import shutil
    import tempfile

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    timeout = float(getattr(args, "step_timeout", 30.0))
    home = tempfile.mkdtemp(prefix="claimdesk-self-test-")
    saved_home = os.environ.get("CLAIMDESK_HOME")
    os.environ["CLAIMDESK_HOME"] = home
    try:
        return SelfTest(timeout).run()
    finally:
        if saved_home is None:
            os.environ.pop("CLAIMDESK_HOME", None)
        else:
            os.environ["CLAIMDESK_HOME"] = saved_home
        shutil.rmtree(home, ignore_errors=True)


def _say(ok: bool | None, step: str, text: str) -> None:
    mark = "ok  " if ok else ("FAIL" if ok is False else "skip")
    print(f"{mark} {step}: {text}", flush=True)


def _in_thread(fn: Callable[[], str], timeout: float) -> str:
    """``fn()`` on a daemon thread; TimeoutError when it has not returned within ``timeout``."""
    outcome: dict[str, Any] = {}

    def target() -> None:
        try:
            outcome["value"] = fn()
        except BaseException as err:  # reported by the caller, on the main thread
            outcome["error"] = err

    worker = threading.Thread(target=target, name="self-test-step", daemon=True)
    worker.start()
    worker.join(timeout)
    if worker.is_alive():
        raise TimeoutError(f"timed out after {timeout:g} s")
    if "error" in outcome:
        raise outcome["error"]
    return str(outcome["value"])


def _describe(err: BaseException) -> str:
    text = str(err) or type(err).__name__
    if type(err).__module__.startswith("claimdesk"):
        return text
    return f"{type(err).__name__}: {text}"


@dataclass
class ScriptedBrowser:
    """Plays the user's browser: opens the authorize page, picks a researcher, presses Authorize.

    Stands in for ``webbrowser.open``; follows the sandbox's consent form with httpx on a thread.
    """

    orcid: str
    error: BaseException | None = None
    _thread: threading.Thread | None = field(default=None, repr=False)

    def open(self, url: str) -> bool:
        """Start "the browser" on ``url``."""
        self._thread = threading.Thread(
            target=self._run, args=(url,), name="self-test-browser", daemon=True
        )
        self._thread.start()
        return True

    def _run(self, url: str) -> None:
        from urllib.parse import urljoin

        import httpx
        from lxml import etree

        try:
            with httpx.Client(timeout=10, follow_redirects=False) as http:
                page = http.get(url)
                page.raise_for_status()
                form = etree.fromstring(page.content, etree.HTMLParser()).find(".//form")
                if form is None:
                    raise RuntimeError("the authorize page has no form")
                data = {
                    str(i.get("name")): i.get("value") or ""
                    for i in form.iter("input")
                    if i.get("name") and i.get("type") not in ("radio", "submit")
                }
                data["orcid"] = self.orcid
                data["action"] = "authorize"
                answer = http.post(urljoin(url, form.get("action") or url), data=data)
                http.get(answer.headers["location"])  # the loopback listener's page
        except BaseException as err:
            self.error = err

    def join(self, timeout: float) -> None:
        """Wait for the browser to finish."""
        if self._thread is not None:
            self._thread.join(timeout)


class SelfTest:
    """The steps, in order; a step whose prerequisites failed is reported as not run."""

    def __init__(self, timeout: float) -> None:
        self.timeout = timeout
        self.sandbox: Any = None
        self.settings: Any = None
        self.token: Any = None
        self.works: Any = None
        self.results: dict[str, bool] = {}

    def run(self) -> int:
        """Every step, a summary line, and the exit code."""
        from claimdesk import __version__

        how = "frozen" if getattr(sys, "frozen", False) else "from source"
        print(
            f"claimdesk {__version__} self-test ({how}, Python {sys.version.split()[0]}, "
            f"{sys.platform}, Qt platform {os.environ.get('QT_QPA_PLATFORM')})",
            flush=True,
        )
        steps: list[tuple[str, Callable[[], str], tuple[str, ...]]] = [
            ("sandbox", self.start_sandbox, ()),
            ("sign-in", self.sign_in, ("sandbox",)),
            ("works", self.read_works, ("sign-in",)),
            ("claim", self.claim_one, ("works",)),
            ("keyring", self.keyring_round_trip, ()),
            ("window", self.paint_window, ()),
        ]
        try:
            for name, step, needs in steps:
                missing = [n for n in needs if not self.results.get(n)]
                if missing:
                    self.results[name] = False
                    _say(None, name, f"not run, needs {', '.join(missing)}")
                    continue
                self._run_step(name, step)
        finally:
            if self.sandbox is not None:
                self.sandbox.stop()
        failed = [n for n, ok in self.results.items() if not ok]
        if failed:
            print(f"self-test FAILED: {', '.join(failed)}", flush=True)
            return 1
        print(f"self-test passed: {len(self.results)} steps", flush=True)
        return 0

    def _run_step(self, name: str, step: Callable[[], str]) -> None:
        started = time.monotonic()
        try:
            # Qt wants the main thread: the window step is bounded by its own watchdog.
            text = step() if name == "window" else _in_thread(step, self.timeout)
        except BaseException as err:
            if isinstance(err, KeyboardInterrupt):
                raise
            self.results[name] = False
            _say(False, name, _describe(err))
            return
        self.results[name] = True
        _say(True, name, f"{text} ({time.monotonic() - started:.2f} s)")

    # -- the steps --------------------------------------------------------------------------

    def start_sandbox(self) -> str:
        """The embedded sandbox on a free port, with a client whose redirect ports are free."""
        import secrets

        from claimdesk.auth.listener import free_loopback_ports
        from claimdesk.config import Settings
        from claimdesk.sandbox.server import Sandbox

        self.sandbox = Sandbox(seed="demo", port=0).start()
        ports = free_loopback_ports(3)
        uris = tuple(f"http://127.0.0.1:{p}/callback" for p in ports)
        secret = secrets.token_urlsafe(16)
        self.sandbox.register_client(SELF_TEST_CLIENT_ID, secret, "claimdesk self-test", uris)
        self.settings = Settings(
            endpoints=self.sandbox.endpoints,
            client_id=SELF_TEST_CLIENT_ID,
            client_secret=secret,
            redirect_uris=uris,
            timeout=min(self.timeout, 10.0),
        )
        return f"started on {self.sandbox.base_url}"

    def sign_in(self) -> str:
        """The real loopback flow; the scripted browser consents for the demo researcher."""
        from claimdesk.auth.flow import LoopbackFlow
        from claimdesk.sandbox.seeds import DEMO_ORCID

        browser = ScriptedBrowser(DEMO_ORCID)
        flow = LoopbackFlow(self.settings, timeout=self.timeout, open_browser=browser.open)
        try:
            token = flow.run()
        except BaseException:
            browser.join(1.0)
            if browser.error is not None:
                message = f"the scripted browser failed: {_describe(browser.error)}"
                raise RuntimeError(message) from browser.error
            raise
        browser.join(5.0)
        if token.orcid != DEMO_ORCID:
            raise RuntimeError(f"signed in as {token.orcid}, expected {DEMO_ORCID}")
        self.token = token
        port = flow.redirect_uri.split(":")[2].split("/")[0]
        return f"signed in as {token.name} ({token.orcid}) through the loopback port {port}"

    def read_works(self) -> str:
        """The record's works through the ORCID client (XML, lxml)."""
        from claimdesk.orcid.client import OrcidClient

        with OrcidClient(self.settings, self.token.orcid, self.token.access_token) as client:
            self.works = client.read_works()
        groups = self.works.groups
        count = sum(len(g.summaries) for g in groups)
        if not count:
            raise RuntimeError("the demo record came back empty")
        return f"read {count} works in {len(groups)} groups"

    def claim_one(self) -> str:
        """One new DOI through the bulk claim runner and its journal, then read back."""
        import secrets

        from claimdesk.claims.journal import ClaimJournal
        from claimdesk.claims.plan import ClaimCandidate, plan_claims
        from claimdesk.claims.runner import ClaimRunner, Outcome, RecordLocks
        from claimdesk.config import paths
        from claimdesk.orcid.client import OrcidClient
        from claimdesk.orcid.ids import doi_url
        from claimdesk.orcid.model import ExternalId, Work

        doi = f"10.80555/claimdesk-self-test-{secrets.token_hex(4)}"
        work = Work(
            title="claimdesk self-test dataset",
            type="data-set",
            external_ids=(ExternalId("doi", doi, "self", doi_url(doi)),),
            url=doi_url(doi),
        )
        journal = ClaimJournal(paths().data_dir / "self-test-journal.sqlite3")
        try:
            with OrcidClient(self.settings, self.token.orcid, self.token.access_token) as client:
                plan = plan_claims(
                    [ClaimCandidate(doi, work)], self.works, client_id=self.settings.client_id
                )
                runner = ClaimRunner(self.settings, client, journal, locks=RecordLocks())
                result = runner.run(plan)
                claimed = [r for r in result.items if r.outcome is Outcome.CLAIMED]
                if not claimed:
                    raise RuntimeError(f"not claimed: {result.summary()}")
                after = client.read_works()
        finally:
            journal.close()
        on_record = any(doi in s.dois() for s in after.summaries())
        if not on_record:
            raise RuntimeError(f"{doi} was reported claimed but is not on the record")
        return f"claimed {doi} (put-code {claimed[0].put_code})"

    def keyring_round_trip(self) -> str:
        """Store, read back and delete a token in the OS keyring, under a throwaway service."""
        import secrets

        from claimdesk.auth.tokens import Token, TokenStore, backend_label, service_name

        store = TokenStore()
        store.check()
        env = f"self-test-{secrets.token_hex(4)}"
        token = Token(
            orcid="0000-0002-1825-0097",
            access_token=secrets.token_urlsafe(24),
            name="claimdesk self-test",
            obtained_at=time.time(),
        )
        try:
            store.save(env, token)
            back = store.load(env, token.orcid)
            if back is None or back.access_token != token.access_token:
                raise RuntimeError("the token read back is not the one stored")
        finally:
            store.delete(env, token.orcid)
        if store.load(env, token.orcid) is not None:
            raise RuntimeError("the token is still there after deleting it")
        return (
            f"stored, read and deleted a token in {backend_label(store.backend)} "
            f"(service {service_name(env)})"
        )

    def paint_window(self) -> str:
        """The main window, created and painted once on the (offscreen) Qt platform."""
        watchdog = threading.Timer(self.timeout, _give_up, args=("window", self.timeout))
        watchdog.daemon = True
        watchdog.start()
        try:
            return _paint_main_window(self.timeout)
        finally:
            watchdog.cancel()


def _give_up(step: str, timeout: float) -> None:
    # The GUI thread is stuck; nothing can be cleaned up from here.
    _say(False, step, f"timed out after {timeout:g} s")
    print(f"self-test FAILED: {step}", flush=True)
    os._exit(1)


def _paint_main_window(timeout: float) -> str:
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtGui import QGuiApplication

    from claimdesk.commands import gui
    from claimdesk.config import Settings, endpoints_for
    from claimdesk.ui import icons
    from claimdesk.ui.app import create_application, create_context
    from claimdesk.ui.main_window import MainWindow
    from claimdesk.ui.startup_probe import FirstPaint

    app = create_application(sys.argv[:1])
    open_window = getattr(gui, "open_window", None)
    if open_window is not None:
        # The window as `claimdesk --demo` builds it: every view, on the demo's own sandbox.
        demo = argparse.Namespace(demo=True, env=None, base_url=None, client_id=None, verbose=0)
        window = open_window(demo)
        ctx = window.ctx
    else:
        ctx = create_context(Settings(endpoints=endpoints_for("sandbox", None)))
        window = MainWindow(ctx)
    painted: list[float] = []
    loop = QEventLoop()

    def on_paint(when: float) -> None:
        painted.append(when)
        loop.quit()

    probe = FirstPaint(window, on_paint)
    QTimer.singleShot(int(timeout * 1000), loop.quit)
    try:
        window.show()
        if not painted:
            loop.exec()
        if not painted:
            raise RuntimeError(f"the window was not painted within {timeout:g} s")
        size = window.size()
        image = window.grab().toImage()
        if image.isNull():
            raise RuntimeError("the window could not be rendered to an image")
        missing = [
            name
            for name, loaded in (("app", app.windowIcon()), ("refresh", icons.icon("refresh")))
            if loaded.isNull()
        ]
        if missing:
            raise RuntimeError(
                f"icons did not load: {', '.join(missing)} (are the resources/ files missing?)"
            )
    finally:
        probe.deleteLater()
        window.close()
        ctx.shutdown()
        window.deleteLater()
    platform = QGuiApplication.platformName()
    return f"main window painted, {size.width()}×{size.height()} on the {platform} Qt platform"
