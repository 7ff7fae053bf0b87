"""Accounts in the window: sign in, switch, sign out, reconnect, and the Settings entry.

:class:`AccountsController` attaches to a :class:`~claimdesk.ui.main_window.MainWindow`: it
answers the window's ``sign_in_requested`` and ``reconnect_requested`` signals with the sign-in
dialog, adds Sign out / Reconnect / Settings to the Account menu (after the window's own entries),
remembers the account switched to, and builds the window's sessions from the accounts index —
every environment, not only the default one.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QWidget

from claimdesk.auth.accounts import Account, AccountsIndex
from claimdesk.config import (
    ENVIRONMENTS,
    Settings,
    load_settings,
    read_config_file,
    user_config_file,
)
from claimdesk.errors import ClaimdeskError
from claimdesk.workflows.session import AccountSession, session_for

if TYPE_CHECKING:
    from claimdesk.auth.session import SignOut
    from claimdesk.auth.tokens import TokenStore
    from claimdesk.ui.main_window import MainWindow
    from claimdesk.ui.settings_dialog import SettingsDialog
    from claimdesk.ui.sign_in_dialog import SettingsFor, SignInDialog

log = logging.getLogger(__name__)

DEMO_ENV = "demo"


# The sign-in modules load when a sign-in first opens, not with the window: these two stand in
# for the dialog's defaults until then.
def default_settings_for(env: str, base_url: str | None) -> Settings:
    """Settings for ``env`` from every configuration layer (reads files and the keyring)."""
    from claimdesk.ui import sign_in_steps

    return sign_in_steps.default_settings_for(env, base_url)


def open_in_browser(url: str) -> bool:
    """Open ``url`` in the system browser (see :func:`claimdesk.ui.sign_in_steps.open_in_browser`)."""
    from claimdesk.ui import sign_in_steps

    return sign_in_steps.open_in_browser(url)


def local_base_url() -> str:
    """The ``local`` environment's base URL from the user's file ('' when none)."""
    try:
        table = read_config_file(user_config_file()).get("local") or {}
    except ClaimdeskError:
        return ""
    return str(table.get("base_url") or "")


def default_env() -> str:
    """The environment the user signs in to by default (the user's file, else production)."""
    try:
        env = read_config_file(user_config_file()).get("env")
    except ClaimdeskError:
        env = None
    return env if env in ENVIRONMENTS else "production"


def base_url_of(settings: Settings) -> str:
    """The base URL of a ``local`` environment's settings ('' for production and sandbox)."""
    return settings.endpoints.oauth if settings.env == "local" else ""


class AccountsController(QObject):
    """Sign-in, sign-out, reconnect and switching for one main window."""

    #: a sign-in or reconnect finished: (Account, Settings)
    signed_in = Signal(object, object)
    #: a sign-out finished: the SignOut result
    signed_out = Signal(object)

    def __init__(
        self,
        window: MainWindow,
        *,
        store: TokenStore | None = None,
        accounts: AccountsIndex | None = None,
        settings_for: SettingsFor = default_settings_for,
        open_browser: Callable[[str], bool] | None = open_in_browser,
        timeout: float | None = None,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.store = store
        self.accounts = accounts or AccountsIndex()
        self.settings_for = settings_for
        self.open_browser = open_browser
        self.timeout = timeout
        self.dialog: SignInDialog | None = None
        self.settings_dialog: SettingsDialog | None = None

        window.sign_in_requested.connect(self.sign_in)
        window.record.reconnect_requested.connect(self.reconnect)
        window.record.account_changed.connect(self._remember_current)
        window.account_menu.aboutToShow.connect(self._extend_account_menu)
        if hasattr(window, "settings_requested"):
            window.settings_requested.connect(self.open_settings)
        window.set_sign_in_available(True)
        app = QCoreApplication.instance()
        if app is not None:  # a sign-in still waiting for the browser must not delay the exit
            app.aboutToQuit.connect(self._cancel_sign_in)

    # ==== sessions from the index ==========================================================

    def stored_sessions(self, default_env: str) -> tuple[list[AccountSession], str | None]:
        """Sessions for every stored account (all environments) and the iD to show first.

        Reads the accounts index and the configuration files, not the keyring: the client
        secret is read on the worker that first opens an account's client.
        """
        sessions: list[AccountSession] = []
        base_url = local_base_url()
        for env in ENVIRONMENTS:
            accounts = self.accounts.all(env)
            if not accounts:
                continue
            try:
                settings = load_settings(env=env, base_url=base_url or None)
            except ClaimdeskError as err:
                log.warning("accounts of %s not offered: %s", env, err)
                continue

            def full(env: str = env) -> Settings:
                return self.settings_for(env, base_url or None)

            sessions += [
                session_for(a, settings, store=self.store, full_settings=full) for a in accounts
            ]
        current = self.accounts.current(default_env)
        if current is None and sessions:
            current = self.accounts.current(sessions[0].env)
        return sessions, current.orcid if current else None

    def _remember_current(self, session: AccountSession | None) -> None:
        if session is None or session.env == DEMO_ENV:
            return
        env, orcid = session.env, session.orcid

        def switch() -> None:
            with contextlib.suppress(KeyError):  # signed out meanwhile
                self.accounts.switch(env, orcid)

        self.window.ctx.reads.start(switch)

    # ==== sign in / reconnect ==============================================================

    def sign_in(self, env: str | None = None) -> SignInDialog:
        """Open the sign-in dialog (non-blocking); the new account is shown when it succeeds."""
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.raise_()
            self.dialog.activateWindow()
            return self.dialog
        here, base_url = self.current_place()
        if env is not None and env != here:
            base_url = ""
        return self._open_dialog(env or here, None, base_url)

    def current_place(self) -> tuple[str, str]:
        """(environment, base URL) the app works in now: the open record's, else the app's
        own settings (``--env``, ``--base-url``, the files), unless those are the demo's."""
        session = self.window.record.session
        if session is not None and session.env != DEMO_ENV:
            return session.env, base_url_of(session.settings)
        settings = self.window.ctx.settings
        is_demo = any(
            s.env == DEMO_ENV and s.settings.endpoints == settings.endpoints
            for s in self.window.record.sessions
        )
        if settings.env in ENVIRONMENTS and not is_demo:
            return settings.env, base_url_of(settings)
        return default_env(), ""

    def reconnect(self, session: AccountSession | None = None) -> SignInDialog | None:
        """Sign in again for an account ORCID no longer accepts; its pending work then resumes."""
        session = session or self.window.record.session
        if session is None:
            return None
        if session.reconnect is not None:  # the demo renews its token by itself
            self.window.record.switch_account(session)
            self.window.record.reconnect()
            return None
        account = self.accounts.get(session.env, session.orcid) or Account(
            session.orcid, session.name, session.env
        )
        return self._open_dialog(session.env, account, base_url_of(session.settings))

    def _open_dialog(self, env: str, reconnect: Account | None, base_url: str = "") -> SignInDialog:
        if env == DEMO_ENV or env not in ENVIRONMENTS:
            env = "production"
        from claimdesk.ui.sign_in_dialog import SignInDialog

        options = {} if self.timeout is None else {"timeout": self.timeout}
        dialog = SignInDialog(
            self.window.ctx.reads,
            self.window,
            env=env,
            base_url=(base_url or local_base_url()) if env == "local" else "",
            reconnect=reconnect,
            settings_for=self.settings_for,
            open_browser=self.open_browser,
            store=self.store,
            **options,
        )
        dialog.signed_in.connect(self._signed_in)
        dialog.settings_requested.connect(self.open_settings)
        self.dialog = dialog
        dialog.open()
        return dialog

    def _cancel_sign_in(self) -> None:
        if self.dialog is not None:
            self.dialog.cancel()

    def _signed_in(self, account: Account, settings: Settings) -> None:
        session = session_for(account, settings, store=self.store)
        old = next(
            (
                s
                for s in self.window.record.sessions
                if s.orcid == account.orcid and s.env == account.env
            ),
            None,
        )
        if old is not None and old is not self.window.record.session:
            # the window closes the session it replaces on screen; this one is off screen
            self.window.ctx.reads.start(old.close)
        self.window.record.add_account(session)
        self.signed_in.emit(account, settings)

    # ==== sign out =========================================================================

    def sign_out(self, session: AccountSession | None = None, *, confirm: bool = True) -> None:
        """Revoke the account's sign-in at ORCID and forget it here (asks first)."""
        session = session or self.window.record.session
        if session is None or session.env == DEMO_ENV:
            return
        if confirm and not self.window.ctx.interaction.confirm(
            self.window,
            self.tr("Sign out"),
            self.tr("Sign out %s?") % session.label,
            self.tr(
                "claimdesk revokes its access at ORCID and forgets the sign-in on this computer. "
                "Your ORCID record is not changed."
            ),
            self.tr("Sign out"),
        ):
            return
        env, orcid = session.env, session.orcid
        store = self.store
        settings_for = self.settings_for
        base_url = local_base_url() if env == "local" else None
        accounts = self.accounts

        def run() -> SignOut:  # worker thread
            from claimdesk.auth.session import sign_out

            try:
                settings = settings_for(env, base_url)
            except ClaimdeskError:
                settings = session.settings
            session.close()
            return sign_out(settings, orcid, store=store, accounts=accounts)

        self.window.statusBar().showMessage(self.tr("Signing out %s…") % session.label)
        self.window.ctx.reads.start(
            run,
            on_result=lambda result: self._signed_out(session, result),
            on_error=lambda error: self._sign_out_failed(session, error),
        )

    def _signed_out(self, session: AccountSession, result: SignOut) -> None:
        window = self.window
        window.statusBar().clearMessage()
        remaining = [s for s in window.record.sessions if s is not session]
        current = (
            window.record.session.orcid if window.record.session not in (None, session) else None
        )
        if window.record.session is session or session in window.record.sessions:
            window.record.set_accounts(remaining, current)
        window.message_bar.show_message(result.message, "success" if result.revoked else "warning")
        self.signed_out.emit(result)

    def _sign_out_failed(self, session: AccountSession, error: BaseException) -> None:
        self.window.statusBar().clearMessage()
        self.window.message_bar.show_message(
            self.tr("Could not sign out %s: %s") % (session.label, error), "error"
        )

    # ==== settings =========================================================================

    def open_settings(self) -> SettingsDialog:
        """Open the Settings dialog (non-blocking)."""
        from claimdesk.ui.settings_dialog import SettingsDialog

        if self.settings_dialog is not None and self.settings_dialog.isVisible():
            self.settings_dialog.raise_()
            return self.settings_dialog
        parent: QWidget = self.window
        if self.dialog is not None and self.dialog.isVisible():
            parent = self.dialog
        env, base_url = self.current_place()
        dialog = SettingsDialog(self.window.ctx.reads, parent, env=env, base_url=base_url)
        dialog.saved.connect(self._settings_saved)
        self.settings_dialog = dialog
        dialog.open()
        return dialog

    def _settings_saved(self) -> None:
        session = self.window.record.session
        if self.dialog is not None and self.dialog.isVisible():
            return  # the sign-in dialog is open: its Try again uses the new settings
        if session is None or session.env == DEMO_ENV:
            self.window.message_bar.show_message(
                self.tr("Settings saved. Sign in with ORCID to open your own record."),
                "success",
                action=(self.tr("Sign in…"), self._sign_in_action),
            )
        else:
            self.window.statusBar().showMessage(self.tr("Settings saved."), 5000)

    def show_demo_hint(self) -> None:
        """Say, above the demo record, that it is a demo and how to set up a real client."""
        from claimdesk.ui.help_pages import MEMBER_API_DOCS

        self.window.message_bar.show_message(
            self.tr(
                "This is a demo: a built-in sandbox on this computer with a sample researcher's "
                "record; nothing you do here reaches ORCID. Without any account you can look at "
                "any public ORCID record and add missing works yourself (the Public record tab). "
                "Claiming under claimdesk's name needs an ORCID member organisation (often your "
                "library): it provides a site file <code>claimdesk.toml</code> with its client "
                "id, and the client secret goes in this computer's keyring through Settings. "
                "<a href='%s'>ORCID's Member API</a>."
            )
            % MEMBER_API_DOCS,
            "info",
            action=(self.tr("Getting started…"), self._getting_started_action),
            links=True,
        )

    # ==== the Account menu =================================================================

    # Menu and message-bar actions: no arguments reach the real methods (QAction passes
    # ``checked`` to any slot that takes a parameter).
    def _sign_in_action(self, *_: object) -> None:
        self.sign_in()

    def _settings_action(self, *_: object) -> None:
        self.open_settings()

    def _getting_started_action(self, *_: object) -> None:
        started = getattr(self.window, "getting_started_action", None)
        if started is not None:
            started.trigger()
        else:
            self.open_settings()

    def _sign_out_action(self, *_: object) -> None:
        self.sign_out()

    def _reconnect_action(self, session: AccountSession, *_: object) -> None:
        self.reconnect(session)

    def _extend_account_menu(self) -> None:
        # Runs after the window's own _fill_account_menu (connected first), so it appends.
        menu = self.window.account_menu
        session = self.window.record.session
        others = [s for s in self.window.record.sessions if s.needs_reconnect and s is not session]
        for s in others:
            menu.addAction(self.tr("Reconnect %s…") % s.label, partial(self._reconnect_action, s))
        if session is not None and session.env != DEMO_ENV:
            menu.addAction(self.tr("Sign out %s…") % session.label, self._sign_out_action)
        menu.addSeparator()
        menu.addAction(self.tr("Settings…"), self._settings_action)
