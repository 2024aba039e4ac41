"""Correcting recorded facts and marking them entered in error (issue 12), on SQLite and
PostgreSQL: audit events with old and new values and the reason, the engine's answers
before and after compared, stale orders, two people for identity, nothing deleted."""

from __future__ import annotations

import json
from typing import Any

import pytest
from sqlalchemy import select, update

from interfant_desktop.services import clinical, corrections, patients
from interfant_desktop.services.audit import verify_audit
from interfant_desktop.services.corrections import (
    Correction,
    EnteredInError,
    FactRef,
    confirm_correction,
    correct_fact,
)
from interfant_desktop.services.errors import (
    AuthenticationError,
    ConflictError,
    InputError,
    PermissionDenied,
)
from interfant_desktop.services.order_workflow import get_order
from interfant_desktop.services.permissions import CurrentUser
from interfant_desktop.services.store_access import Store
from interfant_desktop.store.models import AuditEvent, PendingCorrection
from tests.order_helpers import start_draft
from tests.store.fixtures import PASSWORD, fictitious_case

Users = dict[str, CurrentUser]


def _patient(store: Store, users: Users, study_id: str = "C-1") -> int:
    patients.import_case(store, users["doc"], fictitious_case(study_id))
    return patients.open_patient(store, users["doc"], study_id).version


def _version(store: Store, users: Users, study_id: str = "C-1") -> int:
    return patients.open_patient(store, users["doc"], study_id).version


def _events(store: Store, *actions: str) -> list[AuditEvent]:
    with store.transaction() as session:
        return list(session.execute(select(AuditEvent).where(AuditEvent.action.in_(actions))
                                    .order_by(AuditEvent.seq)).scalars())


def _decoded(text: str | None) -> Any:
    return None if text is None else json.loads(text)


def test_a_corrected_prednisone_response_is_audited_re_evaluated_and_stales_the_order(
        store: Store, users: Users) -> None:
    _patient(store, users)
    order = start_draft(store, users["doc"], "C-1")
    fact = FactRef("prednisone_response", field="blasts_per_uL")
    with pytest.raises(InputError, match=r"prednisone_response\.blasts_per_uL: a reason"):
        correct_fact(store, users["doc"], "C-1", _version(store, users),
                     Correction(fact, 200, "  "))
    with pytest.raises(InputError, match="is the recorded value"):
        correct_fact(store, users["doc"], "C-1", _version(store, users),
                     Correction(fact, 5000, "same"))
    result = correct_fact(store, users["doc"], "C-1", _version(store, users),
                          Correction(fact, 200, "lab re-count: 200 blasts/µL"))
    assert result.applied and result.stale_orders == (order.id,)
    assert result.record.case_json["prednisone_response"]["blasts_per_uL"] == 200
    changed = {c.what: c for c in result.changes}
    assert (changed["Risk group at diagnosis"].before,
            changed["Risk group at diagnosis"].after) == ("HR", "MR")
    assert changed["Risk group at diagnosis"].reasons  # the engine's reasons for MR
    assert all(r.rule and r.source for r in changed["Risk group at diagnosis"].reasons)
    assert (changed["Eligible for HSCT"].before, changed["Eligible for HSCT"].after) == \
        ("yes", "no")
    assert "Blinatumomab cycle 1" not in changed  # unchanged answers are not reported
    (event,) = _events(store, "correct")
    assert (event.username, event.field, _decoded(event.old_value), _decoded(event.new_value),
            event.reason) == ("doc", "prednisone_response.blasts_per_uL", 5000, 200,
                              "lab re-count: 200 blasts/µL")
    stale = _events(store, "mark_stale")
    assert [e.entity_key for e in stale] == [str(order.id)]
    assert get_order(store, users["doc"], order.id).stale
    assert verify_audit(store, users["admin"]).ok


