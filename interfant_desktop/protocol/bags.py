"""From the daily dose to the bag on the pump: make-up, bag schedule, fluid load (S4, D11, D13).

RULES.md "Preparing the bag" and "The bag schedule". For one cycle this module gives

* the bag options the protocol file offers (24 or 48 hours, rate, infused volume) with the
  daily fluid of each in mL/kg/day;
* the numbered bag schedule: bags fill each dose step from its start with the chosen bag
  length, a bag never crosses a dose change or the end of the cycle (the last bag of a step
  is a 24-hour bag where fewer hours remain), hang times are local wall-clock times;
* the make-up of every bag: 0.9 % sodium chloride, IV Solution Stabilizer (IVSS) and
  reconstituted drug volumes, mcg in the bag, concentration, vials, prepared versus infused
  volume, or "intermediate dilution" below the site's minimum measurable volume;
* the fluid load judged against the site's limit (D13), with the 48-hour alternative.

Pure: the caller passes in whatever depends on the machine (the time-zone offset changes
for the daylight-saving note), and every number is rounded here, once (D11).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, NamedTuple
from typing import Protocol as Structural

from interfant_desktop.protocol import spans
from interfant_desktop.protocol.protocol_file import Protocol
from interfant_desktop.protocol.quantities import exact, round_half_up
from interfant_desktop.protocol.quick_init import quick_init
from interfant_desktop.protocol.reasons import Reason, because

HOURS_PER_DAY = 24


def _product(*factors: float) -> float:
    """The exact decimal product of printed numbers (0.29 × 12.5 = 3.625, not 3.62499…), so
    half-up rounding rounds what a person recomputing by hand would."""
    result = exact(1.0)
    for f in factors:
        result *= exact(f)
    return float(result)


class DoseSpan(Structural):
    """What the schedule needs of a dose step (``dosing.DoseStep`` has these)."""

    @property
    def first_day(self) -> int: ...
    @property
    def last_day(self) -> int: ...
    @property
    def dose_mcg_per_day(self) -> float: ...
    @property
    def dose_mcg_per_m2_day(self) -> float: ...


@quick_init
@dataclass(frozen=True, slots=True)
class Preparation:
    """The label's bag composition and the site's settings, from ``bag_preparation``."""

    source: str
    verified: bool
    unverified_text: str
    vial_mcg: float
    reconstitution_water_ml: float
    reconstituted_mcg_per_ml: float
    vial_drug_ml: float
    sodium_chloride_ml: float
    ivss_ml: float
    minimum_measurable_ml: float
    minimum_measurable_note: str
    fluid_limit_ml_per_kg_day: float
    fluid_limit_note: str
    short_bag_hours: int
    volume_decimals: int
    mcg_decimals: int
    concentration_decimals: int
    fluid_decimals: int

    @property
    def base_ml(self) -> float:
        """B: sodium chloride plus IVSS, before the drug is added."""
        return self.sodium_chloride_ml + self.ivss_ml

    @classmethod
    def from_protocol(cls, protocol: Protocol) -> Preparation:
        """The protocol file's figures (read once per loaded protocol: they never change)."""
        return _preparation(protocol) if cls is Preparation else cls.read(protocol)

    @classmethod
    def read(cls, protocol: Protocol) -> Preparation:
        """The figures read from ``protocol.bag_preparation`` (see :meth:`from_protocol`)."""
        p = protocol.bag_preparation
        return cls(
            source=str(p["source"]), verified=bool(p["verified"]),
            unverified_text=str(p.get("unverified_text") or
                                "preparation figures not yet verified at this site"),
            vial_mcg=float(p["vial_mcg"]), reconstitution_water_ml=float(p["reconstitution_water_ml"]),
            reconstituted_mcg_per_ml=float(p["reconstituted_mcg_per_ml"]),
            vial_drug_ml=float(p["vial_drug_ml"]), sodium_chloride_ml=float(p["sodium_chloride_ml"]),
            ivss_ml=float(p["ivss_ml"]), minimum_measurable_ml=float(p["minimum_measurable_ml"]),
            minimum_measurable_note=str(p.get("minimum_measurable_note") or "site setting"),
            fluid_limit_ml_per_kg_day=float(p["fluid_limit_ml_per_kg_day"]),
            fluid_limit_note=str(p.get("fluid_limit_note") or "local practice, not protocol"),
            short_bag_hours=int(p["short_bag_hours"]),
            volume_decimals=int(p.get("volume_decimals", 2)), mcg_decimals=int(p.get("mcg_decimals", 2)),
            concentration_decimals=int(p.get("concentration_decimals", 5)),
            fluid_decimals=int(p.get("fluid_decimals", 2)))

    def to_json(self) -> dict[str, Any]:
        return {
            "source": self.source, "verified": self.verified, "unverified_text": self.unverified_text,
            "vial_mcg": self.vial_mcg, "reconstitution_water_ml": self.reconstitution_water_ml,
            "reconstituted_mcg_per_ml": self.reconstituted_mcg_per_ml,
            "vial_drug_ml": self.vial_drug_ml, "sodium_chloride_ml": self.sodium_chloride_ml,
            "ivss_ml": self.ivss_ml, "minimum_measurable_ml": self.minimum_measurable_ml,
            "minimum_measurable_note": self.minimum_measurable_note,
            "fluid_limit_ml_per_kg_day": self.fluid_limit_ml_per_kg_day,
            "fluid_limit_note": self.fluid_limit_note,
        }


