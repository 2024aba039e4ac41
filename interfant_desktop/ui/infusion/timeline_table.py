"""The cycle timeline: one row per calendar day, in as many columns as the page has room for.

Wide (the page of a 1366 × 768 screen at 100 %, or 1920 × 1080 at 150 %): ten columns, day,
date, hours given, bags, stops, assessments (grades → actions), worst CRS, worst ICANS,
premedication due, in hospital. Narrow (a 1366 × 768 screen at 150 %, 910 logical pixels):
the same facts in four columns: the day (number, date, in hospital), the infusion (hours
given, bags, stops), the assessments (with the day's worst grades when there are several),
and premedication due.

Cells wrap, and a column is never narrower than the widest piece of its text that must not be
broken: a date, a number with its unit, a grade with its name, a rule ID. So no dose, date
or status is ever cut or elided, and the table does not scroll sideways while it fits at
all. The engine arranged the days (``protocol.timeline``); nothing is decided here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QResizeEvent, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyle,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from interfant_desktop.protocol.interruptions import InterruptionResult
from interfant_desktop.protocol.spans import duration_text
from interfant_desktop.protocol.timeline import BagTime, Premedication, TimelineDay
from interfant_desktop.protocol.toxicity import ToxicityResult

# Qt does not break a line at a no-break space (a number stays with its unit), nor at an
# invisible word joiner (put after each hyphen of a rule ID: "R-TOX-CRS-3").
NO_BREAK = "\u00a0"
JOINER = "\u2060"


def _tr(text: object) -> str:
    """``text`` (a catalogue source, QT_TRANSLATE_NOOP's too) in the user's language."""
    return QCoreApplication.translate("TimelineTable", str(text))


def _grade(value: int | None) -> str:
    return "—" if value is None else str(value)


def unbroken(text: str) -> str:
    """``text`` (a number and its unit, a grade and its name) that never wraps inside."""
    return text.replace(" ", NO_BREAK)


def rule_id(rule: str) -> str:
    """A rule ID that never wraps at its hyphens (it looks and reads the same)."""
    return rule.replace("-", "-" + JOINER)


def hours_text(hours: float) -> str:
    return unbroken(QCoreApplication.translate("TimelineTable", "{hours} h").format(hours=f"{hours:g}"))


def crs_text(grade: int | None) -> str:
    return unbroken(QCoreApplication.translate("TimelineTable", "CRS {grade}").format(grade=_grade(grade)))


def icans_text(grade: int | None) -> str:
    return unbroken(QCoreApplication.translate("TimelineTable", "ICANS {grade}").format(grade=_grade(grade)))


def bag_text(bag: BagTime) -> str:
    return f"#{bag.number} {bag.hang:%H:%M} ({duration_text(bag.hours)})"


def stop_text(item: InterruptionResult) -> str:
    hours = (QCoreApplication.translate("TimelineTable", "(open)") if item.hours is None
             else hours_text(item.hours))
    return QCoreApplication.translate("TimelineTable", "stop {time} {hours}").format(
        time=item.interruption.stopped.strftime("%H:%M"), hours=hours)


def assessment_text(result: ToxicityResult) -> str:
    """``06:30 CRS 3 ICANS 1 → R-TOX-CRS-3``: the time, the engine's grades, the actions' rules."""
    text = " ".join((result.assessment.at.strftime("%H:%M"), crs_text(result.crs.grade),
                     icans_text(result.icans.grade)))
    if result.actions:
        text += " →" + NO_BREAK + ", ".join(rule_id(x.rule) for x in result.actions)
    return text


def premedication_text(item: Premedication) -> str:
    """``dexamethasone 1.6 mg before the first dose of cycle 1`` (the engine's words for when)."""
    if item.dose_mg is None:
        return item.why
    dose = unbroken(QCoreApplication.translate("TimelineTable", "{dose} mg").format(dose=f"{item.dose_mg:g}"))
    return QCoreApplication.translate("TimelineTable", "dexamethasone {dose} {why}").format(
        dose=dose, why=item.why)


def _hours(day: TimelineDay) -> str:
    return "" if day.infusion_hours is None else f"{day.infusion_hours:g}"


def _worst(day: TimelineDay, value: int | None) -> str:
    return _grade(value) if day.assessments else ""


def _day_lines(day: TimelineDay) -> str:
    lines = [QCoreApplication.translate("TimelineTable", "day {n}").format(n=day.day), day.date.isoformat()]
    if day.hospitalised:
        lines.append(QCoreApplication.translate("TimelineTable", "in hospital"))
    return "\n".join(lines)


def _infusion_lines(day: TimelineDay) -> str:
    lines = [] if day.infusion_hours is None else [
        QCoreApplication.translate("TimelineTable", "{hours} given").format(
            hours=hours_text(day.infusion_hours))]
    events = [(b.hang, QCoreApplication.translate("TimelineTable", "bag {bag}").format(bag=bag_text(b)))
              for b in day.bags]
    events += [(i.interruption.stopped, stop_text(i)) for i in day.interruptions]
    lines += [text for _at, text in sorted(events, key=lambda event: event[0])]  # in the order they happened
    return "\n".join(lines)


def _assessment_lines(day: TimelineDay) -> str:
    lines = [assessment_text(a) for a in day.assessments]
    if len(day.assessments) > 1:  # (one assessment is the day's worst itself)
        lines.append(QCoreApplication.translate("TimelineTable", "worst of the day: {crs}, {icans}").format(
            crs=crs_text(day.worst_crs), icans=icans_text(day.worst_icans)))
    return "\n".join(lines)


@dataclass(frozen=True)
class Column:
    """One column: its title (catalogue source), its preferred width in digits (0: it takes
    what the others leave), and its text for a day."""

    title: object  # QT_TRANSLATE_NOOP's text
    digits: int
    text: Callable[[TimelineDay], str]


WIDE = (
    Column(QT_TRANSLATE_NOOP("TimelineTable", "Day"), 5, lambda d: str(d.day)),
    Column(QT_TRANSLATE_NOOP("TimelineTable", "Date"), 11, lambda d: d.date.isoformat()),
    Column(QT_TRANSLATE_NOOP("TimelineTable", "Hours\ngiven"), 7, _hours),
    Column(QT_TRANSLATE_NOOP("TimelineTable", "Bags"), 12, lambda d: ", ".join(map(bag_text, d.bags))),
    Column(QT_TRANSLATE_NOOP("TimelineTable", "Stops"), 11,
           lambda d: "; ".join(map(stop_text, d.interruptions))),
    Column(QT_TRANSLATE_NOOP("TimelineTable", "Assessments\n(grades → actions)"), 0,
           lambda d: "; ".join(map(assessment_text, d.assessments))),
    Column(QT_TRANSLATE_NOOP("TimelineTable", "Worst\nCRS"), 7, lambda d: _worst(d, d.worst_crs)),
    Column(QT_TRANSLATE_NOOP("TimelineTable", "Worst\nICANS"), 7, lambda d: _worst(d, d.worst_icans)),
    Column(QT_TRANSLATE_NOOP("TimelineTable", "Premedication\ndue"), 20,
           lambda d: "; ".join(map(premedication_text, d.premedication))),
    Column(QT_TRANSLATE_NOOP("TimelineTable", "In\nhospital"), 9,
           lambda d: QCoreApplication.translate("TimelineTable", "yes") if d.hospitalised else ""),
)
NARROW = (
    Column(QT_TRANSLATE_NOOP("TimelineTable", "Day"), 11, _day_lines),
    Column(QT_TRANSLATE_NOOP("TimelineTable", "Infusion"), 19, _infusion_lines),
    Column(QT_TRANSLATE_NOOP("TimelineTable", "Assessments\n(grades → actions)"), 0, _assessment_lines),
    Column(QT_TRANSLATE_NOOP("TimelineTable", "Premedication\ndue"), 18,
           lambda d: "\n".join(map(premedication_text, d.premedication))),
)


class TimelineTable(QTableWidget):
    """The days of one cycle (see the module docstring); :meth:`show_days` fills it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, len(WIDE), parent)
        self.days: tuple[TimelineDay, ...] = ()
        self.columns: Sequence[Column] = WIDE
        self.verticalHeader().setVisible(False)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setWordWrap(True)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        # A hidden header with the titles of both layouts measures them as the shown one
        # would (style sheet, font, padding), whichever layout is shown.
        self._titles_model = QStandardItemModel(0, len(WIDE) + len(NARROW), self)
        self._titles_model.setHorizontalHeaderLabels([_tr(c.title) for c in (*WIDE, *NARROW)])
        self._titles = QHeaderView(Qt.Orientation.Horizontal, self)
        self._titles.setModel(self._titles_model)
        self._titles.hide()
        self._fill()

    def show_days(self, days: tuple[TimelineDay, ...]) -> None:
        self.days = days
        self._fill()
        self._fit()

    def column_texts(self, key: str) -> list[str]:
        """Every row's text of the column titled ``key`` (English title) in the present layout."""
        column = next(i for i, c in enumerate(self.columns) if c.title == key)
        return [cell.text() if (cell := self.item(row, column)) else "" for row in range(self.rowCount())]

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    # --- layout ----------------------------------------------------------------------------
    def _fill(self) -> None:
        """The cells of :attr:`columns` for :attr:`days`."""
        self.setColumnCount(len(self.columns))
        self.setHorizontalHeaderLabels([_tr(c.title) for c in self.columns])
        self.setRowCount(len(self.days))
        for row, day in enumerate(self.days):
            for column, spec in enumerate(self.columns):
                text = spec.text(day)
                cell = QTableWidgetItem(text)
                cell.setToolTip(text)
                self.setItem(row, column, cell)

    def _room(self) -> int:
        """The width the columns may take: the viewport, less a vertical scrollbar's width
        whether or not it is shown (so its coming and going never makes the table scroll
        sideways)."""
        bar = self.verticalScrollBar()
        return self.width() - 2 * self.frameWidth() - max(bar.sizeHint().width(), 0)

    def _fit(self) -> None:
        """Choose the layout the room allows, size the columns, then the rows."""
        room = self._room()
        wide = self._widths(WIDE, room)
        columns = WIDE if wide is not None else NARROW
        if columns is not self.columns:
            self.columns = columns
            self._fill()
        widths = wide or self._widths(NARROW, room) or self._least(NARROW)
        for column, width in enumerate(widths):
            self.setColumnWidth(column, width)
        self.resizeRowsToContents()

    def _least(self, columns: Sequence[Column]) -> list[int]:
        """Each column's narrowest width that still shows its title and its longest
        unbreakable piece of text whole (Qt's text margins, the grid line and the header's
        padding around them)."""
        metrics = self.fontMetrics()
        margin = 2 * (self.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, self) + 1) + 2
        first = 0 if columns is WIDE else len(WIDE)
        self._titles.ensurePolished()
        least = []
        for column, spec in enumerate(columns):
            pieces = {piece for day in self.days for piece in spec.text(day).replace("\n", " ").split(" ")}
            widest = max((metrics.horizontalAdvance(p) for p in pieces), default=0)
            least.append(max(self._titles.sectionSizeHint(first + column), widest + margin))
        return least

    def _widths(self, columns: Sequence[Column], room: int) -> list[int] | None:
        """Column widths for ``columns`` that fill ``room`` exactly, or None when they do not
        fit. The wide layout needs every column at its preferred width; the narrow one gives
        up its preferred widths, down to the least, before it gives up."""
        least = self._least(columns)
        digit = self.fontMetrics().horizontalAdvance("0")
        preferred = [max(low, c.digits * digit) for low, c in zip(least, columns, strict=True)]
        stretch = next(i for i, c in enumerate(columns) if c.digits == 0)
        if sum(preferred) <= room:
            widths = preferred
        elif columns is WIDE or sum(least) > room:
            return None
        else:  # share what is left above the least in proportion to what each would like
            spare, wanted = room - sum(least), sum(preferred) - sum(least)
            widths = [low + (want - low) * spare // wanted
                      for low, want in zip(least, preferred, strict=True)]
        widths[stretch] += room - sum(widths)
        return widths
