"""The case file (``interfant-case/1``): typed model, validation and JSON round trip.

``parse_case`` turns decoded JSON into a :class:`Case` or raises :class:`CaseError`
naming the field (as a JSON path such as ``diagnosis.wbc.value``) and the problem.
Shape is checked against the JSON schema in ``resources/schemas`` (shared with the
tests); facts the schema cannot express (real calendar dates, chronology, plausible
weight and height from the protocol file) are checked here.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Any, Literal

from interfant_desktop.paths import resource
from interfant_desktop.protocol.local_time import local_text
from interfant_desktop.protocol.protocol_file import Protocol
from interfant_desktop.protocol.quick_init import quick_init
from interfant_desktop.protocol.text_rule import CaseError as CaseError
from interfant_desktop.protocol.text_rule import clean_text as clean_text

CASE_FORMAT = "interfant-case/1"
SCHEMA_FILE = ("schemas", "interfant-case-1.schema.json")

Lineage = Literal["B-ALL", "B-MPAL", "MPAL-multilineage", "T-ALL", "other"]
Kmt2a = Literal["rearranged", "wildtype", "pending"]
Marrow = Literal["M1", "M2", "M3"]
Cns = Literal["CNS1", "CNS2", "CNS3"]
Timepoint = Literal["end_of_induction", "after_blinatumomab_1", "end_of_consolidation",
                    "after_blinatumomab_2", "pre_hsct", "other"]
TIMEPOINTS: tuple[str, ...] = ("end_of_induction", "after_blinatumomab_1", "end_of_consolidation",
                               "after_blinatumomab_2", "pre_hsct", "other")


@quick_init
@dataclass(frozen=True, slots=True)
class Patient:
    study_id: str
    date_of_birth: dt.date
    name: str | None = None
    hospital_number: str | None = None
    sex: str | None = None
    down_syndrome: bool | None = None
    #: ``None`` = not recorded; ``()`` = no known allergies (stated); else "allergen: reaction".
    allergies: tuple[str, ...] | None = None


@quick_init
@dataclass(frozen=True, slots=True)
class Wbc:
    """White blood cell count with its unit as entered (``10^9/L`` or ``/uL``)."""

    value: float
    unit: str

    @property
    def per_nl(self) -> float:
        """The count in 10^9/L (1 × 10^9/L = 1000 /µL)."""
        return self.value if self.unit == "10^9/L" else self.value / 1000.0


@quick_init
@dataclass(frozen=True, slots=True)
class Diagnosis:
    date: dt.date | None = None
    lineage: str | None = None
    kmt2a: str | None = None
    kmt2a_partner: str | None = None
    relapsed: bool | None = None
    wbc: Wbc | None = None
    prior_steroids: bool | None = None
    prior_chemotherapy: bool | None = None
    consent: bool | None = None


@quick_init
@dataclass(frozen=True, slots=True)
class PrednisoneResponse:
    date: dt.date | None = None
    blasts_per_ul: float | None = None
    not_evaluable: bool | None = None


@quick_init
@dataclass(frozen=True, slots=True)
class EndOfInduction:
    date: dt.date | None = None
    marrow: str | None = None
    cns: str | None = None


@quick_init
@dataclass(frozen=True, slots=True)
class MrdResult:
    """An MRD result: a percentage, undetectable, or positive-not-quantifiable with the
    assay's quantitative range (QR), all in % of nucleated cells."""

    kind: Literal["percent", "undetectable", "pnq"]
    percent: float | None = None
    qr_percent: float | None = None


@quick_init
@dataclass(frozen=True, slots=True)
class MrdSample:
    timepoint: str
    date: dt.date
    result: MrdResult
    method: str | None = None
    laboratory: str | None = None


@quick_init
@dataclass(frozen=True, slots=True)
class BlinatumomabChecklist:
    cd19_positive: bool | None = None
    cns1_at_eoi: bool | None = None
    hypersensitivity: bool | None = None
    live_vaccine_28d: bool | None = None


InterruptionReason = Literal["crs", "neurotoxicity", "other_adverse_reaction", "line_or_pump", "other"]


@quick_init
@dataclass(frozen=True, slots=True)
class Interruption:
    """A stop of the blinatumomab infusion. Times are local wall-clock (naive) date-times;
    ``restarted`` is ``None`` while the infusion is still stopped."""

    stopped: dt.datetime
    restarted: dt.datetime | None
    reason: str


