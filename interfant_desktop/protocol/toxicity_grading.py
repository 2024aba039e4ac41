"""CRS and paediatric ICANS grades (ASTCT 2019 with the CAPD, S5) from one assessment.

Each grade is the maximum of its domains, and the result names the domain(s) that set
it, so the bedside can see why. The thresholds and the grade of every finding come
from the protocol file's ``toxicity`` section.

- CRS: fever is ≥ 38.0 °C (compared exactly); after an antipyretic or anti-cytokine
  therapy fever is no longer required, so the grade comes from hypotension and
  hypoxia alone. No fever (and none masked) is no CRS (0). Vasopressin counts as a
  vasopressor for grade 3 but not towards "several" for grade 4.
- ICANS: CAPD, level of consciousness, seizure, motor findings, raised ICP / cerebral
  oedema. Under deep sedation neither the CAPD nor the consciousness counts; if every
  other domain is normal the grade is ``None`` ("not assessable under sedation"), never 0.
  Tremor and myoclonus are not counted (they have no domain here).

A field left empty in the record is named in ``not_recorded`` and counted as normal,
except the temperature without an antipyretic (fever cannot be judged: no grade) and
the CAPD (an empty CAPD means it could not be performed: grade 4, as the contract says).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from interfant_desktop.protocol.case import CrsObservation, IcansObservation
from interfant_desktop.protocol.protocol_file import Protocol
from interfant_desktop.protocol.quantities import compare
from interfant_desktop.protocol.quick_init import quick_init
from interfant_desktop.protocol.reasons import Reason, because

Kind = Literal["CRS", "ICANS"]

#: How a nurse names each domain and observation: the answer keeps the IDs
#: (``set_by``, ``not_recorded``), the summary and the screen use these words.
OBSERVATION_WORDS: dict[str, str] = {
    "fever": "fever", "temperature_c": "temperature",
    "antipyretic_or_anticytokine_given": "antipyretic or anti-cytokine therapy",
    "hypotension": "hypotension", "vasopressors": "vasopressors", "vasopressin": "vasopressin",
    "hypoxia": "hypoxia", "oxygen": "oxygen support",
    "sedated": "deep sedation", "capd": "CAPD", "consciousness": "level of consciousness",
    "seizure": "seizures", "motor": "motor findings", "cerebral_oedema": "cerebral oedema",
}


def in_words(name: str) -> str:
    """The words for a domain or observation ID (``capd`` → ``CAPD``)."""
    return OBSERVATION_WORDS.get(name, name.replace("_", " "))


@quick_init
@dataclass(frozen=True, slots=True)
class DomainGrade:
    """One domain of a grade: what was found and the grade it gives (``counted`` False =
    not counted, e.g. the CAPD under deep sedation)."""

    domain: str
    grade: int
    finding: str
    counted: bool = True

    def to_json(self) -> dict[str, Any]:
        return {"domain": self.domain, "grade": self.grade if self.counted else None,
                "finding": self.finding, "counted": self.counted}


@quick_init
@dataclass(frozen=True, slots=True)
class Grade:
    """A CRS or ICANS grade (0–4, ``None`` = not assessed / not assessable) with its domains."""

    kind: Kind
    grade: int | None
    set_by: tuple[str, ...]
    domains: tuple[DomainGrade, ...]
    not_recorded: tuple[str, ...]
    summary: str
    reasons: tuple[Reason, ...]

    @property
    def not_recorded_words(self) -> str:
        """The observations left empty, in words (``temperature, oxygen support``)."""
        return ", ".join(map(in_words, self.not_recorded))

    def to_json(self) -> dict[str, Any]:
        return {"grade": self.grade, "set_by": list(self.set_by),
                "domains": [d.to_json() for d in self.domains],
                "not_recorded": list(self.not_recorded), "summary": self.summary,
                "reasons": [r.to_json() for r in self.reasons]}


def _settled(kind: Kind, domains: list[DomainGrade], not_recorded: list[str], rule: Reason,
             extra: tuple[Reason, ...] = ()) -> Grade:
    """The grade as the most severe counted domain, naming the domain(s) that set it."""
    counted = [d for d in domains if d.counted]
    grade = max((d.grade for d in counted), default=0)
    set_by = tuple(d.domain for d in counted if d.grade == grade and grade > 0)
    # An empty CAPD is not "normal": it means the CAPD could not be performed (grade 4).
    empty = [n for n in not_recorded if n != "capd"]
    if grade == 0:
        summary = f"{kind} grade 0 (none): every {'recorded ' if empty else ''}domain normal"
    else:
        findings = "; ".join(d.finding for d in counted if d.domain in set_by)
        summary = f"{kind} grade {grade}, set by {' and '.join(map(in_words, set_by))}: {findings}"
    return Grade(kind, grade, set_by, tuple(domains), tuple(not_recorded), summary, (rule, *extra))


def grade_crs(obs: CrsObservation | None, protocol: Protocol) -> Grade:
    """The ASTCT CRS grade of one observation (R-TOX-CRS-GRADE)."""
    rule = because(protocol, "R-TOX-CRS-GRADE")
    if obs is None:
        return Grade("CRS", None, (), (), (), "CRS not assessed", (rule,))
    cfg = protocol.toxicity["crs"]
    fever_c = float(cfg["fever_c"])
    not_recorded = [name for name, value in (
        ("temperature_c", obs.temperature_c), ("antipyretic_or_anticytokine_given",
                                               obs.antipyretic_or_anticytokine_given),
        ("hypotension", obs.hypotension), ("vasopressors", obs.vasopressors),
        ("vasopressin", obs.vasopressin), ("oxygen", obs.oxygen)) if value is None]
    masked = obs.antipyretic_or_anticytokine_given is True
    temp = obs.temperature_c
    fever = temp is not None and compare(temp, fever_c) != "below"
    domains = [DomainGrade("fever", int(cfg["fever_grade"]) if fever else 0,
                           _fever_text(temp, fever_c, masked)),
               _hypotension(obs, cfg), _hypoxia(obs, cfg)]
    if not fever and not masked:
        if temp is None:
            return Grade("CRS", None, (), tuple(domains), tuple(not_recorded),
                         "CRS cannot be graded: no temperature recorded and no antipyretic or "
                         "anti-cytokine therapy recorded (fever decides whether there is CRS)", (rule,))
        return Grade("CRS", 0, (), tuple(domains), tuple(not_recorded),
                     f"no CRS: temperature {temp:g} °C < {fever_c:.1f} °C without an antipyretic or "
                     "anti-cytokine therapy", (rule,))
    return _settled("CRS", domains, not_recorded, rule)


def _fever_text(temp: float | None, fever_c: float, masked: bool) -> str:
    shown = "not recorded" if temp is None else f"{temp:g} °C"
    is_fever = temp is not None and compare(temp, fever_c) != "below"
    text = f"temperature {shown} ({'fever' if is_fever else 'no fever'}: fever is ≥ {fever_c:.1f} °C)"
    if masked:
        text += "; after an antipyretic or anti-cytokine therapy fever is not required"
    return text


def _not_recorded(domain: str, what: str) -> DomainGrade:
    """A domain left empty: counted as grade 0, and worded as not recorded, never as normal."""
    return DomainGrade(domain, 0, f"{what} not recorded (counted as none)")


def _hypotension(obs: CrsObservation, cfg: dict[str, Any]) -> DomainGrade:
    pressors = obs.vasopressors or 0
    vasopressin = obs.vasopressin is True
    with_vp = " (vasopressin not counted towards several)" if vasopressin else ""
    if pressors >= int(cfg["several_vasopressors_min"]):
        return DomainGrade("hypotension", int(cfg["several_vasopressors_grade"]),
                           f"hypotension needing {pressors} vasopressors{with_vp}")
    if pressors >= 1 or vasopressin:
        what = "vasopressin alone" if pressors == 0 else \
            "one vasopressor" + (" with vasopressin" if vasopressin else "")
        return DomainGrade("hypotension", int(cfg["one_vasopressor_grade"]), f"hypotension needing {what}")
    if obs.hypotension:
        return DomainGrade("hypotension", int(cfg["hypotension_without_vasopressors_grade"]),
                           "hypotension not needing vasopressors")
    if obs.hypotension is None:
        return _not_recorded("hypotension", "hypotension")
    return DomainGrade("hypotension", 0, "no hypotension")


def _hypoxia(obs: CrsObservation, cfg: dict[str, Any]) -> DomainGrade:
    if obs.oxygen is None:
        return _not_recorded("hypoxia", "oxygen support")
    return DomainGrade("hypoxia", int(cfg["oxygen_grades"][obs.oxygen]), str(cfg["oxygen_text"][obs.oxygen]))


def grade_icans(obs: IcansObservation | None, protocol: Protocol) -> Grade:
    """The paediatric ASTCT ICANS grade (CAPD) of one observation (R-TOX-ICANS-GRADE,
    R-TOX-ICANS-SEDATION)."""
    rule = because(protocol, "R-TOX-ICANS-GRADE")
    if obs is None:
        return Grade("ICANS", None, (), (), (), "ICANS not assessed", (rule,))
    cfg = protocol.toxicity["icans"]
    sedated = obs.sedated is True
    not_recorded = [name for name, value in (
        ("sedated", obs.sedated), ("consciousness", obs.consciousness), ("seizure", obs.seizure),
        ("motor", obs.motor), ("cerebral_oedema", obs.cerebral_oedema)) if value is None]
    if obs.capd is None and not sedated:
        not_recorded.insert(0, "capd")
    domains = [_capd(obs.capd, sedated, cfg), _consciousness(obs.consciousness, sedated, cfg)]
    for domain, value in (("seizure", obs.seizure), ("motor", obs.motor),
                          ("cerebral_oedema", obs.cerebral_oedema)):
        if value is None:
            domains.append(_not_recorded(domain, in_words(domain)))
            continue
        domains.append(DomainGrade(domain, int(cfg[f"{domain}_grades"][value]),
                                   str(cfg[f"{domain}_text"][value])))
    if not sedated:
        return _settled("ICANS", domains, not_recorded, rule)
    sedation = because(protocol, "R-TOX-ICANS-SEDATION",
                       "under deep sedation the CAPD and the level of consciousness are not counted")
    if all(d.grade == 0 for d in domains if d.counted):
        return Grade("ICANS", None, (), tuple(domains), tuple(not_recorded),
                     "ICANS not assessable under sedation: every domain that counts under sedation is normal",
                     (rule, sedation))
    return _settled("ICANS", domains, not_recorded, rule, (sedation,))


def _capd(capd: int | None, sedated: bool, cfg: dict[str, Any]) -> DomainGrade:
    if sedated:
        shown = "not performed" if capd is None else str(capd)
        return DomainGrade("capd", 0, f"CAPD {shown} under deep sedation: not counted", counted=False)
    if capd is None:
        return DomainGrade("capd", int(cfg["capd_unable_grade"]), "unable to perform the CAPD")
    low, high = (int(x) for x in cfg["capd_low_range"])
    if capd >= int(cfg["capd_high_min"]):
        return DomainGrade("capd", int(cfg["capd_high_grade"]), f"CAPD {capd} (≥ {cfg['capd_high_min']})")
    if capd >= low:
        return DomainGrade("capd", int(cfg["capd_low_grade"]), f"CAPD {capd} ({low}–{high})")
    return DomainGrade("capd", 0, "CAPD 0")


def _consciousness(level: str | None, sedated: bool, cfg: dict[str, Any]) -> DomainGrade:
    key = level or "alert"
    text = "level of consciousness not recorded (counted as alert)" if level is None \
        else str(cfg["consciousness_text"][key])
    if sedated:
        return DomainGrade("consciousness", 0, f"{text}, under deep sedation: not counted", counted=False)
    return DomainGrade("consciousness", int(cfg["consciousness_grades"][key]), text)