@lru_cache(maxsize=8)  # per protocol object (identity): a loaded protocol never changes
def _preparation(protocol: Protocol) -> Preparation:
    return Preparation.read(protocol)


@quick_init
@dataclass(frozen=True, slots=True)
class BagOption:
    """A bag length the protocol file offers, with its rate and the daily fluid it gives."""

    hours: int
    rate_ml_per_h: float
    infused_ml: float
    preservative: str
    default: bool
    fluid_ml_per_kg_day: float

    @property
    def daily_volume_ml(self) -> float:
        return self.rate_ml_per_h * HOURS_PER_DAY

    def to_json(self) -> dict[str, Any]:
        return {"hours": self.hours, "rate_ml_per_h": self.rate_ml_per_h,
                "volume_ml": self.infused_ml, "preservative": self.preservative,
                "daily_volume_ml": self.daily_volume_ml,
                "fluid_ml_per_kg_day": self.fluid_ml_per_kg_day, "default": self.default}


@lru_cache(maxsize=4096)  # pure and immutable: the same weights recur
def bag_options(weight_kg: float, protocol: Protocol) -> tuple[BagOption, ...]:
    """Every bag length of the protocol file with its daily fluid for this weight."""
    prep = Preparation.from_protocol(protocol)
    default = protocol.dosing.get("default_bag_hours")
    out = []
    for bag in protocol.dosing["bags"]:
        rate = float(bag["rate_ml_per_h"])
        out.append(BagOption(
            int(bag["hours"]), rate, float(bag["volume_ml"]), str(bag["preservative"]),
            bag["hours"] == default,
            round_half_up(rate * HOURS_PER_DAY / weight_kg, prep.fluid_decimals)))
    return tuple(out)


@quick_init
@dataclass(frozen=True, slots=True)
class MakeUp:
    """How one bag is compounded (RULES.md "Preparing the bag").

    ``reconstituted_ml`` is the volume of reconstituted drug (12.5 mcg/mL) to add, or
    ``None`` when it is below the minimum measurable volume: then ``intermediate_dilution``
    is true and ``mcg_in_bag`` is what the diluted addition must bring into the bag.
    """

    mcg_to_infuse: float
    infused_ml: float
    sodium_chloride_ml: float
    ivss_ml: float
    reconstituted_ml: float | None
    drug_ml_calculated: float
    mcg_in_bag: float
    prepared_ml: float
    concentration_mcg_per_ml: float
    vials: int
    intermediate_dilution: bool
    discarded_ml: float


