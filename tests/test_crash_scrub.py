"""Issue 15, item 9: crash reports copied exception texts verbatim, with the open
patient's study ID. Values are taken out now; the words that explain stay."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

from interfant_desktop.crash_scrub import scrub_exception, scrub_summary, scrub_text

STUDY_ID, NAME, BAD_DATE, WEIGHT = "FZ-4711", "Zoë Fictitious", "2026-02-30", 4.2


def _raise_chained() -> None:
    try:
        dt.date.isoformat(dt.datetime.strptime(BAD_DATE, "%Y-%m-%d"))
    except ValueError as exc:
        raise KeyError(f"no patient with study ID {STUDY_ID!r} named {NAME}, weight {WEIGHT} kg") \
            from exc


def test_values_leave_the_message_and_the_explanation_stays() -> None:
    text = scrub_text(f"no patient with study ID {STUDY_ID!r}; weight 4.2 kg; {NAME}", [NAME])
    assert STUDY_ID not in text and "4711" not in text and "4.2" not in text and NAME not in text
    assert "no patient with study ID" in text and "weight" in text and "kg" in text


def test_a_chained_traceback_keeps_its_frames_and_loses_its_values() -> None:
    try:
        _raise_chained()
    except KeyError as exc:
        report = scrub_exception(type(exc), exc, exc.__traceback__, [NAME])
        summary = scrub_summary(type(exc), exc, [NAME])
    for value in (STUDY_ID, "4711", NAME, BAD_DATE, "4.2"):
        assert value not in report and value not in summary
    assert "_raise_chained" in report and "direct cause" in report
    assert "ValueError: day is out of range for month" in report
    assert summary.startswith("KeyError: ")


def test_the_crash_log_of_a_real_process_has_no_values(tmp_path: Path) -> None:
    code = ("from interfant_desktop.logging_setup import setup_logging\n"
            "setup_logging()\n"
            f"raise ValueError('study ID {STUDY_ID}: weight 3.9 kg for ' + repr({NAME!r}))\n")
    env = dict(os.environ, INTERFANT_DATA_DIR=str(tmp_path))
    subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, timeout=120)
    crashes = list((tmp_path / "logs" / "crashes").glob("crash-*.log"))
    assert len(crashes) == 1
    text = crashes[0].read_text(encoding="utf-8")
    log_text = (tmp_path / "logs" / "interfant-desktop.log").read_text(encoding="utf-8")
    for value in (STUDY_ID, "4711", "3.9", NAME):
        assert value not in text and value not in log_text
    assert "ValueError: study ID" in text and "weight" in text
