"""Step 8 — History: this patient's audit trail, newest first."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from interfant_desktop.ui.pages.base import WorkspacePage

if TYPE_CHECKING:
    from interfant_desktop.ui.workspace import PatientWorkspace


class HistoryPage(WorkspacePage):
    """Who changed what, when and why (read from the services' audit trail)."""

    def __init__(self, workspace: PatientWorkspace) -> None:
        super().__init__(workspace, self.tr("History"))
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels([self.tr("When (UTC)"), self.tr("Who"),
                                              self.tr("What"), self.tr("Change"),
                                              self.tr("Reason")])
        self.table.setAccessibleName(self.tr("Audit trail of this patient"))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.table.setMinimumHeight(400)
        self.body.addWidget(self.table, 1)

    def refresh(self) -> None:
        lines = self.workspace.backend.history(self.workspace.patient_id)
        self.table.setRowCount(len(lines))
        for row, line in enumerate(lines):
            event = line.row
            change = event.change
            if line.hidden:  # a pharmacist before the blinded verification
                hidden = self.tr("hidden until verification")
                change = f"{line.field}: {hidden}" if line.field else hidden
            # A value marked entered in error stays visible, struck through.
            withdrawn = event.what == "entered_in_error"
            for col, text in enumerate((event.when, event.who, event.what, change,
                                        event.reason)):
                cell = QTableWidgetItem(text)
                if withdrawn:
                    font = cell.font()
                    font.setStrikeOut(col == 3)
                    cell.setFont(font)
                    cell.setToolTip(self.tr("Entered in error: no longer part of the record"))
                self.table.setItem(row, col, cell)
        self.table.resizeRowsToContents()
