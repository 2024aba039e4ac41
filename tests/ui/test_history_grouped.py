"""History: one row per audited action, in clinical words with units (issue 12)."""

from __future__ import annotations

import re
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
    assert wbc_rows[0][3].startswith("WBC at diagnosis: ") and wbc_rows[0][3].endswith("→ 120 × 10^9/L")
    assert wbc_rows[0][2] == "Data changed" and wbc_rows[0][4] == "lab report 2026-02-20"
    assert rows[0] == mrd_rows[0]  # newest first
    imported = rows[-1]
    assert imported[2] == "Patient imported" and imported[3].startswith("case file with: diagnosis")
    for row in rows:  # no raw JSON, no internal names
        for text in row:
            assert "{" not in text and "[" not in text, text
            for internal in ("diagnosis.", "_percent", "positive_not_quantifiable", "timepoint",
                             "end_of_induction"):
                assert internal not in text, (internal, text)
            # the case file's unit code alone; the engine writes it "× 10^9/L" (test_wbc_unit.py)
            assert re.search(r"(?<!× )10\^9/L", text) is None, text


def test_order_states_and_allergy_statuses_are_written_in_words(qtbot: Any) -> None:
    """The values stored as small objects (an order's state, the allergy status) and an
    import are read into typed values and written in words, never as JSON."""
    import datetime as dt

    from interfant_desktop.services.audit import AuditEntry
    from interfant_desktop.ui.backend import AuditRow, HistoryLine
    from interfant_desktop.ui.history_rows import group_history

    start = dt.datetime(2026, 5, 1, 9, 0, tzinfo=dt.UTC)

    def line(minutes: int, action: str, field: str | None, old: Any, new: Any,
             entity: str = "patient", key: str | None = "TRN-01") -> HistoryLine:
        event = AuditEntry(minutes, start + dt.timedelta(minutes=minutes), "dr.a", action, entity,
                           key, field, old, new, None)
        return HistoryLine(AuditRow("", "dr.a", action, "", ""), False, field, event)

    case = {"format": "interfant-case/1", "patient": {"study_id": "TRN-01"},
            "diagnosis": {"lineage": "B-ALL"}, "mrd": [{}, {}], "blinatumomab": [{}]}
    lines = [line(0, "import", None, None, case),
             line(1, "change", "allergies", None, {"no_known_allergies": True, "allergies": None}),
             line(2, "change", "allergies", {"no_known_allergies": True, "allergies": None},
                  {"no_known_allergies": False, "allergies": "penicillin (rash)"}),
             line(3, "create", "status", None, {"status": "draft", "cycle": 1}, "order", "7"),
             line(6, "sign", "status", {"status": "draft", "cycle": 1},
                  {"status": "signed", "cycle": 1}, "order", "7")]
    rows = group_history(lines[::-1])  # newest first, as the backend gives them
    assert [r.changes for r in rows] == [
        ("Order status: draft, cycle 1 → signed, cycle 1",),
        ("Order status: — → draft, cycle 1",),
        ("Allergy status: no known allergies → penicillin (rash)",),
        ("Allergy status: not recorded → no known allergies",),
        ("case file with: diagnosis, 2 MRD results, 1 blinatumomab cycle",)]


def test_changed_fields_are_named_and_carry_their_units(qtbot: Any) -> None:
    """A cycle's weight, height and bag length, and the day-8 blasts, are written with the
    name a clinician knows and their unit; a field without a unit gets none."""
    import datetime as dt

    from interfant_desktop.services.audit import AuditEntry
    from interfant_desktop.ui.backend import AuditRow, HistoryLine
    from interfant_desktop.ui.history_rows import group_history

    start = dt.datetime(2026, 5, 1, 9, 0, tzinfo=dt.UTC)

    def line(minutes: int, field: str | None, old: Any, new: Any,
             action: str = "change") -> HistoryLine:
        event = AuditEntry(minutes, start + dt.timedelta(minutes=minutes * 10), "dr.a", action,
                           "patient", "TRN-01", field, old, new, f"why {minutes}")
        return HistoryLine(AuditRow("", "dr.a", action, "", ""), False, field, event)

    case = {"format": "interfant-case/1", "patient": {"study_id": "TRN-01", "name": "Test Baby A"},
            "prednisone_response": {"blasts_per_uL": 900},
            "blinatumomab": [{"cycle": 1, "weight_kg": 4.2, "bag_hours": 24},
                             {"cycle": 2, "height_cm": 60.0}]}
    lines = [line(-1, None, None, case, "import"),
             line(0, "blinatumomab[0].weight_kg", 4.2, 4.35),
             line(1, "blinatumomab[1].height_cm", 60.0, 61.5),
             line(2, "blinatumomab[0].bag_hours", 24, 48),
             line(3, "prednisone_response.blasts_per_uL", 900, 1100),
             line(4, "patient.name", "Test Baby A", "Test Baby B")]
    rows = group_history(lines[::-1])[:-1]  # the import, last, holds the old values
    assert [r.changes for r in rows] == [
        ("Name: Test Baby A → Test Baby B",),
        ("Blasts in blood on day 8: 900 /µL → 1100 /µL",),
        ("Blinatumomab entry 1: bag length: 24 h → 48 h",),
        ("Blinatumomab entry 2: height: 60 cm → 61.5 cm",),
        ("Blinatumomab entry 1: weight: 4.2 kg → 4.35 kg",)]


def test_the_time_of_each_action_reads_on_one_line(qtbot: Any, window: Any) -> None:
    """"2026-12-02 18:00:49" wrapped into a date over a time in the 11-character column."""
    window.resize(1366, 688)
    ws = window.open_patient("TRN-07")
    history = ws.page(HistoryPage)
    ws.show_page(HistoryPage)
    table = history.table
    assert table.rowCount() >= 1
    for row in range(table.rowCount()):
        when = table.item(row, 0).text()
        assert len(when) == len("2026-12-02 18:00:49"), when
        # the text and the cell's margins, as Qt's delegate measures them
        needed = max(table.fontMetrics().horizontalAdvance(when), table.sizeHintForColumn(0))
        assert table.columnWidth(0) >= needed, (when, table.columnWidth(0), needed)
