"""The engine's grades and the label's actions for one assessment, with this patient's doses,
and what the physician did about each action.

Every action shows its rule ID, source, wording and "UNVERIFIED" where the protocol file
marks the rule so; doses are in mcg/day and mg for this patient, with the calculation.
The physician records "followed" or "not followed" with a reason, and may hold the cycle's
order or make its restart order from here (the order workflow's signed transitions).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from interfant_desktop.protocol.toxicity import ToxicityAction
from interfant_desktop.services.infusion_view import RecordedAssessment
from interfant_desktop.ui.backend import UserFacingError
from interfant_desktop.ui.dialogs.parts import line_edit
from interfant_desktop.ui.infusion.calls import InfusionCalls
from interfant_desktop.ui.widgets.layouts import remove_all

#: What the label's table says to do with blinatumomab (English source; see :func:`action_words`).
WORDS = {"continue": QT_TRANSLATE_NOOP("ActionCard", "CONTINUE blinatumomab"),
         "interrupt": QT_TRANSLATE_NOOP("ActionCard", "INTERRUPT blinatumomab"),
         "discontinue": QT_TRANSLATE_NOOP("ActionCard", "DISCONTINUE blinatumomab permanently"),
         "consider_discontinuing": QT_TRANSLATE_NOOP("ActionCard", "CONSIDER DISCONTINUING blinatumomab")}
#: Whether a discontinuation condition holds, in words.
CONDITION_WORDS = {True: QT_TRANSLATE_NOOP("ActionCard", "met"),
                   False: QT_TRANSLATE_NOOP("ActionCard", "not met"),
                   None: QT_TRANSLATE_NOOP("ActionCard", "not known yet")}

#: Called with ("hold" or "restart", the action) to change the cycle's order.
OrderAction = Callable[[str, ToxicityAction], None]


def _tr(text: object) -> str:
    """``text`` (a catalogue source, QT_TRANSLATE_NOOP's too) in the user's language, in the
    action card's catalogue context."""
    return QCoreApplication.translate("ActionCard", str(text))


def action_words(blinatumomab: str) -> str:
    """The label's instruction for blinatumomab (``"interrupt"`` → "INTERRUPT blinatumomab")."""
    return _tr(WORDS[blinatumomab])


def _label(text: str, name: str = "", wrap: bool = True) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(wrap)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if name:
        label.setObjectName(name)
    return label


def dose_lines(action: ToxicityAction) -> list[str]:
    """The doses a person acts on, in mcg/day and mg for this patient, with the calculation."""
    lines = []
    if action.restart is not None:
        lines.append(QCoreApplication.translate(
            "ActionCard", "Restart dose: {dose} mcg/day ({calculation}) — a new signed and verified "
            "order").format(dose=action.restart.shown, calculation=action.restart.describe("mcg", "/day")))
    if action.dexamethasone is not None:
        lines.append(QCoreApplication.translate("ActionCard", "Dexamethasone: {dose} mg ({calculation})")
                     .format(dose=action.dexamethasone.shown,
                             calculation=action.dexamethasone.describe("mg")))
    if action.not_computed:
        lines.append(QCoreApplication.translate("ActionCard", "Doses not computed: {why}").format(
            why=action.not_computed))
    return lines


class ActionCard(QFrame):
    """One action of the label's table for this assessment."""

    def __init__(self, calls: InfusionCalls, entry: RecordedAssessment, action: ToxicityAction,
                 on_decided: Callable[[], None], parent: QWidget | None = None,
                 on_order: OrderAction | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Card")
        self.rule = action.rule
        self.calls, self.entry, self.on_decided = calls, entry, on_decided
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        reason = action.reason
        flag = self.tr("   ⚠ UNVERIFIED rule (check against the source)") if not reason.verified else ""
        layout.addWidget(_label(self.tr("{rule}  ·  {action}  ·  source {source}").format(
            rule=reason.rule, action=action_words(action.blinatumomab), source=reason.source) + flag,
            "RuleId"))
        layout.addWidget(_label(action.text))
        for line in dose_lines(action):
            dose = _label(line, "ActionDose")
            dose.setStyleSheet("font-weight: 600;")
            layout.addWidget(dose)
        for condition in action.conditions:
            layout.addWidget(_label(self.tr("Discontinue if {condition}: {state} — {detail}").format(
                condition=condition.text, state=_tr(CONDITION_WORDS[condition.met]),
                detail=condition.detail), "Muted"))
        if reason.detail:
            layout.addWidget(_label(self.tr("Data: {detail}").format(detail=reason.detail), "Muted"))
        decision = entry.decisions.get(action.rule)
        self.decision_label = _label("", "ActionDecision")
        layout.addWidget(self.decision_label)
        if decision is not None:
            what = self.tr("Followed") if decision.followed else self.tr("NOT followed: {reason}").format(
                reason=decision.reason)
            self.decision_label.setText(self.tr("✔ {what} — recorded by {by} {at} UTC").format(
                what=what, by=decision.decided_by, at=decision.decided_at.strftime("%Y-%m-%d %H:%M")))
        else:
            self.decision_label.setText(self.tr("No response recorded yet."))
        row = QHBoxLayout()
        self.followed = QPushButton(self.tr("Record: followed"))
        self.not_followed = QPushButton(self.tr("Record: not followed"))
        self.reason = line_edit(self.tr("Reason for {rule}").format(rule=action.rule),
                                self.tr("reason (required when not followed)"))
        for widget in (self.followed, self.not_followed):
            widget.setEnabled(calls.can_decide())
            if not calls.can_decide():
                widget.setToolTip(self.tr("Only a physician records what was done."))
        self.reason.setEnabled(calls.can_decide())
        self.followed.clicked.connect(lambda: self._decide(True))
        self.not_followed.clicked.connect(lambda: self._decide(False))
        row.addWidget(self.followed)
        row.addWidget(self.not_followed)
        row.addWidget(self.reason, 1)
        layout.addLayout(row)
        self.hold_button: QPushButton | None = None
        self.restart_button: QPushButton | None = None
        if on_order is not None and action.blinatumomab != "continue":
            layout.addLayout(self._order_row(action, on_order))
        self.problem = _label("", "FieldError")
        self.problem.hide()
        layout.addWidget(self.problem)

    def _order_row(self, action: ToxicityAction, on_order: OrderAction) -> QHBoxLayout:
        """"Hold order" for an action that stops the infusion; "Restart order" where the label
        gives a restart dose (a new order, signed and verified, from the recorded restart)."""
        row = QHBoxLayout()
        allowed = self.calls.can_change_orders()
        self.hold_button = QPushButton(self.tr("Ho&ld order…"))
        self.hold_button.setObjectName("HoldOrder")
        self.hold_button.clicked.connect(lambda: on_order("hold", action))
        buttons = [self.hold_button]
        if action.restart is not None:
            self.restart_button = QPushButton(self.tr("Restart &order at {dose} mcg/day…").format(
                dose=action.restart.shown))
            self.restart_button.setObjectName("RestartOrder")
            self.restart_button.clicked.connect(lambda: on_order("restart", action))
            buttons.append(self.restart_button)
        for button in buttons:
            button.setEnabled(allowed)
            if not allowed:
                button.setToolTip(self.tr("Only a physician holds or restarts the order here."))
            row.addWidget(button)
        row.addStretch(1)
        return row

    def _decide(self, followed: bool) -> None:
        try:
            self.calls.decide(self.entry.assessment_id, self.rule, followed, self.reason.text())
        except UserFacingError as exc:
            self.problem.setText("✖ " + str(exc))
            self.problem.show()
            return
        # After this click returns: the refresh replaces this card, which must not be
        # deleted while its own button's signal is still being delivered.
        QTimer.singleShot(0, self, self.on_decided)


class ActionPanel(QWidget):
    """The grades and the actions of the assessment chosen on the Infusion page."""

    def __init__(self, calls: InfusionCalls, on_decided: Callable[[], None],
                 parent: QWidget | None = None, on_order: OrderAction | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ActionPanel")
        self.calls, self.on_decided, self.on_order = calls, on_decided, on_order
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.cards: list[ActionCard] = []

    def show_assessment(self, entry: RecordedAssessment | None) -> None:
        remove_all(self.layout_)
        self.cards = []
        if entry is None:
            self.layout_.addWidget(_label(self.tr("No assessment recorded for this cycle."), "Muted"))
            return
        result = entry.result
        self.layout_.addWidget(_label(
            self.tr("Assessment {at} (cycle {cycle}), recorded by {by} — {system}").format(
                at=result.assessment.at.strftime("%Y-%m-%d %H:%M"), cycle=result.assessment.cycle,
                by=entry.recorded_by, system=result.grading_system), "SectionTitle"))
        for grade in (result.crs, result.icans):
            missing = self.tr("{summary}  (not recorded: {domains})").format(
                summary=grade.summary, domains=grade.not_recorded_words)
            self.layout_.addWidget(_label(missing if grade.not_recorded else grade.summary))
        self.layout_.addWidget(_label(self.tr("Seizure count: {detail}").format(
            detail=result.seizures.detail), "Muted"))
        if not result.actions:
            self.layout_.addWidget(_label(self.tr("No action in the label's table for these grades."),
                                          "Muted"))
        for action in result.actions:
            card = ActionCard(self.calls, entry, action, self.on_decided, on_order=self.on_order)
            self.cards.append(card)
            self.layout_.addWidget(card)
