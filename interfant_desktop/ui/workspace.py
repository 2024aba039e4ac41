"""The patient workspace: identity header, open review items, and one page per step.

The workspace owns the patient's recorded case (the engine's parsed case, and the
case-file form an edit is merged into), its record version and the engine's
evaluation. Pages propose edits through :meth:`PatientWorkspace.save_section`; it
records them through the services with the record version it was based on. The
services validate each edit once, with the engine's case parser: a refusal names the
field and is shown beside it (:func:`~interfant_desktop.ui.refusals.show_refusal`); a
stale edit offers a reload without overwriting anything.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from interfant_desktop.protocol import Evaluation
from interfant_desktop.protocol.reasons import ReviewItem
from interfant_desktop.services.corrections import FactRef
from interfant_desktop.services.hospital_number import number_alone
from interfant_desktop.ui.backend import (
    ConflictError,
    CycleMeasurements,
    PatientData,
    UiBackend,
    UserFacingError,
)
from interfant_desktop.ui.dialogs.correction_dialog import (
    CorrectionBanner,
    confirm_pending,
    run_correction,
)
from interfant_desktop.ui.dialogs.identity_dialog import IdentityDialog
from interfant_desktop.ui.formatting import (
    age_text,
    local_time_text,
    phase_label,
    risk_group_text,
)
from interfant_desktop.ui.operations import CollectionOp, QueryOp
from interfant_desktop.ui.pages.base import WorkspacePage
from interfant_desktop.ui.read_only import show_read_only
from interfant_desktop.ui.refusals import show_refusal
from interfant_desktop.ui.review_panel import ReviewPanel
from interfant_desktop.ui.unsaved import Answer, ask_save_discard_cancel, field_name
from interfant_desktop.ui.widgets.share_by_need import share_by_need
from interfant_desktop.ui.widgets.standing_banner import StandingBanner

# One kind of workspace page: :meth:`PatientWorkspace.page` returns the page of the class asked for
PageT = TypeVar("PageT", bound=WorkspacePage)


class PatientWorkspace(QWidget):
    """Everything about one patient, step by step in protocol order."""

    #: Emitted after a successful save, so the patient list can refresh its row.
    saved = Signal(str)
    #: Emitted when the user asks to go back to the patient list.
    close_requested = Signal()

    def __init__(self, backend: UiBackend, patient_id: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.backend = backend
        self.patient_id = patient_id
        #: the recorded case in case-file form: what an edit starts from (the pages show
        #: ``evaluation.case``, the engine's parsed case)
        self.case_file: dict[str, Any] = {}
        self.version: int = 0
        #: the engine's answer for the recorded case (set by ``reload``)
        self.evaluation: Evaluation
        self.confirmations: dict[str, str] = {}
        self.no_known_allergies: bool | None = None
        self.allergies: str | None = None
        self._saving = False
        #: the page whose save is being shown (its saved fields become the baseline)
        self._saved_page: WorkspacePage | None = None
        self.setObjectName("Workspace")

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        outer.addWidget(self._build_header())
        self.standing_banner = StandingBanner()
        outer.addWidget(self.standing_banner)
        self.correction_banner = CorrectionBanner(lambda p: confirm_pending(self, p))
        outer.addWidget(self.correction_banner)
        self.review_panel = ReviewPanel(self)
        outer.addWidget(self.review_panel)
        # What the last save did (or why it did not): a save is never silent.
        self.save_status = QLabel()
        self.save_status.setObjectName("SaveStatus")
        self.save_status.setAccessibleName(self.tr("Result of the last save"))
        self.save_status.setWordWrap(True)
        self.save_status.hide()
        outer.addWidget(self.save_status)

        middle = QHBoxLayout()
        middle.setContentsMargins(0, 0, 0, 0)
        middle.setSpacing(0)
        self.steps = QListWidget()
        self.steps.setObjectName("StepList")
        self.steps.setAccessibleName(self.tr("Workspace steps"))
        self.steps.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.steps.setWordWrap(True)
        self.steps.setFixedWidth(self.steps.fontMetrics().horizontalAdvance("M") * 20 + 40)
        self.stack = QStackedWidget()
        middle.addWidget(self.steps)
        middle.addWidget(self.stack, 1)
        outer.addLayout(middle, 1)

        self.pages: list[WorkspacePage] = []
        for page in self._make_pages():
            self.pages.append(page)
            self.stack.addWidget(page)
            QListWidgetItem(f"{len(self.pages)}  {page.page_title}", self.steps)
        if not backend.can_edit():
            for page in self.pages:
                show_read_only(page, backend.can_record_measurements(),
                               self.tr("Your role may not change clinical data."))
        self.steps.currentRowChanged.connect(self.stack.setCurrentIndex)
        self.steps.currentRowChanged.connect(lambda _row: self._show_standing())
        # Ctrl+1 … Ctrl+8 jump straight to a step, from anywhere in the workspace.
        for index in range(len(self.pages)):
            shortcut = QShortcut(QKeySequence(f"Ctrl+{index + 1}"), self)
            shortcut.activated.connect(lambda i=index: self._jump(i))
        self.steps.setCurrentRow(0)
        self.reload()

    # --- construction ------------------------------------------------------------------
    def _build_header(self) -> QWidget:
        # Two rows beside the back button: who and where (identity, risk and phase) on the
        # first, the allergy status and its actions on the second. In one row the risk and
        # phase got the narrowest column and wrapped into four or five lines.
        header = QFrame()
        header.setObjectName("Header")
        layout = QGridLayout(header)
        layout.setContentsMargins(16, 8, 16, 8)
        layout.setHorizontalSpacing(12)
        layout.setVerticalSpacing(4)
        self.back_button = QPushButton(self.tr("◀ Patient list"))
        self.back_button.setAccessibleName(self.tr("Back to the patient list"))
        # Alt+Left (the window's "back"), not a letter: Alt+P belongs to the pages' fields.
        self.back_button.setToolTip(self.tr("Back to the patient list (Alt+Left)"))
        self.back_button.clicked.connect(self.close_requested)
        layout.addWidget(self.back_button, 0, 0, 2, 1, Qt.AlignmentFlag.AlignVCenter)
        self.identity = QLabel()
        self.identity.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.identity.setAccessibleName(self.tr("Patient identity"))
        # Wrapped, not clipped: the header fits a 1366 px screen (and 1920 px at 150 %).
        self.identity.setWordWrap(True)
        layout.addWidget(self.identity, 0, 1)
        self.summary = QLabel()
        self.summary.setAccessibleName(self.tr("Risk group and current phase"))
        self.summary.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary, 0, 2)
        self.allergy_label = QLabel()
        self.allergy_label.setObjectName("HeaderAllergies")
        self.allergy_label.setAccessibleName(self.tr("Allergy status"))
        self.allergy_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.allergy_label.setWordWrap(True)
        layout.addWidget(self.allergy_label, 1, 1)
        self._header_actions = QWidget()
        actions = QHBoxLayout(self._header_actions)
        actions.setContentsMargins(0, 0, 0, 0)
        actions.addStretch(1)
        self.allergy_button = QPushButton(self.tr("Aller&gies…"))
        self.allergy_button.setAccessibleName(self.tr("Record the allergy status"))
        self.allergy_button.setEnabled(self.backend.can_edit())
        self.allergy_button.clicked.connect(self.edit_allergies)
        actions.addWidget(self.allergy_button)
        self.identity_button = QPushButton(self.tr("&Identity…"))
        self.identity_button.setAccessibleName(self.tr("Complete or correct the patient's identity"))
        self.identity_button.setEnabled(self.backend.can_edit())
        self.identity_button.clicked.connect(self.edit_identity)
        actions.addWidget(self.identity_button)
        self.correct_button = QPushButton(self.tr("Correct…"))
        self.correct_button.setAccessibleName(self.tr("Correct a recorded value or mark it "
                                                      "entered in error"))
        self.correct_button.setEnabled(self.backend.can_correct())
        self.correct_button.clicked.connect(lambda: self.correct_fact())
        actions.addWidget(self.correct_button)
        layout.addWidget(self._header_actions, 1, 2)
        self._header_grid = layout
        return header

    def _make_pages(self) -> list[WorkspacePage]:
        # Imported here: each page module imports WorkspacePage, which refers back to us.
        from interfant_desktop.ui.infusion.infusion_page import InfusionPage
        from interfant_desktop.ui.pages.checklist_page import ChecklistPage
        from interfant_desktop.ui.pages.diagnosis_page import DiagnosisPage
        from interfant_desktop.ui.pages.eligibility_page import EligibilityPage
        from interfant_desktop.ui.pages.history_page import HistoryPage
        from interfant_desktop.ui.pages.induction_page import InductionPage
        from interfant_desktop.ui.pages.orders_page import OrdersPage
        from interfant_desktop.ui.pages.risk_page import RiskPage
        from interfant_desktop.ui.pages.roadmap_page import RoadmapPage

        return [EligibilityPage(self), DiagnosisPage(self), RiskPage(self), InductionPage(self),
                ChecklistPage(self), RoadmapPage(self), OrdersPage(self), HistoryPage(self),
                InfusionPage(self)]

    def _jump(self, index: int) -> None:
        self.steps.setCurrentRow(index)
        self.steps.setFocus()

    def page(self, cls: type[PageT]) -> PageT:
        """The page of the given class (for navigation and tests)."""
        return next(p for p in self.pages if isinstance(p, cls))

    def show_page(self, cls: type[WorkspacePage]) -> None:
        """Switch to the page of the given class."""
        self.steps.setCurrentRow(self.pages.index(self.page(cls)))

    # --- data --------------------------------------------------------------------------
    def reload(self) -> None:
        """Fetch the patient's case and version from the store and re-evaluate (off the
        GUI thread; the window stays responsive meanwhile)."""
        backend, patient_id = self.backend, self.patient_id
        self._apply(*QueryOp(self, lambda: _fetch(backend, patient_id)).wait())

    def _apply(self, record: PatientData, evaluation: Evaluation) -> None:
        self.case_file, self.version = record.case_file, record.version
        self.confirmations = record.confirmations
        self.no_known_allergies, self.allergies = record.no_known_allergies, record.allergies
        self.evaluation = evaluation
        self.correction_banner.show_pending(self.backend.pending_corrections(self.patient_id))
        self._show()

    def section_json(self, name: str) -> dict[str, Any]:
        """A copy of one object section of the stored case file (``{}`` when absent)."""
        section = self.case_file.get(name)
        return dict(section) if isinstance(section, dict) else {}

    def list_section_json(self, name: str) -> list[dict[str, Any]]:
        """A copy of one list section of the stored case file (``[]`` when absent)."""
        section = self.case_file.get(name)
        return [dict(item) for item in section] if isinstance(section, list) else []

    def _show(self) -> None:
        ev = self.evaluation
        patient = ev.case.patient
        name = patient.name or self.tr("(no name recorded)")
        self.identity.setText(self.tr(
            "<b>{study}</b> · {name} · {mrn} · born {dob} · age at diagnosis {age}").format(
                study=_escape(patient.study_id), name=_escape(name),
                mrn=_escape(self.tr("MRN {number}").format(number=number_alone(patient.hospital_number))
                            if patient.hospital_number else self.tr("no hospital number")),
                dob=patient.date_of_birth.isoformat(),
                age=self._age_text()))
        self.summary.setText(self.tr("Risk: <b>{risk}</b> · Now: <b>{phase}</b> · {protocol}").format(
            risk=_escape(self._risk_text()), phase=self._now_text(),
            protocol=_escape(ev.protocol.version)))
        self.summary.setToolTip(self._summary_tooltip())
        self._show_standing()
        self._show_allergies()
        share_by_need(self._header_grid, {1: (self.identity, self.allergy_label),
                                          2: (self.summary, self._header_actions)})
        self.review_panel.set_items(list(ev.review))
        self._mark_steps()
        for page in self.pages:
            # What was typed and not saved survives a save elsewhere (and is still unsaved).
            page.refresh_keeping_typed(page is self._saved_page)
            if page is self._saved_page:
                QTimer.singleShot(0, page, page.settle_saved)

    def _show_standing(self) -> None:
        """The eligibility banner on every page but Eligibility, which shows it in full."""
        from interfant_desktop.ui.pages.eligibility_page import EligibilityPage

        if not hasattr(self, "evaluation"):
            return
        on_eligibility = isinstance(self.stack.currentWidget(), EligibilityPage)
        self.standing_banner.show_standing(self.evaluation.standing)
        if on_eligibility:
            self.standing_banner.hide()

    def _age_text(self) -> str:
        """The header's age at diagnosis; without a diagnosis date it says so (not "—")."""
        days = self.evaluation.age_at_diagnosis_days
        if days is None:  # the age is counted from birth to the diagnosis date
            return self.tr("not known (diagnosis date not recorded)")
        return age_text(days)

    def _risk_text(self) -> str:
        """The header's "Risk:": the group ("MR if eligible" while eligibility is not met),
        "review", or "pending"; without a diagnosis date "pending (diagnosis date not
        recorded)", as "Now:" says it (the group can then not even start to be assessed).
        What a pending group waits for is the summary's tooltip (the line has no room)."""
        ev = self.evaluation
        if not ev.risk.current and ev.risk.status == "pending" and "diagnosis.date" in ev.risk.missing:
            return self.tr("pending (diagnosis date not recorded)")
        return risk_group_text(ev)

    def _summary_tooltip(self) -> str:
        """What a pending risk group waits for, in the engine's words ("" otherwise)."""
        risk = self.evaluation.risk
        if risk.current or risk.status != "pending" or not risk.missing_names:
            return ""
        return self.tr("Risk group pending: not recorded yet: {missing}").format(
            missing=", ".join(risk.missing_names))

    def _now_text(self) -> str:
        """The header's "Now:": no phase for an ineligible patient, a provisional one while
        eligibility is incomplete (the engine's standing decides which)."""
        standing = self.evaluation.standing
        if standing.status == "ineligible":
            return self.tr("none (ineligible)")
        if standing.current_phase is None:  # the roadmap starts at the diagnosis date
            return self.tr("no phase yet (diagnosis date not recorded)")
        phase = phase_label(standing.current_phase)
        return self.tr("{phase} (if eligible)").format(phase=phase) if standing.provisional else phase

    def _show_allergies(self) -> None:
        """The allergy status in the header (red until "no known allergies" is recorded)."""
        from interfant_desktop.ui.pages.orders_page import OrdersPage

        orders = self.page(OrdersPage)
        assert isinstance(orders, OrdersPage)
        text = orders.allergy_summary(self.no_known_allergies, self.allergies)
        self.allergy_label.setText(text)
        self.allergy_label.setToolTip(text)
        self.allergy_label.setStyleSheet(
            "font-weight: 600;" + ("" if self.no_known_allergies is True else " color: #b00020;"))

    def _mark_steps(self) -> None:
        ev = self.evaluation
        status = ev.eligibility.status
        marks = {0: {"eligible": "✔", "ineligible": "✖", "incomplete": "…"}.get(status, "")}
        if any(r.rule for r in ev.review):
            marks[2] = "⚠"
        for index, page in enumerate(self.pages):
            mark = marks.get(index, "")
            self.steps.item(index).setText(f"{index + 1}  {page.page_title}  {mark}".rstrip())

    def preview(self, section: str, value: Any) -> Evaluation | None:
        """The engine's evaluation if ``section`` had ``value`` (None while it is invalid)."""
        try:
            parsed = self.backend.validate_case(self._candidate(section, value))
        except UserFacingError:
            return None
        return self.backend.evaluate(self.patient_id, parsed)

    def result_problem(self, sample: dict[str, Any]) -> str | None:
        """The engine parser's complaint about one MRD result, if any (live validation)."""
        candidate = self._candidate("mrd", [sample])
        try:
            self.backend.validate_case(candidate)
        except UserFacingError as exc:
            return exc.problem if ".result" in (exc.field or "") else None
        return None

    def _candidate(self, section: str, value: Any) -> dict[str, Any]:
        candidate = copy.deepcopy(self.case_file)
        if value is None:
            candidate.pop(section, None)
        else:
            candidate[section] = value
        return candidate

    def save_section(self, page: WorkspacePage, section: str, value: Any, reason: str) -> bool:
        """Record one case section. A refusal is shown next to its field."""
        return self._record(page, lambda version: self.backend.record_section(
            self.patient_id, section, value, reason, version),
            done=self.tr("{page} (reason recorded: “{reason}”)").format(
                page=page.page_title, reason=reason))

    def save_measurements(self, page: WorkspacePage, entry: CycleMeasurements,
                          cycles: list[dict[str, Any]], reason: str | None) -> bool:
        """Record weight and height of one blinatumomab cycle (nurses may do this);
        ``cycles`` is the section as it will be (the page maps its fields by index)."""
        return self._record(page, lambda version: self.backend.record_measurements(
            self.patient_id, entry, reason, version),
            done=self.tr("weight and height of cycle {cycle}").format(cycle=entry.cycle))

    def save_allergies(self, page: WorkspacePage | None, no_known_allergies: bool,
                       allergies: str | None, reason: str | None) -> bool:
        """Record the allergy status (not part of the case file); a refusal is shown beside
        the allergy field, a stale edit offers a reload."""
        return self._record(page, lambda version: self.backend.record_allergies(
            self.patient_id, no_known_allergies, allergies, reason, version),
            done=self.tr("allergy status"))

    def confirm_fact(self, page: WorkspacePage, section: str, value: Any, criterion: str,
                     answer: bool | None, evidence: str, reason: str) -> bool:
        """Record a hand-confirmed eligibility fact, then who confirmed it and on what evidence."""
        if not self.save_section(page, section, value, reason):
            return False
        return self._record(page, lambda version: self.backend.confirm_eligibility(
            self.patient_id, criterion, answer, evidence, version),
            self.tr("Confirmation not recorded"), notify=False)

    # --- unsaved edits -----------------------------------------------------------------
    def unsaved_pages(self) -> list[WorkspacePage]:
        """The pages with typed but unsaved changes."""
        return [page for page in self.pages if page.unsaved_fields()]

    def unsaved_summary(self) -> list[str]:
        """Where the unsaved changes are, as "page: field, field" lines."""
        for page in self.pages:
            # A save whose handler has returned counts as saved now, even if its settling
            # timer has not fired yet (the user acted straight after saving).
            page.settle_saved()
        return [f"{page.page_title}: " + ", ".join(dict.fromkeys(
            field_name(w) for w in page.unsaved_fields())) for page in self.unsaved_pages()]

    def confirm_leave(self, action: str) -> bool:
        """Before ``action`` (e.g. "going back to the patient list"): with unsaved
        changes ask Save / Discard / Cancel. True when the patient may be left: nothing
        unsaved, saved, or discarded on the user's answer."""
        where = self.unsaved_summary()
        if not where or self._saving:
            # (While a save runs its fields are on their way; whatever stays unsaved is
            # still in this workspace and asked about before it is replaced or closed.)
            return True
        answer = ask_save_discard_cancel(self, self.patient_id, where, action)
        if answer is Answer.DISCARD:
            self.discard_unsaved()
            return True
        if answer is Answer.CANCEL:
            return False
        for page in self.unsaved_pages():
            if not page.save_unsaved():
                self.show_page(type(page))  # the refusal (or what has no save button) is there
                self.save_status.setText(self.tr(
                    "✖ Not everything was saved: see the page {page}. You are still on this "
                    "patient.").format(page=page.page_title))
                self.save_status.setProperty("tone", "bad")
                self._repolish(self.save_status)
                self.save_status.show()
                return False
        return True

    def discard_unsaved(self) -> None:
        """Show the record again on every page (the typed changes are dropped)."""
        for page in self.pages:
            page.refresh()
            page.mark_shown()
            page.clear_errors()

    def _show_saved(self, what: str) -> None:
        """Say what was saved, by whom and when (local time with its zone)."""
        user = self.backend.user
        self.save_status.setText(self.tr("✔ Saved: {what} — by {user} at {time}").format(
            what=what, user=user.username if user else "?", time=local_time_text(dt.datetime.now(dt.UTC))))
        self.save_status.setProperty("tone", "ok")
        self._repolish(self.save_status)
        self.save_status.show()

    @staticmethod
    def _repolish(widget: QWidget) -> None:
        widget.style().unpolish(widget)
        widget.style().polish(widget)

    def saving(self) -> bool:
        """True while a recording call runs in the background."""
        return self._saving

    def _record(self, page: WorkspacePage | None, record: Callable[[int], int],
                title: str | None = None, notify: bool = True, done: str | None = None) -> bool:
        """Run one recording call of the services, with the version shown on screen, and
        the reload after it, off the GUI thread (the window stays responsive; a second
        save meanwhile is refused). A refusal goes beside its field (or into a message
        box); a stale edit offers a reload; nothing is overwritten. True once saved."""
        if self._saving:
            return False
        if page is not None:
            page.clear_errors()
        backend, patient_id, version = self.backend, self.patient_id, self.version

        def work() -> tuple[PatientData, Evaluation]:  # worker thread: no widgets
            record(version)
            return _fetch(backend, patient_id)

        self._saving = True
        try:
            result = CollectionOp(self, work).wait()
        except ConflictError:
            self._show_not_saved()
            self.offer_reload()
            return False
        except UserFacingError as exc:
            self._show_not_saved()
            heading = title or self.tr("Not saved")
            show_refusal(exc, page.show_error if page is not None else lambda _f, _p: False,
                         lambda text: QMessageBox.warning(self, heading, text))
            return False
        finally:
            self._saving = False
        self._saved_page = page
        try:
            self._apply(*result)
        finally:
            self._saved_page = None
        self._show_saved(done or (page.page_title if page is not None else self.tr("decision")))
        if notify:
            self.saved.emit(self.patient_id)
        return True

    def record_call(self, page: WorkspacePage | None, record: Callable[[int], int],
                    title: str | None = None) -> bool:
        """Run one recording call that is not a case section (a phase start), as ``_record``
        does: off the GUI thread, refusals shown, a stale edit offering a reload."""
        return self._record(page, record, title)

    def _show_not_saved(self) -> None:
        self.save_status.setText(self.tr("✖ Not saved: what you typed is still on screen; "
                                         "see the message beside the field."))
        self.save_status.setProperty("tone", "bad")
        self._repolish(self.save_status)
        self.save_status.show()

    def edit_identity(self) -> bool:
        """Name, hospital number and sex, recorded with a reason (the study ID is fixed)."""
        dialog = IdentityDialog(self.evaluation.case.patient, self)
        if not dialog.exec():
            return False
        # None clears a key (merged by the services)
        updated = {**self.section_json("patient"), **dialog.changes()}
        return self.save_section(self.pages[0], "patient", updated, dialog.reason.text().strip())

    def edit_allergies(self) -> bool:
        """Record the allergy status from the header (the same call as the Orders page)."""
        from interfant_desktop.ui.dialogs.allergy_dialog import AllergyDialog

        dialog = AllergyDialog(self.patient_id, self.no_known_allergies, self.allergies, self)
        try:
            if not dialog.exec():
                return False
            nka, text = dialog.status()
            return self.save_allergies(None, nka, text, dialog.reason.text().strip() or None)
        finally:
            dialog.deleteLater()

    def correct_fact(self, ref: FactRef | None = None) -> bool:
        """Correct a recorded fact (or mark it entered in error); see correction_dialog."""
        return run_correction(self, ref)

    def offer_reload(self) -> None:
        """Someone else changed the record: nothing was saved; offer to reload their version."""
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Changed by someone else"))
        box.setText(self.tr("This patient's record was changed by someone else after you "
                            "opened it. Your change was NOT saved and nothing was overwritten."))
        box.setInformativeText(self.tr("Reload to see the current record, then enter your "
                                       "change again if it is still needed."))
        reload_button = box.addButton(self.tr("&Reload"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("&Keep my screen"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(reload_button)
        box.setObjectName("ConflictDialog")
        box.exec()
        if box.clickedButton() is reload_button:
            self.reload()
            self.discard_unsaved()  # their version on every page; the user enters theirs again

    def resolve_review(self, item: ReviewItem, option: str, reason: str) -> bool:
        """Record a clinician's decision on an open review item, then re-evaluate."""
        return self._record(None, lambda version: self.backend.resolve_review(
            self.patient_id, item, option, reason, version), self.tr("Not recorded"))

    def today(self) -> dt.date:
        """The reference date for "not in the future" checks."""
        return dt.date.today()


def _fetch(backend: UiBackend, patient_id: str) -> tuple[PatientData, Evaluation]:
    """The stored patient and the engine's evaluation of it (any thread: no widgets)."""
    record = backend.load_patient(patient_id)
    return record, backend.evaluate(patient_id, record.case)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
