"""The patient's history as a clinician reads it: one row per audited action.

The audit trail stores one event per changed field (``diagnosis.wbc.value``,
``diagnosis.wbc.unit``, ``mrd[2].result.percent``…) and the consequences of a change
(an open order marked stale) as events of their own. Here the events of one action
(same person, same reason, written together) become one row, each changed fact is
written in clinical words with its unit ("WBC at diagnosis: — → 120 × 10^9/L"), and no
raw JSON or internal name reaches the screen. Pure functions, no widgets.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from interfant_desktop.protocol.quantities import wbc_unit_text
from interfant_desktop.services.clinical import AllergyStatus
from interfant_desktop.services.history_values import (
    MrdValue,
    OrderStatusValue,
    WbcValue,
    fact_value,
    imported_case,
)
from interfant_desktop.ui.formatting import mrd_text, timepoint_label

if TYPE_CHECKING:
    from interfant_desktop.ui.backend import HistoryLine

#: Events written within this time of the first one, by the same person, are one action.
SAME_ACTION = dt.timedelta(seconds=2)


def _t(text: object) -> str:
    """``text`` (a catalogue source, QT_TRANSLATE_NOOP's too) in the user's language."""
    return QCoreApplication.translate("HistoryRows", str(text))


@dataclass(frozen=True)
class HistoryAction:
    """One row of the History page."""

    when: str
    who: str
    what: str
    changes: tuple[str, ...]
    reason: str
    #: something was marked entered in error (shown struck through, never removed)
    withdrawn: bool = False
    #: some values are withheld from this user (blinded verification)
    hidden: bool = False


ACTIONS = {
    "import": QT_TRANSLATE_NOOP("HistoryRows", "Patient imported"),
    "create": QT_TRANSLATE_NOOP("HistoryRows", "Recorded"),
    "change": QT_TRANSLATE_NOOP("HistoryRows", "Data recorded"),
    "confirm": QT_TRANSLATE_NOOP("HistoryRows", "Eligibility confirmed by hand"),
    "decide_review": QT_TRANSLATE_NOOP("HistoryRows", "Review decision"),
    "decide": QT_TRANSLATE_NOOP("HistoryRows", "Decision recorded"),
    "correct": QT_TRANSLATE_NOOP("HistoryRows", "Correction"),
    "entered_in_error": QT_TRANSLATE_NOOP("HistoryRows", "Entered in error"),
    "request_correction": QT_TRANSLATE_NOOP("HistoryRows", "Correction requested"),
    "confirm_correction": QT_TRANSLATE_NOOP("HistoryRows", "Correction confirmed"),
    "withdraw_correction": QT_TRANSLATE_NOOP("HistoryRows", "Correction withdrawn"),
    "mark_stale": QT_TRANSLATE_NOOP("HistoryRows", "Order marked stale"),
    "sign": QT_TRANSLATE_NOOP("HistoryRows", "Order signed (prescribed)"),
    "verify": QT_TRANSLATE_NOOP("HistoryRows", "Order verified (pharmacist)"),
    "verify_failed": QT_TRANSLATE_NOOP("HistoryRows", "Verification mismatch"),
    "print": QT_TRANSLATE_NOOP("HistoryRows", "Order printed"),
    "cancel": QT_TRANSLATE_NOOP("HistoryRows", "Order cancelled"),
    "save_file": QT_TRANSLATE_NOOP("HistoryRows", "Order saved as a file copy"),
    "record": QT_TRANSLATE_NOOP("HistoryRows", "Recorded"),
    "restart": QT_TRANSLATE_NOOP("HistoryRows", "Infusion restarted"),
    "export": QT_TRANSLATE_NOOP("HistoryRows", "Exported"),
}

#: Case-file paths (list indexes removed) -> the name a clinician knows.
FIELDS: dict[str, object] = {
    "patient.name": QT_TRANSLATE_NOOP("HistoryRows", "Name"),
    "patient.hospital_number": QT_TRANSLATE_NOOP("HistoryRows", "Hospital number"),
    "patient.date_of_birth": QT_TRANSLATE_NOOP("HistoryRows", "Date of birth"),
    "patient.sex": QT_TRANSLATE_NOOP("HistoryRows", "Sex"),
    "patient.down_syndrome": QT_TRANSLATE_NOOP("HistoryRows", "Down syndrome"),
    "patient.allergies": QT_TRANSLATE_NOOP("HistoryRows", "Allergies"),
    "allergies": QT_TRANSLATE_NOOP("HistoryRows", "Allergy status"),
    "diagnosis.date": QT_TRANSLATE_NOOP("HistoryRows", "Date of diagnosis"),
    "diagnosis.lineage": QT_TRANSLATE_NOOP("HistoryRows", "Lineage"),
    "diagnosis.kmt2a": QT_TRANSLATE_NOOP("HistoryRows", "KMT2A"),
    "diagnosis.kmt2a_partner": QT_TRANSLATE_NOOP("HistoryRows", "KMT2A partner gene"),
    "diagnosis.relapsed": QT_TRANSLATE_NOOP("HistoryRows", "Relapsed ALL"),
    "diagnosis.wbc": QT_TRANSLATE_NOOP("HistoryRows", "WBC at diagnosis"),
    "diagnosis.prior_steroids": QT_TRANSLATE_NOOP("HistoryRows", "Systemic steroids before diagnosis"),
    "diagnosis.prior_chemotherapy": QT_TRANSLATE_NOOP("HistoryRows", "Chemotherapy before diagnosis"),
    "diagnosis.consent": QT_TRANSLATE_NOOP("HistoryRows", "Informed consent"),
    "prednisone_response.date": QT_TRANSLATE_NOOP("HistoryRows", "Prednisone response: date"),
    "prednisone_response.blasts_per_uL": QT_TRANSLATE_NOOP("HistoryRows", "Blasts in blood on day 8"),
    "prednisone_response.not_evaluable": QT_TRANSLATE_NOOP("HistoryRows", "Prednisone response not evaluable"),  # noqa: E501 (one line per field)
    "end_of_induction.date": QT_TRANSLATE_NOOP("HistoryRows", "End of induction: date"),
    "end_of_induction.marrow": QT_TRANSLATE_NOOP("HistoryRows", "End of induction: marrow"),
    "end_of_induction.cns": QT_TRANSLATE_NOOP("HistoryRows", "End of induction: CNS status"),
    "blinatumomab_checklist.cd19_positive": QT_TRANSLATE_NOOP("HistoryRows", "B1 CD19-positive disease"),
    "blinatumomab_checklist.cns1_at_eoi": QT_TRANSLATE_NOOP("HistoryRows", "B2 CNS1 at end of induction"),
    "blinatumomab_checklist.hypersensitivity": QT_TRANSLATE_NOOP("HistoryRows", "B3 hypersensitivity to blinatumomab"),  # noqa: E501 (one line per field)
    "blinatumomab_checklist.live_vaccine_28d": QT_TRANSLATE_NOOP("HistoryRows", "B4 live vaccine within 28 days"),  # noqa: E501 (one line per field)
    "blinatumomab.cycle": QT_TRANSLATE_NOOP("HistoryRows", "cycle"),
    "blinatumomab.start_date": QT_TRANSLATE_NOOP("HistoryRows", "start date"),
    "blinatumomab.start_time": QT_TRANSLATE_NOOP("HistoryRows", "start time"),
    "blinatumomab.bag_hours": QT_TRANSLATE_NOOP("HistoryRows", "bag length"),
    "blinatumomab.weight_kg": QT_TRANSLATE_NOOP("HistoryRows", "weight"),
    "blinatumomab.weight_date": QT_TRANSLATE_NOOP("HistoryRows", "weight date"),
    "blinatumomab.height_cm": QT_TRANSLATE_NOOP("HistoryRows", "height"),
    "blinatumomab.height_date": QT_TRANSLATE_NOOP("HistoryRows", "height date"),
    "blinatumomab.bsa_formula": QT_TRANSLATE_NOOP("HistoryRows", "BSA formula"),
    "status": QT_TRANSLATE_NOOP("HistoryRows", "Order status"),
    "stale": QT_TRANSLATE_NOOP("HistoryRows", "Stale"),
}
#: The unit a value of these paths is recorded in (the rest carry none, or their own).
FIELD_UNITS = {"prednisone_response.blasts_per_uL": "/µL", "blinatumomab.bag_hours": "h",
               "blinatumomab.weight_kg": "kg", "blinatumomab.height_cm": "cm"}
_INDEX = re.compile(r"\[(\d+)\]")
#: A whole object is one fact: its leaves are shown together (value with its unit).
_COMPOUND = re.compile(r"^(mrd\[\d+\]|diagnosis\.wbc|blinatumomab\[\d+\]\.interruptions\[\d+\]|"
                       r"toxicity\[\d+\])")


def group_history(lines: list[HistoryLine]) -> list[HistoryAction]:
    """The history lines (newest first, one per audit event) as one row per action."""
    groups: list[list[HistoryLine]] = []
    for line in reversed(lines):  # oldest first, so an action's events are in order
        event = line.event
        last = groups[-1][-1].event if groups else None
        if event is not None and last is not None and _same_action(last, event):
            groups[-1].append(line)
        else:
            groups.append([line])
    # The record is replayed oldest first, so a fact whose unit did not change in an
    # action (a WBC value edited, its unit kept) is still shown with that unit.
    state: dict[str, Any] = {}
    rows = [_row(group, state) for group in groups]
    return rows[::-1]


def _same_action(first: Any, then: Any) -> bool:
    if then.username != first.username or then.at - first.at > SAME_ACTION:
        return False
    if then.action == "mark_stale":  # a consequence of the change just recorded
        return True
    return (then.action, then.reason, then.entity) == (first.action, first.reason, first.entity)


def _row(group: list[HistoryLine], state: dict[str, Any]) -> HistoryAction:
    head = group[0].event
    if head is None:  # a line without its event (not expected): show the plain row
        row = group[0].row
        return HistoryAction(row.when, row.who, row.what, (row.change,), row.reason)
    hidden = any(line.hidden for line in group)
    main = [line for line in group if line.event is not None and line.event.action != "mark_stale"]
    stale = [line for line in group if line.event is not None and line.event.action == "mark_stale"]
    what = _t(ACTIONS.get(head.action, head.action.replace("_", " ").capitalize()))
    if head.action == "change":  # new data, or a change of what was recorded
        changed = any(line.event is not None and line.event.old_value is not None for line in main)
        what = (QCoreApplication.translate("HistoryRows", "Data changed") if changed
                else QCoreApplication.translate("HistoryRows", "Data recorded"))
    if head.entity == "order" and head.entity_key:
        what += QCoreApplication.translate("HistoryRows", " — order #{n}").format(n=head.entity_key)
    if head.entity == "correction" and head.entity_key:
        what += QCoreApplication.translate("HistoryRows", " — request #{n}").format(n=head.entity_key)
    if head.entity == "eligibility" and head.entity_key:
        what += f" — {head.entity_key}"
    if head.action == "import":
        state.clear()
        state.update(_leaves(head.new_value))
        changes: tuple[str, ...] = (
            QCoreApplication.translate("HistoryRows", "hidden until verification") if hidden
            else _imported(head.new_value),)
    else:
        changes = _changes(main, state)
    changes += tuple(QCoreApplication.translate("HistoryRows", "Order #{order} marked stale: {why}").format(
        order=line.event.entity_key, why=line.event.reason or "") for line in stale if line.event)
    reason = head.reason or ""
    when = head.at.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M:%S")
    withdrawn = any(line.event is not None and line.event.action == "entered_in_error"
                    for line in group)
    return HistoryAction(when, head.username, what, changes, reason, withdrawn, hidden)


def _changes(lines: list[HistoryLine], state: dict[str, Any]) -> tuple[str, ...]:
    """One text per changed fact: the leaves of one compound object (an MRD result, a WBC
    with its unit) joined back into the object, before and after the action. ``state``
    (the record's leaves so far) is brought up to date."""
    keys: list[str] = []
    hidden: set[str] = set()
    before = dict(state)
    for line in lines:
        event = line.event
        if event is None or not event.field:
            continue
        path = event.field
        match = _COMPOUND.match(path)
        key = match.group(1) if match else path
        if key not in keys:
            keys.append(key)
        if line.hidden:
            hidden.add(key)
        for leaf in [k for k in state if k == path or k.startswith((path + ".", path + "["))]:
            del state[leaf]  # a whole object replaced or withdrawn
        state.update(_leaves(event.new_value, path))
    out = []
    for key in keys:
        label = _label(key)
        if key in hidden:
            out.append(QCoreApplication.translate("HistoryRows", "{label}: hidden until verification")
                       .format(label=label))
            continue
        out.append(f"{label}: {_value(key, _fact(before, key))} → {_value(key, _fact(state, key))}")
    return tuple(out)


def _leaves(value: Any, prefix: str = "") -> dict[str, Any]:
    """``{"diagnosis.wbc.value": 120, …}``: the leaves of a case-file value under ``prefix``."""
    if isinstance(value, dict):
        items = [(f"{prefix}.{k}" if prefix else str(k), v) for k, v in value.items()]
    elif isinstance(value, list):
        items = [(f"{prefix}[{i}]", v) for i, v in enumerate(value)]
    else:
        return {} if value is None else {prefix: value}
    out: dict[str, Any] = {}
    for path, item in items:
        out.update(_leaves(item, path))
    return out


def _fact(state: dict[str, Any], key: str) -> Any:
    """The value of the fact ``key`` in ``state``, rebuilt from its leaves (None: absent)."""
    return _rebuild({k[len(key):].lstrip("."): v for k, v in state.items()
                     if k == key or k.startswith((key + ".", key + "["))})


def _rebuild(leaves: dict[str, Any]) -> Any:
    """The value of a fact from its leaves (``""`` is the whole value)."""
    if not leaves:
        return None
    if set(leaves) == {""}:
        return leaves[""]
    out: dict[str, Any] = {}
    for rest, value in leaves.items():
        if value is None:
            continue
        node = out
        parts = rest.split(".")
        for part in parts[:-1]:
            node = node.setdefault(part, {})
        node[parts[-1]] = value
    return out


def _label(path: str) -> str:
    generic = _INDEX.sub("", path)
    index = _INDEX.search(path)
    number = int(index.group(1)) + 1 if index else None
    if generic == "mrd":
        return QCoreApplication.translate("HistoryRows", "MRD result {n}").format(n=number)
    if generic.startswith("blinatumomab.interruptions"):
        return QCoreApplication.translate("HistoryRows", "Infusion interruption")
    if generic == "toxicity":
        return QCoreApplication.translate("HistoryRows", "Toxicity assessment {n}").format(n=number)
    name = FIELDS.get(generic)
    if generic.startswith("blinatumomab.") and name:
        return QCoreApplication.translate("HistoryRows", "Blinatumomab entry {n}: {name}").format(
            n=number, name=_t(name))
    if name:
        return _t(name)
    return generic.replace("_", " ").replace(".", ": ")


def _value(path: str, value: Any) -> str:
    """A value in clinical words with its unit; never raw JSON."""
    generic = _INDEX.sub("", path)
    if value is None:  # (an allergy status never set is "not recorded", which matters)
        return QCoreApplication.translate("HistoryRows", "not recorded") if generic == "allergies" else "—"
    value = fact_value(generic, value)
    if isinstance(value, MrdValue):
        where = timepoint_label(str(value.timepoint)) if value.timepoint else ""
        result = (mrd_text(value.result) if value.result is not None else "—") \
            if value.result_recorded else ""
        return ", ".join(p for p in (where, str(value.date or ""), result) if p)
    if isinstance(value, WbcValue):
        unit = wbc_unit_text(str(value.unit or ""))  # the engine's words for it
        number = "—" if value.value is None else value.value
        return f"{number:g} {unit}".strip() if isinstance(number, float) else f"{number} {unit}".strip()
    if isinstance(value, OrderStatusValue):  # an order's state change
        cycle = (QCoreApplication.translate("HistoryRows", ", cycle {n}").format(n=value.cycle)
                 if value.cycle else "")
        return f"{value.status or '—'}{cycle}"
    if isinstance(value, AllergyStatus):
        if value.no_known_allergies:
            return QCoreApplication.translate("HistoryRows", "no known allergies")
        return str(value.allergies or QCoreApplication.translate("HistoryRows", "not recorded"))
    if isinstance(value, bool):
        return (QCoreApplication.translate("HistoryRows", "yes") if value
                else QCoreApplication.translate("HistoryRows", "no"))
    if isinstance(value, float):
        value = f"{value:g}"  # 120.0 -> 120
    if isinstance(value, dict):
        return "; ".join(f"{k.replace('_', ' ')} {_value(f'{path}.{k}', v)}" for k, v in value.items())
    if isinstance(value, list):
        return "; ".join(_value(path, v) for v in value) or QCoreApplication.translate("HistoryRows", "none")
    unit = FIELD_UNITS.get(generic, "")
    return f"{value} {unit}".strip() if unit else str(value)


def _imported(case: Any) -> str:
    """An import in words: which sections the case file held (never the file itself)."""
    held = imported_case(case)
    if held is None:
        return QCoreApplication.translate("HistoryRows", "case file imported")
    names = {"diagnosis": QT_TRANSLATE_NOOP("HistoryRows", "diagnosis"),
             "prednisone_response": QT_TRANSLATE_NOOP("HistoryRows", "prednisone response"),
             "end_of_induction": QT_TRANSLATE_NOOP("HistoryRows", "end of induction"),
             "blinatumomab_checklist": QT_TRANSLATE_NOOP("HistoryRows", "checklist B1–B4")}
    parts = [_t(names[key]) for key in held.sections]
    if held.mrd_results:
        n = held.mrd_results
        parts.append(QCoreApplication.translate("HistoryRows", "1 MRD result") if n == 1 else
                     QCoreApplication.translate("HistoryRows", "{n} MRD results").format(n=n))
    if held.blinatumomab_cycles:
        n = held.blinatumomab_cycles
        parts.append(QCoreApplication.translate("HistoryRows", "1 blinatumomab cycle") if n == 1 else
                     QCoreApplication.translate("HistoryRows", "{n} blinatumomab cycles").format(n=n))
    return QCoreApplication.translate("HistoryRows", "case file with: {parts}").format(
        parts=", ".join(parts) or QCoreApplication.translate("HistoryRows", "identity only"))
