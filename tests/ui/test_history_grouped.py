"""History: one row per audited action, in clinical words with units (issue 12)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from interfant_desktop.ui.pages.diagnosis_page import DiagnosisPage
from interfant_desktop.ui.pages.history_page import HistoryPage
from interfant_desktop.ui.pages.induction_page import InductionPage


def _rows(page: HistoryPage) -> list[list[str]]:
    table = page.table
    return [[table.item(r, c).text() for c in range(table.columnCount())]
            for r in range(table.rowCount())]


def test_history_has_one_row_per_action_in_clinical_words(qtbot: Any, window: Any) -> None:
    ws = window.open_patient("TRN-02")
    dx = ws.page(DiagnosisPage)
    ws.show_page(DiagnosisPage)
    dx.wbc_value.clear()
    qtbot.keyClicks(dx.wbc_value, "120")
    dx.unit_e9.setChecked(True)
    qtbot.keyClicks(dx.wbc_reason, "lab report 2026-02-20")
    qtbot.mouseClick(dx.save_wbc, Qt.MouseButton.LeftButton)

    mrd = ws.page(InductionPage)
    ws.show_page(InductionPage)
    mrd.timepoint.set_value("end_of_induction")
    mrd.kind.setCurrentIndex(mrd.kind.findData("pnq"))
    qtbot.keyClicks(mrd.value, "0.03")
    qtbot.keyClicks(mrd.mrd_date, "2026-03-25")
    qtbot.mouseClick(mrd.add_mrd, Qt.MouseButton.LeftButton)

    history = ws.page(HistoryPage)
    ws.show_page(HistoryPage)
    rows = _rows(history)
    mrd_rows = [r for r in rows if "MRD result 1" in r[3]]
    wbc_rows = [r for r in rows if "WBC at diagnosis" in r[3]]
    assert len(mrd_rows) == 1 and len(wbc_rows) == 1  # one row per action, not per field
    assert mrd_rows[0][3] == ("MRD result 1: — → End of induction, 2026-03-25, positive, not "
                              "quantifiable (QR 0.03 % = 3×10⁻⁴)")
    assert wbc_rows[0][3].startswith("WBC at diagnosis: ") and wbc_rows[0][3].endswith("→ 120 ×10⁹/L")
    assert wbc_rows[0][2] == "Data changed" and wbc_rows[0][4] == "lab report 2026-02-20"
    assert rows[0] == mrd_rows[0]  # newest first
    imported = rows[-1]
    assert imported[2] == "Patient imported" and imported[3].startswith("case file with: diagnosis")
    for row in rows:  # no raw JSON, no internal names
        for text in row:
            assert "{" not in text and "[" not in text, text
            for internal in ("diagnosis.", "_percent", "positive_not_quantifiable", "timepoint",
                             "10^9/L", "end_of_induction"):
                assert internal not in text, (internal, text)
