"""Case-file JSON <-> stored rows, losslessly.

``case_to_rows`` writes a *validated* case (``interfant-case/1`` JSON, already
checked by the engine's ``parse_case``) into a patient and its section rows;
``rows_to_case`` gives back the same JSON value: every key that was in the file
is there again, ``null`` stays ``null``, a missing key stays missing, a section
given as ``null`` or ``[]`` comes back as such.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, TypeVar

from sqlalchemy.orm import object_session

from interfant_desktop.store.models import (
    BlinatumomabChecklist,
    BlinatumomabCycle,
    Diagnosis,
    EndOfInduction,
    InfusionInterruption,
    MrdResult,
    Patient,
    PrednisoneResponse,
    ToxicityAssessment,
)

CASE_FORMAT = "interfant-case/1"
OBJECT_SECTIONS = ("diagnosis", "prednisone_response", "end_of_induction",
                   "blinatumomab_checklist")
LIST_SECTIONS = ("mrd", "blinatumomab")
SECTIONS = (*OBJECT_SECTIONS, *LIST_SECTIONS)
#: The infusion record: stored in its own tables, recorded at the bedside (services.infusion,
#: services.toxicity) and never replaced by a section edit; an import stores what the file has.
RECORD_SECTION = "toxicity"
LOCAL_MINUTE = "%Y-%m-%dT%H:%M"
TOXICITY_KEYS = ("crs", "icans", "other", "seizures_this_treatment")

# case-file key -> model attribute, per section; dates are converted both ways.
PATIENT_KEYS = {"study_id": "study_id", "name": "name", "hospital_number": "hospital_number",
                "date_of_birth": "date_of_birth", "sex": "sex", "down_syndrome": "down_syndrome"}
DIAGNOSIS_KEYS = {"date": "date", "lineage": "lineage", "kmt2a": "kmt2a",
                  "kmt2a_partner": "kmt2a_partner", "relapsed": "relapsed",
                  "prior_steroids": "prior_steroids", "prior_chemotherapy": "prior_chemotherapy",
                  "consent": "consent"}  # plus "wbc" (two columns)
PREDNISONE_KEYS = {"date": "date", "blasts_per_uL": "blasts_per_ul",
                   "not_evaluable": "not_evaluable"}
EOI_KEYS = {"date": "date", "marrow": "marrow", "cns": "cns"}
CHECKLIST_KEYS = {"cd19_positive": "cd19_positive", "cns1_at_eoi": "cns1_at_eoi",
                  "hypersensitivity": "hypersensitivity", "live_vaccine_28d": "live_vaccine_28d"}
MRD_KEYS = {"timepoint": "timepoint", "date": "sample_date", "method": "method",
            "laboratory": "laboratory"}  # plus "result" (three columns)
CYCLE_KEYS = {"cycle": "cycle", "start_date": "start_date", "weight_kg": "weight_kg",
              "weight_date": "weight_date", "height_cm": "height_cm",
              "height_date": "height_date", "bsa_formula": "bsa_formula",
              "start_time": "start_time", "bag_hours": "bag_hours"}
# Sections stored as one plain row per patient: (patient attribute, model, keys).
# ``diagnosis`` is one row too, but its ``wbc`` object spans two columns.
_ONE_ROW: dict[str, tuple[str, Any, dict[str, str]]] = {
    "prednisone_response": ("prednisone_response", PrednisoneResponse, PREDNISONE_KEYS),
    "end_of_induction": ("end_of_induction", EndOfInduction, EOI_KEYS),
    "blinatumomab_checklist": ("blinatumomab_checklist", BlinatumomabChecklist, CHECKLIST_KEYS),
}
_DATE_ATTRS = {"date", "date_of_birth", "sample_date", "start_date", "weight_date", "height_date"}


def _to_attr(attr: str, value: Any) -> Any:
    if value is not None and attr in _DATE_ATTRS:
        return dt.date.fromisoformat(value)
    return value


def _to_json(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


def _fill(row: Any, data: dict[str, Any], keys: dict[str, str]) -> None:
    for key, attr in keys.items():
        setattr(row, attr, _to_attr(attr, data.get(key)))


def _read(row: Any, keys: dict[str, str]) -> dict[str, Any]:
    given = set(row.keys_given or [])
    out: dict[str, Any] = {}
    for key, attr in keys.items():
        value = getattr(row, attr)
        if value is not None or key in given:
            out[key] = _to_json(value)
    return out


def _mrd_row(position: int, item: dict[str, Any]) -> MrdResult:
    row = MrdResult(position=position, keys_given=sorted(item))
    _fill(row, item, MRD_KEYS)
    result = item["result"]
    if result == "undetectable":
        row.kind = "undetectable"
    elif "percent" in result:
        row.kind, row.percent = "percent", result["percent"]
    else:
        row.kind, row.qr_percent = "pnq", result["quantitative_range_percent"]
    return row


def _mrd_json(row: MrdResult) -> dict[str, Any]:
    out = _read(row, MRD_KEYS)
    if row.kind == "undetectable":
        out["result"] = "undetectable"
    elif row.kind == "percent":
        out["result"] = {"percent": row.percent}
    else:
        out["result"] = {"positive_not_quantifiable": True,
                         "quantitative_range_percent": row.qr_percent}
    return out


def set_patient_identity(patient: Patient, data: dict[str, Any]) -> None:
    """The ``patient`` section of a case onto the patient row."""
    _fill(patient, data, PATIENT_KEYS)
    patient.study_id = data["study_id"].strip()
    patient.keys_given = sorted(data)
    _set_allergies(patient, data.get("allergies"))


def _set_allergies(patient: Patient, allergies: list[str] | None) -> None:
    """``patient.allergies`` of a case onto the allergy columns: null = not recorded,
    ``[]`` = "no known allergies", else one allergy per line (the engine refuses line
    breaks inside an entry, so the lines give the same list back)."""
    if allergies is None:
        patient.no_known_allergies, patient.allergies = None, None
    elif not allergies:
        patient.no_known_allergies, patient.allergies = True, None
    else:
        patient.no_known_allergies = False
        patient.allergies = "\n".join(a.strip() for a in allergies)


def _allergies_json(patient: Patient) -> list[str] | None:
    if patient.no_known_allergies is None:
        return None
    if patient.no_known_allergies:
        return []
    return [line.strip() for line in (patient.allergies or "").splitlines() if line.strip()]


def _patient_json(patient: Patient) -> dict[str, Any]:
    out = _read(patient, PATIENT_KEYS)
    allergies = _allergies_json(patient)
    # recorded (in the file or later in the app) is exported; null only when the file gave it
    if allergies is not None or "allergies" in (patient.keys_given or []):
        out["allergies"] = allergies
    return out


def set_section(patient: Patient, section: str, value: Any, *, given: bool = True) -> None:
    """Replace one section of ``patient`` by its case-file form ``value``
    (``None`` = given as null; ``given=False`` = absent from the case)."""
    shapes = dict(patient.sections_given or {})
    shapes.pop(section, None)
    if given:
        shapes[section] = "null" if value is None else ("list" if section in LIST_SECTIONS
                                                        else "object")
    patient.sections_given = shapes
    value = value if given else None
    if section == "diagnosis":
        diagnosis = None
        if value is not None:
            diagnosis = _reuse(patient.diagnosis, Diagnosis, value)
            _fill(diagnosis, value, DIAGNOSIS_KEYS)
            wbc = value.get("wbc")
            diagnosis.wbc_value = None if wbc is None else wbc["value"]
            diagnosis.wbc_unit = None if wbc is None else wbc["unit"]
        patient.diagnosis = diagnosis
    elif section in _ONE_ROW:
        attribute, model, keys = _ONE_ROW[section]
        row = None
        if value is not None:
            row = _reuse(getattr(patient, attribute), model, value)
            _fill(row, value, keys)
        setattr(patient, attribute, row)
    elif section == "mrd":
        _clear_list(patient, "mrd_results")
        patient.mrd_results = [_mrd_row(i, item) for i, item in enumerate(value or [])]
    elif section == "blinatumomab":
        _clear_list(patient, "blinatumomab_cycles")
        cycles = []
        for i, item in enumerate(value or []):
            cycle = BlinatumomabCycle(position=i, keys_given=sorted(item))
            _fill(cycle, item, CYCLE_KEYS)
            cycles.append(cycle)
        patient.blinatumomab_cycles = cycles
    else:
        raise KeyError(f"unknown case section {section!r}")


_Row = TypeVar("_Row", Diagnosis, PrednisoneResponse, EndOfInduction, BlinatumomabChecklist)


def _reuse(existing: _Row | None, model: type[_Row], value: dict[str, Any]) -> _Row:
    """Update a one-per-patient row in place (a new row would collide with the old one
    on the unique patient_id, because the unit of work inserts before it deletes)."""
    row = existing if existing is not None else model()
    row.keys_given = sorted(value)
    return row


def _clear_list(patient: Patient, attribute: str) -> None:
    """Delete a list section's rows before new ones are added (unique keys again)."""
    if not getattr(patient, attribute):
        return
    setattr(patient, attribute, [])
    session = object_session(patient)
    if session is not None and patient.id is not None:
        session.flush()


