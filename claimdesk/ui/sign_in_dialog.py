"""The sign-in dialog: choose an environment, sign in with ORCID in the browser, keep the token.

The loopback flow (``auth/flow.py``) runs on a worker; its progress arrives through a queued
signal, so the GUI thread never waits. Cancel works at any moment (``LoopbackFlow.cancel``). The
authorize URL is shown with a Copy button for when no browser opens. When the keyring refuses the
new token, the dialog names the problem and offers to keep the sign-in for this session only.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from claimdesk.auth.accounts import Account
from claimdesk.auth.tokens import Token, TokenNotSavedError, TokenStore
from claimdesk.config import ENVIRONMENTS, Settings
from claimdesk.ui.dialog_fit import fit_height
from claimdesk.ui.message_bar import LEVEL_COLORS
from claimdesk.ui.sign_in_steps import (
    KeyringRefused,
    SettingsFor,
    default_settings_for,
    open_in_browser,
    revoke_quietly,
)
from claimdesk.ui.sign_in_words import ENV_TITLES, describe_failure, stage_words
from claimdesk.ui.tasks import TaskRunner

if TYPE_CHECKING:  # the flow (and httpx) load when a sign-in starts, not with the window
    from claimdesk.auth.flow import LoopbackFlow


class SignInDialog(QDialog):
    """Sign in with ORCID; emits ``signed_in(account, settings)`` once the account is kept."""

    signed_in = Signal(object, object)  # Account, Settings
    settings_requested = Signal()
    #: the flow's progress, emitted on the worker and delivered on the GUI thread
    progressed = Signal(str, str)

    def __init__(
        self,
        runner: TaskRunner,
        parent: QWidget | None = None,
        *,
        env: str = "production",
        base_url: str = "",
        reconnect: Account | None = None,
        settings_for: SettingsFor = default_settings_for,
        open_browser: Callable[[str], bool] | None = open_in_browser,
        store: TokenStore | None = None,
        timeout: float | None = None,
    ) -> None:
        super().__init__(parent)
        self.runner = runner
        self.reconnecting = reconnect
        self._settings_for = settings_for
        self._open_browser = open_browser
        self._store = store
        self.timeout = timeout
        self._flow: LoopbackFlow | None = None
        self._flow_lock = threading.Lock()
        self._cancel_requested = False
        self._pending: KeyringRefused | None = None
        self.running = False
        self.account: Account | None = None
        #: the headline of the last failure ("" when none), for tests and screen readers
        self.failure = ""

        self.setWindowTitle(self.tr("Sign in with ORCID"))
        self.setModal(True)
        self.setMinimumWidth(560)
        self._build(env, base_url)
        self.progressed.connect(self._on_progress)
        self._show_idle()

    # ==== building ==========================================================================

    def _build(self, env: str, base_url: str) -> None:
        title = QLabel(
            self.tr("Reconnect %s") % self.reconnecting.label
            if self.reconnecting
            else self.tr("Sign in with ORCID")
        )
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        title.setFont(font)
        intro = QLabel(
            self.tr(
                "claimdesk opens ORCID's sign-in page in your web browser. Sign in there and "
                "choose <b>Authorize</b>; claimdesk then reads your works and can add the ones "
                "you claim. Your password never passes through claimdesk."
            )
        )
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.RichText)
        if self.reconnecting:
            intro.setText(
                self.tr(
                    "ORCID no longer accepts claimdesk's sign-in for this account (it was revoked "
                    "or has expired). Sign in again to continue; work that was waiting resumes "
                    "afterwards."
                )
            )

        self.env_combo = QComboBox()
        for name in ENVIRONMENTS:
            self.env_combo.addItem(self.tr(ENV_TITLES[name]), name)
        self.env_combo.setCurrentIndex(max(0, self.env_combo.findData(env)))
        self.env_combo.currentIndexChanged.connect(self._env_changed)
        self.env_combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.base_url_edit = QLineEdit(base_url)
        self.base_url_edit.textEdited.connect(self._forget_problem)
        self.base_url_edit.setPlaceholderText("http://127.0.0.1:9000")
        self.base_url_label = QLabel(self.tr("Base URL"))
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.addRow(self.tr("Environment"), self.env_combo)
        form.addRow(self.base_url_label, self.base_url_edit)
        if self.reconnecting:
            self.env_combo.setEnabled(False)
            self.base_url_edit.setEnabled(False)

        # progress
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setTextVisible(False)
        self.busy.setMaximumHeight(6)
        self.url_edit = QLineEdit()
        self.url_edit.setReadOnly(True)
        self.url_edit.setCursorPosition(0)
        self.url_edit.setToolTip(
            self.tr("The ORCID sign-in address, if you need to open it yourself")
        )
        self.copy_button = QPushButton(self.tr("Copy"))
        self.copy_button.setToolTip(self.tr("Copy the sign-in address to the clipboard"))
        self.copy_button.clicked.connect(self.copy_url)
        self.reopen_button = QPushButton(self.tr("Open browser"))
        self.reopen_button.setToolTip(self.tr("Open the sign-in address in the browser again"))
        self.reopen_button.clicked.connect(self._reopen)
        url_row = QHBoxLayout()
        url_row.setSpacing(6)
        url_row.addWidget(self.url_edit, 1)
        url_row.addWidget(self.copy_button)
        url_row.addWidget(self.reopen_button)
        self.url_box = QWidget()
        self.url_box.setLayout(url_row)
        url_row.setContentsMargins(0, 0, 0, 0)

        # problem / keyring choice
        self.problem = QFrame()
        self.problem.setObjectName("SignInProblem")
        self.problem_title = QLabel()
        bold = self.problem_title.font()
        bold.setBold(True)
        self.problem_title.setFont(bold)
        self.problem_text = QLabel()
        self.problem_text.setWordWrap(True)
        self.problem_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.session_only_button = QPushButton(self.tr("Keep for this session only"))
        self.session_only_button.setToolTip(
            self.tr("Keep the sign-in in memory until claimdesk quits; nothing is written to disk")
        )
        self.session_only_button.clicked.connect(self.keep_for_session_only)
        self.session_only_button.setAutoDefault(True)
        self.discard_button = QPushButton(self.tr("Don't keep it"))
        self.discard_button.clicked.connect(self.discard_sign_in)
        self.settings_button = QPushButton(self.tr("Settings…"))
        self.settings_button.clicked.connect(self.settings_requested)
        problem_buttons = QHBoxLayout()
        problem_buttons.addStretch(1)
        problem_buttons.addWidget(self.settings_button)
        problem_buttons.addWidget(self.discard_button)
        problem_buttons.addWidget(self.session_only_button)
        box = QVBoxLayout(self.problem)
        box.setContentsMargins(12, 10, 12, 10)
        box.addWidget(self.problem_title)
        box.addWidget(self.problem_text)
        box.addLayout(problem_buttons)

        self.buttons = QDialogButtonBox()
        self.start_button = self.buttons.addButton(
            self.tr("Sign in"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.start_button.setDefault(True)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.start_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 14)
        layout.setSpacing(10)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addSpacing(4)
        layout.addLayout(form)
        layout.addSpacing(4)
        layout.addWidget(self.status_label)
        layout.addWidget(self.busy)
        layout.addWidget(self.url_box)
        layout.addWidget(self.problem)
        layout.addSpacing(4)
        layout.addWidget(self.buttons)
        self._env_changed()

    def _env_changed(self, *_args: object) -> None:
        local = self.env == "local"
        self.base_url_label.setVisible(local)
        self.base_url_edit.setVisible(local)
        self._forget_problem()
        self._fit()

    def _forget_problem(self, *_args: object) -> None:
        # A problem met in one environment (or at one address) says nothing about another.
        if not self.running and not self.problem.isHidden() and self.session_only_button.isHidden():
            self.failure = ""
            self._show_idle()

    def _fit(self) -> None:
        # Parts appear and disappear with the stages: let the dialog follow its contents.
        QTimer.singleShot(0, self, lambda: fit_height(self))

    @property
    def env(self) -> str:
        """The environment chosen."""
        return str(self.env_combo.currentData())

    # ==== states ===========================================================================

    def _style_problem(self, level: str) -> None:
        color = LEVEL_COLORS[level]
        self.problem.setStyleSheet(
            f"#SignInProblem {{ border: 1px solid {color}; border-radius: 6px; }}"
        )

    def _show_idle(self) -> None:
        self.status_label.setText(
            self.tr("Choose where to sign in, then press Sign in.")
            if not self.reconnecting
            else self.tr("Press Sign in to open the ORCID page.")
        )
        self.busy.hide()
        self.url_box.hide()
        self.problem.hide()
        self.start_button.setEnabled(True)
        self.start_button.setText(self.tr("Sign in"))
        self.cancel_button.setText(self.tr("Cancel"))
        self._fit()

    def _show_problem(
        self, headline: str, text: str, *, keyring: bool = False, offer_settings: bool = False
    ) -> None:
        self.failure = headline
        self.problem_title.setText(headline)
        self.problem_text.setText(text)
        self.session_only_button.setVisible(keyring)
        if keyring:
            self.session_only_button.setDefault(True)
            self.session_only_button.setFocus()
        self.discard_button.setVisible(keyring)
        self.settings_button.setVisible(offer_settings and not keyring)
        self._style_problem("warning" if keyring else "error")
        self.problem.show()
        self.busy.hide()
        self.status_label.setText(
            self.tr("The sign-in worked, but claimdesk cannot keep it yet.")
            if keyring
            else self.tr("Not signed in.")
        )
        self.start_button.setVisible(not keyring)
        self.start_button.setEnabled(True)
        self.start_button.setText(self.tr("Try again"))
        self.cancel_button.setText(self.tr("Close"))
        self._fit()

    # ==== the flow =========================================================================

    def start(self) -> None:
        """Start signing in (on a worker); the dialog stays responsive and cancellable."""
        if self.running:
            return
        env = self.env
        base_url = self.base_url_edit.text().strip()
        if env == "local" and not base_url:
            self._show_problem(
                self.tr("A base URL is needed"),
                self.tr(
                    "Enter the address of the claimdesk sandbox, as 'claimdesk sandbox' "
                    "printed it (for example http://127.0.0.1:9000)."
                ),
            )
            return
        self.running = True
        self.failure = ""
        self._cancel_requested = False
        self.env_combo.setEnabled(False)
        self.base_url_edit.setEnabled(False)
        self.problem.hide()
        self.url_box.hide()
        self.url_edit.clear()
        self.busy.show()
        self.start_button.setVisible(True)
        self.start_button.setEnabled(False)
        self.cancel_button.setText(self.tr("Cancel"))
        self.status_label.setText(self.tr("Preparing the sign-in…"))
        self._fit()
        self.runner.start(
            self._sign_in, env, base_url, on_result=self._finished, on_error=self._failed
        )

    def _sign_in(
        self, env: str, base_url: str
    ) -> tuple[Account, Settings] | KeyringRefused:  # worker thread
        from claimdesk.auth.flow import DEFAULT_TIMEOUT, LoopbackFlow
        from claimdesk.auth.keyring_advice import missing_secret

        settings = self._settings_for(env, base_url or None)
        # Without a client secret ORCID refuses the sign-in only after the ORCID page: say so now.
        missing = missing_secret(settings, TokenStore())
        if missing is not None:
            raise missing
        flow = LoopbackFlow(
            settings,
            timeout=DEFAULT_TIMEOUT if self.timeout is None else self.timeout,
            on_progress=lambda stage, detail: self.progressed.emit(stage.value, detail),
            open_browser=self._open_browser,
        )
        with self._flow_lock:
            self._flow = flow
            cancelled = self._cancel_requested
        if cancelled:
            flow.cancel()
        try:
            token = flow.run()
        finally:
            with self._flow_lock:
                self._flow = None
        try:
            return self._keep(settings, token, self._store), settings
        except TokenNotSavedError as err:
            return KeyringRefused(settings, token, str(err.message))

    @staticmethod
    def _keep(settings: Settings, token: Token, store: TokenStore | None) -> Account:
        from claimdesk.auth.session import save_sign_in

        return save_sign_in(settings, token, store=store)

    def _on_progress(self, stage_value: str, detail: str) -> None:
        from claimdesk.auth.flow import Stage

        stage = Stage(stage_value)
        if not self.running:
            return
        self.status_label.setText(self.tr(stage_words(stage, self.env)))
        if stage in (Stage.LISTENING, Stage.BROWSER_OPENED, Stage.BROWSER_NOT_OPENED) and detail:
            self.url_edit.setText(detail)
            self.url_edit.setCursorPosition(0)
            self.url_box.show()
            if stage is Stage.BROWSER_NOT_OPENED:
                self.copy_button.setFocus()
        elif stage is Stage.EXCHANGING:
            self.url_box.hide()
        self._fit()

    def _finished(self, result: tuple[Account, Settings] | KeyringRefused) -> None:
        self.running = False
        if isinstance(result, KeyringRefused):
            self._pending = result
            self._show_problem(
                self.tr("The keyring did not keep the sign-in"),
                self.tr(
                    "%s\n\nclaimdesk never writes a sign-in to a file. You can keep it in memory "
                    "until claimdesk quits (you will sign in again next time), or unlock or set "
                    "up a keyring and sign in again."
                )
                % result.problem,
                keyring=True,
            )
            return
        self._succeeded(*result)

    def _succeeded(self, account: Account, settings: Settings) -> None:
        self.account = account
        self.busy.hide()
        self.status_label.setText(self.tr("Signed in as %s.") % account.label)
        self.signed_in.emit(account, settings)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.running = False
        from claimdesk.auth.listener import SignInCancelled

        self.env_combo.setEnabled(not self.reconnecting)
        self.base_url_edit.setEnabled(not self.reconnecting)
        if isinstance(error, SignInCancelled):
            self._show_idle()
            self.status_label.setText(self.tr("Sign-in cancelled."))
            return
        from claimdesk.auth.oauth import TokenEndpointError
        from claimdesk.errors import ConfigError

        headline, text = describe_failure(error, self.timeout)
        self._show_problem(
            self.tr(headline),
            text,
            offer_settings=isinstance(error, ConfigError | TokenEndpointError),
        )

    # ==== keyring choice ===================================================================

    def keep_for_session_only(self) -> None:
        """Keep the pending sign-in in memory until claimdesk quits."""
        pending = self._pending
        if pending is None:
            return
        self._pending = None
        self.session_only_button.setEnabled(False)
        self.runner.start(
            self._keep,
            pending.settings,
            pending.token,
            TokenStore(session_only=True),
            on_result=lambda account: self._succeeded(account, pending.settings),
            on_error=self._failed,
            on_done=lambda: self.session_only_button.setEnabled(True),
        )

    def discard_sign_in(self) -> None:
        """Drop the pending sign-in, revoking it at ORCID so no usable token is left behind."""
        pending = self._pending
        self._pending = None
        if pending is not None:
            self.runner.start(revoke_quietly, pending.settings, pending.token)
        self.reject()

    # ==== URL, cancel ======================================================================

    def copy_url(self) -> None:
        """Put the sign-in address on the clipboard."""
        QGuiApplication.clipboard().setText(self.url_edit.text())
        self.status_label.setText(
            self.tr("The address is on the clipboard: paste it into a browser.")
        )

    def _reopen(self) -> None:
        url = self.url_edit.text()
        if url and self._open_browser is not None:
            self.runner.start(self._open_browser, url)

    def cancel(self) -> None:
        """Stop a running sign-in (the port is closed at once); safe at any moment."""
        with self._flow_lock:
            self._cancel_requested = True
            flow = self._flow
        if flow is not None:
            flow.cancel()

    def reject(self) -> None:
        """Cancel or Close: stops the flow; a sign-in the keyring refused is revoked."""
        self.cancel()
        if self._pending is not None:
            pending, self._pending = self._pending, None
            self.runner.start(revoke_quietly, pending.settings, pending.token)
        super().reject()
