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
from dataclasses import dataclass

from sqlalchemy.orm import Session

from interfant_desktop.services.permissions import CurrentUser
from interfant_desktop.store.audit import database_identity
from interfant_desktop.store.audit_signing import (
    EventSigner,
    forget_user_signer,
    register_user_signer,
)
from interfant_desktop.store.models import User


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


def problem(session: Session, user: CurrentUser, account: User) -> str | None:
    """Why ``user`` is not a live session of ``account`` in this database (None: it is)."""
    issued = _live.get(user.session_token) if user.session_token else None
    if issued is None:
        return "is not signed in on this computer (or has signed out)"
    if (issued.account_id, issued.username, issued.role) != (account.id, user.username,
                                                             user.role) \
            or issued.database != database_identity(session):
        return "was signed in as someone else, or to another database"
    return None


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
