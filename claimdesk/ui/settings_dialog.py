"""The Settings dialog: ORCID API clients per environment, redirect ports, Crossref, claim policy.

Values are read and written on a worker by :mod:`claimdesk.workflows.settings`: the user's file,
then the client secret to the OS keyring (never a file, and never shown back). The dialog says
which keyring holds the secrets; without a usable one it saves everything else and says where
the secret can go instead.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, QTimer, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from claimdesk.auth.keyring_advice import secret_file_hint
from claimdesk.config import ENVIRONMENTS
from claimdesk.errors import ClaimdeskError
from claimdesk.ui.message_bar import LEVEL_COLORS, MessageBar
from claimdesk.ui.tasks import TaskRunner
from claimdesk.workflows.settings import (
    Changes,
    EnvValues,
    Saved,
    SettingsValues,
    load_values,
    parse_ports,
    redirect_uris,
    save_changes,
)

ENV_TABS = {
    "production": QT_TRANSLATE_NOOP("SettingsDialog", "ORCID"),
    "sandbox": QT_TRANSLATE_NOOP("SettingsDialog", "ORCID sandbox"),
    "local": QT_TRANSLATE_NOOP("SettingsDialog", "Local sandbox"),
}
ENV_NOTES = {
    "production": "Your ORCID member API client for orcid.org. Writing works needs member "
    "credentials with the /activities/update scope.",
    "sandbox": "A client registered on sandbox.orcid.org, for trying claimdesk on test records.",
    "local": "A claimdesk sandbox ('claimdesk sandbox' prints its address). Its demo client is "
    "APP-CLAIMDESKDEMO001 with the secret claimdesk-demo-secret.",
}


class _EnvPage(QWidget):
    """One environment's client id, secret, redirect ports (and base URL for local)."""

    def __init__(self, env: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.env = env
        self.client_id = QLineEdit()
        self.client_id.setPlaceholderText("APP-XXXXXXXXXXXXXXXX")
        self.secret = QLineEdit()
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.secret.setClearButtonEnabled(True)
        self.secret_state = QLabel()
        self.secret_state.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.ports = QLineEdit()
        self.ports.setPlaceholderText("8765, 8766, 8767")
        self.ports.textChanged.connect(self._show_uris)
        self.uris = QLabel()
        self.uris.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.uris.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.base_url = QLineEdit()
        self.base_url.setPlaceholderText("http://127.0.0.1:9000")
        note = QLabel(ENV_NOTES[env])
        note.setWordWrap(True)
        note.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.setContentsMargins(12, 12, 12, 12)
        form.setVerticalSpacing(8)
        form.addRow(note)
        if env == "local":
            form.addRow(self.tr("Base URL"), self.base_url)
        form.addRow(self.tr("Client ID"), self.client_id)
        form.addRow(self.tr("Client secret"), self.secret)
        form.addRow("", self.secret_state)
        form.addRow(self.tr("Redirect ports"), self.ports)
        form.addRow("", self.uris)
        self.loaded = EnvValues()

    def set_values(self, values: EnvValues, keyring_problem: str = "") -> None:
        self.loaded = values
        self.client_id.setText(values.client_id)
        self.ports.setText(", ".join(str(p) for p in values.ports))
        self.base_url.setText(values.base_url)
        self.secret.clear()
        if values.secret_in_keyring:
            self.secret.setPlaceholderText(self.tr("•••••••• stored in the keyring"))
            state = self.tr("A secret is stored in the keyring. Type a new one to replace it.")
        elif values.secret_in_site_file:
            self.secret.setPlaceholderText(self.tr("set by the site configuration"))
            state = self.tr("Your institution's configuration provides the secret.")
        elif keyring_problem:
            self.secret.setPlaceholderText(self.tr("no keyring to keep it in"))
            state = self.tr(
                "Without a keyring the secret cannot be stored here; %s. The client ID and "
                "ports are saved all the same."
            ) % (values.secret_elsewhere or secret_file_hint(self.env))
        else:
            self.secret.setPlaceholderText(self.tr("not set"))
            state = self.tr("Paste the client secret ORCID gave you; it goes to the keyring.")
        self.secret.setEnabled(not keyring_problem or values.secret_in_keyring)
        self.secret_state.setText(state)
        self.secret_state.setWordWrap(True)

    def _show_uris(self) -> None:
        try:
            ports = parse_ports(self.ports.text())
        except ValueError as err:
            self.uris.setText(str(err))
            return
        if not ports:
            self.uris.setText(self.tr("At least one port is needed to sign in."))
            return
        self.uris.setText(
            self.tr("Register exactly these redirect URIs with ORCID:")
            + "\n"
            + "\n".join(redirect_uris(ports))
        )

    def changes(self) -> tuple[dict[str, object], str | None]:
        """(changed file values, new secret or None); ValueError on bad input."""
        out: dict[str, object] = {}
        cid = self.client_id.text().strip()
        if cid != self.loaded.client_id:
            out["client_id"] = cid
        ports = parse_ports(self.ports.text())
        if not ports:
            raise ValueError("at least one redirect port is needed")
        if ports != self.loaded.ports:
            out["redirect_ports"] = list(ports)
        base = self.base_url.text().strip()
        if self.env == "local" and base != self.loaded.base_url:
            out["base_url"] = base
        secret = self.secret.text().strip() or None
        if secret and not cid:
            raise ValueError("a client secret needs its client ID")
        return out, secret


class SettingsDialog(QDialog):
    """Edit the user's settings; ``saved`` is emitted after they were written."""

    saved = Signal()
    loaded = Signal()

    def __init__(
        self,
        runner: TaskRunner,
        parent: QWidget | None = None,
        *,
        env: str | None = None,
        base_url: str = "",
    ) -> None:
        """``env``/``base_url``: where the app works now; their tab opens first, and a
        ``local`` base URL the files do not have yet is filled in."""
        super().__init__(parent)
        self.runner = runner
        self.values: SettingsValues | None = None
        self.current_env = env if env in ENVIRONMENTS else None
        self.current_base_url = base_url
        self.setWindowTitle(self.tr("claimdesk settings"))
        self.setMinimumWidth(600)

        self.message = MessageBar()
        self.default_env = QComboBox()
        for env in ENVIRONMENTS:
            self.default_env.addItem(self.tr(ENV_TABS[env]), env)
        self.tabs = QTabWidget()
        self.pages: dict[str, _EnvPage] = {}
        for env in ENVIRONMENTS:
            page = _EnvPage(env)
            self.pages[env] = page
            self.tabs.addTab(page, self.tr(ENV_TABS[env]))

        clients = QGroupBox(self.tr("ORCID API clients"))
        clients_layout = QVBoxLayout(clients)
        top = QFormLayout()
        top.addRow(self.tr("Sign in to"), self.default_env)
        clients_layout.addLayout(top)
        clients_layout.addWidget(self.tabs)

        self.mailto = QLineEdit()
        self.mailto.setPlaceholderText("you@example.org")
        self.mailto.setToolTip(
            self.tr("Crossref serves requests that give a contact address faster (polite pool)")
        )
        self.allow_own_version = QCheckBox(
            self.tr("Also add claimdesk's own version where other sources already have the DOI")
        )
        self.allow_own_version.setToolTip(
            self.tr(
                "ORCID groups the versions of a DOI together; by default claimdesk offers only "
                "DOIs that are not on the record from any source."
            )
        )
        self.include_versions = QCheckBox(
            self.tr("Include DOIs that are versions or parts of another DOI in bulk claims")
        )
        self.include_versions.setToolTip(
            self.tr("DataCite IsVersionOf, IsPartOf, IsIdenticalTo and IsPreviousVersionOf")
        )
        claims = QGroupBox(self.tr("Search and claims"))
        claims_form = QFormLayout(claims)
        claims_form.addRow(self.tr("Crossref contact e-mail"), self.mailto)
        claims_form.addRow(self.allow_own_version)
        claims_form.addRow(self.include_versions)

        self.keyring_label = QLabel(self.tr("Looking for the keyring…"))
        self.keyring_label.setWordWrap(True)
        self.keyring_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 12)
        layout.setSpacing(10)
        layout.addWidget(self.message)
        layout.addWidget(clients)
        layout.addWidget(claims)
        layout.addWidget(self.keyring_label)
        layout.addWidget(self.buttons)
        self._set_enabled(False)
        self.runner.start(load_values, on_result=self._loaded, on_error=self._load_failed)

    def _set_enabled(self, enabled: bool) -> None:
        for widget in (
            self.tabs,
            self.default_env,
            self.mailto,
            self.allow_own_version,
            self.include_versions,
            self.save_button,
        ):
            widget.setEnabled(enabled)

    def _loaded(self, values: SettingsValues) -> None:
        self.values = values
        self.default_env.setCurrentIndex(max(0, self.default_env.findData(values.default_env)))
        self.tabs.setCurrentWidget(self.pages[self.current_env or values.default_env])
        for env, page in self.pages.items():
            page.set_values(values.envs.get(env, EnvValues()), values.keyring_problem)
        local = self.pages["local"]
        if self.current_env == "local" and self.current_base_url and not local.base_url.text():
            local.base_url.setText(self.current_base_url)
        self.mailto.setText(values.mailto)
        self.allow_own_version.setChecked(values.allow_own_version)
        self.include_versions.setChecked(values.include_versions)
        if values.keyring_problem:
            self.keyring_label.setText(
                self.tr(
                    "Keyring: %s\nClient secrets cannot be stored until a keyring works; the "
                    "other settings are saved as usual."
                )
                % values.keyring_problem
            )
            self.keyring_label.setStyleSheet(f"color: {LEVEL_COLORS['error']};")
        else:
            self.keyring_label.setText(
                self.tr("Client secrets and sign-ins are kept in the keyring: %s") % values.keyring
            )
        self._set_enabled(True)
        # QTabWidget sizes to its pages' hints, which miss wrapped notes; leave room for the tallest.
        tallest = max(page.sizeHint().height() for page in self.pages.values())
        self.tabs.setMinimumHeight(tallest + self.tabs.tabBar().sizeHint().height() + 24)
        QTimer.singleShot(0, self, self._fit)
        self.loaded.emit()

    def _fit(self) -> None:
        # adjustSize() stops at 2/3 of the screen's height; this dialog may need a little more.
        hint = self.sizeHint()
        self.resize(max(self.width(), hint.width()), hint.height())

    def _load_failed(self, error: BaseException) -> None:
        self.message.show_message(self.tr("Could not read the settings: %s") % error, "error")
        self._set_enabled(True)

    def collect(self) -> Changes:
        """The changes to write; ValueError naming the first bad field."""
        values = self.values or SettingsValues()
        envs: dict[str, dict[str, object]] = {}
        secrets: dict[str, tuple[str, str]] = {}
        for env, page in self.pages.items():
            try:
                changed, secret = page.changes()
            except ValueError as err:
                self.tabs.setCurrentWidget(page)
                raise ValueError(f"{ENV_TABS[env]}: {err}") from None
            if changed:
                envs[env] = changed
            if secret:
                secrets[env] = (page.client_id.text().strip(), secret)
        default_env = str(self.default_env.currentData())
        mailto = self.mailto.text().strip()
        claims = {
            "allow_own_version": self.allow_own_version.isChecked(),
            "include_versions": self.include_versions.isChecked(),
        }
        old_claims = {
            "allow_own_version": values.allow_own_version,
            "include_versions": values.include_versions,
        }
        return Changes(
            default_env=default_env if default_env != values.default_env else None,
            mailto=mailto if mailto != values.mailto else None,
            claims=claims if claims != old_claims else None,
            envs=envs,
            secrets=secrets,
        )

    def save(self) -> None:
        """Write the changes on a worker; the dialog closes when they are stored."""
        try:
            changes = self.collect()
        except ValueError as err:
            self.message.show_message(str(err), "error")
            return
        self._set_enabled(False)
        self.message.hide()

        def done(result: Saved) -> None:
            self.saved.emit()
            if not result.secrets_refused:
                self.accept()
                return
            # The rest is saved; stay open so the refusal and the way around it can be read.
            self._set_enabled(True)
            for env in result.secrets_refused:
                self.pages[env].secret.clear()
            self.message.show_message(
                self.tr("Saved, except the client secret: %s")
                % " ".join(result.secrets_refused.values()),
                "warning",
            )

        def failed(error: BaseException) -> None:
            self._set_enabled(True)
            text = str(error) if isinstance(error, ClaimdeskError) else repr(error)
            self.message.show_message(self.tr("Not saved: %s") % text, "error")

        self.runner.start(save_changes, changes, on_result=done, on_error=failed)
