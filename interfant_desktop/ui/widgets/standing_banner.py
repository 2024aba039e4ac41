"""The eligibility banner above every page of an ineligible or incomplete patient.

It names each criterion behind the status with its rule ID, wording, source and the
recorded data (the engine's eligibility answer), and says how the rest of the screen
must be read: the roadmap is what would apply if the patient were eligible.
"""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from interfant_desktop.protocol.standing import Standing
from interfant_desktop.ui.widgets.banner import Banner


class StandingBanner(QWidget):
    """Hidden for an eligible patient; red when ineligible, amber when incomplete."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 8, 16, 0)
        self.banner = Banner()
        layout.addWidget(self.banner)
        self.hide()

    def show_standing(self, standing: Standing) -> None:
        """Show the engine's standing of the patient (nothing for an eligible one)."""
        if standing.applies:
            self.hide()
            return
        tone = "bad" if standing.status == "ineligible" else "warn"
        lines = [*standing.criteria_lines(), standing.roadmap_caveat]
        self.banner.set_status(tone, standing.headline, "\n".join(lines))
        self.show()
