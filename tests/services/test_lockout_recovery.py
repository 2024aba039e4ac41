"""Issue 15, item 1: a lockout for a growing time (never for ever), unlocking, the
break-glass recovery and the warning while a site has fewer than two administrators."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import pytest
from sqlalchemy import select

from interfant_desktop.services import auth, lockout, recovery
from interfant_desktop.services import users as user_admin
from interfant_desktop.services.errors import AuthenticationError, InputError
from interfant_desktop.services.permissions import CurrentUser
from interfant_desktop.services.store_access import Store
from interfant_desktop.store.audit import verify_chain
from interfant_desktop.store.models import AuditEvent, SigningKey, User
from tests.store.fixtures import PASSWORD

NEW_PASSWORD = "fictitious-recovered-9"


class Clock:
    """The services' clock, moved by the test (no sleeping)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.now = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)
        for module in (auth, user_admin):
            monkeypatch.setattr(module, "utc_now", lambda: self.now)

    def advance(self, **delta: float) -> None:
        self.now += dt.timedelta(**delta)


def test_the_lock_grows_from_one_minute_and_is_capped() -> None:
    assert [lockout.lock_duration(n) for n in range(5)] == [None] * 5
    minutes = [lockout.lock_duration(n) // dt.timedelta(minutes=1)  # type: ignore[operator]
               for n in range(5, 12)]
    assert minutes == [1, 2, 4, 8, 16, 32, 60]
    assert lockout.lock_duration(10_000) == lockout.LONGEST_LOCK


def _fail(store: Store, name: str, times: int) -> None:
    for _ in range(times):
        with pytest.raises(AuthenticationError, match="wrong user name or password"):
            auth.sign_in(store, name, "not-the-password")


