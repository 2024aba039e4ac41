"""Signed-in sessions: the credential only sign-in issues, checked by every service call.

A :class:`CurrentUser` names an account and its role, which anyone can write down. What
makes it a signed-in user is its ``session_token``: 32 random bytes drawn by
:func:`issue` when the password was right, kept in this process's table of live sessions
with the account's row id, name and role and the database it was signed in to. The
account re-check (:func:`services.accounts.check_account`) refuses a user whose token
this process did not issue for that account and database, or whose session has ended
(sign-out, the idle lock): a ``CurrentUser`` made up by a caller, even one naming a real
account with its real role, does nothing.

A session also holds the user's signing key, unlocked by the sign-in password, when the
key is certified: from then on the user's audit events are signed with it (see
:mod:`interfant_desktop.store.audit_signing`); :func:`end` drops it again.
"""

from __future__ import annotations

import secrets
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from interfant_desktop.services.permissions import CurrentUser
from interfant_desktop.store.audit import database_identity
from interfant_desktop.store.audit_signing import (
    EventSigner,
    forget_user_signer,
    register_user_signer,
    registered_user_signer,
)
from interfant_desktop.store.models import SigningKey, User


@dataclass(frozen=True)
class _Issued:
    """What a token was issued for."""

    account_id: int
    username: str
    role: str
    database: str
    signer: EventSigner | None


_lock = threading.Lock()
_live: dict[bytes, _Issued] = {}


def issue(session: Session, account: User, signer: EventSigner | None = None) -> CurrentUser:
    """A new session for ``account`` (whose password was just checked) in the database of
    ``session``; ``signer`` (the user's unlocked key) signs their audit events meanwhile.
    Only sign-in calls this."""
    token = secrets.token_bytes(32)
    database = database_identity(session)
    with _lock:
        _live[token] = _Issued(account.id, account.username, account.role, database, signer)
        if signer is not None:
            register_user_signer(account.username, signer, database)
    return CurrentUser(account.username, account.role, account.full_name, session_token=token)


@contextmanager
def own_key_signing(username: str, database: str, signer: EventSigner | None) -> Iterator[None]:
    """For one transaction of a user not signed in yet (the first sign-in with a temporary
    password): their own key, unlocked by the password they just proved, signs their
    events, so a trail cannot pass those off as re-signed with the site key. Put back as
    it was afterwards (a live session of theirs keeps its key)."""
    if signer is None:
        yield
        return
    with _lock:
        before = registered_user_signer(username, database)
        register_user_signer(username, signer, database)
    try:
        yield
    finally:
        with _lock:
            if before is not None:
                register_user_signer(username, before, database)
            else:
                forget_user_signer(username, database)


def problem(session: Session, user: CurrentUser, account: User) -> str | None:
    """Why ``user`` is not a live session of ``account`` in this database (None: it is)."""
    issued = _live.get(user.session_token) if user.session_token else None
    if issued is None:
        return "is not signed in on this computer (or has signed out)"
    if (issued.account_id, issued.username, issued.role) != (account.id, user.username,
                                                             user.role) \
            or issued.database != database_identity(session):
        return "was signed in as someone else, or to another database"
    if issued.signer is None and _has_certified_key(session, account.username):
        # Certified since this session began (an account from an older database): their
        # events must carry that key from now on (``audit verify`` insists), which only a
        # new sign-in unlocks.
        return "has a newly certified signing key, which a new sign-in unlocks"
    return None


def _has_certified_key(session: Session, username: str) -> bool:
    return session.execute(select(SigningKey.id).where(
        SigningKey.username == username, SigningKey.revoked_at.is_(None),
        SigningKey.certificate.is_not(None)).limit(1)).first() is not None


def end(user: CurrentUser | None) -> None:
    """End the session (sign-out, the idle lock): its token no longer works and its
    signing key is dropped (another live session of the same user keeps theirs)."""
    if user is None or user.session_token is None:
        return
    with _lock:
        issued = _live.pop(user.session_token, None)
        if issued is None or issued.signer is None:
            return
        other = next((s for s in _live.values() if s.signer is not None and
                      (s.username, s.database) == (issued.username, issued.database)), None)
        if other is not None and other.signer is not None:
            register_user_signer(other.username, other.signer, other.database)
        else:
            forget_user_signer(issued.username, issued.database)


@contextmanager
def signing_in_another_database(user: CurrentUser, engine: Engine) -> Iterator[None]:
    """Around a transaction in ``engine``'s database (a restore into an empty database,
    which then holds the restored accounts and keys but no session): ``user``'s events
    there are signed with the key of their live session elsewhere, as they are there."""
    issued = _live.get(user.session_token) if user.session_token else None
    database = database_identity(engine)
    if issued is None or issued.signer is None or issued.database == database:
        yield
        return
    with _lock:
        register_user_signer(issued.username, issued.signer, database)
    try:
        yield
    finally:
        with _lock:
            forget_user_signer(issued.username, database)
