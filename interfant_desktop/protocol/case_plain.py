"""A quick check that decoded case JSON has the plain form the case schema describes.

Almost every case file is plain: objects with known keys, text where text belongs,
``true``/``false``/``null`` flags, integers and floats within the schema's bounds, dates
written ``YYYY-MM-DD``. For such a file this module says so in one pass of straight-line
checks, several times faster than the general schema validator; ``parse_case`` then
skips the validator. It never says more than the schema: anything it does not
recognise as plain (an unknown key, a value of another type, ``1.0`` where the schema
allows the integer 1, a tuple for a list, a NaN) makes it answer ``False``, and the JSON
schema decides and names the field, exactly as before.

One direction only, tested against the schema (tests/protocol/test_fast_paths.py): a
document this module calls plain is one the schema accepts.
"""

from __future__ import annotations

import re
from typing import Any

from interfant_desktop.protocol.case import CASE_FORMAT, _mrd_result_fits

_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_LOCAL_DATETIME = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}")
_TIME = re.compile(r"[0-9]{2}:[0-9]{2}")
_NOT_SPACE = re.compile(r"\S")

_TOP = frozenset({"format", "patient", "diagnosis", "prednisone_response", "end_of_induction", "mrd",
                  "blinatumomab_checklist", "blinatumomab", "toxicity"})
_PATIENT = frozenset({"study_id", "name", "hospital_number", "date_of_birth", "sex", "down_syndrome",
                      "allergies"})
_DIAGNOSIS = frozenset({"date", "lineage", "kmt2a", "kmt2a_partner", "relapsed", "wbc", "prior_steroids",
                        "prior_chemotherapy", "consent"})
_WBC = frozenset({"value", "unit"})
_PREDNISONE = frozenset({"date", "blasts_per_uL", "not_evaluable"})
_EOI = frozenset({"date", "marrow", "cns"})
_MRD = frozenset({"timepoint", "date", "result", "method", "laboratory"})
_CHECKLIST = frozenset({"cd19_positive", "cns1_at_eoi", "hypersensitivity", "live_vaccine_28d"})
_CYCLE = frozenset({"cycle", "start_date", "weight_kg", "height_cm", "weight_date", "height_date",
                    "bsa_formula", "start_time", "bag_hours", "interruptions"})
_INTERRUPTION = frozenset({"stopped", "restarted", "reason"})
_ASSESSMENT = frozenset({"at", "cycle", "crs", "icans", "other", "seizures_this_treatment"})
_CRS = frozenset({"temperature_c", "antipyretic_or_anticytokine_given", "hypotension", "vasopressors",
                  "vasopressin", "oxygen"})
_ICANS = frozenset({"capd", "sedated", "consciousness", "seizure", "motor", "cerebral_oedema"})
_OTHER = frozenset({"term", "grade", "days_to_resolve"})

# The schema's choices (``null`` allowed where the schema lists it).
SEX = frozenset({"female", "male", "other", "unknown"})
WBC_UNIT = frozenset({"10^9/L", "/uL"})
WBC_UNIT = frozenset({"10^9/L", "/uL"})
LINEAGE = frozenset({"B-ALL", "B-MPAL", "MPAL-multilineage", "T-ALL", "other"})
KMT2A = frozenset({"rearranged", "wildtype", "pending"})
MARROW = frozenset({"M1", "M2", "M3"})
CNS = frozenset({"CNS1", "CNS2", "CNS3"})
TIMEPOINT = frozenset({"end_of_induction", "after_blinatumomab_1", "end_of_consolidation",
                       "after_blinatumomab_2", "pre_hsct", "other"})
BSA_FORMULA = frozenset({"mosteller", "haycock", "dubois"})
INTERRUPTION_REASON = frozenset({"crs", "neurotoxicity", "other_adverse_reaction", "line_or_pump", "other"})
OXYGEN = frozenset({"none", "low_flow", "high_flow", "positive_pressure"})
CONSCIOUSNESS = frozenset({"alert", "spontaneous", "voice", "tactile", "unarousable"})
SEIZURE = frozenset({"none", "resolved_rapidly", "prolonged_or_repeated"})
MOTOR = frozenset({"none", "deep_focal_weakness"})
OEDEMA = frozenset({"none", "focal", "diffuse_or_raised_icp"})

