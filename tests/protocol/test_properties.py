"""Property-based tests (hypothesis) from issue 2:

- raising the WBC or the day-8 blast count never moves a patient from HR to MR;
- the blinatumomab dose scales linearly with BSA below the caps and never exceeds them;
- any JSON that is not a valid case gives exit 2 with one stderr line, never a traceback.
"""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
import io
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from interfant_desktop.protocol import CaseError, evaluate, load_protocol, parse_case
from interfant_desktop.protocol.case import case_schema
from interfant_desktop.protocol.protocol_file import parse_protocol
from tests.conftest import REPO, shared_case_files
from tests.protocol.builders import (
    CHECKLIST_OK,
    TODAY,
    base_case,
    hr_at_diagnosis,
    mr_after_induction,
    mrd,
    pnq,
    with_mrd,
)

PROTOCOL = load_protocol()
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def evaluate_json(data: dict[str, Any], protocol: Any = PROTOCOL) -> dict[str, Any]:
    return evaluate(parse_case(data, protocol, TODAY), protocol, TODAY).to_json()


# --- monotonicity: more disease never lowers the risk group ----------------------------

mrd_results = st.one_of(
    st.just("undetectable"),
    st.sampled_from([0, 0.001, 0.01, 0.02, 0.05, 0.3, 1, 2.5]).map(lambda p: {"percent": p}),
    st.sampled_from([0.005, 0.01, 0.05, 1, 3]).map(pnq),
)


@st.composite
def patients(draw: Any) -> dict[str, Any]:
    """Eligible-looking infants with any age band, WBC, response and response data."""
    dob = dt.date(2024, 6, 1) + dt.timedelta(days=draw(st.integers(0, 300)))
    dx = dob + dt.timedelta(days=draw(st.integers(0, 365)))
    data = base_case()
    data["patient"]["date_of_birth"] = dob.isoformat()
    data["diagnosis"]["date"] = dx.isoformat()
    data["diagnosis"]["wbc"] = {"value": draw(st.sampled_from([0, 50, 299.999, 300, 300.001, 800])),
                                "unit": "10^9/L"}
    data["prednisone_response"] = draw(st.sampled_from([
        None, {"blasts_per_uL": 0}, {"blasts_per_uL": 999}, {"blasts_per_uL": 1000},
        {"blasts_per_uL": 20000}, {"not_evaluable": True}]))
    day = dx + dt.timedelta(days=33)
    if draw(st.booleans()):
        marrow = draw(st.sampled_from(["M1", "M2", "M3"]))
        data["end_of_induction"] = {"date": day.isoformat(), "marrow": marrow, "cns": "CNS1"}
        data["mrd"] = [mrd("end_of_induction", day.isoformat(), draw(mrd_results))]
        data["blinatumomab_checklist"] = draw(st.sampled_from([
            dict(CHECKLIST_OK), {"cd19_positive": False}, None]))
        if draw(st.booleans()):
            later = day + dt.timedelta(days=30)
            data["mrd"].append(mrd("after_blinatumomab_1", later.isoformat(), draw(mrd_results)))
    return data


def raised(value: float, factor: float, extra: float) -> float:
    return value * factor + extra


@SETTINGS
@given(patients(), st.sampled_from(["10^9/L", "/uL"]), st.floats(1, 10), st.floats(0, 500))
def test_raising_wbc_never_moves_hr_to_mr(data: dict[str, Any], unit: str, factor: float,
                                          extra: float) -> None:
    wbc = data["diagnosis"]["wbc"]
    if unit == "/uL":
        wbc["value"], wbc["unit"] = wbc["value"] * 1000, "/uL"
        extra *= 1000
    before = evaluate_json(data)
    higher = copy.deepcopy(data)
    higher["diagnosis"]["wbc"]["value"] = raised(wbc["value"], factor, extra)
    after = evaluate_json(higher)
    if before["risk"]["at_diagnosis"] == "HR":
        assert after["risk"]["at_diagnosis"] == "HR"
    if before["risk"]["current"] == "HR":
        assert after["risk"]["current"] != "MR"


