"""Sign-in (and unlock after idle): user name and password, checked by the services."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from interfant_desktop.ui.dialogs.parts import (
    fit_to_contents,
    line_edit,
    ok_cancel_buttons,
    problem_label,
    show_problem,
    styled_label,
)

if TYPE_CHECKING:  # imported by the start-up code before the services are loaded
    from interfant_desktop.ui.backend import UiBackend


class SignInDialog(QDialog):
    """Asks for credentials until the services accept them or the user cancels.

    With ``locked_user`` it is the lock screen: that user signs in again, or hands the
    workstation over (**Switch user**: anyone signs in; the locked user's unsaved
    changes, named in ``unsaved``, are discarded only on an explicit answer). The
    window behind it stays hidden. ``locked_why`` says why it is locked (idle or on
    request), never a reason that did not happen.
    """

    def __init__(self, backend: UiBackend, locked_user: str | None = None,
                 parent: QWidget | None = None, *, locked_why: str | None = None,
                 unsaved: list[str] | None = None, switching: bool = False) -> None:
        super().__init__(parent)
        self.backend = backend
        self.locked_user = locked_user
        self.unsaved = list(unsaved or [])
        #: True once another user may sign in (Switch user)
        self.switching = False
        #: the unsaved changes discarded on the locked user's answer (for the audit)
        self.discarded: list[str] = []
        self.setObjectName("SignInDialog")
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 34)
        self.setWindowTitle(self.tr("Interfant Desktop — sign in") if locked_user is None
                            else self.tr("Interfant Desktop — locked"))
        layout = QVBoxLayout(self)
        self.heading = QLabel(self.tr("Sign in") if locked_user is None else (
            locked_why or self.tr("Locked by {user}.").format(user=locked_user))
            + ("" if locked_user is None else " " + self.tr("Sign in again to continue.")))
        self.heading.setObjectName("SectionTitle")
        self.heading.setWordWrap(True)
        layout.addWidget(self.heading)
        self.unsaved_note = QLabel()
        self.unsaved_note.setObjectName("FieldHint")
        self.unsaved_note.setWordWrap(True)
        self.unsaved_note.setVisible(bool(self.unsaved))
        if self.unsaved:
            self.unsaved_note.setText(self.tr(
                "{user} has unsaved changes, kept until {user} signs in again: {where}.").format(
                    user=locked_user, where="; ".join(self.unsaved)))
        layout.addWidget(self.unsaved_note)
        where = QLabel(self.tr("Database: {where}").format(where=backend.describe()))
        where.setObjectName("Muted")
        where.setWordWrap(True)
        layout.addWidget(where)
        form = QFormLayout()
        self.username = QLineEdit(locked_user or "")
        self.username.setAccessibleName(self.tr("User name"))
        self.username.setReadOnly(locked_user is not None)
        self.password = line_edit(self.tr("Password"), password=True)
        form.addRow(self.tr("&User name"), self.username)
        form.addRow(self.tr("&Password"), self.password)
        layout.addLayout(form)
        self.problem = problem_label()
        layout.addWidget(self.problem)
        buttons = ok_cancel_buttons(
            self, self.tr("Sign in"),
            self.tr("Quit") if locked_user is None else self.tr("Sign out and quit"))
        self.switch_button = buttons.addButton(self.tr("S&witch user…"),
                                               QDialogButtonBox.ButtonRole.ActionRole)
        self.switch_button.setAccessibleName(self.tr("Hand the workstation to another user"))
        self.switch_button.setVisible(locked_user is not None)
        self.switch_button.clicked.connect(self.switch_user)
        layout.addWidget(buttons)
        if locked_user is None:
            hint = styled_label(self.tr("No account yet? Ask an administrator of this "
                                        "workstation to add you under “Users…”."), "Muted")
            layout.addWidget(hint)
        (self.password if locked_user else self.username).setFocus()
        if switching:
            self._let_anyone_sign_in()

    def switch_user(self) -> bool:
        """Let another user sign in. The locked user's unsaved changes are discarded only
        when they say so here; otherwise nothing changes (True once switching)."""
        if self.unsaved:
            box = QMessageBox(self)
            box.setObjectName("DiscardOnSwitchDialog")
            box.setIcon(QMessageBox.Icon.Warning)
            box.setWindowTitle(self.tr("Unsaved changes of {user}").format(user=self.locked_user))
            box.setText(self.tr("{user} has unsaved changes: {where}.").format(
                user=self.locked_user, where="; ".join(self.unsaved)))
            box.setInformativeText(self.tr(
                "{user}: to keep them, sign in again here and save them. Discarding them "
                "lets another user sign in; the hand-over is recorded in the audit trail."
            ).format(user=self.locked_user))
            discard = box.addButton(self.tr("&Discard them and switch user"),
                                    QMessageBox.ButtonRole.DestructiveRole)
            box.addButton(self.tr("&Keep them"), QMessageBox.ButtonRole.RejectRole)
            box.exec()
            chosen = box.clickedButton() is discard
            box.deleteLater()
            if not chosen:
                return False
            self.discarded = self.unsaved
            self._audit_discard()
        self._let_anyone_sign_in()
        return True

    def _audit_discard(self) -> None:
        """The locked user's answer goes into the audit trail at once (before anyone
        else signs in)."""
        from interfant_desktop.ui.operations import CollectionOp

        backend, user, where = self.backend, self.locked_user or "", "; ".join(self.discarded)
        CollectionOp(self, lambda: backend.record_discarded_changes(user, where)).wait()

    def _let_anyone_sign_in(self) -> None:
        self.switching = True
        self.switch_button.hide()
        self.unsaved_note.hide()
        self.heading.setText(self.tr("Hand-over: the next user signs in."))
        self.username.setReadOnly(False)
        self.username.clear()
        self.password.clear()
        self.problem.hide()
        self.username.setFocus()
        fit_to_contents(self)

    def _choose_own_password(self, username: str, temporary: str) -> bool:
        """A temporary password was right: the user chooses their own (True once signed in)."""
        from interfant_desktop.ui.dialogs.users_dialog import FirstPasswordDialog

        dialog = FirstPasswordDialog(self.backend, username, temporary, self)
        try:
            return dialog.exec() == QDialog.DialogCode.Accepted
        finally:
            dialog.deleteLater()

    def accept(self) -> None:
        """Check the credentials; stay open with the services' message when refused."""
        from interfant_desktop.services.errors import PasswordChangeRequired
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
        if isinstance(refusal, PasswordChangeRequired) and self._choose_own_password(
                username, password):
            super().accept()
            return
        if refusal is not None:
            show_problem(self, self.problem, str(refusal))
            self.password.clear()
            self.password.setFocus()
            return
        super().accept()
