"""Which database, and how to connect to it.

SQLite is the default: ``interfant.sqlite3`` in the per-user data folder
(``platformdirs.user_data_dir("interfant-desktop")``; ``INTERFANT_DATA_DIR``
overrides the folder). ``--db URL`` or ``INTERFANT_DB`` selects another database,
e.g. ``postgresql+psycopg://user@host/db``. Everything above this module is the
same code for both.

SQLite is set up on every new connection (an event listener, because pragmas are
per connection): foreign keys on, WAL journal, ``synchronous=FULL`` so an
acknowledged commit survives a power cut, and a busy timeout. Each transaction
starts with ``BEGIN IMMEDIATE``: it takes the write lock at the start, so two
sessions never both read and then both try to write (which SQLite would refuse
half-way), and appends to the audit chain are serialised.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from interfant_desktop.paths import user_data_dir
from interfant_desktop.private_files import private_folder

DB_FILE_NAME = "interfant.sqlite3"
BUSY_TIMEOUT_MS = 30_000


def data_dir() -> Path:
    """The per-user data folder (created if missing, owner only)."""
    return private_folder(user_data_dir())


def default_url() -> str:
    """The SQLite file in the per-user data folder."""
    return f"sqlite:///{data_dir() / DB_FILE_NAME}"


def resolve_url(url: str | None = None) -> str:
    """``url`` if given, else ``INTERFANT_DB``, else the default SQLite file."""
    return url or os.environ.get("INTERFANT_DB") or default_url()


def is_sqlite(engine_or_url: Engine | str) -> bool:
    if isinstance(engine_or_url, Engine):
        return engine_or_url.dialect.name == "sqlite"
    return make_url(engine_or_url).get_backend_name() == "sqlite"


def sqlite_path(url: str) -> Path | None:
    """The file of a SQLite URL, or None for an in-memory or non-SQLite database."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database \
            or parsed.database == ":memory:":
        return None
    return Path(parsed.database)


def _on_sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    # Let SQLAlchemy's "begin" event (below) issue BEGIN; the driver must not.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = FULL")
    finally:
        cursor.close()


def _on_sqlite_begin(connection: Any) -> None:
    connection.exec_driver_sql("BEGIN IMMEDIATE")


def login_url(url: str, username: str, password: str) -> str:
    """A PostgreSQL URL without a user name signs in as the app user's own login role
    (see ``interfant_desktop.store.pg_roles``); any other URL is used as it is."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "postgresql" or parsed.username:
        return url
    return parsed.set(username=username, password=password).render_as_string(hide_password=False)


def make_engine(url: str | None = None, **kwargs: Any) -> Engine:
    """An engine for ``url`` (resolved as in :func:`resolve_url`), SQLite pragmas set."""
    resolved = resolve_url(url)
    if is_sqlite(resolved):
        path = sqlite_path(resolved)
        if path is not None and not path.parent.exists():
            private_folder(path.parent)
        engine = create_engine(resolved, **kwargs)
        event.listen(engine, "connect", _on_sqlite_connect)
        event.listen(engine, "begin", _on_sqlite_begin)
        return engine
    return create_engine(resolved, pool_pre_ping=True, **kwargs)


def make_sessionmaker(engine: Engine) -> sessionmaker[Session]:
    """Sessions for one user action each; objects stay readable after commit."""
    return sessionmaker(engine, expire_on_commit=False)


def describe_url(url: str) -> str:
    """The URL without its password, for messages."""
    return make_url(url).render_as_string(hide_password=True)
