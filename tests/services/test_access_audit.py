"""Issue 15, item 10 (audit), on SQLite and on PostgreSQL: successful sign-ins, failed
sign-ins for unknown names and permission refusals were not audited, and audit events
did not name the workstation. Each is an event now, naming the workstation, and the
workstation is part of what the event's signature covers."""

from __future__ import annotations

import pytest
from sqlalchemy import select, text, update

from interfant_desktop.services import auth
from interfant_desktop.services.audit import verify_audit
from interfant_desktop.services.errors import AuthenticationError, PermissionDenied
from interfant_desktop.services.permissions import CurrentUser
from interfant_desktop.services.store_access import Store
from interfant_desktop.store.audit import verify_chain
from interfant_desktop.store.models import AuditEvent
from tests.store.fixtures import PASSWORD

STATION = "WARD-3-PC-07"


def _events(store: Store) -> list[tuple[str, str, str | None, str | None]]:
    with store.sessions() as session:
        return [(e.username, e.action, e.entity_key, e.workstation) for e in session.execute(
            select(AuditEvent).where(AuditEvent.action.in_(
                ("sign_in", "sign_in_failed", "permission_denied"))).order_by(AuditEvent.seq)
        ).scalars()]


def test_sign_ins_unknown_names_and_refusals_are_audited_with_the_workstation(
        store: Store, users: dict[str, CurrentUser], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INTERFANT_WORKSTATION", STATION)
    assert _events(store) == []
    nurse = auth.sign_in(store, "nurse", PASSWORD)
    with pytest.raises(AuthenticationError):
        auth.sign_in(store, "no.such.user", PASSWORD)
    with pytest.raises(PermissionDenied):
        verify_audit(store, nurse)
    with pytest.raises(AuthenticationError):
        auth.sign_in(store, "nurse", "not-the-password")
    assert _events(store) == [
        ("nurse", "sign_in", "nurse", STATION),
        ("(unknown)", "sign_in_failed", "'no.such.user'", STATION),
        ("nurse", "permission_denied", "VERIFY_AUDIT", STATION),
        ("nurse", "sign_in_failed", "nurse", STATION),
    ]
    assert verify_audit(store, users["admin"]).ok


def test_the_workstation_is_signed_with_the_event(store: Store, users: dict[str, CurrentUser],
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INTERFANT_WORKSTATION", STATION)
    auth.sign_in(store, "doc", PASSWORD)
    with store.transaction() as session:  # someone with the database owner's credential
        if not store.is_sqlite:  # (past the append-only triggers, as the owner can)
            session.execute(text("ALTER TABLE audit_events DISABLE TRIGGER USER"))
        session.execute(update(AuditEvent).where(AuditEvent.action == "sign_in")
                        .values(workstation="PHARMACY-PC-01"))
    with store.sessions() as session:
        report = verify_chain(session)
    assert [p for p in report.problems if "was changed after it was recorded" in p]
