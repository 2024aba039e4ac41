"""Step 1 — Eligibility: INC1–INC3 and EXC1–EXC7 with wording, answers and a status banner.

Answers the engine can derive (age from dates, lineage, KMT2A) come from the
recorded diagnosis; the rest (consent, Down syndrome, relapse, prior steroids or
chemotherapy) are confirmed here by hand with an evidence note, which is
recorded as the reason of the change in the audit trail.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from interfant_desktop.protocol.eligibility import confirmation_key
from interfant_desktop.ui.pages.base import FieldError, WorkspacePage
from interfant_desktop.ui.pages.widgets_common import Choice, DateField, TriState, iso
from interfant_desktop.ui.widgets.layouts import remove_all

if TYPE_CHECKING:
    from interfant_desktop.protocol.eligibility import Criterion
    from interfant_desktop.ui.workspace import PatientWorkspace


#: Criteria confirmed by hand: (criterion, case section, key, question).
MANUAL = (
    ("INC3", "diagnosis", "consent",
     QT_TRANSLATE_NOOP("EligibilityPage", "Written informed consent of parent(s) / guardian given?")),
    ("EXC5", "patient", "down_syndrome",
     QT_TRANSLATE_NOOP("EligibilityPage", "Down syndrome?")),
    ("EXC6", "diagnosis", "relapsed",
     QT_TRANSLATE_NOOP("EligibilityPage", "Relapsed ALL?")),
    ("EXC7", "diagnosis", "prior_steroids",
     QT_TRANSLATE_NOOP("EligibilityPage", "Systemic corticosteroids > 10 mg/m²/day for > 1 week"
                                          " in the 4 weeks before diagnosis?")),
    ("EXC7", "diagnosis", "prior_chemotherapy",
     QT_TRANSLATE_NOOP("EligibilityPage", "Any chemotherapy in the 4 weeks before diagnosis?")),
)
# An exclusion criterion that is "met" in the engine's sense does NOT apply to the
# patient; the words must say so, or "EXC1 KMT2A wild type ✔ met" reads backwards.
STATUS_WORDS = {
    ("inclusion", "met"): QT_TRANSLATE_NOOP("EligibilityPage", "✔ met"),
    ("inclusion", "failed"): QT_TRANSLATE_NOOP("EligibilityPage", "✖ not met"),
    ("exclusion", "met"): QT_TRANSLATE_NOOP("EligibilityPage", "✔ not present"),
    ("exclusion", "failed"): QT_TRANSLATE_NOOP("EligibilityPage", "✖ present: excludes"),
    ("inclusion", "missing"): QT_TRANSLATE_NOOP("EligibilityPage", "… not known yet"),
    ("exclusion", "missing"): QT_TRANSLATE_NOOP("EligibilityPage", "… not known yet")}


class EligibilityPage(WorkspacePage):
    """Criteria table (engine answers) above the facts and confirmations that feed it."""

    section = "diagnosis"

    def __init__(self, workspace: PatientWorkspace) -> None:
        super().__init__(workspace, self.tr("Eligibility"))
        self.banner = self.add_banner()
        self.criteria_box = QFrame()
        self.criteria_box.setObjectName("Card")
        self.criteria_grid = QGridLayout(self.criteria_box)
        self.criteria_grid.setColumnStretch(2, 1)
        self.body.addWidget(self.criteria_box)

        self.section_title(self.tr("Diagnostic facts (derive INC1, INC2, EXC1–EXC4)"))
        form = self.add_form()
        self.dx_date = DateField()
        self.add_field(form, self.tr("Diagnosis &date"), self.dx_date, "diagnosis.date",
                       self.tr("Age at diagnosis is computed from this and the date of birth."))
        self.lineage = Choice([(None, self.tr("Not recorded")), ("B-ALL", "B-ALL"),
                               ("B-MPAL", self.tr("B-cell MPAL (single lineage)")),
                               ("MPAL-multilineage", self.tr("MPAL, multilineage")),
                               ("T-ALL", "T-ALL"), ("other", self.tr("Other"))])
        self.add_field(form, self.tr("&Lineage"), self.lineage, "diagnosis.lineage")
        self.kmt2a = Choice([(None, self.tr("Not recorded")), ("rearranged", self.tr("rearranged")),
                             ("wildtype", self.tr("wild type")), ("pending", self.tr("pending"))])
        self.add_field(form, self.tr("&KMT2A"), self.kmt2a, "diagnosis.kmt2a")
        self.partner, _ = self.add_text_field(form, self.tr("KMT2A &partner"), "diagnosis.kmt2a_partner")
        self.facts_reason, self.facts_reason_error = self.add_text_field(
            form, self.tr("Source / reason"), "reason.facts",
            self.tr("e.g. cytogenetics report of 2026-03-02"))
        self.save_facts = self.add_save_button(form, self.tr("&Save diagnostic facts"), self.on_save_facts)

        self.section_title(self.tr("Confirmed by hand (with evidence)"))
        manual_form = self.add_form()
        self.manual: dict[str, tuple[TriState, QLineEdit, FieldError]] = {}
        self.confirmed: dict[str, QLabel] = {}
        for criterion, section, key, question in MANUAL:
            row = QWidget()
            grid = QGridLayout(row)
            grid.setContentsMargins(0, 0, 0, 0)
            answer = TriState()
            answer.setAccessibleName(f"{criterion}: {self.tr(str(question))}")
            evidence = QLineEdit()
            evidence.setPlaceholderText(self.tr("Evidence (document, date, who confirmed)"))
            evidence.setAccessibleName(self.tr("Evidence for {criterion} {key}").format(
                criterion=criterion, key=key.replace("_", " ")))
            confirm = QPushButton(self.tr("Confirm"))
            confirm.setProperty("edits_record", True)
            confirm.setAccessibleName(self.tr("Confirm {criterion} {key}").format(
                criterion=criterion, key=key.replace("_", " ")))
            error = FieldError(evidence)
            grid.addWidget(answer, 0, 0)
            grid.addWidget(evidence, 0, 1)
            grid.addWidget(confirm, 0, 2)
            grid.addWidget(error, 1, 0, 1, 3)
            confirmed = QLabel()
            confirmed.setObjectName("Muted")
            confirmed.setWordWrap(True)
            grid.addWidget(confirmed, 2, 0, 1, 3)
            self.confirmed[key] = confirmed
            grid.setColumnStretch(1, 1)
            caption = QLabel(f"<b>{criterion}</b> {self.tr(str(question))}")
            caption.setWordWrap(True)
            caption.setBuddy(answer)
            manual_form.addRow(caption, row)
            self.manual[key] = (answer, evidence, error)
            self.errors[f"{section}.{key}"] = error
            confirm.clicked.connect(
                lambda _=False, s=section, k=key, c=criterion: self.on_confirm(s, k, c))
        self.body.addStretch(1)

    # --- showing ------------------------------------------------------------------------
    def refresh(self) -> None:
        eligibility = self.evaluation.eligibility
        status = eligibility.status
        criteria = list(eligibility.criteria)
        by_id = {c.id: c for c in criteria}
        if status == "eligible":
            self.banner.set_status("ok", self.tr(
                "ELIGIBLE — every inclusion criterion met, no exclusion criterion present"))
        elif status == "ineligible":
            failed = eligibility.failed
            self.banner.set_status("bad", self.tr("NOT ELIGIBLE — fails {ids}").format(
                ids=", ".join(failed)), "\n".join(
                    f"{cid}: {by_id[cid].text} — {by_id[cid].detail}" for cid in failed))
        else:
            missing = eligibility.missing
            self.banner.set_status("warn", self.tr("INCOMPLETE — still missing {ids}").format(
                ids=", ".join(missing)), "\n".join(f"{cid}: {by_id[cid].text}" for cid in missing))
        self._fill_criteria(criteria)
        diagnosis = self.recorded.diagnosis
        self.dx_date.set_value(iso(diagnosis.date))
        self.lineage.set_value(diagnosis.lineage)
        self.kmt2a.set_value(diagnosis.kmt2a)
        self.partner.setText(diagnosis.kmt2a_partner or "")
        patient = self.recorded.patient
        for criterion, section, key, _question in MANUAL:
            source = patient if section == "patient" else diagnosis
            self.manual[key][0].set_value(getattr(source, key))
            self.confirmed[key].setText(self._confirmation_text(criterion, key))

    def _confirmation_text(self, criterion: str, key: str) -> str:
        """This fact's own confirmation; a criterion-wide one recorded before each fact had
        its own is shown as such, never as this fact's."""
        confirmations = self.workspace.confirmations
        own = confirmation_key(criterion, key)
        note = confirmations.get(own)
        if note:
            return self.tr("Last confirmation of {criterion} ({fact}): {note}").format(
                criterion=criterion, fact=key.replace("_", " "), note=note) \
                if own != criterion else \
                self.tr("Last confirmation of {criterion}: {note}").format(criterion=criterion, note=note)
        legacy = confirmations.get(criterion) if own != criterion else None
        if legacy:
            return self.tr("Not confirmed for this fact yet. An earlier confirmation of {criterion} "
                           "as a whole: {note}").format(criterion=criterion, note=legacy)
        return self.tr("Not confirmed by hand yet.")

    def _fill_criteria(self, criteria: list[Criterion]) -> None:
        remove_all(self.criteria_grid)
        for col, head in enumerate((self.tr("Criterion"), self.tr("Status"),
                                    self.tr("Wording (source)"), self.tr("Answer from data"))):
            label = QLabel(f"<b>{head}</b>")
            self.criteria_grid.addWidget(label, 0, col)
        colours = {"met": "#1e6b34", "failed": "#9b1c1c", "missing": "#7a5200"}
        for row, criterion in enumerate(criteria, start=1):
            status = criterion.status
            cid = QLabel(f"<b>{criterion.id}</b>")
            words = STATUS_WORDS.get((criterion.kind, status), status)
            state = QLabel(self.tr(str(words)))
            state.setStyleSheet(f"color: {colours.get(status, '#1f2933')}; font-weight: 600;")
            state.setAccessibleName(f"{criterion.id} {status}")
            wording = QLabel(f"{criterion.text} ({criterion.source})")
            wording.setWordWrap(True)
            detail = QLabel(criterion.detail)
            detail.setWordWrap(True)
            detail.setObjectName("Muted")
            for col, widget in enumerate((cid, state, wording, detail)):
                self.criteria_grid.addWidget(widget, row, col)

    # --- editing ------------------------------------------------------------------------
    def on_save_facts(self) -> None:
        self.clear_errors()
        diagnosis = self.section_json("diagnosis")
        diagnosis.update({"date": self.dx_date.value(), "lineage": self.lineage.value(),
                          "kmt2a": self.kmt2a.value(),
                          "kmt2a_partner": self.partner.text().strip() or None})
        self.save_with_reason("diagnosis", _drop_none(diagnosis), self.facts_reason,
                              self.facts_reason_error, self.tr(
                                  "Say where these facts come from (report, date), for the audit trail."))

    def on_confirm(self, section: str, key: str, criterion: str) -> None:
        answer, evidence, error = self.manual[key]
        self.clear_errors()
        note = evidence.text().strip()
        if answer.value() is None:
            error.show_problem(self.tr("Choose Yes or No to confirm {criterion}.").format(
                criterion=criterion))
            return
        if not note:
            error.show_problem(self.tr(
                "An evidence note is required: which document shows this, and its date."))
            return
        reason = self.tr("{criterion} confirmed: {key} = {value}. Evidence: {note}").format(
            criterion=criterion, key=key, value=self.tr("yes") if answer.value() else self.tr("no"),
            note=note)
        current = self.section_json(section)
        current[key] = answer.value()
        if self.workspace.confirm_fact(self, section, _drop_none(current),
                                       confirmation_key(criterion, key), answer.value(), note, reason):
            evidence.clear()  # the note is recorded; an empty field is what the record shows
            self.now_shows_saved(answer, evidence)


def _drop_none(section: dict[str, Any]) -> dict[str, Any]:
    """Missing and null mean the same in a case file; keep the stored form small."""
    return {k: v for k, v in section.items() if v is not None}
