"""First run: a database without any account gets its first administrator here.

Shown instead of the sign-in dialog only while the database has no user. The
account is created by the services (``create_first_administrator``), which refuse
it once any account exists: if another workstation set the database up meanwhile,
``already_set_up`` is True and the caller shows the sign-in dialog instead.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QWidget

from interfant_desktop.ui.backend import UiBackend, UserFacingError
from interfant_desktop.ui.dialogs.parts import styled_label
from interfant_desktop.ui.dialogs.users_dialog import UserForm


class FirstRunDialog(UserForm):
    """User name, full name and password (twice) of the first administrator."""

    def __init__(self, backend: UiBackend, parent: QWidget | None = None) -> None:
        super().__init__(backend, parent)
        self.setObjectName("FirstRunDialog")
        self.setWindowTitle(self.tr("Interfant Desktop — set up this workstation"))
        #: True when the services refused because the database has users by now.
        self.already_set_up = False
        title = QLabel(self.tr("Set up this workstation"))
        title.setObjectName("PageTitle")
        self.layout_.addWidget(title)
        intro = QLabel(self.tr(
            "This database has no user accounts yet. Create the first <b>administrator</b> "
            "account for it now. The administrator then adds the accounts of physicians, "
            "pharmacists, nurses and data managers with “Users…” in the main window."))
        intro.setTextFormat(Qt.TextFormat.RichText)
        intro.setWordWrap(True)
        self.layout_.addWidget(intro)
        where = styled_label(self.tr("Database: {where}").format(where=backend.describe()), "Muted")
        where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        where.setAccessibleName(self.tr("Database location"))
        self.layout_.addWidget(where)
        self.username = QLineEdit()
        self.full_name = QLineEdit()
        self.add_field(self.tr("&User name *"), self.username, "username", self.tr("User name"))
        self.add_field(self.tr("&Full name"), self.full_name, "full_name", self.tr("Full name"))
        self.add_password_pair(self.tr("&Password *"), self.tr("Password"))
        self.finish_form(self.tr("Create administrator and sign in"), self.tr("Quit"), self.tr(
            "Keep this password safe: only an administrator can add users or reset passwords. "
            "* required"))
        self.setMinimumWidth(520)
        self.username.setFocus()

    def accept(self) -> None:
        """Create the administrator through the services; the backend is then signed in."""
        self.clear_errors()
        if not self.passwords_acceptable():
            return
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.backend.create_first_administrator(
                self.username.text().strip(), self.new_password.text(),
                self.full_name.text().strip())
        except UserFacingError as exc:
            QGuiApplication.restoreOverrideCursor()
            if exc.field is None and self.backend.has_any_user():
                # Another workstation created an account meanwhile: sign in instead.
                self.already_set_up = True
                super().reject()
                return
            self.show_refusal(exc)
            return
        QGuiApplication.restoreOverrideCursor()
        QDialog.accept(self)  # the change is made above, with its own refusal handling
