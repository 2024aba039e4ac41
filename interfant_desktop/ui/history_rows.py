"""The patient's history as a clinician reads it: one row per audited action.

The audit trail stores one event per changed field (``diagnosis.wbc.value``,
``diagnosis.wbc.unit``, ``mrd[2].result.percent``…) and the consequences of a change
(an open order marked stale) as events of their own. Here the events of one action
(same person, same reason, written together) become one row, each changed fact is
written in clinical words with its unit ("WBC at diagnosis: — → 120 ×10⁹/L"), and no
raw JSON or internal name reaches the screen. Pure functions, no widgets.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication

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


def _t(text: str) -> str:
    return QCoreApplication.translate("HistoryRows", text)


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
    "import": "Patient imported", "create": "Recorded", "change": "Data recorded",
    "confirm": "Eligibility confirmed by hand", "decide_review": "Review decision",
    "decide": "Decision recorded", "correct": "Correction", "entered_in_error": "Entered in error",
    "request_correction": "Correction requested", "confirm_correction": "Correction confirmed",
    "withdraw_correction": "Correction withdrawn", "mark_stale": "Order marked stale",
    "sign": "Order signed (prescribed)", "verify": "Order verified (pharmacist)",
    "verify_failed": "Verification mismatch", "print": "Order printed", "cancel": "Order cancelled",
    "save_file": "Order saved as a file copy", "record": "Recorded", "restart": "Infusion restarted",
    "export": "Exported",
}

#: Case-file paths (list indexes removed) -> the name a clinician knows, and the unit.
FIELDS: dict[str, tuple[str, str]] = {
    "patient.name": ("Name", ""), "patient.hospital_number": ("Hospital number", ""),
    "patient.date_of_birth": ("Date of birth", ""), "patient.sex": ("Sex", ""),
    "patient.down_syndrome": ("Down syndrome", ""), "patient.allergies": ("Allergies", ""),
    "allergies": ("Allergy status", ""),
    "diagnosis.date": ("Date of diagnosis", ""), "diagnosis.lineage": ("Lineage", ""),
    "diagnosis.kmt2a": ("KMT2A", ""), "diagnosis.kmt2a_partner": ("KMT2A partner gene", ""),
    "diagnosis.relapsed": ("Relapsed ALL", ""), "diagnosis.wbc": ("WBC at diagnosis", ""),
    "diagnosis.prior_steroids": ("Systemic steroids before diagnosis", ""),
    "diagnosis.prior_chemotherapy": ("Chemotherapy before diagnosis", ""),
    "diagnosis.consent": ("Informed consent", ""),
    "prednisone_response.date": ("Prednisone response: date", ""),
    "prednisone_response.blasts_per_uL": ("Blasts in blood on day 8", "/µL"),
    "prednisone_response.not_evaluable": ("Prednisone response not evaluable", ""),
    "end_of_induction.date": ("End of induction: date", ""),
    "end_of_induction.marrow": ("End of induction: marrow", ""),
    "end_of_induction.cns": ("End of induction: CNS status", ""),
    "blinatumomab_checklist.cd19_positive": ("B1 CD19-positive disease", ""),
    "blinatumomab_checklist.cns1_at_eoi": ("B2 CNS1 at end of induction", ""),
    "blinatumomab_checklist.hypersensitivity": ("B3 hypersensitivity to blinatumomab", ""),
    "blinatumomab_checklist.live_vaccine_28d": ("B4 live vaccine within 28 days", ""),
    "blinatumomab.cycle": ("cycle", ""), "blinatumomab.start_date": ("start date", ""),
    "blinatumomab.start_time": ("start time", ""), "blinatumomab.bag_hours": ("bag length", "h"),
    "blinatumomab.weight_kg": ("weight", "kg"), "blinatumomab.weight_date": ("weight date", ""),
    "blinatumomab.height_cm": ("height", "cm"), "blinatumomab.height_date": ("height date", ""),
    "blinatumomab.bsa_formula": ("BSA formula", ""),
    "status": ("Order status", ""), "stale": ("Stale", ""),
}
#: The units of a WBC as stored -> as written on screen.
WBC_UNITS = {"10^9/L": "×10⁹/L", "/uL": "/µL"}
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
        what = _t("Data changed") if changed else _t("Data recorded")
    if head.entity == "order" and head.entity_key:
        what += f" — order #{head.entity_key}"
    if head.entity == "correction" and head.entity_key:
        what += f" — request #{head.entity_key}"
    if head.entity == "eligibility" and head.entity_key:
        what += f" — {head.entity_key}"
    if head.action == "import":
        state.clear()
        state.update(_leaves(head.new_value))
        changes: tuple[str, ...] = (_t("hidden until verification") if hidden
                                    else _imported(head.new_value),)
    else:
        changes = _changes(main, state)
    changes += tuple(_t("Order #{order} marked stale: {why}").format(
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
            out.append(_t("{label}: hidden until verification").format(label=label))
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
        return _t("MRD result {n}").format(n=number)
    if generic.startswith("blinatumomab.interruptions"):
        return _t("Infusion interruption")
    if generic == "toxicity":
        return _t("Toxicity assessment {n}").format(n=number)
    name, _unit = FIELDS.get(generic, (None, ""))
    if generic.startswith("blinatumomab.") and name:
        return _t("Blinatumomab entry {n}: {name}").format(n=number, name=_t(name))
    if name:
        return _t(name)
    return generic.replace("_", " ").replace(".", ": ")


def _value(path: str, value: Any) -> str:
    """A value in clinical words with its unit; never raw JSON."""
    if value is None:
        return "—"
    generic = _INDEX.sub("", path)
    value = fact_value(generic, value)
    if isinstance(value, MrdValue):
        where = timepoint_label(str(value.timepoint)) if value.timepoint else ""
        result = (mrd_text(value.result) if value.result is not None else "—") \
            if value.result_recorded else ""
        return ", ".join(p for p in (where, str(value.date or ""), result) if p)
    if isinstance(value, WbcValue):
        unit = WBC_UNITS.get(str(value.unit), str(value.unit or ""))
        number = "—" if value.value is None else value.value
        return f"{number:g} {unit}".strip() if isinstance(number, float) else f"{number} {unit}".strip()
    if isinstance(value, OrderStatusValue):  # an order's state change
        cycle = f", cycle {value.cycle}" if value.cycle else ""
        return f"{value.status or '—'}{cycle}"
    if isinstance(value, AllergyStatus):
        if value.no_known_allergies:
            return _t("no known allergies")
        return str(value.allergies or _t("not recorded"))
    if isinstance(value, bool):
        return _t("yes") if value else _t("no")
    if isinstance(value, float):
        value = f"{value:g}"  # 120.0 -> 120
    if isinstance(value, dict):
        return "; ".join(f"{k.replace('_', ' ')} {_value(f'{path}.{k}', v)}" for k, v in value.items())
    if isinstance(value, list):
        return "; ".join(_value(path, v) for v in value) or _t("none")
    unit = FIELDS.get(generic, ("", ""))[1]
    return f"{value} {unit}".strip() if unit else str(value)


def _imported(case: Any) -> str:
    """An import in words: which sections the case file held (never the file itself)."""
    held = imported_case(case)
    if held is None:
        return _t("case file imported")
    names = {"diagnosis": "diagnosis", "prednisone_response": "prednisone response",
             "end_of_induction": "end of induction", "blinatumomab_checklist": "checklist B1–B4"}
    parts = [_t(names[key]) for key in held.sections]
    if held.mrd_results:
        n = held.mrd_results
        parts.append(_t("1 MRD result") if n == 1 else _t("{n} MRD results").format(n=n))
    if held.blinatumomab_cycles:
        n = held.blinatumomab_cycles
        parts.append(_t("1 blinatumomab cycle") if n == 1 else
                     _t("{n} blinatumomab cycles").format(n=n))
    return _t("case file with: {parts}").format(parts=", ".join(parts) or _t("identity only"))
