"""The infusion record through the services: nurses record stops, restarts and assessments,
the engine grades and gives the label's actions with this patient's doses, physicians
record what was done; everything audited, nothing deleted, exports give the record back."""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path

import pytest

from interfant_desktop.protocol.case import CrsObservation, IcansObservation
from interfant_desktop.services import clinical, patients
from interfant_desktop.services.audit import patient_history
from interfant_desktop.services.errors import InputError, PermissionDenied
from interfant_desktop.services.infusion import (
    InterruptionRequest,
    mark_interruption_in_error,
    record_interruption,
    record_restart,
)
from interfant_desktop.services.infusion_view import infusion_picture
from interfant_desktop.services.permissions import CurrentUser
from interfant_desktop.services.store_access import Store
from interfant_desktop.services.toxicity import (
    AssessmentRequest,
    capd_sheet_for,
    decide_action,
    record_assessment,
)

INFUSION = Path("/work/shared/cases/infusion") if Path("/work/shared/cases/infusion").is_dir() \
    else Path(__file__).resolve().parents[2].parent / "shared" / "cases" / "infusion"


def _crs_case() -> dict[str, object]:
    """Sample PUB-16 (fictitious) without its assessment: 4.8 kg, 57 cm, cycle 1 from
    2026-06-19 12:00, 48-hour bags."""
    data: dict[str, object] = json.loads((INFUSION / "16-crs-grade-3-action.case.json").read_text())
    del data["toxicity"]
    return data


GRADE_3 = CrsObservation(temperature_c=39.3, antipyretic_or_anticytokine_given=False, hypotension=True,
                         vasopressors=0, vasopressin=False, oxygen="high_flow")
ICANS_1 = IcansObservation(capd=4, sedated=False, consciousness="spontaneous", seizure="none",
                           motor="none", cerebral_oedema="none")


def _imported(store: Store, users: dict[str, CurrentUser]) -> str:
    return patients.import_case(store, users["doc"], _crs_case()).study_id


def test_nurse_records_a_5_hour_stop_and_a_crs_3_assessment_physician_records_the_response(
        store: Store, users: dict[str, CurrentUser]) -> None:
    sid = _imported(store, users)
    nurse, doc = users["nurse"], users["doc"]
    outcome = record_assessment(store, nurse, sid, AssessmentRequest(
        cycle=1, at=dt.datetime(2026, 6, 20, 6, 30), crs=GRADE_3, icans=ICANS_1,
        seizures_this_treatment=0))
    assert (outcome.result.crs.grade, outcome.result.icans.grade) == (3, 1)
    action = outcome.result.actions[0]
    assert (action.rule, action.blinatumomab) == ("R-TOX-CRS-3", "interrupt")
    assert action.restart is not None and action.restart.amount == 1.38  # 5 mcg/m²/day × 0.276 m²
    assert action.dexamethasone is not None and action.dexamethasone.amount == 1.4  # mg
    stop = record_interruption(store, nurse, sid, InterruptionRequest(
        cycle=1, stopped=dt.datetime(2026, 6, 20, 7, 0), reason="crs"))
    record_restart(store, nurse, sid, stop.id, dt.datetime(2026, 6, 20, 12, 0))
    with pytest.raises(PermissionDenied):
        decide_action(store, nurse, sid, outcome.assessment_id, "R-TOX-CRS-3", followed=True)
    with pytest.raises(InputError, match="reason"):
        decide_action(store, doc, sid, outcome.assessment_id, "R-TOX-CRS-3", followed=False)
    with pytest.raises(InputError, match="R-TOX-CRS-4"):
        decide_action(store, doc, sid, outcome.assessment_id, "R-TOX-CRS-4", followed=True)
    decide_action(store, doc, sid, outcome.assessment_id, "R-TOX-CRS-3", followed=True)

    picture = infusion_picture(store, doc, sid, 1)
    (stopped,) = picture.interruptions
    assert stopped.result.hours == 5.0 and stopped.result.dexamethasone_before_restart is True
    assert stopped.result.continues_same_cycle is True
    (assessed,) = picture.assessments
    assert assessed.decisions["R-TOX-CRS-3"].followed and assessed.undecided == ()
    assert picture.timeline is not None
    day2 = picture.timeline.days[1]
    assert day2.worst_crs == 3 and len(day2.interruptions) == 1
    trail = [(e.action, e.entity) for e in patient_history(store, doc, sid)]
    for entry in (("record", "toxicity_assessment"), ("record", "interruption"),
                  ("restart", "interruption"), ("decide", "toxicity_action")):
        assert entry in trail


