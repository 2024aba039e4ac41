"""The Qt binding keeps Python's reference counts: a long ward shift makes millions of
Qt calls, and a binding that drops a reference to ``None`` on each (PySide6 6.12.0 on
Python 3.11) aborts the process after enough of them ("deallocating None")."""

from __future__ import annotations

import sys

from PySide6.QtCore import QTimer


def test_qt_calls_that_return_nothing_keep_the_reference_count_of_none() -> None:
    timer = QTimer()
    before = sys.getrefcount(None)
    for _ in range(10_000):
        timer.setSingleShot(True)  # returns nothing
    assert sys.getrefcount(None) - before > -100  # a leaking binding loses 10,000
