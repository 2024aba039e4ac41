"""The patients the benchmarks, the screenshot tools and their shared test fixtures make
hold the hospital number alone ("0990042"), as the app stores a number typed alone: every
screen and sheet puts "MRN" before it, so a fixture that stored "MRN 0099001" or
"MRN-LC-0042" showed "MRN MRN …" in what they measure and picture. (The engine's golden
inputs under tests/protocol and the stored orders keep theirs: they test that case.)"""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

from interfant_desktop.orders.hospital_number import number_alone
from tests.conftest import REPO

#: the code that makes those patients
FIXTURE_CODE = [*sorted((REPO / "benchmarks").glob("*.py")), *sorted((REPO / "tools").glob("*.py")),
                REPO / "tests" / "lifecycle_helpers.py", REPO / "tests" / "store" / "fixtures.py",
                REPO / "tests" / "orders" / "cases.py", REPO / "tests" / "orders" / "sheets.py"]
#: "MRN" as a number's first letters: a typed label ("MRN 1", "MRN:1") or a scheme ("MRN-LC-1")
LABELLED = re.compile(r"^\s*MRN(\s|:|-|$)", re.IGNORECASE)


def labelled_literals(path: Path, root: Path = REPO) -> list[str]:
    """String literals (and f-strings' literal starts) of ``path`` that begin with "MRN"."""
    found = []
    tree = ast.parse(path.read_text(encoding="utf-8"))
    parts = {id(part) for node in ast.walk(tree) if isinstance(node, ast.JoinedStr)
             for part in node.values}  # an f-string's pieces: read as the f-string
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr) and node.values and isinstance(node.values[0], ast.Constant):
            text = str(node.values[0].value)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in parts:
            text = node.value
        else:
            continue
        if LABELLED.match(text):
            found.append(f"{path.relative_to(root)}:{node.lineno}: {text!r}")
    return found


def test_no_fixture_stores_a_hospital_number_with_an_mrn_label() -> None:
    assert [hit for path in FIXTURE_CODE for hit in labelled_literals(path)] == []


def test_the_fixture_numbers_are_shown_once() -> None:
    from tests.lifecycle_helpers import step_dosed_case
    from tests.orders.cases import case
    from tests.store.fixtures import fictitious_case

    numbers = [step_dosed_case("LC-1")["patient"]["hospital_number"],
               case()["patient"]["hospital_number"],
               fictitious_case("FX-1")["patient"]["hospital_number"]]
    demo = json.loads((REPO / "interfant_desktop" / "ui" / "demo_cases.json").read_text("utf-8"))
    numbers += [p["case"]["patient"]["hospital_number"] for p in demo["patients"]]
    assert len(numbers) > 3
    for number in numbers:
        assert number_alone(number) == number and not LABELLED.match(number), number


def test_the_scan_finds_a_labelled_number(tmp_path: Path) -> None:
    sample = tmp_path / "bench.py"
    sample.write_text('a = f"MRN {7}"\nb = "MRN-LC-0042"\nc = "0099001"\nd = "MRNA"\n')
    assert labelled_literals(sample, tmp_path) == ["bench.py:1: 'MRN '",
                                                   "bench.py:2: 'MRN-LC-0042'"]

