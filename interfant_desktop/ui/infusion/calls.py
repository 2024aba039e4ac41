"""The infusion services bound to the backend's store and signed-in user, for the
Infusion page and its dialogs. A service refusal becomes :class:`UserFacingError`
(``field: problem`` split so the dialog can say which field)."""

from __future__ import annotations

import datetime as dt
from typing import TypeVar

from PySide6.QtCore import QCoreApplication

from interfant_desktop.protocol.capd import CapdSheet
from interfant_desktop.services import bags, infusion, infusion_view, toxicity
from interfant_desktop.services.bags import BagEventView, HangRequest, RemoveRequest, ScheduledBag
from interfant_desktop.services.infusion import InterruptionRequest, InterruptionView
from interfant_desktop.services.infusion_view import InfusionPicture
from interfant_desktop.services.order_workflow import IN_FORCE, OrderView
from interfant_desktop.services.permissions import CurrentUser, Permission
from interfant_desktop.services.toxicity import AssessmentOutcome, AssessmentRequest, DecisionView
from interfant_desktop.ui.backend import OrderActions, UiBackend, UserFacingError

T = TypeVar("T")


class InfusionCalls:
    """What the Infusion page asks of the services."""

    def __init__(self, backend: UiBackend, study_id: str) -> None:
        self.backend = backend
        self.study_id = study_id

    @property
    def user(self) -> CurrentUser:
        if self.backend.user is None:
            raise UserFacingError(QCoreApplication.translate("InfusionCalls", "not signed in"))
        return self.backend.user

    def can_record(self) -> bool:
        return self.backend.user is not None and self.backend.user.can(Permission.RECORD_INFUSION)

    def can_decide(self) -> bool:
        return self.backend.user is not None and self.backend.user.can(Permission.DECIDE_TOXICITY)

    def picture(self, cycle: int, now: dt.datetime | None = None,
                every_hours: float | None = None) -> InfusionPicture:
        return (infusion_view.infusion_picture(
            self.backend.store, self.user, self.study_id, cycle, now=now,
            assessment_every_hours=every_hours))

    def capd_sheet(self, on: dt.date) -> CapdSheet:
        return (toxicity.capd_sheet_for(self.backend.store, self.user,
                                                          self.study_id, on))

    def record_start(self, cycle: int, version: int, start: dt.datetime, bag_hours: int,
                     reason: str | None) -> int:
        """Record the infusion start; returns the patient's new version."""
        return (infusion.record_infusion_start(
            self.backend.store, self.user, self.study_id, version, cycle, start=start,
            bag_hours=bag_hours, reason=reason)).version

    def record_interruption(self, request: InterruptionRequest) -> InterruptionView:
        return (infusion.record_interruption(self.backend.store, self.user,
                                                               self.study_id, request))

    def record_restart(self, interruption_id: int, restarted: dt.datetime) -> InterruptionView:
        return (infusion.record_restart(self.backend.store, self.user,
                                                          self.study_id, interruption_id, restarted))

    def record_assessment(self, request: AssessmentRequest) -> AssessmentOutcome:
        return (toxicity.record_assessment(self.backend.store, self.user,
                                                             self.study_id, request))

    def decide(self, assessment_id: int, rule_id: str, followed: bool,
               reason: str | None) -> DecisionView:
        return (toxicity.decide_action(
            self.backend.store, self.user, self.study_id, assessment_id, rule_id,
            followed=followed, reason=reason))

    def can_change_orders(self) -> bool:
        return self.backend.user is not None and self.backend.user.can(Permission.CHANGE_ORDER)

    def cycle_orders(self, cycle: int) -> list[OrderView]:
        """The cycle's orders, newest first."""
        return self.orders.orders(self.study_id, cycle)

    def order_in_force(self, cycle: int) -> OrderView | None:
        """The cycle's newest order in force: verified, printed or held."""
        return next((o for o in self.cycle_orders(cycle) if o.status in IN_FORCE), None)

    def bag_order(self, cycle: int) -> tuple[int | None, tuple[ScheduledBag, ...], tuple[BagEventView, ...]]:
        """The cycle's newest order in force (a held one too: its bags are refused with the
        hold's reason), its schedule and its bag events."""
        order = self.order_in_force(cycle)
        if order is None:
            return None, (), ()
        events = bags.bag_events(self.backend.store, self.user, self.study_id, order.id)
        return order.id, bags.schedule_in(order.content), events

    @property
    def orders(self) -> OrderActions:
        """The order workflow's door (hold and restart from the physician's action)."""
        return OrderActions(self.backend)

    def hang_bag(self, order_id: int, request: HangRequest) -> BagEventView:
        return (bags.hang_bag(self.backend.store, self.user, self.study_id,
                                                order_id, request))

    def remove_bag(self, order_id: int, request: RemoveRequest) -> BagEventView:
        return (bags.remove_bag(self.backend.store, self.user, self.study_id,
                                                  order_id, request))

    def mark_interruption_in_error(self, interruption_id: int, reason: str) -> None:
        infusion.mark_interruption_in_error(self.backend.store, self.user, self.study_id,
                                            interruption_id, reason)

    def mark_assessment_in_error(self, assessment_id: int, reason: str) -> None:
        toxicity.mark_assessment_in_error(self.backend.store, self.user, self.study_id,
                                          assessment_id, reason)

    def mark_bag_event_in_error(self, order_id: int, event_id: int, reason: str) -> None:
        bags.mark_bag_event_in_error(self.backend.store, self.user, self.study_id, order_id,
                                     event_id, reason)
