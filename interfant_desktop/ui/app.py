"""Starting the desktop app: ``run_app(args) -> int`` (called by the CLI without a command).

``args`` carries ``db`` (database URL), ``user`` (sign in as this user with the
password from ``INTERFANT_PASSWORD``), ``demo`` (training database) and
``exit_when_ready`` (exit 0 once the window and the patient list are shown).

Start-up order is chosen for speed: the database is opened first (no Qt yet);
with ``--user`` the password check (argon2, which releases the GIL) then runs in
a thread while Qt and the window code load; the window shows once both are done.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import threading
from typing import TYPE_CHECKING, Any

from interfant_desktop.ui.backend import UiBackend, UserFacingError

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

log = logging.getLogger("interfant_desktop.ui")


def make_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication with the app's identity, style and translations."""
    from interfant_desktop.ui.shell import make_application as make

    return make(argv)


class _SignInThread(threading.Thread):
    """Checks the password off the GUI thread; ``error`` holds a refusal."""

    def __init__(self, backend: UiBackend, username: str, password: str) -> None:
        super().__init__(name="sign-in", daemon=True)
        self.backend, self.username, self.password = backend, username, password
        self.error: UserFacingError | None = None

    def run(self) -> None:
        try:
            self.backend.sign_in(self.username, self.password)
        except UserFacingError as exc:
            self.error = exc


def sign_in_interactively(backend: UiBackend, username: str | None = None) -> bool:
    """Sign in with the dialog; True once signed in. A database without any account
    first offers to create its administrator (signed in as that account afterwards);
    if another workstation created one meanwhile, the sign-in dialog follows."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QDialog

    from interfant_desktop.ui.dialogs.sign_in_dialog import SignInDialog

    notice = None
    if not backend.has_any_user():
        from interfant_desktop.ui.dialogs.first_run_dialog import FirstRunDialog

        first_run = FirstRunDialog(backend)
        if first_run.exec() == QDialog.DialogCode.Accepted:
            return backend.user is not None
        if not first_run.already_set_up:
            return False
        notice = QCoreApplication.translate(
            "App", "This database was set up from another workstation meanwhile. Sign in with "
            "an account from its administrator.")
    dialog = SignInDialog(backend)
    if notice:
        dialog.problem.setText(notice)
        dialog.problem.show()
    if username:
        dialog.username.setText(username)
        dialog.password.setFocus()
    return dialog.exec() == QDialog.DialogCode.Accepted


def run_app(args: argparse.Namespace) -> int:
    """Start the GUI; returns the process exit status."""
    try:
        from interfant_desktop.logging_setup import setup_logging

        setup_logging()
    except OSError:
        log.warning("the log file could not be opened")
    training = bool(getattr(args, "demo", False))
    exit_when_ready = bool(getattr(args, "exit_when_ready", False))
    username = getattr(args, "user", None)
    password = os.environ.get("INTERFANT_PASSWORD")
    open_error: UserFacingError | None = None
    backend: UiBackend | None = None
    try:
        if training:
            from interfant_desktop.ui.demo_data import build_training_database

            backend, demo_user, demo_password = build_training_database()
            if not username:
                username, password = demo_user, demo_password
        else:
            backend = UiBackend.open(getattr(args, "db", None))
    except UserFacingError as exc:
        open_error = exc
    sign_in: _SignInThread | None = None
    if backend is not None and username and password is not None:
        sign_in = _SignInThread(backend, username, password)
        sign_in.start()

    # Qt and the window code load while the password is being checked.
    from PySide6.QtCore import QCoreApplication, QTimer
    from PySide6.QtWidgets import QMessageBox

    from interfant_desktop.ui import shell
    from interfant_desktop.ui.crash import CrashHandler

    app = shell.make_application()
    controller: Any = None
    CrashHandler(None, lambda: shell.context(controller)).install()
    if backend is None:
        QMessageBox.critical(None, QCoreApplication.translate("App", "Database not available"),
                             str(open_error))
        return 1
    if sign_in is not None:
        sign_in.join()
        if sign_in.error is not None:
            print(f"interfant-desktop: {sign_in.error}", file=sys.stderr)
            backend.close()
            return 1
    elif exit_when_ready:
        print("interfant-desktop: --exit-when-ready needs --user NAME and INTERFANT_PASSWORD",
              file=sys.stderr)
        backend.close()
        return 1
    elif not sign_in_interactively(backend, username):
        backend.close()
        return 1

    if not exit_when_ready:
        shell.offer_crash_report()
    controller = shell.AppController(app, backend, training)
    if exit_when_ready:
        # Quit once the window is shown and the list's first page has been painted;
        # say how many rows it shows (benchmarks check the list really has data).
        def ready() -> None:
            model = controller.window.list_page.model
            filled = all(model.index(row, column).data() not in (None, "")
                         for row in range(model.rowCount()) for column in range(3))
            print(f"interfant-desktop: ready, {model.rowCount()} patient rows shown"
                  f"{' with study ID, name and hospital number' if filled else ''}", flush=True)
            QTimer.singleShot(0, app.quit)

        controller.window.list_shown.connect(ready)
    controller.window.show()
    status = app.exec()
    backend.close()
    return int(status)
