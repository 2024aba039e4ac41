"""Signing in.

``sign_in(store, username, password) -> CurrentUser`` checks the argon2id hash.
After ``MAX_FAILED_ATTEMPTS`` wrong passwords in a row the account is locked for
a time that grows with every further wrong password (``services.lockout``), never
for ever; an administrator can unlock it at once (``users.unlock_user``). Failed
attempts and locking are recorded in the audit trail. ``create_first_administrator``
makes the first account of a new database (refused once any account exists);
``has_any_user(store)`` tells whether that first-run step is still needed;
``record_sign_out(store, user, reason)`` audits leaving the workstation (lock, switch user).
The first administrator's signing key is the site's root (``services.signing_keys``);
an account from an older database gets its key pair at its next sign-in.

Sign-in issues the session credential every service checks (``services.sessions``) and
unlocks the user's certified signing key for the session, so their audit events are
signed with it; ``sign_out(user)`` ends the session and drops the key.
"""

from __future__ import annotations

import datetime as dt
from contextlib import ExitStack

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from interfant_desktop.services import lockout, sessions
from interfant_desktop.services.errors import (
    AlreadyExists,
    AuthenticationError,
    InputError,
    PasswordChangeRequired,
)
from interfant_desktop.services.password_rules import MIN_PASSWORD_LENGTH as MIN_PASSWORD_LENGTH
from interfant_desktop.services.password_rules import check_new_password
from interfant_desktop.services.permissions import CurrentUser
from interfant_desktop.services.signing_keys import current_key, key_at_sign_in, make_root_key, sealed_of
from interfant_desktop.services.store_access import Store
from interfant_desktop.services.text_input import check_full_name, clean_field
from interfant_desktop.services.user_lookup import account_named
from interfant_desktop.store import signing
from interfant_desktop.store.audit import append_event, database_identity
from interfant_desktop.store.audit_signing import Ed25519Signer
from interfant_desktop.store.models import User, utc_now
from interfant_desktop.store.passwords import hash_password, needs_rehash, verify_password

MAX_FAILED_ATTEMPTS = lockout.LOCK_AFTER
UNKNOWN_USER = "(unknown)"  # the audited user of a sign-in with a name nobody has
# Verified when the user does not exist, so a wrong name takes as long as a wrong password.
_DUMMY_HASH = None


def check_password_rules(password: str, username: str | None = None) -> None:
    """See :func:`services.password_rules.check_new_password`."""
    check_new_password(password, username)


def check_username(username: str) -> str:
    name = clean_field(username.strip(), "username", label="user name")  # no NUL, no RLO
    if not name or len(name) > 64 or any(ch.isspace() for ch in name):
        raise InputError("username", "must be 1–64 characters without spaces", label="user name")
    return name


def may_sign_in(active: bool, lock_end: dt.datetime | None, now: dt.datetime) -> bool:
    """The one rule for an existing account, before its password is checked: it may sign
    in while it is active and not locked (a lock ends at ``lock_end``, see
    :mod:`services.lockout`). (No other code decides this.)"""
    return active and not (lock_end is not None and lockout.is_locked(lock_end, now))


def _dummy_hash() -> str:
    global _DUMMY_HASH
    if _DUMMY_HASH is None:
        _DUMMY_HASH = hash_password("not a password of anyone")
    return _DUMMY_HASH


def session_signer(session: Session, username: str, password: str) -> Ed25519Signer | None:
    """The user's certified signing key, unlocked for the session (None: no certified key
    yet, their events are signed with the site key)."""
    key = current_key(session, username)
    if key is None or key.certificate is None:
        return None
    try:
        return Ed25519Signer(signing.unlock(sealed_of(key), username, password), "user")
    except signing.WrongPassword:
        return None  # a key sealed under an older password: the site key signs instead


def sign_in(store: Store, username: str, password: str) -> CurrentUser:
    """The signed-in user, or :class:`AuthenticationError` (one message for all causes
    except a locked account, which the user must know about to get it unlocked)."""
    issued: list[CurrentUser] = []  # the session, ended again if the commit fails
    try:
        return _sign_in(store, username, password, issued)
    except BaseException:
        for user in issued:
            sessions.end(user)
        raise


def sign_out(user: CurrentUser | None) -> None:
    """End ``user``'s session (sign-out, the idle lock): their key is dropped and the
    ``CurrentUser`` no longer works."""
    sessions.end(user)


