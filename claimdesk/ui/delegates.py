"""Item delegates of the result tables: :class:`RichTextDelegate` paints an item's HTML (the
Search view's authors, the signed-in iD in bold colour), which a plain item view cannot.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QObject, QRectF
from PySide6.QtGui import QAbstractTextDocumentLayout, QPalette, QTextDocument
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem


class RichTextDelegate(QStyledItemDelegate):
    """Paints an item's rich text from ``role`` (the Search view's authors, the signed-in iD
    highlighted); the highlight colour gives way to the selection's text colour."""

    def __init__(self, role: int, highlight: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.role = role
        self.highlight = highlight

    def paint(self, painter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        text = index.data(self.role)
        if not text:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        doc = QTextDocument()
        doc.setDefaultFont(opt.font)
        doc.setDocumentMargin(0)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        if selected:  # green on the selection colour is hard to read; bold still tells
            text = text.replace(f' style="color:{self.highlight}"', "")
        doc.setHtml(text)
        rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, opt.widget)
        ctx = QAbstractTextDocumentLayout.PaintContext()
        active = bool(opt.state & QStyle.StateFlag.State_Active)
        group = QPalette.ColorGroup.Active if active else QPalette.ColorGroup.Inactive
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        ctx.palette.setColor(QPalette.ColorRole.Text, opt.palette.color(group, role))
        painter.save()
        painter.setClipRect(rect)
        top = rect.top() + max(0, (rect.height() - doc.size().height()) / 2)
        painter.translate(rect.left() + 2, top)
        doc.setTextWidth(-1)
        ctx.clip = QRectF(0, 0, rect.width(), rect.height())
        doc.documentLayout().draw(painter, ctx)
        painter.restore()
