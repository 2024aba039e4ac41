"""EXC7 is decided from two facts: each has its own confirmation (issue 12)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from interfant_desktop.services import audit
from interfant_desktop.ui.pages.eligibility_page import EligibilityPage


def _confirm(qtbot: Any, page: EligibilityPage, key: str, value: bool, evidence: str) -> None:
    answer, field, _error = page.manual[key]
    answer.set_value(value)
    qtbot.keyClicks(field, evidence)
    name = f"Confirm EXC7 {key.replace('_', ' ')}"
    button = next(b for b in page.findChildren(QPushButton) if b.accessibleName() == name)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_each_exc7_fact_shows_its_own_confirmation(qtbot: Any, window: Any) -> None:
    ws = window.open_patient("TRN-02")
    page = ws.page(EligibilityPage)
    ws.show_page(EligibilityPage)
    _confirm(qtbot, page, "prior_steroids", False, "GP letter 2026-02-18: no steroids")
    steroids = page.confirmed["prior_steroids"].text()
    chemo = page.confirmed["prior_chemotherapy"].text()
    assert "EXC7 (prior steroids): no — confirmed by dr.vos" in steroids
    assert "GP letter 2026-02-18: no steroids" in steroids
    assert chemo == "Not confirmed by hand yet."  # not the steroid confirmation

    _confirm(qtbot, page, "prior_chemotherapy", False, "referral note 2026-02-19: no chemotherapy")
    steroids = page.confirmed["prior_steroids"].text()
    chemo = page.confirmed["prior_chemotherapy"].text()
    assert "GP letter 2026-02-18" in steroids and "referral note" not in steroids
    assert "EXC7 (prior chemotherapy): no — confirmed by dr.vos" in chemo
    assert "referral note 2026-02-19: no chemotherapy" in chemo and "GP letter" not in chemo

    # Stored: two confirmations, each audited under its own key.
    stored = window.backend.load_patient("TRN-02").confirmations
    assert set(stored) >= {"EXC7.steroids", "EXC7.chemo"}
    events = [e for e in audit.patient_history(window.backend.store, window.backend.user, "TRN-02")
              if e.action == "confirm"]
    assert [e.entity_key for e in events][-2:] == ["EXC7.steroids", "EXC7.chemo"]

    # A fresh look at the page (reopened) shows the same.
    qtbot.mouseClick(ws.back_button, Qt.MouseButton.LeftButton)
    again = window.open_patient("TRN-02").page(EligibilityPage)
    assert "referral note" in again.confirmed["prior_chemotherapy"].text()
    assert "referral note" not in again.confirmed["prior_steroids"].text()


def test_a_criterion_wide_exc7_confirmation_is_not_shown_as_either_facts(qtbot: Any, window: Any) -> None:
    backend = window.backend
    version = backend.load_patient("TRN-03").version
    backend.confirm_eligibility("TRN-03", "EXC7", False, "old-style note", version)
    page = window.open_patient("TRN-03").page(EligibilityPage)
    for key in ("prior_steroids", "prior_chemotherapy"):
        text = page.confirmed[key].text()
        assert text.startswith("Not confirmed for this fact yet. An earlier confirmation of EXC7 "
                               "as a whole: no — confirmed by dr.vos")
        assert "old-style note" in text
