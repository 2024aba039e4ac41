"""The versioned protocol file: thresholds, rule wording, sources and dosing data.

The engine reads every clinical number and every rule text from this file, so a
protocol amendment is a new file version, not a code change. ``load_protocol``
validates the file's shape and cross-references before the engine uses it.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise
from pathlib import Path
from typing import Any

from interfant_desktop.paths import resource

PROTOCOL_FORMAT = "interfant-protocol/1"
DEFAULT_PROTOCOL_FILE = ("protocol", "interfant-21.protocol.json")

#: Rules the engine refers to by ID; the file must define every one of them (and a rule
#: for every eligibility criterion it lists).
REQUIRED_RULES = (
    "R-AGE", "R-AGE-6M", "R-WBC-UNIT", "R-MRD-PNQ",
    "R-PRED", "R-PRED-NE", "R-DX-HR", "R-DX-MR", "R-DX-MR-AGE", "R-DX-AGE-BOUNDARY",
    "R-DX-WBC-BOUNDARY", "R-DX-PENDING", "R-EOI-MRD", "R-EOI-CR", "R-EOI-SPLIT",
    "R-B1-MRD", "R-HSCT", "B1", "B2", "B3", "B4", "R-B-CHECK", "R-ROADMAP-MR",
    "R-ROADMAP-HR", "R-DOSE-C1-M1", "R-DOSE-C1-STEP", "R-DOSE-C2", "R-DOSE-CAP",
    "R-BSA", "R-PLAUS", "R-PREMED", "R-BAGS", "R-MRD-LATE",
    "D1", "D2", "D3", "D4", "D5", "D6", "D7", "D8", "D9", "D10", "D11", "D12",
    "R-BAG-PREP", "R-BAG-DILUTION", "R-BAG-SCHEDULE", "D13",
)
#: Rules of the infusion record (interruptions, toxicity grading and actions, hospitalisation).
INFUSION_RULES = (
    "R-INT-LENGTH", "R-INT-4H", "R-INT-7D", "R-TOX-CRS-GRADE", "R-TOX-ICANS-GRADE",
    "R-TOX-ICANS-SEDATION", "R-TOX-CRS-12", "R-TOX-CRS-3", "R-TOX-CRS-4", "R-TOX-SEIZURE",
    "R-TOX-NEURO-3", "R-TOX-NEURO-4", "R-TOX-OTHER-3", "R-TOX-OTHER-4", "R-TOX-RESOLUTION",
    "R-HOSP-C1-STEP", "R-HOSP-C1-FLAT", "R-HOSP-C2", "R-HOSP-RESTART", "R-CAPD-ANCHORS",
)
REQUIRED_THRESHOLDS = (
    "max_age_days", "risk_age_months", "wbc_hr_10e9_per_l", "prednisone_poor_blasts_per_ul",
    "eoi_mrd_hr_percent", "eoi_mrd_split_percent", "b1_mrd_percent", "hsct_mrd_percent",
    "late_mrd_percent",
)
_PLACEHOLDER = re.compile(r"\{([a-z0-9_]+)\}")


class ProtocolFileError(ValueError):
    """The protocol file is missing, malformed or inconsistent."""


@dataclass(frozen=True, slots=True)
class Rule:
    """One clinical rule: its ID, wording and source, shown beside every decision."""

    id: str
    text: str
    source: str
    verified: bool = True


@dataclass(frozen=True, slots=True, eq=False)  # identity hash: usable as a cache key
class Protocol:
    """A loaded, validated protocol file."""

    name: str
    version: str
    sources: dict[str, str]
    rules: dict[str, Rule]
    thresholds: dict[str, float]
    consolidation_split: dict[str, Any]
    dosing: dict[str, Any]
    phases: dict[str, str]
    sha256: str
    #: Interruption and hospitalisation settings (S4); see ``protocol/interruptions.py``.
    infusion: dict[str, Any] = field(default_factory=dict)
    #: Toxicity grading (S5), the label's actions (S4) and the CAPD (S5); see ``protocol/toxicity.py``.
    toxicity: dict[str, Any] = field(default_factory=dict)
    #: The eligibility checklist: (criterion ID, "inclusion" | "exclusion"), in order.
    criteria: tuple[tuple[str, str], ...] = ()
    #: Each threshold as written in a text (``0.01``, ``300``), computed once.
    threshold_texts: dict[str, str] = field(default_factory=dict)
    #: Bag make-up, minimum measurable volume and fluid limit (``bag_preparation``).
    bag_preparation: dict[str, Any] = field(default_factory=dict)
    #: Doses printed for this patient beside the order: CRS rescue, restart (``order_sheet``).
    order_sheet: dict[str, Any] = field(default_factory=dict)
    #: When each decision point is expected after a phase's start (``protocol/phase_dates.py``).
    phase_schedule: dict[str, Any] = field(default_factory=dict)

    def rule(self, rule_id: str) -> Rule:
        """The rule with this ID (KeyError for an unknown ID: a programming error)."""
        return self.rules[rule_id]

    def threshold(self, name: str) -> float:
        """A numeric threshold by name, e.g. ``threshold("wbc_hr_10e9_per_l")``."""
        return self.thresholds[name]

    def shown(self, name: str) -> str:
        """A threshold as a clinician reads it in a text: ``0.01``, ``300``, ``6``."""
        text = self.threshold_texts.get(name)
        return format_number(self.thresholds[name]) if text is None else text

    @property
    def criterion_ids(self) -> tuple[str, ...]:
        """The eligibility criteria (INC…, EXC…) in checklist order."""
        return tuple(cid for cid, _kind in self.criteria)

    @property
    def label(self) -> str:
        """Name and version as shown to clinicians, e.g. ``Interfant-21 2026.11-1``."""
        return f"{self.name} {self.version}"


def _require(condition: bool, message: str) -> None:
    if not condition:
        raise ProtocolFileError(message)


def format_number(value: float) -> str:
    """A number as written in a rule: no trailing zeros, no exponent (``0.01``, ``300``)."""
    text = f"{value:.10f}".rstrip("0").rstrip(".")
    return text or "0"


def _fill_in(text: str, values: dict[str, str], rule_id: str) -> str:
    """Put the thresholds into a rule's wording: ``{b1_mrd_percent}`` becomes ``0.01``, so
    an amended threshold is never contradicted by an old number in a text."""
    def value(match: re.Match[str]) -> str:
        name = match.group(1)
        _require(name in values, f"protocol file: rule {rule_id} names unknown threshold {{{name}}}")
        return values[name]

    return _PLACEHOLDER.sub(value, text)


def _placeholder_values(thresholds: dict[str, Any]) -> dict[str, str]:
    values = {k: format_number(float(v)) for k, v in thresholds.items()
              if isinstance(v, (int, float)) and not isinstance(v, bool)}
    if "wbc_hr_10e9_per_l" in thresholds:  # the same WBC threshold in /µL: 300 → "300 000"
        per_ul = float(thresholds["wbc_hr_10e9_per_l"]) * 1000
        values["wbc_hr_per_ul"] = f"{per_ul:,.0f}".replace(",", " ") if per_ul == int(per_ul) \
            else format_number(per_ul)
    return values


def _criteria(data: Any) -> tuple[tuple[str, str], ...]:
    section = data.get("eligibility")
    _require(isinstance(section, dict), "protocol file: eligibility (inclusion, exclusion) is required")
    out: list[tuple[str, str]] = []
    for kind in ("inclusion", "exclusion"):
        ids = section.get(kind)
        _require(isinstance(ids, list) and all(isinstance(i, str) and i for i in ids),
                 f"protocol file: eligibility.{kind} must be a list of criterion IDs")
        out.extend((cid, kind) for cid in ids)
    _require(len({cid for cid, _ in out}) == len(out),
             "protocol file: an eligibility criterion is listed twice")
    return tuple(out)


def parse_protocol(data: Any, sha256: str = "") -> Protocol:
    """Validate a decoded protocol document and build a :class:`Protocol`."""
    _require(isinstance(data, dict), "protocol file: the top level must be an object")
    _require(data.get("format") == PROTOCOL_FORMAT, f"protocol file: format must be {PROTOCOL_FORMAT}")
    for key in ("protocol", "version"):
        _require(isinstance(data.get(key), str) and bool(data[key]), f"protocol file: {key} is required")
    sources = data.get("sources")
    _require(isinstance(sources, dict) and bool(sources), "protocol file: sources are required")
    raw_rules = data.get("rules")
    _require(isinstance(raw_rules, dict), "protocol file: rules are required")
    thresholds = data.get("thresholds")
    _require(isinstance(thresholds, dict), "protocol file: thresholds are required")
    values = _placeholder_values(thresholds)
    rules: dict[str, Rule] = {}
    for rule_id, body in raw_rules.items():
        _require(isinstance(body, dict), f"protocol file: rule {rule_id} must be an object")
        text, source = body.get("text"), body.get("source")
        _require(isinstance(text, str) and bool(text), f"protocol file: rule {rule_id} has no text")
        _require(isinstance(source, str) and bool(source), f"protocol file: rule {rule_id} has no source")
        for ref in str(source).split(","):
            _require(ref.strip() in sources,
                     f"protocol file: rule {rule_id} cites unknown source {ref.strip()}")
        rules[rule_id] = Rule(rule_id, _fill_in(str(text), values, rule_id), source,
                              bool(body.get("verified", True)))
    missing = [r for r in REQUIRED_RULES + INFUSION_RULES if r not in rules]
    _require(not missing, f"protocol file: rules missing: {', '.join(missing)}")
    for name in REQUIRED_THRESHOLDS:
        value = thresholds.get(name)
        _require(isinstance(value, (int, float)) and not isinstance(value, bool) and value > 0,
                 f"protocol file: threshold {name} must be a positive number")
    split = data.get("consolidation_split")
    _require(isinstance(split, dict) and "MR-low" in split and "MR-high" in split
             and isinstance(split.get("verified"), bool),
             "protocol file: consolidation_split needs MR-low, MR-high and verified")
    dosing = data.get("dosing")
    _require(isinstance(dosing, dict), "protocol file: dosing is required")
    _validate_dosing(dosing)
    phases = data.get("phases")
    _require(isinstance(phases, dict), "protocol file: phases are required")
    infusion, toxicity = data.get("infusion"), data.get("toxicity")
    _validate_infusion_sections(infusion, toxicity)
    criteria = _criteria(data)
    no_rule = [cid for cid, _kind in criteria if cid not in rules]
    _require(not no_rule, f"protocol file: rules missing: {', '.join(no_rule)}")
    preparation = data.get("bag_preparation")
    _validate_bag_preparation(preparation, sources)
    sheet = data.get("order_sheet")
    _validate_order_sheet(sheet, sources)
    return Protocol(
        name=data["protocol"], version=data["version"], sources=dict(sources), rules=rules,
        thresholds={k: float(v) for k, v in thresholds.items()},
        consolidation_split=dict(split), dosing=dosing, phases=dict(phases), sha256=sha256,
        infusion=dict(infusion), toxicity=dict(toxicity),
        criteria=criteria, threshold_texts=values,
        bag_preparation=dict(preparation), order_sheet=dict(sheet),
        phase_schedule=dict(data.get("phase_schedule") or {}),
    )


#: Positive numbers the bag make-up (RULES.md "Preparing the bag") reads from the file.
BAG_PREPARATION_NUMBERS = (
    "vial_mcg", "reconstitution_water_ml", "reconstituted_mcg_per_ml", "vial_drug_ml",
    "sodium_chloride_ml", "ivss_ml", "minimum_measurable_ml", "fluid_limit_ml_per_kg_day",
    "short_bag_hours",
)


def _validate_bag_preparation(preparation: Any, sources: dict[str, Any]) -> None:
    _require(isinstance(preparation, dict), "protocol file: bag_preparation is required")
    for name in BAG_PREPARATION_NUMBERS:
        value = preparation.get(name)
        _require(isinstance(value, (int, float)) and not isinstance(value, bool) and value > 0,
                 f"protocol file: bag_preparation.{name} must be a positive number")
    _require(isinstance(preparation.get("verified"), bool),
             "protocol file: bag_preparation.verified must be true or false")
    _require(preparation.get("source") in sources,
             "protocol file: bag_preparation.source must name a source")


def _validate_dosing(dosing: dict[str, Any]) -> None:
    for key in ("cycles", "caps_mcg_per_day", "plausible_weight_kg", "plausible_height_cm",
                "premedication", "bags", "bsa_decimals", "dose_decimals", "low_weight_limit_kg"):
        _require(key in dosing, f"protocol file: dosing.{key} is required")
    cycles = dosing["cycles"]
    _require(isinstance(cycles, dict) and "1" in cycles and "2" in cycles,
             "protocol file: dosing.cycles needs cycles 1 and 2")
    for marrow in ("M1", "M2", "M3"):
        _require(marrow in cycles["1"], f"protocol file: dosing.cycles.1 needs {marrow}")
    for cycle, by_marrow in cycles.items():
        for marrow, steps in by_marrow.items():
            days = [(s["first_day"], s["last_day"]) for s in steps]
            _require(days[0][0] == 1 and days[-1][1] == 28
                     and all(b[0] == a[1] + 1 for a, b in pairwise(days)),
                     f"protocol file: dosing.cycles.{cycle}.{marrow} must cover days 1–28 without gaps")
    for pair in ("plausible_weight_kg", "plausible_height_cm"):
        low, high = dosing[pair]
        _require(0 < low < high, f"protocol file: dosing.{pair} must be [low, high]")


def _validate_infusion_sections(infusion: Any, toxicity: Any) -> None:
    """The settings the interruption and toxicity rules read must all be there."""
    _require(isinstance(infusion, dict), "protocol file: infusion is required")
    for key in ("total_infusion_days", "interruption_hours_decimals", "restart_premedication_min_minutes",
                "restart_premedication_cycles", "restart_supervision_min_minutes", "same_cycle_max_days",
                "hospitalisation_label_days"):
        _require(key in infusion, f"protocol file: infusion.{key} is required")
    _require(isinstance(toxicity, dict), "protocol file: toxicity is required")
    for key in ("grading_system", "crs", "icans", "actions", "capd"):
        _require(isinstance(toxicity.get(key), (dict, str)), f"protocol file: toxicity.{key} is required")
    bands = toxicity["capd"].get("age_bands")
    _require(isinstance(bands, list) and bool(bands) and bands[0].get("from_age_days") == 0
             and all(a["from_age_days"] < b["from_age_days"] for a, b in pairwise(bands)),
             "protocol file: toxicity.capd.age_bands must start at age 0 and rise")
def _validate_order_sheet(sheet: Any, sources: dict[str, Any]) -> None:
    _require(isinstance(sheet, dict) and sheet.get("source") in sources,
             "protocol file: order_sheet with a source is required")
    rescue = sheet.get("crs_dexamethasone")
    _require(isinstance(rescue, dict), "protocol file: order_sheet.crs_dexamethasone is required")
    for name, value in (("crs_dexamethasone.mg_per_m2", rescue.get("mg_per_m2")),
                        ("crs_dexamethasone.max_mg", rescue.get("max_mg")),
                        ("restart_mcg_per_m2_day", sheet.get("restart_mcg_per_m2_day"))):
        _require(isinstance(value, (int, float)) and not isinstance(value, bool) and value > 0,
                 f"protocol file: order_sheet.{name} must be a positive number")


def load_protocol_file(path: Path) -> Protocol:
    """Read and validate a protocol file from disk."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ProtocolFileError(f"protocol file {path}: {exc.strerror}") from exc
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ProtocolFileError(f"protocol file {path}: not valid JSON ({exc})") from exc
    return parse_protocol(data, hashlib.sha256(raw).hexdigest())


@lru_cache(maxsize=1)
def load_protocol() -> Protocol:
    """The protocol file shipped with the app (cached: it is read once per process)."""
    return load_protocol_file(resource(*DEFAULT_PROTOCOL_FILE))
