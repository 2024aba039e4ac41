"""The fast paths of the pipeline give the answers of the slow ones.

The evaluate command writes its answer with orjson (``answer_text``), the strict reader
decodes plain text with orjson (``_fast_decode``) and the case schema's MRD result forms
are checked outside the compiled validator (``_mrd_result_fits``); each must say exactly
what the json module, the full reader and the JSON schema say, for every input.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from interfant_desktop.protocol import CaseError, case_plain, evaluate, load_protocol, parse_case
from interfant_desktop.protocol.answer_text import answer_text
from interfant_desktop.protocol.case import (
    DEFAULT_STUDY_ID_PATTERN,
    _build,
    _check_facts,
    _mrd_result_fits,
    case_schema,
    study_id_fits,
    validate_shape,
)
from interfant_desktop.protocol.case_json import _strict_decode, decode_case_json
from interfant_desktop.protocol.case_plain import is_plain_case
from tests.conftest import SHARED_CASES
from tests.protocol.builders import TODAY, case_error, edit, mr_after_induction, mrd
from tests.protocol.test_properties import paths as all_paths

CASES = sorted(SHARED_CASES.glob("**/*.case.json"))


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.name)
def test_the_answer_text_is_what_the_json_module_writes(path: Path) -> None:
    protocol = load_protocol()
    answer = evaluate(parse_case(decode_case_json(path.read_bytes()), protocol, TODAY),
                      protocol, TODAY).to_json()
    assert answer_text(answer, indent=True) == json.dumps(answer, ensure_ascii=False, indent=2)
    assert answer_text(answer) == json.dumps(answer, ensure_ascii=False, separators=(",", ":"))


def test_non_ascii_text_is_written_as_itself() -> None:
    assert answer_text({"name": "Zoë 🙂", "dose": "5 mcg"}) == '{"name":"Zoë 🙂","dose":"5 mcg"}'


def test_a_lone_surrogate_is_refused() -> None:
    with pytest.raises(ValueError, match="not valid Unicode"):
        answer_text({"name": "\ud800"})


def test_what_orjson_does_not_write_is_written_by_the_json_module() -> None:
    assert json.loads(answer_text({"n": 2**70, "by_cycle": {"1": [1]}})) == {"n": 2**70,
                                                                            "by_cycle": {"1": [1]}}
    assert json.loads(answer_text({1: "a"})) == {"1": "a"}
    with pytest.raises(ValueError):
        answer_text({1: "\udfff"})


_RESOLVED = jsonschema.Draft7Validator(case_schema()["definitions"]["mrd_result"])

_values = st.one_of(st.none(), st.booleans(), st.integers(-5, 200),
                    st.floats(), st.sampled_from(["undetectable", "x", ""]))
_results = st.one_of(
    _values,
    st.dictionaries(st.sampled_from(["percent", "positive_not_quantifiable",
                                     "quantitative_range_percent", "other"]), _values, max_size=3),
)


@settings(max_examples=600, deadline=None)
@given(_results)
@example({"percent": math.nan})
@example({"percent": 100})
@example({"percent": True})
@example({"positive_not_quantifiable": True, "quantitative_range_percent": 0})
@example({"positive_not_quantifiable": 1, "quantitative_range_percent": 1})
@example({"positive_not_quantifiable": True, "quantitative_range_percent": math.nan})
def test_the_mrd_result_check_agrees_with_the_schema(value: Any) -> None:
    assert _mrd_result_fits(value) == _RESOLVED.is_valid(value)


@pytest.mark.parametrize(("result", "problem"), [
    ({"percent": 101}, "must not be above 100"),
    ({"percent": "0.1"}, "must be a number"),
    ({"positive_not_quantifiable": False, "quantitative_range_percent": 0.1}, "must be true"),
    ("positive", "must be \"undetectable\""),
])
def test_a_malformed_mrd_result_is_still_named(result: Any, problem: str) -> None:
    data = edit(mr_after_induction(), {"mrd": [mrd("end_of_induction", "2026-04-02", result)]})
    error = case_error(data)
    assert error.field.startswith("mrd[0].result")
    assert problem in error.problem


_scalars = (st.none() | st.booleans() | st.integers(-(2**70), 2**70) | st.floats()
            | st.text(alphabet="a:\"\\é\ud800 {}[]", max_size=8))
_json = st.recursive(_scalars, lambda inner: st.lists(inner, max_size=3)
                     | st.dictionaries(st.sampled_from(["a", "b", "a:b", ":", ""]), inner, max_size=3),
                     max_leaves=12)


def _outcome(decode: Any, text: str) -> Any:
    try:
        return ("ok", repr(decode(text)))
    except CaseError as exc:
        return ("refused", str(exc))


def _texts(draw: Any) -> str:
    text = json.dumps(draw(_json), ensure_ascii=draw(st.booleans()))
    if draw(st.booleans()):  # a key given twice, an edit in the text, deep nesting
        text = draw(st.sampled_from([
            text.replace('"b"', '"a"'), text.replace("}", ', "a": 1}', 1), text[:-1],
            "[" * 33 + text + "]" * 33, "[" * 31 + text + "]" * 31, text.replace(":", ": 01")]))
    return text


@settings(max_examples=800, deadline=None)
@given(st.composite(_texts)())
def test_the_fast_reader_agrees_with_the_full_reader(text: str) -> None:
    assert _outcome(decode_case_json, text) == _outcome(_strict_decode, text)


# --- the plain-case check (case_plain.is_plain_case) never says more than the schema ----

_SAMPLES = [json.loads(p.read_text(encoding="utf-8")) for p in CASES]


_odd_values = st.one_of(
    st.none(), st.booleans(), st.integers(-3, 3000), st.sampled_from([1.0, 2.0, 24.0, 48.0, 0.0, -0.0,
                                                                       math.nan, math.inf, 1e308]),
    st.floats(), st.text(max_size=3),
    st.sampled_from(["", " ", "\u00a0", "x" * 65, "x" * 201, "2026-01-01\n", "2026-1-01", "٢٠٢٦-01-01",
                     "2026-02-30", "2026-01-01T10:00", "2026-01-01T10:00\n", "25:99", "09:00",
                     "M1", "CNS1", "male", "B-ALL", "undetectable", "end_of_induction", "crs", "none"]),
    st.lists(st.integers(0, 2), max_size=2), st.dictionaries(st.sampled_from(["percent", "x"]),
                                                             st.integers(0, 101), max_size=2),
)


@st.composite
def _edited_samples(draw: Any) -> Any:
    doc = json.loads(json.dumps(draw(st.sampled_from(_SAMPLES))))
    for _ in range(draw(st.integers(1, 3))):
        paths = [p for p in all_paths(doc) if p]
        if not paths:
            break
        *parents, last = draw(st.sampled_from(paths))
        node = doc
        for step in parents:
            node = node[step]
        action = draw(st.sampled_from(["set", "delete", "add"]))
        if action == "delete":
            del node[last]
        elif action == "add" and isinstance(node, dict):
            node[draw(st.sampled_from(["extra", "name", "cycle", "date", "result"]))] = draw(_odd_values)
        else:
            node[last] = draw(_odd_values)
    return doc


def _schema_accepts(data: Any) -> bool:
    try:
        validate_shape(data)
    except CaseError:
        return False
    return True


@settings(max_examples=1500, deadline=None)
@given(_edited_samples())
def test_a_case_called_plain_is_one_the_schema_accepts(data: Any) -> None:
    if is_plain_case(data):
        assert _schema_accepts(data)
        assert jsonschema.Draft7Validator(case_schema()).is_valid(data)
    assert _parse_outcome(parse_case, data) == _parse_outcome(_schema_path, data)


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.name)
def test_the_sample_cases_are_plain(path: Path) -> None:
    assert is_plain_case(json.loads(path.read_text(encoding="utf-8")))


def _objects(node: Any, found: list[dict[str, Any]]) -> list[dict[str, Any]]:
    if isinstance(node, dict):
        if "properties" in node:
            found.append(node)
        for value in node.values():
            _objects(value, found)
    elif isinstance(node, list):
        for value in node:
            _objects(value, found)
    return found


def test_the_plain_check_knows_every_key_choice_and_limit_of_the_schema() -> None:
    schema = case_schema()
    # The MRD result forms are checked by _mrd_result_fits (tested against the schema above).
    result_forms = {frozenset(o["properties"]) for o in _objects(schema["definitions"]["mrd_result"], [])}
    key_sets = {frozenset(o["properties"]) for o in _objects(schema, [])} - result_forms
    known = {v for k, v in vars(case_plain).items() if isinstance(v, frozenset) and k.startswith("_")}
    assert key_sets == known
    text_enums = [n["enum"] for n in _nodes(schema)
                  if all(isinstance(x, str | None) for x in n.get("enum", [1]))]
    choices = {frozenset(x for x in enum if x is not None) for enum in text_enums}
    assert choices == {v for k, v in vars(case_plain).items() if isinstance(v, frozenset) and k[0] != "_"}
    limits = sorted(node["maxLength"] for node in _nodes(schema) if "maxLength" in node)
    assert limits == sorted(case_plain.TEXT_LIMITS.values())
    items = sorted(node["maxItems"] for node in _nodes(schema) if "maxItems" in node)
    assert items == sorted(case_plain.LIST_LIMITS.values())


def _nodes(node: Any) -> list[dict[str, Any]]:
    """Every schema node (each object of the schema, definitions included)."""
    out = []
    if isinstance(node, dict):
        out.append(node)
        for value in node.values():
            out += _nodes(value)
    elif isinstance(node, list):
        for value in node:
            out += _nodes(value)
    return out


_FULL = next(s for s in _SAMPLES if s.get("toxicity") and s.get("mrd"))


@pytest.mark.parametrize(("where", "limit"), [
    (("patient", "study_id"), 64), (("patient", "name"), 200), (("patient", "hospital_number"), 64),
    (("diagnosis", "kmt2a_partner"), 64), (("mrd", 0, "method"), 64), (("mrd", 0, "laboratory"), 200),
])
def test_text_at_the_schema_limit_is_plain_and_one_more_is_not(where: tuple[Any, ...], limit: int) -> None:
    for length, plain in ((limit, True), (limit + 1, False)):
        data = json.loads(json.dumps(_FULL))
        node = data
        for step in where[:-1]:
            node = node[step]
        node[where[-1]] = "x" * length
        assert is_plain_case(data) is plain
        assert _schema_accepts(data) is plain


@pytest.mark.parametrize(("where", "value"), [
    (("blinatumomab", 0, "cycle"), 1.0), (("blinatumomab", 0, "bag_hours"), 24.0),
    (("blinatumomab", 0, "cycle"), True), (("patient", "down_syndrome"), 0),
    (("patient", "date_of_birth"), "2025-06-01\n"), (("diagnosis", "wbc", "value"), math.nan),
    (("diagnosis", "wbc", "value"), -1), (("toxicity", 0, "cycle"), 3),
    (("patient", "study_id"), " "), (("mrd", 0, "result"), {"percent": True}),
])
def test_what_is_not_plain_is_left_to_the_schema(where: tuple[Any, ...], value: Any) -> None:
    data = json.loads(json.dumps(_FULL))
    node = data
    for step in where[:-1]:
        node = node[step]
    node[where[-1]] = value
    assert not is_plain_case(data)
    assert _parse_outcome(parse_case, data) == _parse_outcome(_schema_path, data)


def _schema_path(data: Any, protocol: Any, today: Any) -> Any:
    """parse_case as it was before the plain check: the schema first, always."""
    validate_shape(data)
    case = _build(data)
    _check_facts(case, protocol, today)
    return case


def _parse_outcome(parse: Any, data: Any) -> str:
    try:
        return repr(parse(data, load_protocol(), TODAY))
    except CaseError as exc:
        return f"refused: {exc}"


@settings(max_examples=1500, deadline=None)
@given(st.text(alphabet="aZ0_.:/#- é٣\t", max_size=8))
@example("a-")
@example("-a")
@example("a b")
@example("a  b")
@example("a ")
def test_the_study_id_check_without_spaces_agrees_with_the_default_pattern(study_id: str) -> None:
    full = re.fullmatch(DEFAULT_STUDY_ID_PATTERN, study_id) is not None
    assert study_id_fits(study_id, DEFAULT_STUDY_ID_PATTERN) is full


@settings(max_examples=3000, deadline=None)
@given(st.one_of(st.floats(min_value=0, max_value=1e10, allow_nan=False),
                 st.integers(0, 10**9).map(lambda n: n / 1000),  # typed decimals: 1.005, 0.125
                 st.integers(0, 10**7).map(lambda n: n / 10_000 + 0.00005),  # just off a half
                 st.floats(allow_nan=True, allow_infinity=True)),
       st.integers(0, 9))
@example(1.005, 2)
@example(0.125, 2)
@example(2.675, 2)
@example(-0.0, 2)
@example(5e-324, 0)
@example(99999999.995, 1)
def test_half_up_rounding_takes_the_float_path_only_where_it_gives_the_decimal_answer(
        value: float, decimals: int) -> None:
    from interfant_desktop.protocol.quantities import round_half_up, round_half_up_exactly

    def outcome(rounding: Any) -> tuple[str, str]:
        try:
            return "value", repr(rounding(value, decimals))  # repr: -0.0 and nan as themselves
        except ArithmeticError as exc:
            return "refused", type(exc).__name__

    assert outcome(round_half_up.__wrapped__) == outcome(round_half_up_exactly)


@pytest.mark.parametrize("path", CASES[:6], ids=lambda p: p.name)
def test_the_answer_bytes_are_the_answer_text_in_utf8(path: Path) -> None:
    from interfant_desktop.protocol.answer_text import answer_bytes

    protocol = load_protocol()
    answer = evaluate(parse_case(decode_case_json(path.read_bytes()), protocol, TODAY),
                      protocol, TODAY).to_json()
    for indent in (False, True):
        text = answer_text(answer, indent=indent)
        assert answer_bytes(answer, indent=indent) == text.encode("utf-8")
        assert answer_bytes(answer, indent=indent, newline=True) == (text + "\n").encode("utf-8")


def test_the_answer_bytes_refuse_a_lone_surrogate_and_fall_back_like_the_text() -> None:
    from interfant_desktop.protocol.answer_text import answer_bytes

    with pytest.raises(ValueError, match="not valid Unicode"):
        answer_bytes({"name": "\ud800"})
    with pytest.raises(ValueError):
        answer_bytes({1: "\udfff"}, newline=True)
    assert answer_bytes({"n": 2**70}, newline=True) == b'{"n": 1180591620717411303424}\n'


@settings(max_examples=150, deadline=None)
@given(st.datetimes(min_value=dt.datetime(1990, 1, 1), max_value=dt.datetime(2100, 1, 1)),
       st.sampled_from([24, 48]), st.booleans(),
       st.lists(st.sampled_from([24, 48, 5, 1.5, 23.25, 0.1]), max_size=4))
def test_the_bag_schedule_json_is_each_bag_s_own_json(start: dt.datetime, bag_hours: int, m1: bool,
                                                      replanned: list[int | float]) -> None:
    """bags_to_json writes the end of a whole-day bag from its date alone and shares the hang
    text with the end before it: the same as every bag's own to_json, for any start (seconds
    included) and for bags re-planned from a restart (hours that are not whole days)."""
    from interfant_desktop.protocol.bags import (
        Preparation,
        bag_options,
        bags_to_json,
        schedule,
    )
    from interfant_desktop.protocol.case import BlinatumomabCycle
    from interfant_desktop.protocol.dosing import _steps

    protocol = load_protocol()
    steps, _rules = _steps(BlinatumomabCycle(1, 4.2, 55.0), "M1" if m1 else "M2", 0.26, protocol)
    bags = list(schedule(start, steps, bag_hours, bag_options(4.2, protocol),
                         Preparation.from_protocol(protocol)))
    for hours in replanned:  # a restart's re-planned bags follow on, each hung when the last ends
        last = bags[-1]
        bags.append(last._replace(number=last.number + 1, hang=last.ends, hours=hours))
    assert bags_to_json(bags) == [b.to_json() for b in bags]
    assert [list(e) for e in bags_to_json(bags)] == [list(b.to_json()) for b in bags]