@SETTINGS
@given(patients(), st.floats(1, 10), st.floats(0, 5000))
def test_raising_day8_blasts_never_moves_hr_to_mr(data: dict[str, Any], factor: float, extra: float) -> None:
    pr = data.get("prednisone_response") or {}
    assume("blasts_per_uL" in pr)
    before = evaluate_json(data)
    higher = copy.deepcopy(data)
    higher["prednisone_response"]["blasts_per_uL"] = raised(pr["blasts_per_uL"], factor, extra)
    after = evaluate_json(higher)
    if before["risk"]["at_diagnosis"] == "HR":
        assert after["risk"]["at_diagnosis"] == "HR"
    if before["risk"]["current"] == "HR":
        assert after["risk"]["current"] != "MR"
    assert not (before["prednisone_response"] == "poor" and after["prednisone_response"] == "good")


@SETTINGS
@given(patients(), st.sampled_from(["wbc", "blasts"]))
def test_adding_a_missing_hr_finding_never_gives_mr(data: dict[str, Any], which: str) -> None:
    # a young infant pending or MR: a WBC > 300 or a poor response found later gives HR or review
    hr_data = copy.deepcopy(data)
    if which == "wbc":
        hr_data["diagnosis"]["wbc"] = {"value": 300001, "unit": "/uL"}
    else:
        hr_data["prednisone_response"] = {"blasts_per_uL": 1000}
    result = evaluate_json(hr_data)
    dob = dt.date.fromisoformat(data["patient"]["date_of_birth"])
    dx = dt.date.fromisoformat(data["diagnosis"]["date"])
    if dx < dt.date.fromisoformat(result["six_month_birthday"]):
        assert result["risk"]["at_diagnosis"] == "HR"
    assert dob <= dx


# --- dosing -------------------------------------------------------------------------------

weights = st.floats(1, 20, allow_nan=False)
heights = st.floats(35, 100, allow_nan=False)


def order_for(weight: float, height: float, marrow: str, protocol: Any = PROTOCOL) -> dict[str, Any]:
    data = mr_after_induction(0.01, marrow=marrow)
    data["blinatumomab"] = [
        {"cycle": 1, "start_date": "2026-04-04", "weight_kg": weight, "height_cm": height},
        {"cycle": 2, "start_date": "2026-07-04", "weight_kg": weight, "height_cm": height}]
    return evaluate_json(data, protocol)["blinatumomab_orders"]


@SETTINGS
@given(weights, heights, st.sampled_from(["M1", "M2", "M3"]))
def test_dose_is_linear_in_bsa_below_the_caps(weight: float, height: float, marrow: str) -> None:
    decimals = PROTOCOL.dosing["dose_decimals"]
    for o in order_for(weight, height, marrow):
        assert o["bsa_m2"] == pytest.approx((height * weight / 3600) ** 0.5, abs=0.0005)
        assert o["steps"]
        for step in o["steps"]:
            assert step["capped"] is False
            assert step["dose_mcg_per_day"] == pytest.approx(step["dose_mcg_per_m2_day"] * o["bsa_m2"],
                                                             abs=0.5 * 10 ** -decimals + 1e-9)
            assert step["dose_mcg_per_day"] <= step["cap_mcg_per_day"]


@SETTINGS
@given(weights, heights, st.floats(1.1, 3))
def test_dose_scales_with_bsa(weight: float, height: float, scale: float) -> None:
    assume(weight * scale <= 20)
    small = order_for(weight, height, "M2")[0]
    large = order_for(weight * scale, height, "M2")[0]
    assert large["bsa_m2"] >= small["bsa_m2"]
    for s, big in zip(small["steps"], large["steps"], strict=True):
        assert big["dose_mcg_per_day"] >= s["dose_mcg_per_day"]
        ratio_small = s["dose_mcg_per_day"] / small["bsa_m2"]
        ratio_large = big["dose_mcg_per_day"] / large["bsa_m2"]
        assert ratio_small == pytest.approx(ratio_large, rel=0.06)
        assert ratio_small == pytest.approx(s["dose_mcg_per_m2_day"], rel=0.06)


def low_cap_protocol(cap5: float, cap15: float) -> Any:
    from interfant_desktop.paths import resource

    data = json.loads(resource("protocol", "interfant-21.protocol.json").read_text(encoding="utf-8"))
    data["dosing"]["caps_mcg_per_day"] = [{"mcg_per_m2_day": 5, "max_mcg_per_day": cap5},
                                          {"mcg_per_m2_day": 15, "max_mcg_per_day": cap15}]
    return parse_protocol(data)


