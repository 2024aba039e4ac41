"""The audit trail signed by the acting user's own key, unlocked for the session at
sign-in; events without a signed-in user keep the site key. ``audit verify`` checks a
user's signature against the key the site certified for that user: a changed event, a
key nobody certified, another user's key and a forged certificate are each found
(SQLite and PostgreSQL)."""

from __future__ import annotations

import base64
from typing import Any

import pytest
from sqlalchemy import select, text, update

from interfant_desktop.services import auth, patients
from interfant_desktop.services.audit import verify_audit
from interfant_desktop.services.permissions import CurrentUser
from interfant_desktop.services.store_access import Store
from interfant_desktop.store.audit import database_identity
from interfant_desktop.store.audit_signing import (
    Ed25519Signer,
    forget_user_signer,
    key_id_of,
    register_user_signer,
    signer_for,
    site_signer,
)
from interfant_desktop.store.models import AuditEvent, SigningKey
from tests.store.fixtures import PASSWORD, fictitious_case, sealed_key, unlocked_signer

Users = dict[str, CurrentUser]


def _key_id(username: str) -> str:
    return key_id_of(base64.b64decode(sealed_key(username).public_key))


def _signers(store: Store, **where: str) -> list[tuple[str, str, str]]:
    """(user, action, signing key id) of the events, oldest first."""
    with store.sessions() as session:
        query = select(AuditEvent).filter_by(**where).order_by(AuditEvent.seq)
        return [(e.username, e.action, e.signer) for e in session.execute(query).scalars()]


def _database(store: Store) -> str:
    with store.sessions() as session:
        return database_identity(session)


def _attack(store: Store, statement: str, **params: Any) -> None:
    """SQL run directly, as with the database credential (PostgreSQL: triggers off)."""
    with store.engine.begin() as conn:
        if not store.is_sqlite:
            conn.execute(text("SET LOCAL session_replication_role = replica"))
        conn.execute(text(statement), params)


def _problems(store: Store, users: Users) -> tuple[str, ...]:
    return verify_audit(store, users["admin"]).problems


def test_a_signed_in_users_events_carry_their_own_key_and_the_rest_the_site_key(
        store: Store, users: Users) -> None:
    site = site_signer()
    assert site is not None
    auth.sign_out(users["doc"])  # (the fixture's session: a live one keeps the key)
    doc = auth.sign_in(store, "doc", PASSWORD)
    patients.import_case(store, doc, fictitious_case("US-1"))
    mine = [(a, k) for u, a, k in _signers(store, username="doc")]
    assert ("sign_in", _key_id("doc")) in mine and ("import", _key_id("doc")) in mine
    assert {k for u, a, k in _signers(store, action="add_signer")} == {site.key_id}
    auth.sign_out(doc)
    assert signer_for("doc", _database(store)).kind == "site"
    with pytest.raises(auth.AuthenticationError):
        auth.sign_in(store, "doc", "not the password")  # no session: the site key signs
    assert _signers(store, action="sign_in_failed")[-1] == ("doc", "sign_in_failed", site.key_id)
    assert _problems(store, users) == ()


def test_a_user_signed_event_changed_in_the_database_is_found(
        store: Store, users: Users) -> None:
    patients.import_case(store, users["doc"], fictitious_case("US-2"))
    with store.sessions() as session:
        event = session.execute(select(AuditEvent).where(
            AuditEvent.action == "import", AuditEvent.study_id == "US-2")).scalar_one()
    assert event.signer == _key_id("doc")
    _attack(store, "UPDATE audit_events SET reason = 'imported by someone else' WHERE seq = :seq",
            seq=event.seq)
    seq = event.seq
    assert f"event {seq} was changed after it was recorded" in _problems(store, users)


def test_a_key_the_site_did_not_certify_for_the_user_is_found(
        store: Store, users: Users) -> None:
    """Someone holding the site key's file makes the app sign ``doc``'s events with a key
    of their own, then with the nurse's key: the site key introduces both, but neither is
    ``doc``'s certified key."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    database = _database(store)
    rogue = Ed25519Signer(Ed25519PrivateKey.generate(), "user")
    try:
        register_user_signer("doc", rogue, database)
        patients.import_case(store, users["doc"], fictitious_case("US-3"))
        register_user_signer("doc", unlocked_signer("nurse"), database)
        patients.import_case(store, users["doc"], fictitious_case("US-4"))
    finally:
        forget_user_signer("doc", database)
    problems = " | ".join(_problems(store, users))
    assert f"is signed by key {rogue.key_id}, which is no user's certified signing key" in problems
    assert "is signed with the key of nurse" in problems


def test_a_forged_certificate_makes_the_users_signed_events_suspect(
        store: Store, users: Users) -> None:
    patients.import_case(store, users["doc"], fictitious_case("US-5"))
    assert _problems(store, users) == ()
    with store.transaction() as session:
        session.execute(update(SigningKey).where(SigningKey.username == "doc")
                        .values(full_name="Dr Somebody Else"))  # the certificate no longer fits
    assert any("signed by doc's key, but the certificate of doc's signing key is not valid" in p
               for p in _problems(store, users))


def test_the_gui_backend_unlocks_the_key_at_sign_in_and_drops_it_at_sign_out(
        store: Store, users: Users) -> None:
    from interfant_desktop.ui.backend import UiBackend

    backend = UiBackend(store)
    database = _database(store)
    for name in ("nurse", "pharma"):
        auth.sign_out(users[name])  # (the fixture's sessions: a live one keeps the key)
    backend.sign_in("nurse", PASSWORD)
    assert signer_for("nurse", database).key_id == _key_id("nurse")
    backend.sign_in("pharma", PASSWORD)  # another user at the same workstation
    assert signer_for("nurse", database).kind == "site"
    assert signer_for("pharma", database).key_id == _key_id("pharma")
    backend.sign_out()  # the idle lock does the same
    assert signer_for("pharma", database).kind == "site"
