"""UI test set-up: a Qt warning fails the test; fresh databases with fictitious patients.

Every test gets its own copy of a template SQLite database (built once per
session through the services: an administrator, a physician and a nurse, plus
the training patients), so tests never share state and stay fast.
"""

from __future__ import annotations

import gc
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from interfant_desktop.ui.qt_warnings import qt_warnings

#: The only Qt message that is allowed: harmless on the offscreen platform.
ALLOWED = ("This plugin does not support propagateSizeHints()",)
PHYSICIAN = ("dr.vos", "physician-pass-1")
NURSE = ("nurse.kim", "nurse-pass-123")


@pytest.fixture(autouse=True)
def fail_on_qt_warnings() -> Iterator[list[str]]:
    """Collect Qt warnings/criticals during the test and fail it if there were any."""
    with qt_warnings(ALLOWED) as messages:
        yield messages
    if messages:
        pytest.fail("Qt warnings during the test:\n" + "\n".join(messages))


@pytest.fixture(autouse=True)
def collect_garbage_on_gui_thread(qapp: Any) -> Iterator[None]:
    """As the app does (``ui/gui_gc.py``): no automatic collection on a worker thread;
    the GUI thread collects, and once more after each test, so one test's widgets never
    wait for the next."""
    from interfant_desktop.ui.gui_gc import collect_on_gui_thread

    collect_on_gui_thread(qapp)
    yield
    gc.collect()


@pytest.fixture(scope="session")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database with users and the training patients, built once."""
    from interfant_desktop.ui.backend import UiBackend
    from interfant_desktop.ui.demo_data import demo_cases, record_demo_allergies

    folder = tmp_path_factory.mktemp("template")
    path = folder / "template.sqlite"
    backend = UiBackend.open(f"sqlite:///{path}")
    backend.create_first_administrator("admin", "admin-pass-1", "Test administrator")
    backend.sign_in("admin", "admin-pass-1")
    for (name, password), role, full_name in ((PHYSICIAN, "physician", "Dr Fictitious Vos"),
                                              (NURSE, "nurse", "Nurse Fictitious Kim")):
        add_user_with_own_password(backend, name, role, password, full_name, "admin-pass-1")
        backend.sign_in("admin", "admin-pass-1")
    backend.sign_in(*PHYSICIAN)
    for case in demo_cases():
        backend.import_case(case, source="test set")
    record_demo_allergies(backend)
    backend.close()
    return path


#: the temporary password an administrator gives a new account in the tests
TEMPORARY_PASSWORD = "temporary-pass-9"


def add_user_with_own_password(backend: Any, username: str, role: str, password: str,
                               full_name: str, admin_password: str) -> None:
    """As at a site: the administrator adds the account with a temporary password, and
    the user replaces it with ``password`` at the first sign-in (signed in afterwards)."""
    backend.add_user(username, role, TEMPORARY_PASSWORD, full_name, admin_password)
    backend.change_temporary_password(username, TEMPORARY_PASSWORD, password)


@pytest.fixture
def db_url(template_db: Path, tmp_path: Path) -> str:
    """A private copy of the template database."""
    path = tmp_path / "test.sqlite"
    shutil.copy(template_db, path)
    return f"sqlite:///{path}"


@pytest.fixture
def backend(db_url: str) -> Iterator[Any]:
    """A backend signed in as the physician."""
    from interfant_desktop.ui.backend import UiBackend

    instance = UiBackend.open(db_url)
    instance.sign_in(*PHYSICIAN)
    yield instance
    instance.close()


@pytest.fixture
def window(qtbot: Any, backend: Any) -> Any:
    """The main window, shown, with the patient list loaded."""
    return show_main_window(qtbot, backend)


def show_main_window(qtbot: Any, backend: Any) -> Any:
    """The main window of ``backend``'s signed-in user, shown, with the list loaded."""
    from interfant_desktop.ui.app import make_application
    from interfant_desktop.ui.main_window import MainWindow

    make_application()
    main = MainWindow(backend)
    qtbot.addWidget(main)
    with qtbot.waitSignal(main.list_shown, timeout=5000):
        main.show()
    # The list's pages are fetched in the background: wait for the first one.
    qtbot.waitUntil(lambda: not main.list_page.model.loading(), timeout=5000)
    return main


#: Answers still waiting for their dialog; cancelled when the test that arranged them ends,
#: so a dialog of the next test is never answered by this one's chooser.
_WAITING: list[list[bool]] = []


@pytest.fixture(autouse=True)
def _cancel_unused_answers() -> Iterator[None]:
    yield
    for alive in _WAITING:
        alive[0] = False
    _WAITING.clear()


def answer_next_dialog(qtbot: Any, choose: Callable[[QWidget], None]) -> list[QWidget]:
    """Arrange for ``choose`` to act on the next modal dialog as soon as it opens (within
    this test)."""
    seen: list[QWidget] = []
    alive = [True]
    _WAITING.append(alive)

    def act() -> None:
        if not alive[0]:
            return
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, act)
            return
        alive[0] = False
        seen.append(dialog)
        choose(dialog)

    QTimer.singleShot(0, act)
    return seen


def click_message_button(text: str) -> Callable[[QWidget], None]:
    """A chooser that clicks the message-box button whose text contains ``text``."""

    def choose(dialog: QWidget) -> None:
        assert isinstance(dialog, QMessageBox), type(dialog)
        for button in dialog.buttons():
            if text in button.text().replace("&", ""):
                button.click()
                return
        raise AssertionError(f"no button {text!r} in {[b.text() for b in dialog.buttons()]}")

    return choose


PageT = TypeVar("PageT")


def open_workspace(qtbot: Any, backend: Any, study_id: str) -> Any:
    """The patient's workspace, shown, as the window opens it."""
    from interfant_desktop.ui.workspace import PatientWorkspace

    workspace = PatientWorkspace(backend, study_id)
    qtbot.addWidget(workspace)
    workspace.show()
    return workspace


def shown_page(workspace: Any, page_type: type[PageT]) -> PageT:
    """Show the workspace's page of ``page_type`` (as its tab does) and return it."""
    workspace.show_page(page_type)
    page = workspace.page(page_type)
    assert isinstance(page, page_type)
    return page


def each_page_shown(workspace: Any) -> Iterator[Any]:
    """Show each page of the workspace in turn (as its step in the list does), painted,
    and yield it."""
    for index, page in enumerate(workspace.pages):
        workspace.steps.setCurrentRow(index)
        QApplication.processEvents()
        yield page


def on_dialog(cls: type[QWidget], act: Callable[[Any], None], *,
              close_after: bool = True) -> list[QWidget]:
    """Run ``act`` on the next modal dialog of type ``cls`` once it is shown. With
    ``close_after`` the dialog is rejected afterwards, also if ``act`` fails (so a failing
    test never hangs in ``exec``), unless it set ``keep_open``."""
    seen: list[QWidget] = []

    def poll() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, cls) or not dialog.isVisible():
            QTimer.singleShot(20, poll)
            return
        seen.append(dialog)
        try:
            act(dialog)
        finally:
            if close_after and dialog.isVisible() and getattr(dialog, "keep_open", False) is False:
                dialog.reject()  # type: ignore[attr-defined]

    QTimer.singleShot(0, poll)
    return seen
