"""Qt loads without PySide6's per-import source scan (ui/qt_imports.py), and the app
selects no ``__feature__`` (the one thing that scan is for)."""

from __future__ import annotations

import re
import subprocess
import sys

from tests.conftest import REPO

_PROBE = """
import builtins, sys
{setup}
import colorsys  # a module not loaded yet: does PySide6 read its source?
feature = sys.modules["shibokensupport.feature"]
print("scanned" if "colorsys" in feature.pyside_feature_dict else "not scanned")
print("hook" if builtins.__import__ is builtins.__feature_import__ else "no hook")
"""


def _probe(setup: str) -> list[str]:
    proc = subprocess.run([sys.executable, "-c", _PROBE.format(setup=setup)], cwd=REPO,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.split()


def test_loading_the_ui_layer_turns_the_source_scan_off() -> None:
    assert _probe("import interfant_desktop.ui; import PySide6.QtWidgets") == [
        "not", "scanned", "no", "hook"]


def test_plain_pyside6_scans_every_new_module() -> None:
    # what the test above would see without skip_feature_scan (so it can fail)
    assert _probe("import PySide6.QtWidgets") == ["scanned", "hook"]


def test_no_module_selects_a_pyside_feature() -> None:
    uses = [str(path.relative_to(REPO)) for folder in ("interfant_desktop", "tests", "tools")
            for path in (REPO / folder).rglob("*.py")
            if re.search(r"^\s*from\s+__feature__\s+import", path.read_text(encoding="utf-8"),
                         re.MULTILINE)]
    assert uses == []
