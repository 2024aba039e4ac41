"""File → Export as a data manager would use it: the whole training site exported with a
progress bar, pseudonymised by default; the button only for data managers and
administrators."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMenu

from interfant_desktop.services.trial_export import ExportFormat
from interfant_desktop.ui.app import make_application
from interfant_desktop.ui.backend import UiBackend
from interfant_desktop.ui.demo_data import demo_cases
from interfant_desktop.ui.dialogs.export_dialog import ExportDialog
from interfant_desktop.ui.main_window import MainWindow
from tests.exports.helpers import check_csv, check_fhir, check_odm
from tests.ui.conftest import PHYSICIAN, add_user_with_own_password, show_main_window

DM = ("dm", "data-manager-pass-1")


@pytest.fixture
def dm_backend(db_url: str) -> Iterator[UiBackend]:
    make_application()
    backend = UiBackend.open(db_url)
    backend.sign_in("admin", "admin-pass-1")
    add_user_with_own_password(backend, DM[0], "data_manager", DM[1], "Fictitious Data Manager",
                               "admin-pass-1")  # signed in as the data manager
    yield backend
    backend.close()


def _export(qtbot: Any, backend: UiBackend, export_format: ExportFormat, target: Path,
            identified: bool = False) -> ExportDialog:
    dialog = ExportDialog(backend)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.format.setCurrentIndex(dialog.format.findData(export_format))
    dialog.identified.setChecked(identified)
    dialog.target.setText(str(target))
    dialog.export_button.click()
    assert dialog.running is not None  # on the store worker, not the GUI thread
    qtbot.waitUntil(lambda: dialog.outcome.text() != "" or dialog.problem.isVisible(), timeout=60000)
    assert dialog.running is None
    return dialog


def test_the_whole_site_in_each_format_with_a_progress_bar(
        qtbot: Any, dm_backend: UiBackend, tmp_path: Path) -> None:
    count = len(demo_cases())
    dialog = _export(qtbot, dm_backend, ExportFormat.ODM, tmp_path / "site.odm.xml")
    assert not dialog.problem.isVisible(), dialog.problem.text()
    assert f"{count} patient(s) exported (pseudonymised)" in dialog.outcome.text()
    assert dialog.progress.value() == dialog.progress.maximum() == 2 * count
    check_odm((tmp_path / "site.odm.xml").read_bytes())
    _export(qtbot, dm_backend, ExportFormat.FHIR, tmp_path / "site.fhir.json")
    check_fhir(json.loads((tmp_path / "site.fhir.json").read_text(encoding="utf-8")))
    dialog = _export(qtbot, dm_backend, ExportFormat.CSV, tmp_path / "tables", identified=True)
    assert "(identified)" in dialog.outcome.text()
    files = {p.name: p.read_text(encoding="utf-8") for p in (tmp_path / "tables").iterdir()}
    assert len(check_csv(files)["patients.csv"]) == count


def test_a_missing_target_is_named_and_nothing_is_exported(qtbot: Any, dm_backend: UiBackend) -> None:
    dialog = ExportDialog(dm_backend)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.export_button.click()
    assert dialog.problem.isVisible() and "To:" in dialog.problem.text()
    assert dialog.running is None


def _file_menu_texts(window: MainWindow) -> list[str]:
    menu = window.findChild(QMenu, "FileMenu")
    assert menu is not None
    return [a.text() for a in menu.actions() if a.isVisible() and not a.isSeparator()]


def test_the_export_button_is_for_data_managers_and_administrators(
        qtbot: Any, dm_backend: UiBackend, db_url: str) -> None:
    window = MainWindow(dm_backend)
    qtbot.addWidget(window)
    assert not window.export_button.isHidden()
    assert "Export trial data…" in _file_menu_texts(window)
    physician = UiBackend.open(db_url)
    try:
        physician.sign_in(*PHYSICIAN)
        other = MainWindow(physician)
        qtbot.addWidget(other)
        assert other.export_button.isHidden()
        assert "Export trial data…" not in _file_menu_texts(other)
        assert "Lock" in _file_menu_texts(other)
    finally:
        physician.close()


def test_file_export_opens_the_export_dialog(qtbot: Any, dm_backend: UiBackend) -> None:
    window = show_main_window(qtbot, dm_backend)
    opened: list[str] = []

    def close_it() -> None:
        dialog = QApplication.activeModalWidget()
        opened.append(dialog.objectName() if dialog is not None else "")
        if dialog is not None:
            dialog.reject()

    QTimer.singleShot(200, close_it)
    menu = window.findChild(QMenu, "FileMenu")
    next(a for a in menu.actions() if a.text() == "Export trial data…").trigger()
    assert opened == ["ExportDialog"]


def test_the_progress_bar_follows_the_whole_site_and_a_refusal_is_shown(
        qtbot: Any, dm_backend: UiBackend, tmp_path: Path) -> None:
    dialog = ExportDialog(dm_backend)
    qtbot.addWidget(dialog)
    dialog.show()
    seen: list[tuple[int, int]] = []
    dialog.progress.valueChanged.connect(lambda value: seen.append((value, dialog.progress.maximum())))
    dialog.format.setCurrentIndex(dialog.format.findData(ExportFormat.FHIR))
    dialog.target.setText(str(tmp_path / "site.fhir.json"))
    dialog.export_button.click()
    qtbot.waitUntil(lambda: dialog.outcome.text() != "", timeout=60000)
    total = 2 * len(demo_cases())
    steps = [value for value, maximum in seen if maximum == total]
    assert steps[-1] == total and len(set(steps)) > 2  # it moved patient by patient, up to the end
    dialog.study_ids.setText("NOT-A-PATIENT")
    dialog.export_button.click()
    qtbot.waitUntil(dialog.problem.isVisible, timeout=60000)
    assert "NOT-A-PATIENT" in dialog.problem.text() and dialog.export_button.isEnabled()
