"""Clinical dates: picked from a calendar or typed as ISO or in the workstation's own
format, always shown unambiguously, stored as ISO dates; times in local time with zone."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QDate, QLocale, Qt

from interfant_desktop.ui.formatting import date_text, local_time_text
from interfant_desktop.ui.pages.diagnosis_page import DiagnosisPage
from interfant_desktop.ui.pages.widgets_common import DateField
from tests.ui.conftest import answer_next_dialog


@pytest.fixture
def german_workstation() -> Iterator[None]:
    previous = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.German, QLocale.Country.Germany))
    yield
    QLocale.setDefault(previous)


def test_a_date_is_picked_from_the_calendar_and_saved_as_iso(qtbot: Any, window: Any) -> None:
    ws = window.open_patient("TRN-01")
    ws.show_page(DiagnosisPage)
    page = ws.page(DiagnosisPage)
    assert page.pred_date.text().endswith(", " + QLocale().dayName(
        page.recorded.prednisone_response.date.isoweekday(), QLocale.FormatType.ShortFormat))
    page.pred_date.setFocus()
    seen: list[Any] = []

    def pick(dialog: Any) -> None:
        calendar = page.pred_date.calendar
        seen.append(calendar)
        calendar.clicked.emit(QDate(2026, 5, 10))

    answer_next_dialog(qtbot, pick)
    qtbot.keyClick(page.pred_date, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert seen and seen[0] is not None, "Alt+Down opened no calendar"
    assert page.pred_date.calendar is None  # closed once picked
    assert page.pred_date.text() == "2026-05-10, Sun"
    assert page.pred_date.value() == "2026-05-10"
    qtbot.keyClicks(page.pred_reason, "day-8 count, date corrected")
    qtbot.mouseClick(page.save_pred, Qt.MouseButton.LeftButton)
    assert ws.case_file["prednisone_response"]["date"] == "2026-05-10"


def test_the_locale_format_is_accepted_and_shown_unambiguously(
        qtbot: Any, german_workstation: None) -> None:
    field = DateField()
    qtbot.addWidget(field)
    field.show()
    field.setFocus()
    qtbot.keyClicks(field, "10.05.2026")  # German: day.month.year
    assert field.value() == "2026-05-10"
    field.editingFinished.emit()
    assert field.text().startswith("2026-05-10, ")
    field.clear()
    qtbot.keyClicks(field, "2026-05-10")
    assert field.value() == "2026-05-10"
    field.clear()
    qtbot.keyClicks(field, "10.05.26")  # a two-digit year: no century is guessed
    assert field.value() == "10.05.26"  # goes to the parser as typed, which refuses it


def test_every_clinical_date_field_has_a_calendar(qtbot: Any, window: Any) -> None:
    ws = window.open_patient("TRN-01")
    fields = [f for page in ws.pages for f in page.findChildren(DateField)]
    assert len(fields) >= 6
    for field in fields:
        assert field.calendar_action in field.actions(), field.accessibleName()


def test_times_are_local_with_their_zone() -> None:
    moment = dt.datetime(2026, 5, 10, 12, 0, tzinfo=dt.UTC)
    text = local_time_text(moment)
    local = moment.astimezone()
    assert text == f"{date_text(local.date())} {local:%H:%M} {local.tzname()}"
