"""``interfant-desktop orders hold|release|discontinue|restart|modify`` as a site would
script them: a real process each, the password from INTERFANT_PASSWORD for the signature,
exit 1 with one line for a refusal, 2 for bad input."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pypdf import PdfReader

from interfant_desktop.services import patients
from interfant_desktop.services.auth import sign_in
from interfant_desktop.services.infusion import InterruptionRequest, record_interruption
from interfant_desktop.services.store_access import open_store
from tests.e2e.test_orders_cli import NURSE_PW, PHARMA_PW, STUDY, _start
from tests.e2e.test_orders_cli import ward as ward  # the fixture
from tests.services.test_cli import DOC_PW, one_line, run
from tests.store.fixtures import sqlite_url as sqlite_url  # the fixture


def _verified(db: str) -> str:
    code = _start(db)
    assert run(db, "--user", "doc", "orders", "sign", code, password=DOC_PW).returncode == 0
    verified = run(db, "--user", "pharma", "orders", "verify", code, "--weight", "5.1",
                   "--height", "58", password=PHARMA_PW)
    assert verified.returncode == 0, verified.stderr
    return code


def _status(db: str, code: str) -> str:
    listed = run(db, "--user", "nurse", "orders", "list", STUDY, password=NURSE_PW)
    line = next(x for x in listed.stdout.splitlines() if x.startswith(code))
    return line.split("\t")[3]


def test_hold_release_modify_discontinue_from_the_command_line(ward: str) -> None:
    code = _verified(ward)
    blank = run(ward, "--user", "doc", "orders", "hold", code, "--reason", "  ", password=DOC_PW)
    assert blank.returncode == 2 and "--reason" in one_line(blank)
    bad = run(ward, "--user", "doc", "orders", "hold", "order-one", "--reason", "x", password=DOC_PW)
    assert bad.returncode == 2 and "ORDER_ID" in one_line(bad)
    nurse = run(ward, "--user", "nurse", "orders", "hold", code, "--reason", "CRS", password=NURSE_PW)
    assert nurse.returncode == 1 and "only while the infusion is stopped" in one_line(nurse)
    wrong = run(ward, "--user", "doc", "orders", "hold", code, "--reason", "CRS",
                password="not my password")
    assert wrong.returncode == 1
    held = run(ward, "--user", "doc", "orders", "hold", code, "--reason", "CRS grade 3",
               password=DOC_PW)
    assert held.returncode == 0 and held.stdout.strip() == f"{code} held by doc", held.stderr
    assert _status(ward, code) == "held"
    again = run(ward, "--user", "doc", "orders", "hold", code, "--reason", "x", password=DOC_PW)
    assert again.returncode == 1 and "already held" in one_line(again)
    lift = run(ward, "--user", "nurse", "orders", "release", code, "--reason", "ok",
               password=NURSE_PW)
    assert lift.returncode == 1 and "may not release" in one_line(lift)
    released = run(ward, "--user", "doc", "orders", "release", code, "--reason", "resolved",
                   password=DOC_PW)
    assert released.returncode == 0 and _status(ward, code) == "verified"
    none = run(ward, "--user", "doc", "orders", "restart", code, "--reason", "resolved",
               password=DOC_PW)
    assert none.returncode == 2 and "no interruption of cycle 1" in one_line(none)
    modified = run(ward, "--user", "doc", "orders", "modify", code, "--reason", "48-hour bags",
                   "--bag-hours", "48", "--confirm-warnings", password=DOC_PW)
    assert modified.returncode == 0, modified.stderr
    new = modified.stdout.strip()
    assert new == "IF21-000002" and _status(ward, code) == "superseded"
    draft = run(ward, "--user", "doc", "orders", "discontinue", new, "--reason", "x",
                password=DOC_PW)
    assert draft.returncode == 1 and "cancel it instead" in one_line(draft)
    ended = run(ward, "--user", "doc", "orders", "discontinue", code, "--reason", "x",
                password=DOC_PW)
    assert ended.returncode == 1 and "is superseded" in one_line(ended)


def test_after_a_pump_stop_the_physician_holds_and_restarts_and_the_restart_is_verified(
        ward: str, tmp_path: Path) -> None:
    code = _verified(ward)
    store = open_store(ward)
    try:
        nurse = sign_in(store, "nurse", NURSE_PW)
        record_interruption(store, nurse, STUDY, InterruptionRequest(
            1, dt.datetime(2026, 5, 25, 7, 0), "line_or_pump", dt.datetime(2026, 5, 25, 9, 30)))
        assert patients.open_patient(store, nurse, STUDY).version > 0
    finally:
        store.close()
    held = run(ward, "--user", "doc", "orders", "hold", code, "--reason", "line blocked",
               password=DOC_PW)
    assert held.returncode == 0, held.stderr
    restarted = run(ward, "--user", "doc", "orders", "restart", code, "--reason", "new line",
                    "--confirm-warnings", password=DOC_PW)
    assert restarted.returncode == 0, restarted.stderr
    new = restarted.stdout.strip()
    assert _status(ward, code) == "superseded" and _status(ward, new) == "draft"
    assert run(ward, "--user", "doc", "orders", "sign", new, password=DOC_PW).returncode == 0
    verified = run(ward, "--user", "pharma", "orders", "verify", new, "--weight", "5.1",
                   "--height", "58", password=PHARMA_PW)
    assert verified.returncode == 0, verified.stderr
    out = tmp_path / "restart.pdf"
    printed = run(ward, "--user", "nurse", "orders", "print", new, "--out", str(out), password=NURSE_PW)
    assert printed.returncode == 0, printed.stderr
    # Started 2026-05-24 09:00 with 24-hour bags, stopped 25th 07:00 (22 h given, bag 1 on the
    # pump), restarted 09:30: the restart order's bags go on from bag 2; 650 h remain.
    text = " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(str(out)).pages)
    assert "28 bags, bags 2–29; bag 2 hung 2026-05-25 (Mon) 09:30" in text
    assert "(bag 29: 2 hours)" in text and "650 h after the restart" in text
    assert "bag 1 was hung from the earlier order of this cycle" in text
    assert "day 1 started 2026-05-24 (Sun) 09:00; stopped 2026-05-25 (Mon) 07:00" in text
    assert "BAG 2 of 29 — restart order" in text and "BAG 29 of 29 — restart order" in text
    assert "BAG 1 of" not in text and "672 hours after the start" not in text
