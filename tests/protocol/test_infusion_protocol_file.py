"""The infusion and toxicity rules live as data in the protocol file: the engine reads the
thresholds from it, and a file without them is refused before the engine uses it."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from interfant_desktop.paths import resource
from interfant_desktop.protocol import ProtocolFileError, load_protocol
from interfant_desktop.protocol.case import CrsObservation, IcansObservation
from interfant_desktop.protocol.protocol_file import INFUSION_RULES, parse_protocol
from interfant_desktop.protocol.toxicity_grading import grade_crs, grade_icans
from tests.protocol.builders import run
from tests.protocol.infusion_cases import infusion_case, stop


def shipped() -> dict[str, Any]:
    text = resource("protocol", "interfant-21.protocol.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def changed(path: str, value: Any) -> dict[str, Any]:
    data = copy.deepcopy(shipped())
    node = data
    *parents, last = path.split(".")
    for key in parents:
        node = node[key]
    node[last] = value
    return data


def test_every_infusion_rule_has_its_source_and_the_unverified_ones_say_so() -> None:
    protocol = load_protocol()
    assert protocol.sources["S5"].startswith("Lee DW et al., ASTCT consensus grading")
    for rule_id in INFUSION_RULES:
        rule = protocol.rule(rule_id)
        assert rule.text and rule.source in ("S4", "S5")
    unverified = {r for r in INFUSION_RULES if not protocol.rule(r).verified}
    assert unverified == {"R-TOX-NEURO-3", "R-TOX-OTHER-3", "R-CAPD-ANCHORS"}
    assert all("UNVERIFIED" in protocol.rule(r).text for r in unverified)


def test_the_fever_threshold_comes_from_the_file() -> None:
    obs = CrsObservation(38.2, False, False, 0, False, "none")
    assert grade_crs(obs, load_protocol()).grade == 1
    assert grade_crs(obs, parse_protocol(changed("toxicity.crs.fever_c", 38.5))).grade == 0


def test_the_capd_threshold_comes_from_the_file() -> None:
    obs = IcansObservation(9, False, "alert", "none", "none", "none")
    assert grade_icans(obs, load_protocol()).grade == 3
    assert grade_icans(obs, parse_protocol(changed("toxicity.icans.capd_high_min", 10))).grade == 1


def test_the_four_hour_limit_comes_from_the_file() -> None:
    data = infusion_case(interruptions=[stop("2026-04-06T14:00", "2026-04-06T17:00")])
    protocol = parse_protocol(changed("infusion.restart_premedication_min_minutes", 180))
    [item] = run(data, protocol=protocol)["blinatumomab_orders"][0]["interruptions"]
    assert item["dexamethasone_before_restart"] is True


@pytest.mark.parametrize("section", ["infusion", "toxicity"])
def test_a_file_without_the_section_is_refused(section: str) -> None:
    data = shipped()
    del data[section]
    with pytest.raises(ProtocolFileError, match=section):
        parse_protocol(data)


def test_a_file_without_an_infusion_rule_is_refused() -> None:
    data = shipped()
    del data["rules"]["R-TOX-NEURO-3"]
    with pytest.raises(ProtocolFileError, match="R-TOX-NEURO-3"):
        parse_protocol(data)


def test_capd_age_bands_must_rise_from_birth() -> None:
    bands = copy.deepcopy(shipped()["toxicity"]["capd"]["age_bands"])
    bands.reverse()
    with pytest.raises(ProtocolFileError, match="age_bands"):
        parse_protocol(changed("toxicity.capd.age_bands", bands))
