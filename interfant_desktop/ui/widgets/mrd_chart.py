"""MRD over time on a log scale, with the MRD thresholds of the protocol file.

Drawn with QPainter so it needs no extra module and scales crisply at any DPI.
Undetectable results sit on the floor of the chart as hollow circles marked
"UD"; positive-not-quantifiable results are drawn at their quantitative range
as triangles marked "PNQ" (the true value is at or below it).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Iterable, Mapping
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


def threshold_rules(protocol: Protocol) -> dict[float, str]:
    """Per MRD threshold, the rules that compare with it and how, in the rules' own words
    (``0.01`` -> ``R-B1-MRD > / < 0.01 % · R-HSCT < 0.01 %``): read from the protocol file's rule texts,
    so the chart never says "≤" where a rule says "<"."""
    out: dict[float, str] = {}
    for percent in mrd_thresholds(protocol):
        shown = re.escape(f"{percent:g}")
        pattern = re.compile(rf"([<>≤≥])\s*{shown}\s*%")
        found: list[str] = []
        for rule_id, rule in protocol.rules.items():
            ops = list(dict.fromkeys(pattern.findall(rule.text)))
            if ops:
                found.append(f"{rule_id} {' / '.join(ops)} {percent:g} %")
        out[percent] = " · ".join(found)
    return out


@dataclass(frozen=True)
class MrdPoint:
    """One plotted MRD result: ``kind`` is ``percent``, ``undetectable`` or ``pnq``."""

    date: dt.date
    label: str
    kind: str
    percent: float | None = None


class MrdChart(QWidget):
    """A log-scale chart of MRD results over time."""

    def __init__(self, thresholds: Iterable[float], parent: QWidget | None = None,
                 rules: Mapping[float, str] | None = None) -> None:
        super().__init__(parent)
        self._points: list[MrdPoint] = []
        #: every text box drawn for the points (tags, date labels), for the overlap check
        self.drawn_labels: list[tuple[QRectF, str]] = []
        #: (percent, label) of the lines drawn across the chart
        self.thresholds = tuple((p, threshold_label(p)) for p in thresholds)
        #: per threshold, the rules comparing with it and their operator (threshold_rules)
        self.rules = dict(rules or {})
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
        self.drawn_labels = []
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("white"))
        metrics = painter.fontMetrics()
        left = metrics.horizontalAdvance("0.0001 %") + 14
        right = 12  # threshold labels sit inside the plot, above their lines
        top, bottom = metrics.height(), metrics.height() * 4 + 12  # two staggered label rows
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
            rules = self.rules.get(percent)
            text = f"{label}:  {rules}" if rules else label
            width = metrics.horizontalAdvance(text) + 4
            above = QRectF(plot.right() - 4 - width, y - metrics.height() - 1, width, metrics.height())
            rect = above if not any(above.intersects(o) for o, _ in self.drawn_labels) \
                else above.translated(0, metrics.height() + 2)  # below its line instead
            self.drawn_labels.append((rect, text))
            painter.drawText(rect, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom, text)

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
                # positive below the QR: no operator
                tag = self.tr("PNQ, QR {percent:g} %").format(percent=point.percent)
            else:
                pos = QPointF(x, y_of(point.percent or 0.0))
                painter.setPen(QPen(QColor("#1d5fa8"), 2))
                painter.setBrush(QColor("#1d5fa8"))
                painter.drawEllipse(pos, 5, 5)
                tag = f"{point.percent:g} %"
            painter.setPen(QColor("#1f2933"))
            painter.setFont(small)
            # Tags go on the inner side of the point; a tag that would cover another (several
            # results on one day) moves down until it is clear.
            tag_metrics = painter.fontMetrics()
            width = tag_metrics.horizontalAdvance(tag) + 2
            left_x = pos.x() - 8 - width if pos.x() > plot.center().x() else pos.x() + 8
            rect = QRectF(left_x, pos.y() - 6 - tag_metrics.ascent(), width, tag_metrics.height())
            while any(rect.intersects(other) for other, _ in self.drawn_labels):
                rect.translate(0, tag_metrics.height())
            self.drawn_labels.append((rect, tag))
            painter.drawText(rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, tag)
            painter.setFont(self.font())
            painter.setBrush(Qt.BrushStyle.NoBrush)
        self._date_labels(painter, plot, x_of)
        painter.end()

    def _date_labels(self, painter: QPainter, plot: QRectF, x_of: Callable[[dt.date], float]) -> None:
        """One label per sample date under the axis (time points of the same day joined);
        a label that would overlap the one before goes on a second row."""
        metrics = painter.fontMetrics()
        by_date: dict[dt.date, list[str]] = {}
        for point in self._points:
            names = by_date.setdefault(point.date, [])
            if point.label not in names:
                names.append(point.label)
        painter.setPen(QColor("#1f2933"))
        ends = [-1e9, -1e9]  # right edge of the last label on each row
        for when, names in by_date.items():
            lines = [" + ".join(names), when.isoformat()]
            width = max(metrics.horizontalAdvance(t) for t in lines) + 8
            x = min(max(x_of(when) - width / 2, 0.0), self.width() - width)
            row = 0 if x >= ends[0] else 1 if x >= ends[1] else 0
            ends[row] = x + width
            rect = QRectF(x, plot.bottom() + 4 + row * metrics.height() * 2, width,
                          metrics.height() * 2)
            self.drawn_labels.append((rect, "\n".join(lines)))
            painter.drawText(rect, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                             "\n".join(lines))