def test_refusals_name_the_field_and_save_nothing(store: Store, users: dict[str, CurrentUser]) -> None:
    sid = _imported(store, users)
    nurse = users["nurse"]
    with pytest.raises(InputError, match="reason"):
        record_interruption(store, nurse, sid, InterruptionRequest(1, dt.datetime(2026, 6, 20, 7), "pump"))
    with pytest.raises(InputError, match=r"interruptions\[0\].stopped: is before the cycle started"):
        record_interruption(store, nurse, sid, InterruptionRequest(1, dt.datetime(2026, 6, 18, 7), "crs"))
    open_stop = record_interruption(store, nurse, sid, InterruptionRequest(
        1, dt.datetime(2026, 6, 20, 7), "line_or_pump"))
    with pytest.raises(InputError, match=r"^time stopped: the infusion of cycle 1 is still stopped") as open_:
        record_interruption(store, nurse, sid, InterruptionRequest(1, dt.datetime(2026, 6, 21, 7), "crs"))
    assert open_.value.field == "stopped"
    with pytest.raises(InputError, match=r"^time restarted: must be after the stop \(2026-06-20 07:00\)"):
        record_restart(store, nurse, sid, open_stop.id, dt.datetime(2026, 6, 20, 6))
    with pytest.raises(InputError, match="oxygen"):
        record_assessment(store, nurse, sid, AssessmentRequest(
            cycle=1, at=dt.datetime(2026, 6, 20, 6),
            crs=CrsObservation(38.5, False, False, 0, False, "mask")))
    # Times and the CAPD are named as the form names them; the field stays for the widget.
    with pytest.raises(InputError) as zoned:
        record_interruption(store, nurse, sid, InterruptionRequest(
            1, dt.datetime(2026, 6, 22, 7, tzinfo=dt.UTC), "crs"))
    assert (zoned.value.field, str(zoned.value)) == (
        "stopped", "time stopped: give the local wall-clock time, without a time zone")
    with pytest.raises(InputError) as typed:
        record_assessment(store, nurse, sid, AssessmentRequest(
            cycle=1, at="2026-06-20 06:00", crs=GRADE_3))  # type: ignore[arg-type]  # not parsed
    assert (typed.value.field, str(typed.value)) == (
        "at", "time assessed: must be a local date and time (YYYY-MM-DD HH:MM)")
    with pytest.raises(InputError) as capd:
        record_assessment(store, nurse, sid, AssessmentRequest(
            cycle=1, at=dt.datetime(2026, 6, 20, 6), crs=GRADE_3, icans=ICANS_1,
            capd_answers={1: "perhaps"}))
    assert capd.value.field == "icans.capd"
    assert str(capd.value).startswith("CAPD: item 1: 'perhaps' is not one of ")
    # Unanswered items are counted and named once, under one "CAPD" (not "CAPD: CAPD items …").
    for answered, text in ((range(1, 6), "CAPD: items 6, 7, 8 not answered"),
                           (range(1, 8), "CAPD: item 8 not answered")):
        with pytest.raises(InputError) as partial:
            record_assessment(store, nurse, sid, AssessmentRequest(
                cycle=1, at=dt.datetime(2026, 6, 20, 6), crs=GRADE_3, icans=ICANS_1,
                capd_answers=dict.fromkeys(answered, "never")))
        assert (partial.value.field, str(partial.value)) == ("icans.capd", text)
    assert infusion_picture(store, nurse, sid, 1).assessments == ()
    mark_interruption_in_error(store, nurse, sid, open_stop.id, "wrong patient's pump")
    assert infusion_picture(store, nurse, sid, 1).interruptions == ()
    assert [e.action for e in patient_history(store, users["doc"], sid)][-1] == "entered_in_error"


