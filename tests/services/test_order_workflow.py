"""Order workflow: who may do what, and in which order. Every order is made through the
real workflow (start_order); there is no way to store caller-given order content."""

from __future__ import annotations

import importlib
import inspect

import pytest
from sqlalchemy import select

from interfant_desktop import services
from interfant_desktop.services import clinical, order_workflow, patients
from interfant_desktop.services.errors import ConflictError, InputError, PermissionDenied
from interfant_desktop.services.permissions import CurrentUser
from interfant_desktop.services.store_access import Store
from interfant_desktop.store.models import Order, Patient
from tests.order_helpers import signed_order, start_draft, verified_order
from tests.store.fixtures import PASSWORD, fictitious_case


def _draft(store: Store, users: dict[str, CurrentUser], study_id: str = "O-1",
           **identity: str | None) -> order_workflow.OrderView:
    patients.import_case(store, users["doc"], fictitious_case(study_id, **identity))
    return start_draft(store, users["doc"], study_id)


def test_caller_given_content_cannot_be_stored() -> None:
    assert not hasattr(order_workflow, "create_order_draft")
    assert "create_order_draft" not in (services.__doc__ or "")
    assert "create_order_draft" not in (order_workflow.__doc__ or "")
    # The workflow is split by concern: look at every function of every order module.
    modules = [importlib.import_module(f"interfant_desktop.services.{name}") for name in
               ("order_state", "order_start", "order_signatures", "order_blinding",
                "order_verification", "order_printing")]
    public = [obj for module in modules
              for name, obj in inspect.getmembers(module, inspect.isfunction)
              if not name.startswith("_") and obj.__module__ == module.__name__]
    assert {"start_order", "sign_order", "verify_order", "print_order"} <= \
        {f.__name__ for f in public}
    makers = [f.__name__ for f in public if f.__name__ != "context_hash"
              and "content" in inspect.signature(f).parameters]
    assert makers == []


def test_started_order_signs_and_only_another_person_verifies(
        store: Store, users: dict[str, CurrentUser]) -> None:
    order = _draft(store, users)
    assert order.status == "draft" and order.started
    assert order.content_hash == order_workflow.context_hash(order.content)
    signed = order_workflow.sign_order(store, users["doc"], order.id, order.version, password=PASSWORD)
    assert (signed.status, signed.prescriber) == ("signed", "doc")
    weight, height = order.content["order"]["weight_kg"], order.content["order"]["height_cm"]
    with pytest.raises(PermissionDenied, match="may not also verify"):
        order_workflow.verify_order(store, users["doc"], order.id, signed.version,
                                    weight_kg=weight, height_cm=height, password=PASSWORD)
    with pytest.raises(ConflictError):  # stale version of the order
        order_workflow.verify_order(store, users["pharma"], order.id, order.version,
                                    weight_kg=weight, height_cm=height, password=PASSWORD)
    verified = order_workflow.verify_order(store, users["pharma"], order.id, signed.version,
                                           weight_kg=weight, height_cm=height, password=PASSWORD)
    assert (verified.status, verified.verifier) == ("verified", "pharma")
    assert [o.id for o in order_workflow.list_orders(store, users["dm"], "O-1")] == [order.id]


def test_an_order_stored_without_context_is_never_verified(
        store: Store, users: dict[str, CurrentUser]) -> None:
    """Orders written by older versions (no order context) stay unverifiable."""
    record = patients.import_case(store, users["doc"], fictitious_case("O-3"))
    legacy = {"cycle": 1, "bsa_m2": 0.34,
              "steps": [{"first_day": 1, "last_day": 28, "dose_mcg_per_day": 5.1}]}
    with store.transaction() as session:
        patient = session.execute(select(Patient).where(Patient.study_id == "O-3")).scalar_one()
        row = Order(patient_id=patient.id, cycle=1, status="signed", content=legacy,
                    content_hash=order_workflow.context_hash(legacy),
                    protocol_version=order_workflow.protocol().version,
                    patient_version=record.version, created_by="doc", prescriber="doc")
        session.add(row)
        session.flush()
        order_id = row.id
    order = order_workflow.get_order(store, users["pharma"], order_id)
    assert not order.started
    with pytest.raises(ConflictError, match="without the engine's order context"):
        order_workflow.verify_order(store, users["pharma"], order_id, order.version,
                                    weight_kg=5.1, height_cm=58, password=PASSWORD)
    with pytest.raises(ConflictError, match="without the engine's order context"):
        order_workflow.preview_order_pdf(store, users["doc"], order_id)


