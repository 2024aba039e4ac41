"""Electronic signatures, the check before every print, the independent blinded verifier
and the account re-check, on SQLite and on the real PostgreSQL server.

The forgeries write to the database directly, as someone with the database file or
credential could: each one ends in a refusal with one line and an audit event."""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

import pytest
from sqlalchemy import select, update

from interfant_desktop.services import audit, clinical, order_workflow, patients
from interfant_desktop.services import users as user_admin
from interfant_desktop.services.accounts import AccountRefused
from interfant_desktop.services.clinical import CycleMeasurements
from interfant_desktop.services.errors import PermissionDenied
from interfant_desktop.services.order_workflow import SignatureRefused, TamperingDetected
from interfant_desktop.services.permissions import CurrentUser
from interfant_desktop.services.store_access import Store
from interfant_desktop.store import signing
from interfant_desktop.store.models import (
    AuditEvent,
    BlinatumomabCycle,
    Order,
    OrderSignature,
    Patient,
    SigningKey,
    User,
    utc_now,
)
from tests.order_helpers import signed_order, start_draft, verified_order
from tests.orders.pdftext import all_text
from tests.services.test_order_started import squash
from tests.store.fixtures import PASSWORD, fictitious_case


def _verified(store: Store, users: dict[str, CurrentUser], study_id: str) -> Any:
    patients.import_case(store, users["doc"], fictitious_case(study_id))
    return verified_order(store, users["doc"], users["pharma"], study_id)


def _events(store: Store, action: str) -> list[AuditEvent]:
    with store.sessions() as session:
        return list(session.execute(select(AuditEvent).where(AuditEvent.action == action))
                    .scalars())


def _print(store: Store, user: CurrentUser, order_id: int) -> Any:
    order = order_workflow.get_order(store, user, order_id)
    return order_workflow.print_order(store, user, order.id, order.version, password=PASSWORD)


def _refused(store: Store, users: dict[str, CurrentUser], order_id: int, match: str) -> None:
    before = len(_events(store, "print_refused"))
    with pytest.raises(TamperingDetected, match=match) as exc:
        _print(store, users["nurse"], order_id)
    assert "\n" not in str(exc.value)
    assert len(_events(store, "print_refused")) == before + 1


def test_signing_verifying_and_printing_need_the_password(
        store: Store, users: dict[str, CurrentUser]) -> None:
    patients.import_case(store, users["doc"], fictitious_case("E-1"))
    draft = start_draft(store, users["doc"], "E-1")
    with pytest.raises(TypeError):
        order_workflow.sign_order(store, users["doc"], draft.id, draft.version)  # type: ignore[call-arg]
    with pytest.raises(SignatureRefused, match="wrong password"):
        order_workflow.sign_order(store, users["doc"], draft.id, draft.version, password="guess")
    assert order_workflow.get_order(store, users["doc"], draft.id).status == "draft"
    assert [e.username for e in _events(store, "signature_refused")] == ["doc"]
    signed = order_workflow.sign_order(store, users["doc"], draft.id, draft.version,
                                       password=PASSWORD)
    weight, height = draft.content["order"]["weight_kg"], draft.content["order"]["height_cm"]
    with pytest.raises(SignatureRefused):
        order_workflow.verify_order(store, users["pharma"], signed.id, signed.version,
                                    weight_kg=weight, height_cm=height, password="guess")
    verified = order_workflow.verify_order(store, users["pharma"], signed.id, signed.version,
                                           weight_kg=weight, height_cm=height, password=PASSWORD)
    with pytest.raises(SignatureRefused):
        order_workflow.print_order(store, users["nurse"], verified.id, verified.version,
                                   password="guess")
    sheet = order_workflow.print_order(store, users["nurse"], verified.id, verified.version,
                                       password=PASSWORD)
    text = squash(all_text(sheet.pdf))
    with store.sessions() as session:
        rows = list(session.execute(select(OrderSignature).order_by(OrderSignature.id)).scalars())
    assert [(r.meaning, r.username) for r in rows] == [
        ("prescribed", "doc"), ("verified", "pharma"), ("printed for administration", "nurse")]
    assert all(r.signed_at.tzinfo is not None for r in rows)
    assert "Electronic signatures: prescribed by doc" in text
    assert "verified by pharma" in text and "printed for administration by nurse" in text
    assert sheet.site_key_fingerprint and squash(sheet.site_key_fingerprint) in text


