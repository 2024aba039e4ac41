"""The account behind a ``CurrentUser``, checked again inside every service transaction.

A ``CurrentUser`` is only a claim: the object may be stale (the account was deactivated,
locked or given another role since sign-in) or made up by a caller (it then lacks the
session credential sign-in issues, see ``services.sessions``). Each service call
therefore re-reads the account in the transaction that does the work
(:func:`checked_transaction`), so a change committed by an administrator takes effect
at the next call and nothing is done on behalf of an account that does not allow it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import select
from sqlalchemy.orm import Session

from interfant_desktop.services import sessions
from interfant_desktop.services.errors import PermissionDenied
from interfant_desktop.services.permissions import CurrentUser
from interfant_desktop.services.store_access import Store
from interfant_desktop.store.models import User


class AccountRefused(PermissionDenied):
    """The account behind the ``CurrentUser`` does not exist, is inactive or locked, or
    has another role now: sign in again."""


def check_account(session: Session, user: CurrentUser) -> User:
    """The stored account of ``user``, or :class:`AccountRefused`."""
    row = session.execute(select(User).where(User.username == user.username)
                          ).scalar_one_or_none()
    if row is None:
        raise AccountRefused(f"there is no account {user.username!r}; nothing was done")
    if not row.active:
        raise AccountRefused(f"the account {user.username!r} is deactivated; nothing was done")
    if row.locked:
        raise AccountRefused(f"the account {user.username!r} is locked; an administrator must "
                             "unlock it; nothing was done")
    if row.role != user.role:
        raise AccountRefused(f"the account {user.username!r} is now "
                             f"{row.role.replace('_', ' ')}, not {user.role.replace('_', ' ')}: "
                             "sign in again; nothing was done")
    problem = sessions.problem(session, user, row)
    if problem is not None:
        raise AccountRefused(f"{user.username!r} {problem}: sign in; nothing was done")
    return row


@contextmanager
def checked_transaction(store: Store, user: CurrentUser) -> Iterator[Session]:
    """``store.transaction()`` that first re-checks ``user``'s account in it."""
    with store.transaction() as session:
        check_account(session, user)
        yield session


@contextmanager
def checked_session(store: Store, user: CurrentUser) -> Iterator[Session]:
    """A read-only session (no transaction block of its own) that re-checks the account."""
    with store.sessions() as session:
        check_account(session, user)
        yield session
