"""Benchmark (not a test): the order lifecycle's cost.

Run from the repository root::

    .venv/bin/python benchmarks/bench_order_lifecycle.py [--runs N]

Reports the median of N runs of (1) the engine's restart order (``restarted_evaluation``:
the remaining steps and the re-planned bags of a 48-hour step-dosed cycle after a 5-hour
CRS grade 3 stop), beside the plain evaluation of the same case as the baseline, and
(2) one signed hold and its release through the services on a SQLite file (each unlocks
the signer's key: argon2 is deliberately slow, so that part dominates).
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def _median_ms(call: object, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        call()  # type: ignore[operator]
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()

    from interfant_desktop.protocol import evaluate
    from interfant_desktop.protocol.restart_order import restarted_evaluation
    from interfant_desktop.services import order_workflow
    from interfant_desktop.services._common import protocol, validate_case
    from interfant_desktop.services.store_access import open_store
    from tests.lifecycle_helpers import step_dosed_case, verified_48h_order
    from tests.store.fixtures import PASSWORD, make_users

    data = step_dosed_case("BENCH-1")
    data["blinatumomab"][0]["interruptions"] = [
        {"stopped": "2026-06-20T07:00", "restarted": "2026-06-20T12:00", "reason": "crs"}]
    on = dt.date(2026, 6, 21)
    case = validate_case(data, on)
    proto = protocol()
    at = dt.datetime(2026, 6, 20, 12, 0)
    plain = _median_ms(lambda: evaluate(case, proto, on, {}), args.runs)
    evaluation = evaluate(case, proto, on, {})
    restart = _median_ms(lambda: restarted_evaluation(evaluation, 1, at), args.runs)
    print(f"engine: evaluate {plain:.2f} ms; restart order on top {restart:.2f} ms "
          f"(median of {args.runs})")

    folder = Path(tempfile.mkdtemp(prefix="bench-lifecycle-"))
    store = open_store(f"sqlite:///{folder / 'bench.sqlite3'}")
    try:
        users = make_users(store)
        order = verified_48h_order(store, users["doc"], users["pharma"], "BENCH-1")
        times = []
        for _ in range(max(3, args.runs // 4)):
            start = time.perf_counter()
            held = order_workflow.hold_order(store, users["doc"], order.id, order.version,
                                             reason="bench", password=PASSWORD)
            order = order_workflow.release_order(store, users["doc"], held.id, held.version,
                                                 reason="bench", password=PASSWORD)
            times.append((time.perf_counter() - start) * 1000 / 2)
        print(f"services: one signed transition (hold or release) {statistics.median(times):.0f} ms "
              f"(median of {len(times)} pairs, SQLite)")
    finally:
        store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
