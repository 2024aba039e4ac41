"""Every benchmark still runs (at a tiny size): a benchmark that no test starts breaks
unnoticed when the services change under it. Nothing here is timed; the numbers a
benchmark prints are read by people, at full size."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO, SHARED

#: (script, arguments for a run of a few seconds)
SMALL_RUNS = [
    ("bench_audit.py", ["--events", "50", "--patients", "3"]),
    ("bench_engine.py", ["--cases", "20"]),
    ("bench_engine_compiled.py", ["--cases", "20", "--runs", "1"]),
    ("bench_exports.py", ["--patients", "3"]),
    ("bench_gui_startup.py", ["--patients", "5", "--runs", "1"]),
    ("bench_infusion.py", ["--assessments", "5", "--repeat", "1"]),
    ("bench_infusion_record.py", ["--assessments", "3"]),
    ("bench_order_lifecycle.py", ["--runs", "1"]),
    ("bench_order_pdf.py", ["--runs", "1"]),
    ("bench_print_pause.py", ["--runs", "1", "--dpi", "72"]),
    ("bench_signatures.py", ["--orders", "1"]),
    ("bench_store.py", ["--patients", "30", "--queries", "3"]),
    ("bench_treatment_summary.py", ["--runs", "1"]),
]


def test_every_benchmark_is_listed() -> None:
    scripts = {path.name for path in (REPO / "benchmarks").glob("bench_*.py")}
    assert scripts == {script for script, _ in SMALL_RUNS}


@pytest.mark.parametrize(("script", "arguments"), SMALL_RUNS, ids=[s for s, _ in SMALL_RUNS])
def test_benchmark_runs(script: str, arguments: list[str], tmp_path: Path) -> None:
    if not (SHARED / "cases").is_dir():
        pytest.skip("no shared cases")
    if script == "bench_engine_compiled.py":
        if shutil.which("cc") is None:
            pytest.skip("no C compiler for mypyc")
        # (two small modules compiled: the whole engine's build takes 1-1.5 min; with one
        # module mypyc builds no shared library, which the benchmark checks for)
        others = [p.stem for p in (REPO / "interfant_desktop" / "protocol").glob("*.py")]
        arguments = [*arguments, "--skip", *(m for m in others if m not in ("quantities", "ages"))]
    if script == "bench_gui_startup.py":
        arguments = [*arguments, "--db", str(tmp_path / "bench.sqlite")]
    env = dict(os.environ, TMPDIR=str(tmp_path), INTERFANT_SHARED=str(SHARED),
               QT_QPA_PLATFORM="offscreen")
    proc = subprocess.run([sys.executable, str(REPO / "benchmarks" / script), *arguments], cwd=REPO,
                          env=env, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    # it printed its measurements: times with their unit, or seconds as decimals
    assert re.search(r"\d\s*(?:ms|s)\b|\d\.\d", proc.stdout), proc.stdout
