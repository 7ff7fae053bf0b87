"""The details pane: the full metadata of the selected version, fetched in the background.

Summaries lack contributors, descriptions and citations, so the pane reads full works with bulk
reads (at most 100 put-codes per request). When a version is selected, the window asks for it
together with the versions around it in the view, so moving through the list is instant. Full
works are cached per account until the record is refreshed.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QLabel, QTextBrowser, QVBoxLayout, QWidget

from claimdesk.orcid.ids import doi_url, orcid_url
from claimdesk.orcid.model import BULK_MAX, source_label
from claimdesk.ui.tasks import Task, TaskRunner
from claimdesk.workflows.explain import explain
from claimdesk.workflows.session import AccountSession
from claimdesk.workflows.works_table import describe_source

if TYPE_CHECKING:
    from claimdesk.orcid.model import ErrorBody, ExternalId, Work, WorkGroup, WorkSummary


class DetailsFetcher(QObject):
    """Full works by put-code for one account: cache, in-flight set, bulk reads."""

    loaded = Signal(list)  # put-codes that arrived
    failed = Signal(object)  # the exception of a failed bulk read
    failed_quietly = Signal(list)  # put-codes that could not be read (see problem())

    def __init__(self, runner: TaskRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.session: AccountSession | None = None
        self._cache: dict[int, Work | ErrorBody] = {}
        self._inflight: set[int] = set()
        #: why a work could not be read (a failed read, a sign-in ORCID no longer accepts)
        self._problems: dict[int, str] = {}
        #: bulk reads on their way; clearing the cache discards them (their works may be stale)
        self._reads: set[Task] = set()
        self.requests = 0  # bulk reads sent (benchmarks and tests look at it)

    def set_session(self, session: AccountSession | None) -> None:
        """Forget everything fetched for the previous account."""
        self.session = session
        self.clear()

    def clear(self) -> None:
        """Drop the cache (after a refresh or a write: works may have changed)."""
        for task in self._reads:
            task.cancel()
        self._reads.clear()
        self._cache.clear()
        self._inflight.clear()
        self._problems.clear()

    def get(self, put_code: int | None) -> Work | ErrorBody | None:
        """The cached full work (or the error ORCID gave for it), if fetched."""
        return self._cache.get(put_code) if put_code is not None else None

    def loading(self, put_code: int | None) -> bool:
        """Whether the full work is on its way."""
        return put_code in self._inflight

    def problem(self, put_code: int | None) -> str | None:
        """Why the full work could not be read, in words (None: no problem known)."""
        return self._problems.get(put_code) if put_code is not None else None

    def cached(self) -> dict[int, Work]:
        """Every full work fetched so far (exports use them for authors)."""
        from claimdesk.orcid.model import Work

        return {pc: w for pc, w in self._cache.items() if isinstance(w, Work)}

    def forget(self, put_code: int) -> None:
        """Drop one work (it was edited or deleted)."""
        self._cache.pop(put_code, None)

    def fetch(self, put_codes: Iterable[int]) -> None:
        """Read the works not cached or on their way yet, first ones first, ≤100 per request."""
        session = self.session
        wanted = [
            pc
            for pc in dict.fromkeys(put_codes)
            if pc not in self._cache and pc not in self._inflight
        ][:BULK_MAX]
        if not wanted:
            return
        if session is None or session.needs_reconnect:
            why = self.tr("ORCID no longer accepts this sign-in; reconnect to read them.")
            self._problems.update(dict.fromkeys(wanted, why))
            self.failed_quietly.emit(wanted)
            return
        for pc in wanted:
            self._problems.pop(pc, None)
        self._inflight.update(wanted)
        self.requests += 1

        def arrived(items: list[Work | ErrorBody]) -> None:
            for pc, item in zip(wanted, items, strict=False):
                self._cache[pc] = item
                self._inflight.discard(pc)
            self.loaded.emit(wanted)

        def went_wrong(error: BaseException) -> None:
            self._inflight.difference_update(wanted)
            self._problems.update(dict.fromkeys(wanted, explain(error)))
            self.failed.emit(error)
            self.failed_quietly.emit(wanted)

        task = self.runner.start(
            lambda: session.client().read_works_bulk(wanted),
            on_result=arrived,
            on_error=went_wrong,
            on_done=lambda: self._reads.discard(task),
        )
        self._reads.add(task)


def _link(url: str, text: str) -> str:
    return f'<a href="{html.escape(url, quote=True)}">{html.escape(text)}</a>'


def _id_html(ext: ExternalId) -> str:
    url = ext.url
    if not url and ext.type.lower() == "doi":
        url = doi_url(ext.key[1])
    value = _link(url, ext.value) if url else html.escape(ext.value)
    rel = "" if ext.relationship in (None, "self") else f" <i>({html.escape(ext.relationship)})</i>"
    return f"<b>{html.escape(ext.type)}</b> {value}{rel}"


class DetailsPane(QWidget):
    """Shows the selected version (or group) with everything ORCID holds about it."""

    def __init__(self, fetcher: DetailsFetcher, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.fetcher = fetcher
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(True)
        self.browser.setFrameShape(QTextBrowser.Shape.NoFrame)
        self.browser.document().setDocumentMargin(12)
        self.placeholder = QLabel(self.tr("Select a work to see its details."))
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.placeholder.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.placeholder)
        layout.addWidget(self.browser)
        self.browser.hide()
        self._current: tuple[WorkSummary, WorkGroup, bool, str, str | None] | None = None
        fetcher.loaded.connect(self._on_loaded)
        fetcher.failed_quietly.connect(self._on_loaded)

    @property
    def put_code(self) -> int | None:
        """Put-code of the version shown."""
        return self._current[0].put_code if self._current else None

    def show_nothing(self) -> None:
        """No selection."""
        self._current = None
        self.browser.hide()
        self.placeholder.show()

    def show_version(
        self,
        summary: WorkSummary,
        group: WorkGroup,
        *,
        is_group: bool,
        orcid: str,
        client_id: str | None,
    ) -> None:
        """Show ``summary`` (a group row shows its preferred version plus the list of versions)."""
        self._current = (summary, group, is_group, orcid, client_id)
        self._render()

    def text(self) -> str:
        """The pane's text (tests and accessibility)."""
        return self.browser.toPlainText()

    def _on_loaded(self, put_codes: list[int]) -> None:
        if self._current and self._current[0].put_code in put_codes:
            self._render()

    def _render(self) -> None:
        if self._current is None:
            return
        summary, group, is_group, orcid, client_id = self._current
        full = self.fetcher.get(summary.put_code)
        from claimdesk.orcid.model import ErrorBody, Work

        muted = self.palette().color(QPalette.ColorRole.PlaceholderText).name()
        work = full if isinstance(full, Work) else None
        parts = [f"<h2 style='margin-bottom:2px'>{html.escape(summary.title)}</h2>"]
        if work is not None and work.subtitle:
            parts.append(f"<div style='font-size:large'>{html.escape(work.subtitle)}</div>")
        facts = [summary.type.replace("-", " ").capitalize()]
        if summary.publication_date and summary.year:
            facts.append(str(summary.publication_date))
        if summary.journal_title:
            facts.append(f"<i>{html.escape(summary.journal_title)}</i>")
        parts.append(f"<p style='color:{muted}'>{' · '.join(facts)}</p>")

        if work is not None and work.contributors:
            names = []
            for c in work.contributors:
                name = html.escape(c.credit_name or c.orcid or "")
                if c.orcid:
                    name += " " + _link(orcid_url(c.orcid), "iD")
                if c.role and c.role != "author":
                    name += f" <span style='color:{muted}'>({html.escape(c.role)})</span>"
                names.append(name)
            parts.append("<p>" + "; ".join(names) + "</p>")

        several = len(group.summaries) > 1
        ids = group.external_ids if is_group and several else summary.external_ids
        if ids:
            parts.append("<p>" + "<br>".join(_id_html(e) for e in ids) + "</p>")
        url = (work.url if work else None) or summary.url
        if url:
            parts.append(f"<p>{_link(url, url)}</p>")
        if work is not None and work.short_description:
            parts.append(f"<p>{html.escape(work.short_description)}</p>")

        who = describe_source(summary.source, orcid, client_id)
        rows = [
            (
                self.tr("Source"),
                f"{html.escape(source_label(summary.source))} — {html.escape(who)}",
            ),
            (
                self.tr("Display index"),
                f"{summary.display_index}"
                + (" ★ " + self.tr("preferred") if summary is group.preferred else ""),
            ),
            (self.tr("Put-code"), str(summary.put_code or "")),
            (self.tr("Visibility"), summary.visibility or ""),
            (self.tr("Created"), (summary.created or "")[:19].replace("T", " ")),
            (self.tr("Modified"), (summary.modified or "")[:19].replace("T", " ")),
        ]
        parts.append(
            "<table cellspacing='0' cellpadding='2'>"
            + "".join(
                f"<tr><td style='color:{muted}; padding-right:12px'>{k}</td><td>{v}</td></tr>"
                for k, v in rows
            )
            + "</table>"
        )

        if is_group and several:
            parts.append(f"<h4>{self.tr('Versions')} ({len(group.summaries)})</h4><ul>")
            for v in group.summaries:
                star = " ★" if v is group.preferred else ""
                parts.append(
                    f"<li>{html.escape(source_label(v.source))}{star} — "
                    f"<span style='color:{muted}'>"
                    f"{html.escape(describe_source(v.source, orcid, client_id))}, "
                    f"display index {v.display_index}</span></li>"
                )
            parts.append("</ul>")

        if work is not None and work.citation is not None:
            parts.append(
                f"<h4>{self.tr('Citation')} ({html.escape(work.citation.type)})</h4>"
                f"<pre style='white-space:pre-wrap'>{html.escape(work.citation.value)}</pre>"
            )
        problem = self.fetcher.problem(summary.put_code)
        if full is None and problem:
            # Never "Loading…" for a read that will not come.
            parts.append(
                f"<p style='color:{muted}'>{self.tr('The full details could not be read:')} "
                f"{html.escape(problem)}</p>"
            )
        elif full is None and summary.put_code is not None:
            parts.append(f"<p style='color:{muted}'>{self.tr('Loading full details…')}</p>")
        elif isinstance(full, ErrorBody):
            message = full.user_message or full.developer_message or ""
            parts.append(
                f"<p style='color:{muted}'>"
                f"{self.tr('ORCID could not give the full details:')} "
                f"{html.escape(message)}</p>"
            )
        self.browser.setHtml("".join(parts))
        self.placeholder.hide()
        self.browser.show()