def test_an_mrd_result_entered_in_error_leaves_the_case_but_is_kept(
        store: Store, users: Users) -> None:
    _patient(store, users)
    before = patients.export_case(store, users["doc"], "C-1")
    withdrawn = before["mrd"][1]
    result = correct_fact(store, users["doc"], "C-1", _version(store, users),
                          EnteredInError(FactRef("mrd", 1), "sample of another patient"))
    assert result.applied
    assert result.record.case_json["mrd"] == before["mrd"][:1]
    exported = patients.export_case(store, users["doc"], "C-1")
    assert exported["mrd"] == before["mrd"][:1]  # not exported as a fact
    # The engine no longer sees it (the cycle-1 MRD is missing again).
    case = patients.get_case(store, users["doc"], "C-1")
    assert [m.timepoint for m in case.mrd] == ["end_of_induction"]
    (kept,) = corrections.entered_in_error_facts(store, users["doc"], "C-1")
    assert (kept.fact, kept.value, kept.reason, kept.entered_by) == (
        "mrd[1]", withdrawn, "sample of another patient", "doc")
    (event,) = _events(store, "entered_in_error")
    assert (event.field, _decoded(event.old_value), event.new_value, event.reason) == (
        "mrd[1]", withdrawn, None, "sample of another patient")
    # The round trip of what remains: export, import as another patient, export again.
    copy = dict(exported, patient={**exported["patient"], "study_id": "C-2"})
    patients.import_case(store, users["doc"], copy)
    assert patients.export_case(store, users["doc"], "C-2") == copy
    with pytest.raises(InputError, match=r"mrd\[1\]: no such entry"):
        correct_fact(store, users["doc"], "C-1", _version(store, users),
                     EnteredInError(FactRef("mrd", 1), "again"))


def test_a_corrected_mrd_result_is_checked_by_the_engine(store: Store, users: Users) -> None:
    _patient(store, users)
    fact = FactRef("mrd", 0, "result")
    with pytest.raises(InputError, match=r"mrd\[0\]\.result"):
        correct_fact(store, users["doc"], "C-1", _version(store, users),
                     Correction(fact, {"percent": 150}, "typo"))
    result = correct_fact(store, users["doc"], "C-1", _version(store, users),
                          Correction(fact, {"percent": 0.08}, "report says 0.08 %"))
    assert result.record.case_json["mrd"][0]["result"] == {"percent": 0.08}
    (event,) = _events(store, "correct")
    assert (event.field, _decoded(event.old_value), _decoded(event.new_value)) == (
        "mrd[0].result.percent", 0.8, 0.08)


def test_two_results_at_one_time_point_are_both_kept_and_passed_to_the_engine(
        store: Store, users: Users) -> None:
    _patient(store, users)
    second = {"timepoint": "end_of_induction", "date": "2026-05-20",
              "result": {"percent": 0.005}, "laboratory": "reference lab"}
    record = clinical.add_mrd_result(store, users["doc"], "C-1", _version(store, users), second)
    assert [m["date"] for m in record.case_json["mrd"]] == ["2026-05-22", "2026-06-21",
                                                            "2026-05-20"]
    case = patients.get_case(store, users["doc"], "C-1")
    assert [m.timepoint for m in case.mrd].count("end_of_induction") == 2
    ordered = corrections.mrd_in_date_order(record.case_json)
    assert [(s.index, s.sample["date"]) for s in ordered] == [
        (2, "2026-05-20"), (0, "2026-05-22"), (1, "2026-06-21")]
    assert patients.export_case(store, users["doc"], "C-1")["mrd"][2] == second