def test_steps_cannot_be_skipped(store: Store, users: dict[str, CurrentUser]) -> None:
    order = _draft(store, users)
    with pytest.raises(ConflictError, match="only a signed order"):
        order_workflow.verify_order(store, users["pharma"], order.id, order.version,
                                    weight_kg=5.1, height_cm=58, password=PASSWORD)
    with pytest.raises(ConflictError, match="only a verified order"):
        order_workflow.print_order(store, users["nurse"], order.id, order.version,
                                   password=PASSWORD)
    with pytest.raises(PermissionDenied):
        order_workflow.sign_order(store, users["pharma"], order.id, order.version, password=PASSWORD)


def test_signing_needs_name_and_hospital_number(store: Store,
                                                users: dict[str, CurrentUser]) -> None:
    patients.import_case(store, users["doc"],
                         fictitious_case("O-2", name=None, hospital_number=None))
    order = start_draft(store, users["doc"], "O-2")
    with pytest.raises(InputError, match="name and hospital number"):
        order_workflow.sign_order(store, users["doc"], order.id, order.version, password=PASSWORD)
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


def test_only_a_pharmacist_is_blinded_and_only_while_an_order_awaits_verification(
        store: Store, users: dict[str, CurrentUser]) -> None:
    patients.import_case(store, users["doc"], fictitious_case("B-1"))
    draft = start_draft(store, users["doc"], "B-1")
    assert not order_workflow.blinded_for(store, users["pharma"], "B-1")  # draft: not yet
    signed = order_workflow.sign_order(store, users["doc"], draft.id, draft.version, password=PASSWORD)
    assert order_workflow.blinded_for(store, users["pharma"], "B-1")
    assert order_workflow.blinded_cycles(store, users["pharma"], "B-1") == {1}
    for name in ("doc", "doc2", "nurse", "dm"):
        assert not order_workflow.blinded_for(store, users[name], "B-1"), name
    with pytest.raises(PermissionDenied, match="hidden until you verify"):
        order_workflow.preview_order_pdf(store, users["pharma"], signed.id)
    assert order_workflow.preview_order_pdf(store, users["nurse"], signed.id).pdf
    order = signed.content["order"]
    order_workflow.verify_order(store, users["pharma"], signed.id, signed.version,
                                weight_kg=order["weight_kg"], height_cm=order["height_cm"], password=PASSWORD)
    assert not order_workflow.blinded_for(store, users["pharma"], "B-1")
    # another patient's signed order does not blind this one
    patients.import_case(store, users["doc"], fictitious_case("B-2"))
    signed_order(store, users["doc"], "B-2")
    assert not order_workflow.blinded_for(store, users["pharma"], "B-1")
    assert order_workflow.blinded_for(store, users["pharma"], "B-2")


def test_measurement_events_are_recognised() -> None:
    reveals = order_workflow.reveals_measurements
    assert reveals("blinatumomab[0].weight_kg", 5.0, 5.1)
    assert reveals("blinatumomab[1].height_cm", None, 60)
    assert reveals("blinatumomab", None, [{"cycle": 1, "weight_kg": 5.1}])
    assert reveals("verification", None, {"weight_kg": 5.1, "height_cm": 58})
    assert reveals(None, None, {"patient": {}, "blinatumomab": []})  # an imported case
    assert reveals("status", None, {"status": "draft", "confirmed_warnings": ["Weight …"]})
    assert not reveals("blinatumomab[0].weight_date", None, "2026-05-22")
    assert not reveals("diagnosis.wbc.value", 300, 450)
    assert not reveals("status", "draft", "signed")


def test_verified_order_helper_goes_through_the_workflow(
        store: Store, users: dict[str, CurrentUser]) -> None:
    patients.import_case(store, users["doc"], fictitious_case("O-4"))
    order = verified_order(store, users["doc"], users["pharma"], "O-4")
    assert (order.status, order.prescriber, order.verifier) == ("verified", "doc", "pharma")
