"""The Roadmap page as a clinician uses it: record when phases started (typing the date,
choosing the phase, clicking), see the dates and the next decision on the roadmap, correct
a date and mark one entered in error through their dialogs, save the treatment summary."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QLabel, QPushButton

from interfant_desktop.services import audit as audit_trail
from interfant_desktop.ui.dialogs.phase_start_dialog import PhaseStartDialog
from interfant_desktop.ui.pages.roadmap_page import RoadmapPage
from interfant_desktop.ui.workspace import PatientWorkspace
from tests.ui.test_correction_dialog import ok_button, on_dialog

PATIENT = "TRN-01"  # diagnosed 2026-03-10, day-8 response recorded: in induction


def _page(qtbot: Any, backend: Any) -> tuple[PatientWorkspace, RoadmapPage]:
    workspace = PatientWorkspace(backend, PATIENT)
    qtbot.addWidget(workspace)
    workspace.show()
    workspace.show_page(RoadmapPage)
    page = workspace.page(RoadmapPage)
    assert isinstance(page, RoadmapPage)
    return workspace, page


def _record(qtbot: Any, page: RoadmapPage, phase: str, typed: str) -> None:
    page.phase_choice.setCurrentIndex(page.phase_choice.findData(phase))
    page.start_field.clear()
    qtbot.keyClicks(page.start_field, typed)
    qtbot.mouseClick(page.record_button, Qt.MouseButton.LeftButton)


def _texts(page: RoadmapPage) -> list[str]:
    return [label.text() for label in page.view.findChildren(QLabel)]


def _button(row: Any, text: str) -> QPushButton:
    return next(b for b in row.findChildren(QPushButton) if b.text() == text)


def test_phases_recorded_by_typing_show_their_dates_on_the_roadmap(qtbot: Any, backend: Any) -> None:
    workspace, page = _page(qtbot, backend)
    _record(qtbot, page, "prephase", "2026-03-10")
    _record(qtbot, page, "induction", "2026-03-17")
    texts = _texts(page)
    assert any(t.startswith("Prednisone prephase") and "done" in t and "started 2026-03-10 (Tue)" in t
               for t in texts), texts
    assert any("NOW" in t and "started 2026-03-17 (Tue)" in t for t in texts), texts
    assert "since 2026-03-17 (Tue)" in page.banner.title()
    # RULES.md gives no date for the checklist before cycle 1: the page says so.
    assert "no expected date" in page.next_banner.title()
    assert "no date in the public sources" in page.next_banner.detail()
    assert [s.phase for s in page.starts.rows and backend.loaded_phase_starts(PATIENT)] == [
        "prephase", "induction"]
    events = [e for e in audit_trail.patient_history(backend.store, backend._user(), PATIENT)
              if e.field and e.field.startswith("phase_starts.")]
    assert [(e.action, e.field) for e in events] == [("record", "phase_starts.prephase"),
                                                     ("record", "phase_starts.induction")]
    assert workspace.version == backend.load_patient(PATIENT).version


def test_a_wrong_date_is_refused_beside_the_field(qtbot: Any, backend: Any) -> None:
    _workspace, page = _page(qtbot, backend)
    _record(qtbot, page, "induction", "2026-02-30")
    assert page.errors["start_date"].isVisible() and "not a date" in page.errors["start_date"].text()
    _record(qtbot, page, "induction", "2026-03-01")  # before the diagnosis: the services say so
    assert "before the diagnosis" in page.errors["start_date"].text()
    assert backend.loaded_phase_starts(PATIENT) == ()


def test_correct_and_entered_in_error_through_their_dialogs(qtbot: Any, backend: Any) -> None:
    _workspace, page = _page(qtbot, backend)
    _record(qtbot, page, "prephase", "2026-03-10")
    _record(qtbot, page, "induction", "2026-03-18")
    induction = next(s for s in backend.loaded_phase_starts(PATIENT) if s.phase == "induction")

    def correct(dialog: PhaseStartDialog) -> None:
        dialog.date.clear()
        qtbot.keyClicks(dialog.date, "2026-03-17")
        qtbot.mouseClick(ok_button(dialog), Qt.MouseButton.LeftButton)  # no reason yet: refused
        assert dialog.isVisible() and "Reason: required" in dialog.problem.text()
        qtbot.keyClicks(dialog.reason, "typed the day after")
        qtbot.mouseClick(ok_button(dialog), Qt.MouseButton.LeftButton)

    seen = on_dialog(PhaseStartDialog, correct)
    qtbot.mouseClick(_button(page.starts.rows[induction.id], "Correct date…"), Qt.MouseButton.LeftButton)
    assert seen
    assert any("started 2026-03-17 (Tue)" in t for t in _texts(page))

    prephase = next(s for s in backend.loaded_phase_starts(PATIENT) if s.phase == "prephase")

    def withdraw(dialog: PhaseStartDialog) -> None:
        qtbot.keyClicks(dialog.reason, "recorded for the wrong patient")
        qtbot.mouseClick(ok_button(dialog), Qt.MouseButton.LeftButton)

    on_dialog(PhaseStartDialog, withdraw)
    qtbot.mouseClick(_button(page.starts.rows[prephase.id], "Entered in error…"), Qt.MouseButton.LeftButton)
    row = page.starts.rows[prephase.id]
    label = row.findChild(QLabel)
    assert label is not None and label.font().strikeOut()
    assert "ENTERED IN ERROR: recorded for the wrong patient" in label.text()
    assert not row.findChildren(QPushButton)  # kept, no longer editable
    events = [(e.action, e.old_value, e.new_value, e.reason)
              for e in audit_trail.patient_history(backend.store, backend._user(), PATIENT)
              if e.field and e.field.startswith("phase_starts.")]
    assert ("correct", "2026-03-18", "2026-03-17", "typed the day after") in events
    assert ("entered_in_error", "2026-03-10", None, "recorded for the wrong patient") in events


def test_the_treatment_summary_is_saved_where_the_user_chooses(
        qtbot: Any, backend: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _workspace, page = _page(qtbot, backend)
    _record(qtbot, page, "induction", "2026-03-17")
    target = tmp_path / "summary.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *_a, **_k: (str(target), "PDF files (*.pdf)")))
    qtbot.mouseClick(page.summary_button, Qt.MouseButton.LeftButton)
    with pdfplumber.open(target) as pdf:
        text = pdf.pages[0].extract_text()
        assert len(pdf.pages) == 1
    assert "TREATMENT SUMMARY" in text and PATIENT in text and "2026-03-17 (Tue)" in text
    assert target.stat().st_mode & 0o077 == 0  # patient data: owner only
    assert dt.date.today().isoformat() in text  # the print date


def test_a_nurse_sees_the_phase_starts_read_only(qtbot: Any, backend: Any) -> None:
    from tests.ui.conftest import NURSE

    _workspace, page = _page(qtbot, backend)
    _record(qtbot, page, "induction", "2026-03-17")
    backend.sign_in(*NURSE)
    _nurse_ws, nurse_page = _page(qtbot, backend)
    assert not nurse_page.record_button.isEnabled()
    (row,) = nurse_page.starts.rows.values()
    assert [b.isEnabled() for b in row.findChildren(QPushButton)] == [False, False]
    assert nurse_page.summary_button.isEnabled()  # reading and printing the summary is allowed
