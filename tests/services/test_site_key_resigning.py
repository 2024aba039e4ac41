"""Whoever holds the site key (the file on a workstation) and the database credential can
rewrite the audit trail and sign it again, but only with the site key. ``audit verify``
finds every event that should be signed by its user's own certified key and is signed by
the site key instead, and a certification removed or moved in the trail, even when the
attacker also removed the workstation's anchor file (SQLite and PostgreSQL)."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
from typing import Any

from sqlalchemy import select, text, update

from interfant_desktop.services import auth, corrections, patients
from interfant_desktop.services.audit import verify_audit
from interfant_desktop.services.permissions import CurrentUser
from interfant_desktop.services.store_access import Store
from interfant_desktop.store.audit import anchor_path, event_hash
from interfant_desktop.store.audit_signing import site_signer
from interfant_desktop.store.models import AuditEvent
from tests.store.fixtures import PASSWORD, fictitious_case

Users = dict[str, CurrentUser]


def _events(store: Store) -> list[dict[str, Any]]:
    table = AuditEvent.__table__
    with store.engine.connect() as conn:
        return [dict(r) for r in conn.execute(select(table).order_by(table.c.seq)).mappings()]


def _resign_from(store: Store, seq: int, change: dict[str, Any]) -> None:
    """What the holder of the site key can do: change event ``seq``, then give it and every
    later event a new hash and a site-key signature, move the head, and delete this
    workstation's anchor file (it lies beside the site key)."""
    site = site_signer()
    assert site is not None
    rows, updates = _events(store), []
    prev = rows[seq - 2]["hash"]
    for row in rows[seq - 1:]:
        if row["seq"] == seq:
            row.update(change)
        row["prev_hash"], row["signer"] = prev, site.key_id
        row["hash"] = event_hash(row, prev)
        row["signature"] = site.sign(bytes.fromhex(row["hash"])).hex()
        prev = row["hash"]
        updates.append({c: row[c] for c in ("seq", "at", "action", "reason", "new_value",
                                            "prev_hash", "hash", "signer", "signature")})
    table = AuditEvent.__table__
    with store.engine.begin() as conn:
        if not store.is_sqlite:
            conn.execute(text("SET LOCAL session_replication_role = replica"))
        for values in updates:
            conn.execute(update(table).where(table.c.seq == values["seq"]).values(**values))
        conn.execute(text("UPDATE audit_head SET last_hash = :h"), {"h": prev})
    anchor_path().unlink(missing_ok=True)


def _by_hand(store: Store, *statements: str) -> None:
    """SQL run directly with the database credential (PostgreSQL: triggers off)."""
    with store.engine.begin() as conn:
        if not store.is_sqlite:
            conn.execute(text("SET LOCAL session_replication_role = replica"))
        for statement in statements:
            conn.execute(text(statement))


def _seq_of(store: Store, **where: Any) -> int:
    with store.sessions() as session:
        return int(session.execute(select(AuditEvent.seq).filter_by(**where)
                                   .order_by(AuditEvent.seq)).scalars().first() or 0)


def _problems(store: Store, users: Users) -> str:
    return " | ".join(verify_audit(store, users["admin"]).problems)


def test_a_users_event_re_signed_with_the_site_key_is_found(store: Store, users: Users) -> None:
    for sid in ("SK-1", "SK-2"):
        patients.import_case(store, users["doc"], fictitious_case(sid))
    assert _problems(store, users) == ""
    seq = _seq_of(store, action="import", study_id="SK-1")
    _resign_from(store, seq, {"reason": "imported for someone else"})
    problems = _problems(store, users)
    assert f"event {seq} by doc (and any later ones by them) is signed by the site key, but " \
           "doc has signed with their own certified key since event" in problems, problems


def test_a_removed_certification_is_found(store: Store, users: Users) -> None:
    """The attacker rewrites the event that certified the nurse's key, so that the nurse's
    later events may carry the site key."""
    patients.import_case(store, users["doc"], fictitious_case("SK-3"))
    seq = _seq_of(store, action="certify_key", entity_key="nurse")
    _resign_from(store, seq, {"action": "create", "new_value": json.dumps({"role": "nurse"})})
    problems = _problems(store, users)
    assert "nurse's signing key (" in problems and "is certified, but no audit event records " \
           "its certification" in problems, problems


