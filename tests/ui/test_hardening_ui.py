"""Issue 15 in the window: the header warns administrators of a site with one
administrator (item 1); the crash dialog asks before it shows the report, which holds
no patient data (item 9); the first run refuses the user name as password (item 10)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QMessageBox

from interfant_desktop.ui.app import make_application
from interfant_desktop.ui.backend import UiBackend
from interfant_desktop.ui.crash import CrashHandler
from interfant_desktop.ui.dialogs.first_run_dialog import FirstRunDialog
from tests.ui.conftest import add_user_with_own_password, answer_next_dialog, click_message_button
from tests.ui.test_first_run import fill

STUDY_ID, WEIGHT = "TRN-07", 4.2


def test_the_header_warns_the_only_administrator(window: Any) -> None:
    assert not window.admin_warning.isVisible()  # the physician: no warning
    backend = window.backend
    backend.sign_in("admin", "admin-pass-1")
    window.refresh_user()
    assert window.admin_warning.isVisible()
    assert "Only 1 active administrator" in window.admin_warning.text()
    assert "break-glass" in window.admin_warning.toolTip()
    add_user_with_own_password(backend, "second.admin", "administrator", "second-admin-pass-4",
                               "Second", "admin-pass-1")
    backend.sign_in("admin", "admin-pass-1")
    window.refresh_user()
    assert not window.admin_warning.isVisible()


def _crash(handler: CrashHandler) -> None:
    try:
        raise ValueError(f"weight {WEIGHT} kg refused for {STUDY_ID!r}")
    except ValueError as exc:
        handler(type(exc), exc, exc.__traceback__)


def test_the_crash_report_has_no_patient_data_and_is_shown_only_when_asked(
        qtbot: Any, tmp_path: Path, fail_on_logging: Any) -> None:
    fail_on_logging.expect("unexpected error")  # the crash handler logs the crash it reports
    make_application()
    handler = CrashHandler(lambda: {"user": "dr.vos", "patient": STUDY_ID})
    seen = answer_next_dialog(qtbot, lambda box: (
        _check_crash_box(box), click_message_button("Show the report")(box)))
    asked: list[Any] = []

    def refuse_then_look(box: Any) -> None:
        asked.append(box.text())
        click_message_button("No")(box)

    # The crash dialog, then the question; "No" shows nothing.
    from PySide6.QtCore import QTimer

    QTimer.singleShot(0, lambda: answer_next_dialog(qtbot, refuse_then_look))
    _crash(handler)
    assert seen and asked and "read it before you send it" in asked[0]
    report = handler.last_report
    assert STUDY_ID not in report and "4.2" not in report
    assert "patient: (one open; not recorded)" in report and "user: dr.vos" in report
    assert "weight <n> kg refused for" in report
    # Asking again and answering "Yes" shows the (scrubbed) report.
    shown = answer_next_dialog(qtbot, click_message_button("Yes"))
    closed: list[tuple[str, str]] = []

    def read_and_close(box: Any) -> None:
        closed.append((box.objectName(), box.detailedText()))
        box.accept()

    QTimer.singleShot(0, lambda: answer_next_dialog(qtbot, read_and_close))
    assert handler.offer_report()
    assert shown and closed == [("CrashReport", report)]


def _check_crash_box(box: Any) -> None:
    assert isinstance(box, QMessageBox) and box.objectName() == "CrashDialog"
    assert box.detailedText() == ""  # nothing of the report before the user asks
    assert STUDY_ID not in box.text() and "4.2" not in box.text()


def test_first_run_refuses_the_user_name_as_password(qtbot: Any, tmp_path: Path) -> None:
    make_application()
    backend = UiBackend.open(f"sqlite:///{tmp_path / 'new.sqlite'}")
    try:
        dialog = FirstRunDialog(backend)
        qtbot.addWidget(dialog)
        dialog.show()
        fill(dialog, "password", "Fictitious Admin", "password", "password")
        dialog.ok_button.click()
        assert dialog.errors["password"].isVisible()
        assert "must not be the user name" in dialog.errors["password"].text()
        fill(dialog, "it.zoe", "Fictitious Admin", "iloveyou", "iloveyou")
        dialog.ok_button.click()
        assert "most common" in dialog.errors["password"].text()
        assert not backend.has_any_user()
    finally:
        backend.close()


def test_a_damaged_database_at_start_up_says_so_in_one_line(db_url: str) -> None:
    """Issue 15, item 7, in the app: "the database file is damaged; restore the last
    backup", not an unexpected error, and nothing of the damaged cells."""
    import os
    import subprocess
    import sys

    from interfant_desktop.store.integrity import DAMAGED_MESSAGE
    from tests.conftest import REPO
    from tests.services.test_cli_hardening import damage_the_page_holding
    from tests.ui.conftest import PHYSICIAN

    name = "Ελένη Παπαδοπούλου"  # a training patient's
    damage_the_page_holding(Path(db_url.removeprefix("sqlite:///")), name.encode("utf-8"))
    env = dict(os.environ, INTERFANT_PASSWORD=PHYSICIAN[1], QT_QPA_PLATFORM="offscreen")
    result = subprocess.run([sys.executable, "-m", "interfant_desktop", "--db", db_url, "--user",
                             PHYSICIAN[0], "--exit-when-ready"], cwd=REPO, env=env,
                            capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert result.returncode == 1
    lines = [line for line in result.stderr.splitlines() if "propagateSizeHints" not in line]
    assert lines == [f"interfant-desktop: {DAMAGED_MESSAGE}"], result.stderr
    assert "ready," not in result.stdout and name not in result.stdout + result.stderr


def test_damage_met_while_the_app_runs_is_named_as_such(qtbot: Any, fail_on_logging: Any) -> None:
    """A read that meets a damaged page under a running app: the dialog says "the
    database file is damaged; restore the last backup", not the database's own words
    (which can quote the damaged cells)."""
    import sqlite3

    from sqlalchemy.exc import DatabaseError

    from interfant_desktop.store.integrity import DAMAGED_MESSAGE

    fail_on_logging.expect("unexpected error")
    make_application()
    handler = CrashHandler(lambda: {"user": "dr.vos", "patient": STUDY_ID})
    texts: list[str] = []
    answer_next_dialog(qtbot, lambda box: (texts.append(box.text()),
                                           click_message_button("Continue")(box)))
    damaged = DatabaseError("SELECT name FROM patients WHERE study_id = 'TRN-07'", None,
                            sqlite3.DatabaseError("database disk image is malformed"))
    try:
        raise damaged
    except DatabaseError as exc:
        handler(type(exc), exc, exc.__traceback__)
    assert texts and DAMAGED_MESSAGE in texts[0] and STUDY_ID not in texts[0]
    # Any other error keeps its (scrubbed) summary.
    answer_next_dialog(qtbot, lambda box: (texts.append(box.text()),
                                           click_message_button("Continue")(box)))
    _crash(handler)
    assert DAMAGED_MESSAGE not in texts[1] and "ValueError" in texts[1]


def test_the_crash_log_of_the_last_run_is_shown_only_when_asked(
        qtbot: Any, tmp_path: Path, monkeypatch: Any) -> None:
    """At the next start: the offer says a crash happened; the log (values taken out) is
    shown only after "Show the report" and a "Yes" to reading it before sending it."""
    import os
    import subprocess
    import sys

    from PySide6.QtCore import QTimer

    from interfant_desktop.logging_setup import pending_crash_report
    from interfant_desktop.ui.shell import offer_crash_report

    code = ("from interfant_desktop.logging_setup import setup_logging\n"
            "setup_logging()\n"
            f"raise ValueError('study ID {STUDY_ID}: weight {WEIGHT} kg')\n")
    monkeypatch.setenv("INTERFANT_DATA_DIR", str(tmp_path))
    subprocess.run([sys.executable, "-c", code], env=dict(os.environ), capture_output=True,
                   timeout=120)
    assert pending_crash_report() is not None
    make_application()
    seen: list[tuple[str, str, str]] = []

    def record(box: Any) -> None:
        seen.append((box.objectName(), box.text(), box.detailedText()))

    def answer_yes_then_read(box: Any) -> None:
        seen.append(("question", box.text(), ""))
        QTimer.singleShot(0, lambda: answer_next_dialog(qtbot, lambda report: (
            record(report), report.accept())))
        click_message_button("Yes")(box)

    def first(box: Any) -> None:
        record(box)
        if not any("Show the report" in b.text() for b in box.buttons()):
            box.reject()  # (the assertions below say what is missing; no hanging dialog)
            return
        QTimer.singleShot(0, lambda: answer_next_dialog(qtbot, answer_yes_then_read))
        click_message_button("Show the report")(box)

    answer_next_dialog(qtbot, first)
    offer_crash_report()
    assert [name for name, _, _ in seen] == ["LastCrash", "question", "CrashReport"]
    assert seen[0][2] == "" and STUDY_ID not in seen[0][1]  # nothing before asking
    assert "read it before you send it" in seen[1][1]
    report = seen[2][2]
    assert "ValueError: study ID" in report and "weight" in report
    assert STUDY_ID not in report and str(WEIGHT) not in report
    assert pending_crash_report() is None  # offered once
