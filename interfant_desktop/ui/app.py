"""Starting the desktop app: ``run_app(args) -> int`` (called by the CLI without a command).

``args`` carries ``db`` (database URL), ``user`` (sign in as this user with the
password from ``INTERFANT_PASSWORD``), ``demo`` (training database) and
``exit_when_ready`` (exit 0 once the window and the patient list are shown).
"""

from __future__ import annotations

import argparse
import logging
import os
import sys

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from interfant_desktop.ui.backend import UiBackend, UserFacingError
from interfant_desktop.ui.crash import CrashHandler
from interfant_desktop.ui.dialogs.sign_in_dialog import SignInDialog
from interfant_desktop.ui.i18n import install_translations
from interfant_desktop.ui.idle_lock import IdleLock
from interfant_desktop.ui.main_window import MainWindow
from interfant_desktop.ui.style import STYLESHEET

log = logging.getLogger("interfant_desktop.ui")


def _t(text: str) -> str:
    return QCoreApplication.translate("App", text)


def make_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication with the app's identity, style and translations."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(argv or [sys.argv[0]])
    app.setApplicationName("Interfant Desktop")
    app.setOrganizationName("Interfant")
    app.setStyle("Fusion")
    app.setStyleSheet(STYLESHEET)
    install_translations(app)
    return app


class AppController:
    """Owns the backend, the main window and the idle lock for one run."""

    def __init__(self, app: QApplication, backend: UiBackend, training: bool) -> None:
        self.app = app
        self.backend = backend
        self.window = MainWindow(backend, training=training)
        self.idle = IdleLock(parent=self.window)
        app.installEventFilter(self.idle)
        self.idle.idle.connect(self.lock)
        self.window.lock_requested.connect(self.lock)
        self.locked = False

    def lock(self) -> None:
        """Hide the window and ask the same user to sign in again (or quit)."""
        if self.locked or self.backend.user is None:
            return
        self.locked = True
        self.idle.pause()
        user = self.backend.user.username
        self.window.hide()
        self.backend.sign_out()
        dialog = SignInDialog(self.backend, locked_user=user)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.locked = False
            self.window.refresh_user()
            self.window.show()
            self.idle.resume()
        else:
            self.app.quit()


def _context(controller: AppController | None) -> dict[str, str]:
    if controller is None:
        return {}
    user = controller.backend.user
    return {"user": user.username if user else "(signed out)",
            "role": user.role if user else "",
            "patient": controller.window.current_patient() or "(none open)"}


def _offer_crash_report() -> None:
    """Show a crash log left by an earlier run, once (then it is moved aside)."""
    try:
        from interfant_desktop.logging_setup import acknowledge_crash_report, pending_crash_report

        report = pending_crash_report()
    except (ImportError, OSError):
        return
    if report is None:
        return
    box = QMessageBox()
    box.setIcon(QMessageBox.Icon.Information)
    box.setWindowTitle(QCoreApplication.translate("App", "The app stopped unexpectedly last time"))
    box.setText(QCoreApplication.translate(
        "App", "The previous session ended with an error. Data saved before it is safe."))
    box.setInformativeText(QCoreApplication.translate(
        "App", "The crash log is kept at {path} for support.").format(path=report.path))
    box.setDetailedText(report.summary)
    box.exec()
    acknowledge_crash_report(report)


def run_app(args: argparse.Namespace) -> int:
    """Start the GUI; returns the process exit status."""
    try:
        from interfant_desktop.logging_setup import setup_logging

        setup_logging()
    except OSError:
        log.warning("the log file could not be opened")
    app = make_application()
    controller: AppController | None = None
    crash = CrashHandler(None, lambda: _context(controller))
    crash.install()
    training = bool(getattr(args, "demo", False))
    try:
        if training:
            from interfant_desktop.ui.demo_data import build_training_database

            backend, demo_user, demo_password = build_training_database()
        else:
            backend = UiBackend.open(getattr(args, "db", None))
    except UserFacingError as exc:
        QMessageBox.critical(None, QCoreApplication.translate("App", "Database not available"), str(exc))
        return 1

    username = getattr(args, "user", None)
    password = os.environ.get("INTERFANT_PASSWORD")
    if training and not username:
        username, password = demo_user, demo_password
    signed_in = False
    if username and password is not None:
        try:
            backend.sign_in(username, password)
            signed_in = True
        except UserFacingError as exc:
            print(f"interfant-desktop: {exc}", file=sys.stderr)
            return 1
    if not signed_in:
        if getattr(args, "exit_when_ready", False):
            print("interfant-desktop: --exit-when-ready needs --user NAME and INTERFANT_PASSWORD",
                  file=sys.stderr)
            return 1
        dialog = SignInDialog(backend)
        if username:
            dialog.username.setText(username)
            dialog.password.setFocus()
        if dialog.exec() != QDialog.DialogCode.Accepted:
            backend.close()
            return 1

    if not getattr(args, "exit_when_ready", False):
        _offer_crash_report()
    controller = AppController(app, backend, training)
    if getattr(args, "exit_when_ready", False):
        # Quit once the window is shown and the list's first page has been painted.
        controller.window.list_shown.connect(lambda: QTimer.singleShot(0, app.quit))
    controller.window.show()
    status = app.exec()
    backend.close()
    return int(status)