def test_a_forged_dose_with_its_hash_recomputed_is_refused(
        store: Store, users: dict[str, CurrentUser]) -> None:
    order = _verified(store, users, "E-2")
    forged = copy.deepcopy(order.content)
    for step in forged["order"]["steps"]:
        step["dose_mcg_per_day"] = step["dose_mcg_per_day"] * 10
    with store.transaction() as session:
        session.execute(update(Order).where(Order.id == order.id).values(
            content=forged, content_hash=order_workflow.context_hash(forged)))
    _refused(store, users, order.id, "does not match the order")


def test_a_forged_weight_in_the_patient_record_is_refused(
        store: Store, users: dict[str, CurrentUser]) -> None:
    order = _verified(store, users, "E-3")
    _print(store, users["nurse"], order.id)  # the first print is fine
    with store.transaction() as session:
        patient = session.execute(select(Patient).where(Patient.study_id == "E-3")).scalar_one()
        session.execute(update(BlinatumomabCycle).where(
            BlinatumomabCycle.patient_id == patient.id, BlinatumomabCycle.cycle == 1)
            .values(weight_kg=BlinatumomabCycle.weight_kg * 10))
    _refused(store, users, order.id, "stored weight, height or dates of cycle 1")  # reprint


def test_a_forged_status_is_refused(store: Store, users: dict[str, CurrentUser]) -> None:
    patients.import_case(store, users["doc"], fictitious_case("E-4"))
    order = signed_order(store, users["doc"], "E-4")
    with store.transaction() as session:
        session.execute(update(Order).where(Order.id == order.id).values(
            status="verified", verifier="pharma", verified_at=utc_now()))
    _refused(store, users, order.id, "no valid verifier's signature")


def test_a_forged_certificate_is_refused(store: Store, users: dict[str, CurrentUser]) -> None:
    """The attacker gives the prescriber's account a key they hold and re-signs the forged
    order with it: the administrator's certificate no longer matches."""
    order = _verified(store, users, "E-5")
    rogue = signing.new_key_pair("doc", "attacker")
    with store.transaction() as session:
        key = session.execute(select(SigningKey).where(SigningKey.username == "doc")).scalar_one()
        key.public_key, key.encrypted_private_key = rogue.public_key, \
            rogue.encrypted_private_key
        key.salt, key.nonce = rogue.salt, rogue.nonce
    _refused(store, users, order.id, "certificate of doc's signing key is not valid")


def test_a_root_swapped_in_the_database_is_refused(
        store: Store, users: dict[str, CurrentUser]) -> None:
    order = _verified(store, users, "E-6")
    _print(store, users["nurse"], order.id)  # pins the site's root on this workstation
    with store.transaction() as session:
        root = session.execute(select(SigningKey).where(SigningKey.is_root.is_(True))
                               ).scalar_one()
        root.is_root = False
        session.execute(update(SigningKey).where(SigningKey.username == "dm")
                        .values(is_root=True))
    _refused(store, users, order.id, "root")


def test_the_verifier_is_independent(store: Store, users: dict[str, CurrentUser]) -> None:
    patients.import_case(store, users["doc"], fictitious_case("E-7"))
    record = patients.open_patient(store, users["doc"], "E-7")
    clinical.record_measurements(store, users["doc2"], "E-7", record.version,
                                 CycleMeasurements(1, weight_kg=5.2, height_cm=58.5,
                                                   weight_date="2026-05-22", height_date="2026-05-22"),
                                 reason="weighed on the ward")
    order = signed_order(store, users["doc"], "E-7")
    assert order.content["measured_by"] == ["doc", "doc2"]
    with pytest.raises(PermissionDenied, match="entered its measurements"):
        order_workflow.verify_order(store, users["doc2"], order.id, order.version,
                                    weight_kg=5.2, height_cm=58.5, password=PASSWORD)
    # A physician who read the values while the order awaited verification is not blind.
    patients.import_case(store, users["doc"], fictitious_case("E-8"))
    other = signed_order(store, users["doc"], "E-8")
    patients.open_patient(store, users["doc2"], "E-8")
    assert [e.username for e in _events(store, "read_hidden_values")] == ["doc2"]
    with pytest.raises(PermissionDenied, match="would not be blind"):
        order_workflow.verify_order(store, users["doc2"], other.id, other.version,
                                    weight_kg=5.1, height_cm=58, password=PASSWORD)


