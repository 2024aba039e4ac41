"""Backup and restore, the same for SQLite and PostgreSQL.

A backup is one JSON file (``interfant-backup/2``): a header (schema revision, who
made it and when, the audit chain head and this database's anchors, row counts, how
it is encrypted), the content (every row of every table, audit trail included: a
JSON text, or its AES-256-GCM ciphertext when a passphrase or backup key file is
given, see :mod:`interfant_desktop.services.backup_crypto`) and the site key's
Ed25519 signature over both (plus the administrator's own key's once per-user keys
exist). It is read in one consistent snapshot and written durably (temporary file,
fsync, rename): a crash or a full disk never leaves a backup, or a half one, under
the final name, and the temporary file is removed.

``backup FILE`` refuses a target inside the data folder (database, keys, anchors,
safety copies) or the database file itself, and an existing file unless forced.

A restore (by an administrator of the database, re-checked; into a database without
any account, a new computer, by whoever runs it) refuses a backup that is unsigned,
signed by a key other than this site's, or changed after signing; first saves the current database to
``<data folder>/backups/before-restore-*.json``; then replaces every row **except the
audit trail**, in one transaction: the events recorded before the restore are kept,
and the restore is one more event, carrying the digests of the restored rows (so
``audit verify`` vouches for them). Only into an empty trail are the backup's own
events copied. Users are restored too: sign in again with the accounts of the backup.

API: ``backup_database(store, user, path, key=None, force=False) -> BackupInfo``,
``restore_database(store, user, path, key=None) -> BackupInfo``.
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
from interfant_desktop.private_files import create_private
from interfant_desktop.services import backup_crypto, sessions
from interfant_desktop.services.accounts import checked_session, checked_transaction
from interfant_desktop.services.backup_crypto import BackupKey
from interfant_desktop.services.errors import AlreadyExists, EnvironmentFault, InputError
from interfant_desktop.services.permissions import CurrentUser, Permission, require
from interfant_desktop.services.store_access import Store
from interfant_desktop.store.audit import (
    GENESIS_HASH,
    Anchor,
    append_event,
    database_identity,
    read_anchors,
    reset_state,
    verify_chain,
    walk_events,
)
from interfant_desktop.store.audit_signing import signer_for, site_signer, verify_signature
from interfant_desktop.store.db import data_dir
from interfant_desktop.store.migrate import current_revision, head_revision
from interfant_desktop.store.models import AuditEvent, AuditHead, Base, User, UtcDateTime

BACKUP_FORMAT = "interfant-backup/2"
AUDIT_TABLES = ("audit_events", "audit_head")


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    revision: str
    rows: dict[str, int]
    safety_copy: Path | None = None
    encrypted: bool = False
    relation: str = ""  # restore: how the backup's trail relates to the database's

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


def _canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def _signed_bytes(header: dict[str, Any], content: str) -> bytes:
    return hashlib.sha256((_canonical(header) + "\n" + content).encode("utf-8")).digest()


def _snapshot(conn: Connection) -> dict[str, Any]:
    tables: dict[str, Any] = {}
    for table in Base.metadata.sorted_tables:
        columns = [c.name for c in table.columns]
        pk = list(table.primary_key.columns)
        rows = conn.execute(select(*table.columns).order_by(*pk)).all()
        tables[table.name] = {"columns": columns,
                              "rows": [[_encode(v) for v in row] for row in rows]}
    return tables


def _head_of(tables: dict[str, Any], db: str) -> Anchor:
    head = tables.get("audit_head", {"rows": []})
    events = tables.get("audit_events", {"columns": [], "rows": []})
    if not head["rows"]:
        return Anchor(0, GENESIS_HASH, db)
    row = dict(zip(head["columns"], head["rows"][0], strict=True))
    first = dict(zip(events["columns"], events["rows"][0], strict=True)) if events["rows"] \
        else {}
    return Anchor(int(row["last_seq"]), str(row["last_hash"]), db, str(first.get("hash", "")),
                  str(row.get("last_at") or ""))


def _write_durably(path: Path, document: dict[str, Any]) -> None:
    """Temporary file, fsync, rename; on any failure the temporary file is removed and
    an :class:`EnvironmentFault` names the file."""
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = create_private(tmp, os.O_TRUNC)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(document, fh, ensure_ascii=False, separators=(",", ":"))
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
        if hasattr(os, "O_DIRECTORY"):  # make the rename itself durable (POSIX)
            dir_fd = os.open(path.parent, os.O_DIRECTORY)
            try:
                os.fsync(dir_fd)
            finally:
                os.close(dir_fd)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise EnvironmentFault(f"{path}: the backup could not be written "
                               f"({exc.strerror or exc}); nothing was written") from None


def _dump(store: Store, username: str, path: Path, key: BackupKey | None) -> BackupInfo:
    with store.engine.connect() as conn:
        if not store.is_sqlite:  # one snapshot across all tables
            conn = conn.execution_options(isolation_level="REPEATABLE READ")
        with conn.begin():
            revision = current_revision(conn) or ""
            tables = _snapshot(conn)
            db = database_identity(conn)
    site = site_signer()
    assert site is not None
    header: dict[str, Any] = {
        "revision": revision, "app_version": __version__,
        "created_at": dt.datetime.now(dt.UTC).isoformat(), "created_by": username,
        "site_key": site.key_id, "anchor": _head_of(tables, db).as_dict(),
        "anchors": [a.as_dict() for a in read_anchors() if a.db == db][-1000:],
        "rows": {name: len(t["rows"]) for name, t in tables.items()},
        "encryption": backup_crypto.encryption_spec(key) if key else None,
    }
    plaintext = _canonical(tables)
    content = plaintext if key is None else backup_crypto.encrypt(
        header["encryption"], key, plaintext.encode("utf-8"), _canonical(header).encode())
    digest = _signed_bytes(header, content)
    signatures = [{"signer": site.key_id, "public_key": site.public_key_hex(),
                   "value": site.sign(digest).hex()}]
    own = signer_for(username, db)
    if own.kind == "user":  # the administrator's own key, once per-user keys exist
        signatures.append({"signer": own.key_id, "public_key": own.public_key_hex(),
                           "value": own.sign(digest).hex(), "user": username})
    document = {"format": BACKUP_FORMAT, "header": header, "content": content,
                "signatures": signatures}
    _write_durably(path, document)
    return BackupInfo(path, revision, header["rows"], encrypted=key is not None)


def _internal_paths(store: Store, target: Path) -> list[Path]:
    """The data folder, and a SQLite database's own files: the database, its journals
    and the safety copies beside it (``interfant.sqlite3.before-<revision>-<time>.bak``),
    wherever the database is."""
    paths = [data_dir().resolve()]
    database = store.sqlite_file
    if database is not None:
        database = database.resolve()
        paths.append(database)
        if target.parent == database.parent and target.name.startswith(database.name):
            paths.append(target)
    return paths


def check_target(store: Store, path: Path, *, force: bool) -> Path:
    """Refuse a backup target inside the data folder, the database file itself or one of
    its journals or safety copies, a folder, and an existing file unless ``force``."""
    target = Path(path).expanduser().resolve()
    for internal in _internal_paths(store, target):
        if target == internal or internal in target.parents:
            raise InputError(f"{path}: is inside the app's data folder or is the database or "
                             f"one of its files ({internal}); write the backup somewhere else")
    if target.is_dir():
        raise InputError(f"{path}: is a folder; give a file name")
    if target.exists() and not force:
        raise AlreadyExists(f"{path}: exists already; give another name, or --force to "
                            "replace it")
    return target


def backup_database(store: Store, user: CurrentUser, path: Path, key: BackupKey | None = None,
                    *, force: bool = False) -> BackupInfo:
    """Write a complete, consistent, signed (and if ``key``, encrypted) backup."""
    require(user, Permission.BACKUP)
    target = check_target(store, Path(path), force=force)
    store.require_intact()  # never a backup of a damaged file: it would pass for a good one
    with checked_session(store, user):
        pass  # the account as it is now (the dump reads in a snapshot of its own)
    info = _dump(store, user.username, target, key)
    return BackupInfo(Path(path), info.revision, info.rows, encrypted=info.encrypted)


def _read_document(path: Path) -> dict[str, Any]:
    try:
        with Path(path).open(encoding="utf-8") as fh:
            document = json.load(fh)
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"{path}: not a readable backup ({exc.__class__.__name__})") from None
    if not isinstance(document, dict) or document.get("format") != BACKUP_FORMAT:
        old = isinstance(document, dict) and document.get("format") == "interfant-backup/1"
        raise InputError(f"{path}: " + ("an unsigned backup of an older version "
                                        "(interfant-backup/1) cannot be trusted; refused" if old
                                        else f"not an Interfant Desktop backup ({BACKUP_FORMAT})"))
    return document


def _check_signature(document: dict[str, Any], path: Path) -> None:
    header, content = document.get("header"), document.get("content")
    site = site_signer(create=False)
    if not isinstance(header, dict) or not isinstance(content, str):
        raise InputError(f"{path}: the backup is damaged (no header or content)")
    signature = next((s for s in document.get("signatures") or []
                      if isinstance(s, dict) and site and s.get("signer") == site.key_id), None)
    if site is None or signature is None:
        raise InputError(f"{path}: the backup is not signed by this site's key; refused "
                         "(nothing was restored)")
    try:
        value = bytes.fromhex(str(signature.get("value")))
    except ValueError:
        value = b""
    if not verify_signature(site.public_key_hex(), value, _signed_bytes(header, content)):
        raise InputError(f"{path}: the backup was changed after it was signed; refused "
                         "(nothing was restored)")


def _read_backup(path: Path, key: BackupKey | None) -> tuple[dict[str, Any], dict[str, Any]]:
    document = _read_document(path)
    _check_signature(document, path)
    header, content = document["header"], document["content"]
    if header.get("encryption"):
        plaintext = backup_crypto.decrypt(header["encryption"], key, content,
                                          _canonical(header).encode(), path).decode("utf-8")
    else:
        plaintext = content
    tables = json.loads(plaintext)
    if header.get("revision") != head_revision():
        raise InputError(f"{path}: made with schema revision {header.get('revision')}, "
                         f"this app uses {head_revision()}; restore it with a matching version")
    return header, tables


def _reset_sequences(conn: Connection) -> None:
    """PostgreSQL: move each id sequence past the restored ids."""
    for table in Base.metadata.sorted_tables:
        if "id" in table.c and table.c["id"].autoincrement in (True, "auto") \
                and table.name not in AUDIT_TABLES:
            conn.execute(text(
                f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                f"COALESCE((SELECT MAX(id) FROM {table.name}), 1), "
                f"(SELECT MAX(id) FROM {table.name}) IS NOT NULL)"))


def _rows(tables: dict[str, Any], table: Table, path: Path) -> list[dict[str, Any]]:
    content = tables.get(table.name)
    if content is None:
        raise InputError(f"{path}: the backup has no table {table.name}")
    return [_decode_row(table, content["columns"], values) for values in content["rows"]]


def _has_accounts(store: Store) -> bool:
    with store.sessions() as session:
        return session.execute(select(User.id).limit(1)).first() is not None


def restore_database(store: Store, user: CurrentUser, path: Path,
                     key: BackupKey | None = None) -> BackupInfo:
    """Replace the database's content by the backup's, keeping the audit trail (see the
    module docstring)."""
    require(user, Permission.RESTORE)
    empty = not _has_accounts(store)  # a new computer: the backup brings the accounts
    if not empty:
        with checked_session(store, user):
            pass  # refused before the safety copy is written
    path = Path(path)
    header, tables = _read_backup(path, key)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")
    safety = _dump(store, user.username, data_dir() / "backups" / f"before-restore-{stamp}.json",
                   backup_crypto.default_key()).path
    events_table = AuditEvent.__table__
    backup_events = _rows(tables, events_table, path)  # type: ignore[arg-type]
    site = site_signer(create=False)
    walk = walk_events(backup_events, site.key_id if site else None)
    if walk.problems:
        raise InputError(f"{path}: the backup's audit trail fails verification "
                         f"({walk.problems[0]}); nothing was restored")
    counts: dict[str, int] = {}
    with sessions.signing_in_another_database(user, store.engine), \
            store.transaction() if empty else checked_transaction(store, user) as session:
        conn = session.connection()
        head = session.get(AuditHead, 1)
        if head is None or head.last_seq == 0:
            relation = "copied into an empty trail"
        elif walk.last_seq == 0 or (
                (same := session.get(AuditEvent, walk.last_seq)) is not None
                and same.hash == walk.last_hash):
            relation = "an earlier state of this trail"
        else:
            relation = "another trail (its events stay in the backup file)"
        for table in reversed(Base.metadata.sorted_tables):
            if table.name not in AUDIT_TABLES:
                conn.execute(delete(table))
        for table in Base.metadata.sorted_tables:
            if table.name in AUDIT_TABLES:
                continue
            rows = _rows(tables, table, path)
            if rows:
                conn.execute(insert(table), rows)
            counts[table.name] = len(rows)
        if relation.startswith("copied"):
            if not store.is_sqlite:
                conn.execute(text("SELECT set_config('interfant.restoring', 'on', true)"))
            conn.execute(delete(AuditHead))
            for name in AUDIT_TABLES:
                rows = _rows(tables, Base.metadata.tables[name], path)
                if rows:
                    conn.execute(insert(Base.metadata.tables[name]), rows)
            session.expire_all()
            report = verify_chain(session, anchors=[], check_rows=False)
            if not report.ok:
                raise InputError(f"{path}: the backup's audit trail fails verification "
                                 f"({report.problems[0]}); nothing was restored")
        if not store.is_sqlite:
            _reset_sequences(conn)
        counts["audit_events"] = len(backup_events)
        append_event(session, username=user.username, action="restore", entity="database",
                     entity_key=path.name[:120],
                     new={"created_at": header.get("created_at"),
                          "created_by": header.get("created_by"),
                          "backup_head": {"seq": walk.last_seq, "hash": walk.last_hash},
                          "trail": relation, "rows": counts},
                     reason=f"restored from {path.name}; previous content saved as "
                            f"{safety.name}",
                     state=reset_state(conn))
    return BackupInfo(path, header["revision"], counts, safety,
                      encrypted=bool(header.get("encryption")), relation=relation)
