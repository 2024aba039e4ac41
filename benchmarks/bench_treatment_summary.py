"""Benchmark (not a test): the one-page treatment summary and the phase-start record.

    .venv/bin/python benchmarks/bench_treatment_summary.py [--runs 20]

A fictitious patient (the richest shared case) with recorded phase starts, in a fresh
SQLite database. Prints, warm, the milliseconds of: rendering the summary PDF from its
content (reportlab, pure); the whole ``summary_pdf`` service call (store reads, the
engine's evaluation with the phase starts, render, audit event); reading the phase starts.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def _ms(runs: int, work: object) -> float:
    assert callable(work)
    work()
    start = time.perf_counter()
    for _ in range(runs):
        work()
    return (time.perf_counter() - start) / runs * 1000


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="interfant-bench-")
    os.environ.setdefault("INTERFANT_DATA_DIR", folder)
    from interfant_desktop.orders.treatment_summary import render_summary_pdf
    from interfant_desktop.services import patients, phases, treatment_summary
    from interfant_desktop.services.store_access import open_store
    from tests.store.fixtures import fictitious_case, make_users

    store = open_store(f"sqlite:///{folder}/bench.sqlite")
    doc = make_users(store)["doc"]
    patients.import_case(store, doc, fictitious_case("BENCH-1"))
    for phase, day in (("prephase", dt.date(2026, 4, 20)), ("induction", dt.date(2026, 4, 27))):
        phases.record_phase_start(store, doc, "BENCH-1", patients.open_patient(store, doc, "BENCH-1").version,
                                  phase, day)
    content = treatment_summary.treatment_summary(store, doc, "BENCH-1")
    print(f"render_summary_pdf (warm): {_ms(args.runs, lambda: render_summary_pdf(content)):.1f} ms")
    print(f"summary_pdf service (warm): "
          f"{_ms(args.runs, lambda: treatment_summary.summary_pdf(store, doc, 'BENCH-1')):.1f} ms")
    read = _ms(args.runs, lambda: phases.phase_starts(store, doc, "BENCH-1"))
    print(f"phase_starts read (warm): {read:.2f} ms")
    store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
