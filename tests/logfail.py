"""Fail a test on any unexpected warning or error log line (in the spirit of
qutebrowser's ``tests/helpers/logfail.py``).

A line is expected when the test said so: with ``caplog.at_level(LEVEL, logger=...)``
for that level on the logger or one of its parents, or, where changing the logger's
level would change what is tested, with ``fail_on_logging.expect("text")``. Lines logged from other threads
are collected too; the test fails at its end, listing them.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest


class LogFailHandler(logging.Handler):
    """Collects the warning and error lines nobody asked for."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.unexpected: list[str] = []
        self._expected: list[str] = []

    def expect(self, text: str) -> None:
        """Lines containing ``text`` are expected by this test."""
        self._expected.append(text)

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno < logging.WARNING or _expected(record):
            return
        if any(text in record.getMessage() for text in self._expected):
            return
        self.unexpected.append(f"{record.name} {record.levelname}: {record.getMessage()}")


def _expected(record: logging.LogRecord) -> bool:
    """``caplog.at_level(record.levelno, logger=X)`` was set for this logger or a parent
    (or for the root logger)."""
    logger: logging.Logger | None = logging.getLogger(record.name)
    while logger is not None:
        if logger.level == record.levelno:
            return True
        logger = logger.parent
    return False


@pytest.fixture(autouse=True)
def fail_on_logging() -> Iterator[LogFailHandler]:
    """Autouse: any unexpected warning/error log line during the test fails it."""
    handler = LogFailHandler()
    root = logging.getLogger()
    level = root.level
    # Just below WARNING: the same lines pass, but the root's own level no longer equals
    # WARNING, so only a test's ``caplog.at_level(WARNING)`` marks a warning as expected.
    root.setLevel(logging.WARNING - 1)
    root.addHandler(handler)
    try:
        yield handler
    finally:
        root.removeHandler(handler)
        root.setLevel(level)
    if handler.unexpected:
        pytest.fail("unexpected log lines during the test:\n" + "\n".join(handler.unexpected))
