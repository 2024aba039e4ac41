"""Pharmacist verification with a blinded re-entry: the weight and height fields start
empty and the prescriber's values, BSA and doses are never shown here."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from interfant_desktop.services.hospital_number import number_alone
from interfant_desktop.services.order_workflow import (
    OrderView,
    VerificationMismatch,
    VerificationTask,
)
from interfant_desktop.ui.backend import OrderActions, UserFacingError
from interfant_desktop.ui.dialogs.parts import line_edit
from interfant_desktop.ui.orders.start_dialog import parse_number


class VerifyOrderDialog(QDialog):
    """Re-enter weight and height; the engine recomputes and compares with the signed order."""

    def __init__(self, actions: OrderActions, task: VerificationTask,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.api, self.task = actions, task
        self.verified: OrderView | None = None
        self.setObjectName("VerifyOrderDialog")
        self.setWindowTitle(self.tr("Verify order {code}").format(code=task.order_code))
        self.resize(560, 380)
        layout = QVBoxLayout(self)
        who = QLabel(self.tr(
            "<b>{name}</b> · {mrn} · study ID {study} · born {dob}<br/>"
            "Blinatumomab cycle {cycle}, signed by {prescriber}").format(
                name=_e(task.patient_name or self.tr("name not recorded")),
                mrn=_e(self.tr("MRN {number}").format(number=number_alone(task.hospital_number))
                       if task.hospital_number else self.tr("no hospital number")),
                study=_e(task.study_id), dob=_e(task.date_of_birth or "—"), cycle=task.cycle,
                prescriber=_e(task.prescriber_name or task.prescriber or "—")))
        who.setWordWrap(True)
        layout.addWidget(who)
        explain = QLabel(self.tr(
            "Measure or look up the weight and height yourself and enter them. The app "
            "computes BSA and doses from your values and compares them with the signed "
            "order; the prescriber's values stay hidden."))
        explain.setWordWrap(True)
        layout.addWidget(explain)
        form = QFormLayout()
        self.weight_edit = line_edit(self.tr("Re-entered weight in kg"), self.tr("kg"))
        self.height_edit = line_edit(self.tr("Re-entered height in cm"), self.tr("cm"))
        self.password_edit = line_edit(self.tr("Your password, to sign the verification"), password=True)
        form.addRow(self.tr("&Weight (kg)"), self.weight_edit)
        form.addRow(self.tr("&Height (cm)"), self.height_edit)
        form.addRow(self.tr("Your &password (electronic signature: verified)"),
                    self.password_edit)
        layout.addLayout(form)
        self.message = QPlainTextEdit()
        self.message.setObjectName("FieldError")
        self.message.setReadOnly(True)
        self.message.setTabChangesFocus(True)
        self.message.setAccessibleName(self.tr("Verification result"))
        self.message.setStyleSheet("color: #b00020; font-weight: 600;")
        self.message.hide()
        layout.addWidget(self.message, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.verify_button = buttons.addButton(self.tr("&Verify"),
                                               QDialogButtonBox.ButtonRole.AcceptRole)
        self.verify_button.setAccessibleName(self.tr("Verify the order with these values"))
        buttons.accepted.connect(self.verify)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.weight_edit.setFocus()

    def _show(self, text: str) -> None:
        self.message.setPlainText(text)
        self.message.setAccessibleDescription(text)
        self.message.show()

    def verify(self) -> None:
        weight, height = parse_number(self.weight_edit.text()), parse_number(self.height_edit.text())
        if weight is None or height is None:
            self._show(self.tr("✖ Enter the weight in kg and the height in cm as numbers."))
            return
        if not self.password_edit.text():
            self._show(self.tr("✖ Enter your password: it signs the verification."))
            return
        try:
            self.verified = self.api.verify(self.task, weight, height,
                                            self.password_edit.text())
        except UserFacingError as exc:
            if isinstance(exc, VerificationMismatch):
                self._show(self.tr("✖ Mismatch — the order is NOT verified.\n{diff}\n"
                                   "Measure again, or resolve it with the prescriber.").format(
                    diff="\n".join(f"• {d}" for d in exc.differences)))
            else:
                self._show("✖ " + str(exc))
            self.password_edit.clear()  # asked again at each attempt
            return
        self.accept()


def _e(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
