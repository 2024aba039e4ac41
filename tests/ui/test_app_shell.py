"""The shell: sign-in, idle lock, training banner, crash handling, --exit-when-ready."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QDialog

from interfant_desktop.ui.crash import CrashHandler
from interfant_desktop.ui.dialogs.sign_in_dialog import SignInDialog
from interfant_desktop.ui.idle_lock import IdleLock
from interfant_desktop.ui.main_window import MainWindow
from tests.ui.conftest import PHYSICIAN

REPO = Path(__file__).resolve().parents[2]


def test_sign_in_refuses_a_wrong_password_then_accepts(qtbot: Any, backend: Any) -> None:
    backend.sign_out()
    dialog = SignInDialog(backend)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.username, PHYSICIAN[0])
    qtbot.keyClicks(dialog.password, "wrong-password")
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "refused" in dialog.problem.text()
    assert dialog.password.text() == ""
    qtbot.keyClicks(dialog.password, PHYSICIAN[1])
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert backend.user.username == PHYSICIAN[0]


def test_user_and_role_shown_and_training_banner(qtbot: Any, backend: Any) -> None:
    window = MainWindow(backend, training=True)
    qtbot.addWidget(window)
    window.show()
    assert "Dr Fictitious Vos" in window.user_label.text()
    assert "physician" in window.user_label.text()
    assert window.training_banner is not None and window.training_banner.isVisible()
    assert "TRAINING" in window.windowTitle()


def test_the_header_buttons_say_what_they_do_and_lock_asks_for_the_lock(
        qtbot: Any, backend: Any) -> None:
    window = MainWindow(backend)
    qtbot.addWidget(window)
    window.show()
    assert [b.accessibleName() for b in (window.users_button, window.export_button,
                                         window.password_button, window.lock_button)] == [
        "Manage the user accounts", "File: export trial data (ODM, FHIR, CSV)",
        "Change my password", "Lock the screen now"]
    with qtbot.waitSignal(window.lock_requested, timeout=2000):
        window.lock_button.click()


def test_idle_lock_fires_after_inactivity(qtbot: Any) -> None:
    lock = IdleLock(minutes=0.001)  # 60 ms
    with qtbot.waitSignal(lock.idle, timeout=2000):
        pass
    assert lock.timer.interval() == 60
    assert IdleLock().timer.interval() == 15 * 60_000


def test_crash_handler_logs_with_context(caplog: pytest.LogCaptureFixture) -> None:
    handler = CrashHandler(lambda: {"user": "dr.vos", "patient": "TRN-07"}, interactive=False)
    try:
        raise RuntimeError("fictitious failure")
    except RuntimeError as exc:
        with caplog.at_level(logging.ERROR, logger="interfant_desktop.ui"):
            handler(type(exc), exc, exc.__traceback__)
    text = caplog.text
    assert "fictitious failure" in text and "user: dr.vos" in text
    # Whether a patient was open, not which (issue 15: no patient data in crash reports).
    assert "TRN-07" not in text and "patient: (one open; not recorded)" in text


@pytest.mark.parametrize("scale", ["1", "2"])
def test_exit_when_ready_in_a_real_process(tmp_path: Path, scale: str) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", INTERFANT_DATA_DIR=str(tmp_path),
               QT_SCALE_FACTOR=scale)
    result = subprocess.run([sys.executable, "-m", "interfant_desktop", "--demo",
                             "--exit-when-ready"], cwd=REPO, env=env, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "patient rows shown with study ID, name and hospital number" in result.stdout
    unexpected = [line for line in result.stderr.splitlines()
                  if line.strip() and "propagateSizeHints" not in line]
    assert not unexpected, unexpected


def test_user_flag_without_password_cannot_exit_when_ready(tmp_path: Path, db_url: str) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", INTERFANT_DATA_DIR=str(tmp_path))
    env.pop("INTERFANT_PASSWORD", None)
    result = subprocess.run([sys.executable, "-m", "interfant_desktop", "--db", db_url,
                             "--exit-when-ready"], cwd=REPO, env=env, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 1
    env["INTERFANT_PASSWORD"] = PHYSICIAN[1]
    result = subprocess.run([sys.executable, "-m", "interfant_desktop", "--db", db_url,
                             "--user", PHYSICIAN[0], "--exit-when-ready"], cwd=REPO, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr


def test_translations_load_and_cover_the_window(qapp: Any) -> None:
    from PySide6.QtCore import QCoreApplication, QLocale

    from interfant_desktop.ui.i18n import install_translations

    installed = install_translations(qapp, QLocale(QLocale.Language.English))
    try:
        assert installed, "interfant_en.qm was not found"
        assert installed[0].translate("MainWindow", "Find patient") == "Find patient"
        assert installed[0].translate("EligibilityPage", "Down syndrome?") == "Down syndrome?"
        assert QCoreApplication.translate("CrashHandler", "&Continue") == "&Continue"
    finally:
        for translator in installed:
            qapp.removeTranslator(translator)


def test_crash_dialog_offers_continue(qtbot: Any, caplog: pytest.LogCaptureFixture) -> None:
    from tests.ui.conftest import answer_next_dialog, click_message_button

    handler = CrashHandler(lambda: {"patient": "TRN-01"})
    shown = answer_next_dialog(qtbot, click_message_button("Continue"))
    try:
        raise ValueError("fictitious failure in a slot")
    except ValueError as exc:
        with caplog.at_level(logging.ERROR, logger="interfant_desktop.ui"):
            handler(type(exc), exc, exc.__traceback__)
    assert shown and shown[0].objectName() == "CrashDialog"
    assert "fictitious failure" in shown[0].text()
    assert not handler.showing


def test_lock_hides_the_window_and_the_same_user_unlocks(qtbot: Any, backend: Any) -> None:
    from interfant_desktop.ui.shell import AppController, make_application
    from tests.ui.conftest import answer_next_dialog

    controller = AppController(make_application(), backend, training=False)
    qtbot.addWidget(controller.window)
    controller.window.show()
    open_dialog = QDialog(controller.window)
    open_dialog.show()  # e.g. a review dialog left open when the clinician walked away
    seen: list[Any] = []

    def unlock(dialog: Any) -> None:
        assert isinstance(dialog, SignInDialog)
        seen.append((dialog.username.text(), dialog.username.isReadOnly(),
                     controller.window.isVisible() or open_dialog.isVisible(), backend.user))
        dialog.password.setText(PHYSICIAN[1])
        dialog.accept()

    answer_next_dialog(qtbot, unlock)
    controller.idle.idle.emit()  # as after 15 minutes without input
    assert seen == [(PHYSICIAN[0], True, False, None)]  # locked: hidden, signed out
    assert controller.window.isVisible() and not controller.locked
    assert backend.user.username == PHYSICIAN[0]
    assert controller.idle.timer.isActive()
