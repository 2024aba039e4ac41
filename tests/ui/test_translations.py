"""The English catalogue is complete: every translatable string of the ui is in the .ts."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from tests.ui.lupdate import lupdate

REPO = Path(__file__).resolve().parents[2]
TS = REPO / "resources" / "translations" / "interfant_en.ts"


def _messages(path: Path) -> set[tuple[str, str]]:
    root = ET.parse(path).getroot()
    return {(ctx.findtext("name") or "", msg.findtext("source") or "")
            for ctx in root.iter("context") for msg in ctx.iter("message")}


def test_english_catalogue_is_complete_and_current(tmp_path: Path) -> None:
    fresh = lupdate(tmp_path / "fresh.ts", [REPO / "interfant_desktop" / "ui"], "-no-obsolete")
    missing = _messages(fresh) - _messages(TS)
    assert not missing, ("run .venv/bin/python -m interfant_desktop.ui.i18n; new strings: "
                         f"{sorted(missing)[:5]}")
    root = ET.parse(TS).getroot()
    unfinished = [m.findtext("source") for m in root.iter("message")
                  if m.find("translation") is not None
                  and m.find("translation").get("type") == "unfinished"]
    assert not unfinished, unfinished[:5]
    assert (TS.with_suffix(".qm")).exists()
