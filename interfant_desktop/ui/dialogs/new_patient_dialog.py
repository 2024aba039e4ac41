"""Register a new patient: identity only; the clinical steps follow in the workspace."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QComboBox, QDialog, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from interfant_desktop.ui.backend import UiBackend, UserFacingError
from interfant_desktop.ui.dialogs.parts import (
    fit_to_contents,
    problem_and_ok_cancel,
    show_problem,
    styled_label,
)
from interfant_desktop.ui.pages.widgets_common import DateField
from interfant_desktop.ui.refusals import show_refusal


class NewPatientDialog(QDialog):
    """Study ID and date of birth are required; name and hospital number may follow later."""

    def __init__(self, backend: UiBackend, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.backend = backend
        self.study_id_created: str | None = None
        self.setObjectName("NewPatientDialog")
        self.setWindowTitle(self.tr("New patient"))
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 32)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.study_id = QLineEdit()
        self.name = QLineEdit()
        self.hospital_number = QLineEdit()
        self.date_of_birth = DateField()
        self.sex = QComboBox()
        for value, label in ((None, self.tr("Not recorded")), ("female", self.tr("female")),
                             ("male", self.tr("male")), ("other", self.tr("other")),
                             ("unknown", self.tr("unknown"))):
            self.sex.addItem(label, value)
        self.errors: dict[str, QLabel] = {}
        for label, widget, path in (
                (self.tr("&Study ID *"), self.study_id, "patient.study_id"),
                (self.tr("&Name"), self.name, "patient.name"),
                (self.tr("&Hospital number"), self.hospital_number, "patient.hospital_number"),
                (self.tr("Date of &birth *"), self.date_of_birth, "patient.date_of_birth"),
                (self.tr("S&ex"), self.sex, "patient.sex")):
            widget.setAccessibleName(label.replace("&", "").replace(" *", ""))
            error = styled_label("", "FieldError", hidden=True)
            holder = QWidget()
            column = QVBoxLayout(holder)
            column.setContentsMargins(0, 0, 0, 0)
            column.addWidget(widget)
            column.addWidget(error)
            caption = QLabel(label)
            caption.setBuddy(widget)
            form.addRow(caption, holder)
            self.errors[path] = error
        layout.addLayout(form)
        note = QLabel(self.tr("* required. Use fictitious data only in training."))
        note.setObjectName("Muted")
        layout.addWidget(note)
        self.general_error = problem_and_ok_cancel(self, layout, self.tr("Register"))

    def patient(self) -> dict[str, Any]:
        """The patient section as typed."""
        patient: dict[str, Any] = {"study_id": self.study_id.text().strip(),
                                   "date_of_birth": self.date_of_birth.value() or ""}
        for key, value in (("name", self.name.text().strip()),
                           ("hospital_number", self.hospital_number.text().strip()),
                           ("sex", self.sex.currentData())):
            if value:
                patient[key] = value
        return patient

    def _show_beside(self, field: str, problem: str) -> bool:
        label = self.errors.get(field)
        if label is None:
            return False
        label.setText("✖ " + problem)
        label.show()
        fit_to_contents(self)
        return True

    def _show_general(self, message: str) -> None:
        show_problem(self, self.general_error, message)

    def accept(self) -> None:
        """Validate with the engine's parser, register through the services."""
        for error in self.errors.values():
            error.hide()
        self.general_error.hide()
        patient = self.patient()
        try:
            self.study_id_created = self.backend.create_patient(patient)
        except UserFacingError as exc:
            show_refusal(exc, self._show_beside, self._show_general)
            return
        super().accept()
