"""The values of a patient's history, typed.

The audit trail stores each old and new value as JSON: one leaf of the case file per
event (``mrd[2].result.percent``), or a whole small object for what is not in the case
file (an order's ``status`` with its cycle, the allergy status). The History page joins
the leaves of one fact back together; this module reads such a fact, and the case file
of an import, once, into typed values, so the screen reads attributes and a renamed key
is found here, in one place. Values recorded in an older form are read as far as they
go (a field not there is ``None``); nothing here fails on them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from interfant_desktop.protocol.case import MrdResult
from interfant_desktop.services.clinical import AllergyStatus

#: The object sections of a case file, in the order the History page names them.
IMPORT_SECTIONS = ("diagnosis", "prednisone_response", "end_of_induction", "blinatumomab_checklist")


@dataclass(frozen=True)
class MrdValue:
    """One MRD result as the history recorded it (``date`` ISO, as stored)."""

    timepoint: str | None
    date: str | None
    #: None when no result is recorded, or one this version cannot read
    result: MrdResult | None
    #: a result was recorded (``result`` None then: not readable)
    result_recorded: bool


@dataclass(frozen=True)
class WbcValue:
    """The WBC at diagnosis: the number as entered and its unit (``10^9/L`` or ``/uL``)."""

    value: Any
    unit: str | None


@dataclass(frozen=True)
class OrderStatusValue:
    """An order's state as its transition recorded it."""

    status: str | None
    cycle: int | None


@dataclass(frozen=True)
class ImportedCase:
    """What an imported case file held (never the file itself)."""

    #: the object sections given (of :data:`IMPORT_SECTIONS`, in that order)
    sections: tuple[str, ...]
    mrd_results: int
    blinatumomab_cycles: int


def _mrd_result(raw: Any) -> MrdResult | None:
    """An MRD result in case-file form (``"undetectable"``, ``{"percent": …}`` or
    positive-not-quantifiable with its quantitative range)."""
    if raw == "undetectable":
        return MrdResult("undetectable")
    if not isinstance(raw, dict):
        return None
    if raw.get("percent") is not None:
        return MrdResult("percent", percent=float(raw["percent"]))
    if raw.get("positive_not_quantifiable"):
        qr = raw.get("quantitative_range_percent")
        return MrdResult("pnq", qr_percent=None if qr is None else float(qr))
    return None


def fact_value(fact: str, value: Any) -> Any:
    """The typed value of one fact of the history (``fact``: its path without list
    indexes, ``mrd``, ``diagnosis.wbc``, ``status``, ``allergies``): an object rebuilt
    from its leaves becomes :class:`MrdValue`, :class:`WbcValue`,
    :class:`OrderStatusValue` or :class:`AllergyStatus`; anything else is returned as is."""
    if not isinstance(value, dict):
        return value
    if fact == "mrd":
        return MrdValue(value.get("timepoint"), value.get("date"), _mrd_result(value.get("result")),
                        "result" in value)
    if fact == "diagnosis.wbc":
        return WbcValue(value.get("value"), value.get("unit"))
    if fact == "status":
        return OrderStatusValue(value.get("status"), value.get("cycle"))
    if fact == "allergies":
        return AllergyStatus(bool(value.get("no_known_allergies")), value.get("allergies"))
    return value


def imported_case(case: Any) -> ImportedCase | None:
    """What the case file of an import held (None when the event holds no case file)."""
    if not isinstance(case, dict):
        return None
    mrd, cycles = case.get("mrd"), case.get("blinatumomab")
    return ImportedCase(tuple(key for key in IMPORT_SECTIONS if case.get(key)),
                        len(mrd) if mrd else 0, len(cycles) if cycles else 0)
