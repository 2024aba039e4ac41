"""The mouse wheel never changes a value it was not aimed at.

A clinician scrolling a long form with the wheel must not change KMT2A from
"rearranged" to "pending" on the way down (issue 12). One application-wide event
filter covers every combo box, spin box and date/time field of the app, in every
page and dialog: such a field takes focus only by click or Tab (never by the
wheel), and while it has no focus a wheel event over it scrolls the page around it
instead of changing its value.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractScrollArea, QAbstractSpinBox, QApplication, QComboBox, QWidget

#: the fields whose value the wheel would change (QDateEdit is a QAbstractSpinBox)
GUARDED = (QComboBox, QAbstractSpinBox)


class WheelGuard(QObject):
    """Application-wide event filter; install it once with :func:`install_wheel_guard`."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if not isinstance(watched, GUARDED):
            return False
        if kind == QEvent.Type.Polish:
            _no_wheel_focus(watched)
            return False
        if kind != QEvent.Type.Wheel or watched.hasFocus():
            return False
        area = _scroll_area_around(watched)
        if area is not None:
            QApplication.sendEvent(area.viewport(), event)
        event.accept()
        return True  # the field's own value never sees it


def _no_wheel_focus(field: QWidget) -> None:
    # The default (Qt.WheelFocus) would give the field focus on the first wheel step.
    if field.focusPolicy() == Qt.FocusPolicy.WheelFocus:
        field.setFocusPolicy(Qt.FocusPolicy.StrongFocus)


def _scroll_area_around(widget: QWidget) -> QAbstractScrollArea | None:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractScrollArea):
            return parent
        parent = parent.parentWidget()
    return None


def install_wheel_guard(app: QApplication) -> WheelGuard:
    """Install the guard on ``app`` once (a second call returns the same guard)."""
    existing = app.findChild(WheelGuard)
    if isinstance(existing, WheelGuard):
        return existing
    guard = WheelGuard(app)
    app.installEventFilter(guard)
    for window in app.topLevelWidgets():  # fields already polished before the guard came
        for kind in GUARDED:
            for field in ([window] if isinstance(window, kind) else []) + window.findChildren(kind):
                _no_wheel_focus(field)
    return guard
