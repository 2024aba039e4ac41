"""The audit trail is hash-chained: any event changed, removed or inserted by hand
is detected (on SQLite and on PostgreSQL; there as a superuser who switched the
append-only triggers off)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Connection, delete, text, update

from interfant_desktop.services.store_access import Store
from interfant_desktop.store.audit import append_event, verify_chain
from interfant_desktop.store.models import AuditEvent, AuditHead


def _three_events(store: Store) -> None:
    for i in range(3):
        with store.transaction() as session:
            append_event(session, username="doc", action="change", entity="patient",
                         entity_key="T-1", study_id="T-1", field="diagnosis.consent",
                         old=None if i == 0 else bool(i % 2), new=bool((i + 1) % 2),
                         reason=None if i == 0 else "correction")


@contextmanager
def _by_hand(store: Store) -> Iterator[Connection]:
    """A connection as someone editing the database directly (PostgreSQL: a superuser
    with the append-only triggers off)."""
    with store.engine.begin() as conn:
        if not store.is_sqlite:
            conn.execute(text("SET LOCAL session_replication_role = replica"))
        yield conn


def _verify(store: Store) -> tuple[str, ...]:
    with store.transaction() as session:
        return verify_chain(session).problems


def test_an_untouched_chain_verifies(store: Store) -> None:
    _three_events(store)
    with store.transaction() as session:
        report = verify_chain(session)
        events = session.query(AuditEvent).order_by(AuditEvent.seq).all()
    # event 1 introduces the site signing key; then the three events
    assert report.ok and report.events == 4 and report.signed == 4
    assert [e.seq for e in events] == [1, 2, 3, 4]
    assert events[0].action == "add_signer"
    assert events[1].prev_hash == events[0].hash and events[2].prev_hash == events[1].hash
    assert events[0].at.tzinfo is not None  # UTC


def test_a_changed_value_is_detected(store: Store) -> None:
    _three_events(store)
    with _by_hand(store) as conn:
        conn.execute(update(AuditEvent).where(AuditEvent.seq == 3).values(new_value="true"))
    assert any("event 3 was changed" in p for p in _verify(store))


def test_a_changed_reason_with_a_recomputed_hash_breaks_the_next_link(store: Store) -> None:
    from interfant_desktop.store.audit import event_hash

    _three_events(store)
    with store.transaction() as session:
        event = session.get(AuditEvent, 3)
        assert event is not None
        event.reason = "rewritten by hand"
        forged = event_hash(event, event.prev_hash)  # a careful forger
        session.expunge(event)
    with _by_hand(store) as conn:
        conn.execute(update(AuditEvent).where(AuditEvent.seq == 3).values(
            reason="rewritten by hand", hash=forged))
    problems = _verify(store)
    assert any("event 4 does not follow" in p for p in problems)
    assert any("event 3: the signature does not match" in p for p in problems)


def test_a_removed_event_in_the_middle_is_detected(store: Store) -> None:
    _three_events(store)
    with _by_hand(store) as conn:
        conn.execute(delete(AuditEvent).where(AuditEvent.seq == 2))
    problems = _verify(store)
    assert any("missing" in p for p in problems)


def test_removing_the_last_event_is_detected(store: Store) -> None:
    _three_events(store)
    with _by_hand(store) as conn:
        conn.execute(delete(AuditEvent).where(AuditEvent.seq == 3))
    assert any("events were removed" in p for p in _verify(store))


def test_removing_everything_is_detected(store: Store) -> None:
    _three_events(store)
    with _by_hand(store) as conn:
        conn.execute(delete(AuditEvent))
    assert _verify(store)


def test_a_changed_time_is_detected(store: Store) -> None:
    _three_events(store)
    with _by_hand(store) as conn:
        conn.execute(text("UPDATE audit_events SET username = 'someone' WHERE seq = 1"))
    assert any("event 1 was changed" in p for p in _verify(store))


def test_appends_continue_the_chain_from_the_head(store: Store) -> None:
    _three_events(store)
    with store.transaction() as session:
        head = session.get(AuditHead, 1)
        assert head is not None and head.last_seq == 4
    _three_events(store)
    assert _verify(store) == ()
