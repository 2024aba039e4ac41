"""The one start-up path: the window at once, filled by the background start-up
operation; any failure of the sign-in hides patient data, says one line and exits."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import REPO
from tests.ui.conftest import PHYSICIAN


def _path(db_url: str) -> Path:
    return Path(db_url.removeprefix("sqlite:///"))


def _lock(db_url: str, username: str) -> None:
    """Lock the account the way a user does: wrong passwords through the services."""
    from interfant_desktop.services import auth
    from interfant_desktop.services.errors import AuthenticationError
    from interfant_desktop.services.store_access import open_store

    store = open_store(db_url)
    try:
        for _ in range(auth.MAX_FAILED_ATTEMPTS):
            with pytest.raises(AuthenticationError):
                auth.sign_in(store, username, "wrong password")
    finally:
        store.close()


def _account(db_url: str, username: str) -> tuple[int, int]:
    with sqlite3.connect(_path(db_url)) as conn:
        row = conn.execute("SELECT failed_attempts, locked FROM users WHERE username = ?",
                           (username,)).fetchone()
    return int(row[0]), int(row[1])


class _App:
    """Stands in for the QApplication: its real ``exit`` would end later tests' loops."""

    def __init__(self) -> None:
        self.exits: list[int] = []

    def exit(self, status: int) -> None:
        self.exits.append(status)

    def quit(self) -> None:
        self.exits.append(0)


def _signing_in_window(qtbot: Any) -> Any:
    from interfant_desktop.ui.shell import AppController, make_application
    from interfant_desktop.ui.signing_in import SigningIn

    controller = AppController(make_application(), SigningIn(PHYSICIAN[0]), training=False)
    qtbot.addWidget(controller.window)
    with qtbot.waitSignal(controller.window.list_shown, timeout=5000):
        controller.window.show()
    return controller


def _run_startup(qtbot: Any, controller: Any, db_url: str, password: str) -> Any:
    """The start-up operation as ``run_app`` runs it (in the background)."""
    from interfant_desktop.ui.app import _Startup, start_session
    from interfant_desktop.ui.operations import QueryOp, task_manager

    flow = _Startup(_App(), controller, exit_when_ready=False)  # type: ignore[arg-type]
    QueryOp(None, lambda: start_session(db_url, PHYSICIAN[0], password, training=False)) \
        .success(flow.attach).failure(flow.fail).run_in_background()
    qtbot.waitUntil(lambda: task_manager().idle(), timeout=10000)
    return flow


def test_the_window_allows_nothing_until_the_background_sign_in_fills_it(
        qtbot: Any, db_url: str) -> None:
    controller = _signing_in_window(qtbot)
    window, page = controller.window, controller.window.list_page
    assert window.is_loading() and page.model.rowCount() == 0
    assert page.search.isReadOnly() and not page.new_button.isEnabled()
    assert not window.lock_button.isEnabled() and not window.users_button.isVisible()
    assert "signing in as dr.vos" in window.user_label.text()
    assert window.open_patient("TRN-01") is None  # opened once signed in
    flow = _run_startup(qtbot, controller, db_url, PHYSICIAN[1])
    try:
        assert not window.is_loading() and controller.backend is flow.backend
        assert page.model.rowCount() == 15 and not page.search.isReadOnly()
        assert page.new_button.isEnabled() and window.lock_button.isEnabled()
        assert window.workspace is not None and window.workspace.patient_id == "TRN-01"
        window.show_list()
        model = page.model
        qtbot.waitUntil(lambda: all(model.row_at(r).summarised
                                    for r in range(model.rowCount())), timeout=10000)
        assert model.index(0, 4).data() not in ("…", None)
    finally:
        flow.backend.close()


def test_a_locked_account_hides_everything_and_exits(qtbot: Any, db_url: str,
                                                    caplog: pytest.LogCaptureFixture) -> None:
    from interfant_desktop.ui.signing_in import SigningIn

    _lock(db_url, PHYSICIAN[0])
    controller = _signing_in_window(qtbot)
    shown: list[str] = []
    from tests.ui.conftest import answer_next_dialog

    answer_next_dialog(qtbot, lambda box: (shown.append(box.text()), box.accept()))
    flow = _run_startup(qtbot, controller, db_url, PHYSICIAN[1])
    assert flow.app.exits == [1] and flow.backend is None
    assert not controller.window.isVisible()
    assert controller.window.list_page.model.rowCount() == 0
    assert isinstance(controller.backend, SigningIn)  # never attached
    assert shown and "locked" in shown[0] and "\n" not in shown[0]


