"""Complete or correct a patient's identity (name, hospital number, sex), with a reason.

An order cannot be signed until the name and hospital number are recorded, so a
pseudonymous patient (study ID only) is completed here. The study ID never changes.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QComboBox, QDialog, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from interfant_desktop.protocol.case import Patient
from interfant_desktop.ui.dialogs.parts import HintLineEdit, problem_and_ok_cancel, show_problem


class IdentityDialog(QDialog):
    """Edits ``patient`` keys; the workspace records them through the services."""

    def __init__(self, patient: Patient, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("IdentityDialog")
        self.setWindowTitle(self.tr("Identity of {study}").format(study=patient.study_id))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.name = QLineEdit(patient.name or "")
        self.hospital_number = QLineEdit(patient.hospital_number or "")
        self.sex = QComboBox()
        for value, label in ((None, self.tr("Not recorded")), ("female", self.tr("female")),
                             ("male", self.tr("male")), ("other", self.tr("other")),
                             ("unknown", self.tr("unknown"))):
            self.sex.addItem(label, value)
        self.sex.setCurrentIndex(max(0, self.sex.findData(patient.sex)))
        self.reason = HintLineEdit()
        self.reason.setPlaceholderText(self.tr("e.g. identity checked against the admission record"))
        for label, widget in ((self.tr("&Name"), self.name),
                              (self.tr("&Hospital number"), self.hospital_number),
                              (self.tr("S&ex"), self.sex), (self.tr("&Reason"), self.reason)):
            caption = QLabel(label)
            caption.setBuddy(widget)
            widget.setAccessibleName(label.replace("&", ""))
            form.addRow(caption, widget)
        layout.addLayout(form)
        self.problem = problem_and_ok_cancel(self, layout, self.tr("Save identity"))
        self._original = patient

    def changes(self) -> dict[str, Any]:
        """The patient keys as edited (empty text means "not recorded")."""
        return {"name": self.name.text().strip() or None,
                "hospital_number": self.hospital_number.text().strip() or None,
                "sex": self.sex.currentData()}

    def accept(self) -> None:
        """A reason is required: identity changes go into the audit trail."""
        if not self.reason.text().strip():
            show_problem(self, self.problem, self.tr(
                "✖ Give the reason for this change (audit trail)."))
            return
        super().accept()
