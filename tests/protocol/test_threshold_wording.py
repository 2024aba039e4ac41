"""Every text that names a threshold is built from the protocol file's threshold: amend a
threshold in a copy of the file and the new number is in every text, the old in none.
One list of eligibility criteria, read from the protocol file."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from interfant_desktop.paths import resource
from interfant_desktop.protocol import ProtocolFileError, load_protocol, load_protocol_file
from interfant_desktop.protocol.protocol_file import Protocol
from tests.protocol.builders import (
    case,
    hr_at_diagnosis,
    mr_after_induction,
    mrd,
    run,
    with_mrd,
)

AMENDED = {"max_age_days": 366, "risk_age_months": 7, "wbc_hr_10e9_per_l": 350,
           "prednisone_poor_blasts_per_ul": 1200, "eoi_mrd_hr_percent": 2,
           "eoi_mrd_split_percent": 0.07, "b1_mrd_percent": 0.02, "hsct_mrd_percent": 0.03,
           "late_mrd_percent": 0.04}
# What the shipped file's numbers look like in a text (and must no longer appear).
OLD_NUMBERS = [r"\b365 days", r"\b6 months", r"\b6-month", r"\b300 ×", r"300 000", r"\b1000/µL",
               r"(?<![0-9.])1 %", r"0\.05 %", r"0\.01 %"]
NEW_NUMBERS = {"R-AGE-6M": ["7 months", "7-month"], "R-WBC-UNIT": ["350 ×", "350 000 /µL"],
               "INC2": ["366 days"], "EXC4": ["366 days"], "R-PRED": ["1200/µL"],
               "R-DX-HR": ["7 months", "350 ×"], "R-DX-MR": ["7 months", "350 ×"],
               "R-DX-MR-AGE": ["7 months"], "R-DX-AGE-BOUNDARY": ["7-month", "7 months"],
               "R-DX-WBC-BOUNDARY": ["350 ×", "≥ 350"], "R-EOI-MRD": ["≥ 2 %"],
               "R-EOI-SPLIT": ["< 0.07 %", "≥ 0.07 %"], "R-B1-MRD": ["> 0.02 %", "< 0.03 %"],
               "R-HSCT": ["< 0.03 %"], "R-ROADMAP-HR": ["≥ 0.03 %"], "R-MRD-LATE": ["0.04 %"],
               "D5": ["0.03 %"], "D6": ["0.04 %"], "D4": ["7-month"]}


@pytest.fixture(scope="module")
def amended(tmp_path_factory: pytest.TempPathFactory) -> Protocol:
    data = json.loads(resource("protocol", "interfant-21.protocol.json").read_text(encoding="utf-8"))
    data["thresholds"].update(AMENDED)
    path = tmp_path_factory.mktemp("protocol") / "amended.protocol.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return load_protocol_file(path)


@pytest.mark.parametrize("rule_id", sorted(NEW_NUMBERS))
def test_each_rule_text_names_the_amended_threshold(amended: Protocol, rule_id: str) -> None:
    text = amended.rule(rule_id).text
    for number in NEW_NUMBERS[rule_id]:
        assert number in text, (rule_id, text)
    for old in OLD_NUMBERS:
        assert not re.search(old, text), (rule_id, old, text)


def test_the_shipped_texts_name_the_shipped_thresholds() -> None:
    protocol = load_protocol()
    assert "> 0.01 %" in protocol.rule("R-B1-MRD").text
    assert "300 × 10^9/L = 300 000 /µL" in protocol.rule("R-WBC-UNIT").text
    assert "{" not in " ".join(r.text for r in protocol.rules.values())


def texts(result: Any) -> list[str]:
    """Every text and detail of an evaluation that a clinician reads."""
    found: list[str] = []

    def walk(node: Any, key: str = "") -> None:
        if isinstance(node, dict):
            for k, v in node.items():
                walk(v, k)
        elif isinstance(node, list):
            for v in node:
                walk(v, key)
        elif isinstance(node, str) and key in ("text", "detail", "note", "question", "outcome"):
            found.append(node)

    walk(result)
    return found


CASES = {
    "young MR": lambda: case(),
    "older MR": lambda: case(patient__date_of_birth="2025-06-01"),
    "WBC pending": lambda: case(diagnosis__wbc=None),
    "HR at diagnosis": lambda: with_mrd(hr_at_diagnosis(), mrd("after_blinatumomab_1", "2026-05-02", 0.5)),
    "HR eligible": lambda: with_mrd(hr_at_diagnosis(),
                                    mrd("after_blinatumomab_1", "2026-05-02", "undetectable")),
    "MR, cycle 2": lambda: with_mrd(mr_after_induction(0.003),
                                    mrd("after_blinatumomab_1", "2026-05-02", "undetectable")),
    "MR to HR after cycle 1": lambda: with_mrd(mr_after_induction(0.5),
                                               mrd("after_blinatumomab_1", "2026-05-02", 0.5)),
    "EOI to HR": lambda: mr_after_induction(3),
    "later MRD": lambda: with_mrd(mr_after_induction(0.003),
                                  mrd("after_blinatumomab_1", "2026-05-02", "undetectable"),
                                  mrd("end_of_consolidation", "2026-06-20", 0.5)),
}


@pytest.mark.parametrize("name", CASES)
def test_no_evaluation_text_names_an_old_threshold(amended: Protocol, name: str) -> None:
    data = CASES[name]()
    # the amended age threshold moves the 6-month birthday: keep the ages clear of both
    result = run(data, protocol=amended)
    for text in texts(result):
        for old in OLD_NUMBERS:
            assert not re.search(old, text), (name, old, text)


def test_the_engine_texts_of_decisions_and_roadmap_name_the_new_numbers(amended: Protocol) -> None:
    eligible = run(CASES["HR eligible"](), protocol=amended)
    assert "< 0.03 %" in eligible["decision_reasons"]["hsct_eligible"][0]["detail"]
    window = next(p for p in eligible["roadmap"] if p["phase"] == "investigational_window")
    assert "0.03 %" in window["note"]
    cycle_2 = run(CASES["MR, cycle 2"](), protocol=amended)
    assert "< 0.02 %" in cycle_2["decision_reasons"]["blinatumomab_2"][0]["detail"]
    pending = run(CASES["WBC pending"](), protocol=amended)
    assert any("younger than 7 months" in t for t in texts(pending))


def test_an_unknown_placeholder_in_a_rule_text_is_refused(tmp_path: Path) -> None:
    data = json.loads(resource("protocol", "interfant-21.protocol.json").read_text(encoding="utf-8"))
    data["rules"]["R-HSCT"]["text"] = "eligible below {hsct_mrd_pct} %"
    path = tmp_path / "bad.protocol.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ProtocolFileError, match="unknown threshold"):
        load_protocol_file(path)


# --- one list of eligibility criteria -------------------------------------------------------

def test_the_criteria_come_from_the_protocol_file(tmp_path: Path) -> None:
    data = json.loads(resource("protocol", "interfant-21.protocol.json").read_text(encoding="utf-8"))
    data["eligibility"]["exclusion"].remove("EXC7")
    path = tmp_path / "fewer.protocol.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    fewer = load_protocol_file(path)
    result = run(case(diagnosis__prior_steroids=True), protocol=fewer)
    assert [c["id"] for c in result["eligibility"]["criteria"]] == list(fewer.criterion_ids)
    assert "EXC7" not in fewer.criterion_ids and result["eligibility"]["status"] == "eligible"


def test_a_criterion_the_engine_cannot_decide_is_never_met(tmp_path: Path) -> None:
    data = json.loads(resource("protocol", "interfant-21.protocol.json").read_text(encoding="utf-8"))
    data["eligibility"]["exclusion"].append("EXC8")
    data["rules"]["EXC8"] = {"source": "S1", "text": "A new exclusion."}
    path = tmp_path / "more.protocol.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    result = run(case(), protocol=load_protocol_file(path))
    assert result["eligibility"]["status"] == "incomplete" and result["eligibility"]["missing"] == ["EXC8"]


def test_a_listed_criterion_needs_a_rule(tmp_path: Path) -> None:
    data = json.loads(resource("protocol", "interfant-21.protocol.json").read_text(encoding="utf-8"))
    data["eligibility"]["inclusion"].append("INC9")
    path = tmp_path / "bad.protocol.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ProtocolFileError, match="INC9"):
        load_protocol_file(path)


def test_the_services_and_the_gui_use_the_protocol_files_list() -> None:
    import ast

    root = Path(__file__).resolve().parents[2] / "interfant_desktop"
    ids = set(load_protocol().criterion_ids)
    for path in root.rglob("*.py"):
        if path.parts[-2] == "protocol":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
                named = {e.value for e in node.elts if isinstance(e, ast.Constant)} & ids
                assert len(named) < 3, f"{path}: a copy of the criteria list {sorted(named)}"
