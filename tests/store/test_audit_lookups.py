"""The look-up that runs on every process's first signed commit (has this signing key
entered the trail?) uses an index, so it does not read the whole trail, which grows
with every change ever made."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection, event
from sqlalchemy.orm import Session

from interfant_desktop.services.store_access import Store
from interfant_desktop.store import audit
from interfant_desktop.store.audit import append_event


@contextmanager
def _statements(conn: Connection) -> Iterator[list[tuple[str, Any]]]:
    seen: list[tuple[str, Any]] = []

    def record(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        seen.append((statement, parameters))

    event.listen(conn, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(conn, "before_cursor_execute", record)


def _plan(conn: Connection, statement: str, parameters: Any, sqlite: bool) -> str:
    raw = conn.connection.driver_connection
    assert raw is not None
    cursor = raw.cursor()
    if sqlite:
        cursor.execute("EXPLAIN QUERY PLAN " + statement, parameters)
        return " | ".join(str(row[-1]) for row in cursor.fetchall())
    cursor.execute("SET LOCAL enable_seqscan = off")  # any usable index is then taken
    cursor.execute("EXPLAIN " + statement, parameters)
    return " | ".join(str(row[0]) for row in cursor.fetchall())


def _lookup_plans(store: Store, lookup: Callable[[Session], object]) -> list[str]:
    with store.transaction() as session:
        conn = session.connection()
        with _statements(conn) as seen:
            lookup(session)
        trail = [(s, p) for s, p in seen if "audit_events" in s]
        assert trail, "the look-up asked the database nothing"
        return [_plan(conn, s, p, store.is_sqlite) for s, p in trail]


def _some_events(store: Store) -> None:
    for i in range(30):
        with store.transaction() as session:
            append_event(session, username="doc", action="change", entity="patient",
                         entity_key=f"T-{i}", study_id=f"T-{i}", field="diagnosis.consent",
                         old=None, new=True, reason=None)


def test_finding_a_signing_keys_entry_uses_the_index(store: Store) -> None:
    _some_events(store)
    audit._known_keys.clear()  # as in a new process
    plans = _lookup_plans(store, lambda s: audit._key_is_introduced(s, "0" * 32))
    for plan in plans:
        assert "ix_audit_events_action_entity_key" in plan, plan
        assert "SCAN audit_events" not in plan and "Seq Scan" not in plan, plan
