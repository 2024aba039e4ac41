"""A stale edit is refused with a reload prompt; review items are resolved by a physician."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from interfant_desktop.ui.backend import UiBackend
from interfant_desktop.ui.dialogs.resolve_review_dialog import ResolveReviewDialog
from interfant_desktop.ui.pages.diagnosis_page import DiagnosisPage
from interfant_desktop.ui.pages.risk_page import RiskPage
from tests.ui.conftest import NURSE, PHYSICIAN, answer_next_dialog, click_message_button


def test_stale_edit_is_refused_and_nothing_is_overwritten(qtbot: Any, window: Any,
                                                           db_url: str) -> None:
    ws = window.open_patient("TRN-01")
    dx = ws.page(DiagnosisPage)
    # Someone else changes the WBC on another workstation.
    other = UiBackend.open(db_url)
    other.sign_in(*PHYSICIAN)
    stored = other.load_patient("TRN-01")
    diagnosis = dict(stored.case_file["diagnosis"], wbc={"value": 150, "unit": "10^9/L"})
    other.record_section("TRN-01", "diagnosis", diagnosis, "corrected count", stored.version)
    other.close()

    dx.wbc_value.clear()
    qtbot.keyClicks(dx.wbc_value, "99")
    qtbot.keyClicks(dx.wbc_reason, "my correction")
    shown = answer_next_dialog(qtbot, click_message_button("Reload"))
    qtbot.mouseClick(dx.save_wbc, Qt.MouseButton.LeftButton)
    assert shown and shown[0].objectName() == "ConflictDialog"
    assert "NOT saved" in shown[0].text()
    # Reloaded: the other user's value is shown and kept.
    assert ws.case_file["diagnosis"]["wbc"]["value"] == 150
    assert dx.wbc_value.text() == "150"
    assert window.backend.load_patient("TRN-01").case_file["diagnosis"]["wbc"]["value"] == 150


def test_review_item_is_prominent_and_resolved_with_a_reason(qtbot: Any, window: Any) -> None:
    ws = window.open_patient("TRN-10")  # WBC exactly 300 × 10^9/L
    panel = ws.review_panel
    assert panel.isVisible()
    assert [i.rule for i in panel.items] == ["R-DX-WBC-BOUNDARY"]
    assert ws.page(RiskPage).banner.tone == "warn"
    assert panel.buttons[0].isEnabled()

    def choose(dialog: Any) -> None:
        assert isinstance(dialog, ResolveReviewDialog)
        dialog.accept()  # no option: refused, stays open
        assert not dialog.problem.isHidden()
        dialog.group.buttons()[1].setChecked(True)  # "HR"
        dialog.reason_edit.setPlainText("Interfant-06 practice: ≥ 300 counts as HR")
        dialog.accept()

    shown = answer_next_dialog(qtbot, choose)
    qtbot.mouseClick(panel.buttons[0], Qt.MouseButton.LeftButton)
    assert shown
    assert ws.evaluation.risk.current == "HR"
    assert not ws.evaluation.review
    assert panel.isHidden()
    assert "HIGH RISK" in ws.page(RiskPage).banner.title()


def test_a_nurse_cannot_resolve_review_items(qtbot: Any, window: Any) -> None:
    window.backend.sign_in(*NURSE)
    ws = window.open_patient("TRN-10")
    assert not ws.review_panel.buttons[0].isEnabled()
    assert "physician" in ws.review_panel.buttons[0].toolTip()


def test_service_refusal_is_shown_not_raised(qtbot: Any, window: Any) -> None:
    window.backend.sign_in(*NURSE)  # nurses may not change diagnosis data
    ws = window.open_patient("TRN-01")
    dx = ws.page(DiagnosisPage)
    assert dx.wbc_value.isReadOnly() and not dx.save_wbc.isEnabled()  # read-only for this role...
    dx.wbc_value.setText("99")  # (typing is impossible: set as a stray action would)
    dx.wbc_reason.setText("attempt")
    texts: list[str] = []

    def close(dialog: Any) -> None:
        assert isinstance(dialog, QMessageBox)
        texts.append(dialog.text())
        dialog.close()

    shown = answer_next_dialog(qtbot, close)
    dx.on_save_wbc()  # ...and the services refuse it even if the action is triggered
    assert shown and "may not" in texts[0]
    assert window.backend.load_patient("TRN-01").case_file["diagnosis"]["wbc"]["value"] == 120
