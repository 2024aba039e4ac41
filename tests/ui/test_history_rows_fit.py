"""Each row of the History page is as tall as its wrapped text at the columns' widths as
shown: the import row was as tall as the text would be in narrower columns."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QApplication

from interfant_desktop.ui.pages.history_page import HistoryPage
from tests.ui.conftest import shown_page


def test_history_rows_are_as_tall_as_their_text(qtbot: Any, window: Any) -> None:
    window.resize(1366, 768)
    ws = window.open_patient("TRN-07")
    page = shown_page(ws, HistoryPage)
    qtbot.waitUntil(lambda: page.table.rowCount() > 0)
    for width in (1366, 1000, 1600):
        window.resize(width, 768)
        QApplication.processEvents()
        qtbot.wait(20)
        table = page.table
        rows = table.verticalHeader()  # (hidden, but its one-line height is the floor)
        heights = [(table.rowHeight(r), max(rows.sectionSizeHint(r), table.sizeHintForRow(r)))
                   for r in range(table.rowCount())]
        assert all(shown == needed for shown, needed in heights), (width, heights)
