"""Small input helpers shared by pages: tri-state answers and optional dates."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget


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


class DateField(QLineEdit):
    """An ISO date (YYYY-MM-DD) typed as text, so "not recorded" is simply empty.

    The text goes to the engine's case parser, which refuses a date that is not a
    real calendar date or is out of order, with a message naming the field.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText("YYYY-MM-DD")
        self.setMaxLength(10)
        self.setInputMask("")

    def value(self) -> str | None:
        text = self.text().strip()
        return text or None

    def set_value(self, value: str | None) -> None:
        self.setText(value or "")


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
