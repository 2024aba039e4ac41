"""Benchmark (not a test): patient search on a SQLite store of 10,000 patients.

    .venv/bin/python benchmarks/bench_store.py [--patients 10000] [--queries 200]

Imports fictitious patients through the import service (one transaction each, as the
CLI does) into a fresh database in a temporary folder, then times the patient
list's search (``services.patients.search_patients``: count + first page of 50)
for prefixes of study IDs, names and hospital numbers. Baselines measured in the
same run: a bare ``SELECT 1`` round trip and a plain indexed lookup by study ID,
through the same engine. Target: search under 50 ms.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from scratch_store import scratch_store

FIRST = ["Zoë", "Liam", "Łucja", "Noah", "Ελένη", "Mila", "Søren", "Aya", "Jonas", "Inès",
         "Mateo", "Sakura", "Emil", "Anouk", "Yusuf", "Freya", "Luca", "Maëlle", "Oskar", "Nina"]
LAST = ["van der Berg", "Kowalska", "Jansen", "Παππά", "Nielsen", "Tanaka", "de Vries",
        "Müller", "García", "Rossi", "Dubois", "Novak", "Hansen", "Yılmaz", "O'Brien",
        "Bakker", "Lindqvist", "Costa", "Horvath", "Visser"]


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def timed(fn: Callable[[], object], repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        out.append((time.perf_counter() - start) * 1000)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--patients", type=int, default=10_000)
    parser.add_argument("--queries", type=int, default=200)
    args = parser.parse_args()

    store = scratch_store("interfant-bench-", None)
    from sqlalchemy import select, text

    from interfant_desktop.services.auth import create_first_administrator, sign_in
    from interfant_desktop.services.patients import import_case, search_patients
    from interfant_desktop.services.permissions import CurrentUser
    from interfant_desktop.services.users import add_user, change_temporary_password
    from interfant_desktop.store.models import Patient

    admin = create_first_administrator(store, "bench-admin", "bench-admin-pass")
    add_user(store, admin, "bench", "physician", "bench-temporary-1",
             admin_password="bench-admin-pass")
    change_temporary_password(store, "bench", "bench-temporary-1", "bench-pass-123")
    user: CurrentUser = sign_in(store, "bench", "bench-pass-123")
    rng = random.Random(21)
    study_ids, names, numbers = [], [], []
    start = time.perf_counter()
    for i in range(args.patients):
        study_id = f"BM-{i:05d}"
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        number = str(rng.randrange(10**6, 10**7))  # stored alone: the screens say "MRN"
        born = f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        case = {"format": "interfant-case/1",
                "patient": {"study_id": study_id, "name": name, "hospital_number": number,
                            "date_of_birth": born, "sex": rng.choice(["female", "male"])},
                "diagnosis": {"date": "2026-06-01", "lineage": "B-ALL", "kmt2a": "rearranged",
                              "wbc": {"value": rng.randint(5, 800), "unit": "10^9/L"}}}
        import_case(store, user, case)
        study_ids.append(study_id)
        names.append(name)
        numbers.append(number)
    import_seconds = time.perf_counter() - start

    def prefixes(values: list[str], skip: int = 0) -> list[str]:
        out = []
        for _ in range(args.queries):
            value = rng.choice(values)
            out.append(value[: skip + rng.randint(1, 4)])
        return out

    searches = {
        "study ID prefix (e.g. BM-01)": prefixes(study_ids, skip=3),
        "name prefix (e.g. Zo, Kowal)": prefixes(names),
        "hospital number prefix (e.g. 12..)": prefixes(numbers),
        "empty query (all, first page)": [""] * args.queries,
    }

    with store.engine.connect() as conn:
        baseline_select1 = timed(lambda: conn.execute(text("SELECT 1")).scalar(), args.queries)
        conn.rollback()
    lookup_ids = iter([rng.choice(study_ids) for _ in range(args.queries)])

    def indexed_lookup() -> None:
        with store.sessions() as session:
            session.execute(select(Patient.id, Patient.name)
                            .where(Patient.study_id == next(lookup_ids))).first()

    baseline_lookup = timed(indexed_lookup, args.queries)

    print(f"database: SQLite (WAL, synchronous=FULL), {args.patients} patients, "
          f"imported in {import_seconds:.1f} s "
          f"({args.patients / import_seconds:.0f} patients/s, one transaction each)")
    print(f"{'measure':40} {'median ms':>10} {'p95 ms':>8} {'matches (median)':>17}")
    base_med = statistics.median(baseline_lookup)
    print(f"{'baseline: SELECT 1 round trip':40} {statistics.median(baseline_select1):10.3f} "
          f"{percentile(baseline_select1, 0.95):8.3f}")
    print(f"{'baseline: indexed lookup by study ID':40} {base_med:10.3f} "
          f"{percentile(baseline_lookup, 0.95):8.3f}")
    worst = 0.0
    for label, queries in searches.items():
        totals: list[int] = []
        times: list[float] = []
        for query in queries:
            begin = time.perf_counter()
            page = search_patients(store, user, query, 0, 50)  # count + first page
            times.append((time.perf_counter() - begin) * 1000)
            totals.append(page.total)
        med, p95 = statistics.median(times), percentile(times, 0.95)
        worst = max(worst, p95)
        print(f"{'search: ' + label:40} {med:10.3f} {p95:8.3f} "
              f"{int(statistics.median(totals)):17d}   ratio to lookup: {med / base_med:5.1f}x")
    print(f"target: search under 50 ms -> worst p95 {worst:.1f} ms: "
          f"{'MET' if worst < 50 else 'NOT MET'}")
    store.close()
    return 0  # (a missed target is a number to read, not a failure: load makes p95 vary)


if __name__ == "__main__":
    sys.exit(main())
