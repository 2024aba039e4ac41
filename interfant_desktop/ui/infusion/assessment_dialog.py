"""The bedside toxicity assessment: CRS observations, the CAPD's eight items with the anchor
text of the infant's age band, sedation, consciousness, seizures, motor findings, imaging.

Nothing is graded here: the dialog collects the observations, the services store them,
and the engine grades them (the result is shown on the Infusion page's action panel).
The CAPD's anchor text comes from the protocol file; where it is not transcribed and
verified, the file's "unverified transcription" notice is shown instead, in its place.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QDateTime, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from interfant_desktop.protocol.capd import CapdSheet
from interfant_desktop.protocol.case import CrsObservation, IcansObservation, OtherReaction
from interfant_desktop.services.toxicity import AssessmentOutcome, AssessmentRequest
from interfant_desktop.ui.backend import UserFacingError
from interfant_desktop.ui.dialogs.parts import problem_and_ok_cancel, resize_within_screen
from interfant_desktop.ui.infusion.calls import InfusionCalls

NOT_RECORDED = "— not recorded —"


def to_qdatetime(moment: dt.datetime) -> QDateTime:
    return QDateTime(moment.year, moment.month, moment.day, moment.hour, moment.minute, 0)


def from_qdatetime(value: QDateTime) -> dt.datetime:
    date, time = value.date(), value.time()
    return dt.datetime(date.year(), date.month(), date.day(), time.hour(), time.minute())


def datetime_edit(moment: dt.datetime) -> QDateTimeEdit:
    """A local date-and-time field to the minute."""
    edit = QDateTimeEdit(to_qdatetime(moment))
    edit.setDisplayFormat("yyyy-MM-dd HH:mm")
    edit.setCalendarPopup(True)
    return edit


def form_in(box: QGroupBox) -> QFormLayout:
    """A form whose long rows put the field under its label: the longest choices (e.g. the
    cerebral-oedema findings) need most of a 1366 × 768 window at 150 %, and side by side
    with their label they would push the form wider than the window."""
    form = QFormLayout(box)
    form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    return form


def labelled(form: QFormLayout, text: str, widget: QWidget) -> None:
    """A form row whose field carries its label as accessible name (screen readers)."""
    form.addRow(text, widget)
    widget.setAccessibleName(text)


def choice(options: dict[str, str], with_unknown: bool = True) -> QComboBox:
    """A combo of the protocol file's words; the stored value is the case-file key."""
    box = QComboBox()
    if with_unknown:
        box.addItem(NOT_RECORDED, None)
    for key, text in options.items():
        box.addItem(text, key)
    return box


def yes_no() -> QComboBox:
    return choice({"yes": "yes", "no": "no"})


def _flag(box: QComboBox) -> bool | None:
    value = box.currentData()
    return None if value is None else value == "yes"


