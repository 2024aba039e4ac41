"""Start an order: the physician enters or confirms the weight and height with the date
each was measured, sees the engine's calculation trail, confirms every warning, and
starts the draft."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QDate, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from interfant_desktop.services.order_trail import TrailBag, bag_options
from interfant_desktop.services.order_workflow import (
    OrderPlan,
    OrderView,
    WarningsNotConfirmed,
    bag_lengths,
)
from interfant_desktop.ui.backend import OrderActions, UserFacingError
from interfant_desktop.ui.dialogs.parts import resize_within_screen
from interfant_desktop.ui.orders.trail import CalculationTrail


def parse_number(text: str) -> float | None:
    """A positive number typed with a dot or a decimal comma; None when it is not one."""
    try:
        value = float(text.strip().replace(",", "."))
    except ValueError:
        return None
    return value if value > 0 else None


def date_edit(name: str, value: str | None, maximum: dt.date | None) -> QDateEdit:
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setAccessibleName(name)
    if maximum is not None:
        edit.setMaximumDate(QDate(maximum.year, maximum.month, maximum.day))
    day = dt.date.fromisoformat(value) if value else dt.date.today()
    edit.setDate(QDate(day.year, day.month, day.day))
    return edit


def edit_date(edit: QDateEdit) -> dt.date:
    value = edit.date()
    return dt.date(value.year(), value.month(), value.day())


class StartOrderDialog(QDialog):
    """Weight, height, measurement dates and start date → trail → warnings → draft."""

    def __init__(self, actions: OrderActions, study_id: str, cycle: int,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.api, self.study_id, self.cycle = actions, study_id, cycle
        self.setObjectName("StartOrderDialog")
        self.setWindowTitle(self.tr("Start blinatumomab order — cycle {cycle}").format(
            cycle=cycle))
        resize_within_screen(self, 820, 760)
        self.version, recorded = actions.patient_version_and_cycle(study_id, cycle)
        self.plan: OrderPlan | None = None
        self.planned_inputs: tuple[Any, ...] | None = None
        self.order: OrderView | None = None
        self.warning_boxes: list[QCheckBox] = []

        layout = QVBoxLayout(self)
        intro = QLabel(self.tr(
            "Enter or confirm today's weight and height of {study} with the date each was "
            "measured. The engine computes the order; check the calculation trail.").format(
                study=study_id))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.weight_edit = QLineEdit("" if recorded.weight_kg is None
                                else f"{recorded.weight_kg:g}")
        self.weight_edit.setAccessibleName(self.tr("Weight in kg"))
        self.weight_edit.setPlaceholderText(self.tr("kg, e.g. 5.4"))
        self.height_edit = QLineEdit("" if recorded.height_cm is None
                                else f"{recorded.height_cm:g}")
        self.height_edit.setAccessibleName(self.tr("Height in cm"))
        self.height_edit.setPlaceholderText(self.tr("cm, e.g. 61"))
        today = dt.date.today()
        self.weight_date = date_edit(self.tr("Date the weight was measured"),
                                     recorded.weight_date, today)
        self.height_date = date_edit(self.tr("Date the height was measured"),
                                     recorded.height_date, today)
        self.start_date = date_edit(self.tr("Cycle start date (day 1)"),
                                    recorded.start_date, None)
        # The bag schedule starts at this local time; no order without it.
        self.start_time = QTimeEdit()
        self.start_time.setDisplayFormat("HH:mm")
        self.start_time.setAccessibleName(self.tr("Cycle start time (local, 24-hour)"))
        recorded_time = recorded.start_time
        if recorded_time:
            hour, minute = str(recorded_time).split(":")[:2]
            self.start_time.setTime(QTime(int(hour), int(minute)))
        else:
            self.start_time.setTime(QTime(10, 0))
        self.bag_hours = QComboBox()
        self.bag_hours.setAccessibleName(self.tr("Bag length"))
        for hours, rate, default in bag_lengths():
            self.bag_hours.addItem(self.tr("{h}-hour bag ({rate} mL/h)").format(
                h=hours, rate=f"{rate:g}"), hours)
            if default or recorded.bag_hours == hours:
                self.bag_hours.setCurrentIndex(self.bag_hours.count() - 1)
        self.reason = QLineEdit()
        self.reason.setAccessibleName(self.tr("Reason for changing recorded measurements"))
        self.reason.setPlaceholderText(self.tr("only when replacing recorded values"))
        for label, widget in ((self.tr("&Weight (kg)"), self.weight_edit),
                              (self.tr("Weight &measured on"), self.weight_date),
                              (self.tr("&Height (cm)"), self.height_edit),
                              (self.tr("Height m&easured on"), self.height_date),
                              (self.tr("Cycle &start (day 1)"), self.start_date),
                              (self.tr("Start &time (local)"), self.start_time),
                              (self.tr("&Bag length"), self.bag_hours),
                              (self.tr("&Reason for a change"), self.reason)):
            form.addRow(label, widget)
        layout.addLayout(form)
        self.calculate_button = QPushButton(self.tr("&Calculate"))
        self.calculate_button.setAccessibleName(self.tr("Calculate the order with the engine"))
        self.calculate_button.clicked.connect(self.calculate)
        layout.addWidget(self.calculate_button)
        self.problem = QLabel()
        self.problem.setObjectName("FieldError")
        self.problem.setWordWrap(True)
        self.problem.setAccessibleName(self.tr("Problem"))
        self.problem.hide()
        layout.addWidget(self.problem)
        self.trail = CalculationTrail()
        layout.addWidget(self.trail, 1)
        self.warnings_box = QGroupBox(self.tr("Warnings to confirm before starting"))
        self.warnings_box.setAccessibleName(self.tr("Warnings to confirm"))
        self.warnings_layout = QVBoxLayout(self.warnings_box)
        self.warnings_box.hide()
        layout.addWidget(self.warnings_box)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.start_button = buttons.addButton(self.tr("S&tart order (draft)"),
                                              QDialogButtonBox.ButtonRole.AcceptRole)
        self.start_button.setAccessibleName(self.tr("Start the order as a draft"))
        self.start_button.setEnabled(False)
        buttons.accepted.connect(self.start)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        for edit in (self.weight_edit, self.height_edit):
            edit.textChanged.connect(self._inputs_changed)
        for date in (self.weight_date, self.height_date, self.start_date):
            date.dateChanged.connect(self._inputs_changed)
        self.start_time.timeChanged.connect(self._inputs_changed)
        self.bag_hours.currentIndexChanged.connect(self._inputs_changed)

    def _inputs(self) -> tuple[Any, ...]:
        return (parse_number(self.weight_edit.text()), parse_number(self.height_edit.text()),
                edit_date(self.weight_date), edit_date(self.height_date),
                edit_date(self.start_date),
                dt.time(self.start_time.time().hour(), self.start_time.time().minute()),
                int(self.bag_hours.currentData()))

    def _inputs_changed(self) -> None:
        if self.planned_inputs is not None and self._inputs() != self.planned_inputs:
            self.trail.show_hidden(self.tr("The values changed: press Calculate again."))
            self.start_button.setEnabled(False)

    def _show_problem(self, text: str) -> None:
        self.problem.setText("✖ " + text)
        self.problem.setAccessibleDescription(text)
        self.problem.show()

    def calculate(self) -> None:
        """Ask the engine for the order with these values (nothing is saved)."""
        self.problem.hide()
        weight, height, wdate, hdate, start, start_time, hours = inputs = self._inputs()
        if weight is None or height is None:
            self._show_problem(self.tr("Enter the weight in kg and the height in cm as "
                                       "numbers greater than 0."))
            return
        try:
            self.plan = self.api.plan(self.study_id, self.cycle, weight_kg=weight,
                                          height_cm=height, weight_date=wdate,
                                          height_date=hdate, start_date=start,
                                          start_time=start_time, bag_hours=hours)
        except UserFacingError as exc:
            self.plan = None
            self.planned_inputs = None
            self.trail.show_hidden(self.tr("No order: see the reason above."))
            self.start_button.setEnabled(False)
            self._show_problem(str(exc))
            return
        self.planned_inputs = inputs
        self._show_fluid(bag_options(self.plan.context["order"]))
        self.trail.set_context(self.plan.context)
        self._show_warnings(self.plan.warnings)

    def _show_fluid(self, options: tuple[TrailBag, ...]) -> None:
        """Each bag length with the daily fluid it gives this patient (D13)."""
        for index in range(self.bag_hours.count()):
            hours = self.bag_hours.itemData(index)
            option = next((o for o in options if o.hours == hours), None)
            if option is not None:
                self.bag_hours.setItemText(index, self.tr(
                    "{h}-hour bag ({rate} mL/h): {fluid} mL/kg/day").format(
                        h=hours, rate=f"{option.rate_ml_per_h:g}",
                        fluid=f"{option.fluid_ml_per_kg_day:g}"))

    def _show_warnings(self, warnings: tuple[str, ...]) -> None:
        for box in self.warning_boxes:
            self.warnings_layout.removeWidget(box)
            box.deleteLater()
        self.warning_boxes = []
        for text in warnings:
            box = QCheckBox(self.tr("I confirm: {warning}").format(warning=text))
            box.setAccessibleName(self.tr("Confirm warning: {warning}").format(warning=text))
            box.setProperty("warning", text)
            box.toggled.connect(self._update_start)
            self.warnings_layout.addWidget(box)
            self.warning_boxes.append(box)
        self.warnings_box.setVisible(bool(warnings))
        self._update_start()

    def _update_start(self) -> None:
        self.start_button.setEnabled(self.plan is not None
                                     and all(b.isChecked() for b in self.warning_boxes))

    def start(self) -> None:
        """Record the measurements and start the draft (warnings confirmed)."""
        if self.plan is None or self._inputs() != self.planned_inputs:
            self._show_problem(self.tr("Press Calculate first."))
            return
        weight, height, wdate, hdate, start, start_time, hours = self._inputs()
        try:
            self.order = self.api.start(
                self.study_id, self.version, self.cycle, weight_kg=weight, height_cm=height,
                weight_date=wdate, height_date=hdate, start_date=start,
                confirm_warnings=[str(b.property("warning")) for b in self.warning_boxes
                                  if b.isChecked()],
                reason=self.reason.text().strip() or None, start_time=start_time,
                bag_hours=hours)
        except UserFacingError as exc:
            if isinstance(exc, WarningsNotConfirmed):
                self._show_warnings(exc.warnings)
            self._show_problem(str(exc))
            return
        self.accept()