def make_up(mcg_to_infuse: float, infused_ml: float, prep: Preparation) -> MakeUp:
    """The make-up of a bag that must infuse ``mcg_to_infuse`` in ``infused_ml``.

    v = D × B / (I × c − D) with c = 12.5 mcg/mL; rounded to 0.01 mL. Below the minimum
    measurable volume the mcg in the bag come from the unrounded v: D × (B + v) / I.
    """
    base, conc = prep.base_ml, prep.reconstituted_mcg_per_ml
    d, i = mcg_to_infuse, infused_ml
    exact_v = d * base / (i * conc - d)
    v = round_half_up(exact_v, prep.volume_decimals)
    dilution = v < prep.minimum_measurable_ml
    if dilution:
        mcg_in_bag = round_half_up(d * (base + exact_v) / i, prep.mcg_decimals)
        drug_ml = exact_v
    else:
        mcg_in_bag = round_half_up(_product(v, conc), prep.mcg_decimals)
        drug_ml = v
    prepared = round_half_up(float(exact(base) + exact(drug_ml)), prep.volume_decimals)
    return MakeUp(
        mcg_to_infuse=d, infused_ml=i, sodium_chloride_ml=prep.sodium_chloride_ml,
        ivss_ml=prep.ivss_ml, reconstituted_ml=None if dilution else v,
        drug_ml_calculated=round_half_up(exact_v, 4), mcg_in_bag=mcg_in_bag, prepared_ml=prepared,
        concentration_mcg_per_ml=round_half_up(mcg_in_bag / prepared, prep.concentration_decimals),
        vials=max(1, math.ceil(round_half_up(drug_ml / prep.vial_drug_ml, 6))),
        intermediate_dilution=dilution,
        discarded_ml=round_half_up(float(exact(prepared) - exact(i)), prep.volume_decimals))


class ScheduledBag(NamedTuple):
    """One numbered bag of the schedule: when it is hung, for how long, what it holds.

    A named tuple (like a dose step): a cycle has up to 28 bags, built on every evaluation.
    """

    number: int
    hang: dt.datetime  # local wall-clock time, naive
    #: Whole hours; only a bag re-planned from a restart may end on a part of an hour (the
    #: exact fraction, ``spans.bag_hours``), so the 28 days end to the minute.
    hours: int | float
    first_day: int
    last_day: int
    dose_mcg_per_m2_day: float
    dose_mcg_per_day: float
    rate_ml_per_h: float
    make_up: MakeUp

    @property
    def ends(self) -> dt.datetime:
        """When the bag is taken down (the next bag's hang time)."""
        if isinstance(self.hours, int):
            return self.hang + spans.hours(self.hours)
        return self.hang + dt.timedelta(minutes=round(self.hours * 60))

    def to_json(self) -> dict[str, Any]:
        return {**self._when_json(), **self._content_json()}

    def _when_json(self) -> dict[str, Any]:
        """The keys that differ from bag to bag: number, hang and end times, days."""
        return {"number": self.number, "hang": self.hang.isoformat(timespec="minutes"),
                "ends": self.ends.isoformat(timespec="minutes"), "hours": _hours_json(self.hours),
                "first_day": self.first_day, "last_day": self.last_day}

    def _content_json(self) -> dict[str, Any]:
        """The keys that bags of the same dose and length share: dose, rate, make-up."""
        m = self.make_up
        return {
            "dose_mcg_per_m2_day": self.dose_mcg_per_m2_day,
            "dose_mcg_per_day": self.dose_mcg_per_day, "mcg_to_infuse": m.mcg_to_infuse,
            "rate_ml_per_h": self.rate_ml_per_h, "infused_ml": m.infused_ml,
            "reconstituted_ml": m.reconstituted_ml, "mcg_in_bag": m.mcg_in_bag,
            "intermediate_dilution": m.intermediate_dilution,
            "drug_ml_calculated": m.drug_ml_calculated,
            "sodium_chloride_ml": m.sodium_chloride_ml, "ivss_ml": m.ivss_ml,
            "prepared_ml": m.prepared_ml, "discarded_ml": m.discarded_ml,
            "concentration_mcg_per_ml": m.concentration_mcg_per_ml, "vials": m.vials,
        }


def _hours_json(hours: int | float) -> int | float:
    """Whole hours as they are; a part of an hour to 4 decimals (``ends`` has the minute)."""
    return hours if isinstance(hours, int) else round(hours, 4)


