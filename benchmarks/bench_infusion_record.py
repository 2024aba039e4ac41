#!/usr/bin/env python3
"""Benchmark (not a test): the stored infusion record through the services on SQLite.

    .venv/bin/python benchmarks/bench_infusion_record.py [--assessments 200]

A fictitious patient (sample PUB-16) gets N toxicity assessments every 3 hours and 10
two-hour interruptions, recorded one transaction each as the nurse would; then the
Infusion page's data (``services.infusion_view.infusion_picture``: evaluation, timeline,
decisions, what is due) is built 5 times. Prints milliseconds per call.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("INTERFANT_DATA_DIR", tempfile.mkdtemp(prefix="interfant-bench-"))

from interfant_desktop.protocol.case import CrsObservation, IcansObservation
from interfant_desktop.services import patients
from interfant_desktop.services.infusion import InterruptionRequest, record_interruption
from interfant_desktop.services.infusion_view import infusion_picture
from interfant_desktop.services.store_access import open_store
from interfant_desktop.services.toxicity import AssessmentRequest, record_assessment
from tests.store.fixtures import make_users

START = dt.datetime(2026, 6, 19, 12, 0)
HOUR = dt.timedelta(hours=1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("--assessments", type=int, default=200)
    count = parser.parse_args().assessments
    store = open_store(f"sqlite:///{Path(tempfile.mkdtemp()) / 'bench.sqlite'}")
    users = make_users(store)  # signed in, as the services require
    doc, nurse = users["doc"], users["nurse"]
    shared = Path(os.environ.get("INTERFANT_SHARED", "/work/shared"))
    case = json.loads((shared / "cases/infusion/16-crs-grade-3-action.case.json").read_text())
    del case["toxicity"]
    sid = patients.import_case(store, doc, case).study_id
    t0 = time.perf_counter()
    for i in range(count):
        record_assessment(store, nurse, sid, AssessmentRequest(
            at=START + (3 * i + 1) * HOUR, cycle=1,
            crs=CrsObservation(37.0 + i % 3, False, i % 7 == 0, 0, False, "none"),
            icans=IcansObservation(i % 5, False, "alert", "none", "none", "none"),
            seizures_this_treatment=0))
    t1 = time.perf_counter()
    for k in range(10):
        stop = START + dt.timedelta(days=2 * k + 1) + HOUR
        record_interruption(store, nurse, sid, InterruptionRequest(1, stop, "line_or_pump", stop + 2 * HOUR))
    t2 = time.perf_counter()
    for _ in range(5):
        picture = infusion_picture(store, doc, sid, 1, now=START + dt.timedelta(days=26),
                                   assessment_every_hours=4)
    t3 = time.perf_counter()
    days = 0 if picture.timeline is None else len(picture.timeline.days)
    print(f"record_assessment: {(t1 - t0) / count * 1000:.0f} ms each (n={count}, growing record)")
    print(f"record_interruption: {(t2 - t1) / 10 * 1000:.0f} ms each")
    print(f"infusion_picture ({len(picture.assessments)} assessments, {len(picture.interruptions)} "
          f"stops, {days} days): {(t3 - t2) / 5 * 1000:.0f} ms")
    store.close()


if __name__ == "__main__":
    main()