def test_a_date_of_birth_correction_needs_a_second_person(store: Store, users: Users) -> None:
    _patient(store, users)
    order = start_draft(store, users["doc"], "C-1")
    fact = FactRef("patient", field="date_of_birth")
    with pytest.raises(PermissionDenied):
        correct_fact(store, users["nurse"], "C-1", _version(store, users),
                     Correction(fact, "2026-01-30", "birth certificate"))
    version = _version(store, users)
    result = correct_fact(store, users["doc"], "C-1", version,
                          Correction(fact, "2026-01-30", "birth certificate"))
    assert not result.applied and result.pending is not None
    assert result.record.case_json["patient"]["date_of_birth"] == "2026-02-01"
    assert result.record.version == version  # nothing changed yet
    pending = result.pending
    assert corrections.pending_corrections(store, users["doc"], "C-1") == (pending,)
    assert (pending.old_value, pending.new_value, pending.requested_by) == (
        "2026-02-01", "2026-01-30", "doc")
    with pytest.raises(PermissionDenied, match="second person"):
        confirm_correction(store, pending.id, "doc", PASSWORD)
    with pytest.raises(PermissionDenied):
        confirm_correction(store, pending.id, "pharma", PASSWORD)
    with pytest.raises(AuthenticationError):
        confirm_correction(store, pending.id, "admin", "not the password")
    confirmed = confirm_correction(store, pending.id, "admin", PASSWORD)
    assert confirmed.applied and confirmed.stale_orders == (order.id,)
    assert confirmed.record.case_json["patient"]["date_of_birth"] == "2026-01-30"
    assert confirmed.record.version > version
    assert corrections.pending_corrections(store, users["doc"], "C-1") == ()
    (requested,) = _events(store, "request_correction")
    assert (requested.username, requested.field, _decoded(requested.new_value)) == (
        "doc", "correct patient.date_of_birth", "2026-01-30")
    (confirm,) = _events(store, "confirm_correction")
    assert (confirm.username, confirm.entity_key) == ("admin", str(pending.id))
    (change,) = _events(store, "correct")
    assert (change.username, change.field, _decoded(change.old_value),
            _decoded(change.new_value)) == ("doc", "patient.date_of_birth", "2026-02-01",
                                            "2026-01-30")
    assert change.reason == "birth certificate (confirmed by admin)"
    with pytest.raises(ConflictError, match="already confirmed"):
        confirm_correction(store, pending.id, "doc2", PASSWORD)
    assert verify_audit(store, users["admin"]).ok


def test_a_pending_correction_changed_in_the_database_is_refused(
        store: Store, users: Users) -> None:
    _patient(store, users)
    result = correct_fact(store, users["doc"], "C-1", _version(store, users),
                          Correction(FactRef("patient", field="name"), "Zoë Berg", "spelling"))
    assert result.pending is not None
    with store.transaction() as session:  # someone with the DB credential edits the row
        session.execute(update(PendingCorrection).values(new_value='"Mallory"'))
    with pytest.raises(ConflictError, match="changed in the database"):
        confirm_correction(store, result.pending.id, "doc2", PASSWORD)
    assert patients.open_patient(store, users["doc"], "C-1").name == "Zoë van der Berg"


def test_a_changed_value_or_a_withdrawal_ends_a_pending_correction(
        store: Store, users: Users) -> None:
    _patient(store, users)
    fact = FactRef("patient", field="hospital_number")
    first = correct_fact(store, users["doc"], "C-1", _version(store, users),
                         Correction(fact, "MRN 1", "typo")).pending
    second = correct_fact(store, users["doc"], "C-1", _version(store, users),
                          Correction(fact, "MRN 2", "typo")).pending
    assert first is not None and second is not None
    confirm_correction(store, second.id, "doc2", PASSWORD)
    with pytest.raises(ConflictError, match="changed since"):
        confirm_correction(store, first.id, "admin", PASSWORD)
    corrections.withdraw_correction(store, users["doc"], first.id, "superseded")
    assert corrections.pending_corrections(store, users["doc"], "C-1") == ()
    (withdrawn,) = _events(store, "withdraw_correction")
    assert (withdrawn.username, withdrawn.reason) == ("doc", "superseded")


