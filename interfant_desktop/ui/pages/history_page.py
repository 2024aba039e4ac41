"""Step 8 — History: this patient's audit trail, newest first."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QHeaderView, QTableWidgetItem

from interfant_desktop.ui.history_rows import group_history
from interfant_desktop.ui.pages.base import WorkspacePage
from interfant_desktop.ui.widgets.tables import read_only_table

if TYPE_CHECKING:
    from interfant_desktop.ui.workspace import PatientWorkspace


class HistoryPage(WorkspacePage):
    """Who changed what, when and why (read from the services' audit trail)."""

    def __init__(self, workspace: PatientWorkspace) -> None:
        super().__init__(workspace, self.tr("History"))
        self.table = read_only_table([self.tr("When (UTC)"), self.tr("Who"), self.tr("What"),
                                      self.tr("Change"), self.tr("Reason")],
                                     self.tr("Audit trail of this patient"))
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        chars = self.table.fontMetrics().horizontalAdvance("M")
        for column, width in ((0, 11), (1, 8), (2, 15)):  # when, who, what: read at a glance
            self.table.setColumnWidth(column, chars * width)
        self.table.verticalHeader().hide()
        # A row is as tall as its wrapped text at the columns' widths now: the stretched
        # columns change width when the page is first shown or the window is resized
        # (rows measured before that kept the height of narrower columns).
        self._fit_rows = QTimer(self, singleShot=True, interval=0)
        self._fit_rows.timeout.connect(self.table.resizeRowsToContents)
        header.sectionResized.connect(lambda *_: self._fit_rows.start())
        self.table.setMinimumHeight(400)
        self.body.addWidget(self.table, 1)

    def refresh(self) -> None:
        # One row per audited action, in clinical words with units (ui/history_rows.py).
        actions = group_history(self.workspace.backend.history(self.workspace.patient_id))
        self.table.setRowCount(len(actions))
        for row, action in enumerate(actions):
            # A value marked entered in error stays visible, struck through.
            for col, text in enumerate((action.when, action.who, action.what,
                                        "\n".join(action.changes), action.reason)):
                cell = QTableWidgetItem(text)
                if action.withdrawn:
                    font = cell.font()
                    font.setStrikeOut(col == 3)
                    cell.setFont(font)
                    cell.setToolTip(self.tr("Entered in error: no longer part of the record"))
                self.table.setItem(row, col, cell)
        # The time on one line ("2026-12-02 18:00:49" wrapped into a date over a time).
        self.table.setColumnWidth(0, max(self.table.columnWidth(0), self.table.sizeHintForColumn(0)))
        self.table.resizeRowsToContents()