def test_an_unexpected_failure_also_fails_closed(qtbot: Any, db_url: str,
                                                 caplog: pytest.LogCaptureFixture) -> None:
    from interfant_desktop.ui.app import _Startup

    controller = _signing_in_window(qtbot)
    flow = _Startup(_App(), controller, exit_when_ready=True)  # type: ignore[arg-type]
    import logging

    with caplog.at_level(logging.ERROR, logger="interfant_desktop.ui"):
        flow.fail(sqlite3.OperationalError("attempt to write a readonly database"))
    assert flow.app.exits == [1] and not controller.window.isVisible()
    assert "start-up failed" in caplog.text  # the traceback goes to the log only


def test_fully_usable_needs_the_list_painted_and_the_code_loaded(
        qtbot: Any, capsys: pytest.CaptureFixture[str]) -> None:
    from interfant_desktop.ui.app import _Startup

    controller = _signing_in_window(qtbot)
    flow = _Startup(_App(), controller, exit_when_ready=True)  # type: ignore[arg-type]
    flow.painted()
    assert not flow.finished and "fully loaded" not in capsys.readouterr().out
    flow.loaded()
    assert flow.finished and "fully loaded" in capsys.readouterr().out
    qtbot.waitUntil(lambda: flow.app.exits == [0], timeout=2000)


def test_a_failed_sign_in_still_lets_the_code_loader_go_on(db_url: str) -> None:
    """The second start-up worker waits for the first one's imports; a refusal must not
    leave it waiting for ever."""
    import threading

    from interfant_desktop.services.errors import AuthenticationError
    from interfant_desktop.ui.app import start_session

    imported = threading.Event()
    with pytest.raises(AuthenticationError):
        start_session(db_url, PHYSICIAN[0], "wrong password", False, imported)
    assert imported.is_set()


# --- the real start-up (separate processes) -----------------------------------------------

_SIGN_IN_ONLY = """
import sys
from interfant_desktop.services import auth, db_login  # what start_session imports first
store = db_login.open_door(sys.argv[1])
auth.sign_in(store, sys.argv[2], sys.argv[3])
store.close()
print(sorted(m for m in sys.modules if m.startswith("interfant_desktop.protocol.")))
"""


def test_the_sign_in_loads_the_engine_s_text_rule_only(db_url: str) -> None:
    """The start-up's sign-in (opening the store, the password, the session) needs of the
    engine only its text rule; the engine loads on the second worker meanwhile (issue 10:
    it was ~40 ms on the sign-in's path)."""
    result = subprocess.run([sys.executable, "-c", _SIGN_IN_ONLY, db_url, *PHYSICIAN], cwd=REPO,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "['interfant_desktop.protocol.text_rule']", result.stdout


def _start_app(db_url: str, password: str, timeout: float = 120
               ) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, INTERFANT_PASSWORD=password, QT_QPA_PLATFORM="offscreen")
    return subprocess.run([sys.executable, "-m", "interfant_desktop", "--db", db_url, "--user",
                           PHYSICIAN[0], "--exit-when-ready"], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=timeout)


def _stamps(stdout: str) -> dict[str, float]:
    found = {}
    for line in stdout.splitlines():
        if "timing: " in line:
            what, _, when = line.split("timing: ", 1)[1].rpartition(" at ")
            found[what] = float(when)
    return found


def test_the_window_is_shown_before_the_list_is_filled(db_url: str) -> None:
    result = _start_app(db_url, PHYSICIAN[1])
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert any("ready, 15 patient rows shown with study ID, name and hospital number" in line
               for line in lines)
    assert any("fully loaded, sign-in confirmed by the services" in line for line in lines)
    stamps = _stamps(result.stdout)
    assert stamps["window shown"] <= stamps["list painted"]


def test_wrong_password_is_counted_and_exits_with_one_line(db_url: str) -> None:
    result = _start_app(db_url, "wrong password")
    assert result.returncode == 1
    assert result.stderr.strip().splitlines()[-1].endswith("wrong user name or password")
    assert "ready," not in result.stdout
    assert _account(db_url, PHYSICIAN[0]) == (1, 0)
    with sqlite3.connect(_path(db_url)) as conn:
        assert conn.execute("SELECT count(*) FROM audit_events WHERE action = 'sign_in_failed'"
                            ).fetchone()[0] == 1


