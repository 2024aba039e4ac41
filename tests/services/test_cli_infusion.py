"""`interfant-desktop evaluate` as a real process on the round-2 infusion samples
(``../shared/cases/infusion``): the `interruptions` of each order and the top-level
`toxicity` exactly as case-format.md "Round 2 additions" says."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import SHARED_CASES

CLI = Path(sys.executable).with_name("interfant-desktop")
SAMPLES = sorted((SHARED_CASES / "infusion").glob("*.case.json"))
CONTRACT_ACTION = {"rule", "blinatumomab", "restart_mcg_per_m2_day", "restart_mcg_per_day",
                   "dexamethasone_mg", "source", "text"}


def evaluate(path: Path) -> dict[str, Any]:
    proc = subprocess.run([str(CLI), "evaluate", str(path)], capture_output=True, text=True, encoding="utf-8",
                          stdin=subprocess.DEVNULL, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    result: dict[str, Any] = json.loads(proc.stdout)
    return result


@pytest.mark.skipif(not SAMPLES, reason="no shared infusion samples beside the project")
@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name.split(".")[0])
def test_infusion_samples_give_the_contract_fields(path: Path) -> None:
    expected_file = path.with_name(path.name.replace(".case.", ".expected."))
    expected = json.loads(expected_file.read_text(encoding="utf-8"))
    got = evaluate(path)
    for want, order in zip(expected["blinatumomab_orders"], got["blinatumomab_orders"], strict=True):
        for e, g in zip(want.get("interruptions", []), order["interruptions"], strict=True):
            assert {k: g[k] for k in e} == pytest.approx(e)
    if "toxicity" in expected:
        assert len(got["toxicity"]) == len(expected["toxicity"])
        for e, g in zip(expected["toxicity"], got["toxicity"], strict=True):
            assert (g["at"], g["crs_grade"], g["icans_grade"]) == (e["at"], e["crs_grade"], e["icans_grade"])
            assert [a["rule"] for a in g["actions"]] == [a["rule"] for a in e["actions"]]
            for ea, ga in zip(e["actions"], g["actions"], strict=True):
                assert set(ga) >= CONTRACT_ACTION
                assert {k: ga[k] for k in ea} == pytest.approx(ea, abs=0.011)


def test_a_case_without_round_2_keys_gets_empty_lists() -> None:
    case = next(p for p in sorted(SHARED_CASES.glob("*.case.json")))
    got = evaluate(case)
    assert got["toxicity"] == []
    assert all(o["interruptions"] == [] for o in got["blinatumomab_orders"])
