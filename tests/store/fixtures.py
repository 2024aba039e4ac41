"""Fixtures shared by tests/store and tests/services: a fresh database on SQLite and
on PostgreSQL (a new schema per test), users of every role, sample cases."""

from __future__ import annotations

import copy
import json
import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, select, text
from sqlalchemy.engine import make_url

from interfant_desktop.services import sessions, signing_keys
from interfant_desktop.services.permissions import CurrentUser
from interfant_desktop.services.store_access import Store, open_store
from interfant_desktop.store import signing
from interfant_desktop.store.audit import append_event, database_identity
from interfant_desktop.store.audit_signing import (
    Ed25519Signer,
    forget_user_signer,
    register_user_signer,
)
from interfant_desktop.store.models import SigningKey, User
from interfant_desktop.store.passwords import hash_password
from tests.conftest import shared_case_files

PG_ENV = "INTERFANT_TEST_PG_URL"
PASSWORD = "fictitious-pass-1"  # every test user's password
RICH_CASE = "12-hr-hsct-eligible.case.json"  # every section filled in


def pg_base_url() -> str:
    url = os.environ.get(PG_ENV)
    if not url:
        pytest.skip(f"{PG_ENV} is not set: start a server with "
                    "`eval \"$(tools/pg-test-server.sh start)\"` (CI always sets it)")
    return url


@contextmanager
def on_server(server_url: str, create: str, drop: str) -> Iterator[None]:
    """Run ``create`` (a schema, a role) on the PostgreSQL server for the block, and ``drop``
    however the block ends."""
    admin = create_engine(server_url)
    with admin.begin() as conn:
        conn.execute(text(create))
    try:
        yield
    finally:
        with admin.begin() as conn:
            conn.execute(text(drop))
        admin.dispose()


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A PostgreSQL URL whose search_path is a brand-new, empty schema."""
    base = pg_base_url()
    schema = f"t_{uuid.uuid4().hex[:12]}"
    url = make_url(base).update_query_dict({"options": f"-csearch_path={schema}"})
    with on_server(base, f'CREATE SCHEMA "{schema}"', f'DROP SCHEMA "{schema}" CASCADE'):
        yield url.render_as_string(hide_password=False)


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'interfant.sqlite3'}"


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest) -> str:
    """The same test on both databases."""
    name = "sqlite_url" if request.param == "sqlite" else "pg_url"
    url: str = request.getfixturevalue(name)
    return url


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    opened = open_store(db_url)
    try:
        yield opened
    finally:
        opened.close()


@lru_cache(maxsize=1)
def password_hash() -> str:
    """One argon2 hash for all test users (hashing is deliberately slow)."""
    return hash_password(PASSWORD)


ROLE_USERS = {"admin": "administrator", "doc": "physician", "doc2": "physician",
              "pharma": "pharmacist", "nurse": "nurse", "dm": "data_manager"}


@cache
def sealed_key(username: str) -> signing.SealedKey:
    """One sealed key pair per test user name, made once (argon2 is deliberately slow)."""
    return signing.new_key_pair(username, PASSWORD)


def add_keys(session: Any, roles: dict[str, str], root: str = "admin") -> None:
    """Give the accounts ``roles`` their signing keys as the app would: ``root`` (an
    administrator) holds the site's root key and certifies the others."""
    def row(name: str, role: str) -> SigningKey:
        sealed = sealed_key(name)
        key = SigningKey(username=name, role=role, public_key=sealed.public_key,
                         encrypted_private_key=sealed.encrypted_private_key, salt=sealed.salt,
                         nonce=sealed.nonce, kdf=sealed.kdf, kdf_params=sealed.kdf_params,
                         is_root=name == root)
        session.add(key)
        session.flush()
        return key

    def certified(key: SigningKey, action: str) -> None:
        signing_keys._certify(session, key, issuer, private)
        append_event(session, username=root, action=action, entity="signing_key",
                     entity_key=key.username,
                     new={"fingerprint": signing.fingerprint(key.public_key), "role": key.role})

    issuer = row(root, roles[root])
    private = signing.unlock(sealed_key(root), root, PASSWORD)
    certified(issuer, "create_root_key")
    for name, role in roles.items():
        if name != root:
            certified(row(name, role), "certify_key")


@pytest.fixture
def users(store: Store) -> dict[str, CurrentUser]:
    """One account per role (plus a second physician), as signed-in users, each with a
    signing key certified by the administrator (the site's root)."""
    return make_users(store)


def make_users(store: Store) -> dict[str, CurrentUser]:
    """The accounts of :func:`users` in ``store`` (e.g. a second site's database), signed in."""
    with store.sessions() as session:
        database = database_identity(session)
    # The administrator certifies while signed in: their events carry their own key.
    register_user_signer("admin", unlocked_signer("admin"), database)
    try:
        with store.transaction() as session:
            for name, role in ROLE_USERS.items():
                session.add(User(username=name, role=role, password_hash=password_hash()))
            session.flush()
            add_keys(session, ROLE_USERS)
    finally:
        forget_user_signer("admin", database)
    return {name: signed_in(store, name) for name in ROLE_USERS}


@cache
def unlocked_signer(username: str) -> Ed25519Signer:
    """The test user's key of :func:`sealed_key`, unlocked once (argon2 is slow)."""
    return Ed25519Signer(signing.unlock(sealed_key(username), username, PASSWORD), "user")


def signed_in(store: Store, username: str) -> CurrentUser:
    """A session for the existing account ``username``, as a sign-in with :data:`PASSWORD`
    gives it (without paying for argon2 again): the key of :func:`sealed_key` signs the
    user's audit events when it is the account's certified key."""
    with store.sessions() as session:
        account = session.execute(select(User).where(User.username == username)).scalar_one()
        key = signing_keys.current_key(session, username)
        signer = unlocked_signer(username) if key is not None and key.certificate is not None \
            and key.public_key == sealed_key(username).public_key else None
        return sessions.issue(session, account, signer)


def load_case(path: Path) -> dict[str, Any]:
    with path.open(encoding="utf-8") as fh:
        data: dict[str, Any] = json.load(fh)
    return data


def shared_cases() -> list[tuple[str, dict[str, Any]]]:
    return [(p.name, load_case(p)) for p in shared_case_files()]


def fictitious_case(study_id: str, name: str | None = "Zoë van der Berg",
                    hospital_number: str | None = "0048213") -> dict[str, Any]:
    """A complete fictitious case (from the first shared case) under another identity."""
    data = copy.deepcopy(dict(shared_cases())[RICH_CASE])
    data["patient"]["study_id"] = study_id
    if name is not None:
        data["patient"]["name"] = name
    if hospital_number is not None:
        data["patient"]["hospital_number"] = hospital_number
    return data
