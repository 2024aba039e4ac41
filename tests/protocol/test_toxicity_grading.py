"""CRS (ASTCT) and paediatric ICANS (ASTCT + CAPD) grades, exactly as RULES.md "Toxicity"."""

from __future__ import annotations

from typing import Any

import pytest

from interfant_desktop.protocol import load_protocol
from interfant_desktop.protocol.case import CrsObservation, IcansObservation
from interfant_desktop.protocol.toxicity_grading import grade_crs, grade_icans
from tests.protocol.builders import run
from tests.protocol.infusion_cases import assessment, crs, icans, infusion_case

PROTOCOL = load_protocol()


def c(**kw: Any) -> CrsObservation:
    base: dict[str, Any] = {"temperature_c": 39.0, "antipyretic_or_anticytokine_given": False,
                            "hypotension": False, "vasopressors": 0, "vasopressin": False, "oxygen": "none"}
    return CrsObservation(**{**base, **kw})


def i(**kw: Any) -> IcansObservation:
    base: dict[str, Any] = {"capd": 0, "sedated": False, "consciousness": "alert", "seizure": "none",
                            "motor": "none", "cerebral_oedema": "none"}
    return IcansObservation(**{**base, **kw})


@pytest.mark.parametrize(("obs", "grade", "set_by"), [
    (c(temperature_c=37.9), 0, ()),                                   # below 38.0: no fever, no CRS
    (c(temperature_c=37.9, hypotension=True, oxygen="high_flow"), 0, ()),  # no fever, none masked
    (c(temperature_c=38.0), 1, ("fever",)),                           # 38.0 is fever
    (c(temperature_c=38.0, oxygen="low_flow"), 2, ("hypoxia",)),
    (c(hypotension=True), 2, ("hypotension",)),
    (c(hypotension=True, oxygen="low_flow"), 2, ("hypotension", "hypoxia")),
    (c(oxygen="high_flow"), 3, ("hypoxia",)),
    (c(hypotension=True, vasopressors=1), 3, ("hypotension",)),
    (c(hypotension=True, vasopressin=True), 3, ("hypotension",)),   # vasopressin alone is grade 3
    (c(hypotension=True, vasopressors=1, vasopressin=True), 3, ("hypotension",)),  # not "several"
    (c(hypotension=True, vasopressors=2), 4, ("hypotension",)),
    (c(oxygen="positive_pressure"), 4, ("hypoxia",)),
    (c(hypotension=True, vasopressors=1, oxygen="positive_pressure"), 4, ("hypoxia",)),
])
def test_crs_grade_and_the_domain_that_set_it(obs: CrsObservation, grade: int,
                                              set_by: tuple[str, ...]) -> None:
    result = grade_crs(obs, PROTOCOL)
    assert result.grade == grade
    assert result.set_by == set_by
    assert result.reasons[0].rule == "R-TOX-CRS-GRADE" and result.reasons[0].source == "S5"


@pytest.mark.parametrize(("obs", "grade"), [
    (c(temperature_c=37.0, antipyretic_or_anticytokine_given=True), 0),            # masked, nothing else
    (c(temperature_c=37.0, antipyretic_or_anticytokine_given=True, oxygen="low_flow"), 2),
    (c(temperature_c=36.5, antipyretic_or_anticytokine_given=True, hypotension=True, vasopressors=2), 4),
    (c(temperature_c=None, antipyretic_or_anticytokine_given=True, oxygen="high_flow"), 3),
])
def test_after_an_antipyretic_fever_is_not_required(obs: CrsObservation, grade: int) -> None:
    assert grade_crs(obs, PROTOCOL).grade == grade


def test_crs_not_assessed_or_without_temperature_is_not_graded() -> None:
    assert grade_crs(None, PROTOCOL).grade is None
    result = grade_crs(c(temperature_c=None, hypotension=True), PROTOCOL)
    assert result.grade is None and "temperature_c" in result.not_recorded


@pytest.mark.parametrize(("obs", "grade", "set_by"), [
    (i(), 0, ()),                                                        # alert, CAPD 0: no ICANS
    (i(capd=1), 1, ("capd",)),
    (i(capd=8), 1, ("capd",)),                                           # 1–8
    (i(capd=9), 3, ("capd",)),                                           # ≥ 9
    (i(capd=None), 4, ("capd",)),                                        # unable to perform the CAPD
    (i(capd=4, consciousness="spontaneous"), 1, ("capd", "consciousness")),
    (i(capd=4, consciousness="voice"), 2, ("consciousness",)),
    (i(capd=4, consciousness="tactile"), 3, ("consciousness",)),
    (i(capd=4, consciousness="unarousable"), 4, ("consciousness",)),
    (i(seizure="resolved_rapidly"), 3, ("seizure",)),
    (i(seizure="prolonged_or_repeated"), 4, ("seizure",)),
    (i(motor="deep_focal_weakness"), 4, ("motor",)),
    (i(cerebral_oedema="focal"), 3, ("cerebral_oedema",)),
    (i(cerebral_oedema="diffuse_or_raised_icp"), 4, ("cerebral_oedema",)),
    (i(capd=12, seizure="resolved_rapidly"), 3, ("capd", "seizure")),
])
def test_icans_grade_and_the_domain_that_set_it(obs: IcansObservation, grade: int,
                                                set_by: tuple[str, ...]) -> None:
    result = grade_icans(obs, PROTOCOL)
    assert result.grade == grade
    assert result.set_by == set_by
    assert result.reasons[0].rule == "R-TOX-ICANS-GRADE"


