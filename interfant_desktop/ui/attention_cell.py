"""The patient list's "Needs attention" cell: every flag when they fit, else as many as fit
in a few words and how many more ("⚠ Missing MRD (end of induction) +1 more").

A physician scanning the list must read what needs attention, not the start of a sentence
cut off by "…". The model holds each flag in full (the engine's words: the tooltip, the
accessible text, a copy) and in a few words; the delegate chooses, for the column's width
as it is drawn, the longest of these that fits:

1. every flag in full, 2. every flag in a few words, 3. the first flags in a few words and
"+N more", 4. the first flag's few words cut short, with "+N more" kept whole.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from interfant_desktop.ui.patient_list_model import ATTENTION_ROLE

MARK = "⚠ "


def cell_text(full: Sequence[str], brief: Sequence[str], width: int, metrics: QFontMetrics) -> str:
    """The cell's text for ``width`` pixels (see the module's docstring for the order)."""
    if not full:
        return ""

    def fits(text: str) -> bool:
        return metrics.horizontalAdvance(text) <= width

    separator = QCoreApplication.translate("AttentionCell", "; ")
    whole = MARK + separator.join(full)
    if fits(whole):
        return whole
    short = list(brief) if len(brief) == len(full) else list(full)
    if fits(MARK + separator.join(short)):
        return MARK + separator.join(short)
    for shown in range(len(short) - 1, 0, -1):
        text = MARK + separator.join(short[:shown]) + more_text(len(short) - shown)
        if fits(text):
            return text
    more = more_text(len(short) - 1) if len(short) > 1 else ""
    first = metrics.elidedText(MARK + short[0], Qt.TextElideMode.ElideRight,
                               max(0, width - metrics.horizontalAdvance(more)))
    return first + more


def more_text(count: int) -> str:
    """`` +2 more``: how many flags the cell leaves to its tooltip."""
    return " " + QCoreApplication.translate("AttentionCell", "+{n} more").format(n=count)


def text_width(option: QStyleOptionViewItem) -> int:
    """The pixels the item's text has in ``option.rect`` (less Qt's text margins)."""
    widget = option.widget
    style = widget.style() if widget is not None else QApplication.style()
    rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, option, widget)
    margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, widget) + 1
    return rect.width() - 2 * margin


class AttentionDelegate(QStyledItemDelegate):
    """Draws the "Needs attention" cell with :func:`cell_text` for the column's width."""

    def initStyleOption(self, option: QStyleOptionViewItem,
                        index: QModelIndex | QPersistentModelIndex) -> None:
        super().initStyleOption(option, index)
        flags = index.data(ATTENTION_ROLE)
        if flags and option.rect.width() > 0:  # (no width: a size hint, for the whole text)
            full, brief = flags
            option.text = cell_text(full, brief, text_width(option), option.fontMetrics)
