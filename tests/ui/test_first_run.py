"""First run: a database without accounts asks for its first administrator, not a sign-in."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QDialog, QLabel, QWidget

from interfant_desktop.ui.app import make_application, sign_in_interactively
from interfant_desktop.ui.backend import UiBackend, UserFacingError
from interfant_desktop.ui.dialogs.first_run_dialog import FirstRunDialog
from interfant_desktop.ui.dialogs.sign_in_dialog import SignInDialog
from interfant_desktop.ui.main_window import MainWindow
from tests.ui.conftest import on_dialog

ADMIN = ("it.zoe", "Zoë Fictitious-Admin", "first-admin-pass")


@pytest.fixture
def empty_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'new-workstation.sqlite'}"


@pytest.fixture
def empty_backend(empty_url: str) -> Iterator[UiBackend]:
    make_application()
    backend = UiBackend.open(empty_url)
    yield backend
    backend.close()


def fill(dialog: FirstRunDialog, username: str, full_name: str, password: str,
         repeat: str) -> None:
    dialog.username.setText(username)
    dialog.full_name.setText(full_name)  # setText: non-ASCII names
    dialog.new_password.setText(password)
    dialog.repeat_password.setText(repeat)


def answer_dialog_of(kind: type[QWidget], choose: Callable[[Any], None]) -> list[QWidget]:
    """Act on the next modal dialog of class ``kind`` once it is open (left open after)."""
    return on_dialog(kind, choose, close_after=False)


def test_first_run_creates_the_administrator_and_lands_signed_in(
        qtbot: Any, empty_backend: UiBackend, empty_url: str) -> None:
    assert not empty_backend.has_any_user()
    texts: list[str] = []

    def create(dialog: FirstRunDialog) -> None:
        texts.extend(label.text() for label in dialog.findChildren(QLabel))
        fill(dialog, ADMIN[0], ADMIN[1], ADMIN[2], ADMIN[2])
        dialog.ok_button.click()

    seen = answer_dialog_of(FirstRunDialog, create)
    assert sign_in_interactively(empty_backend) is True
    assert len(seen) == 1  # the first-run dialog, and no sign-in dialog after it
    assert any(empty_backend.describe() in text for text in texts)  # where the database is
    assert empty_backend.user is not None
    assert (empty_backend.user.username, empty_backend.user.role,
            empty_backend.user.full_name) == (ADMIN[0], "administrator", ADMIN[1])
    assert empty_backend.has_any_user()

    # Stored through the services: another workstation signs in with it.
    other = UiBackend.open(empty_url)
    try:
        assert other.sign_in(ADMIN[0], ADMIN[2]).role == "administrator"
    finally:
        other.close()

    # The main window opens signed in, with the administrator's "Users…".
    window = MainWindow(empty_backend)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.list_shown, timeout=5000):
        window.show()
    assert ADMIN[1] in window.user_label.text()
    assert window.users_button.isVisible()


def test_weak_password_and_mismatch_are_refused_beside_the_field(
        qtbot: Any, empty_backend: UiBackend) -> None:
    dialog = FirstRunDialog(empty_backend)
    qtbot.addWidget(dialog)
    dialog.show()
    assert "8 characters" in dialog.rules.text()

    fill(dialog, ADMIN[0], ADMIN[1], "short", "short")
    dialog.ok_button.click()
    assert dialog.errors["password"].isVisible()
    assert "at least 8 characters" in dialog.errors["password"].text()
    assert not dialog.errors["repeat"].isVisible()
    assert dialog.result() != QDialog.DialogCode.Accepted and dialog.isVisible()
    assert not empty_backend.has_any_user()

    fill(dialog, ADMIN[0], ADMIN[1], "long-enough-1", "long-enough-2")
    assert dialog.rules.text().startswith("✔")  # the rule is met as it is typed
    dialog.ok_button.click()
    assert dialog.errors["repeat"].isVisible()
    assert "differ" in dialog.errors["repeat"].text()
    assert not dialog.errors["password"].isVisible()
    assert dialog.repeat_password.text() == ""
    assert not empty_backend.has_any_user() and empty_backend.user is None

    # The services' user-name rule is shown beside the user name.
    fill(dialog, "two words", ADMIN[1], "long-enough-1", "long-enough-1")
    dialog.ok_button.click()
    assert dialog.errors["username"].isVisible()
    assert "without spaces" in dialog.errors["username"].text()
    assert not empty_backend.has_any_user()


def test_not_shown_when_the_database_has_users(qtbot: Any, db_url: str) -> None:
    make_application()
    backend = UiBackend.open(db_url)
    try:
        assert backend.has_any_user()

        def cancel(dialog: SignInDialog) -> None:
            dialog.reject()

        seen = answer_dialog_of(QDialog, cancel)
        assert sign_in_interactively(backend) is False
        assert len(seen) == 1 and isinstance(seen[0], SignInDialog)
        # The service itself refuses a second "first" administrator.
        with pytest.raises(UserFacingError, match="already has users"):
            backend.create_first_administrator("intruder", "intruder-pass", "Fictitious")
        assert backend.user is None
    finally:
        backend.close()


def test_a_workstation_that_set_up_meanwhile_sends_to_sign_in(
        qtbot: Any, empty_backend: UiBackend, empty_url: str) -> None:
    signed: list[str] = []

    def race(dialog: FirstRunDialog) -> None:
        fill(dialog, ADMIN[0], ADMIN[1], ADMIN[2], ADMIN[2])
        other = UiBackend.open(empty_url)  # another workstation, faster
        other.create_first_administrator("it.other", "other-admin-pass", "Other Fictitious")
        other.close()
        answer_dialog_of(SignInDialog, sign_in)
        dialog.ok_button.click()

    def sign_in(dialog: SignInDialog) -> None:
        signed.append(dialog.problem.text())
        dialog.username.setText("it.other")
        dialog.password.setText("other-admin-pass")
        dialog.accept()

    answer_dialog_of(FirstRunDialog, race)
    assert sign_in_interactively(empty_backend) is True
    assert signed and "another workstation" in signed[0]
    assert empty_backend.user is not None and empty_backend.user.username == "it.other"
    # Only the other workstation's administrator exists; ours was refused cleanly.
    assert [u.username for u in empty_backend.list_users()] == ["it.other"]


def test_cancel_quits_without_creating_anything(qtbot: Any, empty_backend: UiBackend) -> None:
    answer_dialog_of(FirstRunDialog, lambda dialog: dialog.reject())
    assert sign_in_interactively(empty_backend) is False
    assert not empty_backend.has_any_user() and empty_backend.user is None