CAPPED = low_cap_protocol(1.5, 5)


@SETTINGS
@given(weights, heights, st.sampled_from(["M1", "M2", "M3"]))
def test_dose_never_exceeds_the_caps(weight: float, height: float, marrow: str) -> None:
    caps = {5: 1.5, 15: 5}
    for o in order_for(weight, height, marrow, CAPPED):
        for step in o["steps"]:
            cap = caps[step["dose_mcg_per_m2_day"]]
            linear = step["dose_mcg_per_m2_day"] * o["bsa_m2"]
            assert step["dose_mcg_per_day"] <= cap
            assert step["dose_mcg_per_day"] == pytest.approx(min(cap, linear), abs=0.006)
            assert step["capped"] is (linear > cap)


# --- invalid input never crashes ------------------------------------------------------------

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=8,
)


def seed_cases() -> list[dict[str, Any]]:
    seeds = [json.loads(p.read_text(encoding="utf-8")) for p in shared_case_files()]
    seeds += [base_case(), mr_after_induction(pnq(0.5), marrow="M2"),
              with_mrd(hr_at_diagnosis(), mrd("after_blinatumomab_1", "2026-05-02", "undetectable"))]
    return seeds


SEEDS = seed_cases()


def paths(node: Any, prefix: tuple = ()) -> list[tuple]:
    out = [prefix]
    if isinstance(node, dict):
        for k, v in node.items():
            out += paths(v, (*prefix, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out += paths(v, (*prefix, i))
    return out


@st.composite
def mutated_documents(draw: Any) -> bytes:
    """A valid case with one or more mutations, or bytes that are not JSON at all."""
    if draw(st.integers(0, 9)) == 0:
        return draw(st.one_of(
            st.binary(max_size=40),
            st.sampled_from([b"", b"{", b"NaN", b'{"format": Infinity}', b"\xff\xfe{}", b"[1,]",
                             b'{"format": "interfant-case/1", "patient": {', b"\xef\xbb\xbf{}",
                             b"[" * 100000, b'{"format": NaN}', b"null", b"1" * 5000]),
        ))
    doc = copy.deepcopy(draw(st.sampled_from(SEEDS)))
    for _ in range(draw(st.integers(1, 3))):
        targets = paths(doc)
        path = draw(st.sampled_from(targets))
        op = draw(st.sampled_from(["delete", "rename", "swap", "random", "bignum"]))
        if not path:
            doc = draw(json_values)
            continue
        parent = doc
        for part in path[:-1]:
            parent = parent[part]
        key = path[-1]
        if op == "delete":
            del parent[key]
        elif op == "rename" and isinstance(parent, dict):
            parent[draw(st.text(min_size=1, max_size=10))] = parent.pop(key)
        elif op == "swap":
            value = parent[key]
            parent[key] = draw(st.sampled_from([str(value), [value], {"value": value}, None, True, 0, -1.5]))
        elif op == "bignum":
            parent[key] = draw(st.sampled_from([10**400, -(10**400), 1e308, -0.0, 2**63]))
        else:
            parent[key] = draw(json_values)
    return json.dumps(doc, ensure_ascii=draw(st.booleans())).encode("utf-8")


def is_valid_shape(raw: bytes) -> bool:
    """Whether the shared schema accepts the document (the contract's own oracle)."""
    try:
        data = json.loads(raw.decode("utf-8"))
    except (ValueError, UnicodeDecodeError, RecursionError):
        return False
    return jsonschema.Draft7Validator(case_schema()).is_valid(data)


def run_in_process(raw: bytes) -> tuple[int, str, str]:
    from interfant_desktop.cli import main

    with tempfile.NamedTemporaryFile(suffix=".case.json", delete=False) as fh:
        fh.write(raw)
    out, err = io.StringIO(), io.StringIO()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            status = main(["evaluate", fh.name])
    finally:
        os.unlink(fh.name)
    return status, out.getvalue(), err.getvalue()


def check_outcome(raw: bytes, status: int, stdout: str, stderr: str) -> None:
    assert "Traceback" not in stderr
    if status == 0:
        assert stderr == ""
        assert json.loads(stdout)["format"] == "interfant-evaluation/1"
        assert is_valid_shape(raw), "a document the schema rejects was evaluated"
    else:
        assert status == 2, (status, stderr)
        assert stdout == ""
        assert stderr.endswith("\n") and stderr.count("\n") == 1, stderr
        assert stderr.startswith("interfant-desktop: ")


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.data_too_large])
@given(mutated_documents())
def test_invalid_documents_in_process_exit_2_with_one_line(raw: bytes) -> None:
    try:
        status, stdout, stderr = run_in_process(raw)
    except Exception as exc:  # pragma: no cover - the failure is the point
        pytest.fail(f"evaluate raised {type(exc).__name__}: {exc}")
    check_outcome(raw, status, stdout, stderr)


