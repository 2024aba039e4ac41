"""Fictitious case documents for the engine tests, built from RULES.md facts.

``base_case()`` is a complete, eligible young infant (diagnosed before the 6-month
birthday, WBC 100 × 10^9/L, day-8 blasts 200/µL): MR at diagnosis. Tests change one
fact at a time with :func:`edit` and compare the evaluation with what RULES.md says.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Mapping
from typing import Any

import pytest

from interfant_desktop.protocol import CaseError, evaluate, load_protocol, parse_case
from interfant_desktop.protocol.evaluation import Evaluation
from interfant_desktop.protocol.protocol_file import Protocol

#: The engine's clock in these tests (fixed so that "in the future" is reproducible).
TODAY = dt.date(2026, 11, 27)
DELETE = object()


def base_case() -> dict[str, Any]:
    return {
        "format": "interfant-case/1",
        "patient": {"study_id": "T-0001", "name": "Test Infant", "hospital_number": "MRN 1",
                    "date_of_birth": "2026-01-10", "sex": "female", "down_syndrome": False},
        "diagnosis": {"date": "2026-03-01", "lineage": "B-ALL", "kmt2a": "rearranged",
                      "kmt2a_partner": "AFF1", "relapsed": False,
                      "wbc": {"value": 100, "unit": "10^9/L"},
                      "prior_steroids": False, "prior_chemotherapy": False, "consent": True},
        "prednisone_response": {"date": "2026-03-08", "blasts_per_uL": 200},
    }


def edit(data: dict[str, Any], changes: Mapping[str, Any]) -> dict[str, Any]:
    """A deep copy of ``data`` with dotted paths set (``DELETE`` removes the key).
    Path parts that are digits index lists: ``mrd.0.result``."""
    out = copy.deepcopy(data)
    for path, value in changes.items():
        parts = path.split(".")
        node: Any = out
        for part in parts[:-1]:
            key: Any = int(part) if part.isdigit() else part
            if isinstance(node, dict) and key not in node:
                node[key] = {}
            node = node[key]
        last: Any = int(parts[-1]) if parts[-1].isdigit() else parts[-1]
        if value is DELETE:
            del node[last]
        else:
            node[last] = copy.deepcopy(value)
    return out


def case(**changes: Any) -> dict[str, Any]:
    """``base_case()`` with changes given as keyword arguments, ``__`` for dots:
    ``case(diagnosis__wbc__value=300)``."""
    return edit(base_case(), {k.replace("__", "."): v for k, v in changes.items()})


def mrd(timepoint: str, date: str, result: Any) -> dict[str, Any]:
    if isinstance(result, (int, float)):
        result = {"percent": result}
    return {"timepoint": timepoint, "date": date, "result": result}


def pnq(qr_percent: float) -> dict[str, Any]:
    return {"positive_not_quantifiable": True, "quantitative_range_percent": qr_percent}


CHECKLIST_OK = {"cd19_positive": True, "cns1_at_eoi": True, "hypersensitivity": False,
                "live_vaccine_28d": False}


def mr_after_induction(eoi_mrd: Any = 0.01, marrow: str = "M1", **changes: Any) -> dict[str, Any]:
    """An MR patient (young, WBC 100, good response) at the end of induction, checklist
    passed and blinatumomab cycle 1 started; ``eoi_mrd`` is a percent or a result."""
    data = base_case()
    data["end_of_induction"] = {"date": "2026-04-02", "marrow": marrow, "cns": "CNS1"}
    data["mrd"] = [mrd("end_of_induction", "2026-04-02", eoi_mrd)]
    data["blinatumomab_checklist"] = dict(CHECKLIST_OK)
    data["blinatumomab"] = [{"cycle": 1, "start_date": "2026-04-04", "weight_kg": 6.4, "height_cm": 64.0}]
    return edit(data, {k.replace("__", "."): v for k, v in changes.items()})


def with_mrd(data: dict[str, Any], *samples: dict[str, Any]) -> dict[str, Any]:
    out = copy.deepcopy(data)
    out.setdefault("mrd", [])
    out["mrd"].extend(copy.deepcopy(list(samples)))
    return out


def hr_at_diagnosis(**changes: Any) -> dict[str, Any]:
    """A young infant with a poor prednisone response (HR), through induction and cycle 1."""
    data = mr_after_induction(0.5)
    data["prednisone_response"]["blasts_per_uL"] = 5000
    return edit(data, {k.replace("__", "."): v for k, v in changes.items()})


def evaluation(data: Any, *, today: dt.date = TODAY, resolutions: Mapping[str, str] | None = None,
               protocol: Protocol | None = None) -> Evaluation:
    protocol = protocol or load_protocol()
    return evaluate(parse_case(data, protocol, today), protocol, today, resolutions)


def run(data: Any, **kwargs: Any) -> dict[str, Any]:
    """The ``interfant-evaluation/1`` document for a case."""
    return evaluation(data, **kwargs).to_json()


def case_error(data: Any, *, today: dt.date = TODAY) -> CaseError:
    """The CaseError that parse_case raises for ``data`` (fails the test if none)."""
    with pytest.raises(CaseError) as info:
        parse_case(data, load_protocol(), today)
    return info.value


def review_rules(result: Mapping[str, Any]) -> list[str]:
    return [item["rule"] for item in result["review"]]


def phases(result: Mapping[str, Any]) -> dict[str, str]:
    return {p["phase"]: p["status"] for p in result["roadmap"]}
