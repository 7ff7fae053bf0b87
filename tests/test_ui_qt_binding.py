"""The Qt binding claimdesk runs on keeps Python's reference counts right.

PySide6 6.12.0 drops a reference to ``None`` every time a Python model's ``data()`` answers
``None`` through Qt (an unset role: many per painted cell). On Python 3.11, where ``None`` is
not immortal, a long session then crashes ("none_dealloc"). pyproject.toml keeps that version
out; this test fails on any binding that brings the fault back.
"""

from __future__ import annotations

import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSortFilterProxyModel, Qt  # noqa: E402


class _Nothing(QAbstractTableModel):
    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008, N802
        return 1

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008, N802
        return 1

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        return None


def test_data_answering_none_through_qt_keeps_none_alive(qapp):
    model = _Nothing()
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    index = proxy.index(0, 0)
    before = sys.getrefcount(None)
    for _ in range(2000):
        assert index.data(Qt.ItemDataRole.DecorationRole) is None
    # Other objects may take or drop a few references meanwhile; the fault drops 2 per call.
    assert sys.getrefcount(None) - before > -100
