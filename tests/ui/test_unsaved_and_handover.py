"""Unsaved changes are never lost silently, a save says what it did, and the workstation
is handed over (lock, switch user) without losing or leaking anyone's work."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QApplication, QMessageBox
from sqlalchemy import select

from interfant_desktop.store.models import AuditEvent
from interfant_desktop.ui.dialogs.sign_in_dialog import SignInDialog
from interfant_desktop.ui.pages.diagnosis_page import DiagnosisPage
from tests.ui.conftest import NURSE, PHYSICIAN, answer_next_dialog, click_message_button


def user_events(backend: Any) -> list[tuple[str, str, str | None]]:
    """(action, user, reason) of the audited sign-ins, sign-outs and hand-overs, in order."""
    with backend.store.sessions() as session:
        rows = session.execute(select(AuditEvent.action, AuditEvent.username, AuditEvent.reason)
                               .where(AuditEvent.entity == "user").order_by(AuditEvent.seq))
        return [tuple(row) for row in rows if row[0] in (  # type: ignore[misc]
            "sign_in", "sign_out", "discard_unsaved")]


def type_wbc(qtbot: Any, window: Any, value: str = "250") -> Any:
    """Open TRN-01 and type a new WBC on the Diagnosis page, without saving."""
    ws = window.open_patient("TRN-01")
    ws.show_page(DiagnosisPage)
    page = ws.page(DiagnosisPage)
    page.wbc_value.clear()
    qtbot.keyClicks(page.wbc_value, value)
    return ws


def test_back_to_the_list_asks_and_cancel_keeps_the_typing(qtbot: Any, window: Any) -> None:
    ws = type_wbc(qtbot, window)
    stored = ws.case_file["diagnosis"]["wbc"]
    seen = answer_next_dialog(qtbot, click_message_button("Cancel"))
    qtbot.mouseClick(ws.back_button, Qt.MouseButton.LeftButton)
    assert seen and seen[0].objectName() == "UnsavedChangesDialog"
    assert "Diagnosis and prednisone response: WBC value" in seen[0].informativeText()
    assert window.stack.currentWidget() is ws  # still on the patient
    assert ws.page(DiagnosisPage).wbc_value.text() == "250"
    assert ws.case_file["diagnosis"]["wbc"] == stored


def test_discard_goes_back_and_stores_nothing(qtbot: Any, window: Any) -> None:
    ws = type_wbc(qtbot, window)
    stored, version = ws.case_file["diagnosis"]["wbc"], ws.version
    answer_next_dialog(qtbot, click_message_button("Discard"))
    window.show_list()  # Alt+Left does the same
    assert window.stack.currentWidget() is window.list_page
    reopened = window.open_patient("TRN-01")  # nothing left unsaved: no question
    assert reopened.version == version and reopened.case_file["diagnosis"]["wbc"] == stored


def test_save_on_leaving_records_the_edit_with_its_reason(qtbot: Any, window: Any) -> None:
    ws = type_wbc(qtbot, window)
    page = ws.page(DiagnosisPage)
    page.unit_e9.setChecked(True)
    qtbot.keyClicks(page.wbc_reason, "lab report of today")
    seen = answer_next_dialog(qtbot, click_message_button("Save"))
    other = window.open_patient("TRN-02")  # opening another patient asks too
    assert seen, "no question before opening another patient"
    assert other is not None and window.workspace is other
    history = window.backend.audit_trail("TRN-01")
    assert any(row.reason == "lab report of today" for row in history)
    assert window.backend.load_patient("TRN-01").case_file["diagnosis"]["wbc"] == {
        "value": 250.0, "unit": "10^9/L"}


def test_save_on_leaving_that_is_refused_stays_with_the_reason(qtbot: Any, window: Any) -> None:
    ws = type_wbc(qtbot, window)  # no reason typed: the page refuses it
    answer_next_dialog(qtbot, click_message_button("Save"))
    window.show_list()
    assert window.stack.currentWidget() is ws
    page = ws.page(DiagnosisPage)
    assert ws.stack.currentWidget() is page
    assert not page.wbc_reason_error.isHidden()
    assert "Not everything was saved" in ws.save_status.text()


def test_a_save_says_what_was_saved_and_the_reason_stays_until_then(
        qtbot: Any, window: Any) -> None:
    ws = window.open_patient("TRN-01")
    page = ws.page(DiagnosisPage)
    ws.show_page(DiagnosisPage)
    page.wbc_value.clear()
    qtbot.keyClicks(page.wbc_value, "abc")
    qtbot.keyClicks(page.wbc_reason, "lab report 2026-03-01")
    qtbot.mouseClick(page.save_wbc, Qt.MouseButton.LeftButton)
    assert page.wbc_reason.text() == "lab report 2026-03-01"  # refused: nothing emptied
    page.wbc_value.clear()
    qtbot.keyClicks(page.wbc_value, "300")
    page.unit_e9.setChecked(True)
    qtbot.mouseClick(page.save_wbc, Qt.MouseButton.LeftButton)
    status = ws.save_status
    assert status.isVisible() and status.text().startswith("✔ Saved")
    assert "lab report 2026-03-01" in status.text() and PHYSICIAN[0] in status.text()
    qtbot.waitUntil(lambda: ws.unsaved_summary() == [])  # saved: leaving asks nothing
    window.show_list()
    assert window.stack.currentWidget() is window.list_page


def test_a_save_elsewhere_keeps_what_was_typed_on_another_page(qtbot: Any, window: Any) -> None:
    from interfant_desktop.ui.pages.induction_page import InductionPage

    ws = type_wbc(qtbot, window, "333")
    induction = ws.page(InductionPage)
    ws.show_page(InductionPage)
    qtbot.keyClicks(induction.eoi_reason, "marrow report")
    qtbot.mouseClick(induction.save_eoi, Qt.MouseButton.LeftButton)
    assert "Induction" in ws.save_status.text() or "induction" in ws.save_status.text()
    assert ws.page(DiagnosisPage).wbc_value.text() == "333"
    assert any("WBC value" in line for line in ws.unsaved_summary())
    answer_next_dialog(qtbot, click_message_button("Discard"))
    window.show_list()


def controller_for(qtbot: Any, backend: Any) -> Any:
    from interfant_desktop.ui.shell import AppController, make_application

    controller = AppController(make_application(), backend, training=False)
    qtbot.addWidget(controller.window)
    controller.window.show()
    return controller


def test_a_manual_lock_asks_and_says_it_was_locked_on_request(qtbot: Any, backend: Any) -> None:
    controller = controller_for(qtbot, backend)
    window = controller.window
    type_wbc(qtbot, window)
    headings: list[str] = []

    def unlock(dialog: Any) -> None:
        assert isinstance(dialog, SignInDialog)
        headings.append(dialog.heading.text())
        dialog.password.setText(PHYSICIAN[1])
        dialog.accept()

    def discard_then_unlock(box: Any) -> None:
        click_message_button("Discard")(box)
        answer_next_dialog(qtbot, unlock)

    answer_next_dialog(qtbot, discard_then_unlock)
    qtbot.mouseClick(window.lock_button, Qt.MouseButton.LeftButton)
    assert headings and "15 minutes" not in headings[0] and "Locked by dr.vos" in headings[0]
    assert window.isVisible() and backend.user.username == PHYSICIAN[0]
    assert [e[:2] for e in user_events(backend)][-2:] == [("sign_out", "dr.vos"), ("sign_in", "dr.vos")]


def test_idle_lock_keeps_the_typing_for_the_same_user(qtbot: Any, backend: Any) -> None:
    controller = controller_for(qtbot, backend)
    ws = type_wbc(qtbot, controller.window, "444")
    notes: list[str] = []

    def unlock(dialog: Any) -> None:
        notes.append(dialog.unsaved_note.text())
        dialog.password.setText(PHYSICIAN[1])
        dialog.accept()

    answer_next_dialog(qtbot, unlock)
    controller.idle.idle.emit()
    assert notes and "15 minutes" not in notes[0] and "WBC value" in notes[0]
    assert controller.window.workspace is ws and ws.page(DiagnosisPage).wbc_value.text() == "444"
    answer_next_dialog(qtbot, click_message_button("Discard"))
    controller.window.show_list()


def test_switch_user_from_the_lock_screen_discards_only_on_the_answer(
        qtbot: Any, backend: Any) -> None:
    controller = controller_for(qtbot, backend)
    window = controller.window
    type_wbc(qtbot, window, "555")
    asked: list[str] = []

    def hand_over(dialog: Any) -> None:
        def keep(box: Any) -> None:
            asked.append(box.text())
            click_message_button("Keep them")(box)
            assert not dialog.switching and dialog.username.isReadOnly()  # nothing changed

            def nurse_signs_in() -> None:
                assert dialog.switching and not dialog.username.isReadOnly()
                dialog.username.setText(NURSE[0])
                dialog.password.setText(NURSE[1])
                dialog.accept()

            def discard(box2: Any) -> None:
                click_message_button("Discard them")(box2)
                QTimer.singleShot(200, nurse_signs_in)  # once the question has closed

            answer_next_dialog(qtbot, discard)
            dialog.switch_button.click()

        answer_next_dialog(qtbot, keep)
        dialog.switch_button.click()

    answer_next_dialog(qtbot, hand_over)
    controller.idle.idle.emit()
    assert asked and "dr.vos has unsaved changes" in asked[0] and "WBC value" in asked[0]
    assert backend.user.username == NURSE[0]
    assert window.workspace is None and window.stack.currentWidget() is window.list_page
    assert "Nurse Fictitious Kim" in window.user_label.text()
    assert not window.list_page.new_button.isEnabled()  # a nurse registers no patient
    events = user_events(backend)
    assert [e[:2] for e in events][-3:] == [
        ("sign_out", "dr.vos"), ("discard_unsaved", "dr.vos"), ("sign_in", "nurse.kim")]
    assert "WBC value" in (events[-2][2] or "")
    assert backend.load_patient("TRN-01").case_file["diagnosis"]["wbc"]["value"] != 555.0


def test_switch_user_from_the_header(qtbot: Any, backend: Any) -> None:
    controller = controller_for(qtbot, backend)
    window = controller.window
    window.open_patient("TRN-01")  # nothing typed: no question

    def nurse_signs_in(dialog: Any) -> None:
        assert isinstance(dialog, SignInDialog) and dialog.switching
        assert not dialog.username.isReadOnly() and dialog.username.text() == ""
        qtbot.keyClicks(dialog.username, NURSE[0])
        qtbot.keyClicks(dialog.password, NURSE[1])
        dialog.accept()

    answer_next_dialog(qtbot, nurse_signs_in)
    qtbot.mouseClick(window.switch_button, Qt.MouseButton.LeftButton)
    assert backend.user.username == NURSE[0] and window.workspace is None
    assert user_events(backend)[-2:] == [("sign_out", "dr.vos", "switch user"),
                                         ("sign_in", "nurse.kim", None)]


def test_closing_the_window_with_unsaved_changes_asks(qtbot: Any, backend: Any) -> None:
    controller = controller_for(qtbot, backend)
    window = controller.window
    type_wbc(qtbot, window)
    answer_next_dialog(qtbot, click_message_button("Cancel"))
    event = QCloseEvent()
    QApplication.sendEvent(window, event)
    assert not event.isAccepted() and window.isVisible()
    answer_next_dialog(qtbot, click_message_button("Discard"))
    event = QCloseEvent()
    QApplication.sendEvent(window, event)
    assert event.isAccepted()
    assert QMessageBox  # (imported for the choosers' type checks)
