"""Order workflow: who may do what, and in which order."""

from __future__ import annotations

import pytest

from interfant_desktop.services import clinical, order_workflow, patients
from interfant_desktop.services.errors import ConflictError, InputError, PermissionDenied
from interfant_desktop.services.permissions import CurrentUser
from interfant_desktop.services.store_access import Store
from tests.store.fixtures import fictitious_case

CONTENT = {"cycle": 1, "bsa_m2": 0.34, "bsa_formula": "mosteller",
           "steps": [{"first_day": 1, "last_day": 28, "dose_mcg_per_day": 5.1}]}


def _draft(store: Store, users: dict[str, CurrentUser], study_id: str = "O-1",
           **identity: str | None) -> order_workflow.OrderView:
    record = patients.import_case(store, users["doc"], fictitious_case(study_id, **identity))
    return order_workflow.create_order_draft(store, users["doc"], study_id, record.version, 1,
                                             CONTENT)


def test_legacy_draft_signs_but_cannot_be_verified_without_context(
        store: Store, users: dict[str, CurrentUser]) -> None:
    order = _draft(store, users)
    assert order.status == "draft" and order.content == CONTENT and not order.started
    assert order.content_hash == order_workflow.content_hash(CONTENT)
    signed = order_workflow.sign_order(store, users["doc"], order.id, order.version)
    assert (signed.status, signed.prescriber) == ("signed", "doc")
    with pytest.raises(PermissionDenied, match="may not also verify"):
        order_workflow.verify_order(store, users["doc"], order.id, signed.version,
                                    weight_kg=5.1, height_cm=58)
    with pytest.raises(ConflictError):  # stale version of the order
        order_workflow.verify_order(store, users["pharma"], order.id, order.version,
                                    weight_kg=5.1, height_cm=58)
    with pytest.raises(ConflictError, match="without the engine's order context"):
        order_workflow.verify_order(store, users["pharma"], order.id, signed.version,
                                    weight_kg=5.1, height_cm=58)
    assert [o.id for o in order_workflow.list_orders(store, users["dm"], "O-1")] == [order.id]


def test_steps_cannot_be_skipped(store: Store, users: dict[str, CurrentUser]) -> None:
    order = _draft(store, users)
    with pytest.raises(ConflictError, match="only a signed order"):
        order_workflow.verify_order(store, users["pharma"], order.id, order.version,
                                    weight_kg=5.1, height_cm=58)
    with pytest.raises(ConflictError, match="only a verified order"):
        order_workflow.record_print(store, users["nurse"], order.id, order.version)
    with pytest.raises(PermissionDenied):
        order_workflow.sign_order(store, users["pharma"], order.id, order.version)


def test_signing_needs_name_and_hospital_number(store: Store,
                                                users: dict[str, CurrentUser]) -> None:
    record = patients.import_case(store, users["doc"],
                                  fictitious_case("O-2", name=None, hospital_number=None))
    order = order_workflow.create_order_draft(store, users["doc"], "O-2", record.version, 1,
                                              CONTENT)
    with pytest.raises(InputError, match="name and hospital number"):
        order_workflow.sign_order(store, users["doc"], order.id, order.version)
    latest = patients.open_patient(store, users["doc"], "O-2")
    clinical.update_section(store, users["doc"], "O-2", latest.version, "patient",
                            {"name": "Fictitious Baby", "hospital_number": "H-2"})
    order = order_workflow.get_order(store, users["doc"], order.id)
    assert order.stale  # identity changed after drafting: draft again
    cancelled = order_workflow.cancel_order(store, users["pharma"], order.id, order.version,
                                            "patient identity completed; redrafted")
    assert (cancelled.status, cancelled.cancelled_by) == ("cancelled", "pharma")


def test_cancelling_needs_a_reason(store: Store, users: dict[str, CurrentUser]) -> None:
    order = _draft(store, users)
    with pytest.raises(InputError, match="reason is required"):
        order_workflow.cancel_order(store, users["doc"], order.id, order.version, "  ")
    with pytest.raises(PermissionDenied):
        order_workflow.cancel_order(store, users["nurse"], order.id, order.version, "x")
