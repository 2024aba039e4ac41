"""The logfail fixture itself: an unexpected warning line fails a test, an expected one
(``caplog.at_level``) does not."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from tests import logfail
from tests.logfail import LogFailHandler

pytest_plugins = ["pytester"]


def test_an_expected_warning_passes(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="interfant_desktop"):
        logging.getLogger("interfant_desktop.store").warning("expected by this test")
    assert "expected by this test" in caplog.text


def test_an_unexpected_warning_is_collected() -> None:
    handler = LogFailHandler()
    for level, text in ((logging.INFO, "fine"), (logging.ERROR, "not expected")):
        handler.handle(logging.LogRecord("interfant_desktop.test_logfail", level, __file__, 1,
                                         text, None, None))
    assert handler.unexpected == ["interfant_desktop.test_logfail ERROR: not expected"]


def test_an_unexpected_warning_fails_the_test(pytester: pytest.Pytester) -> None:
    pytester.makeconftest(Path(logfail.__file__).read_text(encoding="utf-8"))
    pytester.makepyfile("""
        import logging

        def test_logs():
            logging.getLogger("interfant_desktop").warning("surprise")
    """)
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider",
                                           "--rootdir", str(pytester.path))
    result.assert_outcomes(passed=1, errors=1)
    result.stdout.fnmatch_lines(["*unexpected log lines during the test:",
                                "*interfant_desktop WARNING: surprise"])


def test_a_test_may_expect_a_line_by_its_text() -> None:
    handler = LogFailHandler()
    handler.expect("check 'import' failed")
    for text in ("smoke test check 'import' failed", "something else"):
        handler.handle(logging.LogRecord("interfant_desktop.x", logging.ERROR, __file__, 1,
                                         text, None, None))
    assert handler.unexpected == ["interfant_desktop.x ERROR: something else"]
