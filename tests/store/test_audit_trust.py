"""An audit trail that cannot be rewritten unnoticed, on SQLite and on PostgreSQL.

Each test plays someone with write access to the database (on PostgreSQL a superuser
who switches the append-only triggers off) and, where stated, even the site signing
key, and checks that ``audit verify`` finds what they did."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy import select, text

from interfant_desktop.services import audit, patients
from interfant_desktop.services.errors import EnvironmentFault
from interfant_desktop.services.permissions import CurrentUser
from interfant_desktop.services.store_access import Store
from interfant_desktop.store import audit as store_audit
from interfant_desktop.store.audit import event_hash, read_anchors, verify_chain
from interfant_desktop.store.audit_signing import site_signer
from interfant_desktop.store.models import AuditEvent
from tests.store.fixtures import fictitious_case


def _attack(store: Store, *statements: str, **params: Any) -> None:
    """Run SQL directly, as an attacker with the database credential (PostgreSQL: a
    superuser, triggers off)."""
    with store.engine.begin() as conn:
        if not store.is_sqlite:
            conn.execute(text("SET LOCAL session_replication_role = replica"))
        for statement in statements:
            conn.execute(text(statement), params)


def _problems(store: Store) -> tuple[str, ...]:
    with store.transaction() as session:
        return verify_chain(session).problems


def _work(store: Store, users: dict[str, CurrentUser]) -> None:
    for sid in ("TR-1", "TR-2", "TR-3"):
        patients.import_case(store, users["doc"], fictitious_case(sid))


def _events(store: Store) -> list[dict[str, Any]]:
    table = AuditEvent.__table__
    with store.engine.connect() as conn:
        return [dict(r) for r in conn.execute(select(table).order_by(table.c.seq)).mappings()]


def _rewrite_from(store: Store, seq: int, change: dict[str, Any], *, resign: bool) -> None:
    """Change event ``seq``, then recompute every later hash and the head (and, with
    ``resign``, re-sign them with the site key, as an attacker holding it would)."""
    rows = _events(store)
    prev = rows[seq - 2]["hash"] if seq > 1 else store_audit.GENESIS_HASH
    statements, site = [], site_signer()
    assert site is not None
    for row in rows[seq - 1:]:
        if row["seq"] == seq:
            row.update(change)
        row["prev_hash"] = prev
        row["hash"] = event_hash(row, prev)
        if resign:
            row["signature"] = site.sign(bytes.fromhex(row["hash"])).hex()
        prev = row["hash"]
        at = row["at"].astimezone(dt.UTC).replace(tzinfo=None).isoformat(sep=" ")
        statements.append(
            f"UPDATE audit_events SET at = '{at}', reason = "
            + ("NULL" if row["reason"] is None else "'" + row["reason"].replace("'", "''") + "'")
            + f", prev_hash = '{row['prev_hash']}', hash = '{row['hash']}', "
            f"signature = '{row['signature']}' WHERE seq = {row['seq']}")
    statements.append(f"UPDATE audit_head SET last_hash = '{prev}'")
    _attack(store, *statements)


def test_an_untouched_trail_verifies_with_signatures_anchors_and_rows(
        store: Store, users: dict[str, CurrentUser]) -> None:
    _work(store, users)
    report = audit.verify_audit(store, users["admin"])
    assert report.ok, report.problems
    assert report.signed == report.events > 3
    assert report.anchors >= 3 and report.entities >= 3 + len(users)
    first = _events(store)
    assert first[0]["action"] == "add_signer" and first[0]["signer"] == site_signer().key_id  # type: ignore[union-attr]
    assert all(e["workstation"] for e in first)
    if not store.is_sqlite:
        assert all(e["db_user"] == "interfant" for e in first)  # stamped by the trigger


def test_a_recomputed_chain_is_detected(store: Store, users: dict[str, CurrentUser]) -> None:
    _work(store, users)
    _rewrite_from(store, 3, {"reason": "rewritten by hand"}, resign=False)
    problems = _problems(store)
    assert any("event 3: the signature does not match" in p for p in problems), problems


def test_a_truncated_tail_with_a_fixed_head_is_detected(store: Store,
                                                        users: dict[str, CurrentUser]) -> None:
    _work(store, users)
    rows = _events(store)
    keep = rows[-3]
    _attack(store, f"DELETE FROM audit_events WHERE seq > {keep['seq']}",
            f"UPDATE audit_head SET last_seq = {keep['seq']}, last_hash = '{keep['hash']}'")
    problems = _problems(store)
    assert any("is no longer reached" in p for p in problems), problems
    assert any("TR-3" in p and "rows" in p for p in problems), problems


def test_a_wiped_trail_is_detected(store: Store, users: dict[str, CurrentUser]) -> None:
    _work(store, users)
    _attack(store, "DELETE FROM audit_events", "DELETE FROM audit_head")
    problems = _problems(store)
    assert any("is no longer reached" in p for p in problems), problems


def test_a_backdated_event_is_detected_even_when_re_signed(
        store: Store, users: dict[str, CurrentUser]) -> None:
    _work(store, users)
    rows = _events(store)
    earlier = rows[-3]["at"] - dt.timedelta(days=3)
    _rewrite_from(store, rows[-2]["seq"], {"at": earlier}, resign=True)
    problems = _problems(store)
    assert any("times never go back" in p for p in problems), problems
    assert any("no longer reached" in p for p in problems), problems


def test_a_workstation_clock_set_back_cannot_backdate(store: Store, users: dict[str, CurrentUser],
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    _work(store, users)
    monkeypatch.setattr(store_audit, "utc_now",
                        lambda: dt.datetime.now(dt.UTC) - dt.timedelta(days=2))
    if store.is_sqlite:
        with pytest.raises(EnvironmentFault, match="clock"):
            patients.import_case(store, users["doc"], fictitious_case("TR-9"))
        return
    # PostgreSQL: the event is dated by the server, whatever this computer's clock says.
    patients.import_case(store, users["doc"], fictitious_case("TR-9"))
    last = _events(store)[-1]["at"]
    assert abs(last - dt.datetime.now(dt.UTC)) < dt.timedelta(minutes=1)


def test_the_server_refuses_an_event_not_dated_by_its_clock(store: Store,
                                                            users: dict[str, CurrentUser]) -> None:
    if store.is_sqlite:
        pytest.skip("PostgreSQL only: the trigger that checks event times")
    _work(store, users)
    with pytest.raises(Exception, match="server clock"), store.engine.begin() as conn:
        conn.execute(text(
            "INSERT INTO audit_events (seq, at, username, action, entity, prev_hash, hash) "
            "SELECT MAX(seq) + 1, TIMESTAMP '2020-01-01', 'x', 'x', 'x', 'x', 'x' "
            "FROM audit_events"))
    with pytest.raises(Exception, match="append-only"), store.engine.begin() as conn:
        conn.execute(text("DELETE FROM audit_events WHERE seq = 1"))


@pytest.mark.parametrize("statement, found", [
    ("UPDATE blinatumomab_cycles SET weight_kg = weight_kg * 10", "patient TR-2: its rows differ"),
    ("UPDATE patients SET name = 'Someone Else' WHERE study_id = 'TR-2'",
     "patient TR-2: its rows differ"),
    ("UPDATE users SET role = 'administrator' WHERE username = 'nurse'",
     "user nurse: its rows differ"),
    ("INSERT INTO users (username, role, password_hash, failed_attempts, locked, active, "
     "created_at) VALUES ('rogue', 'administrator', 'x', 0, false, true, '2026-01-01')",
     "user rogue: has rows no audit event records"),
])
def test_a_direct_row_edit_without_an_event_is_detected(store: Store,
                                                        users: dict[str, CurrentUser],
                                                        statement: str, found: str) -> None:
    _work(store, users)
    if "blinatumomab_cycles" in statement:
        statement += " WHERE patient_id = (SELECT id FROM patients WHERE study_id = 'TR-2')"
    _attack(store, statement)
    problems = _problems(store)
    assert any(found in p for p in problems), problems
    assert not any("event" in p and "signature" in p for p in problems)  # the events are fine


def test_the_anchor_file_and_the_short_form(store: Store, users: dict[str, CurrentUser]) -> None:
    _work(store, users)
    anchor = audit.audit_anchor(store)
    assert anchor.seq == _events(store)[-1]["seq"]
    assert anchor.short == f"audit {anchor.seq} · {anchor.hash[:12]}"
    assert read_anchors()[-1].hash == anchor.hash
    assert (store_audit.anchor_path().stat().st_mode & 0o777) == 0o600
    assert (site_signer_path_mode() & 0o777) == 0o600


def site_signer_path_mode() -> int:
    from interfant_desktop.store.audit_signing import site_key_path

    return site_key_path().stat().st_mode


def test_a_key_that_is_not_the_sites_is_reported(store: Store, users: dict[str, CurrentUser],
                                                 tmp_path: Any, monkeypatch: pytest.MonkeyPatch
                                                 ) -> None:
    _work(store, users)
    monkeypatch.setenv("INTERFANT_SITE_KEY", str(tmp_path / "other-key.pem"))
    problems = _problems(store)
    assert any("not the site's signing key" in p for p in problems), problems