@quick_init
@dataclass(frozen=True, slots=True)
class BlinatumomabCycle:
    cycle: int
    weight_kg: float
    height_cm: float
    start_date: dt.date | None = None
    weight_date: dt.date | None = None
    height_date: dt.date | None = None
    bsa_formula: str | None = None
    #: Local wall-clock start time (``HH:MM``); without it there is no bag schedule.
    start_time: dt.time | None = None
    #: 24 or 48; ``None`` = the protocol file's default.
    bag_hours: int | None = None
    interruptions: tuple[Interruption, ...] = ()


@quick_init
@dataclass(frozen=True, slots=True)
class CrsObservation:
    """What the CRS grade (ASTCT) is read from; ``None`` = not recorded."""

    temperature_c: float | None = None
    antipyretic_or_anticytokine_given: bool | None = None
    hypotension: bool | None = None
    #: Vasopressors other than vasopressin.
    vasopressors: int | None = None
    vasopressin: bool | None = None
    oxygen: str | None = None  # none, low_flow, high_flow, positive_pressure


@quick_init
@dataclass(frozen=True, slots=True)
class IcansObservation:
    """What the paediatric ICANS grade (ASTCT with the CAPD) is read from."""

    capd: int | None = None  # 0–32; None = the CAPD could not be performed
    sedated: bool | None = None
    consciousness: str | None = None  # alert, spontaneous, voice, tactile, unarousable
    seizure: str | None = None  # none, resolved_rapidly, prolonged_or_repeated
    motor: str | None = None  # none, deep_focal_weakness
    cerebral_oedema: str | None = None  # none, focal, diffuse_or_raised_icp


@quick_init
@dataclass(frozen=True, slots=True)
class OtherReaction:
    """Another clinically relevant adverse reaction with its grade (1–5)."""

    term: str
    grade: int
    days_to_resolve: int | None = None


@quick_init
@dataclass(frozen=True, slots=True)
class ToxicityAssessment:
    """One bedside assessment at local time ``at`` during or after ``cycle``.
    ``crs`` / ``icans`` ``None`` = not assessed."""

    at: dt.datetime
    cycle: int
    crs: CrsObservation | None = None
    icans: IcansObservation | None = None
    other: OtherReaction | None = None
    seizures_this_treatment: int | None = None


@quick_init
@dataclass(frozen=True, slots=True)
class Case:
    """One patient's protocol data. Sections left out of the file are ``None``/empty."""

    patient: Patient
    diagnosis: Diagnosis
    prednisone_response: PrednisoneResponse | None = None
    end_of_induction: EndOfInduction | None = None
    mrd: tuple[MrdSample, ...] = ()
    blinatumomab_checklist: BlinatumomabChecklist | None = None
    blinatumomab: tuple[BlinatumomabCycle, ...] = ()
    toxicity: tuple[ToxicityAssessment, ...] = ()


# --- schema validation -------------------------------------------------------------

@lru_cache(maxsize=1)
def case_schema() -> dict[str, Any]:
    """The JSON schema of ``interfant-case/1`` (the same file the tests use)."""
    with resource(*SCHEMA_FILE).open(encoding="utf-8") as fh:
        schema: dict[str, Any] = json.load(fh)
    return schema


def _inlined(node: Any, definitions: dict[str, Any]) -> Any:
    """The schema with every ``$ref`` replaced by its definition, and ``oneOf`` read as
    ``anyOf`` (the MRD result forms exclude one another, so the first match decides): the
    same documents pass, in less time (the compiled code then calls no functions per item).
    """
    if isinstance(node, dict):
        if "$ref" in node:
            return _inlined(definitions[node["$ref"].rsplit("/", 1)[-1]], definitions)
        out = {k: _inlined(v, definitions) for k, v in node.items() if k != "definitions"}
        if "oneOf" in out:
            out["anyOf"] = out.pop("oneOf")
        return out
    if isinstance(node, list):
        return [_inlined(item, definitions) for item in node]
    return node


@lru_cache(maxsize=1)
def _fast_validator() -> Any:
    import fastjsonschema

    schema = case_schema()
    inlined = _inlined(schema, schema.get("definitions", {}))
    # The MRD result is checked by _mrd_result_fits instead: the compiled code tries the
    # forms of an anyOf one by one, raising an exception with a formatted message for each
    # form that does not fit, which cost as much as the rest of the schema together.
    result = inlined["properties"]["mrd"]["items"]["properties"]
    assert "anyOf" in result["result"], "the case schema's MRD result is no longer a choice of forms"
    result["result"] = {}
    return fastjsonschema.compile(inlined)


