"""Sign-in (and unlock after idle): user name and password, checked by the services."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QFormLayout, QLineEdit, QVBoxLayout, QWidget

from interfant_desktop.ui.dialogs.parts import ok_cancel_buttons, problem_label, styled_label

if TYPE_CHECKING:  # imported by the start-up code before the services are loaded
    from interfant_desktop.ui.backend import UiBackend


class SignInDialog(QDialog):
    """Asks for credentials until the services accept them or the user cancels.

    With ``locked_user`` it is the lock screen: only that user (or a full sign-out)
    can continue, and the window behind it stays hidden.
    """

    def __init__(self, backend: UiBackend, locked_user: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.backend = backend
        self.setObjectName("SignInDialog")
        self.setWindowTitle(self.tr("Interfant Desktop — sign in") if locked_user is None
                            else self.tr("Interfant Desktop — locked"))
        layout = QVBoxLayout(self)
        heading = styled_label(self.tr("Sign in") if locked_user is None else self.tr(
            "Locked after 15 minutes without activity. Sign in again to continue."),
            "SectionTitle")
        layout.addWidget(heading)
        where = styled_label(self.tr("Database: {where}").format(where=backend.describe()), "Muted")
        layout.addWidget(where)
        form = QFormLayout()
        self.username = QLineEdit(locked_user or "")
        self.username.setAccessibleName(self.tr("User name"))
        self.username.setReadOnly(locked_user is not None)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName(self.tr("Password"))
        form.addRow(self.tr("&User name"), self.username)
        form.addRow(self.tr("&Password"), self.password)
        layout.addLayout(form)
        self.problem = problem_label()
        layout.addWidget(self.problem)
        layout.addWidget(ok_cancel_buttons(
            self, self.tr("Sign in"),
            self.tr("Quit") if locked_user is None else self.tr("Sign out and quit")))
        if locked_user is None:
            hint = styled_label(self.tr("No account yet? Ask an administrator of this "
                                        "workstation to add you under “Users…”."), "Muted")
            layout.addWidget(hint)
        (self.password if locked_user else self.username).setFocus()

    def accept(self) -> None:
        """Check the credentials; stay open with the services' message when refused."""
        from interfant_desktop.ui.backend import UserFacingError
        from interfant_desktop.ui.operations import CollectionOp

        backend, username, password = self.backend, self.username.text().strip(), \
            self.password.text()
        self.setEnabled(False)  # one check at a time
        refusal: UserFacingError | None = None
        try:  # the password check and its bookkeeping run off the GUI thread
            CollectionOp(self, lambda: backend.sign_in(username, password)).wait()
        except UserFacingError as exc:
            refusal = exc
        finally:
            self.setEnabled(True)
        if refusal is not None:
            self.problem.setText("✖ " + str(refusal))
            self.problem.show()
            self.password.clear()
            self.password.setFocus()
            return
        super().accept()