def test_the_only_administrator_locked_out_gets_back_in_by_waiting(
        store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    auth.create_first_administrator(store, "root", PASSWORD)
    clock = Clock(monkeypatch)
    _fail(store, "root", 5)
    with pytest.raises(AuthenticationError, match=r"locked .* for 1 more minute"):
        auth.sign_in(store, "root", PASSWORD)  # even the right password, during the lock
    clock.advance(seconds=61)
    _fail(store, "root", 1)  # the sixth wrong password: locked again, for longer
    with pytest.raises(AuthenticationError, match="for 2 more minutes"):
        auth.sign_in(store, "root", PASSWORD)
    clock.advance(minutes=2, seconds=1)
    assert auth.sign_in(store, "root", PASSWORD).role == "administrator"
    with store.sessions() as session:
        row = session.execute(select(User).where(User.username == "root")).scalar_one()
        assert (row.failed_attempts, row.locked, row.locked_until) == (0, False, None)
        actions = [e.action for e in session.execute(select(AuditEvent)).scalars()]
        assert actions.count("account_locked") == 2
        assert verify_chain(session).ok


def test_an_administrator_unlocks_at_once_and_the_list_shows_the_lock(
        store: Store, users: dict[str, CurrentUser], monkeypatch: pytest.MonkeyPatch) -> None:
    clock = Clock(monkeypatch)
    _fail(store, "nurse", 5)
    assert {u.username: u.locked for u in user_admin.list_users(store, users["admin"])}["nurse"]
    user_admin.unlock_user(store, users["admin"], "nurse")
    assert auth.sign_in(store, "nurse", PASSWORD).role == "nurse"
    _fail(store, "nurse", 5)
    clock.advance(minutes=5)  # the lock has run out: no longer listed as locked
    assert not {u.username: u.locked for u in user_admin.list_users(store, users["admin"])}["nurse"]


def test_an_account_locked_for_ever_by_an_older_version_is_not_locked_for_ever(
        store: Store, users: dict[str, CurrentUser]) -> None:
    # What migration 0005 leaves for such an account: locked, but no end of lock in force.
    with store.transaction() as session:
        row = session.execute(select(User).where(User.username == "doc")).scalar_one()
        row.failed_attempts, row.locked, row.locked_until = 5, True, None
    assert auth.sign_in(store, "doc", PASSWORD).role == "physician"


def _recovery_file(store: Store, content: str) -> Path:
    path = recovery.recovery_file(store)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(content, encoding="utf-8")
    return path


def test_break_glass_recovery_needs_the_file_and_is_audited_and_single_use(
        store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    auth.create_first_administrator(store, "root", PASSWORD)
    Clock(monkeypatch)
    _fail(store, "root", 5)
    with pytest.raises(AuthenticationError, match="write the user name root into"):
        recovery.recover_administrator(store, "root", NEW_PASSWORD)  # no file: refused
    path = _recovery_file(store, "someone-else\n")
    with pytest.raises(AuthenticationError, match="does not name 'root'"):
        recovery.recover_administrator(store, "root", NEW_PASSWORD)
    path.write_text("root\n", encoding="utf-8")
    with pytest.raises(InputError, match="password: is one of the 10,000 most common"):
        recovery.recover_administrator(store, "root", "password1")
    assert path.exists()  # a refused attempt does not use the file up
    done = recovery.recover_administrator(store, "root", NEW_PASSWORD)
    assert (done.username, done.created) == ("root", False)
    assert not path.exists()  # single use
    assert auth.sign_in(store, "root", NEW_PASSWORD).role == "administrator"
    with store.sessions() as session:
        event = session.execute(select(AuditEvent).where(
            AuditEvent.action == "break_glass_recovery")).scalar_one()
        assert "operating-system user" in (event.reason or "") and str(path) in (event.reason or "")
        assert verify_chain(session).ok
    with pytest.raises(AuthenticationError, match="write the user name"):
        recovery.recover_administrator(store, "root", "another-fictitious-7")


def test_break_glass_creates_a_missing_administrator_but_never_promotes(
        store: Store, users: dict[str, CurrentUser]) -> None:
    _recovery_file(store, "doc\n")
    with pytest.raises(InputError, match="is a physician, not an administrator"):
        recovery.recover_administrator(store, "doc", NEW_PASSWORD)
    _recovery_file(store, "newadmin\n")
    assert recovery.recover_administrator(store, "newadmin", NEW_PASSWORD).created
    assert auth.sign_in(store, "newadmin", NEW_PASSWORD).role == "administrator"


@pytest.mark.skipif(not hasattr(os, "symlink") or os.name != "posix", reason="POSIX links")
def test_break_glass_refuses_a_link(store: Store, tmp_path: Path) -> None:
    auth.create_first_administrator(store, "root", PASSWORD)
    target = tmp_path / "elsewhere.txt"
    target.write_text("root\n", encoding="utf-8")
    path = recovery.recovery_file(store)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.symlink_to(target)
    with pytest.raises(AuthenticationError, match="not a plain file"):
        recovery.recover_administrator(store, "root", NEW_PASSWORD)


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0,
                    reason="giving a file to another operating-system user needs root")
def test_break_glass_refuses_a_file_of_another_operating_system_user(store: Store) -> None:
    """The recovery needs the operating-system account that owns the data folder: a file
    someone else put there (a shared or too open folder) does not count."""
    auth.create_first_administrator(store, "root", PASSWORD)
    path = _recovery_file(store, "root\n")
    os.chown(path, 65534, 65534)  # nobody
    with pytest.raises(AuthenticationError, match="belongs to another operating-system user"):
        recovery.recover_administrator(store, "root", NEW_PASSWORD)
    assert path.exists()
    with pytest.raises(AuthenticationError, match="wrong user name or password"):
        auth.sign_in(store, "root", NEW_PASSWORD)
    os.chown(path, os.getuid(), os.getgid())
    assert recovery.recover_administrator(store, "root", NEW_PASSWORD).username == "root"


def test_a_site_with_one_administrator_is_warned(store: Store,
                                                 users: dict[str, CurrentUser]) -> None:
    admin = users["admin"]
    warning = user_admin.administrator_warning(store, admin)
    assert warning is not None and "only one active administrator" in warning
    assert user_admin.administrator_warning(store, users["doc"]) is None  # administrators only
    user_admin.add_user(store, admin, "admin2", "administrator", "second-admin-fictitious",
                        admin_password=PASSWORD)
    assert user_admin.administrator_warning(store, admin) is None
    user_admin.set_active(store, admin, "admin2", False)
    assert user_admin.administrator_warning(store, admin) is not None


def test_upgrading_ends_the_for_ever_locks_of_an_older_version(db_url: str) -> None:
    from sqlalchemy import insert

    from interfant_desktop.services.store_access import open_store
    from interfant_desktop.store.db import make_engine
    from interfant_desktop.store.migrate import upgrade_to_revision
    from tests.store.fixtures import password_hash

    engine = make_engine(db_url)
    upgrade_to_revision(engine, "0003")  # the schema before 0005: no locked_until
    with engine.begin() as conn:
        conn.execute(insert(User.__table__).values(
            username="root", role="administrator", password_hash=password_hash(),
            failed_attempts=5, locked=True, active=True, created_at=dt.datetime.now(dt.UTC)))
    engine.dispose()
    store = open_store(db_url)  # migrates to head
    try:
        _fail(store, "root", 1)  # the count stayed: one more wrong password locks again
        with pytest.raises(AuthenticationError, match="for 2 more minutes"):
            auth.sign_in(store, "root", PASSWORD)
        with store.transaction() as session:  # ... until the 2 minutes have passed
            row = session.execute(select(User).where(User.username == "root")).scalar_one()
            row.locked_until = dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1)
        assert auth.sign_in(store, "root", PASSWORD).role == "administrator"
    finally:
        store.close()


