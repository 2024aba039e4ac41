"""The log file and the crash log, checked in real child processes (the crash
handlers are process-wide, so they are never installed in the test process)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from interfant_desktop import logging_setup


def _run(code: str, data_dir: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "INTERFANT_DATA_DIR": str(data_dir), "PYTHONFAULTHANDLER": ""}
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], env=env,
                          capture_output=True, text=True, timeout=60, check=False)


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("INTERFANT_DATA_DIR", str(tmp_path))
    return tmp_path


def test_log_file_lives_in_the_data_folder(data_dir: Path) -> None:
    result = _run("""
        import logging
        from interfant_desktop.logging_setup import setup_logging
        print(setup_logging())
        logging.getLogger("interfant_desktop.test").info("hello from the child")
    """, data_dir)
    assert result.returncode == 0, result.stderr
    log_path = Path(result.stdout.strip())
    assert log_path == data_dir / "logs" / "interfant-desktop.log"
    text = log_path.read_text(encoding="utf-8")
    assert "starting" in text and "hello from the child" in text
    # A clean exit leaves no crash log and no fatal-signal file behind.
    assert list((data_dir / "logs" / "crashes").iterdir()) == []
    assert logging_setup.pending_crash_report() is None


def test_log_file_rotates(data_dir: Path) -> None:
    result = _run("""
        import logging
        from interfant_desktop import logging_setup
        logging_setup.LOG_MAX_BYTES = 10_000
        logging_setup.setup_logging()
        for i in range(2000):
            logging.getLogger("interfant_desktop.test").info("line %d %s", i, "x" * 40)
    """, data_dir)
    assert result.returncode == 0, result.stderr
    names = sorted(p.name for p in (data_dir / "logs").glob("interfant-desktop.log*"))
    assert names == ["interfant-desktop.log"] + [f"interfant-desktop.log.{i}" for i in range(1, 6)]


def test_unhandled_exception_leaves_a_crash_log_offered_once(data_dir: Path) -> None:
    result = _run("""
        import logging
        from interfant_desktop.logging_setup import setup_logging
        setup_logging()
        logging.getLogger("interfant_desktop.test").info("about to fail")
        raise RuntimeError("smoke crash for the test")
    """, data_dir)
    assert result.returncode == 1
    assert "RuntimeError: smoke crash for the test" in result.stderr  # default hook still runs
    report = logging_setup.pending_crash_report()
    assert report is not None
    assert report.kind == "exception"
    assert report.summary == "RuntimeError: smoke crash for the test"
    text = report.text()
    assert "Traceback" in text and "about to fail" in text
    moved = logging_setup.acknowledge_crash_report(report)
    assert [p.parent.name for p in moved] == ["seen"] and moved[0].exists()
    assert logging_setup.pending_crash_report() is None


def test_exception_in_a_thread_leaves_a_crash_log(data_dir: Path) -> None:
    result = _run("""
        import threading
        from interfant_desktop.logging_setup import setup_logging
        setup_logging()
        def work():
            raise ValueError("worker failed")
        t = threading.Thread(target=work, name="worker")
        t.start(); t.join()
    """, data_dir)
    assert result.returncode == 0, result.stderr
    report = logging_setup.pending_crash_report()
    assert report is not None and report.summary == "ValueError: worker failed"
    assert "thread worker" in report.text()


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signal")
def test_fatal_signal_leaves_a_crash_log(data_dir: Path) -> None:
    result = _run("""
        import faulthandler
        from interfant_desktop.logging_setup import setup_logging
        setup_logging()
        faulthandler._sigsegv()
    """, data_dir)
    assert result.returncode != 0
    report = logging_setup.pending_crash_report()
    assert report is not None
    assert report.kind == "fatal signal"
    assert "Segmentation fault" in report.summary
    assert "File" in report.text()  # the Python stack at the crash
    assert not list((data_dir / "logs" / "crashes").glob("fatal-*.log"))
    logging_setup.acknowledge_crash_report()
    assert logging_setup.pending_crash_reports() == []


def test_a_killed_process_leaves_nothing_to_offer(data_dir: Path) -> None:
    # An empty fatal-<pid>.log of a process that is gone (killed, power cut) is dropped.
    crashes = data_dir / "logs" / "crashes"
    crashes.mkdir(parents=True)
    proc = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    (crashes / f"fatal-{proc.stdout.strip()}.log").write_text("", encoding="utf-8")
    assert logging_setup.pending_crash_report() is None
    assert list(crashes.iterdir()) == []
