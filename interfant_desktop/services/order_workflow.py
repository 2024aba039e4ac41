"""The order workflow: draft -> signed -> verified -> printed (or cancelled); then held,
released, discontinued, or superseded by a modified or restart order.

One import for the GUI and the CLI; the work is split by concern:

* ``order_state``: the stored order, its read model, stale rules, cancel, get, list;
* ``order_start``: ``plan_order`` / ``start_order`` (one transaction, full order context);
* ``order_signatures``: electronic signatures (password asked again) and their check;
  ``sign_order``;
* ``order_blinding`` / ``blinding``: the verifier's blinded view on every read path;
* ``order_verification``: the independent, blinded ``verify_order``;
* ``order_printing``: ``preview_order_pdf`` and ``print_order``, each checking every
  signature, certificate, the stored facts and the engine's doses first;
* ``order_lifecycle``: ``hold_order``, ``release_order``, ``discontinue_order``,
  ``modify_order``, ``restart_order`` (each signed with the password and a reason).

Rules enforced in the services (not only in the GUI):

* drafting and signing need a physician; a nurse cannot sign;
* an order is signed only when the patient's name and hospital number are recorded,
  the allergy status is recorded and the order is not stale;
* signing, verifying and printing each need the user's password again: it unlocks
  their signing key for that one signature ("prescribed", "verified", "printed for
  administration");
* the verifier (pharmacist or physician) is never someone who drafted the order,
  entered its measurements, signed it, or read the hidden values meanwhile;
* printing needs a verified (or already printed) order whose signatures, certificates,
  facts and doses all check; every print is signed and recorded;
* cancelling needs a reason; printed or cancelled orders are final;
* a change to the patient's data (or the protocol file) marks open orders ``stale``.

API: ``plan_order(store, user, study_id, cycle, *, weight_kg, height_cm, weight_date,
height_date, start_date=None, start_time=None, bag_hours=None, today=None) -> OrderPlan``,
``start_order(store, user, study_id, expected_version, cycle, *, weight_kg, height_cm,
weight_date, height_date, start_date=None, confirm_warnings=(), reason=None,
start_time=None, bag_hours=None, today=None)`` (the start time and bag length place the
bag schedule, stored with the order; no order without a start time), ``bag_lengths()``,
``sign_order(store, user, order_id, expected_version, *, password)``,
``verification_task(store, user, order_id) -> VerificationTask`` (blinded: no measurement,
no dose), ``verify_order(store, user, order_id, expected_version, *, weight_kg, height_cm,
password)`` (blinded re-entry; a mismatch raises :class:`VerificationMismatch`),
``preview_order_pdf(store, user, order_id) -> OrderPdf`` (DRAFT watermark unless verified),
``save_order_file(store, user, order_id) -> OrderPdf`` (marked FILE COPY; audited; not a print),
``print_order(store, user, order_id, expected_version, *, password) -> OrderPdf`` (checks,
signs, renders and records the print; a reprint says COPY with the original print time),
``cancel_order(store, user, order_id, expected_version, reason)``,
``get_order(store, user, order_id)``, ``list_orders(store, user, study_id)``,
``hold_order`` / ``release_order`` / ``discontinue_order(store, user, order_id,
expected_version, *, reason, password) -> OrderView``, ``modify_order(..., *, reason,
password, weight_kg=None, ..., bag_hours=None) -> NewOrder`` and ``restart_order(..., *,
reason, password) -> NewOrder`` (the new draft and the superseded order),
``blinded_cycles(store, user, study_id) -> frozenset[int]``,
``blinded_for(store, user, study_id) -> bool`` and
``reveals_measurements(field, old, new)`` (audit events to hide from a blinded user).
Each returns an ``OrderView``; ``expected_version`` is ``OrderView.version``
(for ``start_order``, the patient's ``PatientRecord.version``).
"""

from __future__ import annotations

from interfant_desktop.services.blinding import reveals_measurements
from interfant_desktop.services.order_blinding import (
    VerificationTask,
    blinded_cycles,
    blinded_for,
    verification_task,
)
from interfant_desktop.services.order_lifecycle import (
    NewOrder,
    discontinue_order,
    hold_order,
    hold_reason,
    modify_order,
    release_order,
    restart_order,
)
from interfant_desktop.services.order_printing import (
    OrderPdf,
    preview_order_pdf,
    print_order,
    save_order_file,
)
from interfant_desktop.services.order_signatures import (
    Meaning,
    SignatureLine,
    TamperingDetected,
    sign_order,
)
from interfant_desktop.services.order_start import (
    OrderPlan,
    OrderRefused,
    WarningsNotConfirmed,
    bag_lengths,
    plan_order,
    start_order,
)
from interfant_desktop.services.order_state import (
    CONTEXT_FORMAT,
    IN_FORCE,
    HistoryEntry,
    OrderView,
    Status,
    cancel_order,
    context_hash,
    get_order,
    list_orders,
    order_code,
    protocol,
)
from interfant_desktop.services.order_verification import VerificationMismatch, verify_order
from interfant_desktop.services.signing_keys import SignatureRefused

__all__ = [
    "CONTEXT_FORMAT",
    "IN_FORCE",
    "HistoryEntry",
    "Meaning",
    "NewOrder",
    "OrderPdf",
    "OrderPlan",
    "OrderRefused",
    "OrderView",
    "SignatureLine",
    "SignatureRefused",
    "Status",
    "TamperingDetected",
    "VerificationMismatch",
    "VerificationTask",
    "WarningsNotConfirmed",
    "bag_lengths",
    "blinded_cycles",
    "blinded_for",
    "cancel_order",
    "context_hash",
    "discontinue_order",
    "get_order",
    "hold_order",
    "hold_reason",
    "list_orders",
    "modify_order",
    "order_code",
    "plan_order",
    "preview_order_pdf",
    "print_order",
    "protocol",
    "release_order",
    "restart_order",
    "reveals_measurements",
    "save_order_file",
    "sign_order",
    "start_order",
    "verification_task",
    "verify_order",
]