def bags_to_json(bags: Sequence[ScheduledBag]) -> list[dict[str, Any]]:
    """``[b.to_json() for b in bags]``, each dict its own. Bags of the same dose and length
    (most of a schedule) share their content: one template per content, with every key in
    its place, is copied per bag and its six per-bag keys set (a copy of a 21-key dict is
    several times cheaper than building it key by key)."""
    templates: dict[tuple[int, float, float, float], dict[str, Any]] = {}
    out = []
    hang_text, previous_end = "", None
    for bag in bags:
        hang, hours = bag.hang, bag.hours
        key = (id(bag.make_up), bag.dose_mcg_per_m2_day, bag.dose_mcg_per_day, bag.rate_ml_per_h)
        template = templates.get(key)
        if template is None:
            template = templates[key] = {**_WHEN_KEYS, **bag._content_json()}
        # A bag is hung when the one before it ends: that time is written once for both.
        if previous_end is None or hang != previous_end:
            hang_text = hang.isoformat(timespec="minutes")
        ends = bag.ends
        if hours.__class__ is int and hours % HOURS_PER_DAY == 0 and hang.tzinfo is None:
            # Whole days later the clock reads the same: only the date is written anew
            # (the same text as ``isoformat(timespec="minutes")``, in half the time).
            ends_text = ends.date().isoformat() + hang_text[10:]
        else:
            ends_text = ends.isoformat(timespec="minutes")
        entry = template.copy()
        entry["number"] = bag.number
        entry["hang"] = hang_text
        entry["ends"] = ends_text
        entry["hours"] = hours if hours.__class__ is int else _hours_json(hours)
        entry["first_day"] = bag.first_day
        entry["last_day"] = bag.last_day
        out.append(entry)
        hang_text, previous_end = ends_text, ends
    return out


#: The per-bag keys of a bag's JSON, in their place before the shared content (set per bag).
_WHEN_KEYS: dict[str, Any] = dict.fromkeys(("number", "hang", "ends", "hours", "first_day", "last_day"))


def schedule(start: dt.datetime, steps: Sequence[DoseSpan], bag_hours: int,
             options: Sequence[BagOption], prep: Preparation) -> tuple[ScheduledBag, ...]:
    """The numbered bags of a cycle starting at ``start`` (local wall-clock time).

    Step [a, b] runs from start + (a − 1) × 24 h to start + b × 24 h; bags of
    ``bag_hours`` fill it from its start, and where fewer hours remain the step ends with
    a short (24-hour) bag, so no bag crosses a dose change or the end of the cycle.
    """
    by_hours = {o.hours: o for o in options}
    runs = _layout(tuple([(s.first_day, s.last_day) for s in steps]), bag_hours, prep.short_bag_hours)
    bags: list[ScheduledBag] = []
    number = 0
    for index, hours, placed in runs:
        # Bags of the same step and length have the same dose, rate and make-up: worked out
        # once per run of them.
        step, rate = steps[index], by_hours[hours].rate_ml_per_h
        per_m2, per_day = step.dose_mcg_per_m2_day, step.dose_mcg_per_day
        bag = _bag_make_up(per_day, hours, rate, prep)
        for at, first_day, last_day in placed:
            number += 1
            bags.append(ScheduledBag(number, start + at, hours, first_day, last_day,
                                     per_m2, per_day, rate, bag))
    return tuple(bags)


