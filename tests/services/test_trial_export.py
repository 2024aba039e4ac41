"""Exports from the store: who may, what is audited, pseudonyms that stay the same, the
training database and every sample case in each format, and case files that re-import
to the same record."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from interfant_desktop.services import patients, reviews
from interfant_desktop.services.audit import patient_history, verify_audit
from interfant_desktop.services.errors import InputError, NotFound, PermissionDenied
from interfant_desktop.services.permissions import CurrentUser
from interfant_desktop.services.store_access import Store, open_store
from interfant_desktop.services.trial_export import (
    ExportFormat,
    export_trial_data,
)
from interfant_desktop.store.models import AuditEvent, AuditHead, ExportPseudonym, Patient, utc_now
from tests.exports.helpers import TODAY, check_csv, check_fhir, check_odm, real_dates, sample_cases
from tests.store.fixtures import make_users


def _import_all(store: Store, doc: CurrentUser) -> list[dict]:
    cases = sample_cases()
    for case in cases:
        patients.import_case(store, doc, case)
    return cases


def _files_text(output: object) -> dict[str, str]:
    return {name: content.decode("utf-8") for name, content in output.files.items()}  # type: ignore[attr-defined]


def _events(store: Store) -> int:
    with store.sessions() as session:
        return session.execute(select(func.count()).select_from(AuditEvent)).scalar_one()


def test_only_data_managers_and_administrators_export_trial_data(
        store: Store, users: dict[str, CurrentUser]) -> None:
    _import_all(store, users["doc"])
    before = _events(store)
    for name in ("doc", "pharma", "nurse"):
        for fmt in ("odm", "fhir", "csv"):
            with pytest.raises(PermissionDenied, match="may not export trial data"):
                export_trial_data(store, users[name], None, ExportFormat(fmt))
    with pytest.raises(PermissionDenied):
        export_trial_data(store, users["nurse"], ["PUB-01"], ExportFormat.CASE)
    # A refusal stores nothing; each one is itself audited (issue 15: permission denials).
    with store.sessions() as session:
        since = session.execute(select(AuditEvent.action).where(AuditEvent.seq > before)).scalars().all()
    assert since and set(since) - {"add_signer"} == {"permission_denied"}  # (keys of the refused)
    for name in ("dm", "admin"):
        out = export_trial_data(store, users[name], ["PUB-01"], ExportFormat.ODM, today=TODAY)
        check_odm(out.files["interfant-21.odm.xml"])


def test_every_export_is_audited_with_format_pseudonymisation_and_the_chain_head(
        store: Store, users: dict[str, CurrentUser]) -> None:
    _import_all(store, users["doc"])
    dm = users["dm"]
    with store.sessions() as session:
        head = session.get(AuditHead, 1)
        assert head is not None
        head_before = (head.last_seq, head.last_hash)
    out = export_trial_data(store, dm, ["PUB-01", "PUB-12"], ExportFormat.FHIR, today=TODAY)
    assert out.audit_head == head_before and out.study_ids == ("PUB-01", "PUB-12")
    with store.sessions() as session:
        summary = session.get(AuditEvent, out.audit_seq)
        assert summary is not None
        assert (summary.username, summary.action, summary.entity) == ("dm", "export", "export")
        content = json.loads(summary.new_value or "{}")
    assert content == {"format": "fhir", "pseudonymised": True, "patients": ["PUB-01", "PUB-12"],
                       "whole_site": False, "audit_head": {"seq": head_before[0], "hash": head_before[1]}}
    history = patient_history(store, dm, "PUB-12")
    assert history[-1].action == "export" and history[-1].new_value == {"format": "fhir",
                                                                        "pseudonymised": True}
    identified = export_trial_data(store, dm, ["PUB-12"], ExportFormat.CSV, identified=True, today=TODAY)
    with store.sessions() as session:
        event = session.get(AuditEvent, identified.audit_seq)
        assert event is not None and event.reason is not None
        assert "identified by choice of dm" in event.reason
        assert json.loads(event.new_value or "{}")["pseudonymised"] is False
    assert verify_audit(store, users["admin"]).ok


def test_pseudonyms_are_drawn_once_and_kept(store: Store, users: dict[str, CurrentUser]) -> None:
    cases = _import_all(store, users["doc"])
    dm = users["dm"]
    first = check_csv(_files_text(export_trial_data(store, dm, None, ExportFormat.CSV, today=TODAY)))
    second = check_csv(_files_text(export_trial_data(store, dm, None, ExportFormat.CSV, today=TODAY)))
    assert first["patients.csv"] == second["patients.csv"]  # same shift every time
    with store.sessions() as session:
        offsets = list(session.execute(select(ExportPseudonym.date_offset_days)).scalars())
    assert len(offsets) == len(cases) and all(-395 <= d <= -30 for d in offsets)
    rows = {r["study_id"]: r for r in first["patients.csv"]}
    for case in cases:
        assert rows[case["patient"]["study_id"]]["date_of_birth"] not in real_dates(case)
    real = check_csv(_files_text(export_trial_data(store, dm, None, ExportFormat.CSV, identified=True,
                                                   today=TODAY)))
    assert [r["date_of_birth"] for r in real["patients.csv"]] == [
        c["patient"]["date_of_birth"] for c in cases]


def test_review_decisions_are_applied_and_exported(store: Store, users: dict[str, CurrentUser]) -> None:
    case = next(c for c in sample_cases() if c["patient"]["study_id"] == "PUB-10")  # WBC exactly 300
    record = patients.import_case(store, users["doc"], case)
    item = reviews.open_review_items(store, users["doc"], "PUB-10")[0]
    reviews.decide_review(store, users["doc"], "PUB-10", record.version, item.id, "HR",
                          "tumour board decision (fictitious)")
    tables = check_csv(_files_text(export_trial_data(store, users["dm"], ["PUB-10"], ExportFormat.CSV,
                                                     today=TODAY)))
    row = tables["patients.csv"][0]
    assert (row["risk_at_diagnosis"], row["clinician_decisions"], row["open_review_questions"]) == (
        "HR", "1", "0")


def test_unknown_study_id_is_refused_and_nothing_recorded(
        store: Store, users: dict[str, CurrentUser]) -> None:
    _import_all(store, users["doc"])
    before = _events(store)
    with pytest.raises(NotFound, match="NOPE-1"):
        export_trial_data(store, users["dm"], ["PUB-01", "NOPE-1"], ExportFormat.ODM)
    assert _events(store) == before


def test_every_sample_case_from_the_store_in_each_format(store: Store, users: dict[str, CurrentUser]) -> None:
    cases = _import_all(store, users["doc"])
    dm = users["dm"]
    progress: list[tuple[int, int]] = []
    odm = export_trial_data(store, dm, None, ExportFormat.ODM, today=TODAY,
                            progress=lambda done, total: progress.append((done, total)))
    check_odm(odm.files["interfant-21.odm.xml"])
    assert progress[-1] == (2 * len(cases), 2 * len(cases)) and len(progress) == 2 * len(cases)
    bundle = json.loads(export_trial_data(store, dm, None, ExportFormat.FHIR, today=TODAY).files[
        "interfant-21.fhir.json"])
    check_fhir(bundle)
    tables = check_csv(_files_text(export_trial_data(store, dm, None, ExportFormat.CSV, today=TODAY)))
    assert len(tables["patients.csv"]) == len(cases)


def test_case_export_re_imports_to_the_same_record(
        store: Store, users: dict[str, CurrentUser], tmp_path: Path) -> None:
    cases = _import_all(store, users["doc"])
    out = export_trial_data(store, users["doc"], None, ExportFormat.CASE)
    assert len(out.files) == len(cases)  # every sample case, round 2, bags and infusion included
    _re_imports_to_the_same_record(store, users["doc"], out.files, tmp_path / "other.sqlite3")


def test_the_training_database_in_each_format(tmp_path: Path) -> None:
    from interfant_desktop.services.auth import sign_in
    from interfant_desktop.services.users import add_user, change_temporary_password
    from interfant_desktop.ui.demo_data import TRAINER, build_training_database, demo_allergies, demo_cases

    backend, _name, _password = build_training_database(tmp_path)
    try:
        admin = sign_in(backend.store, TRAINER[0], TRAINER[1])
        add_user(backend.store, admin, "trial-dm", "data_manager", "fictitious-pass-dm",
                 admin_password=TRAINER[1])
        dm = change_temporary_password(backend.store, "trial-dm", "fictitious-pass-dm",
                                       "fictitious-own-pass-dm")
        count = len(demo_cases())
        check_odm(export_trial_data(backend.store, dm, None, ExportFormat.ODM).files["interfant-21.odm.xml"])
        check_fhir(json.loads(export_trial_data(backend.store, dm, None, ExportFormat.FHIR).files[
            "interfant-21.fhir.json"]))
        tables = check_csv(_files_text(export_trial_data(backend.store, dm, None, ExportFormat.CSV)))
        assert len(tables["patients.csv"]) == count
        # the allergy status recorded beside each case goes out with it
        statuses = {r["study_id"]: (r["allergy_status"], r["allergies"]) for r in tables["patients.csv"]}
        for study_id in (c["patient"]["study_id"] for c in demo_cases()):
            recorded = demo_allergies().get(study_id)
            expected = ("not_recorded", "") if recorded is None else (
                ("none_known", "") if recorded["no_known_allergies"] else ("recorded", recorded["allergies"]))
            assert statuses[study_id] == expected
        bundle = json.loads(export_trial_data(backend.store, dm, None, ExportFormat.FHIR).files[
            "interfant-21.fhir.json"])
        allergy = [e["resource"] for e in bundle["entry"]
                   if e["resource"]["resourceType"] == "AllergyIntolerance"]
        assert len(allergy) == len(demo_allergies())
        assert any(a["code"].get("coding", [{}])[0].get("code") == "716186003" for a in allergy)
        names = {c["patient"].get("name") for c in demo_cases()} - {None}
        text = "".join(_files_text(export_trial_data(backend.store, dm, None, ExportFormat.CSV)).values())
        assert names and not any(n in text for n in names)
        # the case files: every training patient re-imports elsewhere to the same record
        cases = export_trial_data(backend.store, dm, None, ExportFormat.CASE)
        assert len(cases.files) == count
        _re_imports_to_the_same_record(backend.store, dm, cases.files, tmp_path / "elsewhere.sqlite3")
    finally:
        backend.store.close()


def _re_imports_to_the_same_record(store: Store, reader: CurrentUser, files: dict[str, bytes],
                                   other_file: Path) -> None:
    """Each exported case file, imported into another site's database, gives the stored record
    it came from, and exports there to the same bytes."""
    other = open_store(f"sqlite:///{other_file}")
    there = make_users(other)  # the same accounts at the other site
    try:
        for name, content in files.items():
            record = patients.import_case(other, there["doc"], json.loads(content))
            assert name == f"{record.study_id}.case.json"
            original = patients.open_patient(store, reader, record.study_id)
            assert record.case_json == original.case_json
            again = export_trial_data(other, there["doc"], [record.study_id], ExportFormat.CASE)
            assert again.files == {name: content}
    finally:
        other.close()


def test_the_bags_as_given_go_out_in_each_format(store: Store, users: dict[str, CurrentUser]) -> None:
    """Exposure per bag as given: the bedside record's hung and removed bags (an entry marked
    in error left out), beside the engine's schedule; FHIR MedicationAdministration only says
    "completed" for a bag recorded as removed."""
    import datetime as dt

    from interfant_desktop.services.bags import (
        RemoveRequest,
        bag_events,
        hang_bag,
        mark_bag_event_in_error,
        remove_bag,
    )
    from tests.services.test_bag_administration import _hang, _order_with_schedule

    sid, order_id = _order_with_schedule(store, users)
    nurse = users["nurse"]
    hang_bag(store, nurse, sid, order_id, _hang(1, "2026-06-04T10:00"))
    remove_bag(store, nurse, sid, order_id, RemoveRequest(1, dt.datetime(2026, 6, 6, 10, 30), 238.5, 31.5))
    hang_bag(store, nurse, sid, order_id, _hang(2, "2026-06-06T10:40"))
    wrong = remove_bag(store, nurse, sid, order_id, RemoveRequest(2, dt.datetime(2026, 6, 6, 11), 2.0, 1.0))
    mark_bag_event_in_error(store, nurse, sid, order_id, wrong.id, "wrong bag scanned (fictitious)")
    assert [e.kind for e in bag_events(store, nurse, sid, order_id)][-1] == "hung"
    dm = users["dm"]
    tables = check_csv(_files_text(export_trial_data(store, dm, [sid], ExportFormat.CSV, identified=True,
                                                     today=TODAY)))
    given = [(r["bag_number"], r["hung_at"], r["removed_at"], r["hours_on_pump"], r["volume_infused_ml"],
              r["residual_discarded_ml"], r["rate_ml_per_h"]) for r in tables["bags_given.csv"]]
    assert given == [("1", "2026-06-04T10:00:00", "2026-06-06T10:30:00", "48.5", "238.5", "31.5", "5"),
                     ("2", "2026-06-06T10:40:00", "", "", "", "", "5")]
    assert tables["cycles.csv"][0]["bags_given"] == "2" and tables["cycles.csv"][0]["orders"] == "1"
    # the stored order the bags came from: its status, signature times and doses
    [order] = tables["orders.csv"]
    assert (order["order_number"], order["status"], order["restart_order"], order["stale"]) == (
        "1", "verified", "false", "false")
    assert order["signed_at"] and order["verified_at"] and order["printed_at"] == ""
    assert order["dose_steps"] == tables["cycles.csv"][0]["dose_steps"]  # the engine's, as signed
    odm = check_odm(export_trial_data(store, dm, [sid], ExportFormat.ODM, identified=True,
                                      today=TODAY).files["interfant-21.odm.xml"])
    odm_given = [g for g in odm.iter("{http://www.cdisc.org/ns/odm/v1.3}ItemGroupData")
                 if g.get("ItemGroupOID") == "IG.BLGIVEN"]
    values = [{i.get("ItemOID"): i.get("Value") for i in g} for g in odm_given]
    assert [(v["IT.GIVBAGNO"], v.get("IT.GIVVOL"), v.get("IT.GIVREM")) for v in values] == [
        ("1", "238.5", "2026-06-06T10:30:00"), ("2", None, None)]
    odm_orders = [{i.get("ItemOID"): i.get("Value") for i in g}
                  for g in odm.iter("{http://www.cdisc.org/ns/odm/v1.3}ItemGroupData")
                  if g.get("ItemGroupOID") == "IG.BLORDER"]
    assert [(o["IT.ORDNO"], o["IT.ORDSTAT"], o["IT.ORDDOSES"]) for o in odm_orders] == [
        ("1", "verified", order["dose_steps"])]
    bundle = json.loads(export_trial_data(store, dm, [sid], ExportFormat.FHIR, identified=True,
                                          today=TODAY).files["interfant-21.fhir.json"])
    check_fhir(bundle)
    given_fhir = [e["resource"] for e in bundle["entry"]
                  if e["resource"]["resourceType"] == "MedicationAdministration"]
    assert [(a["status"], a["dosage"].get("dose", {}).get("value")) for a in given_fhir] == [
        ("completed", 238.5), ("in-progress", None)]
    assert given_fhir[0]["effectivePeriod"]["end"].startswith("2026-06-06T10:30:00")
    [stored] = [e for e in bundle["entry"] if e["resource"]["resourceType"] == "MedicationRequest"
                and e["resource"]["intent"] == "order"]
    assert stored["resource"]["status"] == "active" and "medicationCodeableConcept" in stored["resource"]
    assert {a["request"]["reference"] for a in given_fhir} == {stored["fullUrl"]}
    # pseudonymised: the same bags, every time shifted by the patient's offset
    shifted = check_csv(_files_text(export_trial_data(store, dm, [sid], ExportFormat.CSV, today=TODAY)))
    assert [r["hours_on_pump"] for r in shifted["bags_given.csv"]] == ["48.5", ""]
    assert not {r["hung_at"][:10] for r in shifted["bags_given.csv"]} & {"2026-06-04", "2026-06-06"}
    real_signature, shifted_signature = (dt.datetime.fromisoformat(t["orders.csv"][0]["signed_at"])
                                         for t in (tables, shifted))
    assert 30 <= (real_signature - shifted_signature).days <= 395


def test_planned_bags_not_recorded_as_given_are_never_called_completed(
        store: Store, users: dict[str, CurrentUser]) -> None:
    _import_all(store, users["doc"])
    bundle = json.loads(export_trial_data(store, users["dm"], None, ExportFormat.FHIR, today=TODAY).files[
        "interfant-21.fhir.json"])
    given = [e["resource"] for e in bundle["entry"]
             if e["resource"]["resourceType"] == "MedicationAdministration"]
    assert given and {a["status"] for a in given} == {"unknown"}
    assert all("not recorded in Interfant Desktop" in a["note"][-1]["text"] for a in given)


def test_a_patient_registered_by_mistake_is_not_trial_data(
        store: Store, users: dict[str, CurrentUser]) -> None:
    _import_all(store, users["doc"])
    with store.transaction() as session:  # (as services.corrections marks it, two people agreeing)
        row = session.execute(select(Patient).where(Patient.study_id == "PUB-02")).scalar_one()
        row.entered_in_error_at, row.entered_in_error_by = utc_now(), "doc"
        row.entered_in_error_reason = "registered twice (fictitious)"
    out = export_trial_data(store, users["dm"], None, ExportFormat.CSV, today=TODAY)
    assert "PUB-02" not in out.study_ids and "PUB-01" in out.study_ids
    with pytest.raises(InputError, match="PUB-02 was registered by mistake"):
        export_trial_data(store, users["dm"], ["PUB-02"], ExportFormat.ODM, today=TODAY)
