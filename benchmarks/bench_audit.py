"""Benchmark (not a test): ``audit verify`` over 100,000 signed audit events.

    .venv/bin/python benchmarks/bench_audit.py [--events 100000] [--patients 200] [--db URL]

Builds a fresh database (SQLite in a temporary folder, or ``--db``, e.g. the test
PostgreSQL server's URL) with fictitious patients imported through the import service,
then appends signed events through ``store.audit.append_event`` (1,000 per
transaction), and times ``services.audit.verify_audit``: every hash, link, signature,
time, anchor, and every patient's, order's and user's rows against their audited
digests. Target: under a minute.

Then times the look-up every process makes on its first signed commit (has this
signing key entered the trail?), with the trail's ``(action, entity_key)`` index and,
as the same run's baseline, after dropping that index (the schema before revision 16).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from scratch_store import scratch_store


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--patients", type=int, default=200)
    parser.add_argument("--db", default=None)
    args = parser.parse_args()
    store = scratch_store("interfant-bench-audit-", args.db)
    from interfant_desktop.services.audit import verify_audit
    from interfant_desktop.services.patients import import_case
    from interfant_desktop.store.audit import append_event
    from tests.store.fixtures import fictitious_case, make_users

    users = make_users(store)  # signed in: their events are signed with their own keys
    admin, doc = users["admin"], users["doc"]
    started = time.perf_counter()
    for i in range(args.patients):
        import_case(store, doc, fictitious_case(f"B-{i:05d}"))
    with store.sessions() as session:
        from sqlalchemy import func, select

        from interfant_desktop.store.models import AuditEvent

        have = session.execute(select(func.count()).select_from(AuditEvent)).scalar_one()
    remaining, batch = args.events - have, 1000
    while remaining > 0:
        with store.transaction() as session:
            for j in range(min(batch, remaining)):
                append_event(session, username="doc", action="export",
                             entity="patient", entity_key=f"B-{j % args.patients:05d}",
                             study_id=f"B-{j % args.patients:05d}", reason="benchmark")
        remaining -= batch
    built = time.perf_counter() - started
    started = time.perf_counter()
    report = verify_audit(store, admin)
    took = time.perf_counter() - started
    print(f"database: {'SQLite' if not args.db else args.db.split(':', 1)[0]}")
    print(f"built {report.events} signed events ({args.patients} patients) in {built:.1f} s "
          f"({built / max(report.events, 1) * 1e6:.0f} µs per event, signing included)")
    print(f"audit verify: {report.events} events, {report.signed} signatures, "
          f"{report.anchors} anchors, {report.entities} patients/orders/users checked "
          f"in {took:.2f} s -> {'intact' if report.ok else report.problems[:3]}")
    print(f"target: under 60 s -> {'met' if took < 60 and report.ok else 'NOT met'}")
    _first_commit_lookup(store)
    store.close()
    return 0 if report.ok else 1  # (a broken trail fails; a slow run is a number to read)


def _first_commit_lookup(store: Any, runs: int = 20) -> None:
    """Median time of ``_key_is_introduced`` for a key not in the trail (the worst case:
    the whole answer is 'no'), with the index and then without it."""
    from statistics import median

    from sqlalchemy import text

    from interfant_desktop.store import audit

    def median_ms() -> float:
        times = []
        for _ in range(runs):
            audit._known_keys.clear()  # as in a new process
            with store.sessions() as session:
                started = time.perf_counter()
                audit._key_is_introduced(session, "0" * 32)
                times.append(time.perf_counter() - started)
        return median(times) * 1000

    indexed = median_ms()
    with store.engine.begin() as conn:
        conn.execute(text("DROP INDEX ix_audit_events_action_entity_key"))
    scanned = median_ms()
    print(f"first-commit key look-up, median of {runs}: {indexed:.2f} ms with the index, "
          f"{scanned:.2f} ms without it (schema before revision 16) = "
          f"{scanned / indexed:.0f}x")


if __name__ == "__main__":
    raise SystemExit(main())
