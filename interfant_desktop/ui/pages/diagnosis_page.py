"""Step 2 — Diagnosis and prednisone response.

The WBC is entered with an explicit unit (never assumed). The day-8 blast count
shows the engine's good / poor verdict while it is typed: each keystroke
evaluates the would-be case with the engine, nothing is decided here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QWidget,
)

from interfant_desktop.protocol.case import PrednisoneResponse
from interfant_desktop.protocol.quantities import wbc_unit_text
from interfant_desktop.ui.pages.base import WorkspacePage
from interfant_desktop.ui.pages.widgets_common import DateField, iso, parse_number

if TYPE_CHECKING:
    from interfant_desktop.protocol import Evaluation
    from interfant_desktop.ui.workspace import PatientWorkspace


class DiagnosisPage(WorkspacePage):
    """WBC at diagnosis and the prednisone response on day 8."""

    def __init__(self, workspace: PatientWorkspace) -> None:
        super().__init__(workspace, self.tr("Diagnosis and prednisone response"))
        self.section_title(self.tr("White blood cell count at diagnosis"))
        form = self.add_form()
        units = QWidget()
        row = QHBoxLayout(units)
        row.setContentsMargins(0, 0, 0, 0)
        self.wbc_value = QLineEdit()
        self.wbc_value.setPlaceholderText(self.tr("e.g. 412"))
        # The units in the engine's words, as its reasons and the history write them.
        e9, per_ul = wbc_unit_text("10^9/L"), wbc_unit_text("/uL")
        self.unit_e9 = QRadioButton(e9)
        self.unit_e9.setAccessibleName(self.tr("Unit 10 to the 9 per litre"))
        self.unit_ul = QRadioButton(per_ul)
        self.unit_ul.setAccessibleName(self.tr("Unit per microlitre"))
        row.addWidget(self.wbc_value, 1)
        row.addWidget(self.unit_e9)
        row.addWidget(self.unit_ul)
        self.wbc_error = self.add_field(
            form, self.tr("&WBC"), units, "diagnosis.wbc",
            self.tr("Choose the unit of the laboratory report. 300 {e9} = 300 000 {per_ul}.").format(
                e9=e9, per_ul=per_ul))
        self.wbc_value.setAccessibleName(self.tr("WBC value"))
        self.wbc_reason, self.wbc_reason_error = self.add_text_field(
            form, self.tr("Source / reason"), "reason.wbc", self.tr("e.g. lab report 2026-03-01"))
        self.save_wbc = self.add_save_button(form, self.tr("Sa&ve WBC"), self.on_save_wbc)

        self.section_title(self.tr("Prednisone response (day 8, after the 7-day prephase)"))
        self.response_banner = self.add_banner()
        form2 = self.add_form()
        self.pred_date = DateField()
        self.add_field(form2, self.tr("Sample &date"), self.pred_date, "prednisone_response.date")
        self.blasts, _ = self.add_text_field(form2, self.tr("&Blasts /µL on day 8"),
                                             "prednisone_response.blasts_per_uL",
                                             self.tr("blasts per µL of peripheral blood"))
        self.not_evaluable = QCheckBox(self.tr("&Not evaluable (counts like good, R-PRED-NE)"))
        self.add_field(form2, self.tr("No count"), self.not_evaluable,
                       "prednisone_response.not_evaluable")
        self.pred_reason, self.pred_reason_error = self.add_text_field(
            form2, self.tr("Source / reason"), "reason.prednisone", self.tr("e.g. blood count of day 8"))
        self.save_pred = self.add_save_button(form2, self.tr("Save &prednisone response"),
                                              self.on_save_prednisone)
        # A recorded value is corrected (or marked entered in error) with a reason.
        self.correct = QPushButton(self.tr("Correct a recorded value…"))
        self.correct.setAccessibleName(self.tr("Correct a recorded diagnosis or prednisone "
                                               "value, or mark it entered in error"))
        self.correct.setEnabled(self.workspace.backend.can_correct())
        self.correct.clicked.connect(lambda: self.workspace.correct_fact())
        self.add_button(form2, self.correct)
        self.body.addStretch(1)

        self.blasts.textChanged.connect(self.update_preview)
        self.not_evaluable.toggled.connect(self.update_preview)
        self.not_evaluable.toggled.connect(lambda on: self.blasts.setEnabled(not on))

    # --- values --------------------------------------------------------------------------
    def _wbc(self) -> dict[str, Any] | str | None:
        value = parse_number(self.wbc_value.text())
        if value is None:
            return None
        if isinstance(value, str):
            return self.tr("WBC must be a number, e.g. 412 or 412000; got “{text}”.").format(
                text=value)
        if not (self.unit_e9.isChecked() or self.unit_ul.isChecked()):
            return self.tr("Choose the unit of the WBC: {e9} or {per_ul}. It is never assumed.").format(
                e9=wbc_unit_text("10^9/L"), per_ul=wbc_unit_text("/uL"))
        return {"value": value, "unit": "10^9/L" if self.unit_e9.isChecked() else "/uL"}

    def _prednisone(self) -> dict[str, Any] | str:
        section: dict[str, Any] = {}
        if self.pred_date.value():
            section["date"] = self.pred_date.value()
        if self.not_evaluable.isChecked():
            section["not_evaluable"] = True
            return section
        blasts = parse_number(self.blasts.text())
        if isinstance(blasts, str):
            return self.tr("Blasts must be a number of cells per µL, e.g. 850; got “{text}”."
                           ).format(text=blasts)
        if blasts is not None:
            section["blasts_per_uL"] = blasts
        return section

    # --- showing --------------------------------------------------------------------------
    def refresh(self) -> None:
        wbc = self.recorded.diagnosis.wbc
        self.wbc_value.setText("" if wbc is None else f"{wbc.value:g}")
        self.unit_e9.setAutoExclusive(False)
        self.unit_ul.setAutoExclusive(False)
        self.unit_e9.setChecked(wbc is not None and wbc.unit == "10^9/L")
        self.unit_ul.setChecked(wbc is not None and wbc.unit == "/uL")
        self.unit_e9.setAutoExclusive(True)
        self.unit_ul.setAutoExclusive(True)
        pred = self.recorded.prednisone_response or PrednisoneResponse()
        self.pred_date.set_value(iso(pred.date))
        blasts = pred.blasts_per_ul
        self.blasts.blockSignals(True)
        self.blasts.setText("" if blasts is None else f"{blasts:g}")
        self.blasts.blockSignals(False)
        self.not_evaluable.setChecked(bool(pred.not_evaluable))
        self._show_response(self.evaluation, preview=False)

    def update_preview(self) -> None:
        """Show the engine's response for what is typed now (without saving)."""
        section = self._prednisone()
        self.clear_errors()
        if isinstance(section, str):
            self.show_error("prednisone_response.blasts_per_uL", section)
            self.response_banner.set_status("neutral", self.tr("No valid count typed yet"))
            return
        evaluation = self.workspace.preview("prednisone_response", section or None)
        if evaluation is None:
            self.show_error("prednisone_response.blasts_per_uL", self.tr(
                "Enter the count as a number ≥ 0 of blasts per µL."))
            return
        self._show_response(evaluation, preview=True)

    def _show_response(self, evaluation: Evaluation, preview: bool) -> None:
        response = evaluation.prednisone_response
        suffix = self.tr(" (as typed, not saved yet)") if preview else ""
        reason = evaluation.prednisone_response_reason
        # The rule's wording comes from the protocol file, through the engine.
        rule = f"{reason.rule} ({reason.source}): {reason.text}"
        if response == "good":
            self.response_banner.set_status("ok", self.tr("GOOD prednisone response (PGR)") + suffix,
                                            rule)
        elif response == "poor":
            self.response_banner.set_status("bad", self.tr("POOR prednisone response (PPR)") + suffix,
                                            rule)
        elif response == "not_evaluable":
            self.response_banner.set_status("info", self.tr("Not evaluable") + suffix, rule)
        else:
            self.response_banner.set_status("neutral", self.tr("No prednisone response recorded")
                                            + suffix, rule)

    # --- saving ---------------------------------------------------------------------------
    def on_save_wbc(self) -> None:
        self.clear_errors()
        wbc = self._wbc()
        if isinstance(wbc, str):
            self.wbc_error.show_problem(wbc)
            return
        diagnosis = self.section_json("diagnosis")
        if wbc is None:
            diagnosis.pop("wbc", None)
        else:
            diagnosis["wbc"] = wbc
        self.save_with_reason("diagnosis", diagnosis, self.wbc_reason, self.wbc_reason_error,
                              self.tr("Say where the count comes from."))

    def on_save_prednisone(self) -> None:
        self.clear_errors()
        section = self._prednisone()
        if isinstance(section, str):
            self.show_error("prednisone_response.blasts_per_uL", section)
            return
        self.save_with_reason("prednisone_response", section or None, self.pred_reason,
                              self.pred_reason_error, self.tr("Say where the count comes from."))
