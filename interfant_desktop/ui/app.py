"""Starting the desktop app: ``run_app(args) -> int`` (called by the CLI without a command).

``args`` carries ``db`` (database URL), ``user`` (sign in as this user with the
password from ``INTERFANT_PASSWORD``), ``demo`` (training database) and
``exit_when_ready`` (exit 0 once the signed-in window is fully usable).

One start-up path. With ``--user`` (or ``--demo``) the GUI thread loads Qt and shows
the window at once, empty and allowing nothing
(:class:`~interfant_desktop.ui.signing_in.SigningIn`); then the start-up operation
runs in the background (:class:`~interfant_desktop.ui.operations.QueryOp`): it
imports the services, opens the database, signs in through ``auth.sign_in`` (the
only sign-in rule, with its bookkeeping) and reads the first page of the patient
list. Once it has loaded the code the sign-in needs (before it opens the database),
the rest of the app's code (the other services, the workspace that opens a patient)
loads on a second worker (:func:`load_app_code`), while the first mostly waits outside
the interpreter lock (integrity check, password hashes, commit). When the operation reports back, on the
GUI thread, the window gets the backend and the first page. "Fully usable"
(``--exit-when-ready``) is both: the list painted and that code loaded. Until then
the GUI thread's garbage collector is held, and what start-up allocated is then frozen
(:mod:`interfant_desktop.ui.gui_gc`): it lives as long as the app; and the app-wide
input filters (idle lock, wheel guard) come then too (:meth:`AppController.watch_input`).

Fail closed: if the operation fails in any way (refused, a damaged or read-only
database, any unexpected error), no patient data is shown, one line says why
(stderr, and a message box unless ``--exit-when-ready``), and the app exits 1.
Without ``--user`` the database is opened and the sign-in (or first-run) dialog asks.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import threading
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from interfant_desktop.ui.backend import PatientRow, UiBackend

log = logging.getLogger("interfant_desktop.ui")
#: With ``--exit-when-ready``: give up (exit 1) when the signed-in window is not ready
#: by then, e.g. a database server that does not answer.
READY_TIMEOUT_S = 120.0


def make_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication with the app's identity, style and translations."""
    from interfant_desktop.ui.shell import make_application as make

    return make(argv)


@dataclass(frozen=True)
class Started:
    """What the start-up operation hands to the window."""

    backend: UiBackend
    first_page: list[PatientRow]


def start_session(url: str | None, username: str | None, password: str | None,
                  training: bool, services_imported: threading.Event | None = None) -> Started:
    """The start-up operation (worker thread, no widgets): open the database, sign in,
    read the list's first page. Raises whatever went wrong.

    ``services_imported`` is set once the code the sign-in needs is loaded, before the
    database is opened: the rest of the app's code (:func:`load_app_code`) then loads on
    a second worker while this one mostly waits, outside Python's interpreter lock, for
    the integrity check (``PRAGMA quick_check``), the password hashes and the commit."""
    try:
        if training:
            return _start_training(username, password)
        from interfant_desktop.services import auth, db_login

        if services_imported is not None:
            services_imported.set()
        store = db_login.open_door(url)
        own = store
        try:  # (on PostgreSQL with per-user login roles: as the user's own role)
            own = db_login.store_for(store, store.url if store else db_login.resolve(url),
                                     username or "", password or "")
            user = auth.sign_in(own, username or "", password or "")
            from interfant_desktop.ui.backend import UiBackend
            from interfant_desktop.ui.patient_list_model import PAGE_SIZE

            backend = UiBackend.signed_in(store, user, own)
            return Started(backend, backend.search_patients("", offset=0, limit=PAGE_SIZE))
        except BaseException:
            if own is not None and own is not store:
                own.close()
            if store is not None:
                store.close()
            raise
    finally:
        if services_imported is not None:
            services_imported.set()  # (a failure: the second worker must not wait for ever)