@given(mutated_documents())
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.data_too_large])
def test_parse_case_raises_only_case_error(raw: bytes) -> None:
    try:
        data = json.loads(raw.decode("utf-8"))
    except (ValueError, UnicodeDecodeError, RecursionError):
        return
    try:
        case = parse_case(data, PROTOCOL, TODAY)
    except CaseError as error:
        assert error.field and "\n" not in str(error)
        return
    evaluate(case, PROTOCOL, TODAY).to_json()


def cli() -> list[str]:
    exe = REPO / ".venv" / "bin" / "interfant-desktop"
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "interfant_desktop"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.data_too_large])
@given(mutated_documents(), st.booleans())
def test_invalid_documents_through_the_command_exit_2_never_a_traceback(raw: bytes, stdin: bool) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "case.json"
        path.write_bytes(raw)
        proc = subprocess.run([*cli(), "evaluate", "-" if stdin else str(path)],
                              input=raw if stdin else None, capture_output=True, timeout=60,
                              env={**os.environ, "PYTHONWARNINGS": "ignore"})
    check_outcome(raw, proc.returncode, proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8"))


# --- round 2 (issue 9): any JSON text, re-allocation points, decisions wait ----------------

SEED_TEXTS = [json.dumps(doc) for doc in SEEDS]


@st.composite
def hostile_texts(draw: Any) -> tuple[bytes, bool]:
    """A case text with a text-level attack (a key given twice, a lone surrogate escape,
    deep nesting), or none; and whether an attack that must be refused is in it."""
    text = draw(st.sampled_from(SEED_TEXTS))
    attack = draw(st.sampled_from(["duplicate", "surrogate", "deep", "shallow", "pair", "none"]))
    keys = [k for k in ('"consent": ', '"study_id": ', '"date_of_birth": ', '"timepoint": ', '"marrow": ')
            if k in text]
    key = draw(st.sampled_from(keys))
    at = text.index(key)
    refused = True
    if attack == "duplicate":
        value = draw(st.sampled_from(["null", "true", "false", '"x"', "1"]))
        text = text[:at] + key + value + ", " + text[at:]
    elif attack == "surrogate":
        half = draw(st.sampled_from(["\\ud800", "\\udbff", "\\udc00", "\\uDFFF", "\\ud83d"]))
        at = text.index('"study_id": "') + len('"study_id": "')
        text = text[:at] + half + text[at:]
    elif attack in ("deep", "shallow"):
        # the key's value becomes a nested list; its old value moves to an unknown key
        depth = draw(st.integers(31, 1500)) if attack == "deep" else draw(st.integers(1, 20))
        text = text[:at] + key + "[" * depth + "1" + "]" * depth + ', "zz": ' + text[at + len(key):]
    elif attack == "pair":
        at = text.index('"study_id": "') + len('"study_id": "')
        text = text[:at] + "A\\ud83d\\ude00" + text[at:]
        refused = False
    else:
        refused = False
    return text.encode("utf-8"), refused


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.data_too_large])
@given(hostile_texts())
def test_any_json_text_gives_exit_2_with_one_line_or_a_valid_evaluation(attempt: tuple[bytes, bool]) -> None:
    """Deep nesting, duplicate keys and lone surrogates: exit 2 with one line naming the
    field, or (a valid case) a valid evaluation; never a traceback."""
    raw, must_refuse = attempt
    status, stdout, stderr = run_in_process(raw)
    check_outcome(raw, status, stdout, stderr)
    if must_refuse:
        assert status == 2, (raw[:200], stdout[:200])


