"""The MRD table and chart must not mislead (issue 12): every result in date order with
the engine's D2 reading, the positive-not-quantifiable text whole, labels that do not
overlap, and threshold labels in the rules' own operators."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from interfant_desktop.ui.pages.induction_page import InductionPage


def _add(qtbot: Any, page: InductionPage, kind: str, value: str, date: str) -> None:
    page.timepoint.set_value("end_of_induction")
    page.kind.setCurrentIndex(page.kind.findData(kind))
    page.value.clear()
    qtbot.keyClicks(page.value, value)
    page.mrd_date.clear()
    qtbot.keyClicks(page.mrd_date, date)
    qtbot.mouseClick(page.add_mrd, Qt.MouseButton.LeftButton)


def test_several_results_at_one_time_point_in_date_order_with_d2(qtbot: Any, window: Any) -> None:
    ws = window.open_patient("TRN-06")  # EOI 0.02 % on 2026-05-17, after cycle 1 undetectable
    ws.show_page(InductionPage)
    page = ws.page(InductionPage)
    page.resize(1000, 700)
    _add(qtbot, page, "pnq", "0.03", "2026-05-15")  # earlier than the recorded one
    _add(qtbot, page, "percent", "0.04", "2026-05-17")  # same day as the recorded one
    assert len(ws.case_file["mrd"]) == 4

    table = page.table
    dates = [table.item(r, 1).text() for r in range(table.rowCount())]
    assert dates == sorted(dates) and len(dates) == 4
    results = [table.item(r, 2).text() for r in range(table.rowCount())]
    pnq = "positive, not quantifiable (QR 0.03 % = 3×10⁻⁴)"
    assert results[0] == pnq
    # The whole text fits its cell, even in a narrow window: nothing cut off.
    page.resize(640, 700)
    qtbot.wait(10)
    assert table.columnWidth(2) >= table.sizeHintForColumn(2)

    # The engine's D2 reading: all three end-of-induction results counted.
    several = page.several.text()
    assert page.several.isVisibleTo(page)
    assert "D2 (reading): end-of-induction MRD: 3 results, all compared" in several
    assert "2026-05-15" in several and "0.04 %" in several
    assert ws.evaluation.risk.subgroup == "MR-low" or ws.evaluation.review

    # The chart: no two labels overlap, and it speaks the rules' operators.
    chart = page.chart
    chart.resize(700, 300)
    chart.grab()
    boxes = chart.drawn_labels
    assert len(boxes) >= 4 + 3  # a tag per point, a date label per day
    for i, (a, text_a) in enumerate(boxes):
        for b, text_b in boxes[i + 1:]:
            assert not a.intersects(b), (text_a, text_b)
    assert all("≤" not in text for _box, text in boxes)
    assert any(text.startswith("PNQ, QR 0.03 %") for _box, text in boxes)
    assert "R-HSCT < 0.01 %" in chart.rules[0.01] and "R-B1-MRD > / < 0.01 %" in chart.rules[0.01]
    assert chart.rules[1.0] == "R-EOI-MRD ≥ 1 %"
