"""Hanging the next bag of the schedule (two nurses check the pump) and changing or removing
the bag on the pump. The nurse enters what the pump is set to; the services compare it
with the signed schedule and refuse a wrong bag, rate or volume with the reason."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QCheckBox,
    QDoubleSpinBox,
    QLabel,
    QLineEdit,
    QWidget,
)

from interfant_desktop.protocol.spans import duration_text
from interfant_desktop.services.bags import HangRequest, RemoveRequest, ScheduledBag
from interfant_desktop.services.order_state import order_code
from interfant_desktop.ui.dialogs.parts import FormDialog, accept_unless_refused
from interfant_desktop.ui.infusion.assessment_dialog import datetime_edit, from_qdatetime, labelled
from interfant_desktop.ui.infusion.calls import InfusionCalls


def volume_box(maximum: float = 1000.0, suffix: str = " mL") -> QDoubleSpinBox:
    box = QDoubleSpinBox()
    box.setRange(0.0, maximum)
    box.setDecimals(2)
    box.setSuffix(suffix)
    return box


class HangBagDialog(FormDialog):
    """Bag ``bag.number`` of order ``order_id`` hung on the pump."""

    def __init__(self, calls: InfusionCalls, order_id: int, bag: ScheduledBag, at: dt.datetime,
                 parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Hang bag {n}").format(n=bag.number), self.tr("&Record bag hung"),
                         parent)
        self.setObjectName("HangBagDialog")
        self.calls, self.order_id, self.bag = calls, order_id, bag
        self.form.addRow(QLabel(self.tr("Bag {n} of order {o}: due {due}, {h} (see the order "
                                        "sheet for its make-up)").format(
            n=bag.number, o=order_code(order_id), due=bag.hang.replace("T", " "),
            h=duration_text(bag.hours))))
        self.at = datetime_edit(at)
        labelled(self.form, self.tr("Hung at (local time)"), self.at)
        self.rate = volume_box(50.0, " mL/h")
        labelled(self.form, self.tr("Pump rate as set (checked)"), self.rate)
        self.volume = volume_box()
        labelled(self.form, self.tr("Volume to be infused as set (checked)"), self.volume)
        self.second = QLineEdit()
        self.second.setPlaceholderText(self.tr("user name of the second nurse"))
        labelled(self.form, self.tr("Checked by (second nurse)"), self.second)
        self.locked = QCheckBox(self.tr("Pump locked"))
        self.filter = QCheckBox(self.tr("In-line filter in place"))
        self.form.addRow("", self.locked)
        self.form.addRow("", self.filter)

    def accept(self) -> None:
        request = HangRequest(self.bag.number, from_qdatetime(self.at.dateTime()), self.second.text(),
                              self.rate.value(), self.volume.value(), self.locked.isChecked(),
                              self.filter.isChecked())
        accept_unless_refused(self, self.problem, lambda: self.calls.hang_bag(self.order_id, request))


class RemoveBagDialog(FormDialog):
    """The bag on the pump changed or removed."""

    def __init__(self, calls: InfusionCalls, order_id: int, bag_number: int, at: dt.datetime,
                 parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Change or remove bag {n}").format(n=bag_number),
                         self.tr("&Record bag removed"), parent)
        self.setObjectName("RemoveBagDialog")
        self.calls, self.order_id, self.bag_number = calls, order_id, bag_number
        self.at = datetime_edit(at)
        labelled(self.form, self.tr("Removed at (local time)"), self.at)
        self.infused = volume_box()
        labelled(self.form, self.tr("Volume infused (pump)"), self.infused)
        self.residual = volume_box()
        labelled(self.form, self.tr("Residual discarded"), self.residual)

    def accept(self) -> None:
        request = RemoveRequest(self.bag_number, from_qdatetime(self.at.dateTime()),
                                self.infused.value(), self.residual.value())
        accept_unless_refused(self, self.problem, lambda: self.calls.remove_bag(self.order_id, request))
