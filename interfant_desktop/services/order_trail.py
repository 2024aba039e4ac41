"""The calculation trail of an order as a typed read model.

The stored order context is JSON (it is what was signed and printed). The GUI's
calculation trail reads it here, once, into frozen values, so a renamed key fails in
one place instead of blanking a number on screen. Nothing is recomputed: every value
is the engine's, as stored. Numbers keep their stored type (an ``int`` stays an
``int``) so the trail shows them exactly as before.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

__all__ = [
    "CalculationTrailModel", "TrailBag", "TrailDecision", "TrailPremedication", "TrailRisk",
    "TrailRule", "TrailStep", "bag_options", "trail_model",
]


@dataclass(frozen=True, slots=True)
class TrailRule:
    """A rule shown beside a step: ID, source, wording and the detail of this case."""

    rule: str | None
    source: str | None
    text: str | None
    detail: str | None = None


@dataclass(frozen=True, slots=True)
class TrailStep:
    """One dose step: its days and dates, the dose per m², per day and after the cap."""

    first_day: int
    last_day: int
    start_date: str | None
    end_date: str | None
    dose_mcg_per_m2_day: float
    dose_mcg_per_day_calculated: float
    cap_mcg_per_day: float | None
    capped: bool
    dose_mcg_per_day: float
    rules: tuple[TrailRule, ...]


@dataclass(frozen=True, slots=True)
class TrailBag:
    """One bag length the protocol offers, with the rate and fluid it gives this patient."""

    hours: int
    rate_ml_per_h: float
    volume_ml: float
    daily_volume_ml: float | None
    fluid_ml_per_kg_day: float
    preservative: str | None


@dataclass(frozen=True, slots=True)
class TrailPremedication:
    """The dexamethasone premedication: per m², calculated, maximum and the dose given."""

    drug: str | None
    mg_per_m2: float | None
    dose_mg_calculated: float | None
    max_mg: float | None
    dose_mg: float | None
    capped: bool
    when: tuple[str, ...]
    note: str | None
    rule: TrailRule | None


@dataclass(frozen=True, slots=True)
class TrailReallocation:
    """A move between risk groups, with the rule that made it."""

    rule: TrailRule
    from_group: str | None
    to_group: str | None


@dataclass(frozen=True, slots=True)
class TrailRisk:
    """The risk group now and at diagnosis, its status and the rules that set it."""

    current: str | None
    at_diagnosis: str | None
    status: str | None
    reasons: tuple[TrailRule, ...]
    reallocations: tuple[TrailReallocation, ...]


@dataclass(frozen=True, slots=True)
class TrailDecision:
    """The engine's decision for this cycle (``value`` True means give) and its rules."""

    id: str | None
    value: object
    reasons: tuple[TrailRule, ...]


@dataclass(frozen=True, slots=True)
class CalculationTrailModel:
    """Every step from the measurements to the doses, as stored in the order context."""

    cycle: int
    weight_kg: float
    weight_date: str | None
    height_cm: float
    height_date: str | None
    bsa_formula: str | None
    bsa_unrounded: float
    bsa_decimals: int
    bsa_m2: float
    bsa_rules: tuple[TrailRule, ...]
    marrow: str | None
    steps: tuple[TrailStep, ...]
    bag: TrailBag | None
    handling: tuple[str, ...]
    premedication: TrailPremedication | None
    risk: TrailRisk
    eligibility_status: str | None
    decision: TrailDecision
    warnings: tuple[str, ...]
    confirmed_warnings: frozenset[str]
    protocol_name: str | None
    protocol_version: str | None
    protocol_sha256: str
    evaluated_on: str | None


def _rule(data: Mapping[str, Any]) -> TrailRule:
    return TrailRule(rule=data.get("rule"), source=data.get("source"), text=data.get("text"),
                     detail=data.get("detail"))


def _rules(items: Any) -> tuple[TrailRule, ...]:
    return tuple(_rule(r) for r in items or ())


