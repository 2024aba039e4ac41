"""A clinician registers a patient and walks the protocol steps, as at the bedside."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from interfant_desktop.ui.dialogs.new_patient_dialog import NewPatientDialog
from interfant_desktop.ui.pages.checklist_page import ChecklistPage
from interfant_desktop.ui.pages.diagnosis_page import DiagnosisPage
from interfant_desktop.ui.pages.eligibility_page import EligibilityPage
from interfant_desktop.ui.pages.history_page import HistoryPage
from interfant_desktop.ui.pages.induction_page import InductionPage
from interfant_desktop.ui.pages.orders_page import OrdersPage
from interfant_desktop.ui.pages.risk_page import RiskPage
from interfant_desktop.ui.pages.roadmap_page import RoadmapPage
from interfant_desktop.ui.widgets.rule_card import RuleCard


def register(qtbot: Any, window: Any, study_id: str = "NEW-001") -> Any:
    """Fill the New patient dialog and open the workspace."""
    dialog = NewPatientDialog(window.backend, window)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.study_id, study_id)
    dialog.name.setText("Zoë Fictitious")  # non-ASCII: setText, not keyClicks
    qtbot.keyClicks(dialog.hospital_number, "0900123")  # the number alone, as the ward types it
    qtbot.keyClicks(dialog.date_of_birth, "2026-03-01")
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    return window.open_patient(dialog.study_id_created)


def save_section(qtbot: Any, date: tuple[Any, str], choices: tuple[tuple[Any, str], ...],
                 reason: tuple[Any, str], save: Any) -> None:
    """Fill a dated section as a clinician does: type its date, pick each choice, type the
    reason for the change, and click its Save button."""
    qtbot.keyClicks(*date)
    for field, value in choices:
        field.set_value(value)
    qtbot.keyClicks(*reason)
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)


def test_new_patient_refuses_a_birth_date_in_the_future(qtbot: Any, window: Any) -> None:
    dialog = NewPatientDialog(window.backend, window)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.study_id, "NEW-002")
    qtbot.keyClicks(dialog.date_of_birth, "2999-01-01")
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted
    error = dialog.errors["patient.date_of_birth"]
    assert not error.isHidden() and "future" in error.text()


def test_walk_through_eligibility_prednisone_risk_mrd_checklist(qtbot: Any, window: Any) -> None:
    ws = register(qtbot, window)
    assert " · MRN 0900123 · " in ws.identity.text()
    elig = ws.page(EligibilityPage)
    assert elig.banner.title().startswith("INCOMPLETE")
    assert "Now: <b>no phase yet (diagnosis date not recorded)</b>" in ws.summary.text()

    # Diagnostic facts.
    ws.show_page(EligibilityPage)
    save_section(qtbot, (elig.dx_date, "2026-05-20"),
                 ((elig.lineage, "B-ALL"), (elig.kmt2a, "rearranged")),
                 (elig.facts_reason, "cytogenetics report"), elig.save_facts)
    assert ws.case_file["diagnosis"]["kmt2a"] == "rearranged"

    # A confirmation without evidence is refused, with the reason next to the field.
    answer, evidence, error = elig.manual["consent"]
    answer.set_value(True)
    elig.on_confirm("diagnosis", "consent", "INC3")
    assert not error.isHidden() and "evidence" in error.text().lower()
    for key, section, criterion, value in (
            ("consent", "diagnosis", "INC3", True), ("down_syndrome", "patient", "EXC5", False),
            ("relapsed", "diagnosis", "EXC6", False),
            ("prior_steroids", "diagnosis", "EXC7", False),
            ("prior_chemotherapy", "diagnosis", "EXC7", False)):
        answer, evidence, _error = elig.manual[key]
        answer.set_value(value)
        qtbot.keyClicks(evidence, "admission form 2026-05-20")
        elig.on_confirm(section, key, criterion)
    assert elig.banner.title().startswith("ELIGIBLE"), elig.banner.title()
    assert "confirmed by dr.vos" in elig.confirmed["consent"].text()
    assert "admission form 2026-05-20" in elig.confirmed["consent"].text()
    assert elig.banner.tone == "ok"

    # WBC without a unit is refused: the unit is never assumed.
    dx = ws.page(DiagnosisPage)
    ws.show_page(DiagnosisPage)
    qtbot.keyClicks(dx.wbc_value, "120")
    qtbot.keyClicks(dx.wbc_reason, "lab report")
    qtbot.mouseClick(dx.save_wbc, Qt.MouseButton.LeftButton)
    assert not dx.wbc_error.isHidden() and "unit" in dx.wbc_error.text()
    dx.unit_e9.setChecked(True)
    qtbot.mouseClick(dx.save_wbc, Qt.MouseButton.LeftButton)
    assert ws.case_file["diagnosis"]["wbc"] == {"value": 120.0, "unit": "10^9/L"}

    # The day-8 count shows good / poor while it is typed (the engine's answer).
    qtbot.keyClicks(dx.blasts, "800")
    assert "GOOD" in dx.response_banner.title()
    qtbot.keyClicks(dx.blasts, "0")  # 8000 /µL
    assert "POOR" in dx.response_banner.title()
    assert "not saved" in dx.response_banner.title()
    qtbot.keyClicks(dx.pred_date, "2026-05-27")
    qtbot.keyClicks(dx.pred_reason, "day-8 blood count")
    qtbot.mouseClick(dx.save_pred, Qt.MouseButton.LeftButton)
    assert ws.evaluation.prednisone_response == "poor"

    # Risk: HR by R-DX-HR, with wording and source.
    risk = ws.page(RiskPage)
    assert "HIGH RISK (HR)" in risk.banner.title()
    names = [c.accessibleName() for c in risk.findChildren(RuleCard)]
    assert any("R-DX-HR" in n for n in names)
    assert "HR" in ws.summary.text()

    # End of induction and MRD, with a refused value above 100 %.
    ind = ws.page(InductionPage)
    ws.show_page(InductionPage)
    save_section(qtbot, (ind.eoi_date, "2026-06-20"), ((ind.marrow, "M1"), (ind.cns, "CNS1")),
                 (ind.eoi_reason, "marrow report"), ind.save_eoi)
    assert ws.case_file["end_of_induction"]["marrow"] == "M1"
    qtbot.keyClicks(ind.mrd_date, "2026-06-20")
    qtbot.keyClicks(ind.value, "150")
    assert not ind.result_error.isHidden(), "refused as it is typed"
    assert ind.power.text() == ""
    qtbot.mouseClick(ind.add_mrd, Qt.MouseButton.LeftButton)
    assert not ind.result_error.isHidden()
    assert "100" in ind.result_error.text()
    assert "mrd" not in ws.case_file
    ind.value.clear()
    qtbot.keyClicks(ind.value, "0.03")
    assert ind.power.text() == "= 3×10⁻⁴"
    qtbot.keyClicks(ind.method, "PCR (Ig/TCR)")
    qtbot.mouseClick(ind.add_mrd, Qt.MouseButton.LeftButton)
    assert ws.case_file["mrd"][0]["result"] == {"percent": 0.03}
    assert ind.table.rowCount() == 1
    assert "3×10⁻⁴" in ind.table.item(0, 2).text()
    assert [p.percent for p in ind.chart.points()] == [0.03]

    # Checklist B1–B4: a failing item stops blinatumomab and is named.
    check = ws.page(ChecklistPage)
    ws.show_page(ChecklistPage)
    for key, value in (("cd19_positive", False), ("cns1_at_eoi", True),
                       ("hypersensitivity", False), ("live_vaccine_28d", False)):
        check.answers[key].set_value(value)
    qtbot.keyClicks(check.reason, "flow cytometry")
    qtbot.mouseClick(check.save, Qt.MouseButton.LeftButton)
    assert check.banner.tone == "bad"
    assert "B1" in check.banner.title()
    check.answers["cd19_positive"].set_value(True)
    qtbot.keyClicks(check.reason, "corrected: CD19 positive on review")
    qtbot.mouseClick(check.save, Qt.MouseButton.LeftButton)
    assert check.banner.tone == "ok"

    # Roadmap: the engine's current phase is shown and marked.
    road = ws.page(RoadmapPage)
    current = ws.evaluation.current_phase
    assert current is not None
    assert road.banner.title().startswith("NOW")
    assert road.view.current_label is not None
    assert "NOW" in road.view.current_label.text()

    # Orders and history.
    assert ws.page(OrdersPage).banner.title().startswith("No blinatumomab cycle")
    history = ws.page(HistoryPage)
    reasons = {history.table.item(r, 4).text() for r in range(history.table.rowCount())}
    assert "day-8 blood count" in reasons
    assert any("INC3 confirmed" in r for r in reasons)


def test_keyboard_tab_order_on_the_diagnosis_page(qtbot: Any, window: Any) -> None:
    ws = window.open_patient("TRN-01")
    dx = ws.page(DiagnosisPage)
    ws.show_page(DiagnosisPage)
    chain = [dx.wbc_value]
    widget = dx.wbc_value
    for _ in range(4):
        widget = widget.nextInFocusChain()
        while not widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            widget = widget.nextInFocusChain()
        chain.append(widget)
    assert chain[1] is dx.unit_e9
    assert dx.wbc_reason in chain
    for control in (dx.wbc_value, dx.blasts, dx.save_wbc, dx.not_evaluable):
        assert control.accessibleName() or control.text()


def test_ctrl_number_jumps_to_a_step(qtbot: Any, window: Any) -> None:
    ws = window.open_patient("TRN-07")
    window.activateWindow()
    ws.steps.setFocus()
    qtbot.keyClick(ws.steps, Qt.Key.Key_6, Qt.KeyboardModifier.ControlModifier)
    assert ws.stack.currentWidget() is ws.page(RoadmapPage)
    qtbot.keyClick(ws.steps, Qt.Key.Key_Down)
    assert ws.stack.currentWidget() is ws.page(OrdersPage)


def test_every_focusable_control_has_an_accessible_name(qtbot: Any, window: Any) -> None:
    from PySide6.QtWidgets import QAbstractButton, QWidget

    ws = window.open_patient("TRN-09")
    unnamed = []
    for widget in [window, *ws.pages]:
        for child in widget.findChildren(QWidget):
            if not child.focusPolicy() & Qt.FocusPolicy.TabFocus or not child.isEnabled():
                continue
            if type(child).__name__ in ("QScrollBar", "QScrollArea") or \
                    child.window() is not window:  # combo-box popups are their own windows
                continue
            if child.parent() is not None and type(child.parent()).__name__ in (
                    "QComboBox", "QAbstractSpinBox", "QTableWidget", "QTableView"):
                continue
            name = child.accessibleName() or (
                child.text() if isinstance(child, QAbstractButton) else "")
            if not name.strip():
                unnamed.append(f"{type(child).__name__} {child.objectName()!r} "
                               f"in {type(widget).__name__}")
    assert not unnamed, unnamed


def test_complete_a_pseudonymous_identity(qtbot: Any, window: Any) -> None:
    from interfant_desktop.ui.dialogs.identity_dialog import IdentityDialog
    from tests.ui.conftest import answer_next_dialog

    ws = window.open_patient("TRN-15")

    def fill(dialog: Any) -> None:
        assert isinstance(dialog, IdentityDialog)
        dialog.hospital_number.setText("0999999")
        dialog.name.setText("Łucja Fictitious")
        dialog.accept()  # refused: no reason
        assert not dialog.problem.isHidden()
        dialog.reason.setText("checked against the admission record")
        dialog.accept()

    answer_next_dialog(qtbot, fill)
    qtbot.mouseClick(ws.identity_button, Qt.MouseButton.LeftButton)
    assert ws.case_file["patient"]["name"] == "Łucja Fictitious"
    assert ws.case_file["patient"]["study_id"] == "TRN-15"
    assert "Łucja Fictitious" in ws.identity.text()
    assert " · MRN 0999999 · " in ws.identity.text()  # the number says what it is


def test_nurse_records_cycle_measurements_with_plausibility_and_weight_check(
        qtbot: Any, window: Any) -> None:
    from tests.ui.conftest import NURSE, answer_next_dialog, click_message_button

    window.backend.sign_in(*NURSE)
    ws = window.open_patient("TRN-06")  # cycle 1 recorded at 7.1 kg
    page = ws.page(OrdersPage)
    ws.show_page(OrdersPage)
    assert page.save_measure.isEnabled()
    assert len(page.cards) == 1
    page.cycle.setCurrentIndex(1)
    qtbot.keyClicks(page.weight_edit, "25")
    qtbot.keyClicks(page.height_edit, "70")
    qtbot.mouseClick(page.save_measure, Qt.MouseButton.LeftButton)
    error = page.errors["measure.weight_kg"]
    assert not error.isHidden() and "plausible range" in error.text()
    page.weight_edit.clear()
    qtbot.keyClicks(page.weight_edit, "8.2")  # +15 % since cycle 1: asks for confirmation
    qtbot.keyClicks(page.start_date, "2026-08-01")
    texts: list[str] = []

    def confirm(dialog: Any) -> None:
        texts.append(dialog.text())
        click_message_button("Yes")(dialog)

    answer_next_dialog(qtbot, confirm)
    qtbot.mouseClick(page.save_measure, Qt.MouseButton.LeftButton)
    assert texts and "Weight changed" in texts[0]
    assert [c["cycle"] for c in ws.case_file["blinatumomab"]] == [1, 2]
    assert len(page.cards) == 2
    assert [o.cycle for o in ws.evaluation.orders] == [1, 2]


def test_a_number_typed_with_its_label_is_named_once(qtbot: Any, window: Any) -> None:
    """Typed as on the wristband ("MRN 0900123"), stored as typed, shown "MRN 0900123"
    (it read "MRN MRN 0900123")."""
    study_id = window.backend.create_patient({"study_id": "NEW-LBL", "date_of_birth": "2026-03-01",
                                              "hospital_number": "MRN 0900123"})
    ws = window.open_patient(study_id)
    assert ws.case_file["patient"]["hospital_number"] == "MRN 0900123"
    assert " · MRN 0900123 · " in ws.identity.text() and "MRN MRN" not in ws.identity.text()
