"""File → Export: trial data for data managers and administrators.

ODM (one file), FHIR (one Bundle) or CSV (a folder of tables with their data
dictionary), of the whole site or of the study IDs given; pseudonymised unless the
user ticks "identified" (recorded in the audit trail by the service). The export runs
on the store worker (``ui/operations.py``, like every store call of the GUI) with a
progress bar; the service checks the permission and audits.
"""

from __future__ import annotations

import contextlib
from concurrent.futures import Future
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from interfant_desktop.services.errors import ServiceError
from interfant_desktop.services.trial_export import ExportFormat, export_trial_data, save_export
from interfant_desktop.ui.backend import UiBackend
from interfant_desktop.ui.dialogs.parts import line_edit, problem_label
from interfant_desktop.ui.operations import CollectionOp


class _ProgressRelay(QObject):
    """Carries the export's progress (two numbers) from the store worker to the GUI thread:
    the signal is emitted on the worker and delivered, queued, to the dialog's slot."""

    progressed = Signal(int, int)


class ExportDialog(QDialog):
    """Choose the format, the patients and the target; export with a progress bar."""

    def __init__(self, backend: UiBackend, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.backend = backend
        # the export running on the store worker (None before the first, or after it ended)
        self.running: Future[str] | None = None
        self.relay = _ProgressRelay(self)
        self.relay.progressed.connect(self._progressed)
        self.setObjectName("ExportDialog")
        self.setWindowTitle(self.tr("Export trial data"))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.format = QComboBox()
        for value, label in ((ExportFormat.ODM, self.tr("CDISC ODM 1.3.2 (trial database)")),
                             (ExportFormat.FHIR, self.tr("FHIR R4 Bundle (hospital record)")),
                             (ExportFormat.CSV, self.tr("CSV tables with data dictionary (folder)"))):
            self.format.addItem(label, value)
        self.format.setAccessibleName(self.tr("Export format"))
        form.addRow(self.tr("&Format"), self.format)
        self.study_ids = line_edit(self.tr("Study IDs to export, separated by spaces"),
                                   self.tr("empty: the whole site"))
        form.addRow(self.tr("&Study IDs"), self.study_ids)
        self.identified = QCheckBox(self.tr("&Identified: keep names, hospital numbers and real dates "
                                            "(recorded in the audit trail)"))
        form.addRow("", self.identified)
        target_row = QHBoxLayout()
        self.target = QLineEdit()
        self.target.setAccessibleName(self.tr("Export to file or folder"))
        choose = QPushButton(self.tr("&Choose…"))
        choose.clicked.connect(self._choose_target)
        target_row.addWidget(self.target, 1)
        target_row.addWidget(choose)
        form.addRow(self.tr("&To"), target_row)
        layout.addLayout(form)
        self.progress = QProgressBar()
        self.progress.setAccessibleName(self.tr("Export progress"))
        self.progress.setValue(0)
        layout.addWidget(self.progress)
        self.outcome = QLabel()
        self.outcome.setWordWrap(True)
        layout.addWidget(self.outcome)
        self.problem = problem_label()
        layout.addWidget(self.problem)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.export_button = self.buttons.addButton(self.tr("&Export"),
                                                    QDialogButtonBox.ButtonRole.ActionRole)
        self.export_button.clicked.connect(self.start_export)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def _choose_target(self) -> None:
        if self.format.currentData() is ExportFormat.CSV:
            path = QFileDialog.getExistingDirectory(self, self.tr("Folder for the CSV tables"))
        else:
            path, _ = QFileDialog.getSaveFileName(self, self.tr("Export to"))
        if path:
            self.target.setText(path)

    def _show_problem(self, message: str) -> None:
        self.problem.setText(message)
        self.problem.show()
        self.export_button.setEnabled(True)

    def start_export(self) -> None:
        """Validate the choices, then export on a worker thread."""
        self.problem.hide()
        self.outcome.clear()
        target = self.target.text().strip()
        if not target:
            self._show_problem(self.tr("To: choose a file (ODM, FHIR) or a folder (CSV)"))
            return
        ids = self.study_ids.text().split() or None
        user = self.backend.user
        if user is None:
            self._show_problem(self.tr("Not signed in"))
            return
        self.export_button.setEnabled(False)
        self.progress.setValue(0)
        store, export_format = self.backend.store, ExportFormat(self.format.currentData())
        identified, path, report = self.identified.isChecked(), Path(target), self.relay.progressed.emit

        def export() -> str:  # on the store worker: no widget here, only the relay's signal
            output = export_trial_data(store, user, ids, export_format, identified=identified,
                                       progress=report)
            save_export(output, path)
            # translate(), not self.tr(): this runs on the worker, away from the dialog's thread
            kind = (QCoreApplication.translate("ExportDialog", "identified") if output.identified
                    else QCoreApplication.translate("ExportDialog", "pseudonymised"))
            return QCoreApplication.translate(
                "ExportDialog", "{n} patient(s) exported ({kind}) to {path}; audit event {seq}").format(
                n=len(output.study_ids), kind=kind, path=path, seq=output.audit_seq)

        self.running = CollectionOp(self, export).success(self._succeeded).failure(
            self._failed).run_in_background()

    def _progressed(self, done: int, total: int) -> None:
        self.progress.setMaximum(max(total, 1))
        self.progress.setValue(done)

    def _succeeded(self, message: str) -> None:
        self.running = None
        self.progress.setValue(self.progress.maximum())
        self.outcome.setText(message)
        self.export_button.setEnabled(True)

    def _failed(self, exc: Exception) -> None:
        self.running = None
        if not isinstance(exc, ServiceError | OSError):
            raise exc  # a programming error: the crash handler shows and logs it
        self._show_problem(str(exc))

    def done(self, result: int) -> None:
        if self.running is not None:  # an export started here is finished (and saved) first
            with contextlib.suppress(Exception):  # (its own report shows a failure)
                self.running.result()
        super().done(result)
