"""The correction dialog, driven as a clinician would (type, click): a corrected value, an
MRD result entered in error (struck through in the history), several results at one time
point in date order, and a date of birth confirmed by a second person."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPushButton

from interfant_desktop.services import corrections, patients
from interfant_desktop.ui.dialogs.correction_dialog import (
    CorrectionDialog,
    FactPickerDialog,
    SecondPersonDialog,
)
from interfant_desktop.ui.pages.diagnosis_page import DiagnosisPage
from interfant_desktop.ui.pages.history_page import HistoryPage
from interfant_desktop.ui.pages.induction_page import InductionPage
from interfant_desktop.ui.workspace import PatientWorkspace
from tests.ui.conftest import add_user_with_own_password, on_dialog, open_workspace, shown_page

HR_PATIENT = "TRN-12"  # poor prednisone response (5000 blasts/µL): HR


def _workspace(qtbot: Any, backend: Any, study_id: str = HR_PATIENT) -> PatientWorkspace:
    workspace = open_workspace(qtbot, backend, study_id)
    return workspace


def ok_button(dialog: QDialog) -> QPushButton:
    box = dialog.findChild(QDialogButtonBox)
    assert box is not None
    button = box.button(QDialogButtonBox.StandardButton.Ok)
    assert button is not None
    return button


def pick(label: str) -> Callable[[FactPickerDialog], None]:
    def act(dialog: FactPickerDialog) -> None:
        row = next(i for i, f in enumerate(dialog.facts) if f.label == label)
        dialog.list.setCurrentRow(row)
        ok_button(dialog).click()
    return act


def _stored(backend: Any, study_id: str = HR_PATIENT) -> patients.PatientRecord:
    return patients.open_patient(backend.store, backend._user(), study_id)


def test_correcting_the_prednisone_response_changes_the_risk_group_and_says_why(
        qtbot: Any, backend: Any) -> None:
    ws = _workspace(qtbot, backend)
    page = shown_page(ws, DiagnosisPage)
    shown: list[str] = []

    def correct(dialog: CorrectionDialog) -> None:
        assert "Recorded: 5000" in dialog.findChildren(type(dialog.problem))[0].text()
        qtbot.keyClicks(dialog.editor.line, "200")
        ok_button(dialog).click()  # no reason yet: refused, nothing stored
        shown.append(dialog.problem.text())
        assert dialog.isVisible()
        qtbot.keyClicks(dialog.reason, "day-8 count re-checked: 200 blasts/uL")
        ok_button(dialog).click()

    on_dialog(FactPickerDialog, pick("Blasts on day 8 (/µL)"))
    dialogs = on_dialog(CorrectionDialog, correct)
    qtbot.mouseClick(page.correct, Qt.MouseButton.LeftButton)
    assert dialogs and "reason" in shown[0]
    record = _stored(backend)
    assert record.case_json["prednisone_response"]["blasts_per_uL"] == 200
    banner = ws.correction_banner.changes.text()
    assert ws.correction_banner.isVisible()
    assert "Risk group at diagnosis: <b>HR → MR</b>" in banner
    assert "R-" in banner  # the rule behind the new answer is named
    assert "MR" in ws.summary.text()
    history = shown_page(ws, HistoryPage)
    texts = [history.table.item(r, 3).text() for r in range(history.table.rowCount())]
    assert any(t.startswith("Blasts in blood on day 8: 5000") and t.endswith("→ 200 /µL")
               for t in texts), texts


def test_an_mrd_result_entered_in_error_leaves_the_table_and_is_struck_through_in_the_history(
        qtbot: Any, backend: Any) -> None:
    ws = _workspace(qtbot, backend)
    page = shown_page(ws, InductionPage)
    assert page.table.rowCount() == 2
    page.table.selectRow(1)  # after blinatumomab 1, 2026-06-21

    def withdraw(dialog: CorrectionDialog) -> None:
        assert "After blinatumomab 1" in dialog.windowTitle()
        radio = dialog.error_radio  # clicked on its circle, where a clinician clicks
        qtbot.mouseClick(radio, Qt.MouseButton.LeftButton, pos=QPoint(8, radio.height() // 2))
        assert not dialog.editor.isEnabled()
        qtbot.keyClicks(dialog.reason, "result of another patient")
        ok_button(dialog).click()

    on_dialog(CorrectionDialog, withdraw)
    qtbot.mouseClick(page.correct_mrd, Qt.MouseButton.LeftButton)
    assert page.table.rowCount() == 1
    assert page.table.item(0, 0).text() == "End of induction"
    assert [m["timepoint"] for m in _stored(backend).case_json["mrd"]] == ["end_of_induction"]
    (kept,) = corrections.entered_in_error_facts(backend.store, backend._user(), HR_PATIENT)
    assert (kept.fact, kept.value["date"], kept.reason) == ("mrd[1]", "2026-06-21",
                                                            "result of another patient")
    history = shown_page(ws, HistoryPage)
    row = next(r for r in range(history.table.rowCount())
               if history.table.item(r, 2).text() == "Entered in error")
    assert history.table.item(row, 3).font().strikeOut()
    assert "2026-06-21" in history.table.item(row, 3).text()
    assert history.table.item(row, 4).text() == "result of another patient"


def test_two_results_at_one_time_point_are_both_shown_in_date_order(
        qtbot: Any, backend: Any) -> None:
    ws = _workspace(qtbot, backend)
    page = shown_page(ws, InductionPage)
    page.timepoint.set_value("end_of_induction")
    qtbot.keyClicks(page.mrd_date, "2026-05-20")
    qtbot.keyClicks(page.value, "0.005")
    qtbot.mouseClick(page.add_mrd, Qt.MouseButton.LeftButton)
    cells = [(page.table.item(r, 0).text(), page.table.item(r, 1).text())
             for r in range(page.table.rowCount())]
    assert cells == [("End of induction", "2026-05-20"), ("End of induction", "2026-05-22"),
                     ("After blinatumomab 1", "2026-06-21")]
    assert len(_stored(backend).case_json["mrd"]) == 3  # the first is not overridden

    # The row shown first is the result recorded last: a correction reaches that one.
    page.table.selectRow(0)

    def correct(dialog: CorrectionDialog) -> None:
        assert dialog.fact.ref.path == "mrd[2]"
        dialog.editor.line.clear()
        qtbot.keyClicks(dialog.editor.line, "0.006")
        qtbot.keyClicks(dialog.reason, "lab corrected the report")
        ok_button(dialog).click()

    on_dialog(CorrectionDialog, correct)
    qtbot.mouseClick(page.correct_mrd, Qt.MouseButton.LeftButton)
    assert _stored(backend).case_json["mrd"][2]["result"] == {"percent": 0.006}
    assert _stored(backend).case_json["mrd"][0]["result"] == {"percent": 0.8}


def test_a_date_of_birth_correction_waits_for_a_second_person(
        qtbot: Any, backend: Any) -> None:
    ws = _workspace(qtbot, backend)
    version = _stored(backend).version

    def request(dialog: CorrectionDialog) -> None:
        assert "second one confirms it" in dialog.findChildren(type(dialog.problem))[1].text()
        qtbot.keyClicks(dialog.editor.line, "2026-01-30")
        qtbot.keyClicks(dialog.reason, "birth certificate seen")
        ok_button(dialog).click()

    def later(dialog: SecondPersonDialog) -> None:
        dialog.reject()

    on_dialog(FactPickerDialog, pick("Date of birth"))
    on_dialog(CorrectionDialog, request)
    on_dialog(SecondPersonDialog, later)
    qtbot.mouseClick(ws.correct_button, Qt.MouseButton.LeftButton)
    record = _stored(backend)
    assert record.case_json["patient"]["date_of_birth"] == "2026-02-01"  # not yet
    assert record.version == version
    assert ws.correction_banner.isVisible() and ws.correction_banner.pending_rows
    confirm = ws.correction_banner.pending_rows[0].findChild(QPushButton)
    assert confirm is not None
    problems: list[str] = []

    def second_person(dialog: SecondPersonDialog) -> None:
        qtbot.keyClicks(dialog.username, "admin")
        qtbot.keyClicks(dialog.password, "wrong-password")
        ok_button(dialog).click()
        problems.append(dialog.problem.text())
        assert dialog.isVisible() and dialog.password.text() == ""
        qtbot.keyClicks(dialog.password, "admin-pass-1")
        ok_button(dialog).click()

    on_dialog(SecondPersonDialog, second_person)
    qtbot.mouseClick(confirm, Qt.MouseButton.LeftButton)
    assert "sign-in refused" in problems[0]
    record = _stored(backend)
    assert record.case_json["patient"]["date_of_birth"] == "2026-01-30"
    assert "born 2026-01-30" in ws.identity.text()
    assert not ws.correction_banner.pending_rows
    history = ws.page(HistoryPage)
    assert isinstance(history, HistoryPage)
    whats = [history.table.item(r, 2).text() for r in range(history.table.rowCount())]
    assert "Correction confirmed — request #1" in whats


def test_read_only_roles_cannot_open_the_correction_and_blinded_values_are_never_listed(
        qtbot: Any, db_url: str) -> None:
    from interfant_desktop.ui.backend import UiBackend
    from interfant_desktop.ui.dialogs.correction_dialog import recorded_facts

    admin = UiBackend.open(db_url)
    try:
        admin.sign_in("admin", "admin-pass-1")
        add_user_with_own_password(admin, "pharm.lee", "pharmacist", "pharmacist-pass-1",
                                   "Pharmacist Lee", "admin-pass-1")  # signed in as pharm.lee
        ws = _workspace(qtbot, admin)
        page = ws.page(InductionPage)
        diagnosis = ws.page(DiagnosisPage)
        assert isinstance(page, InductionPage) and isinstance(diagnosis, DiagnosisPage)
        assert not ws.correct_button.isEnabled()
        assert not page.correct_mrd.isEnabled() and not diagnosis.correct.isEnabled()
    finally:
        admin.close()
    case = _case_of(HR_PATIENT)
    labels = [f.label for f in recorded_facts(case, None, None, frozenset({1}))]
    assert "Blinatumomab cycle 1: start date" in labels
    assert not any("weight" in label or "height" in label for label in labels)
    labels = [f.label for f in recorded_facts(case, None, None)]
    assert "Blinatumomab cycle 1: weight (kg)" in labels


def _case_of(study_id: str) -> dict[str, Any]:
    from interfant_desktop.ui.demo_data import demo_cases

    return next(c for c in demo_cases() if c["patient"]["study_id"] == study_id)


def test_a_patient_registered_by_mistake_leaves_the_list_once_a_second_person_confirms(
        qtbot: Any, window: Any) -> None:
    page = window.list_page
    assert page.model.rowCount() == 15
    ws = window.open_patient("TRN-05")
    assert ws is not None

    def withdraw(dialog: CorrectionDialog) -> None:
        assert dialog.error_radio.isChecked() and not dialog.correct_radio.isEnabled()
        qtbot.keyClicks(dialog.reason, "registered twice, see TRN-11")
        ok_button(dialog).click()

    def second_person(dialog: SecondPersonDialog) -> None:
        qtbot.keyClicks(dialog.username, "admin")
        qtbot.keyClicks(dialog.password, "admin-pass-1")
        ok_button(dialog).click()

    on_dialog(FactPickerDialog, pick("The whole patient (registered by mistake)"))
    on_dialog(CorrectionDialog, withdraw)
    on_dialog(SecondPersonDialog, second_person)
    qtbot.mouseClick(ws.correct_button, Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is page  # back to the list
    qtbot.waitUntil(lambda: page.model.rowCount() == 14, timeout=3000)
    shown = {page.model.row_at(r).study_id for r in range(page.model.rowCount())}
    assert "TRN-05" not in shown
    record = patients.open_patient(window.backend.store, window.backend._user(), "TRN-05")
    assert record.entered_in_error_reason == "registered twice, see TRN-11 (confirmed by admin)"
