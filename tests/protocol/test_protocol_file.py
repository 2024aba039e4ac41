"""RULES.md: rules are data in a versioned protocol file; the app shows its version; the
file is validated; R-EOI-SPLIT is unverified; every reason carries rule ID, source, text."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from interfant_desktop.paths import resource
from interfant_desktop.protocol import ProtocolFileError, load_protocol, load_protocol_file
from interfant_desktop.protocol.protocol_file import parse_protocol
from tests.protocol.builders import (
    base_case,
    case,
    hr_at_diagnosis,
    mr_after_induction,
    mrd,
    pnq,
    run,
    with_mrd,
)

RULES_MD_IDS = ["INC1", "INC2", "INC3", "EXC1", "EXC2", "EXC3", "EXC4", "EXC5", "EXC6", "EXC7",
                "R-EOI-MRD", "R-EOI-CR", "R-EOI-SPLIT", "R-B1-MRD", "R-HSCT", "B1", "B2", "B3", "B4"]


def shipped() -> dict[str, Any]:
    return json.loads(resource("protocol", "interfant-21.protocol.json").read_text(encoding="utf-8"))


def test_shipped_file_loads_with_a_version() -> None:
    protocol = load_protocol()
    assert protocol.name == "Interfant-21"
    assert protocol.version == shipped()["version"] and protocol.version
    assert protocol.version in protocol.label
    assert len(protocol.sha256) == 64


def test_evaluation_shows_the_protocol_version() -> None:
    result = run(base_case())
    assert result["format"] == "interfant-evaluation/1"
    assert result["protocol_version"] == load_protocol().version


def test_every_rule_id_named_in_rules_md_is_in_the_file() -> None:
    protocol = load_protocol()
    for rule_id in RULES_MD_IDS:
        rule = protocol.rule(rule_id)
        assert rule.text and rule.source
        for ref in rule.source.split(","):
            assert ref.strip() in protocol.sources


def test_sources_are_those_of_rules_md() -> None:
    """The sources of RULES.md, plus the basis of the decisions where they are silent
    (D1–D12: "reading of the sources", protocol file 2026.12)."""
    sources = load_protocol().sources
    assert {"S1", "S2", "S3", "S4", "reading"} <= set(sources)
    assert all(k == "reading" or (k[0] == "S" and k[1:].isdigit()) for k in sources)
    assert "reading of the sources" in sources["reading"].lower()


@pytest.mark.parametrize(("rule_id", "source"), [
    ("R-EOI-MRD", "S1"), ("R-EOI-CR", "S2"), ("R-EOI-SPLIT", "S2"), ("R-B1-MRD", "S1"),
    ("R-PRED", "S3"), ("R-PRED-NE", "S2"), ("R-DOSE-CAP", "S4"), ("R-PREMED", "S4"), ("INC1", "S1"),
])
def test_rule_sources_match_rules_md(rule_id: str, source: str) -> None:
    assert load_protocol().rule(rule_id).source == source


def test_thresholds_match_rules_md() -> None:
    t = load_protocol().thresholds
    assert t["max_age_days"] == 365
    assert t["risk_age_months"] == 6
    assert t["wbc_hr_10e9_per_l"] == 300
    assert t["prednisone_poor_blasts_per_ul"] == 1000
    assert t["eoi_mrd_hr_percent"] == 1
    assert t["eoi_mrd_split_percent"] == 0.05
    assert t["b1_mrd_percent"] == 0.01
    assert t["hsct_mrd_percent"] == 0.01


def test_split_direction_is_marked_unverified() -> None:
    protocol = load_protocol()
    assert protocol.rule("R-EOI-SPLIT").verified is False
    assert protocol.consolidation_split["verified"] is False
    assert all(protocol.rule(r).verified for r in RULES_MD_IDS if r != "R-EOI-SPLIT")
    points = {p["id"]: p for p in run(mr_after_induction(0.01))["decision_points"]}
    assert points["consolidation"]["status"] == "unverified"


def mutated(change: Any) -> dict[str, Any]:
    data = copy.deepcopy(shipped())
    change(data)
    return data


BROKEN = {
    "missing rule": lambda d: d["rules"].pop("R-HSCT"),
    "missing eligibility rule": lambda d: d["rules"].pop("EXC4"),
    "rule without text": lambda d: d["rules"]["R-B1-MRD"].pop("text"),
    "rule with empty source": lambda d: d["rules"]["INC1"].update(source=""),
    "unknown source": lambda d: d["rules"]["R-EOI-CR"].update(source="S9"),
    "unknown source in a list": lambda d: d["rules"]["R-HSCT"].update(source="S1, S7"),
    "negative threshold": lambda d: d["thresholds"].update(wbc_hr_10e9_per_l=-300),
    "zero threshold": lambda d: d["thresholds"].update(b1_mrd_percent=0),
    "text threshold": lambda d: d["thresholds"].update(eoi_mrd_hr_percent="1 %"),
    "boolean threshold": lambda d: d["thresholds"].update(max_age_days=True),
    "missing threshold": lambda d: d["thresholds"].pop("hsct_mrd_percent"),
    "wrong format": lambda d: d.update(format="interfant-protocol/0"),
    "no version": lambda d: d.pop("version"),
    "empty version": lambda d: d.update(version=""),
    "no sources": lambda d: d.update(sources={}),
    "split without verified flag": lambda d: d["consolidation_split"].pop("verified"),
    "no dosing": lambda d: d.pop("dosing"),
    "dosing gap": lambda d: d["dosing"]["cycles"]["1"]["M2"][1].update(first_day=9),
    "dosing without M3": lambda d: d["dosing"]["cycles"]["1"].pop("M3"),
    "bad plausible range": lambda d: d["dosing"].update(plausible_weight_kg=[20, 1]),
}


@pytest.mark.parametrize("name", BROKEN)
def test_malformed_protocol_is_rejected(name: str) -> None:
    with pytest.raises(ProtocolFileError):
        parse_protocol(mutated(BROKEN[name]))


@pytest.mark.parametrize("document", [[], "text", None, 42])
def test_protocol_that_is_not_an_object_is_rejected(document: Any) -> None:
    with pytest.raises(ProtocolFileError):
        parse_protocol(document)


def test_unchanged_copy_is_accepted() -> None:
    assert parse_protocol(shipped()).version == load_protocol().version


def test_protocol_file_on_disk_errors(tmp_path: Path) -> None:
    with pytest.raises(ProtocolFileError):
        load_protocol_file(tmp_path / "absent.json")
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(ProtocolFileError):
        load_protocol_file(bad)
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps(mutated(BROKEN["missing rule"])), encoding="utf-8")
    with pytest.raises(ProtocolFileError, match="R-HSCT"):
        load_protocol_file(broken)


def test_engine_reads_thresholds_from_the_file() -> None:
    data = shipped()
    data["thresholds"]["wbc_hr_10e9_per_l"] = 200
    data["rules"]["R-DX-HR"]["text"] = "changed wording for the test"
    protocol = parse_protocol(data)
    result = run(case(diagnosis__wbc__value=250), protocol=protocol)
    assert result["risk"]["at_diagnosis"] == "HR"
    assert [r["text"] for r in result["risk"]["reasons"] if r["rule"] == "R-DX-HR"] == [
        "changed wording for the test"]


# --- every reason and review item carries rule ID, source and text -------------------------

SCENARIOS = [
    base_case(),
    case(diagnosis__wbc__value=300),
    case(patient__date_of_birth="2025-09-01", diagnosis__date="2026-03-01"),
    case(prednisone_response=None),
    mr_after_induction(1),
    mr_after_induction("undetectable", marrow="M3"),
    mr_after_induction(pnq(0.5)),
    mr_after_induction(pnq(5)),
    with_mrd(mr_after_induction(0.01), mrd("after_blinatumomab_1", "2026-05-02", 0.01)),
    with_mrd(mr_after_induction(0.01), mrd("after_blinatumomab_1", "2026-05-02", 0.2)),
    with_mrd(hr_at_diagnosis(), mrd("after_blinatumomab_1", "2026-05-02", pnq(0.5))),
    with_mrd(hr_at_diagnosis(), mrd("after_blinatumomab_1", "2026-05-02", "undetectable")),
    mr_after_induction(0.01, blinatumomab_checklist__live_vaccine_28d=True),
]


def reason_dicts(result: dict[str, Any]) -> list[dict[str, Any]]:
    found = [*result["risk"]["reasons"], *result["risk"]["reallocations"], *result["review"],
             *result["resolved_reviews"]]
    for reasons in result["decision_reasons"].values():
        found += reasons
    for point in result["decision_points"]:
        found += point["reasons"]
    for order in result["blinatumomab_orders"]:
        found += order["rules"]
        for step in order["steps"]:
            found += step["rules"]
    return found


@pytest.mark.parametrize("index", range(len(SCENARIOS)))
def test_every_reason_and_review_item_carries_rule_source_and_text(index: int) -> None:
    protocol = load_protocol()
    result = run(SCENARIOS[index])
    reasons = reason_dicts(result)
    assert reasons
    for reason in reasons:
        rule = protocol.rule(reason["rule"])
        assert reason["source"] == rule.source
        assert reason["text"] == rule.text
    for item in result["review"]:
        assert item["id"] and item["options"] and item["detail"]
