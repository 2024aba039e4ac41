"""A short list (an order's signatures) that is as tall as its lines, so the widget above
it keeps the room: a fixed-height list leaves an empty box or cuts a wrapped line."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QListWidget, QSizePolicy, QWidget


class FittedList(QListWidget):
    """A word-wrapped list whose height fits its lines at the current width: ``least``
    lines at least, ``most`` pixels at the most (then it scrolls)."""

    def __init__(self, most: int, least: int = 2, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.most, self.least = most, least
        self.setWordWrap(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def lines_height(self) -> int:
        """The height of every item's text, wrapped at the viewport's width."""
        metrics = self.fontMetrics()
        width = max(self.viewport().width() - 8, 40)  # the item's margins
        heights = [metrics.boundingRect(QRect(0, 0, width, 10_000), Qt.TextFlag.TextWordWrap,
                                        self.item(i).text()).height() + 2
                   for i in range(self.count())]
        heights += [metrics.lineSpacing() + 2] * max(0, self.least - self.count())
        return sum(heights)

    def sizeHint(self) -> QSize:
        wanted = self.lines_height() + 2 * self.frameWidth() + 4
        return QSize(super().sizeHint().width(), min(self.most, wanted))

    def minimumSizeHint(self) -> QSize:
        return QSize(super().minimumSizeHint().width(), min(self.most, self.sizeHint().height()))

    def refit(self) -> None:
        """Ask the layout again after the items changed."""
        self.updateGeometry()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():  # a new width wraps differently
            self.updateGeometry()
