"""Mark a wrong entry of the infusion record entered in error: an interruption, an
assessment or the latest bag event. Nothing is deleted: the entry is kept with the reason
(in the history) and the engine no longer counts it."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtWidgets import QDialog, QLabel, QListWidget, QVBoxLayout, QWidget

from interfant_desktop.ui.backend import UserFacingError
from interfant_desktop.ui.dialogs.parts import line_edit, problem_and_ok_cancel


@dataclass(frozen=True)
class RecordEntry:
    """One entry offered: how it reads, and the service call that marks it (with a reason)."""

    text: str
    mark: Callable[[str], None]


class EnteredInErrorDialog(QDialog):
    """Choose the wrong entry, say why, confirm."""

    def __init__(self, entries: Sequence[RecordEntry], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.entries = list(entries)
        self.setObjectName("InfusionEnteredInErrorDialog")
        self.setWindowTitle(self.tr("Mark an entry entered in error"))
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("The entry is kept, with your reason, in the history; the cycle's "
                               "record and the engine no longer count it. Of the bag record only the "
                               "latest entry can be marked (undo the later entry first)."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Entries of the infusion record"))
        self.list.setWordWrap(True)
        for entry in self.entries:
            self.list.addItem(entry.text)
        layout.addWidget(self.list)
        self.reason = line_edit(self.tr("Reason"), self.tr("Why is the entry wrong? (required)"))
        layout.addWidget(self.reason)
        self.problem = problem_and_ok_cancel(self, layout, self.tr("Mark entered in &error"))
        self.resize(self.fontMetrics().horizontalAdvance("M") * 60, self.sizeHint().height())

    def accept(self) -> None:
        row = self.list.currentRow()
        if not 0 <= row < len(self.entries):
            return self._refuse(self.tr("Entry: choose the entry that is wrong"))
        reason = self.reason.text().strip()
        if not reason:
            return self._refuse(self.tr("Reason: required"))
        try:
            self.entries[row].mark(reason)
        except UserFacingError as exc:
            return self._refuse(str(exc))
        super().accept()

    def _refuse(self, text: str) -> None:
        self.problem.setText("✖ " + text)
        self.problem.show()
