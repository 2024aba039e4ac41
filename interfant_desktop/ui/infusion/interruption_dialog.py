"""Recording a stop of the infusion (and its restart when known), or the restart of a stop.

The dialog only collects times and the reason; what the stop means (its length,
dexamethasone before the restart, supervision, same cycle or a new one) is the engine's
answer, shown on the Infusion page once recorded.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QWidget

from interfant_desktop.services.infusion import REASONS, InterruptionRequest
from interfant_desktop.ui.dialogs.parts import FormDialog, HintLineEdit, accept_unless_refused
from interfant_desktop.ui.infusion.assessment_dialog import datetime_edit, from_qdatetime, labelled
from interfant_desktop.ui.infusion.calls import InfusionCalls


class InterruptionDialog(FormDialog):
    """A stop of ``cycle``; tick "restarted" to record the restart at the same time."""

    def __init__(self, calls: InfusionCalls, cycle: int, at: dt.datetime,
                 parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Infusion stopped — cycle {n}").format(n=cycle),
                         self.tr("&Record stop"), parent)
        self.calls, self.cycle = calls, cycle
        self.setObjectName("InterruptionDialog")
        self.stopped = datetime_edit(at)
        labelled(self.form, self.tr("Stopped at (local time)"), self.stopped)
        self.reason = QComboBox()
        for key, text in REASONS.items():
            self.reason.addItem(text, key)
        labelled(self.form, self.tr("Reason"), self.reason)
        self.has_restart = QCheckBox(self.tr("Already restarted"))
        self.form.addRow("", self.has_restart)
        self.restarted = datetime_edit(at)
        self.restarted.setEnabled(False)
        self.has_restart.toggled.connect(self.restarted.setEnabled)
        labelled(self.form, self.tr("Restarted at (local time)"), self.restarted)
        self.note = QLineEdit()
        labelled(self.form, self.tr("Note"), self.note)

    def accept(self) -> None:
        request = InterruptionRequest(
            self.cycle, from_qdatetime(self.stopped.dateTime()), str(self.reason.currentData()),
            from_qdatetime(self.restarted.dateTime()) if self.has_restart.isChecked() else None,
            self.note.text())
        accept_unless_refused(self, self.problem, lambda: self.calls.record_interruption(request))


class RestartDialog(FormDialog):
    """The restart time of the open stop ``interruption_id``."""

    def __init__(self, calls: InfusionCalls, interruption_id: int, stopped: dt.datetime,
                 at: dt.datetime, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Infusion restarted"), self.tr("&Record restart"), parent)
        self.calls, self.interruption_id = calls, interruption_id
        self.setObjectName("RestartDialog")
        self.form.addRow(self.tr("Stopped at"), QLineEdit(stopped.strftime("%Y-%m-%d %H:%M"), readOnly=True))
        self.restarted = datetime_edit(at)
        labelled(self.form, self.tr("Restarted at (local time)"), self.restarted)

    def accept(self) -> None:
        accept_unless_refused(self, self.problem, lambda: self.calls.record_restart(
            self.interruption_id, from_qdatetime(self.restarted.dateTime())))


class StartDialog(FormDialog):
    """When the infusion of ``cycle`` started (local time) and the bag length."""

    def __init__(self, calls: InfusionCalls, cycle: int, version: int, at: dt.datetime,
                 bag_hours: tuple[int, ...], parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Infusion started — cycle {n}").format(n=cycle),
                         self.tr("&Record start"), parent)
        self.calls, self.cycle, self.version = calls, cycle, version
        self.setObjectName("StartDialog")
        self.start = datetime_edit(at)
        labelled(self.form, self.tr("Started at (local time)"), self.start)
        self.bag_hours = QComboBox()
        for hours in bag_hours:
            self.bag_hours.addItem(self.tr("{h}-hour bags").format(h=hours), hours)
        labelled(self.form, self.tr("Bag length"), self.bag_hours)
        self.reason = HintLineEdit()
        self.reason.setPlaceholderText(self.tr("required when a recorded start is corrected"))
        labelled(self.form, self.tr("Reason"), self.reason)
        self.new_version: int | None = None

    def accept(self) -> None:
        def record() -> None:
            self.new_version = self.calls.record_start(
                self.cycle, self.version, from_qdatetime(self.start.dateTime()),
                int(self.bag_hours.currentData()), self.reason.text())

        accept_unless_refused(self, self.problem, record)
