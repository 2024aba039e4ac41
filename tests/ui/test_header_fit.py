"""The patient header reads at a glance on the ward's screens, 1366 × 768 and 1920 × 1080
at 150 % (1280 logical pixels wide): for a usual patient the identity, "Risk: … · Now: …"
and the allergy status each take one line; the longest header (long name, allergies not
recorded, no diagnosis date) at most two each; and the header leaves the step list room
for all nine steps with the eligibility banner and a save confirmation shown. (It was one
row with the risk and phase squeezed into its narrowest column: four or five lines of two
words each, and at 150 % the steps "History" and "Infusion" scrolled out of sight.)"""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QLabel

from interfant_desktop.ui.pages.diagnosis_page import DiagnosisPage

#: the window's space in logical pixels, less a title and task bar (as tools/screenshots.py)
SCREENS = {"1366x768": (1366, 688), "1920x1080 at 150 %": (1280, 640)}


def lines(label: QLabel) -> int:
    """How many lines the word-wrapped label takes at its present width."""
    return round(label.heightForWidth(label.width()) / label.fontMetrics().lineSpacing())


@pytest.fixture
def workspace(qtbot: Any, window: Any) -> Any:
    """The longest header: a long name, allergies not recorded, no diagnosis date (so
    "Now: no phase yet (diagnosis date not recorded)"), and the eligibility banner."""
    study_id = window.backend.create_patient({"study_id": "FIT-03", "date_of_birth": "2026-01-05",
                                              "name": "Fictitious Longname-Doublebarrelled",
                                              "hospital_number": "0900999"})
    return window.open_patient(study_id)


def header_lines(ws: Any) -> dict[str, int]:
    return {label.accessibleName(): lines(label) for label in (ws.identity, ws.summary, ws.allergy_label)}


def check_shown_whole(window: Any, ws: Any) -> None:
    for label in (ws.identity, ws.summary, ws.allergy_label):  # each gets its lines
        assert label.height() >= label.heightForWidth(label.width()), label.accessibleName()
    for button in (ws.allergy_button, ws.identity_button, ws.correct_button, ws.back_button):
        right = button.mapTo(window, button.rect().bottomRight())
        assert window.rect().contains(right) and button.width() >= button.sizeHint().width()


@pytest.mark.parametrize("screen", SCREENS)
@pytest.mark.parametrize("study_id", ["TRN-09", "TRN-05", "TRN-14"])
def test_a_usual_header_takes_one_line_each(qtbot: Any, window: Any, screen: str,
                                            study_id: str) -> None:
    """TRN-05's "Now: Prednisone prephase (if eligible)" is the longest of the training set."""
    window.resize(*SCREENS[screen])
    ws = window.open_patient(study_id)
    QApplication.processEvents()
    assert set(header_lines(ws).values()) == {1}, (screen, header_lines(ws), ws.summary.width())
    check_shown_whole(window, ws)


@pytest.mark.parametrize("screen", SCREENS)
def test_the_longest_header_takes_two_lines_at_most(qtbot: Any, window: Any, workspace: Any,
                                                    screen: str) -> None:
    window.resize(*SCREENS[screen])
    QApplication.processEvents()
    ws = workspace
    assert "no phase yet (diagnosis date not recorded)" in ws.summary.text()
    assert "NOT RECORDED" in ws.allergy_label.text()
    assert max(header_lines(ws).values()) <= 2, (screen, header_lines(ws))
    check_shown_whole(window, ws)


@pytest.mark.parametrize("screen", SCREENS)
def test_all_nine_steps_show_with_the_banner_and_a_save_confirmation(
        qtbot: Any, window: Any, workspace: Any, screen: str) -> None:
    window.resize(*SCREENS[screen])
    ws = workspace
    ws.show_page(DiagnosisPage)
    diagnosis = ws.page(DiagnosisPage)
    diagnosis.wbc_value.setText("250")
    diagnosis.unit_e9.setChecked(True)
    diagnosis.wbc_reason.setText("lab report of today")
    diagnosis.save_wbc.click()
    QApplication.processEvents()
    assert ws.save_status.isVisible() and "Saved" in ws.save_status.text()
    assert ws.standing_banner.isVisible()
    bar = ws.steps.verticalScrollBar()
    assert bar.maximum() == 0, (screen, ws.steps.height(), bar.maximum())
    last = ws.steps.visualItemRect(ws.steps.item(ws.steps.count() - 1))
    assert ws.steps.viewport().rect().contains(last), (screen, last, ws.steps.viewport().rect())
