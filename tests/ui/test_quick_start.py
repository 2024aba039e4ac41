"""Quick start: the first page before SQLAlchemy is loaded, and every way back to the
normal path (services.quick_start, the window's swap to the store-backed list)."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

from interfant_desktop.services.quick_start import QuickStart, quick_start, sqlite_file
from tests.conftest import REPO
from tests.ui.conftest import PHYSICIAN, answer_next_dialog


def _path(db_url: str) -> Path:
    return Path(db_url.removeprefix("sqlite:///"))


def _search_rows(db_url: str, limit: int) -> list[tuple[Any, ...]]:
    from interfant_desktop.services import auth, patients
    from interfant_desktop.services.store_access import open_store

    store = open_store(db_url)
    try:
        user = auth.sign_in(store, *PHYSICIAN)
        page = patients.search_patients(store, user, "", 0, limit)
        return [(r.study_id, r.name, r.hospital_number, r.date_of_birth, r.diagnosis_date,
                 r.version) for r in page.rows]
    finally:
        store.close()


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


# --- the service --------------------------------------------------------------------------

@pytest.mark.parametrize("limit", [1, 3, 100])
def test_quick_page_equals_the_first_page_of_search_patients(db_url: str, limit: int) -> None:
    start = quick_start(db_url, *PHYSICIAN, limit=limit)
    assert start is not None
    assert (start.user.username, start.user.role) == (PHYSICIAN[0], "physician")
    quick = [(r.study_id, r.name, r.hospital_number, r.date_of_birth, r.diagnosis_date,
              r.version) for r in start.rows]
    assert quick == _search_rows(db_url, limit)
    assert quick


def test_quick_start_writes_nothing(db_url: str) -> None:
    before = _path(db_url).read_bytes()
    assert quick_start(db_url, *PHYSICIAN) is not None
    assert _path(db_url).read_bytes() == before


def test_wrong_password_unknown_user_inactive_or_locked_give_no_answer(db_url: str) -> None:
    assert quick_start(db_url, PHYSICIAN[0], "wrong password") is None
    assert quick_start(db_url, "nobody.here", PHYSICIAN[1]) is None
    with sqlite3.connect(_path(db_url)) as conn:
        conn.execute("UPDATE users SET active = 0 WHERE username = 'nurse.kim'")
    assert quick_start(db_url, "nurse.kim", "nurse-pass-123") is None
    # Nothing was counted by the quick start: only the services count failures.
    assert _account(db_url, PHYSICIAN[0]) == (0, 0)
    _lock(db_url, PHYSICIAN[0])
    assert _account(db_url, PHYSICIAN[0]) == (5, 1)
    assert quick_start(db_url, *PHYSICIAN) is None


def test_other_schema_revision_or_database_gives_no_answer(db_url: str, tmp_path: Path) -> None:
    with sqlite3.connect(_path(db_url)) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0001'")
    assert quick_start(db_url, *PHYSICIAN) is None
    with sqlite3.connect(_path(db_url)) as conn:
        conn.execute("DELETE FROM alembic_version")
    assert quick_start(db_url, *PHYSICIAN) is None
    assert quick_start(f"sqlite:///{tmp_path / 'missing.sqlite'}", *PHYSICIAN) is None
    assert not (tmp_path / "missing.sqlite").exists()
    assert sqlite_file("postgresql+psycopg://someone@localhost/interfant") is None
    assert sqlite_file("sqlite://") is None
    assert sqlite_file(f"{db_url}?mode=ro") is None
    not_a_database = tmp_path / "not.sqlite"
    not_a_database.write_text("hello")
    assert quick_start(f"sqlite:///{not_a_database}", *PHYSICIAN) is None


def test_default_file_and_constants_agree_with_the_store(monkeypatch: pytest.MonkeyPatch,
                                                         db_url: str, tmp_path: Path) -> None:
    from interfant_desktop.services import quick_start as module
    from interfant_desktop.store import db, migrate, revision

    assert module.DB_FILE_NAME == db.DB_FILE_NAME
    assert migrate.HEAD_REVISION == revision.HEAD_REVISION
    assert sqlite_file(None) is None  # no file yet in the isolated data folder
    default = Path(db.default_url().removeprefix("sqlite:///"))
    default.write_bytes(_path(db_url).read_bytes())
    assert sqlite_file(None) == default
    monkeypatch.setenv("INTERFANT_DB", db_url)
    assert sqlite_file(None) == _path(db_url)


# --- the window ---------------------------------------------------------------------------

def _quick_controller(qtbot: Any, db_url: str) -> tuple[Any, QuickStart]:
    from interfant_desktop.ui.patient_list_quick import QuickBackend
    from interfant_desktop.ui.shell import AppController, make_application

    start = quick_start(db_url, *PHYSICIAN)
    assert start is not None
    controller = AppController(make_application(), QuickBackend(start), training=False)
    qtbot.addWidget(controller.window)
    with qtbot.waitSignal(controller.window.list_painted, timeout=5000):
        controller.window.show()
    return controller, start


def test_quick_page_is_read_only_then_the_swap_keeps_rows_and_fills_summaries(
        qtbot: Any, db_url: str) -> None:
    from interfant_desktop.ui.backend import UiBackend

    controller, start = _quick_controller(qtbot, db_url)
    window, page = controller.window, controller.window.list_page
    model = page.model
    assert model.is_quick() and window.is_loading()
    assert [model.row_at(r).study_id for r in range(model.rowCount())] == \
        [r.study_id for r in start.rows]
    assert model.index(0, 4).data() == "…"  # summaries wait for the services
    assert not page.new_button.isEnabled() and not window.lock_button.isEnabled()
    assert page.search.isReadOnly()
    page.table.selectRow(2)
    chosen = model.row_at(2).study_id
    assert window.open_patient(chosen) is None  # waits for the full load
    assert window.workspace is None

    backend = UiBackend.open(db_url)
    try:
        backend.sign_in(*PHYSICIAN)
        controller.attach_backend(backend)
        assert not model.is_quick() and not window.is_loading()
        assert controller.backend is backend and window.backend is backend
        assert [model.row_at(r).study_id for r in range(model.rowCount())] == \
            [r.study_id for r in start.rows]
        assert page.table.selectionModel().selectedRows()[0].row() == 2
        assert page.new_button.isEnabled() and window.lock_button.isEnabled()
        assert not page.search.isReadOnly()
        # The patient asked for during the quick page opens once the services are there.
        assert window.workspace is not None and window.workspace.patient_id == chosen
        window.show_list()
        qtbot.waitUntil(lambda: all(model.row_at(r).summarised
                                    for r in range(model.rowCount())), timeout=10000)
        assert model.index(0, 4).data() not in ("…", None)
    finally:
        backend.close()


def test_account_locked_in_between_hides_the_data(qtbot: Any, db_url: str) -> None:
    from interfant_desktop.ui.app import _FullLoad
    from interfant_desktop.ui.dialogs.sign_in_dialog import SignInDialog
    from interfant_desktop.ui.patient_list_quick import QuickBackend

    controller, _start = _quick_controller(qtbot, db_url)
    window = controller.window
    assert window.list_page.model.rowCount() > 0
    _lock(db_url, PHYSICIAN[0])  # e.g. on another workstation, after the quick check
    seen: list[tuple[bool, int, str]] = []

    def refuse(dialog: Any) -> None:
        assert isinstance(dialog, SignInDialog)
        seen.append((window.isVisible(), window.list_page.model.rowCount(),
                     dialog.problem.text()))
        dialog.reject()

    answer_next_dialog(qtbot, refuse)
    exits: list[int] = []

    class App:  # the real QApplication.exit would end the event loops of later tests
        exit = exits.append

    loader = _FullLoad(App(), controller, db_url,  # type: ignore[arg-type]
                       *PHYSICIAN, exit_when_ready=False)
    loader.run()
    assert exits == [1]
    assert seen and seen[0][:2] == (False, 0)
    assert "locked" in seen[0][2]
    assert not window.isVisible() and window.list_page.model.rowCount() == 0
    assert isinstance(controller.backend, QuickBackend)  # never attached
    assert loader.backend is not None
    loader.backend.close()


# --- the real start-up (separate processes) -----------------------------------------------

_PROBE = textwrap.dedent("""
    import sys
    from interfant_desktop.ui import main_window

    original = main_window.MainWindow.__init__

    def init(self, *args, **kwargs):
        original(self, *args, **kwargs)
        self.list_shown.connect(lambda: print(
            "probe: list shown, sqlalchemy loaded:", "sqlalchemy" in sys.modules, flush=True))
        self.list_painted.connect(lambda: print(
            "probe: first paint, sqlalchemy loaded:", "sqlalchemy" in sys.modules, flush=True))

    main_window.MainWindow.__init__ = init
    from interfant_desktop.cli import main
    sys.exit(main(sys.argv[1:]))
