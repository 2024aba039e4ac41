"""Every answer of the engine is byte for byte the recorded one (``golden_answers.json``):
the shared cases and 2,000 of the benchmark's generated cases, each as it is and with its
open questions resolved both ways. A faster engine must not change a single answer; a
deliberate clinical change records the answers again (``python -m
tests.protocol.golden_answers --write``) and says why in its commit."""

from __future__ import annotations

import json

from tests.protocol.golden_answers import GOLDEN_FILE, answers, differences, record


def test_every_answer_is_the_recorded_one() -> None:
    expected = json.loads(GOLDEN_FILE.read_text(encoding="utf-8"))["answers"]
    assert differences(expected, record()) == []


def test_the_record_notices_a_changed_answer() -> None:
    expected = json.loads(GOLDEN_FILE.read_text(encoding="utf-8"))["answers"]
    got = dict(expected)
    name = next(iter(got))
    got[name] = [got[name][0], "0" * 20, *got[name][2:]]
    assert differences(expected, got) == [f"{name}: THE ANSWER CHANGED"]


def test_resolved_questions_are_part_of_the_record() -> None:
    expected = json.loads(GOLDEN_FILE.read_text(encoding="utf-8"))["answers"]
    with_questions = [v for v in expected.values() if len(v) == 4]
    assert len(with_questions) > 100
    assert len(expected) == 2_000 + len([k for k in expected if not k.startswith("generated[")])


def test_a_refusal_is_recorded_as_its_message() -> None:
    assert answers('{"format": "interfant-case/1"}') == ["refused: patient: is required"]
    assert answers('{"format": "interfant-case/1", "format": "x"}') == [
        "refused: format: key given twice in one object"]
