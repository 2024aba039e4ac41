"""Exposure per bag and the CRS / ICANS grades reach every format through one mapping
function each, fed by the engine's typed results (see ``exports/engine_links.py``).

The first tests feed the mapping the engine's own records (``ScheduledBag``,
``ToxicityResult``) carrying hand-picked figures, and check that they arrive in the ODM
file, the FHIR Bundle and the CSV tables. The last two check that the accessors are
connected to the engine.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from lxml import etree

from interfant_desktop.exports import engine_links
from interfant_desktop.exports.csv_tables import csv_files
from interfant_desktop.exports.fhir import fhir_bundle
from interfant_desktop.exports.odm import odm_document
from interfant_desktop.protocol.bags import ScheduledBag
from interfant_desktop.protocol.dosing import CycleOrder
from interfant_desktop.protocol.evaluation import Evaluation
from interfant_desktop.protocol.protocol_file import load_protocol
from interfant_desktop.protocol.toxicity import ToxicityResult
from tests.exports.helpers import ODM, TODAY, check_csv, check_fhir, check_odm, sample_cases, subject

CREATED = dt.datetime(2026, 12, 1, tzinfo=dt.UTC)


def _case(study_id: str) -> dict:
    return next(c for c in sample_cases() if c["patient"]["study_id"] == study_id)


def _bags(order: CycleOrder) -> list[ScheduledBag]:
    """Two 48-hour bags of hand-picked figures, in the engine's own bag type."""
    assert order.start_date is not None and order.bag_plan is not None
    start = dt.datetime.combine(order.start_date, dt.time(9, 0))
    first = order.bag_plan.bags[0]
    make_up = dataclasses.replace(first.make_up, mcg_to_infuse=3.12, infused_ml=240.0)
    return [first._replace(number=n, hang=start + dt.timedelta(hours=48 * (n - 1)), hours=48,
                           dose_mcg_per_day=1.56, rate_ml_per_h=5.0, make_up=make_up)
            for n in (1, 2)]


def _graded(evaluation: Evaluation) -> list[ToxicityResult]:
    """Every assessment graded CRS 3 and ICANS 1, in the engine's own result type."""
    return [dataclasses.replace(r, crs=dataclasses.replace(r.crs, grade=3),
                                icans=dataclasses.replace(r.icans, grade=1),
                                grading_system="ASTCT consensus") for r in evaluation.toxicity]


def test_bag_exposure_reaches_odm_fhir_and_csv(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine_links, "scheduled_bags", _bags)
    s = subject(_case("PUB-13"), -100)
    root = check_odm(odm_document([s], load_protocol(), CREATED, True))
    bag_items = [(i.get("ItemOID"), i.get("Value")) for g in root.iter(f"{ODM}ItemGroupData")
                 if g.get("ItemGroupOID") == "IG.BLBAG" for i in g]
    assert ("IT.BAGMCG", "3.12") in bag_items and ("IT.BAGNO", "2") in bag_items
    assert ("IT.BAGHANG", "2026-02-11T09:00:00") in bag_items  # 2026-05-22 shifted back 100 days
    tables = check_csv(csv_files([s]))
    assert [r["bag_number"] for r in tables["bags.csv"]] == ["1", "2"]
    assert tables["cycles.csv"][0]["bags_scheduled"] == "2"
    bundle = fhir_bundle([s], load_protocol(), CREATED, TODAY)
    check_fhir(bundle)
    given = [e["resource"] for e in bundle["entry"]
             if e["resource"]["resourceType"] == "MedicationAdministration"]
    assert [g["dosage"]["dose"]["value"] for g in given] == [3.12, 3.12]


def test_grades_reach_odm_fhir_and_csv(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine_links, "graded_results", _graded)
    s = subject(_case("PUB-16"))
    root = check_odm(odm_document([s], load_protocol(), CREATED, True))
    rows = [{i.get("ItemOID"): i.get("Value") for i in g} for g in root.iter(f"{ODM}ItemGroupData")
            if g.get("ItemGroupOID") == "IG.AE"]
    assert rows == [{"IT.AETERM": "CRS", "IT.AEGRADE": "3", "IT.AEGRSYS": "ASTCT consensus"},
                    {"IT.AETERM": "ICANS", "IT.AEGRADE": "1", "IT.AEGRSYS": "ASTCT consensus"}]
    tables = check_csv(csv_files([s]))
    assert (tables["toxicity.csv"][0]["crs_grade"], tables["toxicity.csv"][0]["icans_grade"]) == ("3", "1")
    bundle = fhir_bundle([s], load_protocol(), CREATED, TODAY)
    check_fhir(bundle)
    events = [e["resource"]["event"]["text"] for e in bundle["entry"]
              if e["resource"]["resourceType"] == "AdverseEvent"]
    assert events == ["Cytokine release syndrome, grade 3 (ASTCT consensus)",
                      "Immune effector cell-associated neurotoxicity syndrome, grade 1 (ASTCT consensus)"]
    grades = {e["resource"]["code"]["text"]: e["resource"]["valueInteger"] for e in bundle["entry"]
              if e["resource"]["resourceType"] == "Observation" and "valueInteger" in e["resource"]}
    assert grades == {"CRS grade": 3, "ICANS grade": 1}


def test_without_engine_grades_nothing_is_graded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine_links, "graded_results", lambda evaluation: ())
    s = subject(_case("PUB-16"))
    tables = check_csv(csv_files([s]))
    assert (tables["toxicity.csv"][0]["crs_grade"], tables["toxicity.csv"][0]["icans_grade"]) == ("", "")
    root = etree.fromstring(odm_document([s], load_protocol(), CREATED, True))
    assert not [i for i in root.iter(f"{ODM}ItemData") if i.get("ItemOID") == "IT.AEGRADE"]


def test_the_engine_bag_schedule_is_connected() -> None:
    tables = check_csv(csv_files([subject(_case("PUB-13"))]))
    assert len(tables["bags.csv"]) == 15  # bags/13: 4 + 11 bags


def test_the_engine_grades_are_connected() -> None:
    tables = check_csv(csv_files([subject(_case("PUB-16"))]))
    assert (tables["toxicity.csv"][0]["crs_grade"], tables["toxicity.csv"][0]["icans_grade"]) == ("3", "1")
