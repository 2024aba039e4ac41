"""Signing in, account locking and user administration."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from interfant_desktop.services import auth
from interfant_desktop.services import users as user_admin
from interfant_desktop.services.errors import (
    AlreadyExists,
    AuthenticationError,
    InputError,
    PasswordChangeRequired,
)
from interfant_desktop.services.permissions import CurrentUser
from interfant_desktop.services.store_access import Store
from interfant_desktop.store.models import User
from tests.store.fixtures import PASSWORD


def test_sign_in_returns_the_user_with_role(store: Store, users: dict[str, CurrentUser]) -> None:
    assert auth.sign_in(store, "pharma", PASSWORD) == CurrentUser("pharma", "pharmacist")


def test_wrong_password_and_unknown_user_say_the_same(store: Store,
                                                      users: dict[str, CurrentUser]) -> None:
    with pytest.raises(AuthenticationError) as wrong:
        auth.sign_in(store, "doc", "not the password")
    with pytest.raises(AuthenticationError) as unknown:
        auth.sign_in(store, "nobody", "not the password")
    assert str(wrong.value).replace("doc", "X") == str(unknown.value).replace("nobody", "X")


def test_five_failures_lock_the_account_until_an_administrator_unlocks_it(
        store: Store, users: dict[str, CurrentUser]) -> None:
    for _ in range(auth.MAX_FAILED_ATTEMPTS):
        with pytest.raises(AuthenticationError, match="wrong user name or password"):
            auth.sign_in(store, "nurse", "guess")
    with pytest.raises(AuthenticationError, match="locked"):
        auth.sign_in(store, "nurse", PASSWORD)  # even the right password
    user_admin.unlock_user(store, users["admin"], "nurse")
    assert auth.sign_in(store, "nurse", PASSWORD).role == "nurse"


def test_a_success_resets_the_failure_count(store: Store, users: dict[str, CurrentUser]) -> None:
    for _ in range(auth.MAX_FAILED_ATTEMPTS - 1):
        with pytest.raises(AuthenticationError):
            auth.sign_in(store, "doc", "guess")
    auth.sign_in(store, "doc", PASSWORD)
    with pytest.raises(AuthenticationError, match="wrong"):
        auth.sign_in(store, "doc", "guess")
    auth.sign_in(store, "doc", PASSWORD)


def test_passwords_are_stored_as_argon2id_hashes(store: Store) -> None:
    auth.create_first_administrator(store, "root", "a long passphrase")
    with store.sessions() as session:
        stored = session.execute(select(User.password_hash)).scalar_one()
    assert stored.startswith("$argon2id$") and "a long passphrase" not in stored
    assert "m=19456,t=2,p=1" in stored  # memory-hard: OWASP's 19 MiB, 2 passes


def test_an_older_hash_is_upgraded_at_the_next_successful_sign_in(store: Store) -> None:
    from argon2 import PasswordHasher

    auth.create_first_administrator(store, "root", "a long passphrase")
    old = PasswordHasher(time_cost=3, memory_cost=64 * 1024, parallelism=1).hash(
        "a long passphrase")
    with store.transaction() as session:
        session.execute(select(User)).scalar_one().password_hash = old
    with pytest.raises(AuthenticationError):
        auth.sign_in(store, "root", "wrong passphrase")
    with store.sessions() as session:
        assert session.execute(select(User.password_hash)).scalar_one() == old
    auth.sign_in(store, "root", "a long passphrase")  # the old hash still verifies
    with store.sessions() as session:
        upgraded = session.execute(select(User.password_hash)).scalar_one()
    assert upgraded != old and "m=19456,t=2,p=1" in upgraded
    auth.sign_in(store, "root", "a long passphrase")


def test_first_administrator_only_once(store: Store) -> None:
    admin = auth.create_first_administrator(store, "root", "a long passphrase")
    with pytest.raises(AlreadyExists):
        auth.create_first_administrator(store, "root2", "a long passphrase")
    added = user_admin.add_user(store, admin, "sam", "data_manager", "another passphrase",
                                admin_password="a long passphrase")
    assert added.role == "data_manager"
    with pytest.raises(AlreadyExists):
        user_admin.add_user(store, admin, "sam", "nurse", "another passphrase",
                            admin_password="a long passphrase")
    with pytest.raises(InputError, match="role"):
        user_admin.add_user(store, admin, "kim", "surgeon", "another passphrase",
                            admin_password="a long passphrase")
    with pytest.raises(InputError, match="at least 8"):
        user_admin.add_user(store, admin, "kim", "nurse", "short", admin_password="a long passphrase")
    assert [u.username for u in user_admin.list_users(store, admin)] == ["root", "sam"]


def test_deactivated_users_cannot_sign_in(store: Store, users: dict[str, CurrentUser]) -> None:
    user_admin.set_active(store, users["admin"], "doc2", False)
    with pytest.raises(AuthenticationError):
        auth.sign_in(store, "doc2", PASSWORD)
    user_admin.reset_password(store, users["admin"], "doc2", "a brand new one", admin_password=PASSWORD)
    user_admin.set_active(store, users["admin"], "doc2", True)
    with pytest.raises(PasswordChangeRequired):  # an administrator's password is temporary
        auth.sign_in(store, "doc2", "a brand new one")
    assert user_admin.change_temporary_password(
        store, "doc2", "a brand new one", "doc2-own-pass-7").username == "doc2"
    assert auth.sign_in(store, "doc2", "doc2-own-pass-7").username == "doc2"


def test_may_sign_in_is_the_one_account_rule() -> None:
    from interfant_desktop.services.auth import may_sign_in

    now = dt.datetime(2026, 12, 1, 12, 0)
    later = now + dt.timedelta(minutes=1)
    assert may_sign_in(active=True, lock_end=None, now=now)
    assert not may_sign_in(active=True, lock_end=later, now=now)
    assert may_sign_in(active=True, lock_end=now, now=now)  # the lock has ended
    assert not may_sign_in(active=False, lock_end=None, now=now)
    assert not may_sign_in(active=False, lock_end=later, now=now)
