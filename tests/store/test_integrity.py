"""Issue 15, item 7: damage is found before the file is used, on SQLite; PostgreSQL
reports its data checksums. Never the damaged cells' text."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from interfant_desktop.services.errors import StoreUnavailable
from interfant_desktop.services.store_access import Store, open_store
from interfant_desktop.store.integrity import (
    DAMAGED_MESSAGE,
    DatabaseDamaged,
    check_integrity,
    require_intact,
)
from interfant_desktop.store.models import User
from tests.services.test_cli_hardening import damage_the_page_holding
from tests.store.fixtures import password_hash

MARKER = "Fictitiousdamagedname"


def test_an_intact_database_passes(store: Store) -> None:
    report = require_intact(store.engine)
    assert report.ok and report.problems == 0
    expected = "sqlite quick_check" if store.is_sqlite else "postgresql data checksums"
    assert report.method.startswith(expected)


def test_a_damaged_sqlite_file_is_refused_at_start_without_echoing_cells(
        sqlite_url: str, caplog: pytest.LogCaptureFixture) -> None:
    store = open_store(sqlite_url)
    with store.transaction() as session:
        session.add(User(username="admin", role="administrator", full_name=MARKER * 3,
                         password_hash=password_hash()))
    assert store.sqlite_file is not None
    path: Path = store.sqlite_file
    store.close()  # the last connection checkpoints the WAL into the file
    damage_the_page_holding(path, MARKER.encode())
    caplog.set_level(logging.INFO)
    from interfant_desktop.store.db import make_engine

    engine = make_engine(sqlite_url)
    try:
        report = check_integrity(engine)
        assert not report.ok and report.problems >= 1
        with pytest.raises(DatabaseDamaged, match=DAMAGED_MESSAGE):
            require_intact(engine)
    finally:
        engine.dispose()
    with pytest.raises(StoreUnavailable) as refused:
        open_store(sqlite_url)
    assert str(refused.value) == DAMAGED_MESSAGE
    assert MARKER not in caplog.text and MARKER not in str(refused.value)


def test_a_file_that_is_not_a_database_at_all_is_damaged(tmp_path: Path) -> None:
    path = tmp_path / "interfant.sqlite3"
    path.write_bytes(b"\x13\x37" * 4096)
    with pytest.raises(StoreUnavailable, match=DAMAGED_MESSAGE):
        open_store(f"sqlite:///{path}")


def test_damage_while_the_app_runs_is_found_before_a_backup_and_audit_verify(
        sqlite_url: str, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """The check at start-up is not enough: a file damaged later (a disk error under a
    running app) must not be backed up as if it were good, nor its trail judged."""
    from interfant_desktop.services import patients
    from interfant_desktop.services.audit import verify_audit
    from interfant_desktop.services.backup import backup_database
    from tests.store.fixtures import fictitious_case, make_users

    store = open_store(sqlite_url)
    try:
        users = make_users(store)
        patients.import_case(store, users["doc"], fictitious_case("DMG-1", name=MARKER))
        target = tmp_path / "good.json"
        backup_database(store, users["admin"], target)  # intact: written
        store.engine.dispose()  # (the WAL is checkpointed into the file)
        assert store.sqlite_file is not None
        damage_the_page_holding(store.sqlite_file, MARKER.encode())
        caplog.set_level(logging.INFO)
        damaged = tmp_path / "damaged.json"
        with pytest.raises(StoreUnavailable) as refused:
            backup_database(store, users["admin"], damaged)
        assert str(refused.value) == DAMAGED_MESSAGE and not damaged.exists()
        with pytest.raises(StoreUnavailable, match=DAMAGED_MESSAGE):
            verify_audit(store, users["admin"])
        assert MARKER not in caplog.text
    finally:
        store.close()