def case_to_rows(patient: Patient, case: dict[str, Any]) -> None:
    """Fill ``patient`` (new or existing) from a validated case-file dict."""
    set_patient_identity(patient, case["patient"])
    patient.sections_given = {}
    for section in SECTIONS:
        set_section(patient, section, case.get(section), given=section in case)
    record_to_rows(patient, case, patient.created_by)


def section_to_json(patient: Patient, section: str) -> Any:
    """The case-file form of one section (None when absent or null)."""
    if section == "diagnosis":
        d = patient.diagnosis
        if d is None:
            return None
        out = _read(d, DIAGNOSIS_KEYS)
        if d.wbc_value is not None:
            out["wbc"] = {"value": d.wbc_value, "unit": d.wbc_unit}
        elif "wbc" in (d.keys_given or []):
            out["wbc"] = None
        return out
    if section in _ONE_ROW:
        attribute, _model, keys = _ONE_ROW[section]
        row = getattr(patient, attribute)
        return None if row is None else _read(row, keys)
    if section == "mrd":
        return [_mrd_json(row) for row in patient.mrd_results]
    if section == "blinatumomab":
        return [_cycle_json(patient, row) for row in patient.blinatumomab_cycles]
    raise KeyError(f"unknown case section {section!r}")


def rows_to_case(patient: Patient) -> dict[str, Any]:
    """The case file of ``patient``, as the same JSON value it was imported as, with the
    infusion record (interruptions per cycle, toxicity assessments) as recorded since."""
    case: dict[str, Any] = {"format": CASE_FORMAT, "patient": _patient_json(patient)}
    shapes = patient.sections_given or {}
    for section in SECTIONS:
        shape = shapes.get(section)
        if shape is None:
            continue
        case[section] = None if shape == "null" else section_to_json(patient, section)
    assessments = [a for a in patient.toxicity_assessments if not a.entered_in_error]
    if assessments or shapes.get(RECORD_SECTION):
        case[RECORD_SECTION] = None if shapes.get(RECORD_SECTION) == "null" and not assessments \
            else [assessment_json(a) for a in assessments]
    return case


