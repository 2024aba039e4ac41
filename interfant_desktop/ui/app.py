"""Starting the desktop app: ``run_app(args) -> int`` (called by the CLI without a command).

``args`` carries ``db`` (database URL), ``user`` (sign in as this user with the
password from ``INTERFANT_PASSWORD``), ``demo`` (training database) and
``exit_when_ready`` (exit 0 once the window and the patient list are shown).

Start-up order is chosen for speed: the database is opened first (no Qt yet);
with ``--user`` the password check (argon2, which releases the GIL) then runs in
a thread while Qt and the window code load; the window shows once both are done.

Quick start (``--user`` with a SQLite database that is up to date): importing
SQLAlchemy, the models and the services costs more than Qt itself, so instead
``services.quick_start`` verifies the password and reads the list's first page
read-only with the standard library, in a thread while Qt loads. The window shows
those rows (read-only: no editing, no opening a patient yet) and, once the list has
been painted, the services load in this same thread, ``auth.sign_in`` signs in for
real (the authoritative check, with its bookkeeping) and the list switches to the
store-backed model. If that sign-in refuses (e.g. the account was locked
meanwhile), the rows are hidden at once and the sign-in dialog (or, with
``--exit-when-ready``, exit status 1) follows. Whenever the quick start does not
answer (wrong password, unknown or locked user, older or newer schema, anything
unexpected), the normal path below runs as before and decides.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import threading
import time
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from interfant_desktop.services.quick_start import QuickStart
    from interfant_desktop.ui.backend import UiBackend, UserFacingError

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
        from interfant_desktop.ui.backend import UserFacingError

        try:
            self.backend.sign_in(self.username, self.password)
        except UserFacingError as exc:
            self.error = exc


class _QuickStartThread(threading.Thread):
    """Runs ``services.quick_start`` off the GUI thread; ``result`` is None when the
    normal path must decide."""

    def __init__(self, url: str | None, username: str, password: str, limit: int) -> None:
        super().__init__(name="quick-start", daemon=True)
        self.url, self.username, self.password, self.limit = url, username, password, limit
        self.result: QuickStart | None = None

    def run(self) -> None:
        from interfant_desktop.services.quick_start import quick_start

        self.result = quick_start(self.url, self.username, self.password, self.limit)


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


class _FullLoad:
    """After a quick start: load the services, sign in for real, switch the list over."""

    def __init__(self, app: QApplication, controller: Any, url: str | None, username: str,
                 password: str, exit_when_ready: bool) -> None:
        self.app, self.controller, self.url = app, controller, url
        self.username, self.password, self.exit_when_ready = username, password, exit_when_ready
        self.started = False
        self.backend: UiBackend | None = None

    def run(self) -> None:
        if self.started:
            return
        self.started = True
        from PySide6.QtCore import QCoreApplication, QTimer
        from PySide6.QtWidgets import QDialog, QMessageBox

        from interfant_desktop.ui.backend import UiBackend, UserFacingError
        from interfant_desktop.ui.dialogs.sign_in_dialog import SignInDialog

        window = self.controller.window
        try:
            self.backend = backend = UiBackend.open(self.url)
        except UserFacingError as exc:
            window.hide_data()
            print(f"interfant-desktop: {exc}", file=sys.stderr)
            if not self.exit_when_ready:
                QMessageBox.critical(None, QCoreApplication.translate(
                    "App", "Database not available"), str(exc))
            self.app.exit(1)
            return
        try:
            backend.sign_in(self.username, self.password)  # authoritative, with bookkeeping
        except UserFacingError as exc:
            # The services disagree (e.g. locked meanwhile): nothing stays on screen.
            window.hide_data()
            print(f"interfant-desktop: {exc}", file=sys.stderr)
            if self.exit_when_ready:
                self.app.exit(1)
                return
            dialog = SignInDialog(backend)
            dialog.username.setText(self.username)
            dialog.problem.setText("✖ " + str(exc))
            dialog.problem.show()
            dialog.password.setFocus()
            if dialog.exec() != QDialog.DialogCode.Accepted:
                self.app.exit(1)
                return
            self.controller.attach_backend(backend)
            window.show()
            return
        self.controller.attach_backend(backend)
        if self.exit_when_ready:
            model = window.list_page.model
            print(f"interfant-desktop: fully loaded, sign-in confirmed by the services, "
                  f"{model.rowCount()} rows from the store at {time.time():.4f}", flush=True)
            QTimer.singleShot(0, self.app.quit)


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
    url = getattr(args, "db", None)
    quick_thread: _QuickStartThread | None = None
    if not training and username and password is not None:
        from interfant_desktop.services.quick_start import sqlite_file

        if sqlite_file(url) is not None:  # SQLite only; PostgreSQL takes the normal path
            from interfant_desktop.ui.patient_list_model import PAGE_SIZE

            quick_thread = _QuickStartThread(url, username, password, PAGE_SIZE)
            quick_thread.start()
    open_error: UserFacingError | None = None
    backend: UiBackend | None = None
    sign_in: _SignInThread | None = None
    if quick_thread is None:
        from interfant_desktop.ui.backend import UiBackend, UserFacingError

        try:
            if training:
                from interfant_desktop.ui.demo_data import build_training_database

                backend, demo_user, demo_password = build_training_database()
                if not username:
                    username, password = demo_user, demo_password
            else:
                backend = UiBackend.open(url)
        except UserFacingError as exc:
            open_error = exc
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
    CrashHandler(lambda: shell.context(controller)).install()

    quick: QuickStart | None = None
    if quick_thread is not None:
        quick_thread.join()
        quick = quick_thread.result
        if quick is None:  # not answered: the normal path decides (and counts a failure)
            from interfant_desktop.ui.backend import UiBackend, UserFacingError

            try:
                backend = UiBackend.open(url)
            except UserFacingError as exc:
                open_error = exc
            if backend is not None and username and password is not None:
                sign_in = _SignInThread(backend, username, password)
                sign_in.start()

    def ready() -> None:
        # Once the window is shown with the list's first page, say how many rows it
        # shows (benchmarks check the list really has data) and when (wall clock).
        model = controller.window.list_page.model
        filled = all(model.index(row, column).data() not in (None, "")
                     for row in range(model.rowCount()) for column in range(3))
        print(f"interfant-desktop: ready, {model.rowCount()} patient rows shown"
              f"{' with study ID, name and hospital number' if filled else ''}", flush=True)
        print(f"interfant-desktop: timing: list shown at {time.time():.4f}"
              f"{' (quick first page)' if model.is_quick() else ''}", flush=True)

    if quick is not None:
        assert username is not None and password is not None
        from interfant_desktop.ui.patient_list_quick import QuickBackend

        if not exit_when_ready:
            shell.offer_crash_report()
        controller = shell.AppController(app, QuickBackend(quick), training)
        loader = _FullLoad(app, controller, url, username, password, exit_when_ready)
        window = controller.window
        if exit_when_ready:
            window.list_shown.connect(ready)
        # After the first paint of the list (or, should no paint come, shortly after).
        window.list_painted.connect(lambda: QTimer.singleShot(0, loader.run))
        window.list_shown.connect(lambda: QTimer.singleShot(200, loader.run))
        window.show()
        status = app.exec()
        if loader.backend is not None:
            loader.backend.close()
        return int(status)
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
        def ready_and_quit() -> None:
            ready()
            QTimer.singleShot(0, app.quit)

        controller.window.list_shown.connect(ready_and_quit)
    controller.window.show()
    status = app.exec()
    backend.close()
    return int(status)
