"""Recording and changing clinical data: validation, reasons, audit events, stale orders."""

from __future__ import annotations

import datetime as dt

import pytest

from interfant_desktop.services import clinical, order_workflow, patients
from interfant_desktop.services.audit import patient_history, verify_audit
from interfant_desktop.services.clinical import CycleMeasurements
from interfant_desktop.services.errors import AlreadyExists, InputError, NotFound
from interfant_desktop.services.permissions import CurrentUser
from interfant_desktop.services.store_access import Store
from tests.order_helpers import start_draft
from tests.store.fixtures import PASSWORD, fictitious_case


def test_changing_recorded_data_needs_a_reason_and_is_audited(
        store: Store, users: dict[str, CurrentUser]) -> None:
    doc = users["doc"]
    record = patients.import_case(store, doc, fictitious_case("E-1"))
    old_wbc = record.case_json["diagnosis"]["wbc"]["value"]
    with pytest.raises(InputError, match=r"diagnosis\.wbc\.value: a reason is required"):
        clinical.update_section(store, doc, "E-1", record.version, "diagnosis",
                                {"wbc": {"value": 450, "unit": "10^9/L"}})
    assert patients.open_patient(store, doc, "E-1").version == record.version  # nothing saved
    changed = clinical.update_section(store, doc, "E-1", record.version, "diagnosis",
                                      {"wbc": {"value": 450, "unit": "10^9/L"}},
                                 reason="transcription error, lab report rechecked")
    assert changed.case_json["diagnosis"]["wbc"]["value"] == 450
    assert changed.version > record.version
    event = [e for e in patient_history(store, doc, "E-1") if e.action == "change"][-1]
    assert (event.field, event.old_value, event.new_value, event.username) == \
        ("diagnosis.wbc.value", old_wbc, 450, "doc")
    assert event.reason == "transcription error, lab report rechecked"
    assert event.at.tzinfo is not None
    assert verify_audit(store, users["admin"]).ok


def test_a_first_entry_needs_no_reason(store: Store, users: dict[str, CurrentUser]) -> None:
    doc = users["doc"]
    record = patients.create_patient(store, doc, study_id="E-2",
                                     date_of_birth=dt.date(2026, 1, 4))
    saved = clinical.update_section(store, doc, "E-2", record.version, "diagnosis",
                                    {"date": "2026-03-01", "lineage": "B-ALL"})
    assert saved.case_json["diagnosis"] == {"date": "2026-03-01", "lineage": "B-ALL"}
    mrd = clinical.replace_section(store, doc, "E-2", saved.version, "mrd",
                                   [{"timepoint": "end_of_induction", "date": "2026-04-01",
                                     "result": {"percent": 0.02}, "method": "flow",
                                     "laboratory": "Fictitious Lab"}])
    assert mrd.case_json["mrd"][0]["laboratory"] == "Fictitious Lab"


def test_invalid_data_is_refused_with_the_field(store: Store,
                                                users: dict[str, CurrentUser]) -> None:
    doc = users["doc"]
    record = patients.import_case(store, doc, fictitious_case("E-3"))
    with pytest.raises(InputError, match=r"^blinatumomab\[0\]\.weight_kg: .*plausible"):
        clinical.record_measurements(store, doc, "E-3", record.version,
                                     CycleMeasurements(1, weight_kg=400, height_cm=60), reason="x")
    with pytest.raises(InputError, match="study ID of a patient cannot be changed"):
        clinical.update_section(store, doc, "E-3", record.version, "patient",
                                {"study_id": "E-4"}, reason="x")
    with pytest.raises(InputError, match=r"^diagnosis\.lineage: must be one of"):
        clinical.update_section(store, doc, "E-3", record.version, "diagnosis",
                                {"lineage": "AML"}, reason="x")
    assert patients.open_patient(store, doc, "E-3").version == record.version