def test_blinding_holds_on_every_read_path(store: Store, users: dict[str, CurrentUser]) -> None:
    patients.import_case(store, users["doc"], fictitious_case("E-9"))
    order = signed_order(store, users["doc"], "E-9", weight_kg=5.3, height_cm=57.0)
    pharma = users["pharma"]
    record = patients.open_patient(store, pharma, "E-9")
    assert record.hidden_cycles == {1}
    assert all(c["cycle"] != 1 for c in record.case_json.get("blinatumomab") or [])
    with pytest.raises(PermissionDenied, match="blinded verification"):
        patients.export_case(store, pharma, "E-9")
    history = audit.patient_history(store, pharma, "E-9")
    assert any(e.hidden for e in history)
    assert "5.3" not in repr([(e.old_value, e.new_value) for e in history])
    [listed] = order_workflow.list_orders(store, pharma, "E-9")
    assert "order" not in listed.content and "sheet" not in listed.content
    assert "5.3" not in repr(order_workflow.get_order(store, pharma, order.id))
    with pytest.raises(PermissionDenied, match="hidden until you verify"):
        order_workflow.preview_order_pdf(store, pharma, order.id)
    rows = patients.search_patients(store, pharma, "E-9").rows
    assert rows and "5.3" not in repr(rows)
    order_workflow.verify_order(store, pharma, order.id, order.version, weight_kg=5.3,
                                height_cm=57.0, password=PASSWORD)
    assert patients.open_patient(store, pharma, "E-9").hidden_cycles == frozenset()


def test_every_call_rechecks_the_account(store: Store, users: dict[str, CurrentUser]) -> None:
    patients.import_case(store, users["doc"], fictitious_case("E-10"))
    for forged in (CurrentUser("ghost", "physician"), CurrentUser("nurse", "administrator")):
        with pytest.raises(AccountRefused):
            patients.open_patient(store, forged, "E-10")
    user_admin.set_active(store, users["admin"], "doc2", False)
    with pytest.raises(AccountRefused, match="deactivated"):
        patients.open_patient(store, users["doc2"], "E-10")
    with store.transaction() as session:  # demoted behind the app's back
        session.execute(update(User).where(User.username == "doc").values(role="nurse"))
    with pytest.raises(AccountRefused, match="sign in again"):
        start_draft(store, users["doc"], "E-10")
    with store.transaction() as session:
        session.execute(update(User).where(User.username == "doc").values(role="physician",
                                                                          locked=True))
    with pytest.raises(AccountRefused, match="locked"):
        order_workflow.list_orders(store, users["doc"], "E-10")


def test_password_change_and_reset_keep_signatures_valid(
        store: Store, users: dict[str, CurrentUser]) -> None:
    order = _verified(store, users, "E-11")
    user_admin.change_own_password(store, users["nurse"], PASSWORD, "a new nurse pass")
    with pytest.raises(SignatureRefused):
        _print(store, users["nurse"], order.id)
    fresh = order_workflow.get_order(store, users["nurse"], order.id)
    order_workflow.print_order(store, users["nurse"], fresh.id, fresh.version,
                               password="a new nurse pass")
    with pytest.raises(SignatureRefused):  # the administrator re-authenticates
        user_admin.reset_password(store, users["admin"], "doc", "a reset passw0rd",
                                  admin_password="wrong")
    user_admin.reset_password(store, users["admin"], "doc", "a reset passw0rd",
                              admin_password=PASSWORD)
    assert user_admin.change_temporary_password(  # doc's first sign-in after the reset
        store, "doc", "a reset passw0rd", "doc's own passw0rd").username == "doc"
    with store.sessions() as session:
        keys = list(session.execute(select(SigningKey).where(SigningKey.username == "doc")
                                    .order_by(SigningKey.id)).scalars())
    assert len(keys) == 2 and keys[0].revoked_at is not None and keys[1].certified_by == "admin"
    reprint = order_workflow.get_order(store, users["nurse"], order.id)  # old signature holds
    sheet = order_workflow.print_order(store, users["nurse"], reprint.id, reprint.version,
                                       password="a new nurse pass",
                                       now=dt.datetime.now().astimezone())
    assert sheet.copy
