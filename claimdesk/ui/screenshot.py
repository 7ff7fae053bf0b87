"""Render the demo window to a PNG: ``python -m claimdesk.ui.screenshot OUT.png [--screen]
[--view works|search|public|curator]``.

Used for the README screenshot and by the test that checks the window really draws under X.
It opens the demo and stages one view as a user would see it: *works* expands a group with
several versions and selects claimdesk's own version in it (so the details pane and the enabled
Edit/Delete show); *search* runs the Search view's search for the demo researcher; *public*
reads the demo researcher's public record and finds its missing DOIs; *curator* runs the round
trip for the demo's DataCite prefix. Then it saves either the window (``QWidget.grab``) or the
whole X screen (``--screen``: what a user would see).
"""

from __future__ import annotations

import argparse
import sys


def main(argv: list[str] | None = None) -> int:
    """Open the demo, stage a typical view, save the PNG, exit."""
    parser = argparse.ArgumentParser(prog="python -m claimdesk.ui.screenshot")
    parser.add_argument("out")
    parser.add_argument("--screen", action="store_true", help="grab the whole screen")
    parser.add_argument("--size", default="1360x820", help="window size WxH")
    parser.add_argument("--timeout", type=float, default=20.0)
    parser.add_argument("--view", choices=("works", "search", "public", "curator"), default="works")
    args = parser.parse_args(argv)

    from PySide6.QtCore import QItemSelectionModel, QTimer

    from claimdesk.ui.app import create_application, create_context
    from claimdesk.ui.main_window import MainWindow
    from claimdesk.ui.works_model import Role
    from claimdesk.workflows.demo import start_demo

    app = create_application(sys.argv[:1])
    demo = start_demo()
    ctx = create_context(demo.settings, home=demo.data_dir)
    demo.attach(ctx)
    window = MainWindow(ctx)
    width, height = (int(v) for v in args.size.split("x"))
    window.resize(width, height)
    window.move(0, 0)
    window.show()
    result = {"code": 1}

    def stage() -> None:
        proxy = window.works.proxy
        groups = [proxy.index(row, 0) for row in range(proxy.rowCount())]
        # Open the group with the most versions (several sources, one preferred) and select
        # claimdesk's own version elsewhere, so Edit and Delete show enabled.
        target = max(groups, key=lambda g: len(g.data(Role.GROUP).summaries))
        window.works.tree.expand(target)
        owned = [g for g in groups if g.data(Role.OWNED)]
        holder = max(owned, key=lambda g: len(g.data(Role.GROUP).summaries)) if owned else target
        window.works.tree.expand(holder)
        children = [proxy.index(i, 0, holder) for i in range(proxy.rowCount(holder))]
        chosen = next((c for c in children if c.data(Role.OWNED)), children[0])
        window.works.tree.selectionModel().setCurrentIndex(
            chosen,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        window.works.tree.scrollTo(target)
        QTimer.singleShot(1500, save)

    def save() -> None:
        app.processEvents()
        pixmap = window.screen().grabWindow(0) if args.screen else window.grab()
        result["code"] = 0 if pixmap.save(args.out, "PNG") else 1
        window.close()
        app.quit()

    def stage_other() -> None:
        stage_view(window, args.view, lambda: QTimer.singleShot(800, save))

    staged = stage if args.view == "works" else stage_other
    window.record.refreshed.connect(lambda: QTimer.singleShot(300, staged))
    window.record.set_accounts([demo.session])
    QTimer.singleShot(int(args.timeout * 1000), app.quit)
    app.aboutToQuit.connect(ctx.shutdown)
    app.exec()
    return result["code"]


def stage_view(window, view: str, done) -> None:
    """Open ``view`` in ``window`` and run what it shows; call ``done`` when it is on screen."""
    from claimdesk.sandbox.seeds import DATACITE_PREFIX, DEMO_ORCID

    window.record.refreshed.disconnect()  # a claim or push re-reads the record: stage once
    if view == "search":
        from claimdesk.ui.search_view import install_search_view

        search = install_search_view(window)
        window.show_view("search")
        search.search_finished.connect(done)
        search.start_search()
    elif view == "public":
        from claimdesk.ui.public_view import PublicView

        public = PublicView(window.ctx)
        window.add_view(public, public.tr("Public record"), key="public")
        window.show_view("public")

        from PySide6.QtCore import QTimer

        public.missing_shown.connect(done)
        public.record_shown.connect(lambda: QTimer.singleShot(0, public.find_missing))
        public.look_up(DEMO_ORCID)
    elif view == "curator":
        from claimdesk.ui.curator_view import install_curator_view

        curator = install_curator_view(window)
        window.show_view("curator")
        curator.set_input("prefix", DATACITE_PREFIX)
        curator.run_finished.connect(done)
        curator.start_run()


if __name__ == "__main__":
    sys.exit(main())