#: The schema's length limits of free text and of lists.
TEXT_LIMITS = {"study_id": 64, "name": 200, "hospital_number": 64, "allergy": 2000, "kmt2a_partner": 64,
               "method": 64, "laboratory": 200, "term": 200}
LIST_LIMITS = {"allergies": 200, "mrd": 200, "blinatumomab": 2, "interruptions": 100, "toxicity": 500}


def is_plain_case(data: Any) -> bool:
    """True when ``data`` has the plain form of a valid case (see the module docstring);
    False says only "let the schema decide"."""
    if type(data) is not dict or not data.keys() <= _TOP or data.get("format") != CASE_FORMAT:
        return False
    return (_patient(data.get("patient")) and _diagnosis(data.get("diagnosis"))
            and _prednisone(data.get("prednisone_response")) and _eoi(data.get("end_of_induction"))
            and _each(data.get("mrd"), "mrd", _mrd) and _checklist(data.get("blinatumomab_checklist"))
            and _each(data.get("blinatumomab"), "blinatumomab", _cycle)
            and _each(data.get("toxicity"), "toxicity", _assessment))


def _object(value: Any, keys: frozenset[str]) -> bool:
    return type(value) is dict and value.keys() <= keys


def _each(value: Any, name: str, check: Any) -> bool:
    """``null``, or a list within the schema's limit whose every item passes ``check``."""
    if value is None:
        return True
    return type(value) is list and len(value) <= LIST_LIMITS[name] and all(map(check, value))


def _flag(value: Any) -> bool:
    return value is None or value is True or value is False


def _choice(value: Any, choices: frozenset[str]) -> bool:
    """``null`` or one of the schema's text choices."""
    return value is None or (type(value) is str and value in choices)


def _text(value: Any, limit: str) -> bool:
    """``null`` or text within the schema's length limit."""
    return value is None or (type(value) is str and len(value) <= TEXT_LIMITS[limit])


def _filled(value: Any, limit: str) -> bool:
    """Text (never ``null``) of 1 to the limit's characters with one that is not a space."""
    return (type(value) is str and 0 < len(value) <= TEXT_LIMITS[limit]
            and _NOT_SPACE.search(value) is not None)


def _date(value: Any) -> bool:
    return type(value) is str and _DATE.fullmatch(value) is not None


def _opt_date(value: Any) -> bool:
    return value is None or _date(value)


def _real(value: Any) -> bool:
    """A JSON number (int or float, never a boolean); a NaN fails every bound below."""
    return type(value) is float or type(value) is int


def _count(value: Any, low: int, high: int) -> bool:
    """``null`` or an integer within the schema's bounds."""
    return value is None or (type(value) is int and low <= value <= high)


def _cycle_number(value: Any) -> bool:
    return type(value) is int and (value == 1 or value == 2)


def _patient(p: Any) -> bool:
    if not _object(p, _PATIENT) or "study_id" not in p or "date_of_birth" not in p:
        return False
    allergies = p.get("allergies")
    return (_filled(p["study_id"], "study_id") and _date(p["date_of_birth"])
            and _text(p.get("name"), "name") and _text(p.get("hospital_number"), "hospital_number")
            and _choice(p.get("sex"), SEX) and _flag(p.get("down_syndrome"))
            and (allergies is None or (type(allergies) is list and len(allergies) <= LIST_LIMITS["allergies"]
                                       and all(_filled(a, "allergy") for a in allergies))))


def _diagnosis(d: Any) -> bool:
    return d is None or (
        _object(d, _DIAGNOSIS) and _opt_date(d.get("date")) and _choice(d.get("lineage"), LINEAGE)
        and _choice(d.get("kmt2a"), KMT2A) and _text(d.get("kmt2a_partner"), "kmt2a_partner")
        and _flag(d.get("relapsed")) and _flag(d.get("prior_steroids"))
        and _flag(d.get("prior_chemotherapy")) and _flag(d.get("consent")) and _wbc(d.get("wbc")))


def _wbc(wbc: Any) -> bool:
    return wbc is None or (_object(wbc, _WBC) and "value" in wbc and "unit" in wbc
                           and _real(wbc["value"]) and wbc["value"] >= 0
                           and type(wbc["unit"]) is str and wbc["unit"] in WBC_UNIT)