class AssessmentDialog(QDialog):
    """Record one assessment of ``cycle``; on OK the services store it (refusals stay here)."""

    def __init__(self, calls: InfusionCalls, cycle: int, protocol_toxicity: dict[str, Any],
                 at: dt.datetime, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.calls, self.cycle = calls, cycle
        self.outcome: AssessmentOutcome | None = None
        self.setObjectName("AssessmentDialog")
        self.setWindowTitle(self.tr("Toxicity assessment — cycle {n}").format(n=cycle))
        crs_cfg, icans_cfg = protocol_toxicity["crs"], protocol_toxicity["icans"]
        outer = QVBoxLayout(self)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        body = QWidget()
        scroll.setWidget(body)
        layout = QVBoxLayout(body)
        outer.addWidget(scroll, 1)

        top = QFormLayout()
        self.at = datetime_edit(at)
        labelled(top, self.tr("Assessed at (local time)"), self.at)
        layout.addLayout(top)

        crs = QGroupBox(self.tr("CRS — cytokine release syndrome"))
        form = form_in(crs)
        self.temperature = QDoubleSpinBox()
        self.temperature.setRange(29.9, 44.0)
        self.temperature.setDecimals(1)
        self.temperature.setSingleStep(0.1)
        self.temperature.setSuffix(" °C")
        self.temperature.setSpecialValueText(NOT_RECORDED)
        self.temperature.setValue(29.9)
        labelled(form, self.tr("Temperature"), self.temperature)
        self.antipyretic = yes_no()
        labelled(form, self.tr("Antipyretic or anti-cytokine therapy given"), self.antipyretic)
        self.hypotension = yes_no()
        labelled(form, self.tr("Hypotension"), self.hypotension)
        self.vasopressors = QSpinBox()
        self.vasopressors.setRange(0, 6)
        labelled(form, self.tr("Vasopressors (other than vasopressin)"), self.vasopressors)
        self.vasopressin = QCheckBox(self.tr("vasopressin given"))
        form.addRow("", self.vasopressin)
        self.oxygen = choice(crs_cfg["oxygen_text"])
        labelled(form, self.tr("Oxygen support"), self.oxygen)
        layout.addWidget(crs)

        sheet = calls.capd_sheet(at.date())
        layout.addWidget(self._capd_box(sheet))

        icans = QGroupBox(self.tr("ICANS — neurotoxicity"))
        form = form_in(icans)
        self.sedated = yes_no()
        labelled(form, self.tr("Under deep sedation"), self.sedated)
        self.consciousness = choice(icans_cfg["consciousness_text"])
        labelled(form, self.tr("Level of consciousness"), self.consciousness)
        self.seizure = choice(icans_cfg["seizure_text"])
        labelled(form, self.tr("Seizure"), self.seizure)
        self.motor = choice(icans_cfg["motor_text"])
        labelled(form, self.tr("Motor findings"), self.motor)
        self.oedema = choice(icans_cfg["cerebral_oedema_text"])
        labelled(form, self.tr("Imaging: raised ICP / cerebral oedema"), self.oedema)
        self.seizure_count = QSpinBox()
        self.seizure_count.setRange(-1, 99)
        self.seizure_count.setSpecialValueText(NOT_RECORDED)
        self.seizure_count.setValue(-1)
        labelled(form, self.tr("Seizures so far in the treatment"), self.seizure_count)
        layout.addWidget(icans)

        other = QGroupBox(self.tr("Other adverse reaction (optional)"))
        form = form_in(other)
        self.other_term = QLineEdit()
        self.other_term.setPlaceholderText(self.tr("e.g. elevated liver enzymes"))
        labelled(form, self.tr("Term"), self.other_term)
        self.other_grade = QSpinBox()
        self.other_grade.setRange(1, 5)
        labelled(form, self.tr("CTCAE grade"), self.other_grade)
        layout.addWidget(other)

        self.problem = problem_and_ok_cancel(self, outer, self.tr("&Record assessment"))
        resize_within_screen(self, 900, 700)

    def _capd_box(self, sheet: CapdSheet) -> QGroupBox:
        box = QGroupBox(self.tr("CAPD — Cornell Assessment of Pediatric Delirium, anchor points for "
                                "age band: {band}").format(band=sheet.band_label))
        grid = QGridLayout(box)
        notice = QLabel(("⚠ " + self.tr("UNVERIFIED: ") if not sheet.verified else "")
                        + sheet.reason.text + "  " + self.tr("[{rule}, source {source}]").format(
                            rule=sheet.reason.rule, source=sheet.reason.source))
        notice.setObjectName("CapdNotice")
        notice.setWordWrap(True)
        if not sheet.verified:
            notice.setStyleSheet("color: #7a5200; background: #fff4d6; padding: 4px;")
        grid.addWidget(notice, 0, 0, 1, 3)
        self.capd_missing = QLabel(self.tr(
            "⚠ The developmental anchor text for age band {band} is NOT TRANSCRIBED in this app: it "
            "is not in the protocol's rules (RULES.md) and is never invented here. Score each item "
            "with the published anchor points: {reference}.").format(
                band=sheet.band_label, reference=sheet.reference or self.tr("the CAPD worksheet")))
        self.capd_missing.setObjectName("CapdAnchorsMissing")
        self.capd_missing.setWordWrap(True)
        self.capd_missing.setStyleSheet("color: #7a5200; background: #fff4d6; padding: 4px; "
                                        "font-weight: 600;")
        self.capd_missing.setVisible(sheet.anchors_missing)
        grid.addWidget(self.capd_missing, 1, 0, 1, 3)
        self.capd_not_performed = QCheckBox(self.tr("The CAPD could not be performed"))
        grid.addWidget(self.capd_not_performed, 2, 0, 1, 3)
        self.capd_answers: dict[int, QComboBox] = {}
        self.capd_anchors: dict[int, QLabel] = {}
        for row, item in enumerate(sheet.items, start=3):
            question = QLabel(f"{item.number}. {item.question}")
            question.setWordWrap(True)
            anchor = QLabel(item.anchor)
            anchor.setWordWrap(True)
            anchor.setObjectName("Muted" if item.anchor_transcribed else "CapdAnchorMissing")
            if not item.anchor_transcribed:
                anchor.setStyleSheet("color: #7a5200; font-style: italic;")
            answer = QComboBox()
            answer.addItem(NOT_RECORDED, None)
            for word, score in zip(sheet.answers, item.scores, strict=True):
                answer.addItem(f"{word} ({score})", word)
            answer.setAccessibleName(self.tr("CAPD item {n}").format(n=item.number))
            grid.addWidget(question, row, 0)
            grid.addWidget(anchor, row, 1)
            grid.addWidget(answer, row, 2, Qt.AlignmentFlag.AlignTop)
            self.capd_answers[item.number] = answer
            self.capd_anchors[item.number] = anchor
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 4)
        return box

    # --- reading the form --------------------------------------------------------------
    def request(self) -> AssessmentRequest:
        """The observations as entered (None where not recorded)."""
        temperature = None if self.temperature.value() == self.temperature.minimum() \
            else round(self.temperature.value(), 1)
        crs = CrsObservation(temperature, _flag(self.antipyretic), _flag(self.hypotension),
                             self.vasopressors.value(), self.vasopressin.isChecked(),
                             self.oxygen.currentData())
        answers = {n: box.currentData() for n, box in self.capd_answers.items()
                   if box.currentData() is not None}
        icans = IcansObservation(None, _flag(self.sedated), self.consciousness.currentData(),
                                 self.seizure.currentData(), self.motor.currentData(),
                                 self.oedema.currentData())
        term = self.other_term.text().strip()
        count = self.seizure_count.value()
        capd_given = bool(answers) and not self.capd_not_performed.isChecked()
        return AssessmentRequest(
            cycle=self.cycle, at=from_qdatetime(self.at.dateTime()), crs=crs, icans=icans,
            other=OtherReaction(term, self.other_grade.value()) if term else None,
            seizures_this_treatment=None if count < 0 else count,
            capd_answers=answers if capd_given else None)

    def accept(self) -> None:
        """Record through the services; a refusal is shown and the dialog stays open."""
        unanswered = [n for n, b in self.capd_answers.items() if b.currentData() is None]
        if not self.capd_not_performed.isChecked() and 0 < len(unanswered) < len(self.capd_answers):
            numbers = ", ".join(map(str, unanswered))
            self._refuse((self.tr("CAPD: item {numbers} not answered — answer all eight, or tick "
                                  "\"could not be performed\"") if len(unanswered) == 1 else
                          self.tr("CAPD: items {numbers} not answered — answer all eight, or tick "
                                  "\"could not be performed\"")).format(numbers=numbers))
            return
        if not self.capd_not_performed.isChecked() and len(unanswered) == len(self.capd_answers) and \
                _flag(self.sedated) is not True:
            self._refuse(self.tr("CAPD: no item answered — answer all eight, or tick \"could not be "
                                 "performed\" (an empty CAPD is graded as not performed)"))
            return
        try:
            self.outcome = self.calls.record_assessment(self.request())
        except UserFacingError as exc:
            self._refuse(str(exc))
            return
        super().accept()

    def _refuse(self, text: str) -> None:
        self.problem.setText("✖ " + text)
        self.problem.show()
