"""The order workflow's calls into the services, for the order dialogs.

Every call goes through the signed-in :class:`UiBackend` (its store and user) and turns
a service refusal into :class:`OrderActionError`, which keeps what the dialogs need:
the warnings to confirm, the differences of a failed verification, and whether the
refusal is a conflict (reload) rather than a wrong input.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection
from typing import TypeVar

from interfant_desktop.services import order_workflow, patients, signing_keys
from interfant_desktop.services.errors import ConflictError, ServiceError
from interfant_desktop.services.order_workflow import (
    OrderPdf,
    OrderPlan,
    OrderView,
    VerificationMismatch,
    VerificationTask,
    WarningsNotConfirmed,
)
from interfant_desktop.services.permissions import CurrentUser, Permission
from interfant_desktop.ui.backend import UiBackend, UserFacingError
from interfant_desktop.ui.operations import CollectionOp

T = TypeVar("T")


class OrderActionError(UserFacingError):
    """A refusal of the order workflow, in words, with its details for the dialog."""

    def __init__(self, message: str, *, warnings: tuple[str, ...] = (),
                 differences: tuple[str, ...] = (), conflict: bool = False) -> None:
        super().__init__(message)
        self.warnings = warnings
        self.differences = differences
        self.conflict = conflict


class OrderActions:
    """The order services bound to the backend's store and signed-in user."""

    def __init__(self, backend: UiBackend) -> None:
        self.backend = backend

    @property
    def user(self) -> CurrentUser:
        if self.backend.user is None:
            raise OrderActionError("not signed in")
        return self.backend.user

    def can(self, permission: Permission) -> bool:
        return self.backend.user is not None and self.backend.user.can(permission)

    def _call(self, call: Callable[[], T]) -> T:
        try:
            return call()
        except WarningsNotConfirmed as exc:
            raise OrderActionError(str(exc), warnings=exc.warnings) from None
        except VerificationMismatch as exc:
            raise OrderActionError(str(exc), differences=exc.differences) from None
        except ConflictError as exc:
            raise OrderActionError(str(exc), conflict=True) from None
        except ServiceError as exc:
            raise OrderActionError(str(exc)) from None

    def _off_gui_thread(self, call: Callable[[], T]) -> T:
        """:meth:`_call` on the store worker, the window repainting meanwhile: rendering
        an order (and, on a distant server, its signature checks) takes long enough to
        freeze it. The PDF bytes come back; every widget stays on the GUI thread."""
        return CollectionOp(None, lambda: self._call(call)).wait()

    # --- reading -------------------------------------------------------------------------
    def orders(self, study_id: str, cycle: int) -> list[OrderView]:
        """The patient's orders of ``cycle``, newest first."""
        views = self._call(lambda: order_workflow.list_orders(self.backend.store, self.user,
                                                              study_id))
        return [v for v in views if v.cycle == cycle]

    def order(self, order_id: int) -> OrderView:
        return self._call(lambda: order_workflow.get_order(self.backend.store, self.user,
                                                           order_id))

    def patient_version_and_cycle(self, study_id: str, cycle: int) -> tuple[int, dict[str, object]]:
        """The patient's version and the cycle's recorded measurements (may be empty)."""
        record = self._call(lambda: patients.open_patient(self.backend.store, self.user,
                                                          study_id))
        entry: dict[str, object] = next((c for c in record.case_json.get("blinatumomab") or []
                      if c.get("cycle") == cycle), {})
        return record.version, dict(entry)

    def task(self, order_id: int) -> VerificationTask:
        """The blinded view of a signed order, for the verifier."""
        return self._call(lambda: order_workflow.verification_task(self.backend.store,
                                                                   self.user, order_id))

    # --- the workflow ----------------------------------------------------------------------
    def plan(self, study_id: str, cycle: int, *, weight_kg: float, height_cm: float,
             weight_date: dt.date, height_date: dt.date,
             start_date: dt.date | None, start_time: dt.time | None = None,
             bag_hours: int | None = None) -> OrderPlan:
        return self._call(lambda: order_workflow.plan_order(
            self.backend.store, self.user, study_id, cycle, weight_kg=weight_kg,
            height_cm=height_cm, weight_date=weight_date, height_date=height_date,
            start_date=start_date, start_time=start_time, bag_hours=bag_hours))

    def start(self, study_id: str, version: int, cycle: int, *, weight_kg: float,
              height_cm: float, weight_date: dt.date, height_date: dt.date,
              start_date: dt.date | None, confirm_warnings: Collection[str],
              reason: str | None, start_time: dt.time | None = None,
              bag_hours: int | None = None) -> OrderView:
        return self._call(lambda: order_workflow.start_order(
            self.backend.store, self.user, study_id, version, cycle, weight_kg=weight_kg,
            height_cm=height_cm, weight_date=weight_date, height_date=height_date,
            start_date=start_date, confirm_warnings=confirm_warnings, reason=reason,
            start_time=start_time, bag_hours=bag_hours))

    def sign(self, order: OrderView, password: str) -> OrderView:
        """Sign a draft ("prescribed"); ``password`` is the user's, asked again."""
        return self._call(lambda: order_workflow.sign_order(self.backend.store, self.user,
                                                            order.id, order.version,
                                                            password=password))

    def verify(self, task: VerificationTask, weight_kg: float, height_cm: float,
               password: str) -> OrderView:
        return self._call(lambda: order_workflow.verify_order(
            self.backend.store, self.user, task.id, task.version, weight_kg=weight_kg,
            height_cm=height_cm, password=password))

    def preview(self, order_id: int) -> OrderPdf:
        return self._off_gui_thread(lambda: order_workflow.preview_order_pdf(
            self.backend.store, self.user, order_id))

    def save_file(self, order_id: int) -> OrderPdf:
        """The checked sheet marked FILE COPY (audited; not a print: the original stays)."""
        return self._call(lambda: order_workflow.save_order_file(self.backend.store, self.user,
                                                                 order_id))

    def print_sheet(self, order: OrderView, password: str) -> OrderPdf:
        """Check, sign ("printed for administration"), render a verified order and record
        the print (a reprint says COPY)."""
        return self._off_gui_thread(lambda: order_workflow.print_order(
            self.backend.store, self.user, order.id, order.version, password=password))

    def site_fingerprint(self) -> str | None:
        """The site's root signing key fingerprint (the trust anchor printed on orders)."""
        return self._call(lambda: signing_keys.site_fingerprint(self.backend.store))

    def cancel(self, order: OrderView, reason: str) -> OrderView:
        return self._call(lambda: order_workflow.cancel_order(self.backend.store, self.user,
                                                              order.id, order.version, reason))
