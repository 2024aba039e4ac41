"""The WBC unit is written one way, the engine's ("× 10^9/L", as its reasons and the protocol
file's rules write it): the diagnosis page, its hints, the history and the correction dialog
say the same. (The screens wrote "× 10⁹/L" and "×10⁹/L" beside the engine's "× 10^9/L".)"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from interfant_desktop.ui.pages.diagnosis_page import DiagnosisPage
from interfant_desktop.ui.pages.history_page import HistoryPage

REPO = Path(__file__).resolve().parents[2]


def engine_unit(window: Any) -> str:
    """The unit as the engine writes it in TRN-10's review question ("WBC 300 × 10^9/L")."""
    ws = window.open_patient("TRN-10")
    detail = next(item.detail for item in ws.evaluation.review if item.rule == "R-DX-WBC-BOUNDARY")
    found = re.search(r"WBC 300 (\S+ \S+?);", detail)
    assert found, detail
    return found.group(1)


def test_the_screens_write_the_engines_unit(qtbot: Any, window: Any) -> None:
    unit = engine_unit(window)
    assert unit == "× 10^9/L"
    ws = window.open_patient("TRN-02")
    ws.show_page(DiagnosisPage)
    page = ws.page(DiagnosisPage)
    assert page.unit_e9.text() == unit and page.unit_ul.text() == "/µL"
    labels = [label.text() for label in page.findChildren(QLabel)]
    assert f"Choose the unit of the laboratory report. 300 {unit} = 300 000 /µL." in labels
    page.wbc_value.setText("120")
    page.unit_e9.setAutoExclusive(False)  # neither unit chosen
    page.unit_e9.setChecked(False)
    assert page._wbc() == f"Choose the unit of the WBC: {unit} or /µL. It is never assumed."
    page.unit_e9.setAutoExclusive(True)
    page.unit_e9.setChecked(True)
    page.wbc_reason.setText("lab report 2026-02-20")
    qtbot.mouseClick(page.save_wbc, Qt.MouseButton.LeftButton)
    ws.show_page(HistoryPage)
    history = ws.page(HistoryPage)
    changes = [history.table.item(r, 3).text() for r in range(history.table.rowCount())]
    assert any(text.startswith("WBC at diagnosis: ") and text.endswith(f"→ 120 {unit}")
               for text in changes), changes


def test_no_screen_writes_the_unit_its_own_way() -> None:
    """No other spelling of the WBC unit in the GUI's code or its catalogue sources."""
    others = re.compile(r"10⁹|×10\^9|x 10\^9|10e9/L")
    found = [str(path.relative_to(REPO)) for path in (REPO / "interfant_desktop" / "ui").rglob("*.py")
             if others.search(path.read_text(encoding="utf-8"))]
    assert found == []


def test_the_protocol_files_rules_write_the_same_unit() -> None:
    """Every WBC threshold in the protocol file's rule texts is written "× 10^9/L"."""
    data = json.loads((REPO / "resources" / "protocol" / "interfant-21.protocol.json").read_text("utf-8"))
    texts = [rule["text"] for rule in data["rules"].values()]
    after_number = [m.group(0) for text in texts
                    for m in re.finditer(r"\}\s*\S*\s*10\^9/L", text)]
    assert after_number and set(after_number) == {"} × 10^9/L"}, after_number
