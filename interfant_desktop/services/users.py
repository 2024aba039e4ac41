"""User administration (administrators only, except changing one's own password).

API: ``add_user(store, admin, username, role, password, full_name=None, *, admin_password)
-> UserView``, ``list_users(store, admin) -> list[UserView]``,
``reset_password(store, admin, username, new_password, *, admin_password) -> None`` (also
unlocks), ``certify_key(store, admin, username, *, admin_password) -> str``,
``unlock_user(store, admin, username)``, ``set_active(store, admin, username, active)``,
``change_own_password(store, user, old_password, new_password)``,
``change_temporary_password(store, username, temporary_password, new_password) ->
CurrentUser`` (the first sign-in after ``add_user`` or ``reset_password``: their
password is temporary and ``auth.sign_in`` refuses it with ``PasswordChangeRequired``),
``too_few_administrators(store, user) -> int | None`` and
``administrator_warning(store, user) -> str | None`` (a site with fewer than two
active administrators).
Roles: administrator, physician, pharmacist, nurse, data_manager.

Creating an account or resetting its password issues a new signing key pair certified
by the administrator, who gives their own password again (``admin_password``) to unlock
their key; changing one's own password re-encrypts one's private key.
"""

from __future__ import annotations

import datetime as dt
from contextlib import ExitStack
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from interfant_desktop.services import auth, lockout, sessions, signing_keys
from interfant_desktop.services.accounts import checked_session, checked_transaction
from interfant_desktop.services.auth import check_password_rules, check_username, sign_in
from interfant_desktop.services.errors import (
    AlreadyExists,
    AuthenticationError,
    InputError,
    NotFound,
    PasswordChangeRequired,
)
from interfant_desktop.services.permissions import ROLES, CurrentUser, Permission, require
from interfant_desktop.services.store_access import Store
from interfant_desktop.services.text_input import check_full_name
from interfant_desktop.services.user_lookup import account_named
from interfant_desktop.store import pg_roles
from interfant_desktop.store.audit import append_event, database_identity
from interfant_desktop.store.models import SigningKey, User, utc_now
from interfant_desktop.store.passwords import hash_password, verify_password


@dataclass(frozen=True)
class UserView:
    username: str
    role: str
    full_name: str | None
    locked: bool
    active: bool
    created_at: dt.datetime
    last_sign_in_at: dt.datetime | None


def _view(user: User) -> UserView:
    locked = user.locked and lockout.is_locked(user.locked_until, utc_now())
    return UserView(user.username, user.role, user.full_name, locked, user.active,
                    user.created_at, user.last_sign_in_at)


def _get(session: Session, username: str) -> User:
    user = account_named(session, username)
    if user is None:
        raise NotFound(f"no user {username!r}")
    return user


def _issuer(session: Session, issuer_id: int) -> SigningKey:
    issuer = session.get(SigningKey, issuer_id)
    assert issuer is not None  # unlocked a moment ago; keys are never deleted
    return issuer


def add_user(store: Store, admin: CurrentUser, username: str, role: str, password: str,
             full_name: str | None = None, *, admin_password: str) -> UserView:
    """A new account with a signing key pair certified by ``admin`` (who re-authenticates
    with ``admin_password``)."""
    require(admin, Permission.MANAGE_USERS)
    name = check_username(username)
    full_name = check_full_name(full_name)
    if role not in ROLES:
        raise InputError("role", f"must be one of {', '.join(ROLES)}; got {role!r}")
    check_password_rules(password, name)
    password_hash = hash_password(password)
    issuer_id, issuer_private = signing_keys.issuer_for(store, admin, admin_password)
    try:
        with checked_transaction(store, admin) as session:
            if session.execute(select(User.id).where(User.username == name)).first():
                raise AlreadyExists(f"user {name!r} already exists", field="username")
            user = User(username=name, role=role, full_name=full_name,
                        password_hash=password_hash, must_change_password=True)
            session.add(user)
            session.flush()
            append_event(session, username=admin.username, action="create", entity="user",
                         entity_key=name, new={"role": role, "full_name": full_name})
            _add_login_role(store, session, name, password, role)
            signing_keys.issue_key(session, _issuer(session, issuer_id), issuer_private, name,
                                   full_name, role, password)
            return _view(user)
    except IntegrityError:
        raise AlreadyExists(f"user {name!r} already exists", field="username") from None


