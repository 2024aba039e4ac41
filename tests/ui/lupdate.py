"""Running Qt's ``pyside6-lupdate`` over ui sources, for the translation tests."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest


def lupdate(out: Path, sources: list[Path], *options: str) -> Path:
    """A fresh English catalogue ``out`` of ``sources`` (the test is skipped where
    pyside6-lupdate is not installed)."""
    tool = Path(sys.executable).parent / "pyside6-lupdate"
    if not tool.exists() and shutil.which("pyside6-lupdate") is None:
        pytest.skip("pyside6-lupdate is not installed")
    subprocess.run([str(tool) if tool.exists() else "pyside6-lupdate", "-extensions", "py",
                    "-source-language", "en", "-target-language", "en", *options,
                    *(str(source) for source in sources), "-ts", str(out)],
                   check=True, capture_output=True, timeout=120)
    return out
