"""The Infusion page: the 28 days of one blinatumomab cycle, as the engine arranges them.

The cycle timeline (one row per calendar day: infusion hours, bags, interruptions,
assessments with their grades, the worst grade of the day, premedication due, within the
hospitalisation period), each interruption with the engine's judgement, what is due now,
and the action panel of the chosen assessment. Nurses record stops, restarts and
assessments; physicians record what was done about an action. Nothing is decided here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMessageBox,
    QPushButton,
    QWidget,
)

from interfant_desktop.protocol.local_time import local_text
from interfant_desktop.protocol.spans import duration_text
from interfant_desktop.protocol.toxicity import ToxicityAction
from interfant_desktop.services.bags import BagEventView, ScheduledBag
from interfant_desktop.services.infusion import REASONS
from interfant_desktop.services.infusion_view import InfusionPicture, RecordedInterruption
from interfant_desktop.services.order_workflow import Meaning, OrderView
from interfant_desktop.ui.backend import UserFacingError
from interfant_desktop.ui.infusion.action_panel import ActionPanel, action_words
from interfant_desktop.ui.infusion.assessment_dialog import AssessmentDialog
from interfant_desktop.ui.infusion.bag_dialogs import HangBagDialog, RemoveBagDialog
from interfant_desktop.ui.infusion.calls import InfusionCalls
from interfant_desktop.ui.infusion.in_error_dialog import EnteredInErrorDialog, RecordEntry
from interfant_desktop.ui.infusion.interruption_dialog import (
    InterruptionDialog,
    RestartDialog,
    StartDialog,
)
from interfant_desktop.ui.infusion.timeline_table import TimelineTable
from interfant_desktop.ui.order_words import status_capitals
from interfant_desktop.ui.orders.order_dialog import ReasonDialog, ask_password
from interfant_desktop.ui.pages.base import WorkspacePage

if TYPE_CHECKING:
    from interfant_desktop.ui.workspace import PatientWorkspace

def boxed_label() -> QLabel:
    """A framed, word-wrapped, selectable text block (one line per entry)."""
    label = QLabel()
    label.setWordWrap(True)
    label.setFrameShape(QFrame.Shape.StyledPanel)
    label.setStyleSheet("QLabel { background: white; padding: 4px; }")
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def fit_rows(view: QListWidget, most: int = 6) -> None:
    """A list as tall as its rows (up to ``most``), so short lists leave no empty box."""
    rows = sum(view.sizeHintForRow(i) for i in range(min(view.count(), most)))
    view.setFixedHeight(max(rows, view.fontMetrics().height()) + 2 * view.frameWidth() + 4)


#: A bag event's kind in words (``BagEventView.kind``).
BAG_EVENT_WORDS = {"hung": QT_TRANSLATE_NOOP("InfusionPage", "hung"),
                   "removed": QT_TRANSLATE_NOOP("InfusionPage", "removed")}


def _tr(text: object) -> str:
    """``text`` (a catalogue source, QT_TRANSLATE_NOOP's too) in the user's language, in the
    page's catalogue context (for the functions outside the class)."""
    return QCoreApplication.translate("InfusionPage", str(text))


def _grade(value: int | None) -> str:
    return "—" if value is None else str(value)


def shown(moment: dt.datetime | None) -> str | None:
    """A local time as a clinician reads it, ``2026-06-05 07:00`` (None stays None)."""
    return None if moment is None else local_text(moment)


def interruption_text(item: RecordedInterruption) -> str:
    """One interruption with the engine's judgement, in words."""
    r, v = item.result, item.view
    why = REASONS.get(v.reason, v.reason)  # the words the nurse chose, not the case-file key
    if r.still_stopped:
        head = QCoreApplication.translate("InfusionPage", "Stopped {stopped} ({why}) — STILL STOPPED").format(
            stopped=shown(v.stopped), why=why)
    else:
        head = QCoreApplication.translate(
            "InfusionPage", "Stopped {stopped} → restarted {restarted} ({why}): {hours:g} h").format(
            stopped=shown(v.stopped), restarted=shown(v.restarted), why=why, hours=r.hours)
    parts = [head]
    if r.dexamethasone_before_restart:
        parts.append(
            QCoreApplication.translate("InfusionPage", "dexamethasone before the restart")
            if r.dexamethasone is None else
            QCoreApplication.translate("InfusionPage", "dexamethasone {dose} mg before the restart").format(
                dose=r.dexamethasone.shown))
    if r.supervision_at_restart:
        parts.append(QCoreApplication.translate("InfusionPage", "supervise or hospitalise at the restart"))
    if r.continues_same_cycle is False:
        parts.append(QCoreApplication.translate("InfusionPage",
                                                "NEW CYCLE needed (longer than the same-cycle limit)"))
    if r.infusion_hours_remaining is not None:
        parts.append(QCoreApplication.translate("InfusionPage", "{hours:g} h of infusion remain").format(
            hours=r.infusion_hours_remaining))
    rules = ", ".join(sorted({x.rule for x in r.reasons}))
    return "; ".join(parts) + f"   [{rules}]"


class InfusionPage(WorkspacePage):
    """The cycle's infusion record (see the module docstring)."""

    own_permissions = True  # nurses record the infusion: its actions check the role

    def __init__(self, workspace: PatientWorkspace) -> None:
        super().__init__(workspace, self.tr("Infusion"))
        self.calls = InfusionCalls(workspace.backend, workspace.patient_id)
        self.picture: InfusionPicture | None = None
        self.now: Callable[[], dt.datetime] = dt.datetime.now  # the clock (a fixed one in screenshots)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Cycle")))
        self.cycle_box = QComboBox()
        self.cycle_box.setAccessibleName(self.tr("Blinatumomab cycle"))
        self.cycle_box.setProperty("view_selector", True)
        self.cycle_box.currentIndexChanged.connect(lambda _i: self.refresh())
        top.addWidget(self.cycle_box)
        top.addWidget(QLabel(self.tr("Assess every")))
        self.interval = QComboBox()
        self.interval.setAccessibleName(self.tr("Assessment interval (site setting)"))
        self.interval.setProperty("view_selector", True)
        self.interval.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.interval.addItem(self.tr("(site interval not set)"), None)
        for hours in (2, 4, 6, 8, 12, 24):
            self.interval.addItem(self.tr("{h} h").format(h=hours), float(hours))
        self.interval.currentIndexChanged.connect(lambda _i: self.refresh())
        top.addWidget(self.interval)
        top.addStretch(1)
        self.body.addLayout(top)
        top = QHBoxLayout()
        self.start_button = QPushButton(self.tr("Record s&tart…"))
        top.addWidget(self.start_button)
        self.start_button.clicked.connect(self.record_start)
        self.stop_button = QPushButton(self.tr("Record &stop…"))
        self.restart_button = QPushButton(self.tr("Record re&start…"))
        self.assess_button = QPushButton(self.tr("Record &assessment…"))
        for button in (self.stop_button, self.restart_button, self.assess_button):
            top.addWidget(button)
        self.stop_button.clicked.connect(self.record_stop)
        self.restart_button.clicked.connect(self.record_restart)
        self.assess_button.clicked.connect(self.record_assessment)
        top.addStretch(1)
        self.body.addLayout(top)
        # The bag actions on a row of their own: seven buttons do not fit beside each other
        # on a 1366 px ward screen, and a clipped label is a button nobody can read.
        top = QHBoxLayout()
        self.hang_button = QPushButton(self.tr("&Hang bag…"))
        self.remove_button = QPushButton(self.tr("Remove &bag…"))
        for button in (self.hang_button, self.remove_button):
            top.addWidget(button)
        self.hang_button.clicked.connect(self.hang_bag)
        self.remove_button.clicked.connect(self.remove_bag)
        self.error_button = QPushButton(self.tr("Entered in e&rror…"))
        self.error_button.setAccessibleName(self.tr("Mark an entry of the infusion record entered in error"))
        self.error_button.clicked.connect(self.mark_in_error)
        top.addWidget(self.error_button)
        top.addStretch(1)
        self.body.addLayout(top)
        self.status = QLabel()
        self.status.setObjectName("InfusionStatus")
        self.status.setWordWrap(True)
        self.body.addWidget(self.status)
        self.stops = self._boxed_section(self.tr("Interruptions"), "Interruptions",
                                         self.tr("Interruptions of the infusion"))
        self.section_title(self.tr("Cycle timeline"))
        self.table = TimelineTable()  # ten columns where they fit, four on a narrow screen
        self.table.setObjectName("Timeline")
        self.table.setAccessibleName(self.tr("Cycle timeline, one row per day"))
        self.table.setMinimumHeight(300)
        self.body.addWidget(self.table)
        self.bag_list = self._boxed_section(self.tr("Bags of the signed schedule"), "Bags",
                                            self.tr("Bags of the signed schedule"))
        self.bag_state: tuple[int | None, tuple[ScheduledBag, ...], tuple[BagEventView, ...]] = (
            None, (), ())
        self.order_lines = self._boxed_section(self.tr("Orders of the cycle"), "CycleOrders",
                                               self.tr("Orders of the cycle, with their transitions"))
        self.section_title(self.tr("Assessments and the label's actions"))
        self.assessments = QListWidget()
        self.assessments.setObjectName("Assessments")
        self.assessments.setAccessibleName(self.tr("Toxicity assessments of the cycle"))
        self.assessments.currentRowChanged.connect(self._show_actions)
        self.body.addWidget(self.assessments)
        self.action_panel = ActionPanel(self.calls, self._decided, on_order=self.order_action)
        self.password_asker: Callable[[QWidget, str], str | None] = ask_password
        self.order_dialog: QDialog | None = None
        self.orders: list[OrderView] = []
        self.body.addWidget(self.action_panel)
        self.body.addStretch(1)

    def _boxed_section(self, title: str, name: str, accessible_name: str) -> QLabel:
        """A titled, framed text block at the end of the page body."""
        self.section_title(title)
        label = boxed_label()
        label.setObjectName(name)
        label.setAccessibleName(accessible_name)
        self.body.addWidget(label)
        return label

    # --- showing -----------------------------------------------------------------------
    def _cycles(self) -> list[int]:
        return [c.cycle for c in self.recorded.blinatumomab]

    def cycle(self) -> int | None:
        value = self.cycle_box.currentData()
        return None if value is None else int(value)

    def refresh(self) -> None:
        cycles = self._cycles()
        if [self.cycle_box.itemData(i) for i in range(self.cycle_box.count())] != cycles:
            self.cycle_box.blockSignals(True)
            self.cycle_box.clear()
            for n in cycles:
                self.cycle_box.addItem(self.tr("Cycle {n}").format(n=n), n)
            self.cycle_box.blockSignals(False)
        cycle = self.cycle()
        can_record = self.calls.can_record() and cycle is not None
        self.stop_button.setEnabled(can_record)
        self.start_button.setEnabled(can_record)
        self.assess_button.setEnabled(can_record)
        self.error_button.setEnabled(can_record)
        if cycle is None:
            self.picture = None
            self.status.setText(self.tr("No blinatumomab cycle is recorded yet."))
            self.restart_button.setEnabled(False)
            self.hang_button.setEnabled(False)
            self.remove_button.setEnabled(False)
            self.table.show_days(())
            self.action_panel.show_assessment(None)
            return
        try:
            self.picture = self.calls.picture(cycle, self.now(), self.interval.currentData())
        except UserFacingError as exc:
            self.status.setText("✖ " + str(exc))
            return
        self.restart_button.setEnabled(can_record and self._open_stop() is not None)
        self._show_status()
        self._show_bags(cycle, can_record)
        self._show_stops()
        self._show_timeline()
        self._show_assessments()

    def _open_stop(self) -> RecordedInterruption | None:
        if self.picture is None:
            return None
        return next((i for i in self.picture.interruptions if i.result.still_stopped), None)

    def _show_status(self) -> None:
        assert self.picture is not None
        timeline, lines = self.picture.timeline, []
        if timeline is None:
            lines.append(self.tr("The cycle has no start date: record when the infusion started."))
        elif timeline.start is None:
            # A start date without a time: nothing is known of when the 28 days end.
            first = timeline.days[0].date.isoformat() if timeline.days else "?"
            lines.append(self.tr("Start date {date} recorded, without the time the infusion "
                                 "started: record the start (Record start…) to plan the 28 "
                                 "days and the assessments.").format(date=first))
        else:
            lines.append(self.tr("Started {start} · 28 days of infusion complete {end}").format(
                start=shown(timeline.start),
                end=shown(timeline.planned_end) or self.tr("(not known while stopped)")))
        if timeline is not None:
            for reminder in timeline.reminders:  # the rule's own wording, from the protocol file
                line = f"{reminder.reason.rule}: {reminder.reason.text} {reminder.reason.detail}"
                if reminder.until:
                    line = self.tr("{reminder} — until {until}").format(reminder=line,
                                                                         until=shown(reminder.until))
                lines.append(line)
        due = self.picture.due
        if due is not None:
            line = self.tr("Due now: {detail}").format(detail="; ".join(due.detail))
            if due.assessment_overdue:
                line = self.tr("{due} — ASSESSMENT OVERDUE").format(due=line)
            lines.append(line)
        else:
            lines.append(self.tr("Next assessment: choose the site's assessment interval above."))
        if self._open_stop() is not None:
            lines.insert(0, self.tr("⚠ THE INFUSION IS STOPPED: record the restart when it restarts."))
        self.status.setText("\n".join(lines))

    def _show_bags(self, cycle: int, can_record: bool) -> None:
        try:
            self.bag_state = self.calls.bag_order(cycle)
        except UserFacingError as exc:
            self.bag_state = (None, (), ())
            self.bag_list.setText("✖ " + str(exc))
            return
        order_id, schedule, events = self.bag_state
        self._show_orders(cycle)
        lines = []
        held = next((o for o in self.orders if o.id == order_id and o.status == "held"), None)
        if held is not None:
            lines.append(self.tr("⛔ ORDER {code} IS ON HOLD — no bag is hung: {note}").format(
                code=held.order_code, note=held.state_note or ""))
        if order_id is None:
            lines.append(self.tr("No verified order for this cycle: no bag can be hung."))
        elif not schedule:
            lines.append(self.tr("Order {o} has no bag schedule: a new order is needed to "
                                 "hang bags.").format(o=order_id))
        for bag in schedule:
            text = self.tr("Bag {n}: due {due}, {duration}, {rate:g} mL/h, {volume:g} mL to infuse").format(
                n=bag.number, due=bag.hang.replace("T", " "), duration=duration_text(bag.hours),
                rate=bag.rate_ml_per_h, volume=bag.infused_ml)
            for event in (e for e in events if e.bag_number == bag.number):
                if event.kind == "hung":
                    text += self.tr(" — hung {at:%Y-%m-%d %H:%M} by {nurse}, checked by {second}").format(
                        at=event.at, nurse=event.nurse, second=event.second_nurse)
                else:
                    text += self.tr(" — removed {at:%Y-%m-%d %H:%M}: {infused:g} mL infused, "
                                    "{discarded:g} mL discarded").format(
                        at=event.at, infused=event.volume_infused_ml,
                        discarded=event.residual_discarded_ml)
            lines.append(text)
        self.bag_list.setText("\n".join(lines))
        self.hang_button.setEnabled(can_record and held is None and self._next_bag() is not None
                                    and self._bag_on_pump() is None)
        self.remove_button.setEnabled(can_record and self._bag_on_pump() is not None)

    def _show_orders(self, cycle: int) -> None:
        """Each order of the cycle with its state and every signature and transition."""
        try:
            self.orders = self.calls.cycle_orders(cycle)
        except UserFacingError as exc:
            self.orders = []
            self.order_lines.setText("✖ " + str(exc))
            return
        lines = []
        for order in reversed(self.orders):
            kind = {"restart": self.tr(" (restart order)"), "modify": self.tr(" (modified order)")
                    }.get(order.kind, "")
            status = status_capitals(order.status)
            lines.append(f"{order.order_code}{kind}: {status}"
                         + (f" — {order.state_note}" if order.state_note else ""))
            restart = order.restart
            if restart is not None:
                lines.append(self.tr("    restart from {at}: {h:g} h remain, ends {end}").format(
                    at=restart.restart_at.replace("T", " "), h=restart.hours_remaining,
                    end=restart.ends_at.replace("T", " ")))
                numbers = restart.bag_numbers
                if numbers:  # numbered on from the course's bags, never from 1 again
                    lines.append(self.tr("    its bags are course bags {first}–{last} (bags 1–{before} "
                                         "were on the earlier order)").format(
                        first=numbers[0], last=numbers[-1], before=restart.bags_before))
            lines += ["    " + self.tr("{at:%Y-%m-%d %H:%M} UTC · {meaning} · {by}").format(
                          at=entry.at.astimezone(dt.UTC), meaning=entry.meaning, by=entry.by)
                      + (f": {entry.reason}" if entry.reason else "")
                      for entry in order.history]
        self.order_lines.setText("\n".join(lines) or self.tr("No order for this cycle yet."))

    def order_action(self, kind: str, action: ToxicityAction) -> None:
        """From the physician's action: hold the cycle's order, or make its restart order
        (then opened in the order workflow to be signed and verified)."""
        cycle = self.cycle()
        order = None if cycle is None else self.calls.order_in_force(cycle)
        if cycle is None or order is None:
            QMessageBox.information(self, self.tr("No order in force"), self.tr(
                "This cycle has no verified order to hold or restart."))
            return
        title = self.tr("Hold order {code}") if kind == "hold" else self.tr(
            "Restart order after {code}")
        dialog = ReasonDialog(title.format(code=order.order_code), self.tr(
            "&Reason (signed with your password and recorded):"), self.tr(
            "Hold the order") if kind == "hold" else self.tr("Make the restart order"), self,
            name="ReasonDialog-" + kind)
        dialog.reason_edit.setPlainText(f"{action.rule}: {action_words(action.blinatumomab)}")
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        password = self.password_asker(self, Meaning.HELD if kind == "hold" else Meaning.SUPERSEDED)
        if password is None:
            return
        try:
            if kind == "hold":
                self.calls.orders.hold(order, dialog.reason(), password)
            else:
                self.calls.orders.restart(order, dialog.reason(), password,
                                          confirm_warnings=order.confirmed_warnings)
        except UserFacingError as exc:
            QMessageBox.warning(self, self.tr("Not done"), str(exc))
            return
        self._after_record()
        if kind == "restart":
            from interfant_desktop.ui.orders import open_order_workflow

            self.order_dialog = open_order_workflow(self.workspace, cycle)

    def _bag_on_pump(self) -> int | None:
        _order, _schedule, events = self.bag_state
        removed = {e.bag_number for e in events if e.kind == "removed"}
        return next((e.bag_number for e in events if e.kind == "hung" and e.bag_number not in removed),
                    None)

    def _next_bag(self) -> ScheduledBag | None:
        _order, schedule, events = self.bag_state
        hung = {e.bag_number for e in events if e.kind == "hung"}
        return next((b for b in schedule if b.number not in hung), None)

    def hang_bag(self) -> None:
        self._bag_dialog(HangBagDialog, self._next_bag())

    def remove_bag(self) -> None:
        self._bag_dialog(RemoveBagDialog, self._bag_on_pump())

    def _bag_dialog(self, dialog: Callable[..., QDialog], bag: ScheduledBag | int | None) -> None:
        """``dialog`` for ``bag`` (the next one to hang, or the number of the one on the
        pump) of the current order; nothing when there is none. Once recorded, the page
        shows it."""
        order_id = self.bag_state[0]
        if order_id is None or bag is None:
            return
        if dialog(self.calls, order_id, bag, self.now(), self).exec():
            self._after_record()

    def _show_stops(self) -> None:
        assert self.picture is not None
        lines = [interruption_text(item) for item in self.picture.interruptions]
        self.stops.setText("\n".join(lines) or self.tr("No interruption recorded."))

    def _show_timeline(self) -> None:
        assert self.picture is not None
        self.table.show_days(() if self.picture.timeline is None else self.picture.timeline.days)

    def _show_assessments(self) -> None:
        assert self.picture is not None
        previous = self.assessments.currentRow()
        self.assessments.blockSignals(True)
        self.assessments.clear()
        for entry in self.picture.assessments:
            r = entry.result
            n = len(entry.undecided)
            waiting = "" if not n else " — " + (
                self.tr("1 action awaiting the physician") if n == 1 else
                self.tr("{n} actions awaiting the physician").format(n=n))
            self.assessments.addItem(self.tr("{at:%Y-%m-%d %H:%M}  CRS {crs}  ICANS {icans}").format(
                at=r.assessment.at, crs=_grade(r.crs.grade), icans=_grade(r.icans.grade)) + waiting)
        self.assessments.blockSignals(False)
        fit_rows(self.assessments)
        count = len(self.picture.assessments)
        row = previous if 0 <= previous < count else count - 1
        self.assessments.setCurrentRow(row)
        self._show_actions(row)

    def _show_actions(self, row: int) -> None:
        entries = () if self.picture is None else self.picture.assessments
        self.action_panel.show_assessment(entries[row] if 0 <= row < len(entries) else None)

    # --- recording ---------------------------------------------------------------------
    def _after_record(self) -> None:
        self.workspace.reload()
        self.workspace.saved.emit(self.workspace.patient_id)

    def _decided(self) -> None:
        self._after_record()

    def record_start(self) -> None:
        cycle = self.cycle()
        if cycle is None:
            return
        hours = tuple(int(b["hours"]) for b in self.workspace.backend.protocol.dosing["bags"])
        dialog = StartDialog(self.calls, cycle, self.workspace.version, self.now(), hours, self)
        if dialog.exec():
            self._after_record()

    def record_stop(self) -> None:
        cycle = self.cycle()
        if cycle is None:
            return
        if InterruptionDialog(self.calls, cycle, self.now(), self).exec():
            self._after_record()

    def record_restart(self) -> None:
        stop = self._open_stop()
        if stop is None:
            QMessageBox.information(self, self.tr("Nothing to restart"),
                                    self.tr("The infusion of this cycle is not stopped."))
            return
        if RestartDialog(self.calls, stop.view.id, stop.view.stopped, self.now(), self).exec():
            self._after_record()

    def record_entries(self) -> list[RecordEntry]:
        """The live entries of the cycle a wrong one can be picked from (the bag record's
        latest event only)."""
        if self.picture is None:
            return []
        calls = self.calls
        entries = [RecordEntry(self.tr("Interruption: ") + interruption_text(i),
                               partial(calls.mark_interruption_in_error, i.view.id))
                   for i in self.picture.interruptions]
        entries += [RecordEntry(self.tr("Assessment {at:%Y-%m-%d %H:%M} by {who}: CRS {crs}, ICANS {icans}")
                                .format(at=a.result.assessment.at, who=a.recorded_by,
                                        crs=_grade(a.result.crs.grade), icans=_grade(a.result.icans.grade)),
                                partial(calls.mark_assessment_in_error, a.assessment_id))
                    for a in self.picture.assessments]
        order_id, _schedule, events = self.bag_state
        if order_id is not None and events:
            last = events[-1]
            entries.append(RecordEntry(
                self.tr("Bag {n} {kind} {at:%Y-%m-%d %H:%M} by {who} (latest bag entry)").format(
                    n=last.bag_number, kind=_tr(BAG_EVENT_WORDS.get(last.kind, last.kind)), at=last.at,
                    who=last.nurse),
                partial(calls.mark_bag_event_in_error, order_id, last.id)))
        return entries

    def mark_in_error(self) -> None:
        entries = self.record_entries()
        if not entries:
            QMessageBox.information(self, self.tr("Nothing to mark"),
                                    self.tr("This cycle has no recorded entry."))
            return
        if EnteredInErrorDialog(entries, self).exec():
            self._after_record()

    def record_assessment(self) -> None:
        cycle = self.cycle()
        if cycle is None:
            return
        toxicity = self.workspace.backend.protocol.toxicity
        if AssessmentDialog(self.calls, cycle, toxicity, self.now(), self).exec():
            self._after_record()