def _add_login_role(store: Store, session: Session, username: str, password: str,
                    role: str) -> None:
    """PostgreSQL with per-user login roles: the new user's own role, in this transaction."""
    if store.is_sqlite:
        return
    conn = session.connection()
    if pg_roles.roles_installed(conn):
        pg_roles.create_login_role(conn, username, password, role)


def _alter_login_role(store: Store, session: Session, username: str, *,
                      password: str | None = None, login: bool | None = None) -> None:
    """PostgreSQL with per-user login roles: keep the login role's password and whether
    it may sign in the same as the app account's, in this transaction."""
    if store.is_sqlite:
        return
    conn = session.connection()
    if pg_roles.roles_installed(conn) and pg_roles.login_role_exists(conn, username):
        pg_roles.alter_login_role(conn, username, password=password, login=login)


def install_login_roles(store: Store, admin_name: str, password: str) -> None:
    """PostgreSQL, run by ``init`` as the schema owner: the group roles and grants, and
    the first administrator's own login role."""
    with store.engine.begin() as conn:
        pg_roles.install_roles(conn)
        pg_roles.create_login_role(conn, admin_name, password, "administrator")


def list_users(store: Store, admin: CurrentUser) -> list[UserView]:
    require(admin, Permission.MANAGE_USERS)
    with checked_session(store, admin) as session:
        return [_view(u) for u in session.execute(select(User).order_by(User.username)).scalars()]


def reset_password(store: Store, admin: CurrentUser, username: str, new_password: str, *,
                   admin_password: str) -> None:
    """Set a new password and unlock the account; the old signing key is revoked and a
    new key pair certified by ``admin`` (who re-authenticates) is issued."""
    require(admin, Permission.MANAGE_USERS)
    check_password_rules(new_password, username)
    password_hash = hash_password(new_password)
    issuer_id, issuer_private = signing_keys.issuer_for(store, admin, admin_password)
    with checked_transaction(store, admin) as session:
        user = _get(session, username)
        user.password_hash = password_hash
        user.must_change_password = True  # the user chooses their own at the next sign-in
        clear_lock(user)
        append_event(session, username=admin.username, action="reset_password", entity="user",
                     entity_key=username)
        _alter_login_role(store, session, username, password=new_password)
        signing_keys.issue_key(session, _issuer(session, issuer_id), issuer_private, username,
                               user.full_name, user.role, new_password)


def certify_key(store: Store, admin: CurrentUser, username: str, *,
                admin_password: str) -> str:
    """Certify the signing key an account from an older database made at its first
    sign-in (returns its fingerprint)."""
    return signing_keys.certify_pending_key(store, admin, username,
                                            admin_password=admin_password)


def clear_lock(user: User) -> None:
    """No lock and no wrong passwords counted (unlock, reset, recovery)."""
    user.failed_attempts, user.locked, user.locked_until = 0, False, None


def unlock_user(store: Store, admin: CurrentUser, username: str) -> None:
    require(admin, Permission.MANAGE_USERS)
    with checked_transaction(store, admin) as session:
        user = _get(session, username)
        old = user.locked and lockout.is_locked(user.locked_until, utc_now())
        clear_lock(user)
        append_event(session, username=admin.username, action="unlock", entity="user",
                     entity_key=username, field="locked", old=old, new=False)


