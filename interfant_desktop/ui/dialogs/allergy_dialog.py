"""Record the allergy status from the patient header (also on the Orders page).

"No known allergies" or the list of allergies, with a source; the workspace records
it through the services (audited with the old and the new status).
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from interfant_desktop.ui.dialogs.parts import line_edit, problem_and_ok_cancel, show_problem


class AllergyDialog(QDialog):
    """The allergy status as recorded, to confirm or change."""

    def __init__(self, study_id: str, no_known_allergies: bool | None, allergies: str | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("AllergyDialog")
        self.setWindowTitle(self.tr("Allergies of {study}").format(study=study_id))
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 36)
        layout = QVBoxLayout(self)
        choice = QHBoxLayout()
        self.nka = QRadioButton(self.tr("&No known allergies"))
        self.listed = QRadioButton(self.tr("Allergies &listed below"))
        choice.addWidget(self.nka)
        choice.addWidget(self.listed)
        choice.addStretch(1)
        layout.addLayout(choice)
        form = QFormLayout()
        self.text = QPlainTextEdit(allergies or "")
        self.text.setPlaceholderText(self.tr("One allergy per line, with the reaction, "
                                             "e.g. penicillin (rash)"))
        self.text.setAccessibleName(self.tr("Allergies"))
        self.text.setTabChangesFocus(True)
        self.text.setFixedHeight(self.text.fontMetrics().lineSpacing() * 4 + 12)
        self.reason = line_edit(self.tr("Source / reason"), self.tr("Required to change a recorded status"))
        form.addRow(self.tr("&Allergies"), self.text)
        form.addRow(self.tr("&Source / reason"), self.reason)
        layout.addLayout(form)
        self.problem = problem_and_ok_cancel(self, layout, self.tr("Save allergies"))
        self.nka.setChecked(no_known_allergies is True)
        self.listed.setChecked(no_known_allergies is False)
        self.nka.toggled.connect(lambda _on: self.text.setEnabled(not self.nka.isChecked()))
        self.text.setEnabled(not self.nka.isChecked())

    def status(self) -> tuple[bool, str | None]:
        """(no known allergies, the allergy text or None)."""
        nka = self.nka.isChecked()
        return nka, None if nka else self.text.toPlainText().strip() or None

    def accept(self) -> None:
        """A choice, and the list when there are allergies (the services check the rest)."""
        nka, text = self.status()
        if not nka and not self.listed.isChecked():
            show_problem(self, self.problem, self.tr(
                "Choose \"No known allergies\" or list the allergies."))
        elif not nka and text is None:
            show_problem(self, self.problem, self.tr(
                "List the allergies, or choose \"No known allergies\"."))
        else:
            super().accept()