""")


def _start_app(db_url: str, password: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, INTERFANT_PASSWORD=password, QT_QPA_PLATFORM="offscreen")
    return subprocess.run([sys.executable, "-c", _PROBE, "--db", db_url, "--user", PHYSICIAN[0],
                           "--exit-when-ready"], cwd=REPO, env=env, capture_output=True,
                          text=True, timeout=120)


def test_up_to_date_sqlite_starts_without_sqlalchemy_before_the_first_paint(db_url: str) -> None:
    result = _start_app(db_url, PHYSICIAN[1])
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "probe: list shown, sqlalchemy loaded: False" in lines
    assert "probe: first paint, sqlalchemy loaded: False" in lines
    assert any("ready," in line and "with study ID, name and hospital number" in line
               for line in lines)
    assert any("(quick first page)" in line for line in lines)
    assert any("fully loaded, sign-in confirmed by the services" in line for line in lines)


def test_wrong_password_takes_the_normal_path_and_is_counted(db_url: str) -> None:
    result = _start_app(db_url, "wrong password")
    assert result.returncode == 1
    assert "wrong user name or password" in result.stderr
    assert _account(db_url, PHYSICIAN[0]) == (1, 0)
    with sqlite3.connect(_path(db_url)) as conn:
        assert conn.execute("SELECT count(*) FROM audit_events WHERE action = 'sign_in_failed'"
                            ).fetchone()[0] == 1


def test_old_revision_takes_the_normal_path(db_url: str) -> None:
    from alembic import command

    from interfant_desktop.store.db import make_engine
    from interfant_desktop.store.migrate import alembic_config, database_revision

    engine = make_engine(db_url)
    try:  # as an earlier version of the app left it
        with engine.begin() as conn:
            command.downgrade(alembic_config(conn), "0001")
        assert database_revision(engine) == "0001"
    finally:
        engine.dispose()
    assert quick_start(db_url, *PHYSICIAN) is None
    result = _start_app(db_url, PHYSICIAN[1])
    assert result.returncode == 0, result.stderr
    assert "probe: list shown, sqlalchemy loaded: True" in result.stdout.splitlines()
    assert "(quick first page)" not in result.stdout
    assert quick_start(db_url, *PHYSICIAN) is not None  # migrated by the normal path
