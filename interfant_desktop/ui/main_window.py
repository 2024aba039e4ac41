"""The main window: header with user and role, training banner, list and workspace."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal, SignalInstance
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from interfant_desktop import __version__
from interfant_desktop.services.permissions import Permission
from interfant_desktop.ui.patient_list_page import PatientListPage
from interfant_desktop.ui.signing_in import SigningIn
from interfant_desktop.ui.widgets.fingerprint import NO_BREAK, short_fingerprint, shown_fingerprint

if TYPE_CHECKING:  # loaded on first use: start-up needs only the patient list
    from interfant_desktop.ui.backend import PatientRow, UiBackend
    from interfant_desktop.ui.workspace import PatientWorkspace


class MainWindow(QMainWindow):
    """Patient list and one open patient workspace at a time."""

    #: Emitted once the window and the first page of the patient list are on screen.
    list_shown = Signal()
    #: Emitted once, after the patient list has first been painted with rows.
    list_painted = Signal()
    lock_requested = Signal()
    #: the header's "Switch user…" (hand the workstation over)
    switch_user_requested = Signal()

    def __init__(self, backend: UiBackend | SigningIn, training: bool = False) -> None:
        super().__init__()
        #: :class:`SigningIn` (nothing shown, nothing allowed) until ``attach_backend``
        self.backend = backend
        self._pending_open: str | None = None
        self.training = training
        #: each File menu action with the header button it mirrors (filled by ``_file_menu``)
        self._menu_twins: list[tuple[QAction, QPushButton]] = []
        self.workspace: PatientWorkspace | None = None
        self.setObjectName("MainWindow")
        self.setWindowTitle(self.tr("Interfant Desktop {version}").format(version=__version__)
                            + (self.tr(" — TRAINING") if training else ""))
        central = QWidget()
        self.setCentralWidget(central)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.training_banner: QFrame | None = None
        if training:
            self.training_banner = QFrame()
            self.training_banner.setObjectName("TrainingBanner")
            row = QHBoxLayout(self.training_banner)
            row.setContentsMargins(12, 6, 12, 6)
            text = QLabel(self.tr("⚠ TRAINING — NOT FOR CLINICAL USE ⚠  Fictitious patients only."))
            text.setObjectName("TrainingBannerText")
            text.setAlignment(Qt.AlignmentFlag.AlignCenter)
            text.setAccessibleName(self.tr("Training — not for clinical use"))
            row.addWidget(text, 1)
            layout.addWidget(self.training_banner)
        layout.addWidget(self._build_header())
        self.stack = QStackedWidget()
        layout.addWidget(self.stack, 1)
        self.list_page = PatientListPage(backend)
        self.stack.addWidget(self.list_page)
        self.list_page.open_patient.connect(self.open_patient)
        self.list_page.new_patient_requested.connect(self.new_patient)
        self.list_page.table.painted_with_rows.connect(self.list_painted)
        #: set by the app: closing the window with unsaved changes asks first
        self.confirm_close = False
        self._actions()
        self.resize(1280, 820)

    def _build_header(self) -> QWidget:
        header = QFrame()
        header.setObjectName("Header")
        row = QHBoxLayout(header)
        row.setContentsMargins(16, 6, 16, 6)
        self.app_name = QLabel()
        self.app_name.setWordWrap(True)  # wraps rather than widening the window
        self._show_protocol()
        row.addWidget(self.app_name, 2)
        # For administrators of a site with fewer than two: one lost password away from
        # the break-glass recovery (issue 15).
        self.admin_warning = QLabel()
        self.admin_warning.setObjectName("AdminWarning")
        self.admin_warning.setStyleSheet("color: #8a4b00; font-weight: bold;")
        self.admin_warning.setVisible(False)
        row.addWidget(self.admin_warning)
        self.user_label = QLabel()
        self.user_label.setObjectName("UserBadge")
        self.user_label.setAccessibleName(self.tr("Signed-in user and role"))
        self.user_label.setWordWrap(True)
        row.addWidget(self.user_label, 1)
        self.users_button = _button(row, self.tr("&Users…"), self.tr("Manage the user accounts"),
                                    self.manage_users)
        self.export_button = _button(row, self.tr("E&xport…"),
                                     self.tr("File: export trial data (ODM, FHIR, CSV)"),
                                     self.export_data)
        self.preparation_button = _button(
            row, self.tr("Bag pr&eparation…"),
            self.tr("Confirm the bag preparation figures for this site"), self.confirm_preparation)
        self.password_button = _button(row, self.tr("Change password…"),
                                       self.tr("Change my password"), self.change_password)
        self.switch_button = _button(row, self.tr("Switch user…"),
                                     self.tr("Hand the workstation to another user"),
                                     self.switch_user_requested)
        self.lock_button = _button(row, self.tr("L&ock"), self.tr("Lock the screen now"),
                                   self.lock_requested)
        # Nothing to lock into or change before the services are loaded (a fraction of a second).
        self.lock_button.setEnabled(not isinstance(self.backend, SigningIn))
        self.switch_button.setEnabled(not isinstance(self.backend, SigningIn))
        self.password_button.setEnabled(not isinstance(self.backend, SigningIn))
        self.refresh_user()
        return header

    def _actions(self) -> None:
        find = QAction(self.tr("Find patient"), self)
        find.setShortcut(QKeySequence.StandardKey.Find)
        find.triggered.connect(self.focus_search)
        self.addAction(find)
        back = QAction(self.tr("Back to patient list"), self)
        back.setShortcut(QKeySequence("Alt+Left"))
        back.triggered.connect(self.show_list)
        self.addAction(back)
        new = QAction(self.tr("New patient…"), self)
        new.setShortcut(QKeySequence.StandardKey.New)
        new.triggered.connect(self.new_patient)
        self.addAction(new)
        self._file_menu(new, find)

    def _file_menu(self, new: QAction, find: QAction) -> None:
        """File: the window's commands in one place (the header buttons are shortcuts to
        the same); each is shown only to the roles that may use it (``refresh_user``)."""
        menu = self.menuBar().addMenu(self.tr("&File"))
        menu.setObjectName("FileMenu")
        menu.addAction(new)
        menu.addAction(find)
        menu.addSeparator()

        def twin(text: str, slot: Callable[[], object], button: QPushButton) -> None:
            self._menu_twins.append((menu.addAction(text, slot), button))

        twin(self.tr("Export trial data…"), self.export_data, self.export_button)
        twin(self.tr("Users…"), self.manage_users, self.users_button)
        twin(self.tr("Bag preparation…"), self.confirm_preparation, self.preparation_button)
        menu.addSeparator()
        twin(self.tr("Change password…"), self.change_password, self.password_button)
        twin(self.tr("Switch user…"), self.switch_user_requested.emit, self.switch_button)
        twin(self.tr("Lock"), self.lock_requested.emit, self.lock_button)
        menu.addSeparator()
        quit_action = menu.addAction(self.tr("Quit"), self.close)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        self._show_file_menu()

    def _show_file_menu(self) -> None:
        """The File menu offers what the header offers to this user."""
        for action, button in self._menu_twins:
            action.setVisible(not button.isHidden())
            action.setEnabled(button.isEnabled())

    def _show_protocol(self) -> None:
        label = "…" if isinstance(self.backend, SigningIn) else self.backend.protocol.label
        self.app_name.setText(self.tr("<b>Interfant Desktop</b> · {protocol}").format(
            protocol=label))
        # The site's trust anchor: the same fingerprint is printed on every order.
        fingerprint = None if isinstance(self.backend, SigningIn) else \
            self.backend.site_fingerprint()
        if fingerprint:
            # "site key" and the first row of groups wrap as one: never inside the fingerprint.
            short = self.tr("site key {short}…").format(short=short_fingerprint(fingerprint))
            self.app_name.setText(self.app_name.text() + " · " + short.replace(" ", NO_BREAK))
            self.app_name.setToolTip(self.tr("Site signing key fingerprint: {fp}").format(
                fp=shown_fingerprint(fingerprint)))

    def is_loading(self) -> bool:
        """True while the start-up operation signs in (the services are not loaded yet)."""
        return isinstance(self.backend, SigningIn)

    def attach_backend(self, backend: UiBackend, first_page: list[PatientRow]) -> None:
        """The services are loaded and the sign-in confirmed: from now on the window
        works as usual, starting with ``first_page`` of the list."""
        self.backend = backend
        self._show_protocol()
        self.lock_button.setEnabled(True)
        self.switch_button.setEnabled(True)
        self.password_button.setEnabled(True)
        self.refresh_user()
        self.list_page.attach_backend(backend, first_page)
        self.unsetCursor()
        pending, self._pending_open = self._pending_open, None
        if pending is not None:
            self.open_patient(pending)

    def hide_data(self) -> None:
        """The sign-in was not confirmed: no patient data may stay on screen."""
        self.list_page.model.clear_rows()
        self._pending_open = None
        self.hide()

    def refresh_user(self) -> None:
        """Show who is signed in, and as what."""
        user = self.backend.user
        self.users_button.setVisible(self.backend.can_manage_users())
        self.export_button.setVisible(user is not None and user.can(Permission.EXPORT_TRIAL_DATA))
        self.password_button.setVisible(user is not None)
        self.preparation_button.setVisible(user is not None and user.can(Permission.CONFIRM_PREPARATION))
        self._show_admin_warning()
        self._show_file_menu()
        if user is None:
            self.user_label.setText(self.tr("signing in as {name}…").format(
                name=self.backend.username) if isinstance(self.backend, SigningIn)
                else self.tr("not signed in"))
            return
        self.user_label.setText(self.tr("Signed in: <b>{name}</b> ({role})").format(
            name=user.full_name or user.username, role=self.backend.role_label()))

    def _show_admin_warning(self) -> None:
        count = None if isinstance(self.backend, SigningIn) else \
            self.backend.administrators_if_too_few()
        self.admin_warning.setVisible(count is not None)
        if count is not None:
            self.admin_warning.setText(self.tr("⚠ Only {count} active administrator").format(
                count=count) if count == 1 else self.tr("⚠ No active administrator"))
            self.admin_warning.setToolTip(self.tr(
                "Add a second administrator under Users…, so that one locked-out or absent "
                "administrator does not need the break-glass recovery."))

    def manage_users(self) -> None:
        """User administration (the services refuse it to other roles; hidden for them)."""
        if isinstance(self.backend, SigningIn) or not self.backend.can_manage_users():
            return
        from interfant_desktop.ui.dialogs.users_dialog import UsersDialog

        self._run_modal(UsersDialog(self.backend, self))
        self._show_admin_warning()  # a second administrator may have been added

    def _backend_allowing(self, permission: Permission) -> UiBackend | None:
        """The signed-in backend when its user holds ``permission``; None otherwise (and
        while signing in), so that a hidden action does nothing if triggered anyway."""
        backend = self.backend
        if isinstance(backend, SigningIn) or backend.user is None or not backend.user.can(permission):
            return None
        return backend

    @staticmethod
    def _run_modal(dialog: QDialog) -> None:
        """Show ``dialog`` modally, then free it: it is not kept once closed."""
        dialog.exec()
        dialog.deleteLater()

    def export_data(self) -> None:
        """File → Export (data managers and administrators; hidden for the other roles)."""
        backend = self._backend_allowing(Permission.EXPORT_TRIAL_DATA)
        if backend is None:
            return
        from interfant_desktop.ui.dialogs.export_dialog import ExportDialog

        self._run_modal(ExportDialog(backend, self))

    def confirm_preparation(self) -> None:
        """The pharmacist's confirmation of the bag preparation figures (hidden for others)."""
        backend = self._backend_allowing(Permission.CONFIRM_PREPARATION)
        if backend is None:
            return
        from interfant_desktop.ui.dialogs.preparation_dialog import PreparationDialog

        self._run_modal(PreparationDialog(backend, self))

    def change_password(self) -> None:
        if isinstance(self.backend, SigningIn):
            return
        from interfant_desktop.ui.dialogs.users_dialog import ChangePasswordDialog

        self._run_modal(ChangePasswordDialog(self.backend, self))

    def new_patient_allowed(self) -> None:
        """The list's "New patient…" follows the signed-in role (it changes at a switch)."""
        self.list_page.new_button.setEnabled(not isinstance(self.backend, SigningIn)
                                             and self.backend.can_create_patient())

    # --- unsaved changes -----------------------------------------------------------------
    def unsaved_summary(self) -> list[str]:
        """Where the open patient has unsaved changes ("TRN-01 · page: fields")."""
        if self.workspace is None:
            return []
        return [f"{self.workspace.patient_id} · {line}" for line in self.workspace.unsaved_summary()]

    def leave_patient(self, action: str) -> bool:
        """Before ``action``: unsaved changes of the open patient are saved or discarded
        on the user's answer (Save / Discard / Cancel). True when it may go ahead."""
        return self.workspace is None or self.workspace.confirm_leave(action)

    def close_patient(self) -> None:
        """Drop the open workspace (after a switch of user) and show the list."""
        if self.workspace is not None:
            self.stack.removeWidget(self.workspace)
            self.workspace.deleteLater()
            self.workspace = None
        self.stack.setCurrentWidget(self.list_page)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.confirm_close and not self.leave_patient(self.tr("closing the window")):
            event.ignore()
            return
        super().closeEvent(event)

    # --- navigation ----------------------------------------------------------------------
    def show_list(self) -> None:
        if self.stack.currentWidget() is self.workspace and not self.leave_patient(
                self.tr("going back to the patient list")):
            return
        self.stack.setCurrentWidget(self.list_page)
        self.list_page.search.setFocus()

    def focus_search(self) -> None:
        self.show_list()
        self.list_page.search.selectAll()

    def open_patient(self, study_id: str) -> PatientWorkspace | None:
        """Open the workspace of one patient (replacing any open one)."""
        if isinstance(self.backend, SigningIn):
            # Opened as soon as the services are loaded (a fraction of a second).
            self._pending_open = study_id
            self.setCursor(Qt.CursorShape.BusyCursor)
            return None
        from interfant_desktop.ui.backend import UserFacingError
        from interfant_desktop.ui.workspace import PatientWorkspace

        if not self.leave_patient(self.tr("opening another patient")):
            return None
        try:
            workspace = PatientWorkspace(self.backend, study_id)
        except UserFacingError as exc:
            QMessageBox.warning(self, self.tr("Patient not opened"), str(exc))
            return None
        if self.workspace is not None:
            self.stack.removeWidget(self.workspace)
            self.workspace.deleteLater()
        self.workspace = workspace
        self.workspace.close_requested.connect(self.show_list)
        self.workspace.saved.connect(lambda _sid: self.list_page.model.reload())
        self.stack.addWidget(self.workspace)
        self.stack.setCurrentWidget(self.workspace)
        self.workspace.steps.setFocus()
        return self.workspace

    def new_patient(self) -> None:
        if isinstance(self.backend, SigningIn) or not self.backend.can_create_patient():
            return
        from interfant_desktop.ui.dialogs.new_patient_dialog import NewPatientDialog

        dialog = NewPatientDialog(self.backend, self)
        if dialog.exec() and dialog.study_id_created:
            self.list_page.model.reload()
            self.open_patient(dialog.study_id_created)

    def current_patient(self) -> str | None:
        """The study ID of the open workspace (for crash-report context)."""
        if self.workspace is not None and self.stack.currentWidget() is self.workspace:
            return self.workspace.patient_id
        return None

    def showEvent(self, event: object) -> None:
        super().showEvent(event)  # type: ignore[arg-type]
        if self.list_page.model.rowCount() == 0 and not self.list_page.model.query() \
                and not self.is_loading():
            self.list_page.load()
        self.list_page.search.setFocus()
        self.list_shown.emit()


def _button(row: QHBoxLayout, text: str, accessible: str,
            slot: Callable[[], object] | SignalInstance) -> QPushButton:
    """A header button: its text, its accessible name and what it does, added to ``row``."""
    button = QPushButton(text)
    button.setAccessibleName(accessible)
    button.clicked.connect(slot)
    row.addWidget(button)
    return button