def _cycle_json(patient: Patient, row: BlinatumomabCycle) -> dict[str, Any]:
    """One cycle in case-file form with its interruptions (when given or recorded)."""
    out = _read(row, CYCLE_KEYS)
    stops = [interruption_json(i) for i in patient.infusion_interruptions
             if i.cycle == row.cycle and not i.entered_in_error]
    if stops or "interruptions" in (row.keys_given or []):
        out["interruptions"] = stops
    return out


def interruption_json(row: InfusionInterruption) -> dict[str, Any]:
    """An interruption in case-file form."""
    return {"stopped": row.stopped.strftime(LOCAL_MINUTE),
            "restarted": None if row.restarted is None else row.restarted.strftime(LOCAL_MINUTE),
            "reason": row.reason}


def assessment_json(row: ToxicityAssessment) -> dict[str, Any]:
    """A toxicity assessment in case-file form (only the keys it was given with)."""
    out: dict[str, Any] = {"at": row.at_local.strftime(LOCAL_MINUTE), "cycle": row.cycle}
    given = set(row.keys_given or [])
    for key in TOXICITY_KEYS:
        value = getattr(row, key)
        if value is not None or key in given:
            out[key] = value
    return out


def assessment_row(item: dict[str, Any], position: int, recorded_by: str) -> ToxicityAssessment:
    """A stored assessment from its case-file form (validated by the engine first)."""
    return ToxicityAssessment(
        position=position, cycle=int(item["cycle"]),
        at_local=dt.datetime.strptime(item["at"], LOCAL_MINUTE),
        crs=item.get("crs"), icans=item.get("icans"), other=item.get("other"),
        seizures_this_treatment=item.get("seizures_this_treatment"),
        keys_given=sorted(item), recorded_by=recorded_by, entered_in_error=False)