@lru_cache(maxsize=256)  # pure: a handful of step plans and bag lengths
def _layout(days: tuple[tuple[int, int], ...], bag_hours: int, short_hours: int) -> tuple[
        tuple[int, int, tuple[tuple[dt.timedelta, int, int], ...]], ...]:
    """Where the bags fall, whatever the doses, in hang order: runs of bags of one step and
    one length, each (step index, hours, (time from the start, first day, last day) of
    every bag of the run) (see :func:`schedule`)."""
    runs: list[tuple[int, int, list[tuple[dt.timedelta, int, int]]]] = []
    for index, (first, last) in enumerate(days):
        at, end = (first - 1) * HOURS_PER_DAY, last * HOURS_PER_DAY
        while at < end:
            hours = bag_hours if end - at >= bag_hours else short_hours
            first_day = at // HOURS_PER_DAY + 1
            if not runs or runs[-1][:2] != (index, hours):
                runs.append((index, hours, []))
            runs[-1][2].append((spans.hours(at), first_day, first_day + hours // HOURS_PER_DAY - 1))
            at += hours
    return tuple((index, hours, tuple(placed)) for index, hours, placed in runs)


@lru_cache(maxsize=4096)  # pure and immutable: the same daily doses recur across patients
def _bag_make_up(dose_mcg_per_day: float, hours: int, rate_ml_per_h: float, prep: Preparation) -> MakeUp:
    """The make-up of a bag of ``hours`` at ``rate_ml_per_h`` for this daily dose."""
    mcg = round_half_up(_product(dose_mcg_per_day, hours / HOURS_PER_DAY), prep.mcg_decimals)
    infused = round_half_up(_product(rate_ml_per_h, hours), prep.volume_decimals)
    return make_up(mcg, infused, prep)


@quick_init
@dataclass(frozen=True, slots=True)
class FluidLoad:
    """The daily fluid of the blinatumomab line judged against the site's limit (D13)."""

    bag_hours: int
    ml_per_kg_day: float
    limit_ml_per_kg_day: float
    limit_note: str
    above_limit: bool
    alternative_hours: int | None
    alternative_ml_per_kg_day: float | None
    warning: str | None
    rule: Reason

    def to_json(self) -> dict[str, Any]:
        return {"bag_hours": self.bag_hours, "ml_per_kg_day": self.ml_per_kg_day,
                "limit_ml_per_kg_day": self.limit_ml_per_kg_day, "limit_note": self.limit_note,
                "above_limit": self.above_limit, "alternative_hours": self.alternative_hours,
                "alternative_ml_per_kg_day": self.alternative_ml_per_kg_day,
                "warning": self.warning, "rule": self.rule.to_json()}


def fluid_load(bag_hours: int, options: Sequence[BagOption], prep: Preparation,
               protocol: Protocol) -> FluidLoad:
    """D13: the chosen bag's mL/kg/day; above the limit, a warning naming the 48-hour figure."""
    chosen = next(o for o in options if o.hours == bag_hours)
    limit = prep.fluid_limit_ml_per_kg_day
    above = chosen.fluid_ml_per_kg_day > limit
    lower = min((o for o in options if o.rate_ml_per_h < chosen.rate_ml_per_h),
                key=lambda o: o.rate_ml_per_h, default=None)
    rule = because(protocol, "D13", f"limit {limit:g} mL/kg/day ({prep.fluid_limit_note})")
    warning = None
    if above:
        warning = (f"Fluid load: the {chosen.hours}-hour bag ({chosen.rate_ml_per_h:g} mL/h) gives "
                   f"{chosen.fluid_ml_per_kg_day:g} mL/kg/day, above the site's limit of {limit:g} "
                   f"mL/kg/day ({prep.fluid_limit_note}) (D13)")
        if lower is not None:
            warning += (f": the {lower.hours}-hour bag ({lower.rate_ml_per_h:g} mL/h) would give "
                        f"{lower.fluid_ml_per_kg_day:g} mL/kg/day instead.")
        else:
            warning += (": no bag of the protocol file gives less; a site whose own protocol "
                        "prescribes other volumes sets them as a site setting.")
    return FluidLoad(chosen.hours, chosen.fluid_ml_per_kg_day, limit, prep.fluid_limit_note, above,
                     lower.hours if lower else None,
                     lower.fluid_ml_per_kg_day if lower else None, warning, rule)


@lru_cache(maxsize=4096)  # pure and immutable: the same weights recur
def _weight_fluid_load(bag_hours: int, weight_kg: float, protocol: Protocol) -> FluidLoad:
    """:func:`fluid_load` of the protocol file's bags for this weight."""
    return fluid_load(bag_hours, bag_options(weight_kg, protocol), Preparation.from_protocol(protocol),
                      protocol)


@quick_init
@dataclass(frozen=True, slots=True)
class BagPlan:
    """Everything between the dose and the pump for one cycle.

    ``bags`` is empty while the cycle has no start date and time (no schedule without them).
    """

    bag_hours: int
    options: tuple[BagOption, ...]
    start: dt.datetime | None
    bags: tuple[ScheduledBag, ...]
    fluid: FluidLoad
    preparation: Preparation
    rules: tuple[Reason, ...]
    #: A plan re-made from a restart ends when the remaining hours are given (``restart_order``).
    ends_at: dt.datetime | None = None

    @property
    def ends(self) -> dt.datetime | None:
        """When the infusion ends: 672 hours (28 × 24 h) after the start (or, re-planned from a
        restart, when the hours that remained are given)."""
        if self.ends_at is not None:
            return self.ends_at
        return None if self.start is None else self.start + spans.hours(28 * HOURS_PER_DAY)

    @property
    def option(self) -> BagOption:
        """The chosen bag length's option."""
        return next(o for o in self.options if o.hours == self.bag_hours)


@lru_cache(maxsize=8)  # per protocol object (identity): a loaded protocol never changes
def _offered_hours(protocol: Protocol) -> tuple[tuple[int, ...], int]:
    """The bag lengths the protocol file offers, and its default length."""
    offered = tuple(int(b["hours"]) for b in protocol.dosing["bags"])
    return offered, int(protocol.dosing.get("default_bag_hours") or offered[0])


def check_bag_hours(bag_hours: int | None, protocol: Protocol) -> int:
    """The bag length to use: ``bag_hours`` if the protocol file offers it, else its default.

    Raises ``ValueError`` naming the offered lengths for a length the file does not offer.
    """
    offered, default = _offered_hours(protocol)
    if bag_hours is None:
        return default
    if bag_hours not in offered:
        raise ValueError(f"bag_hours: must be one of {', '.join(map(str, offered))}; "
                         f"got {bag_hours!r}")
    return bag_hours


def plan_bags(weight_kg: float, start_date: dt.date | None, start_time: dt.time | None,
              steps: Sequence[DoseSpan], protocol: Protocol,
              bag_hours: int | None = None) -> BagPlan:
    """The bag plan of a cycle: options, schedule (with a start date and time), fluid load."""
    prep = Preparation.from_protocol(protocol)
    hours = check_bag_hours(bag_hours, protocol)
    options = bag_options(weight_kg, protocol)
    start = dt.datetime.combine(start_date, start_time) if start_date and start_time else None
    bags = schedule(start, steps, hours, options, prep) if start is not None else ()
    rules = [because(protocol, "R-BAG-SCHEDULE",
                     "" if start else "no start date and time recorded: no bag schedule"),
             because(protocol, "R-BAG-PREP", "" if prep.verified else prep.unverified_text)]
    if any(b.make_up.intermediate_dilution for b in bags):
        rules.append(because(protocol, "R-BAG-DILUTION",
                             f"minimum measurable volume {prep.minimum_measurable_ml:g} mL "
                             f"({prep.minimum_measurable_note})"))
    fluid = _weight_fluid_load(hours, weight_kg, protocol)
    return BagPlan(hours, options, start, bags, fluid, prep, (*rules, fluid.rule))


def daylight_saving_changes(start: dt.datetime, ends: dt.datetime,
                            changes: Sequence[dt.datetime]) -> tuple[dt.datetime, ...]:
    """The local times (from ``changes``, given by the caller from its time zone) at which
    the clock changes between ``start`` and ``ends``."""
    return tuple(c for c in changes if start < c <= ends)


def daylight_saving_note(start: dt.datetime, ends: dt.datetime,
                         changes: Sequence[dt.datetime]) -> str | None:
    """The sheet's note when a daylight-saving change falls inside the cycle (else None)."""
    inside = daylight_saving_changes(start, ends, changes)
    if not inside:
        return None
    when = ", ".join(sorted({c.strftime("%Y-%m-%d") for c in inside}))
    return (f"A daylight-saving clock change falls inside this cycle (on {when}). Hang times are "
            "local wall-clock times counted in whole hours from the start without adjustment: "
            "the bag hanging across the change runs 23 hours (clocks go forward) or 25 hours "
            "(clocks go back) of real time until the next hang time; the pump rate is unchanged.")
