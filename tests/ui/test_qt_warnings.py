"""The collector behind the tests' ``fail_on_qt_warnings`` and the smoke test's Qt check."""

from __future__ import annotations

from PySide6.QtCore import qDebug, qWarning

from interfant_desktop.ui.qt_warnings import qt_warnings


def test_a_warning_is_collected_and_an_allowed_one_or_a_debug_line_is_not() -> None:
    with qt_warnings(allowed=("harmless here",)) as collected:
        qWarning("QLayout: a fictitious layout problem")
        qWarning("this one is harmless here")
        qDebug("a debug line")
    assert collected == ["QtWarningMsg: QLayout: a fictitious layout problem"]


def test_the_previous_handler_is_back_after_the_block() -> None:
    with qt_warnings() as outer:
        with qt_warnings() as inner:
            qWarning("inner")
        qWarning("outer")
    assert inner == ["QtWarningMsg: inner"] and outer == ["QtWarningMsg: outer"]
