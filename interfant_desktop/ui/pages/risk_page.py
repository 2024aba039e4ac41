"""Step 3 — Risk group: MR or HR with the rule, its wording and source, and every re-allocation."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout

from interfant_desktop.ui.pages.base import WorkspacePage
from interfant_desktop.ui.widgets.rule_card import RuleCard

if TYPE_CHECKING:
    from interfant_desktop.protocol.reasons import Reason
    from interfant_desktop.protocol.risk_outlook import PointAhead
    from interfant_desktop.ui.workspace import PatientWorkspace


class RiskPage(WorkspacePage):
    """Shows the engine's risk answer; nothing here is editable."""

    def __init__(self, workspace: PatientWorkspace) -> None:
        super().__init__(workspace, self.tr("Risk group"))
        self.banner = self.add_banner()
        self.at_diagnosis = QLabel()
        self.at_diagnosis.setWordWrap(True)
        self.body.addWidget(self.at_diagnosis)
        self.section_title(self.tr("Why (rule, wording, source)"))
        self.reasons_holder = self._holder()
        self.section_title(self.tr("Re-allocations"))
        self.realloc_holder = self._holder()
        self.section_title(self.tr("Settled by a clinician's decision (who, when, what, why)"))
        self.decided_holder = self._holder()
        self.section_title(self.tr("Still to come (points that can still change the group)"))
        self.ahead_holder = self._holder()
        self.body.addStretch(1)

    def _holder(self) -> QLabel:
        # A marker label after which cards are inserted; keeps the page order stable.
        marker = QLabel()
        marker.hide()
        self.body.addWidget(marker)
        return marker

    def _clear_cards(self) -> None:
        for card in self.findChildren(RuleCard):
            self.body.removeWidget(card)
            card.deleteLater()

    def _card(self, reason: Reason, heading: str = "") -> RuleCard:
        """A rule card that says so when the protocol file marks the rule unverified."""
        card = RuleCard(reason, heading)
        if not reason.verified:
            card.setToolTip(self.tr("Unverified setting: check the protocol document."))
            card_layout = card.layout()
            if card_layout is not None:
                card_layout.addWidget(QLabel(self.tr(
                    "⚠ UNVERIFIED setting — confirm with the protocol document before "
                    "acting.")))
        return card

    def _ahead_card(self, point: PointAhead) -> QFrame:
        """A point still ahead: what it decides, what it waits for, and its rules."""
        card = QFrame()
        card.setObjectName("Card")
        layout = QVBoxLayout(card)
        layout.setContentsMargins(12, 8, 12, 8)
        lines = [f"<b>{_escape(point.point)}</b>",
                 self.tr("Waits for: {what}").format(what=_escape(", ".join(point.waits_for)))]
        lines += [f"{_escape(r.rule)} ({_escape(r.source)}): {_escape(r.text)}"
                  + (self.tr(" — ⚠ UNVERIFIED setting") if not r.verified else "")
                  for r in point.rules]
        for text in lines:
            label = QLabel(text)
            label.setWordWrap(True)
            layout.addWidget(label)
        card.setAccessibleName(self.tr("Still to come: {point}").format(point=point.point))
        card.setAccessibleDescription("; ".join(r.rule for r in point.rules))
        return card

    def _clear_ahead(self) -> None:
        for card in self.findChildren(QFrame, "Card"):
            if card.accessibleName().startswith(self.tr("Still to come: ")):
                self.body.removeWidget(card)
                card.deleteLater()

    def refresh(self) -> None:
        risk = self.evaluation.risk
        current, status, subgroup = risk.current, risk.status, risk.subgroup
        if status == "review":
            self.banner.set_status("warn", self.tr("RISK GROUP: needs a clinician's decision"),
                                   self.tr("See the review item above: the protocol does not "
                                           "settle this case."))
        elif status == "pending" or not current:
            missing = ", ".join(risk.missing_names)
            self.banner.set_status("neutral", self.tr("RISK GROUP: pending"),
                                   self.tr("Still needed: {what}").format(
                                       what=missing or self.tr("see the rules below")))
        else:
            tone = "bad" if current == "HR" else "info"
            words = {"HR": self.tr("HIGH RISK (HR)"), "MR": self.tr("MEDIUM RISK (MR)")}
            title = words.get(current, current)
            if subgroup:
                title += f" — {subgroup}"
            ahead = self.evaluation.risk_outlook.ahead
            self.banner.set_status(tone, self.tr("RISK GROUP: {group}").format(group=title) + (
                self.tr(" — so far; re-assessed at the points still to come") if ahead else ""))
        # Not "status: final": say what is settled and what is still ahead (the engine's outlook).
        outlook = self.evaluation.risk_outlook
        settled = "; ".join(outlook.settled) or self.tr("nothing yet")
        # A group not (yet) known is said in words, not "—": open for a clinician, or pending.
        unknown = self.tr("open (a clinician decides)") if status == "review" else self.tr("pending")
        self.at_diagnosis.setText(self.tr(
            "At diagnosis: {dx} · now: {now}\nSettled so far: {settled}\n{ahead}").format(
                dx=risk.at_diagnosis or unknown, now=current or unknown, settled=settled,
                ahead=self.tr("Still to come: {points}").format(
                    points="; ".join(p.point for p in outlook.ahead)) if outlook.ahead
                else self.tr("Nothing still to come: no decision point ahead.")))
        self._clear_cards()
        self._clear_ahead()
        index = self.body.indexOf(self.reasons_holder) + 1
        if not risk.reasons:
            self.body.insertWidget(index, RuleCard(None, text=self.tr(
                "No rule has decided the group yet (see the banner above).")))
            index += 1
        for reason in risk.reasons:
            self.body.insertWidget(index, self._card(
                reason, self.tr("Clinician decision") if reason.by_clinician else ""))
            index += 1
        index = self.body.indexOf(self.realloc_holder) + 1
        if not risk.reallocations:
            card = RuleCard(None, text=self.tr("No re-allocation."))
            self.body.insertWidget(index, card)
        for item in risk.reallocations:
            heading = self.tr("{when}: {frm} → {to}").format(
                when=item.when.replace("_", " "), frm=item.from_group, to=item.to_group)
            self.body.insertWidget(index, RuleCard(item.reason, heading))
            index += 1
        index = self.body.indexOf(self.decided_holder) + 1
        resolved = list(self.evaluation.resolved)
        if not resolved:
            self.body.insertWidget(index, RuleCard(None, text=self.tr(
                "No review question has been settled by a clinician.")))
            index += 1
        for reason in resolved:
            self.body.insertWidget(index, self._card(reason, self.tr("Clinician decision")))
            index += 1
        index = self.body.indexOf(self.ahead_holder) + 1
        if not outlook.ahead:
            self.body.insertWidget(index, RuleCard(None, text=self.tr("No decision point ahead.")))
        for point in outlook.ahead:
            self.body.insertWidget(index, self._ahead_card(point))
            index += 1


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
