"""The Orders page's Allergies section: a physician records "no known allergies" or the
allergy list (refusals beside the field), the header shows the status, a nurse cannot save."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from interfant_desktop.services import patients
from interfant_desktop.ui.pages.orders_page import OrdersPage
from interfant_desktop.ui.workspace import PatientWorkspace
from tests.ui.conftest import NURSE, open_workspace, shown_page

STUDY = "TRN-15"  # the training patient left with no allergy status recorded


def _orders(qtbot: Any, backend: Any) -> tuple[PatientWorkspace, OrdersPage]:
    workspace = open_workspace(qtbot, backend, STUDY)
    page = shown_page(workspace, OrdersPage)
    return workspace, page


def _stored(backend: Any) -> tuple[bool | None, str | None]:
    record = patients.open_patient(backend.store, backend._user(), STUDY)
    return record.no_known_allergies, record.allergies


def test_recording_allergies_on_the_orders_page(qtbot: Any, backend: Any) -> None:
    ws, page = _orders(qtbot, backend)
    assert "NOT RECORDED" in page.allergy_status.text()
    assert "NOT RECORDED" in ws.allergy_label.text()
    # Neither choice: refused beside the field, nothing stored.
    qtbot.mouseClick(page.save_allergies, Qt.MouseButton.LeftButton)
    assert not page.errors["allergies"].isHidden()
    assert _stored(backend) == (None, None)
    # "Allergies listed below" with no text: refused too.
    page.allergic_radio.setChecked(True)
    qtbot.mouseClick(page.save_allergies, Qt.MouseButton.LeftButton)
    assert "List the allergies" in page.errors["allergies"].text()
    # No known allergies: recorded, shown on the page and in the header.
    page.nka_radio.setChecked(True)
    assert not page.allergy_text.isEnabled()
    qtbot.mouseClick(page.save_allergies, Qt.MouseButton.LeftButton)
    assert _stored(backend) == (True, None)
    assert page.allergy_status.text() == "No known allergies"
    assert ws.allergy_label.text() == "No known allergies"
    # A change needs a reason (the services' refusal is shown beside the reason field).
    page.allergic_radio.setChecked(True)
    page.allergy_text.setPlainText("pénicilline (rash)\nlatex")  # non-ASCII: no keyClicks
    qtbot.mouseClick(page.save_allergies, Qt.MouseButton.LeftButton)
    assert "reason" in page.errors["allergies.reason"].text()
    assert _stored(backend) == (True, None)
    qtbot.keyClicks(page.allergy_reason, "parents recalled a reaction")
    qtbot.mouseClick(page.save_allergies, Qt.MouseButton.LeftButton)
    assert _stored(backend) == (False, "pénicilline (rash)\nlatex")
    assert ws.allergy_label.text() == "ALLERGIES: pénicilline (rash), latex"
    assert page.allergic_radio.isChecked() and page.allergy_reason.text() == ""
    history = backend.audit_trail(STUDY)
    assert any(row.reason == "parents recalled a reaction" for row in history)


def test_a_nurse_sees_the_status_but_cannot_save_it(qtbot: Any, backend: Any) -> None:
    backend.sign_in(*NURSE)
    ws, page = _orders(qtbot, backend)
    assert "NOT RECORDED" in ws.allergy_label.text()
    assert not page.save_allergies.isEnabled()


def test_training_patients_carry_fictitious_allergy_statuses(qtbot: Any, backend: Any) -> None:
    from interfant_desktop.ui.demo_data import demo_allergies

    statuses = demo_allergies()
    assert STUDY not in statuses and len(statuses) >= 10
    assert statuses["TRN-03"] == {"no_known_allergies": False, "allergies": "penicillin (rash)"}
    workspace = PatientWorkspace(backend, "TRN-03")
    qtbot.addWidget(workspace)
    assert workspace.allergy_label.text() == "ALLERGIES: penicillin (rash)"
