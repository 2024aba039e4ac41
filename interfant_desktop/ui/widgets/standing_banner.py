"""The eligibility banner above every page of an ineligible or incomplete patient.

It names each criterion behind the status with its rule ID, wording, source and the
recorded data (the engine's eligibility answer), and says how the rest of the screen
must be read: the roadmap is what would apply if the patient were eligible. A new
patient has all ten criteria unknown: the banner then lists the first few and folds the
rest behind "Show all", so a 768-pixel screen keeps room for the page below it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget

from interfant_desktop.protocol.standing import Standing
from interfant_desktop.ui.widgets.banner import Banner

#: Criteria listed before the banner folds the others (their IDs stay in the title).
SHOWN_FOLDED = 3


class StandingBanner(QWidget):
    """Hidden for an eligible patient; red when ineligible, amber when incomplete."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 8, 16, 0)
        layout.setSpacing(2)
        self.banner = Banner()
        layout.addWidget(self.banner)
        self.more = QPushButton()
        self.more.setObjectName("StandingMore")
        self.more.setAccessibleName(self.tr("Show or fold the criteria behind the eligibility status"))
        self.more.clicked.connect(self.toggle)
        layout.addWidget(self.more, 0, Qt.AlignmentFlag.AlignLeft)
        #: the clinician unfolded the list (kept while this workspace is open)
        self.expanded = False
        self.standing: Standing | None = None
        self.hide()

    def show_standing(self, standing: Standing) -> None:
        """Show the engine's standing of the patient (nothing for an eligible one)."""
        self.standing = standing
        if standing.applies:
            self.hide()
            return
        self._render()
        self.show()

    def folded(self) -> bool:
        """True while some criteria are left out of the banner's lines."""
        return (self.standing is not None and len(self.standing.criteria) > SHOWN_FOLDED
                and not self.expanded)

    def toggle(self) -> None:
        """Show all the criteria, or the first few again."""
        self.expanded = not self.expanded
        self._render()

    def _render(self) -> None:
        standing = self.standing
        if standing is None:
            return
        lines = list(standing.criteria_lines())
        left_out = len(lines) - SHOWN_FOLDED
        if self.folded():
            lines = [*lines[:SHOWN_FOLDED],
                     self.tr("… and {n} more criteria (Show all, or the Eligibility page)")
                     .format(n=left_out)]
            self.more.setText(self.tr("Show all {n} criteria").format(n=len(standing.criteria)))
        else:
            self.more.setText(self.tr("Show fewer criteria"))
        self.more.setVisible(left_out > 0)
        tone = "bad" if standing.status == "ineligible" else "warn"
        self.banner.set_status(tone, standing.headline, "\n".join([*lines, standing.roadmap_caveat]))