def test_a_certification_moved_in_time_is_found(store: Store, users: Users) -> None:
    seq = _seq_of(store, action="certify_key", entity_key="pharma")
    rows = _events(store)
    later = rows[-1]["at"] + dt.timedelta(hours=3)
    _resign_from(store, seq, {"at": later})
    problems = _problems(store, users)
    assert f"event {seq} certifies pharma's signing key at" in problems, problems


def test_refusals_recovery_and_confirmed_corrections_keep_the_site_key_and_verify(
        store: Store, users: Users) -> None:
    """What the app itself records with the site key for a user who has a key of their
    own is not reported: a wrong password and a correction applied at a second person's
    confirmation (written under the requester's name)."""
    patients.import_case(store, users["doc"], fictitious_case("SK-4"))
    auth.sign_out(users["nurse"])  # no session of the nurse here: the site key signs
    with contextlib.suppress(auth.AuthenticationError):
        auth.sign_in(store, "nurse", "not the password")
    record = patients.open_patient(store, users["doc"], "SK-4")
    request = corrections.Correction(corrections.FactRef("patient", field="name"),
                                     "Zoë van den Berg", "misspelt at registration")
    pending = corrections.correct_fact(store, users["doc"], "SK-4", record.version, request)
    assert pending.pending is not None
    auth.sign_out(users["doc"])  # the requester has left: the site key signs their "correct"
    corrections.confirm_correction(store, pending.pending.id, "doc2", PASSWORD)
    with store.sessions() as session:
        signed = {(e.username, e.action): e.signer for e in session.execute(
            select(AuditEvent)).scalars()}
    site = site_signer()
    assert site is not None
    assert signed[("nurse", "sign_in_failed")] == site.key_id
    assert signed[("doc", "correct")] == site.key_id
    assert _problems(store, users) == ""


def test_direct_edits_of_signatures_and_corrections_are_found(store: Store, users: Users) -> None:
    """Rows of the tables tracked since revision 0012 (signatures, corrections; the
    infusion record and toxicity likewise) changed in the database without an event."""
    from tests.order_helpers import verified_order

    patients.import_case(store, users["doc"], fictitious_case("SK-5"))
    order = verified_order(store, users["doc"], users["pharma"], "SK-5")
    record = patients.open_patient(store, users["doc"], "SK-5")
    request = corrections.Correction(corrections.FactRef("patient", field="name"),
                                     "Zoë van den Berg", "misspelt at registration")
    assert corrections.correct_fact(store, users["doc"], "SK-5", record.version,
                                    request).pending is not None
    assert _problems(store, users) == ""
    _by_hand(store, "UPDATE order_signatures SET printed_name = 'Dr Somebody Else' "
                    f"WHERE order_id = {order.id}",
             "UPDATE pending_corrections SET new_value = '\"Someone Else\"'")
    problems = _problems(store, users)
    assert f"signatures of order {order.id}: its rows differ from the audited history" \
        in problems, problems
    assert "patient SK-5, corrections and facts entered in error: its rows differ" in problems


def test_an_upgraded_trail_vouches_for_the_newly_tracked_rows_from_its_next_event(
        store: Store, monkeypatch: Any) -> None:
    """A trail written before signatures and the infusion record were tracked (as an older
    version wrote it): it still verifies; its next event records those rows as found
    (``start_tracking``), and a direct edit after that is found."""
    from interfant_desktop.store import audit as store_audit
    from tests.order_helpers import verified_order
    from tests.store.fixtures import make_users

    older = {name: spec for name, spec in store_audit.TRACKED_TABLES.items()
             if spec[0] not in store_audit.LATE_KINDS}
    with monkeypatch.context() as old_version:
        old_version.setattr(store_audit, "TRACKED_TABLES", older)
        old_version.setattr(store_audit, "LATE_KINDS", ())
        old_version.setattr(store_audit, "_tracking_started", lambda session: True)
        users = make_users(store)
        patients.import_case(store, users["doc"], fictitious_case("SK-6"))
        order = verified_order(store, users["doc"], users["pharma"], "SK-6")
    assert _problems(store, users) == ""
    patients.import_case(store, users["doc"], fictitious_case("SK-7"))  # the upgraded app
    assert [e["action"] for e in _events(store)].count("start_tracking") == 1
    assert _problems(store, users) == ""
    _by_hand(store, f"DELETE FROM order_signatures WHERE order_id = {order.id} "
                    "AND meaning = 'verified'")
    assert f"signatures of order {order.id}: its rows differ" in _problems(store, users)