def _step(data: Mapping[str, Any]) -> TrailStep:
    return TrailStep(
        first_day=data["first_day"], last_day=data["last_day"],
        start_date=data.get("start_date"), end_date=data.get("end_date"),
        dose_mcg_per_m2_day=data["dose_mcg_per_m2_day"],
        dose_mcg_per_day_calculated=data["dose_mcg_per_day_calculated"],
        cap_mcg_per_day=data.get("cap_mcg_per_day"), capped=bool(data.get("capped")),
        dose_mcg_per_day=data["dose_mcg_per_day"], rules=_rules(data.get("rules")))


def _bag(data: Mapping[str, Any]) -> TrailBag:
    return TrailBag(hours=data["hours"], rate_ml_per_h=data["rate_ml_per_h"],
                     volume_ml=data["volume_ml"], daily_volume_ml=data.get("daily_volume_ml"),
                     fluid_ml_per_kg_day=data["fluid_ml_per_kg_day"],
                     preservative=data.get("preservative"))


def bag_options(order: Mapping[str, Any]) -> tuple[TrailBag, ...]:
    """The bag lengths of an engine order (its ``bag_options``), typed."""
    return tuple(_bag(b) for b in order.get("bag_options") or ())


def _premedication(data: Mapping[str, Any] | None) -> TrailPremedication | None:
    if not data:
        return None
    rule = data.get("rule")
    return TrailPremedication(
        drug=data.get("drug"), mg_per_m2=data.get("mg_per_m2"),
        dose_mg_calculated=data.get("dose_mg_calculated"), max_mg=data.get("max_mg"),
        dose_mg=data.get("dose_mg"), capped=bool(data.get("capped")),
        when=tuple(data.get("when") or ()), note=data.get("note") or None,
        rule=_rule(rule) if rule else None)


def _risk(data: Mapping[str, Any]) -> TrailRisk:
    return TrailRisk(
        current=data.get("current"), at_diagnosis=data.get("at_diagnosis"),
        status=data.get("status"), reasons=_rules(data.get("reasons")),
        reallocations=tuple(TrailReallocation(_rule(m), m.get("from"), m.get("to"))
                            for m in data.get("reallocations") or ()))


def trail_model(context: Mapping[str, Any]) -> CalculationTrailModel:
    """Read a stored order context (``order_start`` builds it) into the trail's values."""
    order = context["order"]
    options = bag_options(order)
    decision = context.get("decision") or {}
    proto = context.get("protocol") or {}
    return CalculationTrailModel(
        cycle=context["cycle"],
        weight_kg=order["weight_kg"], weight_date=order.get("weight_date") or None,
        height_cm=order["height_cm"], height_date=order.get("height_date") or None,
        bsa_formula=order.get("bsa_formula_text") or order.get("bsa_formula"),
        bsa_unrounded=order["bsa_unrounded"], bsa_decimals=order["bsa_decimals"],
        bsa_m2=order["bsa_m2"],
        bsa_rules=tuple(r for r in _rules(order.get("rules")) if r.rule == "R-BSA"),
        marrow=context.get("marrow") or None,
        steps=tuple(_step(s) for s in order["steps"]),
        bag=next((b for b in options if b.hours == context.get("bag_hours")), None),
        handling=tuple(order.get("handling") or ()),
        premedication=_premedication(order.get("premedication")),
        risk=_risk(context.get("risk") or {}),
        eligibility_status=(context.get("eligibility") or {}).get("status"),
        decision=TrailDecision(id=decision.get("id"), value=decision.get("value"),
                               reasons=_rules(decision.get("reasons"))),
        warnings=tuple(context.get("warnings") or ()),
        confirmed_warnings=frozenset(context.get("confirmed_warnings") or ()),
        protocol_name=proto.get("name"), protocol_version=proto.get("version"),
        protocol_sha256=str(proto.get("sha256") or ""),
        evaluated_on=context.get("evaluated_on"))
