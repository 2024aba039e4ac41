"""Step 6 — Roadmap: the drawn timeline of phases with the decision points between them,
the next decision point with its expected date, and the record of when each phase started."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QMessageBox, QPushButton

from interfant_desktop.protocol.roadmap import ALL_PHASES
from interfant_desktop.services.phases import PhaseStartView
from interfant_desktop.ui.backend import UserFacingError
from interfant_desktop.ui.dialogs.phase_start_dialog import PhaseStartDialog, day_text, parse_day
from interfant_desktop.ui.formatting import phase_label
from interfant_desktop.ui.operations import QueryOp
from interfant_desktop.ui.pages.base import WorkspacePage
from interfant_desktop.ui.pages.widgets_common import Choice, DateField
from interfant_desktop.ui.widgets.phase_starts import PhaseStartList
from interfant_desktop.ui.widgets.phase_strip import PhaseStrip
from interfant_desktop.ui.widgets.roadmap_view import RoadmapView

if TYPE_CHECKING:
    from interfant_desktop.ui.workspace import PatientWorkspace


class RoadmapPage(WorkspacePage):
    """The current phase in a banner at the top, the next decision below it, the whole
    path, then the phase starts (record, correct, entered in error)."""

    def __init__(self, workspace: PatientWorkspace) -> None:
        super().__init__(workspace, self.tr("Roadmap"))
        self.banner = self.add_banner()
        self.next_banner = self.add_banner()
        self.next_banner.setObjectName("NextDecisionBanner")
        self.strip = PhaseStrip()
        self.body.addWidget(self.strip)
        self.summary_button = QPushButton(self.tr("Treatment &summary (PDF)…"))
        self.summary_button.setAccessibleName(self.tr("Save the one-page treatment summary as a PDF"))
        self.summary_button.clicked.connect(self.save_summary)
        self.body.addWidget(self.summary_button)
        self.section_title(self.tr("Phases and the decisions between them"))
        self.view = RoadmapView()
        self.body.addWidget(self.view)
        self.section_title(self.tr("When each phase started"))
        form = self.add_form()
        protocol = workspace.backend.protocol
        self.phase_choice = Choice([(p, protocol.phases.get(p, phase_label(p))) for p in ALL_PHASES])
        self.add_field(form, self.tr("P&hase"), self.phase_choice, "phase")
        self.start_field = DateField()
        self.add_field(form, self.tr("S&tarted on"), self.start_field, "start_date",
                       self.tr("The date the phase began (YYYY-MM-DD). A blinatumomab cycle's start "
                               "is its infusion start, recorded on the Infusion page."))
        self.record_button = self.add_save_button(form, self.tr("&Record phase start"), self.record_start)
        self.starts = PhaseStartList(self.correct_start, self.mark_in_error)
        self.body.addWidget(self.starts)
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
            since = ""
            if current.start_date is not None:
                day = (ev.today - current.start_date).days + 1
                since = self.tr(" (since {date}, day {day})").format(
                    date=day_text(current.start_date), day=day)
            self.banner.set_status("info", self.tr("NOW: {phase}{since}").format(
                phase=current.label or phase_label(current.phase), since=since), current.note)
        else:
            self.banner.set_status("neutral", self.tr("No current phase yet"),
                                   self.tr("The roadmap fills in as results are recorded."))
        self._show_next()
        self.strip.set_steps(roadmap, applies=standing.applies)
        self.view.set_roadmap(roadmap, list(ev.decision_points), applies=standing.applies)
        backend = self.workspace.backend
        self.starts.set_starts(backend.loaded_phase_starts(self.workspace.patient_id),
                               backend.can_edit())

    def _show_next(self) -> None:
        nxt = self.evaluation.next_decision
        if nxt is None:
            self.next_banner.set_status("ok", self.tr("No decision point open"))
            return
        if nxt.expected is None:
            when = self.tr("no expected date")
        elif nxt.overdue:
            when = self.tr("expected {date}: OVERDUE").format(date=day_text(nxt.expected))
        else:
            when = self.tr("expected {date}").format(date=day_text(nxt.expected))
        review = self.tr(" · a clinician decides (review)") if nxt.status == "review" else ""
        detail = f"{_escape(nxt.basis)}<br>{nxt.reason.rule} ({nxt.reason.source})"
        self.next_banner.set_status("warn" if nxt.overdue or nxt.status == "review" else "info",
                                    self.tr("NEXT DECISION: {q} — {when}{review}").format(
                                        q=nxt.question, when=when, review=review), detail)

    # --- recording ---------------------------------------------------------------------
    def record_start(self) -> bool:
        """Record the chosen phase's start date (the services check it)."""
        self.clear_errors()
        phase = self.phase_choice.value() or ""
        day = parse_day(self.start_field.value())
        if day is None:
            self.show_error("start_date", self.tr("not a date (YYYY-MM-DD)"))
            return False
        ws = self.workspace
        saved = ws.record_call(self, lambda version: ws.backend.record_phase_start(
            ws.patient_id, phase, day, version))
        if saved:
            self.start_field.clear()
        return saved

    def correct_start(self, start: PhaseStartView) -> bool:
        dialog = PhaseStartDialog(start, True, self)
        day = dialog.new_date() if dialog.exec() else None
        if day is None:
            return False
        ws, reason = self.workspace, dialog.reason.text().strip()
        return ws.record_call(None, lambda version: ws.backend.correct_phase_start(
            ws.patient_id, start.id, day, reason, version), self.tr("Not corrected"))

    def mark_in_error(self, start: PhaseStartView) -> bool:
        dialog = PhaseStartDialog(start, False, self)
        if not dialog.exec():
            return False
        ws, reason = self.workspace, dialog.reason.text().strip()
        return ws.record_call(None, lambda version: ws.backend.mark_phase_start_in_error(
            ws.patient_id, start.id, reason, version), self.tr("Not marked"))

    def save_summary(self) -> bool:
        """Save the one-page treatment summary where the user chooses."""
        ws = self.workspace
        path, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Save the treatment summary"), f"treatment-summary-{ws.patient_id}.pdf",
            self.tr("PDF files (*.pdf)"))
        if not path:
            return False
        backend, study_id = ws.backend, ws.patient_id
        try:  # the summary reads the store: off the GUI thread
            QueryOp(self, lambda: backend.save_treatment_summary(study_id, path)).wait()
        except (OSError, UserFacingError) as exc:
            QMessageBox.warning(self, self.tr("Not saved"), str(exc))
            return False
        return True


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