def test_import_refuses_an_existing_study_id_and_bad_cases(
        store: Store, users: dict[str, CurrentUser]) -> None:
    doc = users["doc"]
    patients.import_case(store, doc, fictitious_case("E-5"))
    changed = fictitious_case("E-5", name="Another Name")
    with pytest.raises(AlreadyExists, match="E-5 already exists"):
        patients.import_case(store, doc, changed)
    assert patients.open_patient(store, doc, "E-5").name == "Zoë van der Berg"  # not merged
    bad = fictitious_case("E-6")
    bad["diagnosis"]["wbc"]["value"] = -1
    with pytest.raises(InputError, match=r"^x\.json: diagnosis\.wbc\.value"):
        patients.import_case(store, doc, bad, source="x.json")
    with pytest.raises(NotFound):
        patients.open_patient(store, doc, "E-6")


def test_a_change_marks_open_orders_stale(store: Store, users: dict[str, CurrentUser]) -> None:
    doc = users["doc"]
    patients.import_case(store, doc, fictitious_case("E-7"))
    order = start_draft(store, doc, "E-7")
    assert not order.stale and order.started
    latest = patients.open_patient(store, doc, "E-7")
    clinical.record_measurements(store, doc, "E-7", latest.version,
                                 CycleMeasurements(1, weight_kg=7.0, height_cm=68.0), reason="new weight")
    stale = order_workflow.get_order(store, doc, order.id)
    assert stale.stale
    with pytest.raises(Exception, match="changed since"):
        order_workflow.sign_order(store, doc, order.id, stale.version, password=PASSWORD)


def test_eligibility_confirmation_records_who_when_and_evidence(
        store: Store, users: dict[str, CurrentUser]) -> None:
    doc = users["doc"]
    record = patients.import_case(store, doc, fictitious_case("E-8"))
    confirmed = clinical.confirm_eligibility(store, doc, "E-8", record.version, "INC3", True,
                                             "consent form scanned 2026-03-02")
    (answer,) = confirmed.eligibility
    assert (answer.criterion, answer.answer, answer.confirmed_by) == ("INC3", True, "doc")
    assert answer.evidence == "consent form scanned 2026-03-02"
    with pytest.raises(InputError, match="reason is required"):
        clinical.confirm_eligibility(store, users["doc2"], "E-8", confirmed.version, "INC3",
                                     False, "withdrawn")
    again = clinical.confirm_eligibility(store, users["doc2"], "E-8", confirmed.version, "INC3",
                                         False, "withdrawn", reason="parents withdrew consent")
    assert again.eligibility[0].confirmed_by == "doc2"
    with pytest.raises(InputError, match="criterion"):
        clinical.confirm_eligibility(store, doc, "E-8", again.version, "INC9", True, "x")


def test_each_exc7_fact_is_confirmed_on_its_own(store: Store, users: dict[str, CurrentUser]) -> None:
    """EXC7 is decided from two facts: steroids and chemotherapy each keep their own
    confirmation (issue 12), under keys that fit the column on every database."""
    doc = users["doc"]
    record = patients.import_case(store, doc, fictitious_case("E-9"))
    steroids = clinical.confirm_eligibility(store, doc, "E-9", record.version, "EXC7.steroids",
                                            False, "GP letter: no steroids")
    both = clinical.confirm_eligibility(store, doc, "E-9", steroids.version, "EXC7.chemo", False,
                                        "referral: no chemotherapy")
    answers = {a.criterion: a.evidence for a in both.eligibility}
    assert answers == {"EXC7.steroids": "GP letter: no steroids",
                       "EXC7.chemo": "referral: no chemotherapy"}
    keys = [e.entity_key for e in patient_history(store, doc, "E-9") if e.action == "confirm"]
    assert keys == ["EXC7.steroids", "EXC7.chemo"]
    with pytest.raises(InputError, match="criterion"):
        clinical.confirm_eligibility(store, doc, "E-9", both.version, "EXC7.other", True, "x")
    assert verify_audit(store, users["admin"]).ok