_NUMBER = (int, float, Decimal)


def _is_number(value: Any) -> bool:
    return isinstance(value, _NUMBER) and not isinstance(value, bool)


def _mrd_result_fits(value: Any) -> bool:
    """Whether an MRD result has one of the schema's three forms: exactly the checks of
    the schema's ``oneOf`` (written so that a NaN passes the bounds as it does there)."""
    if isinstance(value, str):
        return value == "undetectable"
    if not isinstance(value, dict):
        return False
    keys = value.keys()
    if keys == {"percent"}:
        percent = value["percent"]
        return _is_number(percent) and not percent < 0 and not percent > 100
    if keys == {"positive_not_quantifiable", "quantitative_range_percent"}:
        q = value["quantitative_range_percent"]
        return (value["positive_not_quantifiable"] is True and _is_number(q)
                and not q > 100 and not q <= 0)
    return False


_PLAIN_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")


def json_path(parts: Any) -> str:
    """``diagnosis.wbc.value``, ``mrd[0].result``; a key that is not a plain name is quoted
    (``patient["bad\\nkey"]``) so the message stays one line whatever the input holds."""
    out = ""
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        elif _PLAIN_KEY.match(str(part)):
            out += f".{part}" if out else str(part)
        else:
            out += f"[{json.dumps(str(part))}]"
    return out or "(case)"


def _describe(value: Any) -> str:
    """A short, printable, one-line quotation of an input value (never a lone surrogate,
    never a control character: those are escaped)."""
    text = json.dumps(value, ensure_ascii=False)
    if not text.isprintable():
        text = json.dumps(value)  # \uXXXX escapes for anything that cannot be shown as is
    return text if len(text) <= 40 else text[:37] + "..."


_TYPE_NAMES = {"object": "an object", "array": "a list", "string": "text", "number": "a number",
               "boolean": "true or false", "null": "null", "integer": "a whole number"}


_MRD_SHAPES = ('must be "undetectable", {"percent": x} or '
               '{"positive_not_quantifiable": true, "quantitative_range_percent": q}')


def _intended_branch(instance: Any) -> int | None:
    """Which MRD result form (index in the schema's oneOf) the input was aiming at."""
    if isinstance(instance, dict):
        if "positive_not_quantifiable" in instance or "quantitative_range_percent" in instance:
            return 2
        if "percent" in instance:
            return 1
    return None


@lru_cache(maxsize=1)
def _explaining_validator() -> Any:
    """A jsonschema validator that reads ``pattern`` as JSON Schema (ECMA-262) does.

    Python's ``$`` also matches before a final newline, so a date followed by a newline
    would pass the date pattern here while the fast validator rejects it, and the error
    could not name the field. A final ``$`` is therefore read as end of text.
    """
    import re

    import jsonschema

    def pattern(validator: Any, value: str, instance: Any, schema: Any) -> Any:
        if not validator.is_type(instance, "string"):
            return
        strict = value[:-1] + r"\Z" if value.endswith("$") and not value.endswith(r"\$") else value
        if not re.search(strict, instance):
            yield jsonschema.ValidationError(f"{instance!r} does not match {value!r}")

    cls = jsonschema.validators.extend(  # type: ignore[no-untyped-call]
        jsonschema.Draft7Validator, {"pattern": pattern})
    return cls(case_schema())


#: D12: deeper than this is refused (a valid case is 5 levels deep).
MAX_DEPTH = 32


def too_deep_path(data: Any, limit: int = MAX_DEPTH) -> str | None:
    """The JSON path of the first array or object nested deeper than ``limit``, if any
    (walked without recursion, so any depth that could be decoded can be checked)."""
    stack: list[tuple[tuple[Any, ...], Any]] = [((), data)]
    while stack:
        path, node = stack.pop()
        if isinstance(node, (dict, list)):
            if len(path) >= limit:
                return json_path(path)
            items = node.items() if isinstance(node, dict) else enumerate(node)
            stack.extend(((*path, k), v) for k, v in items)
    return None


