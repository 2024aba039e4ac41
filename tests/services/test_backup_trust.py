"""Backups are signed and (when asked) encrypted; a restore never erases the audit trail
and refuses a crafted backup; ``backup FILE`` never writes over the app's own files.
On SQLite and on PostgreSQL."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import func, select

from interfant_desktop.services import backup, patients
from interfant_desktop.services.audit import verify_audit
from interfant_desktop.services.backup_crypto import BackupKey, new_key_file
from interfant_desktop.services.errors import AlreadyExists, EnvironmentFault, InputError
from interfant_desktop.services.permissions import CurrentUser
from interfant_desktop.services.store_access import Store
from interfant_desktop.store.audit import read_anchors
from interfant_desktop.store.db import data_dir
from interfant_desktop.store.models import AuditEvent
from tests.store.fixtures import fictitious_case, signed_in


@pytest.fixture
def site(store: Store, users: dict[str, CurrentUser]) -> dict[str, CurrentUser]:
    for sid in ("BK-1", "BK-2"):
        patients.import_case(store, users["doc"], fictitious_case(sid, name="Zoë Backup"))
    return users


def _events(store: Store) -> list[tuple[int, str, str]]:
    with store.sessions() as session:
        return [(e.seq, e.action, e.hash) for e in
                session.execute(select(AuditEvent).order_by(AuditEvent.seq)).scalars()]


def test_restoring_an_old_backup_keeps_every_event_and_records_the_restore(
        store: Store, site: dict[str, CurrentUser], tmp_path: Path) -> None:
    admin, doc = site["admin"], site["doc"]
    path = tmp_path / "old.json"
    backup.backup_database(store, admin, path)
    patients.import_case(store, doc, fictitious_case("BK-LATER"))
    before = _events(store)
    info = backup.restore_database(store, admin, path)
    after = _events(store)
    assert after[:len(before)] == before  # nothing erased, nothing rewritten
    # (the restoring administrator's key enters the trail with their first event)
    assert [a for _, a, _ in after[len(before):] if a != "add_signer"] == ["restore"]
    assert info.relation == "an earlier state of this trail"
    assert patients.search_patients(store, admin, "bk-later").total == 0
    report = verify_audit(store, admin)
    assert report.ok, report.problems
    assert report.anchors > 0
    with store.sessions() as session:
        restore = session.execute(select(AuditEvent).where(AuditEvent.action == "restore")
                                  ).scalar_one()
        assert restore.username == "admin" and "old.json" in (restore.reason or "")
        # the import of the later patient is still in the trail
        assert session.execute(select(func.count()).select_from(AuditEvent).where(
            AuditEvent.study_id == "BK-LATER")).scalar_one() == 1


def test_a_backup_carries_its_signature_anchor_and_author(store: Store,
                                                          site: dict[str, CurrentUser],
                                                          tmp_path: Path) -> None:
    path = tmp_path / "b.json"
    backup.backup_database(store, site["admin"], path)
    document = json.loads(path.read_text(encoding="utf-8"))
    header = document["header"]
    assert header["created_by"] == "admin" and document["signatures"][0]["signer"] == \
        header["site_key"]
    assert header["anchor"]["seq"] == _events(store)[-1][0]
    assert header["anchors"] and header["anchors"][-1]["hash"] == read_anchors()[-1].hash
    assert (path.stat().st_mode & 0o777) == 0o600


def _rewrite(path: Path, change: object) -> None:
    document = json.loads(path.read_text(encoding="utf-8"))
    change(document)  # type: ignore[operator]
    path.write_text(json.dumps(document), encoding="utf-8")


def _add_rogue_admin(document: dict[str, object]) -> None:
    tables = json.loads(str(document["content"]))
    users = tables["users"]
    row = list(users["rows"][0])
    row[users["columns"].index("id")] = 999
    row[users["columns"].index("username")] = "rogue"
    row[users["columns"].index("role")] = "administrator"
    users["rows"].append(row)
    document["content"] = json.dumps(tables, sort_keys=True, ensure_ascii=False,
                                     separators=(",", ":"))


def _resign_with_another_key(document: dict[str, object]) -> None:
    from interfant_desktop.services.backup import _signed_bytes

    _add_rogue_admin(document)
    key = Ed25519PrivateKey.generate()
    value = key.sign(_signed_bytes(document["header"], str(document["content"])))  # type: ignore[arg-type]
    document["signatures"] = [{"signer": document["header"]["site_key"],  # type: ignore[index]
                               "value": value.hex()}]


@pytest.mark.parametrize("craft, message", [
    (_add_rogue_admin, "changed after it was signed"),
    (_resign_with_another_key, "changed after it was signed"),
    (lambda d: d.pop("signatures"), "not signed by this site's key"),
    (lambda d: d.update(format="interfant-backup/1"), "unsigned backup of an older version"),
])
def test_a_crafted_backup_is_refused_and_nothing_changes(
        store: Store, site: dict[str, CurrentUser], tmp_path: Path, craft: object,
        message: str) -> None:
    path = tmp_path / "crafted.json"
    backup.backup_database(store, site["admin"], path)
    _rewrite(path, craft)
    before = _events(store)
    with pytest.raises(InputError, match=message):
        backup.restore_database(store, site["admin"], path)
    assert _events(store) == before
    assert verify_audit(store, site["admin"]).ok


def test_a_backup_of_another_site_is_refused(store: Store, site: dict[str, CurrentUser],
                                             tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                             ) -> None:
    path = tmp_path / "b.json"
    backup.backup_database(store, site["admin"], path)
    monkeypatch.setenv("INTERFANT_SITE_KEY", str(tmp_path / "another-site.pem"))
    from interfant_desktop.store.audit_signing import site_signer

    site_signer()  # that other site's key exists
    with pytest.raises(InputError, match="not signed by this site's key"):
        backup.restore_database(store, site["admin"], path)


def test_an_encrypted_backup_needs_its_key(store: Store, site: dict[str, CurrentUser],
                                           tmp_path: Path) -> None:
    admin = site["admin"]
    key = new_key_file(tmp_path / "backup.key")
    assert (Path(key.source).stat().st_mode & 0o777) == 0o600
    path = tmp_path / "enc.json"
    assert backup.backup_database(store, admin, path, key).encrypted
    raw = path.read_bytes()
    assert b"Zo\xc3\xab Backup" not in raw and b"BK-1" not in raw
    with pytest.raises(InputError, match="encrypted with a key file"):
        backup.restore_database(store, admin, path)
    other = new_key_file(tmp_path / "other.key")
    with pytest.raises(InputError, match="another backup key file"):
        backup.restore_database(store, admin, path, other)
    assert backup.restore_database(store, admin, path, key).encrypted

    secret = tmp_path / "pass.json"
    backup.backup_database(store, admin, secret, BackupKey(passphrase="correct horse 12"))
    with pytest.raises(InputError, match="wrong passphrase"):
        backup.restore_database(store, admin, secret, BackupKey(passphrase="wrong horse 12"))
    backup.restore_database(store, admin, secret, BackupKey(passphrase="correct horse 12"))
    assert verify_audit(store, admin).ok


def test_backup_refuses_the_apps_own_files_and_an_existing_file(
        store: Store, site: dict[str, CurrentUser], tmp_path: Path) -> None:
    admin = site["admin"]
    targets = [data_dir() / "x.json", data_dir() / "backups" / "mine.json",
               data_dir() / "audit-anchors.jsonl"]
    if store.sqlite_file is not None:
        targets += [store.sqlite_file, Path(f"{store.sqlite_file}-wal")]
    for target in targets:
        with pytest.raises(InputError, match="data folder or is the database"):
            backup.backup_database(store, admin, target, force=True)
    path = tmp_path / "once.json"
    backup.backup_database(store, admin, path)
    with pytest.raises(AlreadyExists, match="--force"):
        backup.backup_database(store, admin, path)
    backup.backup_database(store, admin, path, force=True)


def test_a_full_disk_leaves_no_file_and_is_an_environment_fault(
        store: Store, site: dict[str, CurrentUser], full_disk: Path) -> None:
    for sid in range(8):  # enough data not to fit in 32 KiB
        patients.import_case(store, site["doc"], fictitious_case(f"BIG-{sid}"))
    target = full_disk / "b.json"
    with pytest.raises(EnvironmentFault, match=str(target)) as refused:
        backup.backup_database(store, site["admin"], target)
    assert refused.value.status == 1
    assert os.listdir(full_disk) == []  # the temporary file was removed


def test_a_backup_restored_into_an_empty_database_brings_its_trail(
        store: Store, site: dict[str, CurrentUser], tmp_path: Path) -> None:
    from interfant_desktop.services.store_access import open_store

    path = tmp_path / "b.json"
    backup.backup_database(store, site["admin"], path)
    events = _events(store)
    fresh = open_store(f"sqlite:///{tmp_path / 'new-computer.sqlite3'}")
    try:
        info = backup.restore_database(fresh, site["admin"], path)
        assert info.relation == "copied into an empty trail"
        assert _events(fresh)[:len(events)] == events
        assert [a for _, a, _ in _events(fresh)[len(events):]] == ["restore"]
        report = verify_audit(fresh, signed_in(fresh, "admin"))  # the backup's accounts
        assert report.ok, report.problems
    finally:
        fresh.close()
