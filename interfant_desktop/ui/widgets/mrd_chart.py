"""MRD over time on a log scale, with the MRD thresholds of the protocol file.

Drawn with QPainter so it needs no extra module and scales crisply at any DPI.
Undetectable results sit on the floor of the chart as hollow circles marked
"UD"; positive-not-quantifiable results are drawn at their quantitative range
as triangles marked "PNQ" (the true value is at or below it).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from interfant_desktop.protocol import Protocol

LOG_MIN, LOG_MAX = -4.0, 2.0  # 0.0001 % .. 100 %; undetectable plotted below LOG_MIN


_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def threshold_label(percent: float) -> str:
    """``0.05`` -> ``0.05 % (5×10⁻⁴)``: the percent and the fraction of cells it means."""
    fraction = percent / 100
    exponent = math.floor(math.log10(fraction) + 1e-9)
    mantissa = round(fraction / 10 ** exponent, 6)
    power = f"10{str(exponent).translate(_SUPERSCRIPT)}"
    return f"{percent:g} % ({power if mantissa == 1 else f'{mantissa:g}×{power}'})"


def mrd_thresholds(protocol: Protocol) -> tuple[float, ...]:
    """The distinct MRD thresholds (percent) of the protocol file, highest first: the
    lines the rules R-EOI-MRD, R-EOI-SPLIT, R-B1-MRD and R-HSCT compare results with."""
    values = {value for name, value in protocol.thresholds.items()
              if "mrd" in name and name.endswith("_percent")}
    return tuple(sorted(values, reverse=True))


@dataclass(frozen=True)
class MrdPoint:
    """One plotted MRD result: ``kind`` is ``percent``, ``undetectable`` or ``pnq``."""

    date: dt.date
    label: str
    kind: str
    percent: float | None = None


class MrdChart(QWidget):
    """A log-scale chart of MRD results over time."""

    def __init__(self, thresholds: Iterable[float], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._points: list[MrdPoint] = []
        #: (percent, label) of the lines drawn across the chart
        self.thresholds = tuple((p, threshold_label(p)) for p in thresholds)
        self.setMinimumHeight(220)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setAccessibleName(self.tr("MRD chart, log scale, with thresholds {thresholds}").format(
            thresholds=", ".join(f"{p:g} %" for p, _ in self.thresholds)))

    def sizeHint(self) -> QSize:
        return QSize(560, 260)

    def set_points(self, points: list[MrdPoint]) -> None:
        """Replace the plotted results (any order; sorted by date)."""
        self._points = sorted(points, key=lambda p: p.date)
        described = "; ".join(
            f"{p.label} {p.date.isoformat()}: "
            + (f"{p.percent:g} %" if p.kind == "percent" else p.kind) for p in self._points)
        self.setAccessibleDescription(described or self.tr("No MRD results yet"))
        self.update()

    def points(self) -> list[MrdPoint]:
        """The plotted results, by date."""
        return list(self._points)

    # --- drawing -------------------------------------------------------------------
    def paintEvent(self, _event: object) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("white"))
        metrics = painter.fontMetrics()
        left = metrics.horizontalAdvance("0.0001 %") + 14
        right = max((metrics.horizontalAdvance(label) for _, label in self.thresholds),
                    default=0) + 12
        top, bottom = metrics.height(), metrics.height() * 2 + 10
        plot = QRectF(left, top, max(10, self.width() - left - right),
                      max(10, self.height() - top - bottom))
        floor_y = plot.bottom()
        span = LOG_MAX - (LOG_MIN - 0.9)

        def y_of(percent: float) -> float:
            value = max(LOG_MIN, min(LOG_MAX, math.log10(max(percent, 10 ** LOG_MIN))))
            return plot.bottom() - (value - (LOG_MIN - 0.9)) / span * plot.height()

        # Axis with decades.
        painter.setPen(QPen(QColor("#c5ccd3"), 1))
        painter.drawRect(plot)
        painter.setPen(QColor("#5f6b76"))
        for exponent in range(int(LOG_MIN), int(LOG_MAX) + 1):
            y = y_of(10 ** exponent)
            painter.setPen(QPen(QColor("#eceff3"), 1))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(QColor("#5f6b76"))
            text = f"{10 ** exponent:g} %"
            painter.drawText(QRectF(0, y - metrics.height() / 2, left - 6, metrics.height()),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, text)
        painter.drawText(QRectF(0, floor_y - 6 - metrics.height() / 2, left - 6, metrics.height()),
                         Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                         self.tr("undet."))

        # Threshold lines: dashed, each with a different dash pattern and a label.
        styles = (Qt.PenStyle.DashLine, Qt.PenStyle.DashDotLine, Qt.PenStyle.DotLine)
        for index, (percent, label) in enumerate(self.thresholds):
            style = styles[index % len(styles)]
            y = y_of(percent)
            painter.setPen(QPen(QColor("#9b1c1c"), 1.5, style))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(QColor("#9b1c1c"))
            painter.drawText(QRectF(plot.right() + 4, y - metrics.height() / 2, right,
                                    metrics.height()), Qt.AlignmentFlag.AlignVCenter, label)

        if not self._points:
            painter.setPen(QColor("#5f6b76"))
            painter.drawText(plot, Qt.AlignmentFlag.AlignCenter, self.tr("No MRD results yet"))
            painter.end()
            return

        first, last = self._points[0].date, self._points[-1].date
        days = max(1, (last - first).days)
        inset = 30.0

        def x_of(when: dt.date) -> float:
            if len(self._points) == 1:
                return plot.center().x()
            return plot.left() + inset + (when - first).days / days * (plot.width() - 2 * inset)

        line = QPainterPath()
        for index, point in enumerate(self._points):
            y = floor_y - 6 if point.kind == "undetectable" else y_of(point.percent or 0.0)
            pos = QPointF(x_of(point.date), y)
            if index == 0:
                line.moveTo(pos)
            else:
                line.lineTo(pos)
        painter.setPen(QPen(QColor("#1d5fa8"), 2))
        painter.drawPath(line)

        small = QFont(painter.font())
        small.setPointSizeF(max(6.0, small.pointSizeF() * 0.85))
        for point in self._points:
            x = x_of(point.date)
            if point.kind == "undetectable":
                pos = QPointF(x, floor_y - 6)
                painter.setPen(QPen(QColor("#1d5fa8"), 2))
                painter.setBrush(QColor("white"))
                painter.drawEllipse(pos, 5, 5)
                tag = "UD"
            elif point.kind == "pnq":
                pos = QPointF(x, y_of(point.percent or 0.0))
                triangle = QPainterPath()
                triangle.moveTo(pos + QPointF(0, 6))
                triangle.lineTo(pos + QPointF(-6, -5))
                triangle.lineTo(pos + QPointF(6, -5))
                triangle.closeSubpath()
                painter.setPen(QPen(QColor("#1d5fa8"), 2))
                painter.setBrush(QColor("white"))
                painter.drawPath(triangle)
                tag = f"PNQ ≤{point.percent:g} %"
            else:
                pos = QPointF(x, y_of(point.percent or 0.0))
                painter.setPen(QPen(QColor("#1d5fa8"), 2))
                painter.setBrush(QColor("#1d5fa8"))
                painter.drawEllipse(pos, 5, 5)
                tag = f"{point.percent:g} %"
            painter.setPen(QColor("#1f2933"))
            painter.setFont(small)
            # Tags go on the side away from the threshold labels on the right edge.
            if pos.x() > plot.center().x():
                width = painter.fontMetrics().horizontalAdvance(tag)
                painter.drawText(QPointF(pos.x() - 8 - width, pos.y() - 6), tag)
            else:
                painter.drawText(QPointF(pos.x() + 8, pos.y() - 6), tag)
            label_rect = QRectF(x - 70, plot.bottom() + 4, 140, metrics.height() * 2)
            painter.drawText(label_rect, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                             f"{point.label}\n{point.date.isoformat()}")
            painter.setFont(self.font())
            painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.end()
