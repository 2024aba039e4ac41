"""Opening the store: ``open_store(url)`` -> :class:`Store`.

``open_store`` resolves the database (``url``, else ``INTERFANT_DB``, else the SQLite
file in the user data folder), refuses a database made by a newer app version, and
runs pending migrations (after a backup of the SQLite file). A SQLite file is first
checked with ``PRAGMA quick_check`` (:mod:`interfant_desktop.store.integrity`): a
damaged one is refused with "the database file is damaged; restore the last
backup". Files of the data folder are set to owner-only
(:mod:`interfant_desktop.private_files`). The GUI opens one :class:`Store` at
start-up and passes it to every service call; each service call
uses one short transaction (``Store.transaction()``), so two windows or two
workstations never hold a transaction open across user think-time.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError, OperationalError, StatementError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from interfant_desktop.paths import user_data_dir
from interfant_desktop.private_files import secure_data_folder, sqlite_files, tighten
from interfant_desktop.services.errors import ConflictError, EnvironmentFault, StoreUnavailable
from interfant_desktop.services.permissions import CurrentUser, Permission, denial_listeners
from interfant_desktop.store.audit import AuditClockError, append_event
from interfant_desktop.store.db import (
    describe_url,
    is_sqlite,
    make_engine,
    make_sessionmaker,
    resolve_url,
    sqlite_path,
)
from interfant_desktop.store.errors import StoreError
from interfant_desktop.store.integrity import DAMAGED_MESSAGE as DAMAGED_MESSAGE
from interfant_desktop.store.integrity import is_damage_error, require_intact
from interfant_desktop.store.migrate import upgrade_to_head

CONFLICT_MESSAGE = ("{what} was changed by someone else since you opened it; "
                    "reload it and enter your change again (nothing was saved)")


@dataclass
class Store:
    """An open database: the engine, the session factory and where it is."""

    url: str
    engine: Engine
    sessions: sessionmaker[Session]
    migration_backup: Path | None = None
    _closed: bool = field(default=False, repr=False)
    _depth: int = field(default=0, repr=False)
    _denials: list[tuple[CurrentUser, Permission]] = field(default_factory=list, repr=False)

    @property
    def is_sqlite(self) -> bool:
        return is_sqlite(self.engine)

    @property
    def sqlite_file(self) -> Path | None:
        return sqlite_path(self.url)

    def require_intact(self) -> None:
        """``PRAGMA quick_check`` (PostgreSQL: its data checksums) now, before work that must
        not read a damaged file (a backup, ``audit verify``): :class:`StoreUnavailable` with
        the plain "damaged; restore the last backup" and nothing of the damaged content."""
        try:
            require_intact(self.engine)
        except StoreError as exc:
            raise StoreUnavailable(str(exc)) from None

    def describe(self) -> str:
        """The database location without any password, for messages and the title bar."""
        return describe_url(self.url)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One short transaction: committed on success, rolled back on any error.
        A lost optimistic-lock race surfaces as :class:`ConflictError`."""
        self._depth += 1
        try:
            with self.sessions() as session:
                try:
                    with session.begin():
                        yield session
                except StaleDataError:
                    raise ConflictError(CONFLICT_MESSAGE.format(what="The record")) from None
                except AuditClockError as exc:
                    raise EnvironmentFault(str(exc)) from None
        finally:
            self._depth -= 1
            if not self._depth and self._denials:
                self._record_denials()

    def note_denial(self, user: CurrentUser, permission: Permission) -> None:
        """Audit a refused action: now, or once no transaction of this store is open
        (a second transaction inside the first would wait for its lock on SQLite)."""
        self._denials.append((user, permission))
        if not self._depth:
            self._record_denials()

    def _record_denials(self) -> None:
        denials, self._denials = self._denials, []
        if self._closed:
            return
        try:
            with self.transaction() as session:
                for user, permission in denials:
                    append_event(session, username=user.username, action="permission_denied",
                                 entity="permission", entity_key=permission.name,
                                 new={"role": user.role}, reason=f"may not {permission.value}")
        except Exception:  # the refusal itself must still reach the user
            logging.getLogger(__name__).exception("could not audit a permission refusal")

    def close(self) -> None:
        if not self._closed:
            if self.note_denial in denial_listeners:
                denial_listeners.remove(self.note_denial)
            self.engine.dispose()
            self._closed = True


def says_file_damaged(error: BaseException) -> bool:
    """Whether ``error`` is the database saying its file is damaged (SQLite's "database
    disk image is malformed" and the like), met while the app was already running."""
    return isinstance(error, DBAPIError) and is_damage_error(error)


def open_store(url: str | None = None, *, migrate: bool = True) -> Store:
    """Open (and if needed create or upgrade) the database."""
    resolved = resolve_url(url)
    try:
        engine = make_engine(resolved)
    except Exception as exc:  # a malformed URL or a missing driver
        raise StoreUnavailable(f"cannot use database {resolved!r}: {exc}") from None
    path = sqlite_path(resolved)
    # Files an older version left readable by everyone are closed now (patient data).
    secure_data_folder(user_data_dir())
    if path is not None:
        tighten(sqlite_files(path))
    backup = None
    try:
        if path is not None and path.is_file() and path.stat().st_size > 0:
            require_intact(engine)  # a damaged file is neither migrated nor used
        if migrate:
            backup = upgrade_to_head(engine)
    except StoreError as exc:
        engine.dispose()
        raise StoreUnavailable(str(exc)) from None
    except (OperationalError, StatementError) as exc:
        engine.dispose()
        reason = str(getattr(exc, "orig", exc)).strip().splitlines()[0]
        raise StoreUnavailable(f"cannot open database {describe_url(resolved)}: {reason}") \
            from None
    store = Store(resolved, engine, make_sessionmaker(engine), backup)
    # Permission refusals are audited in the store opened last (the app and the CLI
    # have one open at a time).
    denial_listeners[:] = [store.note_denial]
    return store