def test_a_read_only_database_fails_closed_and_exits(db_url: str) -> None:
    """Issue 15, item 6: the real sign-in cannot record itself on a read-only database;
    no patient row is shown, one line says why, ``--exit-when-ready`` exits 1."""
    read_only = f"sqlite:///file:{_path(db_url)}?mode=ro&uri=true"
    result = _start_app(read_only, PHYSICIAN[1], timeout=60)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "ready," not in result.stdout and "rows from the store" not in result.stdout
    problems = [line for line in result.stderr.splitlines()
                if line.strip() and "propagateSizeHints" not in line]
    assert len(problems) == 1, problems
    assert problems[0].startswith("interfant-desktop: ") and "Traceback" not in result.stderr


_HANGING = """
import sys, threading
from interfant_desktop.ui import app

app.READY_TIMEOUT_S = 2.0
app.start_session = lambda *args: threading.Event().wait()  # a server that never answers
from interfant_desktop.cli import main
sys.exit(main(sys.argv[1:]))
"""


def test_exit_when_ready_always_exits_even_when_the_database_hangs(db_url: str) -> None:
    env = dict(os.environ, INTERFANT_PASSWORD=PHYSICIAN[1], QT_QPA_PLATFORM="offscreen")
    result = subprocess.run([sys.executable, "-c", _HANGING, "--db", db_url, "--user",
                             PHYSICIAN[0], "--exit-when-ready"], cwd=REPO, env=env,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert "not ready after 2 s" in result.stderr and "ready," not in result.stdout


_COLLECTION_AT_QT = """
import gc, sys

class Spy:
    def find_spec(self, name, path=None, target=None):
        if name == "PySide6.QtWidgets":
            print("automatic collection while Qt loads:", gc.isenabled(), flush=True)
        return None

sys.meta_path.insert(0, Spy())
from interfant_desktop.cli import main
sys.exit(main(sys.argv[1:]))
"""


def test_no_automatic_collection_while_the_gui_code_loads(db_url: str) -> None:
    """Python's automatic collection is off before Qt and the window's code load (the
    GUI thread's collector takes over once the application exists)."""
    env = dict(os.environ, INTERFANT_PASSWORD=PHYSICIAN[1], QT_QPA_PLATFORM="offscreen")
    result = subprocess.run([sys.executable, "-c", _COLLECTION_AT_QT, "--db", db_url, "--user",
                             PHYSICIAN[0], "--exit-when-ready"], cwd=REPO, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "automatic collection while Qt loads: False" in result.stdout, result.stdout
    assert "fully loaded" in result.stdout


#: What the signed-in window does not need until it is used: printing and its PDF
#: preview (reportlab, QtPdf, QtPrintSupport, the order sheet's layout; the order sheet's
#: data types, built when an order is started or printed), migrations
#: (Alembic: the schema at head is one plain revision read), exports (lxml, the FHIR
#: and ODM writers), backups, the workspace's pages (built when a patient is opened),
#: the order and infusion dialogs, and the sign-in dialog (``--user`` signs in without it).
#: A module or package named here, or anything inside it, must not be loaded at start-up.
HEAVY_AT_START = (
    "reportlab", "qrcode", "alembic", "mako", "lxml", "PIL", "fhir", "pypdf", "pdfplumber",
    "PySide6.QtPdf", "PySide6.QtPdfWidgets", "PySide6.QtPrintSupport", "PySide6.QtCharts",
    "PySide6.QtSvg", "PySide6.QtNetwork",
    "interfant_desktop.orders.render", "interfant_desktop.orders.layout",
    "interfant_desktop.orders.fonts", "interfant_desktop.orders.bag_pages",
    "interfant_desktop.orders.treatment_summary", "interfant_desktop.store.migrations",
    "interfant_desktop.exports.fhir", "interfant_desktop.exports.odm",
    "interfant_desktop.exports.csv_tables", "interfant_desktop.services.backup",
    "interfant_desktop.orders.model", "interfant_desktop.services.order_sheet",
    "interfant_desktop.services.trial_export", "interfant_desktop.ui.orders",
    "interfant_desktop.ui.infusion", "interfant_desktop.ui.pages.orders_page",
    "interfant_desktop.ui.pages.diagnosis_page", "interfant_desktop.ui.pages.eligibility_page",
    "interfant_desktop.ui.pages.history_page", "interfant_desktop.ui.pages.roadmap_page",
    "interfant_desktop.ui.widgets.mrd_chart", "interfant_desktop.ui.dialogs.sign_in_dialog",
    "interfant_desktop.ui.dialogs.export_dialog", "interfant_desktop.ui.dialogs.users_dialog",
)
_HEAVY = f"""
import atexit, sys
heavy = {HEAVY_AT_START!r}
atexit.register(lambda: print("heavy modules loaded:", sorted(
    m for m in sys.modules if any(m == h or m.startswith(h + ".") for h in heavy)), flush=True))
from interfant_desktop.cli import main
sys.exit(main(sys.argv[1:]))
"""


def test_start_up_loads_no_printing_migration_or_export_code(db_url: str) -> None:
    """Fully usable (list shown, a patient can be opened) without the modules of
    :data:`HEAVY_AT_START`: they load on first use."""
    env = dict(os.environ, INTERFANT_PASSWORD=PHYSICIAN[1], QT_QPA_PLATFORM="offscreen")
    result = subprocess.run([sys.executable, "-c", _HEAVY, "--db", db_url, "--user",
                             PHYSICIAN[0], "--exit-when-ready"], cwd=REPO, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "fully loaded" in result.stdout
    assert "heavy modules loaded: []" in result.stdout, result.stdout


def test_the_heavy_module_check_can_fail(db_url: str) -> None:
    """The check above sees a heavy module that the start-up does load (here made to)."""
    env = dict(os.environ, INTERFANT_PASSWORD=PHYSICIAN[1], QT_QPA_PLATFORM="offscreen")
    loads_one = _HEAVY.replace("from interfant_desktop.cli import main",
                               "import interfant_desktop.ui.shell\n"
                               "import interfant_desktop.ui.dialogs.sign_in_dialog\n"
                               "from interfant_desktop.cli import main")
    result = subprocess.run([sys.executable, "-c", loads_one, "--db", db_url, "--user",
                             PHYSICIAN[0], "--exit-when-ready"], cwd=REPO, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "heavy modules loaded: ['interfant_desktop.ui.dialogs.sign_in_dialog']" in \
        result.stdout, result.stdout


def test_an_older_schema_is_migrated_on_the_same_path(db_url: str) -> None:
    from alembic import command

    from interfant_desktop.store.db import make_engine
    from interfant_desktop.store.migrate import alembic_config, database_revision
    from interfant_desktop.store.revision import HEAD_REVISION

    engine = make_engine(db_url)
    try:  # as an earlier version of the app left it
        with engine.begin() as conn:
            command.downgrade(alembic_config(conn), "0001")
        assert database_revision(engine) == "0001"
    finally:
        engine.dispose()
    result = _start_app(db_url, PHYSICIAN[1])
    assert result.returncode == 0, result.stderr
    with sqlite3.connect(_path(db_url)) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == \
            HEAD_REVISION


def test_the_input_filters_watch_once_the_window_is_fully_usable(qtbot: Any) -> None:
    """While signing in nobody is signed in and the window allows nothing: the idle lock
    and the wheel guard start watching the input once it is fully usable."""
    from PySide6.QtCore import Qt

    from interfant_desktop.ui.app import _Startup
    from interfant_desktop.ui.shell import AppController, make_application
    from interfant_desktop.ui.signing_in import SigningIn

    controller = AppController(make_application(), SigningIn(PHYSICIAN[0]), training=False,
                               watch_input=False)
    qtbot.addWidget(controller.window)
    controller.window.show()
    idle, search = controller.idle.timer, controller.window.list_page.search

    def typing_restarts_the_idle_count() -> bool:
        idle.stop()
        qtbot.keyClick(search, Qt.Key.Key_A)
        return idle.isActive()

    flow = _Startup(_App(), controller, exit_when_ready=False)  # type: ignore[arg-type]
    flow.painted()
    assert not typing_restarts_the_idle_count()
    flow.loaded()  # fully usable
    assert typing_restarts_the_idle_count()
