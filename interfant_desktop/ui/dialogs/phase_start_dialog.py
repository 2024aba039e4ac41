"""Correct a recorded phase start, or mark it entered in error: always with a reason.

The dialog only collects the new date and the reason; the services check them (a date
before the diagnosis, after a later phase, in the future) and the workspace shows a
refusal. Nothing is deleted: the old date stays in the history.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QDialog, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from interfant_desktop.services.phases import PhaseStartView
from interfant_desktop.ui.dialogs.parts import problem_and_ok_cancel
from interfant_desktop.ui.pages.widgets_common import DateField


def day_text(day: dt.date) -> str:
    """A date no reader can misread: ISO with the weekday, ``2026-05-10 (Sun)``."""
    return f"{day.isoformat()} ({day:%a})"


def parse_day(text: str | None) -> dt.date | None:
    """A typed ISO date, or None when it is not one."""
    try:
        return dt.date.fromisoformat((text or "").strip())
    except ValueError:
        return None


class PhaseStartDialog(QDialog):
    """``correct=True``: a new start date and the reason; otherwise the reason the entry
    is wrong (it is then marked entered in error)."""

    def __init__(self, start: PhaseStartView, correct: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.start, self.correct = start, correct
        self.setObjectName("PhaseStartDialog")
        self.setWindowTitle(self.tr("Correct the start date") if correct
                            else self.tr("Mark the start entered in error"))
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("{phase}: recorded start {date}, by {who}.").format(
            phase=start.label, date=day_text(start.start_date), who=start.recorded_by))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        if not correct:
            note = QLabel(self.tr("The entry is kept, struck through, with your reason; the "
                                  "roadmap no longer counts it."))
            note.setWordWrap(True)
            note.setObjectName("Muted")
            layout.addWidget(note)
        form = QFormLayout()
        self.date = DateField()
        self.date.setAccessibleName(self.tr("New start date"))
        if correct:
            self.date.set_value(start.start_date.isoformat())
            form.addRow(self.tr("New start &date"), self.date)
        self.reason = QLineEdit()
        self.reason.setAccessibleName(self.tr("Reason"))
        self.reason.setPlaceholderText(self.tr("Why is the recorded date wrong?"))
        form.addRow(self.tr("&Reason"), self.reason)
        layout.addLayout(form)
        self.problem = problem_and_ok_cancel(
            self, layout, self.tr("&Correct") if correct else self.tr("Mark entered in &error"))
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 36)

    def new_date(self) -> dt.date | None:
        return parse_day(self.date.value())

    def accept(self) -> None:
        """Refuse an empty reason or an unreadable date here, naming the field."""
        if self.correct and self.new_date() is None:
            self._refuse(self.tr("New start date: not a date (YYYY-MM-DD)"))
            return
        if not self.reason.text().strip():
            self._refuse(self.tr("Reason: required"))
            return
        super().accept()

    def _refuse(self, text: str) -> None:
        self.problem.setText("✖ " + text)
        self.problem.show()
        self.adjustSize()
