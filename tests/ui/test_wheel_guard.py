"""The mouse wheel scrolls the page; it changes a field's value only once the field has focus."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QScrollArea, QWidget

from interfant_desktop.ui.pages.eligibility_page import EligibilityPage


def wheel_down(widget: QWidget, steps: int = 1) -> None:
    """The wheel turned towards the user over the middle of ``widget`` (scrolls down)."""
    centre = QPointF(widget.rect().center())
    for _ in range(steps):
        event = QWheelEvent(centre, QPointF(widget.mapToGlobal(centre.toPoint())), QPoint(0, 0),
                            QPoint(0, -120), Qt.MouseButton.NoButton,
                            Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
        QApplication.sendEvent(widget, event)


def test_scrolling_over_kmt2a_scrolls_the_page_and_keeps_the_value(qtbot: Any, window: Any) -> None:
    window.resize(1280, 560)  # short enough that the eligibility form scrolls
    ws = window.open_patient("TRN-01")
    ws.show_page(EligibilityPage)
    page = ws.page(EligibilityPage)
    assert page.kmt2a.value() == "rearranged"
    area = page.findChild(QScrollArea)
    qtbot.waitUntil(lambda: area.verticalScrollBar().maximum() > 0)
    ws.steps.setFocus()
    before = area.verticalScrollBar().value()

    wheel_down(page.kmt2a, steps=3)

    assert page.kmt2a.value() == "rearranged", "the wheel changed an unfocused field"
    assert area.verticalScrollBar().value() > before, "the page did not scroll"
    assert page.kmt2a.focusPolicy() == Qt.FocusPolicy.StrongFocus  # the wheel gives no focus


def test_the_wheel_changes_a_field_the_clinician_clicked_into(qtbot: Any, window: Any) -> None:
    ws = window.open_patient("TRN-01")
    ws.show_page(EligibilityPage)
    page = ws.page(EligibilityPage)
    page.kmt2a.setFocus()
    qtbot.waitUntil(page.kmt2a.hasFocus)
    wheel_down(page.kmt2a)
    assert page.kmt2a.value() != "rearranged"  # focused: the wheel is aimed at it
    assert ws.case_file["diagnosis"]["kmt2a"] == "rearranged"  # nothing saved by the wheel


def test_a_field_shown_before_the_guard_came_is_guarded_too(qtbot: Any) -> None:
    """The start-up installs the guard once the window is fully usable: a field already
    polished by then gets the guard's focus policy at installation."""
    from PySide6.QtWidgets import QComboBox

    from interfant_desktop.ui.app import make_application
    from interfant_desktop.ui.wheel_guard import WheelGuard, install_wheel_guard

    app = make_application()
    earlier = app.findChild(WheelGuard)
    assert isinstance(earlier, WheelGuard)
    app.removeEventFilter(earlier)  # as if the guard had not come yet
    earlier.setParent(None)
    combo = QComboBox()
    qtbot.addWidget(combo)
    combo.show()  # polished without the guard: the wheel would give it focus
    assert combo.focusPolicy() == Qt.FocusPolicy.WheelFocus
    assert install_wheel_guard(app) is not earlier
    assert combo.focusPolicy() == Qt.FocusPolicy.StrongFocus