def _start_training(username: str | None, password: str | None) -> Started:
    from interfant_desktop.ui.demo_data import build_training_database
    from interfant_desktop.ui.patient_list_model import PAGE_SIZE

    backend, demo_user, demo_password = build_training_database()
    if not username:
        username, password = demo_user, demo_password
    try:
        backend.sign_in(username or "", password or "")
        return Started(backend, backend.search_patients("", offset=0, limit=PAGE_SIZE))
    except BaseException:
        backend.close()
        raise


def load_app_code(services_imported: threading.Event | None = None) -> None:
    """Load the services and the workspace code (worker thread, no widgets), so that
    opening the first patient imports nothing; after ``services_imported`` is set, so
    that the two workers never import the same modules at once."""
    if services_imported is not None:
        services_imported.wait()
    import interfant_desktop.ui.backend
    import interfant_desktop.ui.workspace  # noqa: F401


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


def _release_collector() -> None:
    from PySide6.QtCore import QCoreApplication

    from interfant_desktop.ui.gui_gc import collect_on_gui_thread

    app = QCoreApplication.instance()
    if app is not None:
        collect_on_gui_thread(app).release()


def _stamp(what: str) -> None:
    print(f"interfant-desktop: timing: {what} at {time.time():.4f}", flush=True)


class _Startup:
    """The GUI side of the start-up operation: attach its result, or fail closed."""

    def __init__(self, app: QApplication, controller: Any, exit_when_ready: bool) -> None:
        self.app, self.controller, self.exit_when_ready = app, controller, exit_when_ready
        self.backend: UiBackend | None = None
        self.status = 0
        self.finished = False
        self.started_up = False
        #: fully usable needs both: the list painted and the app's code loaded
        self.list_painted = False
        self.code_loaded = False

    def give_up(self) -> None:
        """``--exit-when-ready`` always exits: the start-up operation has not reported
        back in time (it may hang on the network), so nothing is shown and the process
        ends now, without waiting for that worker."""
        if self.finished:
            return
        self.controller.window.hide_data()
        print(f"interfant-desktop: not ready after {READY_TIMEOUT_S:g} s (the database did not "
              "answer); exiting", file=sys.stderr, flush=True)
        sys.stdout.flush()
        os._exit(1)

    def attach(self, started: Started) -> None:
        self.backend = started.backend
        window = self.controller.window
        window.list_painted.connect(self.painted)
        if not started.first_page:
            from PySide6.QtCore import QTimer

            QTimer.singleShot(0, self.painted)
        self.controller.attach_backend(started.backend, started.first_page)

    def painted(self) -> None:
        if not self.list_painted:
            self.list_painted = True
            if self.exit_when_ready:
                _stamp("list painted")
            self._check_started()

    def loaded(self, _result: object = None) -> None:
        """The app's code is loaded (:func:`load_app_code`)."""
        self.code_loaded = True
        self._check_started()

    def _check_started(self) -> None:
        """Once the window is fully usable: Python's collector runs as usual again (see
        :meth:`GuiThreadCollector.release`); with ``--exit-when-ready``, say so and quit;
        the idle lock and the wheel guard watch the input from now on."""
        if self.started_up or not (self.list_painted and self.code_loaded):
            return
        self.started_up = True
        _release_collector()
        if self.exit_when_ready:
            self.ready()
        # The app-wide input filters from now on, once it is said (they guard the signed-in
        # user's input; the window is usable without them). The ~20 ms that PySide6 takes
        # at their first Qt-private object is spent here, after the window is usable.
        self.controller.watch_input()

    def fail(self, exc: Exception) -> None:
        """Any failure: nothing of a patient stays on screen, one line says why."""
        if self.finished:
            return  # (the other start-up worker failed first, or the window was ready)
        self.finished = True
        _release_collector()
        from PySide6.QtCore import QCoreApplication
        from PySide6.QtWidgets import QMessageBox

        from interfant_desktop.ui.backend import UserFacingError

        self.controller.window.hide_data()
        if isinstance(exc, UserFacingError):
            line = str(exc)
        else:  # not a refusal: the log keeps the traceback, the screen one line
            log.error("start-up failed", exc_info=exc)
            # (its text may hold SQL and values: not for the screen)
            line = f"not signed in: the app could not start ({type(exc).__name__}); " \
                   "the details are in the log"
        line = " ".join(line.split())
        print(f"interfant-desktop: {line}", file=sys.stderr, flush=True)
        if not self.exit_when_ready:
            QMessageBox.critical(None, QCoreApplication.translate("App", "Not signed in"), line)
        self.status = 1
        self.app.exit(1)

    def ready(self) -> None:
        """Once the signed-in window is fully usable (the list painted, the code that
        opens a patient loaded): say so (benchmarks read it) and quit."""
        from PySide6.QtCore import QTimer

        if self.finished or not (self.list_painted and self.code_loaded):
            return
        self.finished = True
        model = self.controller.window.list_page.model
        filled = all(model.index(row, column).data() not in (None, "")
                     for row in range(model.rowCount()) for column in range(3))
        print(f"interfant-desktop: ready, {model.rowCount()} patient rows shown"
              f"{' with study ID, name and hospital number' if filled else ''}", flush=True)
        print(f"interfant-desktop: fully loaded, sign-in confirmed by the services, "
              f"{model.rowCount()} rows from the store at {time.time():.4f} "
              f"(process CPU {time.process_time():.4f} s)", flush=True)
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
    signing_in = bool(training or (username and password is not None))
    if not signing_in and exit_when_ready:
        print("interfant-desktop: --exit-when-ready needs --user NAME and INTERFANT_PASSWORD",
              file=sys.stderr)
        return 1

    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QMessageBox

    from interfant_desktop.ui import shell
    from interfant_desktop.ui.crash import CrashHandler

    app = shell.make_application(guard_wheel=not signing_in)  # (signing in: once usable)
    controller: Any = None
    CrashHandler(lambda: shell.context(controller)).install()
    if not exit_when_ready:
        shell.offer_crash_report()

    if signing_in:
        from interfant_desktop.ui.gui_gc import collect_on_gui_thread
        from interfant_desktop.ui.operations import QueryOp
        from interfant_desktop.ui.signing_in import SigningIn

        collect_on_gui_thread(app).hold()  # until the window is fully usable (_Startup)
        controller = shell.AppController(app, SigningIn(username or ""), training,
                                         watch_input=False)
        flow = _Startup(app, controller, exit_when_ready)
        controller.window.show()
        if exit_when_ready:
            _stamp("window shown")
        # Started once the window is up: two threads loading Python code at once only
        # slow each other down (one interpreter lock), and the window comes first.
        services_imported = threading.Event()
        QueryOp(None, lambda: start_session(url, username, password, training,
                                            services_imported)) \
            .success(flow.attach).failure(flow.fail).run_in_background()
        QueryOp(None, lambda: load_app_code(services_imported), background=True) \
            .success(flow.loaded).failure(flow.fail).run_in_background()
        if exit_when_ready:
            from PySide6.QtCore import QTimer

            QTimer.singleShot(int(READY_TIMEOUT_S * 1000), flow.give_up)
        status = app.exec()
        if flow.backend is not None:
            flow.backend.close()
        return int(status) or flow.status

    from interfant_desktop.ui.backend import UiBackend, UserFacingError

    try:
        backend = UiBackend.open(url)
    except UserFacingError as exc:
        QMessageBox.critical(None, QCoreApplication.translate("App", "Database not available"),
                             str(exc))
        return 1
    if not sign_in_interactively(backend, username):
        backend.close()
        return 1
    controller = shell.AppController(app, backend, training)
    controller.window.show()
    status = app.exec()
    backend.close()
    return int(status)
