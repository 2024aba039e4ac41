"""Is the database file damaged? ``PRAGMA quick_check`` before it is used.

``check_integrity(engine) -> IntegrityReport`` runs SQLite's ``PRAGMA quick_check``
(every page and record well formed; it skips the slower index-content check of
``integrity_check``). ``require_intact(engine)`` raises :class:`DatabaseDamaged` with
:data:`DAMAGED_MESSAGE` when it finds anything. The store runs it when it opens a
SQLite file, ``audit verify`` runs it first, and so does the backup (h7).

What the check reports is never shown or logged word for word: its lines can quote
the damaged cells, which may be patient data. Only the number of problems is kept.

PostgreSQL has no such command: a site creates its cluster with data checksums
(``initdb --data-checksums``, installers/README.md), so the server itself refuses a
damaged page; :func:`check_integrity` reports whether checksums are on.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from sqlalchemy import Connection, Engine, text
from sqlalchemy.exc import DBAPIError

from interfant_desktop.store.errors import StoreError

log = logging.getLogger("interfant_desktop.store")

DAMAGED_MESSAGE = "the database file is damaged; restore the last backup"
#: The first problems are enough to know the file is damaged (a badly damaged file
#: can report thousands of lines).
MAX_PROBLEMS = 100


class DatabaseDamaged(StoreError):
    """The database file failed its integrity check (message: :data:`DAMAGED_MESSAGE`)."""

    def __init__(self, problems: int) -> None:
        super().__init__(DAMAGED_MESSAGE)
        self.problems = problems


@dataclass(frozen=True)
class IntegrityReport:
    """``ok``; ``problems``: how many the check found (never their text); ``method``:
    what was checked, e.g. ``"sqlite quick_check"`` or ``"postgresql data checksums on"``."""

    ok: bool
    problems: int
    method: str


def check_integrity(engine: Engine) -> IntegrityReport:
    """Check the database (see the module docstring); a file too damaged to read at all
    is reported as damaged, not raised."""
    try:
        with engine.connect() as conn:
            if engine.dialect.name == "sqlite":
                return _sqlite_quick_check(conn)
            return _postgresql_checksums(conn)
    except DBAPIError as exc:
        if engine.dialect.name == "sqlite" and is_damage_error(exc):
            return IntegrityReport(False, 1, "sqlite quick_check")
        raise


def require_intact(engine: Engine) -> IntegrityReport:
    """:func:`check_integrity`, raising :class:`DatabaseDamaged` when it finds a problem."""
    report = check_integrity(engine)
    if not report.ok:
        log.info("integrity check failed: %d problem(s) reported by %s (details not logged: "
                 "they may quote patient data)", report.problems, report.method)
        raise DatabaseDamaged(report.problems)
    return report


def _sqlite_quick_check(conn: Connection) -> IntegrityReport:
    rows = conn.exec_driver_sql(f"PRAGMA quick_check({MAX_PROBLEMS})").fetchall()
    lines = [str(row[0]) for row in rows]
    ok = lines == ["ok"]
    return IntegrityReport(ok, 0 if ok else len(lines), "sqlite quick_check")


def _postgresql_checksums(conn: Connection) -> IntegrityReport:
    enabled = conn.execute(text("SHOW data_checksums")).scalar_one() == "on"
    if not enabled:
        log.info("the PostgreSQL cluster runs without data checksums: damaged pages go "
                 "unnoticed (installers/README.md: initdb --data-checksums)")
    return IntegrityReport(True, 0, f"postgresql data checksums {'on' if enabled else 'off'}")


def is_damage_error(exc: BaseException) -> bool:
    """Whether a database error says the file is damaged (SQLite's wording)."""
    reason = str(getattr(exc, "orig", exc)).lower()
    return any(words in reason for words in (
        "malformed", "not a database", "file is not a database", "disk image", "corrupt"))
