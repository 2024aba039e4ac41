"""Benchmark (not a test): exporting a whole site of 1,000 patients in each format.

    .venv/bin/python benchmarks/bench_exports.py [--patients 1000] [--db URL]

Fills a fresh SQLite database (in a temporary folder, or ``--db``) with fictitious
patients made from the sample cases (every round-2 section included, each with a new
study ID, name and hospital number), then times ``services.trial_export.export_trial_data``
for the whole site as a data manager: ``odm``, ``fhir``, ``csv`` (pseudonymised; the first
export also draws and stores every patient's date offset) and ``case``. Prints the time and
the size of the files each export writes, then the time ``audit verify --anchors`` takes to
read the chain head back out of the saved ODM file and FHIR Bundle (``anchors_in_file``).
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from scratch_store import bench_arguments, scratch_store

SHARED = Path(os.environ.get("INTERFANT_SHARED", Path(__file__).resolve().parent.parent.parent / "shared"))


def fictitious_cases(count: int) -> list[dict[str, Any]]:
    files = sorted((SHARED / "cases").rglob("*.case.json"))
    samples = [json.loads(p.read_text(encoding="utf-8")) for p in files]
    cases = []
    for n in range(count):
        case = json.loads(json.dumps(samples[n % len(samples)]))
        case["patient"]["study_id"] = f"BENCH-{n + 1:05d}"
        case["patient"]["name"] = f"Fictitious Patient {n + 1}"
        case["patient"]["hospital_number"] = f"H{n + 1:07d}"
        cases.append(case)
    return cases


def main() -> int:
    args = bench_arguments(__doc__, "patients", 1000)

    from interfant_desktop.services.audit import anchors_in_file
    from interfant_desktop.services.patients import import_case
    from interfant_desktop.services.trial_export import ExportFormat, export_trial_data, save_export
    from tests.store.fixtures import make_users

    store = scratch_store("interfant-bench-export-", args.db)
    users = make_users(store)  # signed in, as the services require
    doc, dm = users["doc"], users["dm"]
    start = time.perf_counter()
    for case in fictitious_cases(args.patients):
        import_case(store, doc, case)
    print(f"set-up: imported {args.patients} patients in {time.perf_counter() - start:.1f} s "
          f"({store.describe()})")
    # CPU seconds beside the wall clock: on a shared machine the wall clock also counts the others.
    print(f"{'format':<8} {'seconds':>8} {'cpu s':>7} {'ms/patient':>11} {'files':>6} {'bytes':>12}")
    saved = {}
    for fmt in (ExportFormat.ODM, ExportFormat.FHIR, ExportFormat.CSV, ExportFormat.CASE):
        user = doc if fmt is ExportFormat.CASE else dm
        start, cpu = time.perf_counter(), time.process_time()
        out = export_trial_data(store, user, None, fmt)
        seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
        size = sum(len(c) for c in out.files.values())
        print(f"{fmt.value:<8} {seconds:8.2f} {cpu:7.2f} {1000 * seconds / args.patients:11.2f} "
              f"{len(out.files):6d} {size:12,d}")
        if fmt in (ExportFormat.ODM, ExportFormat.FHIR):
            folder = Path(os.environ["INTERFANT_DATA_DIR"])  # (the benchmark's own temporary folder)
            saved[fmt.value] = save_export(out, folder / f"site.{fmt.value}")[0]
    for name, path in saved.items():
        start = time.perf_counter()
        [head] = anchors_in_file(path)
        print(f"chain head read back from the {name} file (audit event {head.seq}): "
              f"{time.perf_counter() - start:.2f} s")
    store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
