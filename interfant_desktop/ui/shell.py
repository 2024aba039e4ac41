"""The Qt side of start-up: the application object, the controller with the idle lock,
and the crash-report offer. :mod:`interfant_desktop.ui.app` imports it first, to show
the window before the services and the database are loaded (in the background)."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from interfant_desktop.ui.gui_gc import collect_on_gui_thread
from interfant_desktop.ui.i18n import install_translations
from interfant_desktop.ui.idle_lock import IDLE_MINUTES, IdleLock
from interfant_desktop.ui.main_window import MainWindow
from interfant_desktop.ui.operations import CollectionOp
from interfant_desktop.ui.signing_in import SigningIn
from interfant_desktop.ui.style import STYLESHEET
from interfant_desktop.ui.wheel_guard import install_wheel_guard

if TYPE_CHECKING:  # the window is shown before the services are imported
    from interfant_desktop.ui.backend import PatientRow, UiBackend
# (the sign-in dialog is imported when the screen is locked: the start-up signs in
# without it, from --user, or through ui.app's interactive sign-in)


def make_application(argv: list[str] | None = None, *, guard_wheel: bool = True) -> QApplication:
    """The QApplication with the app's identity, style and translations, and the wheel
    guard (without ``guard_wheel``: later, by :meth:`AppController.watch_input`)."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(argv or [sys.argv[0]])
    app.setApplicationName("Interfant Desktop")
    app.setOrganizationName("Interfant")
    app.setStyle("Fusion")
    app.setStyleSheet(STYLESHEET)
    install_translations(app)
    collect_on_gui_thread(app)
    if guard_wheel:
        install_wheel_guard(app)
    return app


class AppController:
    """Owns the backend, the main window and the idle lock for one run.

    Without ``watch_input`` the app-wide input filters (the idle lock's, the wheel
    guard's) wait for :meth:`watch_input`: the start-up installs them once the signed-in
    window is fully usable. Until then nobody is signed in and the window allows
    nothing, so they have nothing to guard; and PySide6, the first time a Python event
    filter is handed an object of a Qt-private class, loads every class of QtCore, QtGui
    and QtWidgets with their enums (about 20 ms), which would otherwise delay the window."""

    def __init__(self, app: QApplication, backend: UiBackend | SigningIn,
                 training: bool, *, watch_input: bool = True) -> None:
        self.app = app
        self.backend = backend
        self.window = MainWindow(backend, training=training)
        self.idle = IdleLock(parent=self.window)
        self.watching_input = False
        if watch_input:
            self.watch_input()
        self.idle.idle.connect(self.lock_when_idle)
        self.window.lock_requested.connect(self.lock)
        self.window.switch_user_requested.connect(self.switch_user)
        self.window.confirm_close = True  # closing with unsaved changes asks first
        self.locked = False

    def watch_input(self) -> None:
        """Install the app-wide input filters (once): input restarts the idle lock's
        count, and the mouse wheel changes no field it was not aimed at."""
        if not self.watching_input:
            self.watching_input = True
            self.app.installEventFilter(self.idle)
            self.idle.resume()  # (counting from now)
            install_wheel_guard(self.app)

    def attach_backend(self, backend: UiBackend, first_page: list[PatientRow]) -> None:
        """The services are loaded and the sign-in confirmed (by the start-up operation)."""
        self.backend = backend
        self.window.attach_backend(backend, first_page)

    def lock_when_idle(self) -> None:
        """Nobody is there to ask: unsaved changes stay (hidden) for the same user."""
        self.lock(idle=True)

    def lock(self, idle: bool = False) -> None:
        """Hide the window and ask the same user to sign in again, or another to take
        over (or quit). A lock on request first asks about unsaved changes."""
        if self.locked or self.backend.user is None or isinstance(self.backend, SigningIn):
            return  # (no lock before the services are loaded; the window allows none)
        if not idle and not self.window.leave_patient(self.app.translate(
                "App", "locking the screen")):
            return
        why = self.app.translate("App", "Locked after {minutes} minutes without activity.").format(
            minutes=IDLE_MINUTES) if idle else None
        self._lock_screen(why, switching=False)

    def switch_user(self) -> None:
        """Hand the workstation over from the header: unsaved changes are asked about
        first (Save / Discard / Cancel), then anyone signs in."""
        if self.locked or self.backend.user is None or isinstance(self.backend, SigningIn):
            return
        if not self.window.leave_patient(self.app.translate("App", "switching user")):
            return
        self._lock_screen(None, switching=True)

    def _lock_screen(self, why: str | None, switching: bool) -> None:
        assert not isinstance(self.backend, SigningIn) and self.backend.user is not None
        self.locked = True
        self.idle.pause()
        user = self.backend.user.username
        # Nothing of the patient may stay on screen: open dialogs are dismissed unsaved.
        for widget in self.app.topLevelWidgets():
            if isinstance(widget, QDialog) and widget.isVisible():
                widget.reject()
        self.window.hide()
        backend = self.backend
        reason = "switch user" if switching else ("screen locked after inactivity" if why
                                                  else "screen locked")
        CollectionOp(self.window, lambda: backend.sign_out(reason)).wait()
        from interfant_desktop.ui.dialogs.sign_in_dialog import SignInDialog

        dialog = SignInDialog(backend, locked_user=user, locked_why=why, switching=switching,
                              unsaved=self.window.unsaved_summary())
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        dialog.deleteLater()
        if not accepted:
            self.app.quit()
            return
        self.locked = False
        signed_in = backend.user
        if signed_in is not None and signed_in.username != user:
            # Another user: nothing opened or typed by the previous one stays on screen.
            self.window.close_patient()
            self.window.new_patient_allowed()
            self.window.list_page.model.reload()
        self.window.refresh_user()
        self.window.show()
        self.idle.resume()


def context(controller: AppController | None) -> dict[str, str]:
    if controller is None:
        return {}
    user = controller.backend.user
    return {"user": user.username if user else "(signed out)",
            "role": user.role if user else "",
            "patient": controller.window.current_patient() or "(none open)"}


def offer_crash_report() -> None:
    """Show a crash log left by an earlier run, once (then it is moved aside)."""
    try:
        from interfant_desktop.logging_setup import acknowledge_crash_report, pending_crash_report

        report = pending_crash_report()
    except (ImportError, OSError):
        return
    if report is None:
        return
    from interfant_desktop.ui.crash import information_box, show_report_when_asked

    box = information_box(
        "LastCrash", QCoreApplication.translate("App", "The app stopped unexpectedly last time"),
        QCoreApplication.translate(
            "App", "The previous session ended with an error. Data saved before it is safe."))
    box.setInformativeText(QCoreApplication.translate(
        "App", "The crash log is kept at {path} for support.").format(path=report.path))
    show = box.addButton(QCoreApplication.translate("App", "Show the report for support…"),
                         QMessageBox.ButtonRole.ActionRole)
    box.setDefaultButton(box.addButton(QMessageBox.StandardButton.Close))
    box.exec()  # (nothing of the report before the user asks for it)
    if box.clickedButton() is show:
        try:  # the crash log holds no values (logging_setup scrubs what it writes)
            text = report.text()
        except OSError:
            text = report.summary
        show_report_when_asked(text)
    acknowledge_crash_report(report)
