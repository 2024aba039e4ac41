"""``interfant-desktop order CASE.json --cycle N --out FILE.pdf``: exit codes and output."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from interfant_desktop.cli import main
from tests.orders.cases import BASE, case
from tests.orders.pdftext import all_text, rotated_texts

REPO = Path(__file__).resolve().parents[2]


def write(tmp_path: Path, data: Any, name: str = "case.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_writes_a_draft_pdf(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "order.pdf"
    assert main(["order", str(write(tmp_path, case("M2"))), "--cycle", "1",
                 "--out", str(out)]) == 0
    pdf = out.read_bytes()
    assert pdf.startswith(b"%PDF")
    text = " ".join(all_text(pdf).split())
    assert "Zoë van der Berg" in text and "Days 1–7" in text and "2 mcg/day" in text
    # no database, so no allergy status: the sheet says so
    assert "Allergies not recorded — confirm before giving" in text
    assert rotated_texts(pdf)[0].replace(" ", "") == "DRAFT—NOTVALIDFORADMINISTRATION"
    assert "DRAFT-TEST-ORD-01-C1-" in capsys.readouterr().err


def test_cycle_2(tmp_path: Path) -> None:
    out = tmp_path / "c2.pdf"
    assert main(["order", str(write(tmp_path, case(cycle2=True))), "--cycle", "2",
                 "--out", str(out)]) == 0
    assert "6.75 mcg/day" in " ".join(all_text(out.read_bytes()).split())


@pytest.mark.parametrize(("data", "cycle", "needle"), [
    (case(blinatumomab=None), 1, "no weight and height recorded for blinatumomab cycle 1"),
    (case(blinatumomab_checklist={"cd19_positive": True, "cns1_at_eoi": True,
                                  "hypersensitivity": True, "live_vaccine_28d": False},
          mrd=BASE["mrd"][:1]),  # D8: no MRD "after cycle 1" when there was no cycle 1
     1, "checklist B3 failed"),
    (case("M3", cycle2=True), 2, "cycle 2 is not indicated"),
    (dict(case(), diagnosis={**case()["diagnosis"], "wbc": {"value": 300, "unit": "10^9/L"}},
          patient={**case()["patient"], "date_of_birth": "2025-11-01"},
          prednisone_response={"date": "2026-04-22", "blasts_per_uL": 200}),
     1, "risk group is review"),
    ({**case(), "surprise": 1}, 1, "surprise: unknown key"),
    (case(blinatumomab=[{k: v for k, v in case()["blinatumomab"][0].items() if k != "start_time"}]),
     1, "no start time recorded for blinatumomab cycle 1: the bag schedule needs"),
])
def test_exit_2_with_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                              data: dict[str, Any], cycle: int, needle: str) -> None:
    out = tmp_path / "order.pdf"
    status = main(["order", str(write(tmp_path, data)), "--cycle", str(cycle), "--out", str(out)])
    err = capsys.readouterr().err
    assert status == 2
    assert needle in err
    assert len(err.strip().splitlines()) == 1
    assert not out.exists()


def test_bad_json_and_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    assert main(["order", str(bad), "--cycle", "1", "--out", str(tmp_path / "o.pdf")]) == 2
    assert main(["order", str(tmp_path / "missing.json"), "--cycle", "1",
                 "--out", str(tmp_path / "o.pdf")]) == 2
    assert main(["order", str(write(tmp_path, case())), "--cycle", "1",
                 "--out", str(tmp_path)]) == 2
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 3 and all(line.startswith("interfant-desktop: ") for line in lines)


def test_runs_as_a_process_without_display_or_database(tmp_path: Path) -> None:
    out = tmp_path / "order.pdf"
    env = {**os.environ, "QT_QPA_PLATFORM": "", "DISPLAY": "", "INTERFANT_DB": "invalid://"}
    proc = subprocess.run(
        [sys.executable, "-m", "interfant_desktop", "order", str(write(tmp_path, case())),
         "--cycle", "1", "--out", str(out)], cwd=REPO, env=env, capture_output=True, text=True,
        timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert out.read_bytes().startswith(b"%PDF")
    bad = subprocess.run(
        [sys.executable, "-m", "interfant_desktop", "order", str(write(tmp_path, case(), "c.json")),
         "--cycle", "2", "--out", str(out)], cwd=REPO, env=env, capture_output=True, text=True,
        timeout=120)
    assert bad.returncode == 2
    assert "Traceback" not in bad.stderr and len(bad.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize(("allergies", "printed"), [
    ([], "No known allergies"),
    (["amoxicillin: rash", "latex: urticaria"], "amoxicillin: rash"),
])
def test_the_allergies_of_the_case_file_are_printed(tmp_path: Path, allergies: list[str],
                                                    printed: str) -> None:
    """Issue 9: the database-free `order` prints what the file says (`[]` = none known)."""
    data = case("M1")
    data["patient"]["allergies"] = allergies
    out = tmp_path / "order.pdf"
    assert main(["order", str(write(tmp_path, data)), "--cycle", "1", "--out", str(out)]) == 0
    text = " ".join(all_text(out.read_bytes()).split())
    assert printed in text and "Allergies not recorded" not in text
    if allergies:
        assert "latex: urticaria" in text


def test_no_cycle_2_draft_while_the_end_of_induction_mrd_is_missing(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Issue 9 (D3): was a cycle-2 draft for a patient whose end-of-induction MRD was
    never recorded."""
    data = case(cycle2=True, mrd=[m for m in BASE["mrd"] if m["timepoint"] != "end_of_induction"])
    out = tmp_path / "c2.pdf"
    assert main(["order", str(write(tmp_path, data)), "--cycle", "2", "--out", str(out)]) == 2
    assert not out.exists()
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no order for cycle 2" in err


def test_a_split_only_review_does_not_block_cycle_2(tmp_path: Path) -> None:
    """Issue 9 (D1): a review of the MR-low/MR-high split alone no longer refuses a cycle-2
    order for a patient whose group (MR) is certain."""
    mrd = [{"timepoint": "end_of_induction", "date": "2026-05-17",
            "result": {"positive_not_quantifiable": True, "quantitative_range_percent": 0.5}},
           BASE["mrd"][1]]
    out = tmp_path / "c2.pdf"
    assert main(["order", str(write(tmp_path, case(cycle2=True, mrd=mrd))), "--cycle", "2",
                 "--out", str(out)]) == 0
