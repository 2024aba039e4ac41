"""Small input helpers shared by pages: tri-state answers and clinical dates."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtGui import QIcon, QKeyEvent
from PySide6.QtWidgets import (
    QCalendarWidget,
    QComboBox,
    QDialog,
    QLineEdit,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from interfant_desktop.ui.dialogs.parts import HintLineEdit
from interfant_desktop.ui.formatting import date_text


def iso(value: dt.date | None) -> str | None:
    """A recorded date as the date fields show it (ISO), or None."""
    return value.isoformat() if value is not None else None


class TriState(QComboBox):
    """Not recorded / Yes / No, mapped to ``None`` / ``True`` / ``False``."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.addItem(self.tr("Not recorded"), None)
        self.addItem(self.tr("Yes"), True)
        self.addItem(self.tr("No"), False)

    def value(self) -> bool | None:
        data = self.currentData()
        return None if data is None else bool(data)

    def set_value(self, value: bool | None) -> None:
        self.setCurrentIndex({None: 0, True: 1, False: 2}.get(value, 0))


class Choice(QComboBox):
    """A fixed list of case-file values with readable labels; the first item is "not recorded"."""

    def __init__(self, values: list[tuple[str | None, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        for value, label in values:
            self.addItem(label, value)

    def value(self) -> str | None:
        data = self.currentData()
        return None if data is None else str(data)

    def set_value(self, value: str | None) -> None:
        index = self.findData(value)
        self.setCurrentIndex(max(index, 0))


class DateField(HintLineEdit):
    """A clinical date, typed or picked from a calendar; "not recorded" is simply empty.

    It accepts ISO (2026-05-10) and the workstation locale's own date format with a
    four-digit year (e.g. 10.05.2026), and shows the date unambiguously once typed
    or picked: ``2026-05-10, Sun``. Alt+Down (or the calendar button) opens the
    calendar. What is not a date goes to the engine's case parser as typed, which
    refuses it with a message naming the field.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(self.tr("YYYY-MM-DD or {local}").format(
            local=local_date_format().upper()))
        self.setMaxLength(32)
        self.calendar_action = self.addAction(_calendar_icon(self),
                                              QLineEdit.ActionPosition.TrailingPosition)
        self.calendar_action.setToolTip(self.tr("Pick the date from a calendar (Alt+Down)"))
        self.calendar_action.triggered.connect(self.open_calendar)
        self.calendar: QCalendarWidget | None = None
        self.editingFinished.connect(self._show_unambiguously)

    def value(self) -> str | None:
        """The date as ISO text, the text as typed when it is no date, or None when empty."""
        text = self.text().strip()
        if not text:
            return None
        parsed = parse_date(text)
        return parsed.isoformat() if parsed is not None else text

    def set_value(self, value: str | None) -> None:
        parsed = parse_date(value) if value else None
        self.setText(date_text(parsed) if parsed is not None else value or "")

    def _show_unambiguously(self) -> None:
        parsed = parse_date(self.text().strip())
        if parsed is not None:
            self.setText(date_text(parsed))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Down and event.modifiers() & Qt.KeyboardModifier.AltModifier:
            self.open_calendar()
            return
        super().keyPressEvent(event)

    def open_calendar(self) -> bool:
        """Pick the date from a calendar, opened on the typed date (or today); True when
        a date was picked (Escape keeps the field as it was)."""
        dialog = QDialog(self)
        dialog.setObjectName("DateFieldCalendar")
        dialog.setWindowTitle(self.tr("Pick a date: {field}").format(field=self.accessibleName()))
        layout = QVBoxLayout(dialog)
        calendar = QCalendarWidget(dialog)
        calendar.setAccessibleName(self.tr("Calendar for {field}").format(
            field=self.accessibleName()))
        calendar.setGridVisible(True)
        day = parse_date(self.text().strip()) or dt.date.today()
        calendar.setSelectedDate(QDate(day.year, day.month, day.day))
        layout.addWidget(calendar)
        picked: list[QDate] = []

        def pick(chosen: QDate) -> None:
            picked.append(chosen)
            dialog.accept()

        calendar.clicked.connect(pick)
        calendar.activated.connect(pick)
        self.calendar = calendar
        dialog.exec()
        self.calendar = None
        dialog.deleteLater()
        if not picked:
            return False
        chosen = picked[-1]
        self.setText(date_text(dt.date(chosen.year(), chosen.month(), chosen.day())))
        self.setFocus()
        self.editingFinished.emit()
        return True


def local_date_format() -> str:
    """The workstation locale's short date format, with a four-digit year (no century
    is ever guessed)."""
    fmt = QLocale().dateFormat(QLocale.FormatType.ShortFormat)
    if "yyyy" not in fmt:
        fmt = fmt.replace("yy", "yyyy")
    return fmt


def parse_date(text: str) -> dt.date | None:
    """ISO (optionally followed by ", weekday") or the locale's date; None if neither."""
    iso_part = text.split(",", 1)[0].strip()
    try:
        return dt.date.fromisoformat(iso_part) if len(iso_part) == 10 else None
    except ValueError:
        pass
    local = QDate.fromString(text.strip(), local_date_format())
    if local.isValid():
        return dt.date(local.year(), local.month(), local.day())
    return None


def _calendar_icon(widget: QWidget) -> QIcon:
    themed = QIcon.fromTheme("x-office-calendar")
    if not themed.isNull():
        return themed
    return widget.style().standardIcon(QStyle.StandardPixmap.SP_FileDialogDetailedView)


def parse_number(text: str) -> float | str | None:
    """A typed number (comma or point), ``None`` when empty, or the text when it is not one."""
    cleaned = text.strip().replace(" ", "").replace(",", ".")
    if not cleaned:
        return None
    try:
        return float(cleaned)
    except ValueError:
        return text


def today_qdate() -> QDate:
    """Today as a QDate (for date pickers' upper bound)."""
    today = dt.date.today()
    return QDate(today.year, today.month, today.day)
