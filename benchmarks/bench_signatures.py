"""Benchmark (not a test): electronic signatures per operation.

    .venv/bin/python benchmarks/bench_signatures.py [--orders 20] [--db URL]

Sets up a site through the services (first administrator = site root, a physician, a
pharmacist and a nurse with certified keys) and one fictitious patient, then for each
order: start (not timed), sign ("prescribed"), verify (blinded re-entry, "verified")
and print ("printed for administration", which checks every signature, certificate,
the stored facts and re-runs the engine first). Each timed call includes the password
key derivation (argon2id, m=19 MiB, t=2) that unlocks the signer's key. The parts are
timed alone too: the key unlock, an Ed25519 signature and its check, and the check
before printing (signatures + certificate chain + facts + engine) without rendering.
Default database: SQLite in a temporary folder; ``--db`` for PostgreSQL.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TypedDict, TypeVar

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from scratch_store import bench_arguments, scratch_store

PASSWORD = "bench-signature-pass"


class _Measurements(TypedDict):
    """The measurements and start both ``plan_order`` and ``start_order`` take."""

    weight_kg: float
    height_cm: float
    weight_date: str
    height_date: str
    start_date: str
    start_time: str


T = TypeVar("T")


def _ms(fn: Callable[[], T]) -> tuple[float, T]:
    """The milliseconds ``fn()`` took, and its result."""
    start = time.perf_counter()
    result = fn()
    return (time.perf_counter() - start) * 1000, result


def _report(name: str, values: list[float]) -> None:
    print(f"{name:<44} median {statistics.median(values):8.1f} ms   "
          f"min {min(values):8.1f}   max {max(values):8.1f}   (n={len(values)})")


def main() -> int:
    args = bench_arguments(__doc__, "orders", 20)

    from interfant_desktop.services import clinical, order_workflow, patients
    from interfant_desktop.services.auth import create_first_administrator, sign_in
    from interfant_desktop.services.order_printing import check_before_print
    from interfant_desktop.services.order_state import load_order
    from interfant_desktop.services.signing_keys import unlock_key
    from interfant_desktop.services.users import add_user, change_temporary_password
    from interfant_desktop.store import signing

    store = scratch_store("interfant-bench-sig-", args.db)
    admin = create_first_administrator(store, "b-admin", PASSWORD, "Bench Admin")
    for name, role in (("b-doc", "physician"), ("b-pharma", "pharmacist"), ("b-nurse", "nurse")):
        add_user(store, admin, name, role, "bench-temporary-1", f"Bench {role}",
                 admin_password=PASSWORD)
        change_temporary_password(store, name, "bench-temporary-1", PASSWORD)
    doc, pharma, nurse = (sign_in(store, n, PASSWORD) for n in ("b-doc", "b-pharma", "b-nurse"))
    shared = Path(os.environ.get("INTERFANT_SHARED", Path(__file__).resolve().parents[2] / "shared"))
    case = json.loads((shared / "cases" / "12-hr-hsct-eligible.case.json").read_text("utf-8"))
    case["patient"].update(study_id="BSIG-1", name="Fictitious Bench", hospital_number="0990001")
    record = patients.import_case(store, doc, case)
    clinical.record_allergies(store, doc, "BSIG-1", record.version, no_known_allergies=True,
                              allergies=None)
    signs, verifies, prints, checks = [], [], [], []
    for _ in range(args.orders):
        version = patients.open_patient(store, doc, "BSIG-1").version
        values = _Measurements(weight_kg=5.1, height_cm=58.0, weight_date="2026-05-22",
                      height_date="2026-05-22", start_date="2026-05-24", start_time="09:00")
        plan = order_workflow.plan_order(store, doc, "BSIG-1", 1, **values)
        draft = order_workflow.start_order(store, doc, "BSIG-1", version, 1,
                                           confirm_warnings=plan.warnings, **values)
        ms, signed = _ms(partial(order_workflow.sign_order, store, doc, draft.id, draft.version,
                                 password=PASSWORD))
        signs.append(ms)
        ms, verified = _ms(partial(order_workflow.verify_order, store, pharma, signed.id,
                                   signed.version, weight_kg=5.1, height_cm=58.0, password=PASSWORD))
        verifies.append(ms)
        with store.sessions() as session:
            order, patient = load_order(session, verified.id, None)
            ms, (_, problem) = _ms(partial(check_before_print, store, session, order, patient))
            assert problem is None, problem
            checks.append(ms)
        ms, _ = _ms(partial(order_workflow.print_order, store, nurse, verified.id, verified.version,
                            password=PASSWORD))
        prints.append(ms)
    unlocks = [_ms(lambda: unlock_key(store, doc, PASSWORD))[0] for _ in range(args.orders)]
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    private = Ed25519PrivateKey.generate()
    public = signing.public_key_of(private)
    with store.sessions() as session:
        order, _ = load_order(session, verified.id, None)
        payload = {"context": order.content}
    raw_sign = [_ms(lambda: signing.sign(private, payload))[0] for _ in range(200)]
    signature = signing.sign(private, payload)
    raw_check = [_ms(lambda: signing.signature_valid(public, payload, signature))[0]
                 for _ in range(200)]
    print(f"database: {store.describe()}")
    _report("sign_order (prescribed), whole call", signs)
    _report("verify_order (verified), whole call", verifies)
    _report("print_order (check + sign + render)", prints)
    _report("check before printing (no render)", checks)
    _report("unlock signing key (argon2id + AES-GCM)", unlocks)
    _report("Ed25519 sign of an order context", raw_sign)
    _report("Ed25519 check of an order context", raw_check)
    store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
