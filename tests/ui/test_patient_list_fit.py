"""The patient list reads whole on the ward's screens, 1366 × 768 and 1920 × 1080 at 150 %
(1280 logical pixels wide): no cell and no column title is cut, and "Needs attention" says
what needs attention in a few words with how many more there are, every flag in full in its
tooltip. (It showed the start of the first flag, cut: "⚠ Missing MRD (end of induction);
Missi…", "⚠ Review: R-DX-WBC-BOUNDARY — a cli…".)"""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QApplication, QStyle, QStyleOptionViewItem, QTableView

from interfant_desktop.ui.patient_list_model import COLUMNS

#: the window's space in logical pixels, less a title and task bar (as tools/screenshots.py)
SCREENS = {"1366x768": (1366, 688), "1920x1080 at 150 %": (1280, 640)}
ATTENTION = [key for key, _title in COLUMNS].index("attention")


def drawn(table: QTableView, index: QModelIndex) -> tuple[str, int, QFontMetrics]:
    """The text the cell's delegate draws, the pixels it has for it, and its font's metrics."""
    option = QStyleOptionViewItem()
    table.initViewItemOption(option)
    option.rect = table.visualRect(index)
    table.itemDelegateForIndex(index).initStyleOption(option, index)
    style = table.style()
    rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, option, table)
    margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, table) + 1
    return option.text, rect.width() - 2 * margin, QFontMetrics(option.font)


def summarised_list(qtbot: Any, window: Any, size: tuple[int, int]) -> Any:
    """The list at ``size`` with every row's summary computed."""
    window.resize(*size)
    page = window.list_page
    model = page.model
    for row in range(model.rowCount()):
        for column in range(model.columnCount()):
            model.data(model.index(row, column))
    qtbot.waitUntil(lambda: not model.summaries_pending(), timeout=5000)
    QApplication.processEvents()
    return page


def rows_by_study_id(page: Any) -> dict[str, int]:
    return {page.model.row_at(r).study_id: r for r in range(page.model.rowCount())}


@pytest.mark.parametrize("screen", SCREENS)
def test_no_cell_and_no_title_is_cut(qtbot: Any, window: Any, screen: str) -> None:
    page = summarised_list(qtbot, window, SCREENS[screen])
    model, table, header = page.model, page.table, page.table.horizontalHeader()
    assert model.rowCount() == 15
    cut = []
    for row in range(model.rowCount()):
        for column in range(model.columnCount()):
            text, room, metrics = drawn(table, model.index(row, column))
            if metrics.horizontalAdvance(text) > room:
                cut.append((model.row_at(row).study_id, COLUMNS[column][0], text, room))
    assert cut == [], screen
    for column in range(model.columnCount()):
        assert header.sectionSize(column) >= header.sectionSizeFromContents(column).width(), \
            COLUMNS[column][1]
    # the columns fill the table: none runs off to the right (a horizontal scroll bar)
    assert table.horizontalScrollBar().maximum() == 0


@pytest.mark.parametrize("screen", SCREENS)
def test_needs_attention_names_the_first_flags_and_how_many_more(
        qtbot: Any, window: Any, screen: str) -> None:
    page = summarised_list(qtbot, window, SCREENS[screen])
    rows, model = rows_by_study_id(page), page.model

    def cell(study_id: str) -> str:
        return drawn(page.table, model.index(rows[study_id], ATTENTION))[0]

    # three results missing: the first, and how many more
    assert cell("TRN-02") == "⚠ Missing MRD (end of induction) +2 more"
    # the criteria by their IDs (the eligibility column beside it says "incomplete")
    assert cell("TRN-05") == "⚠ Not yet known: INC1, INC3, EXC1 +1 more"
    assert cell("TRN-04") == "⚠ Ineligible: fails INC2, EXC4"
    assert cell("TRN-10") == "⚠ Review: R-DX-WBC-BOUNDARY (MR or HR)"
    assert cell("TRN-01") == ""
    # the tooltip: every flag in the engine's words, one a line
    tooltip = model.data(model.index(rows["TRN-05"], ATTENTION), Qt.ItemDataRole.ToolTipRole)
    assert tooltip.splitlines() == [
        "• Eligibility incomplete: missing INC1 (Newly diagnosed B-precursor ALL or B-cell MPAL "
        "(single lineage), WHO 2017, with KMT2A rearrangement), INC3 (Written informed consent "
        "of parent(s) / legal guardian), EXC1 (KMT2A wild type)",
        "• Missing prednisone response (day 8)"]
    assert model.data(model.index(rows["TRN-02"], ATTENTION),
                      Qt.ItemDataRole.ToolTipRole).count("• Missing ") == 3


def test_a_wide_list_shows_the_flags_in_full(qtbot: Any, window: Any) -> None:
    page = summarised_list(qtbot, window, (2400, 900))
    rows = rows_by_study_id(page)
    text, room, metrics = drawn(page.table, page.model.index(rows["TRN-10"], ATTENTION))
    assert text == "⚠ Review: R-DX-WBC-BOUNDARY — a clinician decides MR or HR"
    assert metrics.horizontalAdvance(text) <= room


def test_the_cell_keeps_the_count_whole_when_even_a_few_words_do_not_fit() -> None:
    from interfant_desktop.ui.attention_cell import cell_text

    metrics = QFontMetrics(QFont())
    full = ("Missing MRD (end of induction)", "Review: R-B1-MRD — a clinician decides MR or HR")
    brief = ("Missing MRD (end of induction)", "Review: R-B1-MRD (MR or HR)")
    whole = "⚠ " + "; ".join(full)
    assert cell_text(full, brief, metrics.horizontalAdvance(whole), metrics) == whole
    few_words = "⚠ " + "; ".join(brief)
    assert cell_text(full, brief, metrics.horizontalAdvance(few_words), metrics) == few_words
    first = "⚠ Missing MRD (end of induction) +1 more"
    assert cell_text(full, brief, metrics.horizontalAdvance(first), metrics) == first
    narrow = cell_text(full, brief, metrics.horizontalAdvance(first) // 2, metrics)
    assert narrow.startswith("⚠ Missing") and narrow.endswith("… +1 more")
    assert metrics.horizontalAdvance(narrow) <= metrics.horizontalAdvance(first) // 2
    assert cell_text((), (), 100, metrics) == ""
