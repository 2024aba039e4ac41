"""Working as the signed-in person's own PostgreSQL login role.

On a PostgreSQL database set up with per-user login roles (``init --per-user-roles``,
see :mod:`interfant_desktop.store.pg_roles`), the connection a workstation is configured
with (the "door": a URL with a shared application credential, or without a user name)
is used only until someone signs in. :func:`store_for` then opens the database again as
that person's own login role, with the password they typed (SCRAM: the server checks
it), and everything they do goes through it: the grants of their group role, the
row-level security and the triggers apply to *them*, and the server stamps their name
(``session_user``) on every audit row. Whatever the shared credential may do, it cannot
do what only a given user may.

A URL without a user name has no door at all (:func:`without_door`): nothing connects
before the sign-in. On SQLite, and on a PostgreSQL database without per-user roles, the
door itself is the user's store. A password the server refuses is a refused sign-in (one message for every
cause, as in :func:`services.auth.sign_in`), recorded in the audit trail through the
door when the door may write it.
"""

from __future__ import annotations

import logging

from sqlalchemy import URL
from sqlalchemy.engine import make_url

from interfant_desktop.services.errors import AuthenticationError, StoreUnavailable
from interfant_desktop.services.permissions import denial_listeners
from interfant_desktop.services.store_access import Store, open_store
from interfant_desktop.store import pg_roles
from interfant_desktop.store.audit import append_event
from interfant_desktop.store.db import describe_url, resolve_url

log = logging.getLogger(__name__)

#: How the server says no to a login (psycopg's messages).
_LOGIN_REFUSED = ("password authentication failed", "does not exist", "not permitted to log in")


def without_door(url: str) -> bool:
    """A PostgreSQL URL without a user name: nothing connects until someone signs in,
    and then as them (installers/README.md, "PostgreSQL with per-user login roles")."""
    parsed = make_url(url)
    return parsed.get_backend_name() == "postgresql" and not parsed.username


def resolve(url: str | None) -> str:
    """The database URL in use (``url``, else ``INTERFANT_DB``, else the SQLite file)."""
    return resolve_url(url)


def describe(url: str) -> str:
    """``url`` without its password, for the sign-in dialog and messages."""
    return describe_url(url)


def open_door(url: str | None) -> Store | None:
    """The store to use before anyone signs in: None for a URL :func:`without_door`."""
    resolved = resolve_url(url)
    return None if without_door(resolved) else open_store(resolved)


def uses_login_roles(door: Store) -> bool:
    """Whether ``door``'s database gives every app user their own login role."""
    if door.is_sqlite:
        return False
    with door.engine.connect() as conn:
        return pg_roles.roles_installed(conn)


def login_role_url(url: str, username: str, password: str) -> str:
    """The database of ``url`` (host, port, name, options) signed in to as ``username``."""
    parsed = make_url(url)
    own = URL.create(parsed.drivername, username=username, password=password,
                     host=parsed.host, port=parsed.port, database=parsed.database,
                     query=parsed.query)
    return own.render_as_string(hide_password=False)


def store_for(door: Store | None, url: str, username: str, password: str, *,
              audit_refusals: bool = True) -> Store:
    """The store to work in for ``username``: their own login role's connection to the
    database of ``url`` where it has per-user roles (no door, or
    :func:`uses_login_roles`), else ``door``.

    The new store becomes the one that audits permission refusals, except a store opened
    for one action (``audit_refusals=False``, e.g. a second person's confirmation)."""
    if door is not None and not uses_login_roles(door):
        return door
    previous = list(denial_listeners)
    try:
        store = open_store(login_role_url(url, username, password))
    except StoreUnavailable as exc:
        if not any(text in str(exc) for text in _LOGIN_REFUSED):
            raise
        if door is not None:
            _audit_refused(door, username)
        raise AuthenticationError(f"sign-in refused for {username!r}: wrong user name or "
                                  "password") from None
    if not audit_refusals:
        denial_listeners[:] = previous
    return store


def _audit_refused(door: Store, username: str) -> None:
    """Record a login the server refused (the door may append events: every member of
    staff may; a door that may not leaves the server's own log as the record)."""
    try:
        with door.transaction() as session:
            append_event(session, username=username, action="sign_in_failed", entity="user",
                         entity_key=repr(username)[:120],
                         reason="the database refused the login role's password")
    except Exception:  # the refusal itself must still reach the user
        log.warning("a refused database login could not be audited through the door")