def _sign_in(store: Store, username: str, password: str, issued: list[CurrentUser]) -> CurrentUser:
    refused = AuthenticationError(f"sign-in refused for {username!r}: wrong user name or password")
    temporary = False
    # (own_key: closed after the commit, where the events are signed)
    with ExitStack() as own_key, store.transaction() as session:
        user = account_named(session, username)
        if user is None or not user.active:
            verify_password(_dummy_hash(), password)
            # Unknown names are audited too (quoted, cut short: it is whatever was typed).
            append_event(session, username=UNKNOWN_USER if user is None else username,
                         action="sign_in_failed", entity="user", entity_key=repr(username)[:120],
                         reason="unknown user name" if user is None else "account deactivated")
        else:
            now = utc_now()
            lock_end = user.locked_until if user.locked else None
            if not may_sign_in(user.active, lock_end, now):
                assert lock_end is not None
                minutes = lockout.minutes_left(lock_end, now)
                raise AuthenticationError(  # locked: the user must know, to get help
                    f"the account {username!r} is locked after repeated wrong passwords for "
                    f"{minutes} more minute{'s' if minutes != 1 else ''}; try again then, or ask "
                    "an administrator to unlock it")
            right = verify_password(user.password_hash, password)
            if right and user.must_change_password:
                # Right, but set by an administrator: no session until the user's own.
                user.failed_attempts, user.locked, user.locked_until = 0, False, None
                own_key.enter_context(sessions.own_key_signing(
                    user.username, database_identity(session),
                    session_signer(session, user.username, password)))
                append_event(session, username=user.username, action="sign_in_refused",
                             entity="user", entity_key=user.username,
                             reason="temporary password: a new one must be chosen first")
                temporary = True
            elif right:
                if needs_rehash(user.password_hash):  # older parameters: upgrade the hash now
                    user.password_hash = hash_password(password)
                user.failed_attempts, user.locked, user.locked_until = 0, False, None
                user.last_sign_in_at = now
                key_at_sign_in(session, user, password)  # accounts from before signatures
                # The session's key signs from here on: the sign-in event too.
                issued.append(sessions.issue(session, user,
                                             session_signer(session, user.username, password)))
                append_event(session, username=user.username, action="sign_in", entity="user",
                             entity_key=user.username)
                return issued[0]
            else:
                user.failed_attempts += 1
                append_event(session, username=username, action="sign_in_failed",
                             entity="user", entity_key=username, new=user.failed_attempts)
                until = lockout.locked_until(user.failed_attempts, now)
                if until is not None:
                    user.locked, user.locked_until = True, until
                    append_event(session, username=username, action="account_locked",
                                 entity="user", entity_key=username, new=until,
                                 reason=f"{user.failed_attempts} wrong passwords")
    # Committed (the failure count must persist); then refuse.
    if temporary:
        raise PasswordChangeRequired(
            f"the password of {username!r} is a temporary one set by an administrator: "
            "choose your own password to sign in", field="new_password")
    raise refused


def record_sign_out(store: Store, user: CurrentUser, reason: str) -> None:
    """Audit that ``user`` left the workstation (locked, switched user, signed out) and
    why; the caller forgets the signed-in user."""
    with store.transaction() as session:
        append_event(session, username=user.username, action="sign_out", entity="user",
                     entity_key=user.username, reason=reason[:500])


def record_discarded_changes(store: Store, username: str, where: str) -> None:
    """Audit that ``username`` chose to discard unsaved (never recorded) changes at a
    hand-over of the workstation; ``where`` names the pages and fields."""
    with store.transaction() as session:
        append_event(session, username=username, action="discard_unsaved", entity="user",
                     entity_key=username, reason=f"switch user: {where}"[:500])


def has_any_user(store: Store) -> bool:
    """Whether the database has at least one account (active or not): if not, the app
    offers to create the first administrator instead of the sign-in dialog."""
    with store.sessions() as session:
        return session.execute(select(User.id).limit(1)).first() is not None


def create_first_administrator(store: Store, username: str, password: str,
                               full_name: str | None = None) -> CurrentUser:
    """The first account of a new database; refused once any account exists."""
    name = check_username(username)
    full_name = check_full_name(full_name)
    check_password_rules(password, name)
    password_hash = hash_password(password)
    with store.transaction() as session:
        if session.execute(select(func.count()).select_from(User)).scalar_one():
            raise AlreadyExists("this database already has users; "
                                "an administrator adds more with `users add`")
        account = User(username=name, full_name=full_name, role="administrator",
                       password_hash=password_hash)
        session.add(account)
        session.flush()
        append_event(session, username=name, action="create", entity="user", entity_key=name,
                     new={"role": "administrator"}, reason="first administrator")
        make_root_key(session, name, full_name, password)  # the site's trust anchor
        signer = session_signer(session, name, password)
    # Signed in once the account is committed (its first events carry the site key).
    with store.sessions() as session:
        account = session.execute(select(User).where(User.username == name)).scalar_one()
        return sessions.issue(session, account, signer)
