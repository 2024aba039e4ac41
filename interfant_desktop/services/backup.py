"""Backup and restore, the same for SQLite and PostgreSQL.

A backup is one JSON file (``interfant-backup/1``): the schema revision, every
row of every table (audit trail included) and a SHA-256 of the content. It is
read in one consistent snapshot and written durably (temporary file, fsync,
rename), so a crash never leaves a half-written backup under the final name.

A restore checks the file (format, checksum, same schema revision as this app),
first saves the current database to ``<data folder>/backups/before-restore-*.json``,
then replaces all rows in one transaction, verifies the restored audit chain
(a tampered backup is refused and nothing changes) and records the restore as
a new audit event. Users are restored too: sign in again with the accounts of
the backup.

API: ``backup_database(store, user, path) -> BackupInfo``,
``restore_database(store, user, path) -> BackupInfo``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Date, Table, delete, insert, select, text

from interfant_desktop import __version__
from interfant_desktop.services.errors import InputError
from interfant_desktop.services.permissions import CurrentUser, Permission, require
from interfant_desktop.services.store_access import Store
from interfant_desktop.store.audit import append_event, verify_chain
from interfant_desktop.store.db import data_dir
from interfant_desktop.store.migrate import current_revision, head_revision
from interfant_desktop.store.models import Base, UtcDateTime

BACKUP_FORMAT = "interfant-backup/1"


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    revision: str
    rows: dict[str, int]
    safety_copy: Path | None = None

    @property
    def patients(self) -> int:
        return self.rows.get("patients", 0)


def _encode(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _decode_row(table: Table, columns: list[str], values: list[Any]) -> dict[str, Any]:
    row: dict[str, Any] = {}
    for name, value in zip(columns, values, strict=True):
        column_type = table.c[name].type
        if value is not None and isinstance(column_type, UtcDateTime):
            value = dt.datetime.fromisoformat(value)
        elif value is not None and isinstance(column_type, Date):
            value = dt.date.fromisoformat(value)
        row[name] = value
    return row


def _checksum(tables: dict[str, Any]) -> str:
    canonical = json.dumps(tables, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _snapshot(conn: Connection) -> dict[str, Any]:
    tables: dict[str, Any] = {}
    for table in Base.metadata.sorted_tables:
        columns = [c.name for c in table.columns]
        pk = list(table.primary_key.columns)
        rows = conn.execute(select(*table.columns).order_by(*pk)).all()
        tables[table.name] = {"columns": columns,
                              "rows": [[_encode(v) for v in row] for row in rows]}
    return tables


def _write_durably(path: Path, document: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    with tmp.open("w", encoding="utf-8") as fh:
        json.dump(document, fh, ensure_ascii=False, separators=(",", ":"))
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)
    if hasattr(os, "O_DIRECTORY"):  # make the rename itself durable (POSIX)
        fd = os.open(path.parent, os.O_DIRECTORY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _dump(store: Store, username: str, path: Path) -> BackupInfo:
    with store.engine.connect() as conn:
        if not store.is_sqlite:  # one snapshot across all tables
            conn = conn.execution_options(isolation_level="REPEATABLE READ")
        with conn.begin():
            revision = current_revision(conn) or ""
            tables = _snapshot(conn)
    document = {"format": BACKUP_FORMAT, "revision": revision, "app_version": __version__,
                "created_at": dt.datetime.now(dt.UTC).isoformat(), "created_by": username,
                "sha256": _checksum(tables), "tables": tables}
    _write_durably(path, document)
    return BackupInfo(path, revision, {name: len(t["rows"]) for name, t in tables.items()})


def backup_database(store: Store, user: CurrentUser, path: Path) -> BackupInfo:
    """Write a complete, consistent backup of the database to ``path``."""
    require(user, Permission.BACKUP)
    return _dump(store, user.username, Path(path))


def _read_backup(path: Path) -> dict[str, Any]:
    try:
        with Path(path).open(encoding="utf-8") as fh:
            document = json.load(fh)
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"{path}: not a readable backup ({exc.__class__.__name__})") from None
    if not isinstance(document, dict) or document.get("format") != BACKUP_FORMAT:
        raise InputError(f"{path}: not an Interfant Desktop backup ({BACKUP_FORMAT})")
    tables = document.get("tables")
    if not isinstance(tables, dict) or _checksum(tables) != document.get("sha256"):
        raise InputError(f"{path}: the backup is damaged (checksum mismatch)")
    if document.get("revision") != head_revision():
        raise InputError(f"{path}: made with schema revision {document.get('revision')}, "
                         f"this app uses {head_revision()}; restore it with a matching version")
    return document


def _reset_sequences(conn: Connection) -> None:
    """PostgreSQL: move each id sequence past the restored ids."""
    for table in Base.metadata.sorted_tables:
        if "id" in table.c and table.c["id"].autoincrement in (True, "auto"):
            conn.execute(text(
                f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                f"COALESCE((SELECT MAX(id) FROM {table.name}), 1), "
                f"(SELECT MAX(id) FROM {table.name}) IS NOT NULL)"))


def restore_database(store: Store, user: CurrentUser, path: Path) -> BackupInfo:
    """Replace the database's content by the backup's (see module docstring)."""
    require(user, Permission.RESTORE)
    document = _read_backup(Path(path))
    tables = document["tables"]
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")
    safety = _dump(store, user.username,
                   data_dir() / "backups" / f"before-restore-{stamp}.json").path
    counts: dict[str, int] = {}
    with store.transaction() as session:
        conn = session.connection()
        for table in reversed(Base.metadata.sorted_tables):
            conn.execute(delete(table))
        for table in Base.metadata.sorted_tables:
            content = tables.get(table.name)
            if content is None:
                raise InputError(f"{path}: the backup has no table {table.name}")
            rows = [_decode_row(table, content["columns"], values) for values in content["rows"]]
            if rows:
                conn.execute(insert(table), rows)
            counts[table.name] = len(rows)
        if not store.is_sqlite:
            _reset_sequences(conn)
        report = verify_chain(session)
        if not report.ok:
            raise InputError(f"{path}: the backup's audit trail fails verification "
                             f"({report.problems[0]}); nothing was restored")
        append_event(session, username=user.username, action="restore", entity="database",
                     entity_key=Path(path).name,
                     new={"created_at": document.get("created_at"), "rows": counts},
                     reason=f"restored from {Path(path).name}; previous content saved as "
                            f"{safety.name}")
    return BackupInfo(Path(path), document["revision"], counts, safety)
