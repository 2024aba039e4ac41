"""The Roadmap page's record of phase starts: record the date a phase started, and the
list of recorded starts, each correctable or markable as entered in error (struck through
then, with the reason). Rebuilt from the services' views on every refresh."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from interfant_desktop.services.phases import PhaseStartView
from interfant_desktop.ui.dialogs.phase_start_dialog import day_text
from interfant_desktop.ui.widgets.layouts import remove_all


class PhaseStartList(QWidget):
    """One line per recorded start, in date order, with its Correct / Entered in error
    buttons (offered only when the role may change clinical data)."""

    def __init__(self, on_correct: Callable[[PhaseStartView], object],
                 on_error: Callable[[PhaseStartView], object], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._on_correct, self._on_error = on_correct, on_error
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(4)
        self.rows: dict[int, QWidget] = {}

    def set_starts(self, starts: tuple[PhaseStartView, ...], can_edit: bool) -> None:
        remove_all(self._layout)
        self.rows = {}
        if not starts:
            empty = QLabel(self.tr("No phase start recorded yet."))
            empty.setObjectName("Muted")
            self._layout.addWidget(empty)
        for start in starts:
            row = self._row(start, can_edit)
            self.rows[start.id] = row
            self._layout.addWidget(row)

    def _row(self, start: PhaseStartView, can_edit: bool) -> QWidget:
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        who = self.tr("recorded by {who} {when:%Y-%m-%d %H:%M} UTC").format(
            who=start.recorded_by, when=start.recorded_at)
        if start.corrected_by and start.corrected_at:
            who += self.tr("; corrected by {who} {when:%Y-%m-%d %H:%M} UTC").format(
                who=start.corrected_by, when=start.corrected_at)
        text = self.tr("{phase}: started {date} · {who}").format(
            phase=start.label, date=day_text(start.start_date), who=who)
        if start.entered_in_error:
            text += " · " + self.tr("ENTERED IN ERROR: {reason}").format(reason=start.error_reason)
        label = QLabel(text)
        label.setWordWrap(True)
        font = label.font()
        font.setStrikeOut(start.entered_in_error)
        label.setFont(font)
        if start.entered_in_error:
            label.setObjectName("Muted")
        line.addWidget(label, 1)
        row.setAccessibleName(text)
        if not start.entered_in_error:
            correct = QPushButton(self.tr("Correct date…"))
            correct.setAccessibleName(self.tr("Correct the start of {phase}").format(phase=start.label))
            correct.clicked.connect(lambda: self._on_correct(start))
            error = QPushButton(self.tr("Entered in error…"))
            error.setAccessibleName(self.tr("Mark the start of {phase} entered in error").format(
                phase=start.label))
            error.clicked.connect(lambda: self._on_error(start))
            for button in (correct, error):
                button.setEnabled(can_edit)
                if not can_edit:
                    button.setToolTip(self.tr("Your role may not change clinical data."))
                line.addWidget(button)
        return row
