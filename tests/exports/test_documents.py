"""Every sample case exported in each format, read back and checked: the ODM file against
the ODM 1.3.2 schema and its own metadata, every FHIR resource by its R4B model, the CSV
tables against their data dictionary; pseudonymised exports carry no name, hospital
number or real date."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from lxml import etree

from interfant_desktop.exports.csv_tables import csv_files
from interfant_desktop.exports.fhir import LOINC, STUDY_ID_SYSTEM, fhir_bundle
from interfant_desktop.exports.odm import odm_document
from interfant_desktop.protocol.protocol_file import load_protocol
from interfant_desktop.ui.demo_data import demo_cases
from tests.exports.helpers import (
    ODM,
    TODAY,
    check_csv,
    check_fhir,
    check_odm,
    odm_schema,
    real_dates,
    sample_cases,
    subject,
)

CREATED = dt.datetime(2026, 12, 1, 12, 0, tzinfo=dt.UTC)
SHIFT = -1000  # larger than any span inside one case, so a shifted date never equals a real one


def _all_cases() -> list[dict]:
    return sample_cases() + demo_cases()


def test_there_are_cases_with_every_section() -> None:
    cases = _all_cases()
    assert len(cases) >= 20
    assert any(c.get("toxicity") for c in cases)
    assert any(i for c in cases for cy in c.get("blinatumomab") or [] for i in cy.get("interruptions") or [])


@pytest.mark.parametrize("identified", [False, True])
def test_odm_of_every_case_is_schema_valid_and_matches_its_metadata(identified: bool) -> None:
    cases = _all_cases()
    subjects = [subject(c, 0 if identified else SHIFT, identified) for c in cases]
    root = check_odm(odm_document(subjects, load_protocol(), CREATED, not identified))
    keys = [s.get("SubjectKey") for s in root.iter(f"{ODM}SubjectData")]
    assert keys == [c["patient"]["study_id"] for c in cases]
    for name in ("StudyEventDef", "FormDef", "ItemGroupDef", "ItemDef", "CodeList"):
        assert root.find(f".//{ODM}{name}") is not None
    events = {e.get("StudyEventOID") for e in root.iter(f"{ODM}StudyEventData")}
    assert {"SE.DIAGNOSIS", "SE.PREDNISONE", "SE.EOI", "SE.MRD", "SE.BLINA", "SE.AE",
            "SE.STATUS"} <= events
    names = {c["patient"].get("name") for c in cases} - {None}
    text = etree.tostring(root, encoding="unicode")
    assert all((n in text) == identified for n in names)


def test_odm_carries_the_engine_answers_and_the_recorded_facts() -> None:
    data = next(c for c in sample_cases() if c["patient"]["study_id"] == "PUB-15")
    root = check_odm(odm_document([subject(data)], load_protocol(), CREATED, True))
    values = {}
    for item in root.iter(f"{ODM}ItemData"):
        values.setdefault(item.get("ItemOID"), []).append(item.get("Value"))
    assert values["IT.RISKDX"] == ["MR"] and values["IT.PREDRESP"] == ["good"]
    assert values["IT.SUBGROUP"] == ["MR-low"]
    assert values["IT.BLINA2"] == ["true"] and values["IT.HSCT"] == ["false"]
    assert values["IT.MRDTPT"] == ["end_of_induction", "after_blinatumomab_1"]
    assert values["IT.MRDPCT"] == ["0.025"] and values["IT.MRDKIND"] == ["percent", "undetectable"]
    assert values["IT.INTSTOP"] == ["2026-07-18T08:20:00", "2026-07-21T16:00:00"]
    assert values["IT.INTHRS"] == ["5.5", "1.25"] and values["IT.INTREAS"] == ["crs", "line_or_pump"]
    assert values["IT.DOSEDAY"] == ["5.87"] and values["IT.BSA"] == ["0.391"]


def test_odm_adverse_events_name_crs_and_icans_and_never_invent_a_grade() -> None:
    data = next(c for c in sample_cases() if c["patient"]["study_id"] == "PUB-16")
    root = check_odm(odm_document([subject(data)], load_protocol(), CREATED, True))
    ae = [e for e in root.iter(f"{ODM}StudyEventData") if e.get("StudyEventOID") == "SE.AE"]
    assert len(ae) == 1
    terms = [i.get("Value") for i in ae[0].iter(f"{ODM}ItemData") if i.get("ItemOID") == "IT.AETERM"]
    assert terms == ["CRS", "ICANS"]
    recorded = {i.get("ItemOID"): i.get("Value") for i in ae[0].iter(f"{ODM}ItemData")}
    assert (recorded["IT.TEMP"], recorded["IT.CAPD"], recorded["IT.OXYGEN"]) == ("39.3", "4", "high_flow")
    # The engine's grades (expected answer of PUB-16: CRS 3, ICANS 1), with its grading system.
    grades = [i.get("Value") for i in ae[0].iter(f"{ODM}ItemData") if i.get("ItemOID") == "IT.AEGRADE"]
    systems = {i.get("Value") for i in ae[0].iter(f"{ODM}ItemData") if i.get("ItemOID") == "IT.AEGRSYS"}
    assert grades == ["3", "1"] and systems == {"ASTCT 2019"}
    # and never one the engine does not give (a CRS assessment it cannot grade stays empty)
    from interfant_desktop.exports.engine_links import graded_results
    graded = graded_results(subject(data).evaluation)
    assert grades == [str(g) for r in graded for g in (r.crs.grade, r.icans.grade) if g is not None]


def test_the_schema_is_the_real_odm_1_3_2_schema() -> None:
    """The XSD the tests validate against refuses what ODM 1.3.2 does not allow (so a passing
    check means something): a wrong file type, a wrong element order, an undeclared element."""
    data = next(c for c in sample_cases() if c["patient"]["study_id"] == "PUB-16")
    document = odm_document([subject(data)], load_protocol(), CREATED, True)
    schema = odm_schema()
    assert schema.validate(etree.fromstring(document))
    wrong_type = document.replace(b'FileType="Snapshot"', b'FileType="Everything"')
    root = etree.fromstring(document)
    study = root.find(f"{ODM}Study")
    root.remove(study)
    root.append(study)  # Study must come before ClinicalData
    stray = etree.fromstring(document)
    etree.SubElement(stray.find(f".//{ODM}ItemGroupData"), f"{ODM}Remark").text = "not ODM"
    for bad in (etree.fromstring(wrong_type), root, stray):
        assert not schema.validate(bad)
    assert {e.type_name for e in schema.error_log} <= {"SCHEMAV_CVC_ENUMERATION_VALID",
                                                       "SCHEMAV_ELEMENT_CONTENT"}


@pytest.mark.parametrize("identified", [False, True])
def test_fhir_bundle_of_every_case_parses_as_r4(identified: bool) -> None:
    cases = _all_cases()
    subjects = [subject(c, 0 if identified else SHIFT, identified) for c in cases]
    bundle = fhir_bundle(subjects, load_protocol(), CREATED, TODAY)
    models = check_fhir(bundle)
    kinds = {m.get_resource_type() for m in models}
    assert {"Patient", "Condition", "Observation", "MedicationRequest", "MedicationAdministration",
            "CarePlan", "ResearchStudy", "ResearchSubject"} <= kinds
    patients = [m for m in models if m.get_resource_type() == "Patient"]
    assert [p.identifier[0].value for p in patients] == [c["patient"]["study_id"] for c in cases]
    assert all(p.identifier[0].system == STUDY_ID_SYSTEM for p in patients)
    assert all(bool(p.name) == (identified and bool(c["patient"].get("name")))
               for p, c in zip(patients, cases, strict=True))
    assert all(len(p.identifier) == 1 for p in patients) or identified


def test_fhir_observations_carry_units_codes_and_the_quantitative_range() -> None:
    cases = _all_cases()
    bundle = fhir_bundle([subject(c) for c in cases], load_protocol(), CREATED, TODAY)
    observations = [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == "Observation"]
    wbc = [o for o in observations if o["code"]["coding"][0] == {
        "system": LOINC, "code": "6690-2", "display": "Leukocytes [#/volume] in Blood by Automated count"}]
    assert wbc and all(o["valueQuantity"]["code"] == "10*9/L" for o in wbc)
    # PUB-03 records its WBC per microlitre: the Observation gives it converted, with the entry in a note
    mrd = [o for o in observations if o["code"]["coding"][0]["code"] == "mrd"]
    assert any(o.get("valueQuantity", {}).get("unit") == "%" for o in mrd)
    pnq = [o for o in mrd if o.get("valueCodeableConcept", {}).get("text") == "positive, not quantifiable"]
    for o in pnq:
        assert o["referenceRange"][0]["low"]["unit"] == "%"
    subjects = [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == "ResearchSubject"]
    arms = {s.get("assignedArm") for s in subjects}
    assert {"MR", "HR"} <= arms
    requests = [e["resource"] for e in bundle["entry"]
                if e["resource"]["resourceType"] == "MedicationRequest"]
    assert all("medicationCodeableConcept" in r for r in requests)
    rates = [d["doseAndRate"][0]["rateQuantity"] for r in requests for d in r["dosageInstruction"]]
    assert rates and all(q["unit"] == "mcg/day" and q["code"] == "ug/d" for q in rates)


def test_fhir_adverse_event_for_a_recorded_other_reaction() -> None:
    data = json.loads(json.dumps(next(c for c in sample_cases() if c["patient"]["study_id"] == "PUB-16")))
    data["toxicity"][0]["other"] = {"term": "rash", "grade": 2, "days_to_resolve": 3}
    bundle = fhir_bundle([subject(data)], load_protocol(), CREATED, TODAY)
    check_fhir(bundle)
    events = [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == "AdverseEvent"]
    assert [e["event"]["text"] for e in events if "rash" in e["event"]["text"]] == [
        "rash, grade 2 (as recorded)"]
    assert events[-1]["date"].startswith("2026-06-20T06:30:00")


def test_csv_tables_of_every_case_match_the_dictionary() -> None:
    cases = _all_cases()
    tables = check_csv(csv_files([subject(c, SHIFT) for c in cases]))
    assert [r["study_id"] for r in tables["patients.csv"]] == [c["patient"]["study_id"] for c in cases]
    assert len(tables["mrd.csv"]) == sum(len(c.get("mrd") or []) for c in cases)
    assert len(tables["cycles.csv"]) == sum(len(c.get("blinatumomab") or []) for c in cases)
    assert len(tables["toxicity.csv"]) == sum(len(c.get("toxicity") or []) for c in cases)
    pub12 = next(r for r in tables["patients.csv"] if r["study_id"] == "PUB-12")
    assert (pub12["risk_at_diagnosis"], pub12["risk_now"], pub12["hsct_eligible"]) == ("HR", "HR", "true")
    assert all(r["name"] == "" and r["hospital_number"] == "" and r["dates_shifted"] == "true"
               for r in tables["patients.csv"])


@pytest.mark.parametrize("writer", ["odm", "fhir", "csv"])
def test_pseudonymised_exports_hold_no_real_date_or_identity(writer: str) -> None:
    for data in _all_cases():
        s = subject(data, SHIFT)
        if writer == "odm":
            root = etree.fromstring(odm_document([s], load_protocol(), CREATED, True))
            text = etree.tostring(root.find(f"{ODM}ClinicalData"), encoding="unicode")
        elif writer == "fhir":
            text = json.dumps(fhir_bundle([s], load_protocol(), CREATED, TODAY)["entry"], ensure_ascii=False)
        else:
            files = csv_files([s])
            text = "".join(v for k, v in files.items() if k != "data_dictionary.csv")
        leaked = {d for d in real_dates(data) if d in text}
        assert not leaked, (data["patient"]["study_id"], leaked)
        for secret in (data["patient"].get("name"), data["patient"].get("hospital_number")):
            assert not secret or secret not in text
        born = dt.date.fromisoformat(data["patient"]["date_of_birth"]) + dt.timedelta(days=SHIFT)
        assert born.isoformat() in text


def test_the_case_files_allergies_are_exported_when_the_app_recorded_none() -> None:
    data = json.loads(json.dumps(sample_cases()[0]))
    data["patient"]["allergies"] = ["amoxicillin: rash"]
    none_known = json.loads(json.dumps(sample_cases()[1]))
    none_known["patient"]["allergies"] = []
    tables = check_csv(csv_files([subject(data), subject(none_known)]))
    assert [(r["allergy_status"], r["allergies"]) for r in tables["patients.csv"]] == [
        ("recorded", "amoxicillin: rash"), ("none_known", "")]
    check_odm(odm_document([subject(data), subject(none_known)], load_protocol(), CREATED, True))


def test_the_chain_head_goes_inside_both_files_and_reads_back_whole() -> None:
    from interfant_desktop.exports.anchor import (
        ChainHead,
        ExportStamp,
        chain_head_in_bundle,
        chain_head_in_odm,
    )

    data = next(c for c in sample_cases() if c["patient"]["study_id"] == "PUB-15")
    head = ChainHead(42, "ab" * 32, "sqlite:////fictitious/site.sqlite3", "cd" * 32,
                     "2026-12-01T11:59:58.123456+00:00")
    stamp = ExportStamp("dm", head, 42)
    odm = odm_document([subject(data, SHIFT)], load_protocol(), CREATED, True, stamp)
    check_odm(odm)
    assert chain_head_in_odm(odm) == head
    assert chain_head_in_odm(odm_document([subject(data)], load_protocol(), CREATED, True)) is None
    bundle = fhir_bundle([subject(data, SHIFT)], load_protocol(), CREATED, TODAY, pseudonymised=True,
                         stamp=stamp)
    check_fhir(bundle)
    assert chain_head_in_bundle(bundle) == head
    # an empty field is left out of FHIR (no empty strings) and reads back empty
    genesis = ChainHead(0, "0" * 64)
    assert chain_head_in_bundle(fhir_bundle([], load_protocol(), CREATED, TODAY,
                                            stamp=ExportStamp("dm", genesis, 0))) == genesis
