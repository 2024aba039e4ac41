"""Golden answers: the engine's answer text for the shared cases and for the benchmark's
generated cases, recorded once so that a change meant to be faster (or any refactoring)
cannot change a single byte of a clinical answer unnoticed.

For every case the record holds a digest of the input text and of the answer text (the
evaluate command's two-space indented JSON, or the refusal message), and, when the case
has open review questions, of the answers with every question resolved to its first
option and to its last (the paths a clinician's decision takes).

    python -m tests.protocol.golden_answers --write    # record (after a deliberate change)
    python -m tests.protocol.golden_answers            # compare, print what differs
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import importlib.util
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from interfant_desktop.protocol import CaseError, evaluate, load_protocol, parse_case
from interfant_desktop.protocol.answer_text import answer_text
from interfant_desktop.protocol.case_json import decode_case_json
from tests.conftest import REPO, SHARED_CASES

GOLDEN_FILE = Path(__file__).with_name("golden_answers.json")
#: The engine's clock for the record (the benchmark's, so generated cases are not "future").
TODAY = dt.date(2026, 11, 27)
GENERATED_CASES = 2_000
SEED = 21


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:20]


def answers(raw: str) -> list[str]:
    """The answer texts of one case file: as it is, then (with open questions) with every
    question resolved to its first option and to its last; or the one refusal line."""
    protocol = load_protocol()
    try:
        case = parse_case(decode_case_json(raw.encode("utf-8", "surrogatepass")), protocol, TODAY)
    except CaseError as exc:
        return [f"refused: {exc}"]
    first = evaluate(case, protocol, TODAY)
    texts = [answer_text(first.to_json(), indent=True)]
    if first.review:
        for pick in (0, -1):
            chosen = {q.id: q.options[pick] for q in first.review if q.options}
            texts.append(answer_text(evaluate(case, protocol, TODAY, chosen).to_json(), indent=True))
    return texts


def _bench_module() -> Any:
    spec = importlib.util.spec_from_file_location("bench_engine", REPO / "benchmarks" / "bench_engine.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def inputs(generated: int = GENERATED_CASES) -> Iterator[tuple[str, str]]:
    """(name, case text) of every shared case file and of ``generated`` benchmark cases."""
    for path in sorted(SHARED_CASES.glob("**/*.case.json")):
        yield str(path.relative_to(SHARED_CASES)), path.read_text(encoding="utf-8")
    for index, doc in enumerate(_bench_module().build(generated, SHARED_CASES, SEED)):
        yield f"generated[{index}]", json.dumps(doc, ensure_ascii=False)


def record(generated: int = GENERATED_CASES) -> dict[str, Any]:
    """Name → [input digest, answer digests...] for every input."""
    out: dict[str, Any] = {}
    for name, raw in inputs(generated):
        out[name] = [_digest(raw), *(_digest(t) for t in answers(raw))]
    return out


def differences(expected: dict[str, Any], got: dict[str, Any]) -> list[str]:
    """What differs between two records, one line per case."""
    lines = []
    for name in sorted(set(expected) | set(got)):
        want, have = expected.get(name), got.get(name)
        if want == have:
            continue
        if want is None or have is None:
            lines.append(f"{name}: {'new input' if want is None else 'input gone'}")
        elif want[0] != have[0]:
            lines.append(f"{name}: the input changed (record again if deliberate)")
        else:
            lines.append(f"{name}: THE ANSWER CHANGED")
    return lines


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--write", action="store_true", help="record the answers of today's engine")
    args = ap.parse_args()
    got = record()
    if args.write:
        GOLDEN_FILE.write_text(json.dumps({"today": TODAY.isoformat(), "generated": GENERATED_CASES,
                                           "seed": SEED, "answers": got}, indent=0) + "\n",
                               encoding="utf-8")
        print(f"recorded {len(got)} cases in {GOLDEN_FILE}")
        return 0
    expected = json.loads(GOLDEN_FILE.read_text(encoding="utf-8"))["answers"]
    lines = differences(expected, got)
    print("\n".join(lines) or f"all {len(got)} cases give the recorded answers")
    return 1 if lines else 0


if __name__ == "__main__":
    sys.exit(main())