def test_a_patient_registered_by_mistake_is_hidden_but_kept(store: Store, users: Users) -> None:
    _patient(store, users)
    _patient(store, users, "C-9")
    result = correct_fact(store, users["doc"], "C-9", _version(store, users, "C-9"),
                          EnteredInError(FactRef("patient"), "registered twice"))
    assert result.pending is not None
    assert [r.study_id for r in patients.search_patients(store, users["doc"]).rows] == \
        ["C-1", "C-9"]
    confirm_correction(store, result.pending.id, "admin", PASSWORD)
    assert [r.study_id for r in patients.search_patients(store, users["doc"]).rows] == ["C-1"]
    assert patients.study_ids(store, users["doc"]) == ["C-1"]
    record = patients.open_patient(store, users["doc"], "C-9")  # kept, readable
    assert record.entered_in_error_reason == "registered twice (confirmed by admin)"
    (event,) = _events(store, "entered_in_error")
    assert (event.field, event.username, _decoded(event.old_value)["study_id"]) == (
        "patient", "doc", "C-9")


def test_who_may_correct_what_follows_the_roles(store: Store, users: Users) -> None:
    _patient(store, users)
    weight = FactRef("blinatumomab", 0, "weight_kg")
    record = correct_fact(store, users["nurse"], "C-1", _version(store, users),
                          Correction(weight, 5.3, "re-weighed, scale checked")).record
    assert record.case_json["blinatumomab"][0]["weight_kg"] == 5.3
    for user, fact in ((users["nurse"], FactRef("diagnosis", field="wbc")),
                       (users["pharma"], weight), (users["dm"], weight),
                       (users["admin"], FactRef("blinatumomab_checklist",
                                                field="cd19_positive"))):
        with pytest.raises(PermissionDenied):
            correct_fact(store, user, "C-1", _version(store, users),
                         EnteredInError(fact, "wrong"))
    with pytest.raises(InputError, match="study ID"):
        correct_fact(store, users["doc"], "C-1", _version(store, users),
                     Correction(FactRef("patient", field="study_id"), "X", "no"))
    with pytest.raises(ConflictError):
        correct_fact(store, users["doc"], "C-1", _version(store, users) - 1,
                     Correction(weight, 5.4, "stale screen"))


def test_checklist_diagnosis_and_allergies_can_be_corrected_or_withdrawn(
        store: Store, users: Users) -> None:
    _patient(store, users)
    result = correct_fact(store, users["doc"], "C-1", _version(store, users),
                          EnteredInError(FactRef("blinatumomab_checklist",
                                                 field="cd19_positive"), "not yet tested"))
    assert "cd19_positive" not in result.record.case_json["blinatumomab_checklist"]
    assert any(c.what == "Blinatumomab cycle 1" for c in result.changes)
    result = correct_fact(store, users["doc"], "C-1", _version(store, users),
                          Correction(FactRef("diagnosis", field="wbc"),
                                     {"value": 350, "unit": "10^9/L"}, "lab report"))
    assert result.record.case_json["diagnosis"]["wbc"]["value"] == 350
    with pytest.raises(InputError, match="no allergy status"):
        correct_fact(store, users["doc"], "C-1", _version(store, users),
                     EnteredInError(FactRef("allergies"), "x"))
    clinical.record_allergies(store, users["doc"], "C-1", _version(store, users),
                              no_known_allergies=True, allergies=None)
    record = correct_fact(store, users["doc"], "C-1", _version(store, users),
                          Correction(FactRef("allergies"), {"no_known_allergies": False,
                                                            "allergies": "penicillin"},
                                     "mother remembered")).record
    assert (record.no_known_allergies, record.allergies) == (False, "penicillin")
    record = correct_fact(store, users["doc"], "C-1", _version(store, users),
                          EnteredInError(FactRef("allergies"), "wrong patient's chart")).record
    assert not record.allergies_recorded
    facts = [f.fact for f in corrections.entered_in_error_facts(store, users["doc"], "C-1")]
    assert facts == ["blinatumomab_checklist.cd19_positive", "allergies"]
    assert verify_audit(store, users["admin"]).ok
