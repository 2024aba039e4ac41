"""Step 4 — End of induction and MRD: marrow, CNS, the MRD table and its log-scale chart.

MRD is entered in % of nucleated cells and shown with its power of ten
(0.01 % = 1×10⁻⁴), or as undetectable, or as positive-not-quantifiable with the
assay's quantitative range. The engine's parser refuses values above 100 % or
samples before diagnosis, with the field named.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidgetItem,
    QWidget,
)

from interfant_desktop.protocol.case import EndOfInduction, MrdSample
from interfant_desktop.services.corrections import FactRef
from interfant_desktop.ui.formatting import (
    TIMEPOINT_LABELS,
    mrd_result_text,
    mrd_text,
    power_of_ten_text,
    timepoint_label,
)
from interfant_desktop.ui.pages.base import WorkspacePage
from interfant_desktop.ui.pages.widgets_common import Choice, DateField, iso, parse_number
from interfant_desktop.ui.widgets.mrd_chart import MrdChart, MrdPoint, mrd_thresholds, threshold_rules
from interfant_desktop.ui.widgets.tables import read_only_table

if TYPE_CHECKING:
    from interfant_desktop.ui.workspace import PatientWorkspace


class InductionPage(WorkspacePage):
    """End-of-induction marrow and CNS, then the MRD results over time."""

    def __init__(self, workspace: PatientWorkspace) -> None:
        super().__init__(workspace, self.tr("End of induction and MRD"))
        self.section_title(self.tr("End of induction"))
        form = self.add_form()
        self.eoi_date = DateField()
        self.add_field(form, self.tr("&Date"), self.eoi_date, "end_of_induction.date")
        self.marrow = Choice([(None, self.tr("Not recorded")),
                              ("M1", self.tr("M1 (< 5 % blasts)")),
                              ("M2", self.tr("M2 (5 % to < 25 % blasts)")),
                              ("M3", self.tr("M3 (≥ 25 % blasts)"))])
        self.add_field(form, self.tr("&Marrow"), self.marrow, "end_of_induction.marrow")
        self.cns = Choice([(None, self.tr("Not recorded")), ("CNS1", "CNS1"), ("CNS2", "CNS2"),
                           ("CNS3", "CNS3")])
        self.add_field(form, self.tr("&CNS status"), self.cns, "end_of_induction.cns")
        self.eoi_reason, self.eoi_reason_error = self.add_text_field(
            form, self.tr("Source / reason"), "reason.eoi", self.tr("e.g. marrow report 2026-04-02"))
        self.save_eoi = self.add_save_button(form, self.tr("Save &end of induction"), self.on_save_eoi)

        self.section_title(self.tr("MRD results"))
        self.table = read_only_table([self.tr("Time point"), self.tr("Date"), self.tr("Result"),
                                      self.tr("Method"), self.tr("Laboratory")],
                                     self.tr("MRD results table"))
        # The result is never cut off: its column fits its longest text; the last one stretches.
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.body.addWidget(self.table)
        # Every result is listed (several at one time point too), by sample date.
        self.correct_mrd = QPushButton(self.tr("Correct the selected result…"))
        self.correct_mrd.setAccessibleName(self.tr("Correct the selected MRD result or mark it "
                                                   "entered in error"))
        self.correct_mrd.setEnabled(self.workspace.backend.can_correct())
        self.correct_mrd.clicked.connect(self.on_correct_mrd)
        self.table.cellDoubleClicked.connect(lambda *_: self.on_correct_mrd())
        self.body.addWidget(self.correct_mrd)
        # D2: the engine's reading where one time point has several results.
        self.several = QLabel()
        self.several.setObjectName("SeveralResults")
        self.several.setWordWrap(True)
        self.several.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.body.addWidget(self.several)
        protocol = self.workspace.backend.protocol
        self.chart = MrdChart(mrd_thresholds(protocol), rules=threshold_rules(protocol))
        self.body.addWidget(self.chart)

        self.section_title(self.tr("Add an MRD result"))
        add = self.add_form()
        self.timepoint = Choice([(key, timepoint_label(key)) for key in TIMEPOINT_LABELS])
        self.add_field(add, self.tr("&Time point"), self.timepoint, "mrd.timepoint")
        self.mrd_date = DateField()
        self.add_field(add, self.tr("Sam&ple date"), self.mrd_date, "mrd.date")
        result_row = QWidget()
        line = QHBoxLayout(result_row)
        line.setContentsMargins(0, 0, 0, 0)
        self.kind = QComboBox()
        self.kind.addItem(self.tr("Value in %"), "percent")
        self.kind.addItem(self.tr("Undetectable"), "undetectable")
        self.kind.addItem(self.tr("Positive, not quantifiable"), "pnq")
        self.kind.setAccessibleName(self.tr("Kind of MRD result"))
        self.value = QLineEdit()
        self.value.setPlaceholderText(self.tr("% of nucleated cells, e.g. 0.03"))
        self.value.setAccessibleName(self.tr("MRD value or quantitative range in percent"))
        self.power = QLabel()
        self.power.setAccessibleName(self.tr("MRD value as a power of ten"))
        line.addWidget(self.kind)
        line.addWidget(self.value, 1)
        line.addWidget(self.power)
        self.result_error = self.add_field(
            add, self.tr("&Result"), result_row, "mrd.result",
            self.tr("Enter % (0–100). For positive-not-quantifiable, enter the assay's "
                    "quantitative range in %."))
        self.method, _ = self.add_text_field(add, self.tr("Met&hod"), "mrd.method",
                                             self.tr("e.g. PCR (Ig/TCR) or flow cytometry"))
        self.laboratory, _ = self.add_text_field(add, self.tr("&Laboratory"), "mrd.laboratory")
        self.add_mrd = self.add_save_button(add, self.tr("&Add MRD result"), self.on_add_mrd)
        self.body.addStretch(1)
        self.value.textChanged.connect(self._show_power)
        self.kind.currentIndexChanged.connect(self._kind_changed)

    # --- showing -------------------------------------------------------------------------
    def refresh(self) -> None:
        eoi = self.recorded.end_of_induction or EndOfInduction()
        self.eoi_date.set_value(iso(eoi.date))
        self.marrow.set_value(eoi.marrow)
        self.cns.set_value(eoi.cns)
        # By sample date, then as recorded; each row keeps its place in the case.
        ordered = sorted(enumerate(self.recorded.mrd), key=lambda pair: (pair[1].date, pair[0]))
        self.table.setRowCount(len(ordered))
        points = []
        for row, (index, sample) in enumerate(ordered):
            cells = (timepoint_label(sample.timepoint), sample.date.isoformat(),
                     mrd_text(sample.result), sample.method or "—", sample.laboratory or "—")
            for col, text in enumerate(cells):
                cell = QTableWidgetItem(str(text))
                cell.setData(Qt.ItemDataRole.UserRole, index)  # its place in the case
                self.table.setItem(row, col, cell)
            points.append(_point(sample))
        self.table.resizeColumnsToContents()
        self._show_several()
        # As tall as its rows (no empty box), at least one empty row for "none yet".
        rows_height = sum(self.table.rowHeight(r) for r in range(self.table.rowCount()))
        self.table.setFixedHeight(self.table.horizontalHeader().height() + max(
            rows_height, self.table.verticalHeader().defaultSectionSize()) + 4)
        self.chart.set_points(points)

    def _show_several(self) -> None:
        """The engine's D2 reading of each time point with several results: the reasons
        (D2) and open questions that name them, each with rule ID, wording and source."""
        ev = self.evaluation
        readings = [f"{r.rule} ({r.source}): {r.detail}" for r in ev.risk.reasons if r.rule == "D2"]
        readings += [self.tr("Needs a clinician's decision — {rule} ({source}): {detail}").format(
            rule=q.rule, source=q.source, detail=q.detail) for q in ev.review if "D2" in q.detail]
        if readings:
            d2 = ev.protocol.rule("D2")
            readings.append(f"{d2.id} ({d2.source}): {d2.text}")
        self.several.setText("\n".join(readings))
        self.several.setVisible(bool(readings))

    def on_correct_mrd(self) -> None:
        """Correct (or mark entered in error) the MRD result selected in the table."""
        cell = self.table.item(self.table.currentRow(), 0)
        if cell is not None:
            self.workspace.correct_fact(FactRef("mrd", int(cell.data(Qt.ItemDataRole.UserRole))))

    def _kind_changed(self) -> None:
        self.value.setEnabled(self.kind.currentData() != "undetectable")
        self._show_power()

    def _show_power(self) -> None:
        """Show the typed value as a power of ten, or why it cannot be accepted (live)."""
        self.result_error.clear_problem()
        value = parse_number(self.value.text())
        kind = self.kind.currentData()
        self.power.setText("")
        if kind == "undetectable" or value is None:
            return
        if isinstance(value, str):
            self.result_error.show_problem(self.tr(
                "Enter a number in % of nucleated cells (0–100), e.g. 0.03."))
            return
        # Ask the engine's parser about this result alone (today's date as a stand-in).
        result: Any = ({"percent": value} if kind == "percent" else
                       {"positive_not_quantifiable": True, "quantitative_range_percent": value})
        problem = self.workspace.result_problem(
            {"timepoint": "other", "date": dt.date.today().isoformat(), "result": result})
        if problem:
            self.result_error.show_problem(problem)
        elif value > 0:
            self.power.setText("= " + power_of_ten_text(value))

    # --- saving --------------------------------------------------------------------------
    def on_save_eoi(self) -> None:
        self.clear_errors()
        section = {k: v for k, v in (("date", self.eoi_date.value()),
                                     ("marrow", self.marrow.value()),
                                     ("cns", self.cns.value())) if v is not None}
        self.save_with_reason("end_of_induction", section or None, self.eoi_reason, self.eoi_reason_error,
                              self.tr("Say where the result comes from."))

    def on_add_mrd(self) -> None:
        self.clear_errors()
        kind = self.kind.currentData()
        result: Any
        if kind == "undetectable":
            result = "undetectable"
        else:
            value = parse_number(self.value.text())
            if value is None or isinstance(value, str):
                self.result_error.show_problem(self.tr(
                    "Enter a number in % of nucleated cells (0–100), e.g. 0.03."))
                return
            result = ({"percent": value} if kind == "percent" else
                      {"positive_not_quantifiable": True, "quantitative_range_percent": value})
        if not self.mrd_date.value():
            self.show_error("mrd.date", self.tr("The sample date is required (YYYY-MM-DD)."))
            return
        sample: dict[str, Any] = {"timepoint": self.timepoint.value(),
                                  "date": self.mrd_date.value(), "result": result}
        if self.method.text().strip():
            sample["method"] = self.method.text().strip()
        if self.laboratory.text().strip():
            sample["laboratory"] = self.laboratory.text().strip()
        samples = [*self.workspace.list_section_json("mrd"), sample]
        reason = self.tr("MRD {tp} {date}: {result}").format(
            tp=timepoint_label(sample["timepoint"]), date=sample["date"],
            result=mrd_result_text(result))
        index = len(samples) - 1
        # The parser names the field as mrd[i].…; show it beside the matching input.
        self.errors[f"mrd[{index}].result"] = self.result_error
        self.errors[f"mrd[{index}].date"] = self.errors["mrd.date"]
        self.errors[f"mrd[{index}]"] = self.result_error
        if self.workspace.save_section(self, "mrd", samples, reason):
            self.value.clear()
            self.mrd_date.clear()


def _point(sample: MrdSample) -> MrdPoint:
    """One stored MRD result as the chart plots it."""
    label, result = timepoint_label(sample.timepoint), sample.result
    if result.kind == "percent":
        return MrdPoint(sample.date, label, "percent", result.percent)
    if result.kind == "pnq":
        return MrdPoint(sample.date, label, "pnq", result.qr_percent or 0.0)
    return MrdPoint(sample.date, label, "undetectable")
