"""Schema migrations, run at start-up.

``upgrade_to_head(engine)`` brings a database to the schema this app knows:

1. It refuses a database whose revision this app does not know (made by a newer
   version): :class:`DatabaseTooNewError` with a message saying so.
2. If a migration is pending on an existing SQLite file, it copies the file first
   (SQLite online backup, so the copy is consistent) to
   ``<file>.before-<revision>-<UTC time>.bak`` beside it.
3. It runs the Alembic scripts in ``migrations/versions`` in one transaction with
   foreign keys switched off on the raw SQLite connection (inside a transaction
   the pragma would be silently ignored, and a batch table rebuild could then
   cascade-delete child rows), runs ``PRAGMA foreign_key_check`` before
   committing, and rolls everything back if a reference is broken.

The scripts are found relative to this package (no alembic.ini), so a frozen
bundle only needs the ``migrations`` folder collected as data.

Start-up speed: importing Alembic (and with it mako and pygments) costs more than
everything else the app needs to show the patient list. So ``upgrade_to_head`` first
reads ``alembic_version`` with one plain query and compares it with
:data:`HEAD_REVISION`, the newest script's revision kept as a constant in
:mod:`interfant_desktop.store.revision` (a test
checks it equals Alembic's own head, so the two cannot drift). Only when they differ
(a new or older database, one from a newer app, or anything unexpected) is Alembic
imported and the full procedure above run.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, text
from sqlalchemy.exc import DBAPIError

from interfant_desktop.private_files import tighten
from interfant_desktop.store.db import is_sqlite, sqlite_path
from interfant_desktop.store.errors import DatabaseTooNewError, MigrationError
from interfant_desktop.store.revision import HEAD_REVISION

if TYPE_CHECKING:  # Alembic is imported only when a migration may be needed
    from alembic.config import Config
    from alembic.script import ScriptDirectory

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
# Any constant: PostgreSQL advisory lock so two workstations never migrate at once.
_PG_MIGRATION_LOCK = 0x1F7E_2101


def alembic_config(connection: Connection | None = None) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.attributes["connection"] = connection
    return cfg


def script_directory() -> ScriptDirectory:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config())


def head_revision() -> str:
    head = script_directory().get_current_head()
    assert head is not None, "no migration scripts found"
    return head


def known_revisions() -> set[str]:
    return {script.revision for script in script_directory().walk_revisions()}


def current_revision(connection: Connection) -> str | None:
    from alembic.runtime.migration import MigrationContext

    return MigrationContext.configure(connection).get_current_revision()


def database_revision(engine: Engine) -> str | None:
    """The schema revision recorded in the database (None for an empty database)."""
    with engine.connect() as conn:
        return current_revision(conn)


def check_not_newer(revision: str | None) -> None:
    if revision is not None and revision not in known_revisions():
        raise DatabaseTooNewError(
            f"the database has schema revision {revision}, which this version of "
            "Interfant Desktop does not know: it was upgraded by a newer version. "
            "Use that version (or newer); nothing was changed.")


def backup_sqlite_file(source: Path, destination: Path) -> Path:
    """A consistent copy of a live SQLite database (the online backup API), fsynced,
    readable by its owner only (it holds patient data)."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    src = sqlite3.connect(str(source))
    try:
        dst = sqlite3.connect(str(destination))
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    tighten([destination])
    with destination.open("rb+") as fh:
        os.fsync(fh.fileno())
    return destination


def recorded_revisions(engine: Engine) -> list[str] | None:
    """The revisions in ``alembic_version`` by one plain query, without Alembic; None
    when the table cannot be read (a new, empty database, or anything unexpected)."""
    try:
        with engine.connect() as conn:
            rows = conn.execute(text("SELECT version_num FROM alembic_version")).fetchall()
    except DBAPIError:
        return None
    return [str(row[0]) for row in rows]


def is_up_to_date(engine: Engine) -> bool:
    """True when the database is exactly at :data:`HEAD_REVISION` (the start-up fast path)."""
    return recorded_revisions(engine) == [HEAD_REVISION]


def upgrade_to_head(engine: Engine) -> Path | None:
    """Migrate to the newest schema; returns the pre-migration backup file, if one was made."""
    if is_up_to_date(engine):
        return None  # nothing pending: Alembic is not even imported
    head = head_revision()
    before = database_revision(engine)
    check_not_newer(before)
    if before == head:
        return None
    backup: Path | None = None
    path = sqlite_path(engine.url.render_as_string(hide_password=False)) \
        if is_sqlite(engine) else None
    if before is not None and path is not None and path.exists():
        stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")
        backup = backup_sqlite_file(path, path.with_name(f"{path.name}.before-{head}-{stamp}.bak"))
    _run_upgrade(engine, head)
    return backup


def upgrade_to_revision(engine: Engine, revision: str) -> None:
    """Migrate to one given (older) revision, without a backup: for tests and tooling
    that must build a database as an earlier version of the app left it."""
    check_not_newer(database_revision(engine))
    _run_upgrade(engine, revision)


def _run_upgrade(engine: Engine, target: str) -> None:
    sqlite = is_sqlite(engine)
    with engine.connect() as conn:
        raw = conn.connection.driver_connection
        if sqlite:
            # Outside any transaction, on the raw connection: the only way it takes effect.
            raw.execute("PRAGMA foreign_keys = OFF")  # type: ignore[union-attr]
        try:
            with conn.begin():
                if not sqlite:
                    conn.execute(text("SELECT pg_advisory_xact_lock(:k)"),
                                 {"k": _PG_MIGRATION_LOCK})
                current = current_revision(conn)  # again, now that we hold the lock
                check_not_newer(current)
                if current != target:
                    from alembic import command

                    command.upgrade(alembic_config(conn), target)
                    if sqlite:
                        broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                        if broken:
                            raise MigrationError(
                                f"the schema upgrade would break {len(broken)} reference(s) "
                                f"(first: table {broken[0][0]}); nothing was changed")
        finally:
            if sqlite:
                raw.execute("PRAGMA foreign_keys = ON")  # type: ignore[union-attr]