def interruption_row(cycle: int, item: dict[str, Any], recorded_by: str) -> InfusionInterruption:
    """A stored interruption from its case-file form."""
    restarted = item.get("restarted")
    return InfusionInterruption(
        cycle=cycle, stopped=dt.datetime.strptime(item["stopped"], LOCAL_MINUTE),
        restarted=None if restarted is None else dt.datetime.strptime(restarted, LOCAL_MINUTE),
        reason=item["reason"], recorded_by=recorded_by,
        restart_recorded_by=None if restarted is None else recorded_by, entered_in_error=False)


def record_to_rows(patient: Patient, case: dict[str, Any], recorded_by: str) -> None:
    """Store the infusion record a case file brings (import only: a new patient)."""
    shapes = dict(patient.sections_given or {})
    if RECORD_SECTION in case:
        shapes[RECORD_SECTION] = "null" if case[RECORD_SECTION] is None else "list"
    patient.sections_given = shapes
    for position, item in enumerate(case.get(RECORD_SECTION) or []):
        patient.toxicity_assessments.append(assessment_row(item, position, recorded_by))
    for cycle in case.get("blinatumomab") or []:
        for item in cycle.get("interruptions") or []:
            patient.infusion_interruptions.append(interruption_row(int(cycle["cycle"]), item,
                                                                   recorded_by))


def _record_of(case: dict[str, Any]) -> dict[str, Any]:
    return {"toxicity": case.get(RECORD_SECTION) or [],
            "interruptions": {c.get("cycle"): c["interruptions"]
                              for c in case.get("blinatumomab") or [] if c.get("interruptions")}}


def keep_record(old: dict[str, Any], new: dict[str, Any]) -> bool:
    """A section edit keeps the infusion record as stored (a cycle or case written without it
    gets it back); an edit that changes it is refused: interruptions and assessments are
    recorded, restarted or marked entered in error through their own services, with audit.
    Returns False when ``new`` changes the record."""
    if RECORD_SECTION in old and RECORD_SECTION not in new:
        new[RECORD_SECTION] = old[RECORD_SECTION]
    before = {c.get("cycle"): c for c in old.get("blinatumomab") or []}
    for cycle in new.get("blinatumomab") or []:
        stored = before.get(cycle.get("cycle"))
        if "interruptions" not in cycle and stored is not None and "interruptions" in stored:
            cycle["interruptions"] = stored["interruptions"]
    return _record_of(old) == _record_of(new)