def _prednisone(pr: Any) -> bool:
    if pr is None:
        return True
    blasts = pr.get("blasts_per_uL") if type(pr) is dict else None
    return (_object(pr, _PREDNISONE) and _opt_date(pr.get("date")) and _flag(pr.get("not_evaluable"))
            and (blasts is None or (_real(blasts) and blasts >= 0)))


def _eoi(eoi: Any) -> bool:
    return eoi is None or (_object(eoi, _EOI) and _opt_date(eoi.get("date"))
                           and _choice(eoi.get("marrow"), MARROW) and _choice(eoi.get("cns"), CNS))


def _mrd(m: Any) -> bool:
    return (_object(m, _MRD) and "timepoint" in m and "date" in m and "result" in m
            and type(m["timepoint"]) is str and m["timepoint"] in TIMEPOINT and _date(m["date"])
            and _mrd_result_fits(m["result"]) and _text(m.get("method"), "method")
            and _text(m.get("laboratory"), "laboratory"))


def _checklist(cl: Any) -> bool:
    return cl is None or (_object(cl, _CHECKLIST) and all(map(_flag, cl.values())))


def _cycle(c: Any) -> bool:
    if not _object(c, _CYCLE) or "cycle" not in c or "weight_kg" not in c or "height_cm" not in c:
        return False
    start_time, hours = c.get("start_time"), c.get("bag_hours")
    return (_cycle_number(c["cycle"]) and _real(c["weight_kg"]) and _real(c["height_cm"])
            and _opt_date(c.get("start_date")) and _opt_date(c.get("weight_date"))
            and _opt_date(c.get("height_date")) and _choice(c.get("bsa_formula"), BSA_FORMULA)
            and (start_time is None or (type(start_time) is str and _TIME.fullmatch(start_time) is not None))
            and (hours is None or (type(hours) is int and (hours == 24 or hours == 48)))
            and _each(c.get("interruptions"), "interruptions", _interruption))


def _local_datetime(value: Any) -> bool:
    return type(value) is str and _LOCAL_DATETIME.fullmatch(value) is not None


def _interruption(x: Any) -> bool:
    if not _object(x, _INTERRUPTION) or "stopped" not in x or "reason" not in x:
        return False
    restarted = x.get("restarted")
    return (_local_datetime(x["stopped"]) and (restarted is None or _local_datetime(restarted))
            and type(x["reason"]) is str and x["reason"] in INTERRUPTION_REASON)


def _assessment(a: Any) -> bool:
    if not _object(a, _ASSESSMENT) or "at" not in a or "cycle" not in a:
        return False
    return (_local_datetime(a["at"]) and _cycle_number(a["cycle"]) and _crs(a.get("crs"))
            and _icans(a.get("icans")) and _other(a.get("other"))
            and _count(a.get("seizures_this_treatment"), 0, 1000))


def _crs(crs: Any) -> bool:
    return crs is None or (
        _object(crs, _CRS) and _temperature(crs.get("temperature_c"))
        and _flag(crs.get("antipyretic_or_anticytokine_given")) and _flag(crs.get("hypotension"))
        and _count(crs.get("vasopressors"), 0, 10) and _flag(crs.get("vasopressin"))
        and _choice(crs.get("oxygen"), OXYGEN))


def _temperature(value: Any) -> bool:
    return value is None or (_real(value) and 25 <= value <= 45)


def _icans(icans: Any) -> bool:
    return icans is None or (
        _object(icans, _ICANS) and _count(icans.get("capd"), 0, 32) and _flag(icans.get("sedated"))
        and _choice(icans.get("consciousness"), CONSCIOUSNESS) and _choice(icans.get("seizure"), SEIZURE)
        and _choice(icans.get("motor"), MOTOR) and _choice(icans.get("cerebral_oedema"), OEDEMA))


def _other(other: Any) -> bool:
    if other is None:
        return True
    if not _object(other, _OTHER) or "term" not in other or "grade" not in other:
        return False
    grade = other["grade"]
    return (_filled(other["term"], "term") and type(grade) is int and 1 <= grade <= 5
            and _count(other.get("days_to_resolve"), 0, 3650))
