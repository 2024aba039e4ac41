"""Quick start: the first page of the patient list without SQLAlchemy (read-only).

``quick_start(url, username, password, limit) -> QuickStart | None``

Start-up speed: importing SQLAlchemy's ORM, the models and the services costs more
than all of Qt. So, for a SQLite database only, the GUI first asks this module for
what the first screen needs, using the standard library's ``sqlite3`` on a
connection opened **read-only** (``file:...?mode=ro``): it writes nothing, ever.

It answers only when every one of these holds, and ``None`` otherwise:

1. the database is a SQLite file (``sqlite:///path``, from ``url``, ``INTERFANT_DB``
   or the default per-user file, as :func:`interfant_desktop.store.db.resolve_url`
   chooses) that already exists; anything else (PostgreSQL, an in-memory or unusual
   URL, a missing file) is left to the normal path;
2. its ``alembic_version`` is exactly :data:`~interfant_desktop.store.revision.HEAD_REVISION`
   (an older or newer schema, or none, needs the migration checks of the normal path);
3. the user exists, is active and not locked, the password verifies against the
   stored argon2 hash (:func:`interfant_desktop.store.passwords.verify_password`),
   and the role may read patient data;
4. the first page reads without error.

Anything unexpected (an error of any kind included) is ``None``. ``None`` means
"use the normal path", never "refused": a wrong password is counted, audited and
locked out only by :func:`interfant_desktop.services.auth.sign_in`, which the GUI
always runs afterwards anyway (it is the authoritative sign-in, and it does the
bookkeeping). The rows are those of ``patients.search_patients(query="")``: same
fields, same order (by study ID), first ``limit`` of them.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from interfant_desktop.paths import user_data_dir
from interfant_desktop.services.patient_row import PatientRow
from interfant_desktop.services.permissions import CurrentUser, Permission
from interfant_desktop.store.passwords import verify_password
from interfant_desktop.store.revision import HEAD_REVISION

# As in interfant_desktop.store.db (which imports SQLAlchemy); a test checks they agree.
DB_FILE_NAME = "interfant.sqlite3"
_SQLITE_PREFIX = "sqlite:///"
_BUSY_TIMEOUT_S = 2.0


@dataclass(frozen=True)
class QuickStart:
    """A provisional sign-in (to be confirmed by ``auth.sign_in``) and the first page."""

    user: CurrentUser
    rows: tuple[PatientRow, ...]
    path: Path


def sqlite_file(url: str | None = None) -> Path | None:
    """The existing SQLite file the app would open for ``url``, or None when it is not
    a plain SQLite file URL (those go through the normal path)."""
    resolved = url or os.environ.get("INTERFANT_DB")
    if not resolved:
        path = user_data_dir() / DB_FILE_NAME
    else:
        if not resolved.startswith(_SQLITE_PREFIX):
            return None
        database = resolved[len(_SQLITE_PREFIX):]
        # Query options, escapes and in-memory databases: leave them to SQLAlchemy.
        if not database or database == ":memory:" or any(c in database for c in "?%#"):
            return None
        path = Path(database)
    return path if path.is_file() else None


def _date(value: object) -> dt.date:
    if not isinstance(value, str):
        raise ValueError(f"unexpected date value {value!r}")
    return dt.date.fromisoformat(value)


def quick_start(url: str | None, username: str, password: str,
                limit: int = 100) -> QuickStart | None:
    """The provisionally signed-in user and the first ``limit`` patient rows, or None
    whenever the normal path must decide (see the module docstring)."""
    try:
        path = sqlite_file(url)
        if path is None:
            return None
        uri = path.resolve().as_uri() + "?mode=ro"
        connection = sqlite3.connect(uri, uri=True, timeout=_BUSY_TIMEOUT_S)
    except (OSError, ValueError, sqlite3.Error):
        return None
    try:
        return _read(connection, path, username, password, limit)
    except (sqlite3.Error, ValueError, TypeError):
        return None
    finally:
        connection.close()


def _read(connection: sqlite3.Connection, path: Path, username: str, password: str,
          limit: int) -> QuickStart | None:
    connection.execute("PRAGMA query_only = ON")
    # One read transaction: the revision, the user and the page are one snapshot.
    connection.execute("BEGIN")
    revisions = [row[0] for row in connection.execute("SELECT version_num FROM alembic_version")]
    if revisions != [HEAD_REVISION]:
        return None
    found = connection.execute(
        "SELECT username, role, full_name, password_hash, active, locked "
        "FROM users WHERE username = ?", (username,)).fetchall()
    if len(found) != 1:
        return None
    account, role, full_name, password_hash, active, locked = found[0]
    if active != 1 or locked != 0 or not isinstance(password_hash, str):
        return None
    user = CurrentUser(account, role, full_name)
    if not user.can(Permission.READ) or not verify_password(password_hash, password):
        return None
    rows = tuple(
        PatientRow(study_id, name, hospital_number, _date(born),
                 None if diagnosed is None else _date(diagnosed), int(version))
        for study_id, name, hospital_number, born, diagnosed, version in connection.execute(
            "SELECT patients.study_id, patients.name, patients.hospital_number, "
            "patients.date_of_birth, diagnoses.date, patients.version "
            "FROM patients LEFT OUTER JOIN diagnoses ON diagnoses.patient_id = patients.id "
            "WHERE patients.entered_in_error_at IS NULL "
            "ORDER BY patients.study_id LIMIT ? OFFSET 0", (limit,)))
    return QuickStart(user, rows, path)
