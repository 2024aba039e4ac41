"""Qt's own warnings, collected: the tests and the release smoke test fail on any they do
not expect (a Qt warning is often the only sign of a layout or a plugin gone wrong)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler

#: The kinds of message that count (debug and info lines do not).
SERIOUS = (QtMsgType.QtWarningMsg, QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg)


@contextmanager
def qt_warnings(allowed: Iterable[str] = ()) -> Iterator[list[str]]:
    """The warnings Qt reports inside the block, as "QtWarningMsg: text", apart from those
    containing one of the ``allowed`` texts; the previous message handler comes back after."""
    expected = tuple(allowed)
    collected: list[str] = []

    def handler(kind: QtMsgType, _context: QMessageLogContext, text: str) -> None:
        if kind in SERIOUS and not any(known in text for known in expected):
            collected.append(f"{kind.name}: {text}")

    previous = qInstallMessageHandler(handler)
    try:
        yield collected
    finally:
        qInstallMessageHandler(previous)
