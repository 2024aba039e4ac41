"""Share a grid row's width between word-wrapped labels by what each needs on one line."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtGui import Qt, QTextDocument  # (QtGui's Qt has mightBeRichText)
from PySide6.QtWidgets import QGridLayout, QLabel, QWidget


def one_line_width(widget: QWidget) -> int:
    """The width ``widget`` needs to show its text on one line (a label's rich text
    included); any other widget, its preferred width."""
    if not isinstance(widget, QLabel):
        return widget.sizeHint().width()
    document = QTextDocument()
    document.setDocumentMargin(0)
    document.setDefaultFont(widget.font())
    text, form = widget.text(), widget.textFormat()
    if form == Qt.TextFormat.RichText or (form == Qt.TextFormat.AutoText and Qt.mightBeRichText(text)):
        document.setHtml(text)
    else:
        document.setPlainText(text)
    return int(document.idealWidth()) + 2 * widget.margin() + 1


def share_by_need(layout: QGridLayout, columns: dict[int, Sequence[QWidget]]) -> None:
    """Stretch each column of ``layout`` by the widest one-line need of its widgets, so
    that the room is shared in proportion: when everything fits, each label gets one line;
    when not, each wraps about as much as the others (equal stretches squeezed a short
    text beside a long one into four or five lines of two words)."""
    for column, widgets in columns.items():
        layout.setColumnStretch(column, max([1, *(one_line_width(w) for w in widgets)]))
