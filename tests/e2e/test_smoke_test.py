"""``interfant-desktop --smoke-test`` from source, as a real process, and its PDF check."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from reportlab.pdfgen.canvas import Canvas

from interfant_desktop import smoke_test
from tests.logfail import LogFailHandler


def test_smoke_test_passes_and_leaves_nothing_behind(tmp_path: Path) -> None:
    user_data = tmp_path / "user-data"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "INTERFANT_DATA_DIR": str(user_data),
           "INTERFANT_DB": "postgresql+psycopg://nobody@127.0.0.1:9/never-used",
           "TMPDIR": str(tmp_path)}
    result = subprocess.run([sys.executable, "-m", "interfant_desktop", "--smoke-test"], env=env,
                            capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines[-1].startswith("smoke test passed")
    oks = [line for line in lines if line.startswith("ok ")]
    assert len(oks) == len(smoke_test.CHECKS)
    assert any("database created and migrated (SQLite" in line for line in oks)
    assert any("main window shown" in line for line in oks)
    # The user's data folder and database were never touched; the temporary folder is gone.
    assert not user_data.exists()
    assert not list(tmp_path.glob("interfant-smoke-*"))


def test_a_failing_check_gives_a_non_zero_exit(monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture[str],
                                               fail_on_logging: LogFailHandler) -> None:
    def broken(_ctx: object) -> str:
        raise smoke_test.SmokeFailure("the patient service (x.y) is not part of this build")

    monkeypatch.setattr(smoke_test, "CHECKS", (("log file", smoke_test.check_log_file),
                                               ("import", broken)))
    fail_on_logging.expect("smoke test check 'import' failed")
    assert smoke_test.run_smoke_test() == 1
    out = capsys.readouterr().out
    assert "FAIL import: SmokeFailure: the patient service (x.y) is not part of this build" in out
    assert "smoke test FAILED: 1 of 2" in out


def test_missing_layer_is_named() -> None:
    with pytest.raises(smoke_test.SmokeFailure, match=r"the main window .* not part of this build"):
        smoke_test._module("interfant_desktop.ui.no_such_module", "the main window")


def test_text_in_an_unembedded_font_is_detected() -> None:
    buffer = io.BytesIO()
    canvas = Canvas(buffer)
    canvas.drawString(100, 100, "hello")
    canvas.save()
    assert smoke_test._fonts_drawing_text_unembedded(buffer.getvalue()) == ["Helvetica"]
    empty = io.BytesIO()
    canvas = Canvas(empty)
    canvas.rect(10, 10, 50, 50)
    canvas.save()
    assert smoke_test._fonts_drawing_text_unembedded(empty.getvalue()) == []
