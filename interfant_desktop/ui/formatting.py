"""How clinical values are written on screen (pure functions, no widgets).

Kept apart so the pages, the patient list and the tests all format MRD, ages
and phases the same way.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLocale

from interfant_desktop.protocol.case import MrdResult
from interfant_desktop.protocol.quantities import percent_as_power_of_ten

if TYPE_CHECKING:
    from interfant_desktop.protocol import Evaluation


def _t(text: object) -> str:
    """``text`` (a catalogue source, QT_TRANSLATE_NOOP's too) in the user's language."""
    return QCoreApplication.translate("Formatting", str(text))


def date_text(value: dt.date) -> str:
    """A date nobody can misread: ISO order plus the weekday (``2026-05-10, Sun``)."""
    day = QLocale().dayName(value.isoweekday(), QLocale.FormatType.ShortFormat)
    return f"{value.isoformat()}, {day}"


def local_time_text(moment: dt.datetime) -> str:
    """A stored UTC time as the workstation's local time with its zone
    (``2026-05-10, Sun 14:02 CEST``); the store keeps UTC."""
    if moment.tzinfo is None:  # stored times are UTC
        moment = moment.replace(tzinfo=dt.UTC)
    local = moment.astimezone()
    return f"{date_text(local.date())} {local:%H:%M} {local.tzname() or local.strftime('%z')}"


def percent_text(percent: float) -> str:
    """``0.03`` -> ``0.03 %``; drops trailing zeros, keeps small values readable."""
    return f"{percent:.6g} %"


def power_of_ten_text(percent: float) -> str:
    """The fraction of nucleated cells as ``m×10⁻ˣ`` (0.01 % -> ``1×10⁻⁴``), exactly as the
    engine writes it in its reasons, so the screen and the engine never disagree."""
    return percent_as_power_of_ten(percent)


def mrd_text(result: MrdResult) -> str:
    """An MRD result as one line: value with 10^-x, undetectable, or PNQ with its QR."""
    if result.kind == "undetectable":
        return QCoreApplication.translate("Formatting", "undetectable")
    if result.kind == "percent" and result.percent is not None:
        return f"{percent_text(result.percent)} ({power_of_ten_text(result.percent)})"
    if result.kind == "pnq" and result.qr_percent is not None:
        qr = result.qr_percent
        return QCoreApplication.translate("Formatting", "positive, not quantifiable (QR {qr})").format(
            qr=f"{percent_text(qr)} = {power_of_ten_text(qr)}")
    return "—"


def mrd_result_text(result: Any) -> str:
    """A case-file MRD result (as a form builds it) as one line, see :func:`mrd_text`."""
    if result == "undetectable":
        return mrd_text(MrdResult("undetectable"))
    if isinstance(result, dict) and "percent" in result:
        return mrd_text(MrdResult("percent", percent=float(result["percent"])))
    if isinstance(result, dict) and result.get("positive_not_quantifiable"):
        return mrd_text(MrdResult("pnq", qr_percent=float(result["quantitative_range_percent"])))
    return "—"


def age_text(days: int | None) -> str:
    """Age at diagnosis in days, with months for orientation."""
    if days is None:
        return "—"
    months = days / 30.4375
    text = QCoreApplication.translate("Formatting", "{days} days ({months:.1f} mo)")
    return text.format(days=days, months=months)


PHASE_LABELS = {
    "prephase": QT_TRANSLATE_NOOP("Formatting", "Prednisone prephase"),
    "induction": QT_TRANSLATE_NOOP("Formatting", "Induction"),
    "blinatumomab_1": QT_TRANSLATE_NOOP("Formatting", "Blinatumomab cycle 1"),
    "consolidation": QT_TRANSLATE_NOOP("Formatting", "Consolidation"),
    "marma": QT_TRANSLATE_NOOP("Formatting", "MARMA"),
    "blinatumomab_2": QT_TRANSLATE_NOOP("Formatting", "Blinatumomab cycle 2"),
    "octadad": QT_TRANSLATE_NOOP("Formatting", "OCTADAD"),
    "maintenance": QT_TRANSLATE_NOOP("Formatting", "Maintenance"),
    "investigational_window": QT_TRANSLATE_NOOP("Formatting", "Investigational window"),
    "hsct": QT_TRANSLATE_NOOP("Formatting", "Allogeneic HSCT"),
}

TIMEPOINT_LABELS = {
    "end_of_induction": QT_TRANSLATE_NOOP("Formatting", "End of induction"),
    "after_blinatumomab_1": QT_TRANSLATE_NOOP("Formatting", "After blinatumomab 1"),
    "end_of_consolidation": QT_TRANSLATE_NOOP("Formatting", "End of consolidation"),
    "after_blinatumomab_2": QT_TRANSLATE_NOOP("Formatting", "After blinatumomab 2"),
    "pre_hsct": QT_TRANSLATE_NOOP("Formatting", "Before HSCT"),
    "other": QT_TRANSLATE_NOOP("Formatting", "Other"),
}


def phase_label(phase: str | None) -> str:
    """The clinician's name of a roadmap phase ID."""
    if not phase:
        return "—"
    return _t(PHASE_LABELS.get(phase, phase.replace("_", " ")))


def timepoint_label(timepoint: str) -> str:
    """The clinician's name of an MRD time point ID."""
    return _t(TIMEPOINT_LABELS.get(timepoint, timepoint))


def current_phase(evaluation: Evaluation | None) -> str | None:
    """The phase the engine marks ``current`` in the roadmap, if any."""
    return evaluation.current_phase if evaluation is not None else None


def risk_text(evaluation: Evaluation | None) -> str:
    """Risk group as shown in lists: ``HR``, ``MR (MR-low)``, ``review`` or ``pending``."""
    if evaluation is None:
        return QCoreApplication.translate("Formatting", "pending")
    risk = evaluation.risk
    if risk.current:
        return f"{risk.current} ({risk.subgroup})" if risk.subgroup else str(risk.current)
    if risk.status == "review":
        return QCoreApplication.translate("Formatting", "review")
    return QCoreApplication.translate("Formatting", "pending")


def risk_group_text(evaluation: Evaluation) -> str:
    """:func:`risk_text` as the list and the patient header show it: a group holds only if
    the protocol applies, so while it does not the group reads ``MR if eligible``."""
    text = risk_text(evaluation)
    if evaluation.risk.current and not evaluation.standing.applies:
        text += QCoreApplication.translate("Formatting", " if eligible")
    return text


# Marked for lupdate: the label dictionaries above are translated through _t at use.
_FOR_LUPDATE = [
    QCoreApplication.translate("Formatting", "Prednisone prephase"),
    QCoreApplication.translate("Formatting", "Induction"),
    QCoreApplication.translate("Formatting", "Blinatumomab cycle 1"),
    QCoreApplication.translate("Formatting", "Consolidation"),
    QCoreApplication.translate("Formatting", "MARMA"),
    QCoreApplication.translate("Formatting", "Blinatumomab cycle 2"),
    QCoreApplication.translate("Formatting", "OCTADAD"),
    QCoreApplication.translate("Formatting", "Maintenance"),
    QCoreApplication.translate("Formatting", "Investigational window"),
    QCoreApplication.translate("Formatting", "Allogeneic HSCT"),
    QCoreApplication.translate("Formatting", "End of induction"),
    QCoreApplication.translate("Formatting", "After blinatumomab 1"),
    QCoreApplication.translate("Formatting", "End of consolidation"),
    QCoreApplication.translate("Formatting", "After blinatumomab 2"),
    QCoreApplication.translate("Formatting", "Before HSCT"),
    QCoreApplication.translate("Formatting", "Other"),
]
