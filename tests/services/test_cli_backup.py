"""The backup commands as a site scripts them: encrypted with a key file (no password in
the job's environment but the sign-in), a plain warning when unencrypted, refusals of
the app's own files and of an existing file, and a full disk as exit 1 naming the file.
Also: sign-ins, unknown names and refusals are audited, naming the workstation."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from interfant_desktop.services.errors import AlreadyExists, EnvironmentFault, InputError
from interfant_desktop.services.permissions import CurrentUser
from interfant_desktop.services.store_access import Store
from interfant_desktop.store.db import data_dir
from tests.conftest import shared_case_files
from tests.services.test_cli import ADMIN_PW, DOC_PW, one_line, run, site  # noqa: F401


def test_a_scheduled_backup_with_a_key_file(site: str, tmp_path: Path) -> None:  # noqa: F811
    files = shared_case_files()[:2]
    assert run(site, "--user", "doc", "import", *map(str, files), password=DOC_PW).returncode == 0
    key = tmp_path / "backup.key"
    made_key = run(site, "backup-key", str(key))
    assert made_key.returncode == 0 and (key.stat().st_mode & 0o777) == 0o600
    target = tmp_path / "nightly.json"
    made = run(site, "--user", "root", "backup", str(target), "--key-file", str(key),
               password=ADMIN_PW)
    assert made.returncode == 0, made.stderr
    assert "signed, encrypted with the key file" in made.stdout and made.stderr == ""
    study_id = json.loads(files[0].read_text(encoding="utf-8"))["patient"]["study_id"]
    assert study_id not in target.read_text(encoding="utf-8")
    without = run(site, "--user", "root", "restore", str(target), password=ADMIN_PW)
    assert without.returncode == 2 and "encrypted with a key file" in one_line(without)
    restored = run(site, "--user", "root", "restore", str(target), "--key-file", str(key),
                   password=ADMIN_PW)
    assert restored.returncode == 0, restored.stderr
    assert "the events before the restore are kept" in restored.stdout


def test_a_backup_with_a_passphrase(site: str, tmp_path: Path,  # noqa: F811
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    files = shared_case_files()[:1]
    assert run(site, "--user", "doc", "import", *map(str, files), password=DOC_PW).returncode == 0
    target = tmp_path / "weekly.json"
    monkeypatch.setenv("INTERFANT_BACKUP_PASSPHRASE", "fictitious backup phrase 9")
    made = run(site, "--user", "root", "backup", str(target), "--passphrase", password=ADMIN_PW)
    assert made.returncode == 0, made.stderr
    assert "encrypted with the passphrase" in made.stdout and made.stderr == ""
    study_id = json.loads(files[0].read_text(encoding="utf-8"))["patient"]["study_id"]
    assert study_id not in target.read_text(encoding="utf-8")
    monkeypatch.setenv("INTERFANT_BACKUP_PASSPHRASE", "another phrase 9")
    wrong = run(site, "--user", "root", "restore", str(target), "--passphrase", password=ADMIN_PW)
    assert wrong.returncode == 2 and "wrong passphrase" in one_line(wrong)
    monkeypatch.setenv("INTERFANT_BACKUP_PASSPHRASE", "fictitious backup phrase 9")
    restored = run(site, "--user", "root", "restore", str(target), "--passphrase",
                   password=ADMIN_PW)
    assert restored.returncode == 0, restored.stderr


def test_an_unencrypted_backup_says_so(site: str, tmp_path: Path) -> None:  # noqa: F811
    made = run(site, "--user", "root", "backup", str(tmp_path / "plain.json"), password=ADMIN_PW)
    assert made.returncode == 0 and "NOT encrypted" in made.stdout
    assert "this backup is NOT encrypted" in one_line(made)


def test_backup_refuses_the_database_and_an_existing_file(site: str,  # noqa: F811
                                                          tmp_path: Path) -> None:
    database = site.removeprefix("sqlite:///")
    before = Path(database).read_bytes()
    over = run(site, "--user", "root", "backup", database, "--force", password=ADMIN_PW)
    assert over.returncode == 2 and "inside the app's data folder or is the database" in \
        one_line(over)
    inside = run(site, "--user", "root", "backup", str(data_dir() / "b.json"), password=ADMIN_PW)
    assert inside.returncode == 2
    assert Path(database).read_bytes()[:100] == before[:100]
    target = tmp_path / "b.json"
    target.write_text("keep me", encoding="utf-8")
    exists = run(site, "--user", "root", "backup", str(target), password=ADMIN_PW)
    assert exists.returncode == 1 and "--force" in one_line(exists)
    assert target.read_text(encoding="utf-8") == "keep me"
    forced = run(site, "--user", "root", "backup", str(target), "--force", password=ADMIN_PW)
    assert forced.returncode == 0


def test_a_full_disk_exits_1_naming_the_file(site: str, full_disk: Path) -> None:  # noqa: F811
    files = shared_case_files()
    assert run(site, "--user", "doc", "import", *map(str, files), password=DOC_PW).returncode == 0
    target = full_disk / "b.json"
    result = run(site, "--user", "root", "backup", str(target), password=ADMIN_PW)
    assert result.returncode == 1
    assert str(target) in one_line(result) and "No space left" in one_line(result)
    assert list(full_disk.iterdir()) == []


def test_sign_ins_unknown_names_and_refusals_are_audited(site: str,  # noqa: F811
                                                         monkeypatch: object) -> None:
    import os

    env_station = "WARD-3-PC-07"
    os.environ["INTERFANT_WORKSTATION"] = env_station
    try:
        assert run(site, "--user", "doc", "audit", "verify", password=DOC_PW).returncode == 1
        assert run(site, "--user", "nobody", "export", "X", password="whatever12").returncode == 1
        assert run(site, "--user", "root", "audit", "verify", password=ADMIN_PW).returncode == 0
    finally:
        del os.environ["INTERFANT_WORKSTATION"]
    conn = sqlite3.connect(site.removeprefix("sqlite:///"))
    rows = conn.execute("SELECT username, action, entity_key, workstation FROM audit_events "
                        "WHERE workstation = ? ORDER BY seq", (env_station,)).fetchall()
    conn.close()
    assert ("doc", "sign_in", "doc", env_station) in rows
    assert ("doc", "permission_denied", "VERIFY_AUDIT", env_station) in rows
    assert ("(unknown)", "sign_in_failed", "'nobody'", env_station) in rows
    assert ("root", "sign_in", "root", env_station) in rows


def test_the_backup_targets_are_refused_on_both_databases(
        store: Store, users: dict[str, CurrentUser], tmp_path: Path) -> None:
    """The same refusals through the service, on SQLite and on PostgreSQL (whose data
    folder holds the site key, the anchors, the logs and the safety copies too)."""
    from interfant_desktop.services.backup import backup_database

    admin = users["admin"]
    internals = [data_dir() / "b.json", data_dir() / "logs" / "b.json", data_dir()]
    if store.sqlite_file is not None:
        internals += [Path(f"{store.sqlite_file}{suffix}") for suffix in (
            "", "-wal", "-shm", "-journal", ".before-0012-20261201T0900Z.bak")]
    for target in internals:
        with pytest.raises(InputError, match="inside the app's data folder or is the database"):
            backup_database(store, admin, target, force=True)
    existing = tmp_path / "b.json"
    existing.write_text("keep me", encoding="utf-8")
    with pytest.raises(AlreadyExists, match="--force"):
        backup_database(store, admin, existing)
    assert existing.read_text(encoding="utf-8") == "keep me"
    assert backup_database(store, admin, existing, force=True).path == existing


def test_a_full_disk_through_the_service_on_both_databases(
        store: Store, users: dict[str, CurrentUser], full_disk: Path) -> None:
    from interfant_desktop.services import patients
    from interfant_desktop.services.backup import backup_database
    from tests.store.fixtures import fictitious_case

    for n in range(12):  # more than the 32 KiB file system holds
        patients.import_case(store, users["doc"], fictitious_case(f"FULL-{n}"))
    target = full_disk / "b.json"
    with pytest.raises(EnvironmentFault) as fault:
        backup_database(store, users["admin"], target)
    assert str(target) in str(fault.value) and "No space left" in str(fault.value)
    assert fault.value.status == 1  # an environment fault, not bad input
    assert list(full_disk.iterdir()) == []  # no empty or half temporary file left