def set_active(store: Store, admin: CurrentUser, username: str, active: bool) -> None:
    """Deactivate (or reactivate) an account; accounts are never deleted (audit trail)."""
    require(admin, Permission.MANAGE_USERS)
    if username == admin.username and not active:
        raise InputError("an administrator cannot deactivate their own account")
    with checked_transaction(store, admin) as session:
        user = _get(session, username)
        old = user.active
        user.active = active
        append_event(session, username=admin.username, action="set_active", entity="user",
                     entity_key=username, field="active", old=old, new=active)
        _alter_login_role(store, session, username, login=active)


def change_own_password(store: Store, user: CurrentUser, old_password: str,
                        new_password: str) -> None:
    """Change one's own password; the private signing key is re-encrypted under it."""
    check_password_rules(new_password, user.username)
    with checked_transaction(store, user) as session:
        row = _get(session, user.username)
        if not verify_password(row.password_hash, old_password):
            raise AuthenticationError("the current password is wrong; nothing was changed",
                                      field="current_password")
        row.password_hash = hash_password(new_password)
        row.must_change_password = False  # chosen by the user: their own from now on
        signing_keys.reseal_key(session, user.username, old_password, new_password)
        append_event(session, username=user.username, action="change_password",
                     entity="user", entity_key=user.username)
        _alter_login_role(store, session, user.username, password=new_password)


def change_temporary_password(store: Store, username: str, temporary_password: str,
                              new_password: str) -> CurrentUser:
    """First sign-in with a temporary password (set by an administrator): the user
    chooses their own, their private signing key is re-encrypted under it, and they are
    signed in (all audited). Refused with the wrong temporary password (counted like a
    wrong sign-in), a locked account, or a new password that breaks the rules or is the
    temporary one."""
    check_password_rules(new_password, username)
    if new_password == temporary_password:
        raise InputError("new_password", "choose a password of your own, not the temporary one",
                         label="new password")
    try:  # the one sign-in rule: wrong passwords count and lock as usual
        sign_in(store, username, temporary_password)
    except PasswordChangeRequired:
        pass
    else:  # not (or no longer) temporary: the normal password change applies
        raise InputError("the password is not a temporary one; use Change password")
    password_hash = hash_password(new_password)
    # (own_key: closed after the commit, where the event is signed with the user's key)
    with ExitStack() as own_key, store.transaction() as session:
        row = _get(session, username)
        row.password_hash = password_hash
        row.must_change_password = False
        row.last_sign_in_at = utc_now()
        own_key.enter_context(sessions.own_key_signing(
            username, database_identity(session),
            auth.session_signer(session, username, temporary_password)))
        signing_keys.reseal_key(session, username, temporary_password, new_password)
        append_event(session, username=username, action="change_password", entity="user",
                     entity_key=username, reason="temporary password replaced at first sign-in")
        _alter_login_role(store, session, username, password=new_password)
    # The one sign-in path: it issues the session and unlocks the re-sealed key.
    return sign_in(store, username, new_password)


MIN_ADMINISTRATORS = 2


def active_administrators(session: Session) -> int:
    """How many active administrator accounts the site has."""
    return len(session.execute(select(User.id).where(
        User.role == "administrator", User.active.is_(True))).all())


def too_few_administrators(store: Store, user: CurrentUser) -> int | None:
    """For an administrator: the number of active administrators while it is below
    :data:`MIN_ADMINISTRATORS` (one forgotten password then needs the break-glass
    recovery); None when there are enough, or ``user`` is no administrator."""
    if not user.can(Permission.MANAGE_USERS):
        return None
    with checked_session(store, user) as session:
        count = active_administrators(session)
    return count if count < MIN_ADMINISTRATORS else None


def administrator_warning(store: Store, user: CurrentUser) -> str | None:
    """:func:`too_few_administrators` as one line for the command line (None: no warning)."""
    count = too_few_administrators(store, user)
    if count is None:
        return None
    return (f"this site has {'only one' if count == 1 else 'no'} active administrator; add a "
            "second (`users add NAME --role administrator`) so that one locked-out or "
            "absent administrator does not need the break-glass recovery")