def test_a_section_edit_keeps_the_record_and_cannot_change_it(
        store: Store, users: dict[str, CurrentUser]) -> None:
    sid = _imported(store, users)
    record_interruption(store, users["nurse"], sid, InterruptionRequest(
        1, dt.datetime(2026, 6, 20, 7), "crs", dt.datetime(2026, 6, 20, 12)))
    record = patients.open_patient(store, users["doc"], sid)
    cycles = copy.deepcopy(record.case_json["blinatumomab"])
    for cycle in cycles:
        cycle.pop("interruptions")  # a page that writes the cycle without the record
        cycle["weight_kg"] = 4.9
    edited = clinical.replace_section(store, users["doc"], sid, record.version, "blinatumomab",
                                      cycles, "re-weighed")
    assert edited.case_json["blinatumomab"][0]["interruptions"][0]["restarted"] == "2026-06-20T12:00"
    cycles.append({"cycle": 2, "weight_kg": 5.0, "height_cm": 58.0})  # a new cycle keeps the record
    edited = clinical.replace_section(store, users["doc"], sid, edited.version, "blinatumomab",
                                      cycles, "cycle 2 measured")
    assert len(edited.case_json["blinatumomab"][0]["interruptions"]) == 1
    cycles[0]["interruptions"] = []
    with pytest.raises(InputError, match="Infusion page"):
        clinical.replace_section(store, users["doc"], sid, edited.version, "blinatumomab", cycles, "x")


@pytest.mark.parametrize("name", sorted(p.name for p in INFUSION.glob("*.case.json")))
def test_imported_infusion_cases_export_unchanged(store: Store, users: dict[str, CurrentUser],
                                                  name: str) -> None:
    data = json.loads((INFUSION / name).read_text())
    sid = patients.import_case(store, users["doc"], data).study_id
    assert patients.export_case(store, users["doc"], sid) == data


def test_capd_sheet_shows_the_unverified_notice_for_the_age_band(
        store: Store, users: dict[str, CurrentUser]) -> None:
    sid = _imported(store, users)
    sheet = capd_sheet_for(store, users["nurse"], sid, dt.date(2026, 6, 20))
    assert sheet.band_label == "8 weeks" and not sheet.verified
    assert all("NOT TRANSCRIBED" in item.anchor for item in sheet.items)
    assert sheet.anchors_missing and "Silver" in sheet.reference


def test_the_sites_own_hospitalisation_figure_is_shown_beside_the_labels(
        store: Store, users: dict[str, CurrentUser], monkeypatch: pytest.MonkeyPatch) -> None:
    """RULES.md "Hospitalisation and monitoring": the label's figure as such, and the site's
    own when set (``INTERFANT_HOSPITALISATION_DAYS``); a setting that cannot be used is
    refused with its name, never read as unset."""
    sid = _imported(store, users)  # flat-dosed (M1) cycle 1 from 2026-06-19 12:00: label 3 days
    nurse = users["nurse"]
    monkeypatch.delenv("INTERFANT_HOSPITALISATION_DAYS", raising=False)
    timeline = infusion_picture(store, nurse, sid, 1).timeline
    assert timeline is not None
    stay = timeline.reminders[0]
    assert (stay.label_days, stay.site_days, stay.until) == (3, None, dt.datetime(2026, 6, 22, 12, 0))
    monkeypatch.setenv("INTERFANT_HOSPITALISATION_DAYS", "cycle_1_flat=7, cycle_2=3")
    timeline = infusion_picture(store, nurse, sid, 1).timeline
    assert timeline is not None
    stay = timeline.reminders[0]
    assert (stay.label_days, stay.site_days, stay.until) == (3, 7, dt.datetime(2026, 6, 26, 12, 0))
    assert stay.reason.detail == "label: first 3 days; this site: first 7 days"
    assert timeline.days[7].hospitalised and not timeline.days[8].hospitalised  # until 26 June 12:00
    for bad in ("cycle_1=14", "cycle_1_flat=0", "cycle_2=two", "cycle_2=3, cycle_2=4"):
        monkeypatch.setenv("INTERFANT_HOSPITALISATION_DAYS", bad)
        with pytest.raises(InputError, match="INTERFANT_HOSPITALISATION_DAYS"):
            infusion_picture(store, nurse, sid, 1)
