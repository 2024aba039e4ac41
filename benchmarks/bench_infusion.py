#!/usr/bin/env python3
"""Benchmark of the infusion record: one cycle with the schema's maximum of 1000 toxicity
assessments (every 40 minutes through 28 days, with grade-3 CRS and ICANS episodes and
seizures) and 50 interruptions. Prints the CPU time to parse, to evaluate (grades,
actions, conditions judged from the record), to build the JSON and to build the timeline.

usage: .venv/bin/python benchmarks/bench_infusion.py [--assessments N] [--repeat R]
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from interfant_desktop.protocol import evaluate, load_protocol, parse_case  # noqa: E402
from interfant_desktop.protocol.timeline import cycle_timeline  # noqa: E402

TODAY = dt.date(2026, 11, 27)
START = dt.datetime(2026, 4, 4, 10, 0)


def case(assessments: int) -> dict[str, Any]:
    def iso(t: dt.datetime) -> str:
        return t.strftime("%Y-%m-%dT%H:%M")

    tox = []
    for n in range(assessments):
        at = START + dt.timedelta(minutes=40 * n)
        episode = (n // 60) % 4   # cycles of none, CRS 3, ICANS 3, other 3
        tox.append({
            "at": iso(at), "cycle": 1,
            "crs": {"temperature_c": 39.0 if episode == 1 else 37.0,
                    "antipyretic_or_anticytokine_given": False, "hypotension": episode == 1,
                    "vasopressors": 0, "vasopressin": False,
                    "oxygen": "high_flow" if episode == 1 else "none"},
            "icans": {"capd": 12 if episode == 2 else 2, "sedated": n % 50 == 0,
                      "consciousness": "spontaneous",
                      "seizure": "resolved_rapidly" if n % 200 == 0 else "none", "motor": "none",
                      "cerebral_oedema": "none"},
            "other": {"term": "hepatotoxicity", "grade": 3} if episode == 3 else None,
            "seizures_this_treatment": n // 200,
        })
    stops = [{"stopped": iso(START + dt.timedelta(hours=12 * k + 2)),
              "restarted": iso(START + dt.timedelta(hours=12 * k + 2, minutes=30 + 5 * k)), "reason": "other"}
             for k in range(50)]
    return {
        "format": "interfant-case/1",
        "patient": {"study_id": "BENCH-1", "date_of_birth": "2026-01-10", "sex": "female",
                    "down_syndrome": False},
        "diagnosis": {"date": "2026-03-01", "lineage": "B-ALL", "kmt2a": "rearranged", "relapsed": False,
                      "wbc": {"value": 100, "unit": "10^9/L"}, "prior_steroids": False,
                      "prior_chemotherapy": False, "consent": True},
        "prednisone_response": {"date": "2026-03-08", "blasts_per_uL": 200},
        "end_of_induction": {"date": "2026-04-02", "marrow": "M2", "cns": "CNS1"},
        "blinatumomab_checklist": {"cd19_positive": True, "cns1_at_eoi": True, "hypersensitivity": False,
                                   "live_vaccine_28d": False},
        "blinatumomab": [{"cycle": 1, "start_date": "2026-04-04", "start_time": "10:00", "weight_kg": 6.4,
                          "height_cm": 64.0, "interruptions": stops}],
        "toxicity": tox,
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--assessments", type=int, default=1000)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    protocol = load_protocol()
    data = case(args.assessments)
    times: dict[str, list[float]] = {"parse": [], "evaluate": [], "to_json": [], "timeline": []}
    for _ in range(args.repeat):
        t0 = time.process_time()
        parsed = parse_case(data, protocol, TODAY)
        t1 = time.process_time()
        result = evaluate(parsed, protocol, TODAY)
        t2 = time.process_time()
        doc = result.to_json()
        t3 = time.process_time()
        timeline = cycle_timeline(result, 1)
        t4 = time.process_time()
        for key, value in zip(times, (t1 - t0, t2 - t1, t3 - t2, t4 - t3), strict=True):
            times[key].append(value)
    actions = sum(len(t["actions"]) for t in doc["toxicity"])
    print(f"{args.assessments} assessments, {len(data['blinatumomab'][0]['interruptions'])} interruptions, "
          f"{actions} actions, {len(timeline.days) if timeline else 0} timeline days; "
          f"best of {args.repeat} (CPU seconds):")
    for key, values in times.items():
        print(f"  {key:9s} {min(values):.3f}")
    print(f"  total     {sum(min(v) for v in times.values()):.3f}")


if __name__ == "__main__":
    main()