POINTS = {"end_of_induction": ("R-EOI-MRD", "R-EOI-SPLIT"), "after_blinatumomab_1": ("R-B1-MRD",),
          "end_of_consolidation": ("R-MRD-LATE",)}


@st.composite
def mr_with_results(draw: Any) -> tuple[dict[str, Any], str]:
    """An MR patient through cycle 1 with one or more results at each re-allocation point,
    and the point a new result will be added at."""
    data = mr_after_induction(draw(mrd_results))
    for _ in range(draw(st.integers(0, 2))):
        data["mrd"].append(mrd("end_of_induction", f"2026-04-0{draw(st.integers(2, 9))}", draw(mrd_results)))
    for _ in range(draw(st.integers(0, 2))):
        data["mrd"].append(mrd("after_blinatumomab_1", f"2026-05-0{draw(st.integers(2, 9))}",
                               draw(mrd_results)))
    for _ in range(draw(st.integers(0, 2))):
        data["mrd"].append(mrd("end_of_consolidation", f"2026-06-1{draw(st.integers(0, 9))}",
                               draw(mrd_results)))
    return data, draw(st.sampled_from(sorted(POINTS)))


@SETTINGS
@given(mr_with_results(), mrd_results, st.integers(0, 9))
def test_adding_a_result_at_a_point_never_removes_its_review_item(
        start: tuple[dict[str, Any], str], result: Any, day: int) -> None:
    """D2: a result at a re-allocation point can add a review of that point, never take
    one away (a result that agrees with the others changes nothing)."""
    data, point = start
    before = evaluate_json(data)
    month = {"end_of_induction": "04", "after_blinatumomab_1": "05", "end_of_consolidation": "06"}[point]
    added = with_mrd(data, mrd(point, f"2026-{month}-1{day}", result))
    after = evaluate_json(added)

    def items(answer: dict[str, Any]) -> set[str]:
        return {q["id"] for q in answer["review"] if q["rule"] in POINTS[point]}

    assert items(before) <= items(after), (before["review"], after["review"])
    if before["risk"]["status"] == "review" and items(before):
        assert after["risk"]["status"] == "review"


@st.composite
def any_stage(draw: Any) -> dict[str, Any]:
    """Patients at any stage, with any of the data of each point left out."""
    data = draw(patients())
    if data.get("end_of_induction") and draw(st.booleans()):
        data["end_of_induction"]["marrow"] = None
    if data.get("mrd") and draw(st.booleans()):
        data["mrd"] = [m for m in data["mrd"] if m["timepoint"] != "end_of_induction"]
    if draw(st.booleans()) and data.get("end_of_induction"):
        later = dt.date.fromisoformat(data["end_of_induction"]["date"]) + dt.timedelta(days=90)
        data.setdefault("mrd", []).append(mrd(draw(st.sampled_from(["pre_hsct", "other",
                                                                    "end_of_consolidation"])),
                                              later.isoformat(), draw(mrd_results)))
    return data


@SETTINGS
@given(any_stage())
def test_no_decision_is_true_while_a_point_it_depends_on_is_pending(data: dict[str, Any]) -> None:
    result = evaluate_json(data)
    b1, b2, hsct = (result["decisions"][k] for k in ("blinatumomab_1", "blinatumomab_2", "hsct_eligible"))
    risk = result["risk"]
    timepoints = {m["timepoint"] for m in data.get("mrd") or []}
    eoi = data.get("end_of_induction") or {}
    eoi_assessed = eoi.get("marrow") is not None and "end_of_induction" in timepoints
    if b1 is True:
        assert all(i["status"] == "passed" for i in result["blinatumomab_checklist"])
    if b2 is True:
        assert b1 is True and risk["status"] == "final" and risk["current"] == "MR"
        assert eoi_assessed and "after_blinatumomab_1" in timepoints
    if hsct is True:
        assert risk["status"] == "final" and risk["current"] == "HR"
        if risk["at_diagnosis"] == "MR":
            assert eoi_assessed or any(r["when"] == "end_of_induction" for r in risk["reallocations"])
        assert timepoints - {"end_of_induction"}
    for key, value in result["decisions"].items():
        if value is None:
            assert result["decision_reasons"].get(key), key
