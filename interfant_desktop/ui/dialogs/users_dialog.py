"""User administration (administrators) and "Change my password" (everyone).

Every action goes through :class:`~interfant_desktop.ui.backend.UiBackend`, so the
services check the permissions; the GUI only hides the entry for other roles.
Refusals are shown beside the field they concern, or in the dialog's message line
(never only as a colour), so nothing here blocks on a modal message box.

:class:`UserForm` holds what the account forms share (a field with its error line,
a new password typed twice with the rules shown inline); the first-run dialog uses it too.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from interfant_desktop.ui.backend import UiBackend, UserFacingError, UserView
from interfant_desktop.ui.dialogs.parts import fit_to_contents, ok_cancel_buttons, styled_label
from interfant_desktop.ui.refusals import show_refusal


def role_label(role: str, explained: bool = False) -> str:
    """A role as the screen shows it (translatable); ``explained``: with what it may do
    when that is not obvious from the name (for choosing a role)."""
    if role == "data_manager" and not explained:
        return QCoreApplication.translate("UserForm", "data manager")
    labels = {
        "administrator": QCoreApplication.translate("UserForm", "administrator"),
        "physician": QCoreApplication.translate("UserForm", "physician"),
        "pharmacist": QCoreApplication.translate("UserForm", "pharmacist"),
        "nurse": QCoreApplication.translate("UserForm", "nurse"),
        "data_manager": QCoreApplication.translate("UserForm", "data manager (read and export only)"),
    }
    return labels.get(role, role.replace("_", " "))


class UserForm(QDialog):
    """A form dialog whose fields each have an error line below them."""

    def __init__(self, backend: UiBackend, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.backend = backend
        self.errors: dict[str, QLabel] = {}
        self.fields: dict[str, QWidget] = {}
        self.layout_ = QVBoxLayout(self)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.general_error = QLabel()
        self.general_error.setObjectName("FieldError")
        self.general_error.setWordWrap(True)
        self.general_error.setAccessibleName(QCoreApplication.translate("UserForm", "Problem"))
        self.general_error.hide()
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 34)

    def add_field(self, label: str, widget: QWidget, key: str, accessible: str) -> QLabel:
        """Add ``widget`` with a caption (its buddy) and an error line; returns the line."""
        widget.setAccessibleName(accessible)
        error = styled_label("", "FieldError", hidden=True)
        holder = QWidget()
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        column.addWidget(error)
        caption = QLabel(label)
        caption.setBuddy(widget)
        self.form.addRow(caption, holder)
        self.errors[key] = error
        self.fields[key] = widget
        if isinstance(widget, QLineEdit):
            widget.textEdited.connect(lambda _text, k=key: self.clear_error(k))
        return error

    def add_password_pair(self, first: str, first_accessible: str) -> None:
        """A new password and its repetition, with the rules shown under the first."""
        self.new_password = QLineEdit()
        self.new_password.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat_password = QLineEdit()
        self.repeat_password.setEchoMode(QLineEdit.EchoMode.Password)
        error = self.add_field(first, self.new_password, "password", first_accessible)
        self.rules = QLabel()
        self.rules.setObjectName("FieldHint")
        self.rules.setWordWrap(True)
        self.rules.setAccessibleName(QCoreApplication.translate("UserForm", "Password rules"))
        holder = error.parentWidget()
        column = holder.layout() if holder is not None else None
        if isinstance(column, QVBoxLayout):  # the rule right under the field, then its error
            column.insertWidget(1, self.rules)
        self.add_field(QCoreApplication.translate("UserForm", "Re&peat password *"),
                       self.repeat_password, "repeat",
                       QCoreApplication.translate("UserForm", "Repeat password"))
        self.new_password.textChanged.connect(self._show_rules)
        self._show_rules("")

    def _show_rules(self, text: str) -> None:
        rule = QCoreApplication.translate(
            "UserForm", "At least {count} characters, not the user name, not a common "
            "password.").format(count=self.backend.min_password_length())
        met = bool(text) and self.backend.password_problem(text, self.password_owner()) is None
        self.rules.setText(("✔ " + rule) if met else QCoreApplication.translate(
            "UserForm", "Rule: {rule}").format(rule=rule))

    def password_owner(self) -> str | None:
        """Whose password this form sets (the rules refuse that user name as password)."""
        owner = getattr(self, "username", None)  # a field (add, first run) or a name (reset)
        if isinstance(owner, QLineEdit):
            return owner.text().strip()
        if isinstance(owner, str):
            return owner
        user = self.backend.user  # changing one's own password
        return user.username if user is not None else None

    def clear_error(self, key: str) -> None:
        if key in self.errors:
            self.errors[key].hide()
        self.general_error.hide()

    def clear_errors(self) -> None:
        for error in self.errors.values():
            error.hide()
        self.general_error.hide()

    def show_error(self, key: str | None, text: str) -> bool:
        """Put ``text`` beside the field ``key`` (or in the general line) and focus it;
        True when the form has that field."""
        label = self.errors.get(key or "")
        target = label if label is not None else self.general_error
        target.setText("✖ " + text)
        target.show()
        fit_to_contents(self)  # the message is seen whole, never clipped
        if label is not None:
            self.fields[key or ""].setFocus()
        return label is not None

    def show_refusal(self, exc: UserFacingError) -> None:
        show_refusal(exc, lambda key, problem: key in self.errors and self.show_error(key, problem),
                     lambda message: self.show_error(None, message))

    def accept(self) -> None:
        """Check the form, then make the account change: done, the dialog closes as
        accepted; refused, the refusal shows beside its field and the dialog stays open."""
        self.clear_errors()
        if not self.form_acceptable():
            return
        try:
            self.make_change()
        except UserFacingError as exc:
            self.show_refusal(exc)
            return
        super().accept()

    def form_acceptable(self) -> bool:
        """What the form checks before asking the services (here: the new password)."""
        return self.passwords_acceptable()

    def make_change(self) -> None:
        """The account change this dialog asks the services for."""
        raise NotImplementedError

    def passwords_acceptable(self) -> bool:
        """Refuse a weak password or two different passwords beside the field."""
        password = self.new_password.text()
        problem = self.backend.password_problem(password, self.password_owner())
        if problem is not None:
            self.show_error("password", problem)
            return False
        if self.repeat_password.text() != password:
            self.show_error("repeat", QCoreApplication.translate(
                "UserForm", "the two passwords differ; type the same password twice"))
            self.repeat_password.clear()
            return False
        return True

    def add_admin_password(self) -> None:
        """The administrator's own password again: it unlocks their signing key to certify
        the new key pair of the account."""
        self.admin_password = QLineEdit()
        self.admin_password.setEchoMode(QLineEdit.EchoMode.Password)
        self.add_field(self.tr("&Your password *"), self.admin_password, "admin_password",
                       self.tr("Your password, to certify the user's signing key"))

    def admin_password_given(self) -> bool:
        if self.admin_password.text():
            return True
        self.show_error("admin_password", self.tr("enter your own password: it certifies the "
                                                  "user's signing key"))
        return False

    def finish_form(self, ok_text: str, cancel_text: str | None = None,
                    note: str | None = None) -> QDialogButtonBox:
        """End the dialog with the form, a muted ``note`` under it (if any), the problem
        line and OK/Cancel."""
        self.layout_.addLayout(self.form)
        if note is not None:
            self.layout_.addWidget(styled_label(note, "Muted"))
        buttons = ok_cancel_buttons(self, ok_text, cancel_text)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.layout_.addWidget(self.general_error)
        self.layout_.addWidget(buttons)
        return buttons


class AddUserDialog(UserForm):
    """A new account with a role and a temporary password (typed twice)."""

    def __init__(self, backend: UiBackend, parent: QWidget | None = None) -> None:
        super().__init__(backend, parent)
        self.setObjectName("AddUserDialog")
        self.setWindowTitle(self.tr("Add a user"))
        self.created: str | None = None
        self.username = QLineEdit()
        self.full_name = QLineEdit()
        self.role = QComboBox()
        self.role.addItem(self.tr("Choose a role…"), None)
        for role in backend.roles():
            self.role.addItem(role_label(role, explained=True), role)
        self.add_field(self.tr("&User name *"), self.username, "username", self.tr("User name"))
        self.add_field(self.tr("&Full name"), self.full_name, "full_name", self.tr("Full name"))
        self.add_field(self.tr("&Role *"), self.role, "role", self.tr("Role"))
        self.role.currentIndexChanged.connect(lambda _i: self.clear_error("role"))
        self.add_password_pair(self.tr("&Temporary password *"), self.tr("Temporary password"))
        self.add_admin_password()
        self.finish_form(self.tr("Add user"), note=self.tr(
            "Give the temporary password to the user in person. They change it after signing "
            "in, with “Change password…”."))

    def form_acceptable(self) -> bool:
        if self.role.currentData() is None:
            self.show_error("role", self.tr("choose the role of the new user"))
            return False
        return self.passwords_acceptable() and self.admin_password_given()

    def make_change(self) -> None:
        username = self.username.text().strip()
        self.backend.add_user(username, self.role.currentData(), self.new_password.text(),
                              self.full_name.text().strip(), self.admin_password.text())
        self.created = username


class ResetPasswordDialog(UserForm):
    """A temporary password for someone who forgot theirs (this also unlocks the account)."""

    def __init__(self, backend: UiBackend, username: str, parent: QWidget | None = None) -> None:
        super().__init__(backend, parent)
        self.setObjectName("ResetPasswordDialog")
        self.username = username
        self.setWindowTitle(self.tr("Reset the password of {user}").format(user=username))
        intro = QLabel(self.tr("Set a temporary password for <b>{user}</b>. This also unlocks "
                               "the account.").format(user=username))
        intro.setTextFormat(Qt.TextFormat.RichText)
        intro.setWordWrap(True)
        self.layout_.addWidget(intro)
        self.add_password_pair(self.tr("&Temporary password *"), self.tr("Temporary password"))
        self.add_admin_password()
        self.finish_form(self.tr("Reset password"))

    def form_acceptable(self) -> bool:
        return self.passwords_acceptable() and self.admin_password_given()

    def make_change(self) -> None:
        self.backend.reset_password(self.username, self.new_password.text(),
                                    self.admin_password.text())


class FirstPasswordDialog(UserForm):
    """At the first sign-in with a temporary password: the user chooses their own (the
    services re-encrypt their signing key under it and sign them in)."""

    def __init__(self, backend: UiBackend, username: str, temporary_password: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(backend, parent)
        self.setObjectName("FirstPasswordDialog")
        self.username = username
        self._temporary = temporary_password
        self.setWindowTitle(self.tr("Choose your own password"))
        intro = QLabel(self.tr("<b>{user}</b>: your password was set by an administrator and "
                               "is temporary. Choose your own to sign in; it also protects "
                               "your signing key.").format(user=username))
        intro.setTextFormat(Qt.TextFormat.RichText)
        intro.setWordWrap(True)
        self.layout_.addWidget(intro)
        self.add_password_pair(self.tr("&New password *"), self.tr("New password"))
        self.finish_form(self.tr("Set password and sign in"))

    def make_change(self) -> None:
        from interfant_desktop.ui.operations import CollectionOp

        backend, username, temporary, new = (self.backend, self.username, self._temporary,
                                             self.new_password.text())
        CollectionOp(self, lambda: backend.change_temporary_password(username, temporary, new)).wait()


class ChangePasswordDialog(UserForm):
    """The signed-in user changes their own password (the current one is checked)."""

    def __init__(self, backend: UiBackend, parent: QWidget | None = None) -> None:
        super().__init__(backend, parent)
        self.setObjectName("ChangePasswordDialog")
        self.setWindowTitle(self.tr("Change my password"))
        user = backend.user
        who = QLabel(self.tr("Signed in as <b>{user}</b>.").format(
            user=user.username if user else "—"))
        who.setTextFormat(Qt.TextFormat.RichText)
        self.layout_.addWidget(who)
        self.current = QLineEdit()
        self.current.setEchoMode(QLineEdit.EchoMode.Password)
        self.add_field(self.tr("&Current password *"), self.current, "current_password",
                       self.tr("Current password"))
        self.add_password_pair(self.tr("&New password *"), self.tr("New password"))
        self.finish_form(self.tr("Change password"))

    def make_change(self) -> None:
        self.backend.change_own_password(self.current.text(), self.new_password.text())

    def show_refusal(self, exc: UserFacingError) -> None:
        if exc.field == "current_password":  # a wrong current password is typed again
            self.current.clear()
        super().show_refusal(exc)


class UsersDialog(QDialog):
    """The accounts of this database, and what an administrator can do with them."""

    COLUMNS = ("username", "full_name", "role", "active", "locked")

    def __init__(self, backend: UiBackend, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.backend = backend
        self.users: list[UserView] = []
        self.setObjectName("UsersDialog")
        self.setWindowTitle(self.tr("Users"))
        layout = QVBoxLayout(self)
        title = QLabel(self.tr("Users of this database"))
        title.setObjectName("SectionTitle")
        layout.addWidget(title)
        where = styled_label(self.tr("Database: {where}").format(where=backend.describe()), "Muted")
        layout.addWidget(where)
        row = QHBoxLayout()
        self.table = QTableWidget(0, len(self.COLUMNS))
        self.table.setHorizontalHeaderLabels([
            self.tr("User name"), self.tr("Full name"), self.tr("Role"), self.tr("Active"),
            self.tr("Locked")])
        self.table.setAccessibleName(self.tr("Users"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)  # full names vary most
        header.setMinimumSectionSize(60)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        row.addWidget(self.table, 1)
        actions = QVBoxLayout()
        self.add_button = QPushButton(self.tr("&Add user…"))
        self.reset_button = QPushButton(self.tr("&Reset password…"))
        self.unlock_button = QPushButton(self.tr("U&nlock"))
        self.active_button = QPushButton(self.tr("&Deactivate"))
        for button, name, slot in (
                (self.add_button, self.tr("Add a user"), self.add_user),
                (self.reset_button, self.tr("Reset the selected user's password"),
                 self.reset_password),
                (self.unlock_button, self.tr("Unlock the selected user"), self.unlock),
                (self.active_button, self.tr("Deactivate or reactivate the selected user"),
                 self.toggle_active)):
            button.setAccessibleName(name)
            button.setAutoDefault(False)
            button.clicked.connect(slot)
            actions.addWidget(button)
        actions.addStretch(1)
        row.addLayout(actions)
        layout.addLayout(row, 1)
        self.status = styled_label("", "Muted", accessible=self.tr("Result of the last action"),
                                   hidden=True)
        layout.addWidget(self.status)
        self.error = styled_label("", "FieldError", accessible=self.tr("Problem"), hidden=True)
        layout.addWidget(self.error)
        note = styled_label(self.tr("Accounts are never deleted, so the audit trail keeps its "
                                    "authors: deactivate an account that is no longer used."),
                            "Muted")
        layout.addWidget(note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(820, 460)
        self.reload()
        self.table.setFocus()

    # --- data ----------------------------------------------------------------------------
    def reload(self, select: str | None = None) -> None:
        """Read the accounts again (through the services) and keep the selection."""
        select = select or self.selected_username()
        try:
            self.users = self.backend.list_users()
        except UserFacingError as exc:
            self.users = []
            self._refused(exc)
        yes, no = self.tr("yes"), self.tr("no")
        self.table.setRowCount(len(self.users))
        for row, user in enumerate(self.users):
            values = (user.username, user.full_name or "", role_label(user.role),
                      yes if user.active else no, self.tr("yes — locked") if user.locked else no)
            for column, value in enumerate(values):
                self.table.setItem(row, column, QTableWidgetItem(value))
        target = next((i for i, u in enumerate(self.users) if u.username == select), 0)
        if self.users:
            self.table.selectRow(target)
        self._update_buttons()

    def selected_username(self) -> str | None:
        user = self.selected_user()
        return user.username if user else None

    def selected_user(self) -> UserView | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows or rows[0].row() >= len(self.users):
            return None
        return self.users[rows[0].row()]

    def select_user(self, username: str) -> None:
        for row, user in enumerate(self.users):
            if user.username == username:
                self.table.selectRow(row)
                return
        raise KeyError(username)

    def _update_buttons(self) -> None:
        user = self.selected_user()
        me = self.backend.user.username if self.backend.user else None
        self.reset_button.setEnabled(user is not None)
        self.unlock_button.setEnabled(user is not None and user.locked)
        self.active_button.setEnabled(user is not None and user.username != me)
        self.active_button.setText(self.tr("R&eactivate") if user is not None and not user.active
                                   else self.tr("&Deactivate"))

    def _done(self, text: str, username: str | None = None) -> None:
        self.error.hide()
        self.status.setText("✔ " + text)
        self.status.show()
        self.reload(username)

    def _refused(self, exc: UserFacingError) -> None:
        self.status.hide()
        self.error.setText(self.tr("✖ Not done: {reason}").format(reason=str(exc)))
        self.error.show()

    # --- actions -------------------------------------------------------------------------
    def add_user(self) -> None:
        dialog = AddUserDialog(self.backend, self)
        if dialog.exec() and dialog.created:
            self._done(self.tr("User {user} added.").format(user=dialog.created), dialog.created)

    def reset_password(self) -> None:
        user = self.selected_user()
        if user is None:
            return
        dialog = ResetPasswordDialog(self.backend, user.username, self)
        if dialog.exec():
            self._done(self.tr("Temporary password set for {user}; the account is unlocked.")
                       .format(user=user.username), user.username)

    def unlock(self) -> None:
        user = self.selected_user()
        if user is None:
            return
        try:
            self.backend.unlock_user(user.username)
        except UserFacingError as exc:
            self._refused(exc)
            return
        self._done(self.tr("{user} is unlocked.").format(user=user.username), user.username)

    def toggle_active(self) -> None:
        user = self.selected_user()
        if user is None:
            return
        try:
            self.backend.set_user_active(user.username, not user.active)
        except UserFacingError as exc:
            self._refused(exc)
            return
        text = (self.tr("{user} is deactivated and can no longer sign in.") if user.active
                else self.tr("{user} is active again."))
        self._done(text.format(user=user.username), user.username)
