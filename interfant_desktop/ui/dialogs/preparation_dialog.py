"""The pharmacist's confirmation of the bag preparation figures for this site (issue 13).

Shows the label's bag composition as the protocol file holds it, and whether it is
confirmed at this site (who, when, which protocol file). A pharmacist confirms the figures
after checking them against the current label, or withdraws a confirmation with a reason;
each is an audited act (``services.bag_preparation``). Until a confirmation is in force
every order sheet prints "preparation figures not yet verified at this site".
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from interfant_desktop.services import bag_preparation
from interfant_desktop.services.permissions import Permission
from interfant_desktop.ui.backend import UiBackend, UserFacingError
from interfant_desktop.ui.dialogs.parts import problem_label


class PreparationDialog(QDialog):
    """Bag preparation figures: status, the figures, confirm or withdraw (pharmacists)."""

    def __init__(self, backend: UiBackend, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.backend = backend
        self.setObjectName("PreparationDialog")
        self.setWindowTitle(self.tr("Bag preparation figures for this site"))
        layout = QVBoxLayout(self)
        self.status = QLabel()
        self.status.setObjectName("PreparationStatus")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        figures = bag_preparation.preparation_figures()
        intro = QLabel(self.tr("The label's bag composition as the protocol file {version} holds it "
                               "(source {source}). Check each figure against the current label "
                               "before you confirm.").format(
                                   version=backend.protocol.version, source=figures.source))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        ml = self.tr("{ml:g} mL").format
        for label, value in (
                (self.tr("Vial"), self.tr("{mcg:g} mcg").format(mcg=figures.vial_mcg)),
                (self.tr("Reconstitution"), self.tr("{ml:g} mL preservative-free sterile water for "
                                                    "injection → {c:g} mcg/mL").format(
                    ml=figures.reconstitution_water_ml, c=figures.reconstituted_mcg_per_ml)),
                (self.tr("Drug volume per vial"), ml(ml=figures.vial_drug_ml)),
                (self.tr("0.9 % sodium chloride"), ml(ml=figures.sodium_chloride_ml)),
                (self.tr("IV Solution Stabilizer"), ml(ml=figures.ivss_ml)),
                (self.tr("Minimum measurable volume"),
                 self.tr("{ml:g} mL ({note})").format(ml=figures.minimum_measurable_ml,
                                                       note=figures.minimum_measurable_note)),
                (self.tr("Fluid limit"),
                 self.tr("{limit:g} mL/kg/day ({note})").format(limit=figures.fluid_limit_ml_per_kg_day,
                                                                 note=figures.fluid_limit_note))):
            shown = QLabel(value)
            shown.setWordWrap(True)
            form.addRow(label, shown)
        layout.addLayout(form)
        self.reason = QLineEdit()
        self.reason.setAccessibleName(self.tr("Reason or note"))
        self.reason.setPlaceholderText(self.tr("e.g. checked against the label of 2026-03 "
                                               "(required to withdraw)"))
        layout.addWidget(self.reason)
        self.problem = problem_label()
        layout.addWidget(self.problem)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.confirm_button = QPushButton(self.tr("&Confirm the figures"))
        self.confirm_button.setObjectName("Primary")
        self.withdraw_button = QPushButton(self.tr("&Withdraw the confirmation…"))
        buttons.addButton(self.confirm_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.withdraw_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.confirm_button.clicked.connect(self.confirm)
        self.withdraw_button.clicked.connect(self.withdraw)
        layout.addWidget(buttons)
        may = backend.user is not None and backend.user.can(Permission.CONFIRM_PREPARATION)
        for button in (self.confirm_button, self.withdraw_button):
            button.setEnabled(may)
            if not may:
                button.setToolTip(self.tr("Only a pharmacist confirms the preparation figures."))
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 44)
        self.show_status()

    def show_status(self) -> None:
        confirmed = bag_preparation.preparation_confirmation(self.backend.store)
        if confirmed is None:
            self.status.setText(self.tr("⚠ NOT YET VERIFIED AT THIS SITE: every order sheet says "
                                        "so until a pharmacist confirms the figures below."))
            self.status.setStyleSheet("color: #7a5200; font-weight: 600;")
        else:
            self.status.setText("✔ " + confirmed.text)
            self.status.setStyleSheet("color: #1e6b34; font-weight: 600;")
        self.withdraw_button.setVisible(confirmed is not None)
        self.confirm_button.setVisible(confirmed is None)

    def _act(self, act: str) -> None:
        user = self.backend.user
        try:
            if user is None:
                raise UserFacingError(self.tr("not signed in"))
            if act == "confirm":
                bag_preparation.confirm_preparation(self.backend.store, user, self.reason.text())
            else:
                bag_preparation.withdraw_preparation(self.backend.store, user, self.reason.text())
        except UserFacingError as exc:
            self.problem.setText("✖ " + str(exc))
            self.problem.show()
            return
        self.problem.hide()
        self.reason.clear()
        self.show_status()

    def confirm(self) -> None:
        self._act("confirm")

    def withdraw(self) -> None:
        self._act("withdraw")