def _schema_error(data: Any) -> CaseError:
    """Turn the most relevant JSON-schema violation into a one-line CaseError."""
    import jsonschema

    deep = too_deep_path(data)
    if deep is not None:  # the explaining validator recurses: never hand it a deep document
        return CaseError(deep, f"nested deeper than {MAX_DEPTH} levels")
    validator = _explaining_validator()
    error = jsonschema.exceptions.best_match(validator.iter_errors(data))
    if error is None:  # pragma: no cover - only called for invalid data
        return CaseError("(case)", "does not match the case schema")
    if error.validator == "oneOf":
        branch = _intended_branch(error.instance)
        if branch is None:
            return CaseError(json_path(error.absolute_path), _MRD_SHAPES)
        # Report the problem within the form the input was aiming at.
        inner = [e for e in error.context if e.schema_path and e.schema_path[0] == branch]
        error = min(inner, key=lambda e: -len(e.absolute_path)) if inner else error
    path = list(error.absolute_path)
    kind, value, instance = error.validator, error.validator_value, error.instance
    if kind == "additionalProperties":
        allowed = set((error.schema or {}).get("properties", {}))
        extra = sorted(k for k in instance if k not in allowed)
        return CaseError(json_path([*path, extra[0]]), "unknown key (not part of interfant-case/1)")
    if kind == "required":
        missing = [k for k in value if k not in instance]
        return CaseError(json_path([*path, missing[0]]), "is required")
    field = json_path(path)
    if kind == "enum":
        allowed_values = ", ".join(_describe(v) for v in value if v is not None)
        return CaseError(field, f"must be one of {allowed_values}; got {_describe(instance)}")
    if kind == "const":
        return CaseError(field, f"must be {_describe(value)}; got {_describe(instance)}")
    if kind == "type":
        names = [value] if isinstance(value, str) else list(value)
        wanted = " or ".join(_TYPE_NAMES.get(n, n) for n in names if n != "null")
        return CaseError(field, f"must be {wanted}; got {_describe(instance)}")
    if kind == "minimum":
        return CaseError(field, f"must not be below {value}; got {_describe(instance)}")
    if kind == "exclusiveMinimum":
        return CaseError(field, f"must be above {value}; got {_describe(instance)}")
    if kind == "maximum":
        return CaseError(field, f"must not be above {value}; got {_describe(instance)}")
    if kind == "pattern" and "T[0-9]{2}:[0-9]{2}" in str(value):
        return CaseError(field, f"must be a local date and time (YYYY-MM-DDTHH:MM); "
                                f"got {_describe(instance)}")
    if kind == "pattern" and "[0-9]{4}" in str(value):
        return CaseError(field, f"must be an ISO date (YYYY-MM-DD); got {_describe(instance)}")
    if kind == "pattern" and "[0-9]{2}:[0-9]{2}" in str(value):
        return CaseError(field, f"must be a 24-hour local time (HH:MM); got {_describe(instance)}")
    if kind in ("minLength", "pattern"):
        return CaseError(field, "must not be empty")
    if kind == "maxLength":
        return CaseError(field, f"is too long (at most {value} characters)")
    if kind == "maxItems":
        return CaseError(field, f"has too many entries (at most {value})")
    if kind == "oneOf":
        return CaseError(field, _MRD_SHAPES)
    return CaseError(field, error.message)


def validate_shape(data: Any) -> None:
    """Check the decoded JSON against the case schema; raise CaseError on the first problem."""
    import fastjsonschema

    try:
        _fast_validator()(data)
    except fastjsonschema.JsonSchemaException:
        raise _schema_error(data) from None
    if not all(_mrd_result_fits(sample["result"]) for sample in data.get("mrd") or ()):
        raise _schema_error(data)


# --- building the typed case ---------------------------------------------------------