def test_the_recovered_administrator_is_re_keyed_and_can_certify_again(
        store: Store, users: dict[str, CurrentUser]) -> None:
    from interfant_desktop.services import order_workflow, patients, signing_keys
    from interfant_desktop.services.audit import verify_audit
    from tests.order_helpers import verified_order
    from tests.store.fixtures import fictitious_case

    patients.import_case(store, users["doc"], fictitious_case("RK-1"))
    order = verified_order(store, users["doc"], users["pharma"], "RK-1")
    old_root = signing_keys.site_fingerprint(store)
    assert old_root is not None
    _recovery_file(store, "admin\n")
    done = recovery.recover_administrator(store, "admin", NEW_PASSWORD)
    assert done.fingerprint and done.fingerprint != old_root
    assert signing_keys.site_fingerprint(store) == done.fingerprint  # printed on orders now
    admin = auth.sign_in(store, "admin", NEW_PASSWORD)
    with pytest.raises(signing_keys.SignatureRefused):  # the old key went with the old password
        user_admin.add_user(store, admin, "new.nurse", "nurse", "fictitious-nurse-42",
                            admin_password=PASSWORD)
    user_admin.add_user(store, admin, "new.nurse", "nurse", "fictitious-nurse-42",
                        admin_password=NEW_PASSWORD)
    with store.sessions() as session:
        keys = list(session.execute(select(SigningKey).where(SigningKey.username == "admin")
                                    .order_by(SigningKey.id)).scalars())
        assert [k.revoked_at is None for k in keys] == [False, True] and keys[1].is_root
        new_key = signing_keys.current_key(session, "new.nurse")
        assert new_key is not None and new_key.issuer_key_id == keys[1].id
        assert isinstance(signing_keys.check_key(store, session, new_key.id),
                          signing_keys.CheckedKey)
    # Signatures made under the old root still hold: the verified order prints.
    nurse = users["nurse"]
    fresh = order_workflow.get_order(store, nurse, order.id)
    order_workflow.print_order(store, nurse, fresh.id, fresh.version, password=PASSWORD)
    assert verify_audit(store, admin).ok
    # Another workstation, which knows only the old root, refuses the new one.
    pins = signing_keys._pins()
    pins.write_text(json.dumps({store.describe(): [old_root]}), encoding="utf-8")
    with store.sessions() as session:
        refused = signing_keys.check_key(store, session, new_key.id)
    assert isinstance(refused, str) and "this workstation knows" in refused
