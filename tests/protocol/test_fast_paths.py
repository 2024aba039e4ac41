"""The fast paths of the pipeline give the answers of the slow ones.

The evaluate command writes its answer with orjson (``answer_text``), the strict reader
decodes plain text with orjson (``_fast_decode``) and the case schema's MRD result forms
are checked outside the compiled validator (``_mrd_result_fits``); each must say exactly
what the json module, the full reader and the JSON schema say, for every input.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from interfant_desktop.protocol import CaseError, evaluate, load_protocol, parse_case
from interfant_desktop.protocol.answer_text import answer_text
from interfant_desktop.protocol.case import _mrd_result_fits, case_schema
from interfant_desktop.protocol.case_json import _strict_decode, decode_case_json
from tests.conftest import SHARED_CASES
from tests.protocol.builders import TODAY, case_error, edit, mr_after_induction, mrd

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