def _date(value: Any, field: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise CaseError(field, f"is not a real calendar date; got {_describe(value)}") from None


def _opt_date(section: dict[str, Any], key: str, field: str) -> dt.date | None:
    value = section.get(key)
    return None if value is None else _date(value, f"{field}.{key}")


def _local_datetime(value: Any, field: str) -> dt.datetime:
    try:  # the schema fixed the shape YYYY-MM-DDTHH:MM; this checks the calendar and clock
        return dt.datetime.fromisoformat(value)
    except ValueError:
        raise CaseError(field, f"is not a real local date and time (YYYY-MM-DDTHH:MM); "
                               f"got {_describe(value)}") from None


def _time(value: Any, field: str) -> dt.time:
    try:  # the schema fixed the shape HH:MM
        return dt.time.fromisoformat(value)
    except ValueError:
        raise CaseError(field, f"is not a real time of day (HH:MM, 24-hour); "
                               f"got {_describe(value)}") from None


def _number(value: Any, field: str) -> float:
    """A JSON number as a finite float. JSON allows integers too large for a float
    (``1e400`` decodes to infinity, a 400-digit integer cannot be converted at all):
    such a value is an input error, never a crash or an infinite count."""
    try:
        number = float(value)
    except OverflowError:
        raise CaseError(field, "is too large to be a real value") from None
    if not math.isfinite(number):
        raise CaseError(field, f"must be a finite number; got {number}")
    return number


def _mrd_result(raw: Any, field: str) -> MrdResult:
    if raw == "undetectable":
        return MrdResult("undetectable")
    if "percent" in raw:
        return MrdResult("percent", percent=_number(raw["percent"], f"{field}.percent"))
    return MrdResult("pnq", qr_percent=_number(raw["quantitative_range_percent"],
                                               f"{field}.quantitative_range_percent"))


#: The study-ID pattern when the site sets none: letters and digits of any script, with
#: ``-``, ``_``, ``.``, ``/``, ``#``, ``:`` or single spaces between them.
DEFAULT_STUDY_ID_PATTERN = r"\w(?:[\w.:/#-]| (?! ))*(?<! )"


@lru_cache(maxsize=8)
def _study_id_regex(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def nfc_document(data: Any) -> Any:
    """A copy of decoded case JSON with every string NFC-normalised and the study ID
    stripped: what is stored, so the same letters are the same bytes on SQLite and on
    PostgreSQL and in every search (call it after :func:`parse_case` accepted the data)."""
    out = _nfc(data)
    patient = out.get("patient") if isinstance(out, dict) else None
    if isinstance(patient, dict) and isinstance(patient.get("study_id"), str):
        patient["study_id"] = patient["study_id"].strip()
    return out


def _nfc(data: Any) -> Any:
    if isinstance(data, str):
        return data if unicodedata.is_normalized("NFC", data) else unicodedata.normalize("NFC", data)
    if isinstance(data, dict):
        return {key: _nfc(value) for key, value in data.items()}
    if isinstance(data, list):
        return [_nfc(item) for item in data]
    return data


def _opt_text(value: str | None, field: str) -> str | None:
    return None if value is None else clean_text(value, field)


#: The default pattern for an ID without spaces (the usual case), in a form that needs no
#: look-around per character: the same answer, several times faster.
_DEFAULT_WITHOUT_SPACES = re.compile(r"\w[\w.:/#-]*")


def study_id_fits(study_id: str, pattern: str) -> bool:
    """Whether the whole ``study_id`` matches the site's study-ID ``pattern``."""
    if pattern == DEFAULT_STUDY_ID_PATTERN and " " not in study_id:
        return _DEFAULT_WITHOUT_SPACES.fullmatch(study_id) is not None
    return _study_id_regex(pattern).fullmatch(study_id) is not None


def _study_id(raw: str, pattern: str) -> str:
    study_id = clean_text(raw.strip(), "patient.study_id")
    if not study_id_fits(study_id, pattern):
        raise CaseError("patient.study_id", f"{_describe(study_id)} does not match the site's "
                                            f"study-ID pattern {pattern}")
    return study_id


def _build(data: dict[str, Any], study_id_pattern: str = DEFAULT_STUDY_ID_PATTERN) -> Case:
    p = data["patient"]
    allergies = p.get("allergies")
    patient = Patient(
        study_id=_study_id(p["study_id"], study_id_pattern),
        date_of_birth=_date(p["date_of_birth"], "patient.date_of_birth"),
        name=_opt_text(p.get("name"), "patient.name"),
        hospital_number=_opt_text(p.get("hospital_number"), "patient.hospital_number"),
        sex=p.get("sex"), down_syndrome=p.get("down_syndrome"),
        allergies=None if allergies is None else tuple(
            clean_text(a.strip(), f"patient.allergies[{i}]") for i, a in enumerate(allergies)),
    )
    d = data.get("diagnosis") or {}
    wbc = d.get("wbc")
    diagnosis = Diagnosis(
        date=_opt_date(d, "date", "diagnosis"), lineage=d.get("lineage"), kmt2a=d.get("kmt2a"),
        kmt2a_partner=_opt_text(d.get("kmt2a_partner"), "diagnosis.kmt2a_partner"),
        relapsed=d.get("relapsed"),
        wbc=Wbc(_number(wbc["value"], "diagnosis.wbc.value"), wbc["unit"]) if wbc else None,
        prior_steroids=d.get("prior_steroids"), prior_chemotherapy=d.get("prior_chemotherapy"),
        consent=d.get("consent"),
    )
    pr = data.get("prednisone_response")
    prednisone = None
    if pr and (pr.get("blasts_per_uL") is not None or pr.get("not_evaluable") is not None
               or pr.get("date") is not None):
        blasts = pr.get("blasts_per_uL")
        prednisone = PrednisoneResponse(
            date=_opt_date(pr, "date", "prednisone_response"),
            blasts_per_ul=None if blasts is None else _number(blasts, "prednisone_response.blasts_per_uL"),
            not_evaluable=pr.get("not_evaluable"),
        )
    eoi = data.get("end_of_induction")
    end_of_induction = None
    if eoi:
        end_of_induction = EndOfInduction(_opt_date(eoi, "date", "end_of_induction"),
                                          eoi.get("marrow"), eoi.get("cns"))
    # tuple([...]), not tuple(generator): a list comprehension is cheaper than resuming a generator
    mrd = tuple([
        MrdSample(m["timepoint"], _date(m["date"], f"mrd[{i}].date"),
                  _mrd_result(m["result"], f"mrd[{i}].result"),
                  _opt_text(m.get("method"), f"mrd[{i}].method"),
                  _opt_text(m.get("laboratory"), f"mrd[{i}].laboratory"))
        for i, m in enumerate(data.get("mrd") or [])
    ])
    cl = data.get("blinatumomab_checklist")
    checklist = None
    if cl:
        checklist = BlinatumomabChecklist(cl.get("cd19_positive"), cl.get("cns1_at_eoi"),
                                          cl.get("hypersensitivity"), cl.get("live_vaccine_28d"))
    cycles = tuple([
        BlinatumomabCycle(
            cycle=int(c["cycle"]), weight_kg=_number(c["weight_kg"], f"blinatumomab[{i}].weight_kg"),
            height_cm=_number(c["height_cm"], f"blinatumomab[{i}].height_cm"),
            start_date=_opt_date(c, "start_date", f"blinatumomab[{i}]"),
            weight_date=_opt_date(c, "weight_date", f"blinatumomab[{i}]"),
            height_date=_opt_date(c, "height_date", f"blinatumomab[{i}]"),
            bsa_formula=c.get("bsa_formula"),
            start_time=None if c.get("start_time") is None
            else _time(c["start_time"], f"blinatumomab[{i}].start_time"),
            bag_hours=c.get("bag_hours"),
            interruptions=tuple([_interruption(x, f"blinatumomab[{i}].interruptions[{j}]")
                                 for j, x in enumerate(c["interruptions"])])
            if c.get("interruptions") else (),
        )
        for i, c in enumerate(data.get("blinatumomab") or [])
    ])
    toxicity = tuple([_assessment(a, f"toxicity[{i}]") for i, a in enumerate(data["toxicity"])]) \
        if data.get("toxicity") else ()
    return Case(patient, diagnosis, prednisone, end_of_induction, mrd, checklist, cycles, toxicity)


def _interruption(raw: dict[str, Any], field: str) -> Interruption:
    restarted = raw.get("restarted")
    return Interruption(
        stopped=_local_datetime(raw["stopped"], f"{field}.stopped"),
        restarted=None if restarted is None else _local_datetime(restarted, f"{field}.restarted"),
        reason=raw["reason"])


def _assessment(raw: dict[str, Any], field: str) -> ToxicityAssessment:
    crs, icans, other = raw.get("crs"), raw.get("icans"), raw.get("other")
    temperature = None if crs is None or crs.get("temperature_c") is None \
        else _number(crs["temperature_c"], f"{field}.crs.temperature_c")
    return ToxicityAssessment(
        at=_local_datetime(raw["at"], f"{field}.at"), cycle=int(raw["cycle"]),
        crs=None if crs is None else CrsObservation(
            temperature, crs.get("antipyretic_or_anticytokine_given"), crs.get("hypotension"),
            crs.get("vasopressors"), crs.get("vasopressin"), crs.get("oxygen")),
        icans=None if icans is None else IcansObservation(
            icans.get("capd"), icans.get("sedated"), icans.get("consciousness"), icans.get("seizure"),
            icans.get("motor"), icans.get("cerebral_oedema")),
        other=None if other is None else OtherReaction(
            clean_text(other["term"].strip(), f"{field}.other.term"), int(other["grade"]),
            other.get("days_to_resolve")),
        seizures_this_treatment=raw.get("seizures_this_treatment"))


#: No date in a case is earlier than this (a date of birth of 0001-01-01 is a typing
#: error, not a patient of an infant protocol that opened in 2022).
EARLIEST_DATE = dt.date(1990, 1, 1)
_ONE_DAY = dt.timedelta(days=1)


@quick_init
@dataclass(frozen=True, slots=True)
class _Clock:
    """"In the future" (D12) means later than the next calendar day of the machine's local
    date, so that a valid local date anywhere on earth is never refused."""

    latest: dt.date

    def check(self, when: dt.date, field: str) -> None:
        if when < EARLIEST_DATE:
            raise CaseError(field, f"is not a plausible date ({when.isoformat()} is before "
                                   f"{EARLIEST_DATE.isoformat()})")
        if when > self.latest:
            raise CaseError(field, f"is in the future ({when.isoformat()})")


def _check_facts(case: Case, protocol: Protocol, today: dt.date) -> None:
    """Chronology and plausibility that the schema cannot express (D12)."""
    clock = _Clock(today + _ONE_DAY)
    born, dx = case.patient.date_of_birth, case.diagnosis.date
    clock.check(born, "patient.date_of_birth")
    if dx is not None:
        if dx < born:
            raise CaseError("diagnosis.date",
                            f"is before the date of birth ({dx.isoformat()} < {born.isoformat()})")
        clock.check(dx, "diagnosis.date")
    not_before = dx or born
    what = "diagnosis" if dx else "birth"
    pr = case.prednisone_response
    if pr is not None:
        if pr.not_evaluable and pr.blasts_per_ul is not None:
            raise CaseError("prednisone_response.not_evaluable",
                            "give either blasts_per_uL or not_evaluable, not both")
        _check_sample_date(pr.date, "prednisone_response.date", not_before, what, clock)
    if case.end_of_induction is not None:
        _check_sample_date(case.end_of_induction.date, "end_of_induction.date", not_before, what, clock)
    for i, sample in enumerate(case.mrd):
        _check_sample_date(sample.date, f"mrd[{i}].date", not_before, what, clock)
    _check_cycles(case.blinatumomab, protocol)
    _check_cycle_dates(case, not_before, what, clock)
    _check_toxicity_dates(case, not_before, what, clock)


def _check_sample_date(when: dt.date | None, field: str, not_before: dt.date, what: str,
                       clock: _Clock) -> None:
    if when is None:
        return
    if when < not_before:
        raise CaseError(field, f"is before the {what} date ({when.isoformat()} < {not_before.isoformat()})")
    clock.check(when, field)


def cycle_start(cycle: BlinatumomabCycle) -> dt.datetime | None:
    """When the cycle started (local time; midnight when only the date is recorded)."""
    if cycle.start_date is None:
        return None
    return dt.datetime.combine(cycle.start_date, cycle.start_time or dt.time())


def _check_cycle_dates(case: Case, not_before: dt.date, what: str, clock: _Clock) -> None:
    """D12: cycle start, measurement dates and interruptions in the right order; an MRD
    "after cycle N" not before that cycle's start."""
    for i, c in enumerate(case.blinatumomab):
        field = f"blinatumomab[{i}]"
        if c.start_date is not None and c.start_date < not_before:
            raise CaseError(f"{field}.start_date", f"is before the {what} date "
                                                   f"({c.start_date.isoformat()} < {not_before.isoformat()})")
        for key, measured in (("weight_date", c.weight_date), ("height_date", c.height_date)):
            _check_sample_date(measured, f"{field}.{key}", not_before, what, clock)
        start = cycle_start(c)
        for j, stop in enumerate(c.interruptions):
            where = f"{field}.interruptions[{j}]"
            _check_sample_date(stop.stopped.date(), f"{where}.stopped", not_before, what, clock)
            if start is not None and stop.stopped < start:
                raise CaseError(f"{where}.stopped", f"is before the cycle started "
                                                    f"({local_text(stop.stopped)} < {local_text(start)})")
            if stop.restarted is not None:
                if stop.restarted < stop.stopped:
                    raise CaseError(f"{where}.restarted",
                                    f"is before the infusion stopped "
                                    f"({local_text(stop.restarted)} < {local_text(stop.stopped)})")
                clock.check(stop.restarted.date(), f"{where}.restarted")
        timepoint = f"after_blinatumomab_{c.cycle}"
        for k, sample in enumerate(case.mrd):
            if sample.timepoint == timepoint and c.start_date is not None and sample.date < c.start_date:
                raise CaseError(f"mrd[{k}].date", f"an MRD after blinatumomab cycle {c.cycle} is dated "
                                                  f"before that cycle started ({sample.date.isoformat()} "
                                                  f"< {c.start_date.isoformat()})")


def _check_toxicity_dates(case: Case, not_before: dt.date, what: str, clock: _Clock) -> None:
    starts = {c.cycle: cycle_start(c) for c in case.blinatumomab}
    for i, assessment in enumerate(case.toxicity):
        field = f"toxicity[{i}].at"
        _check_sample_date(assessment.at.date(), field, not_before, what, clock)
        start = starts.get(assessment.cycle)
        if start is not None and assessment.at < start:
            raise CaseError(field, f"is before blinatumomab cycle {assessment.cycle} started "
                                   f"({local_text(assessment.at)} < {local_text(start)})")


def _check_cycles(cycles: tuple[BlinatumomabCycle, ...], protocol: Protocol) -> None:
    w_low, w_high = protocol.dosing["plausible_weight_kg"]
    h_low, h_high = protocol.dosing["plausible_height_cm"]
    seen: set[int] = set()
    for i, c in enumerate(cycles):
        if not w_low <= c.weight_kg <= w_high:
            raise CaseError(f"blinatumomab[{i}].weight_kg",
                            f"{c.weight_kg:g} kg is outside the plausible range {w_low}–{w_high} kg")
        if not h_low <= c.height_cm <= h_high:
            raise CaseError(f"blinatumomab[{i}].height_cm",
                            f"{c.height_cm:g} cm is outside the plausible range {h_low}–{h_high} cm")
        if c.cycle in seen:
            raise CaseError(f"blinatumomab[{i}].cycle", f"cycle {c.cycle} is given twice")
        seen.add(c.cycle)
    if 2 in seen and 1 not in seen:
        index = next(i for i, c in enumerate(cycles) if c.cycle == 2)
        raise CaseError(f"blinatumomab[{index}].cycle", "cycle 2 without a cycle 1")
    for i, c in enumerate(cycles):
        if c.cycle == 2 and c.start_date is not None:
            first = next(x for x in cycles if x.cycle == 1)
            if first.start_date is not None and c.start_date <= first.start_date:
                raise CaseError(f"blinatumomab[{i}].start_date",
                                "cycle 2 starts before or on the start of cycle 1")


def parse_case(data: Any, protocol: Protocol, today: dt.date,
               study_id_pattern: str | None = None) -> Case:
    """Validate decoded case JSON and return the typed :class:`Case`.

    ``today`` is the machine's local date, the reference for "in the future" checks
    (the caller's clock, so the engine itself stays pure and testable): a date up to
    the next calendar day is accepted (D12). ``study_id_pattern`` is the site's
    study-ID pattern (a regular expression the whole ID must match), default
    :data:`DEFAULT_STUDY_ID_PATTERN`. Free text comes back NFC-normalised.
    """
    if not is_plain_case(data):  # a plain case (nearly every file) passes the schema for sure
        validate_shape(data)
    case = _build(data, study_id_pattern or DEFAULT_STUDY_ID_PATTERN)
    _check_facts(case, protocol, today)
    return case


# --- back to JSON ----------------------------------------------------------------------

def _iso(value: dt.date | None) -> str | None:
    return None if value is None else value.isoformat()


def mrd_result_to_json(result: MrdResult) -> Any:
    """The case-file form of an MRD result."""
    if result.kind == "undetectable":
        return "undetectable"
    if result.kind == "percent":
        return {"percent": result.percent}
    return {"positive_not_quantifiable": True, "quantitative_range_percent": result.qr_percent}


# Imported last, once: case_plain reads this module's names (the format, the MRD result
# check); an import inside parse_case cost 0.6 µs on every case.
from interfant_desktop.protocol.case_plain import is_plain_case  # noqa: E402
