"""A role that may not change clinical data sees read-only forms (before typing
anything), and a disabled button looks disabled."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QComboBox, QLineEdit, QPushButton

from interfant_desktop.ui.pages.diagnosis_page import DiagnosisPage
from interfant_desktop.ui.pages.eligibility_page import EligibilityPage
from interfant_desktop.ui.pages.orders_page import OrdersPage
from interfant_desktop.ui.style import ACCENT
from interfant_desktop.ui.unsaved import edit_fields
from tests.ui.conftest import NURSE, show_main_window


@pytest.fixture
def nurse_window(qtbot: Any, db_url: str) -> Iterator[Any]:
    from interfant_desktop.ui.backend import UiBackend

    backend = UiBackend.open(db_url)
    backend.sign_in(*NURSE)
    yield show_main_window(qtbot, backend)
    backend.close()


def test_a_nurse_sees_read_only_clinical_forms_but_records_weight(
        qtbot: Any, nurse_window: Any) -> None:
    ws = nurse_window.open_patient("TRN-01")
    for cls in (EligibilityPage, DiagnosisPage):
        page = ws.page(cls)
        for field in edit_fields(page):
            if isinstance(field, QLineEdit):
                assert field.isReadOnly(), field.accessibleName()
            else:
                assert not field.isEnabled(), field.accessibleName()
        saves = [b for b in page.findChildren(QPushButton) if b.objectName() == "Primary"
                 or b.property("edits_record")]
        assert saves and not any(b.isEnabled() for b in saves)
        assert all("may not change" in b.toolTip() for b in saves)
    ws.show_page(DiagnosisPage)
    diagnosis = ws.page(DiagnosisPage)
    before = diagnosis.wbc_value.text()
    diagnosis.wbc_value.setFocus()
    qtbot.keyClicks(diagnosis.wbc_value, "999")
    assert diagnosis.wbc_value.text() == before  # nothing can be typed to be refused later
    assert ws.unsaved_summary() == []
    orders = ws.page(OrdersPage)
    assert orders.save_measure.isEnabled() and not orders.weight_edit.isReadOnly()
    assert not orders.save_allergies.isEnabled() and orders.allergy_reason.isReadOnly()
    assert not ws.allergy_button.isEnabled() and not ws.identity_button.isEnabled()
    assert isinstance(orders.cycle, QComboBox) and orders.cycle.isEnabled()


def test_a_disabled_primary_button_does_not_look_like_an_enabled_one(
        qtbot: Any, nurse_window: Any) -> None:
    ws = nurse_window.open_patient("TRN-01")
    ws.show_page(DiagnosisPage)
    disabled = ws.page(DiagnosisPage).save_wbc
    enabled = ws.page(OrdersPage).save_measure
    ws.show_page(OrdersPage)
    qtbot.waitExposed(enabled)
    enabled_colour = QColor(enabled.grab().toImage().pixel(8, enabled.height() // 2))
    ws.show_page(DiagnosisPage)
    qtbot.waitExposed(disabled)
    disabled_colour = QColor(disabled.grab().toImage().pixel(8, disabled.height() // 2))
    assert enabled_colour == QColor(ACCENT)
    assert disabled_colour != QColor(ACCENT)
    assert disabled_colour.saturation() < 40, disabled_colour.name()  # grey, not blue
