"""Step 6 — Roadmap: the drawn timeline of phases with the decision points between them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from interfant_desktop.ui.formatting import phase_label
from interfant_desktop.ui.pages.base import WorkspacePage
from interfant_desktop.ui.widgets.banner import Banner
from interfant_desktop.ui.widgets.phase_strip import PhaseStrip
from interfant_desktop.ui.widgets.roadmap_view import RoadmapView

if TYPE_CHECKING:
    from interfant_desktop.ui.workspace import PatientWorkspace


class RoadmapPage(WorkspacePage):
    """The current phase in a banner at the top, the whole path below it."""

    def __init__(self, workspace: PatientWorkspace) -> None:
        super().__init__(workspace, self.tr("Roadmap"))
        self.banner = Banner()
        self.body.addWidget(self.banner)
        self.strip = PhaseStrip()
        self.body.addWidget(self.strip)
        self.section_title(self.tr("Phases and the decisions between them"))
        self.view = RoadmapView()
        self.body.addWidget(self.view)
        self.body.addStretch(1)

    def refresh(self) -> None:
        ev = self.evaluation
        roadmap = list(ev.roadmap)
        current = next((s for s in roadmap if s.status == "current"), None)
        standing = ev.standing
        if not standing.applies:
            # The engine's standing: the roadmap is the protocol as it would apply if
            # eligible, and an ineligible patient is on none of its phases.
            title = self.tr("NOT ON PROTOCOL — roadmap as it would apply if eligible") \
                if standing.status == "ineligible" else \
                self.tr("ROADMAP IF ELIGIBLE — eligibility incomplete")
            # The criteria are in the banner above every page; here, how to read the path.
            self.banner.set_status("bad" if standing.status == "ineligible" else "warn", title,
                                   self.tr("{headline}. Phases and decisions below are "
                                           "hypothetical.").format(headline=standing.headline))
        elif current:
            self.banner.set_status("info", self.tr("NOW: {phase}").format(
                phase=current.label or phase_label(current.phase)), current.note)
        else:
            self.banner.set_status("neutral", self.tr("No current phase yet"),
                                   self.tr("The roadmap fills in as results are recorded."))
        self.strip.set_steps(roadmap, applies=standing.applies)
        self.view.set_roadmap(roadmap, list(ev.decision_points), applies=standing.applies)