@pytest.mark.parametrize("obs", [
    i(sedated=True),
    i(sedated=True, capd=20, consciousness="unarousable"),   # neither counts under sedation
    i(sedated=True, capd=None),
])
def test_under_sedation_with_everything_else_normal_the_grade_is_null_never_0(obs: IcansObservation) -> None:
    result = grade_icans(obs, PROTOCOL)
    assert result.grade is None
    assert "not assessable under sedation" in result.summary
    assert [r.rule for r in result.reasons] == ["R-TOX-ICANS-GRADE", "R-TOX-ICANS-SEDATION"]


def test_under_sedation_the_other_domains_still_grade() -> None:
    obs = i(sedated=True, capd=25, consciousness="unarousable", cerebral_oedema="focal")
    result = grade_icans(obs, PROTOCOL)
    assert result.grade == 3
    assert result.set_by == ("cerebral_oedema",)
    capd = next(d for d in result.domains if d.domain == "capd")
    assert not capd.counted and "not counted" in capd.finding


def test_tremor_and_myoclonus_are_not_counted() -> None:
    motor = next(d for d in grade_icans(i(), PROTOCOL).domains if d.domain == "motor")
    assert "tremor and myoclonus are not counted" in motor.finding
    assert PROTOCOL.toxicity["icans"]["not_counted"] == ["tremor", "myoclonus"]


def test_the_evaluation_reports_grades_with_their_domains() -> None:
    data = infusion_case(toxicity=[
        assessment("2026-04-06T08:00", crs(39.1, hypotension=True, oxygen="low_flow"),
                   icans(capd=10, consciousness="voice")),
        {"at": "2026-04-06T12:00", "cycle": 1, "crs": None, "icans": None},
    ])
    first, second = run(data)["toxicity"]
    assert (first["at"], first["crs_grade"], first["icans_grade"]) == ("2026-04-06T08:00", 2, 3)
    assert first["crs"]["set_by"] == ["hypotension", "hypoxia"]
    assert first["icans"]["set_by"] == ["capd"]
    assert first["grading_system"] == "ASTCT 2019"
    assert (second["crs_grade"], second["icans_grade"], second["actions"]) == (None, None, [])


def test_the_summary_names_domains_and_empty_fields_in_words() -> None:
    """A nurse reads "set by CAPD" and "temperature", never the IDs ``capd`` or
    ``temperature_c``; the answer keeps the IDs for the contract."""
    icans_1 = grade_icans(i(capd=2), PROTOCOL)
    assert icans_1.set_by == ("capd",)
    assert icans_1.summary.startswith("ICANS grade 1, set by CAPD: CAPD 2")
    oedema = grade_icans(i(cerebral_oedema="focal"), PROTOCOL)
    assert "set by cerebral oedema:" in oedema.summary
    crs_2 = grade_crs(c(hypotension=True, oxygen="low_flow"), PROTOCOL)
    assert "set by hypotension and hypoxia:" in crs_2.summary
    unknown = grade_crs(c(antipyretic_or_anticytokine_given=True, temperature_c=None, oxygen=None),
                        PROTOCOL)
    assert unknown.not_recorded == ("temperature_c", "oxygen")
    assert unknown.not_recorded_words == "temperature, oxygen support"
    assert "_" not in grade_icans(i(sedated=None, motor=None, cerebral_oedema=None),
                                  PROTOCOL).not_recorded_words


def test_the_summary_names_the_domains_in_words_not_their_keys() -> None:
    """The grade's summary is read on the ward: "set by CAPD", "set by cerebral oedema",
    while ``set_by`` keeps the keys of the evaluate contract."""
    capd = grade_icans(i(capd=2), PROTOCOL)
    assert capd.set_by == ("capd",) and capd.summary.startswith("ICANS grade 1, set by CAPD: CAPD 2")
    oedema = grade_icans(i(sedated=True, capd=25, cerebral_oedema="focal"), PROTOCOL)
    assert oedema.set_by == ("cerebral_oedema",)
    assert oedema.summary.startswith("ICANS grade 3, set by cerebral oedema: "), oedema.summary


def test_a_domain_left_empty_is_never_shown_as_a_normal_finding() -> None:
    """Was: hypotension and oxygen left empty read "no hypotension", "no oxygen support"
    and an ICANS with seizures, motor and oedema left empty read "every domain normal":
    the ward read negative findings nobody made."""
    crs_1 = grade_crs(c(hypotension=None, vasopressors=None, vasopressin=None, oxygen=None), PROTOCOL)
    findings = {d.domain: d.finding for d in crs_1.domains}
    assert findings["hypotension"] == "hypotension not recorded (counted as none)"
    assert findings["hypoxia"] == "oxygen support not recorded (counted as none)"
    assert crs_1.grade == 1 and crs_1.summary.startswith("CRS grade 1, set by fever: ")
    assert crs_1.not_recorded_words == "hypotension, vasopressors, vasopressin, oxygen support"
    icans_0 = grade_icans(i(seizure=None, motor=None, cerebral_oedema=None), PROTOCOL)
    findings = {d.domain: d.finding for d in icans_0.domains}
    assert findings["seizure"] == "seizures not recorded (counted as none)"
    assert findings["cerebral_oedema"] == "cerebral oedema not recorded (counted as none)"
    # The screen adds "(not recorded: seizures, …)": the summary must not say "every domain".
    assert icans_0.grade == 0
    assert icans_0.summary == "ICANS grade 0 (none): every recorded domain normal"
    # Fully recorded: the summaries as before.
    assert grade_crs(c(), PROTOCOL).summary.startswith("CRS grade 1, set by fever: temperature 39")
    assert grade_icans(i(), PROTOCOL).summary == "ICANS grade 0 (none): every domain normal"

