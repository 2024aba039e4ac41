"""`interfant-desktop evaluate` end to end (case-format.md): every shared case through the
installed command, standard input, exit codes and the one-line error message."""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import REPO, SHARED, SHARED_CASES, shared_case_files

VENV_BIN = REPO / ".venv" / "bin"
COMMAND = VENV_BIN / "interfant-desktop"
CHECK_CASES = SHARED / "tools" / "check_cases.py"
CASES = shared_case_files()

pytestmark = pytest.mark.skipif(not COMMAND.exists(), reason="the command is not installed in .venv")


def env() -> dict[str, str]:
    return {**os.environ, "PATH": f"{VENV_BIN}{os.pathsep}{os.environ.get('PATH', '')}"}


def evaluate(arg: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([str(COMMAND), "evaluate", arg], input=stdin, capture_output=True, env=env(),
                          timeout=60)


def test_shared_cases_are_there() -> None:
    assert SHARED_CASES.is_dir()
    assert len(CASES) >= 12


def test_check_cases_passes_against_the_installed_command() -> None:
    proc = subprocess.run([sys.executable, str(CHECK_CASES), str(SHARED_CASES)], capture_output=True,
                          text=True, env=env(), timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    last = proc.stdout.strip().splitlines()[-1]
    assert last == f"{len(CASES)} passed, 0 failed"


def get(obj: Any, path: str) -> Any:
    for key in path.split("."):
        obj = obj[key]
    return obj


@pytest.mark.parametrize("case_file", CASES, ids=[p.name for p in CASES])
def test_shared_case_matches_expected(case_file: Path) -> None:
    expected = json.loads(case_file.with_name(case_file.name.replace(".case.json", ".expected.json"))
                          .read_text(encoding="utf-8"))
    proc = evaluate(str(case_file))
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == b""
    got = json.loads(proc.stdout)
    assert got["format"] == "interfant-evaluation/1"
    assert got["protocol_version"]
    fields = ["age_at_diagnosis_days", "eligibility.status", "prednisone_response", "risk.at_diagnosis",
              "risk.status", "risk.subgroup", "decisions.blinatumomab_1", "decisions.blinatumomab_2",
              "decisions.hsct_eligible"]
    if not expected["review"]:
        fields.append("risk.current")
    for field in fields:
        assert get(got, field) == get(expected, field), field
    assert sorted(got["eligibility"]["failed"]) == sorted(expected["eligibility"]["failed"])
    assert sorted(got["eligibility"]["missing"]) == sorted(expected["eligibility"]["missing"])
    assert got["eligibility"]["failed"] == sorted(got["eligibility"]["failed"])
    assert got["eligibility"]["missing"] == sorted(got["eligibility"]["missing"])
    assert bool(got["review"]) is expected["review"]
    assert len(got["blinatumomab_orders"]) == len(expected["blinatumomab_orders"])
    for e, g in zip(expected["blinatumomab_orders"], got["blinatumomab_orders"], strict=True):
        assert g["cycle"] == e["cycle"]
        assert abs(g["bsa_m2"] - e["bsa_m2"]) <= 0.005
        assert [(s["first_day"], s["last_day"]) for s in g["steps"]] == [
            (s["first_day"], s["last_day"]) for s in e["steps"]]
        for es, gs in zip(e["steps"], g["steps"], strict=True):
            assert gs["dose_mcg_per_m2_day"] == es["dose_mcg_per_m2_day"]
            assert math.isclose(gs["dose_mcg_per_day"], es["dose_mcg_per_day"], rel_tol=0.02)
    current = [p["phase"] for p in got["roadmap"] if p["status"] == "current"]
    assert len(current) == 1


@pytest.mark.parametrize("case_file", CASES[:3], ids=[p.name for p in CASES[:3]])
def test_stdin_gives_the_same_evaluation(case_file: Path) -> None:
    from_file = evaluate(str(case_file))
    from_stdin = evaluate("-", case_file.read_bytes())
    assert from_stdin.returncode == 0, from_stdin.stderr
    assert from_stdin.stderr == b""
    assert json.loads(from_stdin.stdout) == json.loads(from_file.stdout)


def one_line_error(proc: subprocess.CompletedProcess[bytes]) -> str:
    assert proc.returncode == 2
    assert proc.stdout == b""
    text = proc.stderr.decode("utf-8")
    assert "Traceback" not in text
    assert text.endswith("\n") and len(text.splitlines()) == 1, text
    return text


def valid_case() -> dict[str, Any]:
    return json.loads(CASES[0].read_text(encoding="utf-8"))


@pytest.mark.parametrize(("mutate", "field"), [
    (lambda d: d["diagnosis"]["wbc"].update(value="412"), "diagnosis.wbc.value"),
    (lambda d: d["diagnosis"].update(date="2026-02-30"), "diagnosis.date"),
    (lambda d: d["diagnosis"].update(date="2999-01-01"), "diagnosis.date"),
    (lambda d: d["diagnosis"].update(date="1999-01-01"), "diagnosis.date"),
    (lambda d: d.update(mrd=[{"timepoint": "end_of_induction", "date": "2026-04-01",
                              "result": {"percent": 120}}]), "mrd[0].result.percent"),
    (lambda d: d["patient"].update(nickname="x"), "patient.nickname"),
    (lambda d: d["diagnosis"].update(lineage="AML"), "diagnosis.lineage"),
    (lambda d: d.update(blinatumomab=[{"cycle": 2, "weight_kg": 6, "height_cm": 60}]),
     "blinatumomab[0].cycle"),
    (lambda d: d.update(blinatumomab=[{"cycle": 1, "weight_kg": 25, "height_cm": 60}]),
     "blinatumomab[0].weight_kg"),
])
@pytest.mark.parametrize("via", ["file", "stdin"])
def test_invalid_case_exits_2_with_one_line_naming_the_field(mutate: Any, field: str, via: str,
                                                             tmp_path: Path) -> None:
    data = valid_case()
    mutate(data)
    raw = json.dumps(data).encode("utf-8")
    path = tmp_path / "bad.case.json"
    path.write_bytes(raw)
    proc = evaluate("-", raw) if via == "stdin" else evaluate(str(path))
    message = one_line_error(proc)
    assert f"{field}: " in message


@pytest.mark.parametrize("raw", [b"", b"{", b"not json", b"\xff\xfe\x00", b"[]", b"null", b'{"format": NaN}'])
def test_not_a_case_exits_2(raw: bytes) -> None:
    one_line_error(evaluate("-", raw))


def test_missing_file_exits_2(tmp_path: Path) -> None:
    message = one_line_error(evaluate(str(tmp_path / "nowhere.case.json")))
    assert "nowhere.case.json" in message


def test_a_valid_case_prints_json_only(tmp_path: Path) -> None:
    proc = evaluate(str(CASES[0]))
    assert proc.returncode == 0 and proc.stderr == b""
    json.loads(proc.stdout)


# --- round 2 (issue 9, D12): input that cannot be trusted, through the installed command --

ROUND2 = SHARED_CASES / "round2"


@pytest.mark.skipif(not ROUND2.is_dir(), reason="no round-2 samples beside the repository")
def test_round_2_samples_pass_through_the_installed_command() -> None:
    proc = subprocess.run([sys.executable, str(CHECK_CASES), "--cmd", "interfant-desktop evaluate",
                           str(SHARED_CASES), str(ROUND2)], capture_output=True, text=True, env=env(),
                          timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.strip().splitlines()[-1].endswith(" passed, 0 failed")


def hostile(replace: str, by: str) -> bytes:
    text = (SHARED_CASES / "09-m2-marrow-step-dosing.case.json").read_text(encoding="utf-8")
    assert replace in text
    return text.replace(replace, by, 1).encode("utf-8")


@pytest.mark.parametrize(("raw", "field"), [
    # "consent": false, "consent": true passed as consented
    (hostile('"consent": true', '"consent": false, "consent": true'), "diagnosis.consent"),
    # a lone surrogate in the study ID gave a UnicodeEncodeError traceback on output
    (hostile('"study_id": "', '"study_id": "\\ud800'), "patient.study_id"),
    # a 980-deep array gave a RecursionError traceback
    (hostile('"consent": ', '"consent": ' + "[" * 980 + "]" * 980 + ', "x": '), "diagnosis.consent[0]"),
    (hostile('"consent": ', '"consent": ' + "[" * 40 + "]" * 40 + ', "x": '), "diagnosis.consent[0]"),
    # a cycle started before birth passed
    (hostile('"start_date": "2026-06-04"', '"start_date": "2001-01-01"'), "blinatumomab[0].start_date"),
])
def test_untrusted_input_exits_2_naming_the_field(raw: bytes, field: str) -> None:
    message = one_line_error(evaluate("-", raw))
    assert f"{field}" in message, message


def test_a_bom_is_accepted_by_evaluate_as_by_import(tmp_path: Path) -> None:
    path = tmp_path / "bom.case.json"
    path.write_bytes(b"\xef\xbb\xbf" + CASES[0].read_bytes())
    proc = evaluate(str(path))
    assert proc.returncode == 0, proc.stderr


def test_the_command_writes_the_engines_answer_text_byte_for_byte() -> None:
    """The answer goes to stdout as UTF-8 bytes (no detour through str): exactly the answer
    text the golden answers record, with one newline, whatever the locale."""
    import datetime as dt

    from interfant_desktop.protocol import evaluate as engine_evaluate
    from interfant_desktop.protocol import load_protocol, parse_case
    from interfant_desktop.protocol.answer_text import answer_text
    from interfant_desktop.protocol.case_json import decode_case_json

    protocol, today = load_protocol(), dt.date.today()

    def text_of(path: Path) -> str:
        case = parse_case(decode_case_json(path.read_bytes()), protocol, today)
        return answer_text(engine_evaluate(case, protocol, today).to_json(), indent=True)

    # a case whose answer holds text beyond ASCII ("≥", "→", "×")
    case_file, text = next((p, t) for p in CASES if not (t := text_of(p)).isascii())
    proc = subprocess.run([str(COMMAND), "evaluate", str(case_file)], capture_output=True, timeout=60,
                          env={**env(), "LC_ALL": "C", "LANG": "C", "PYTHONIOENCODING": "ascii"})
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == (text + "\n").encode("utf-8")
