"""Where the database is, and the SQLite settings every connection must have."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from interfant_desktop.services.store_access import open_store
from interfant_desktop.store.db import default_url, make_engine, resolve_url


def test_default_database_is_a_file_in_the_data_folder(_isolated_data_dir: Path) -> None:
    assert default_url() == f"sqlite:///{_isolated_data_dir / 'interfant.sqlite3'}"
    store = open_store()
    try:
        assert store.sqlite_file == _isolated_data_dir / "interfant.sqlite3"
        assert store.sqlite_file.exists()
    finally:
        store.close()


def test_interfant_db_selects_another_database_and_an_explicit_url_wins(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("INTERFANT_DB", f"sqlite:///{tmp_path / 'env.sqlite3'}")
    assert resolve_url() == f"sqlite:///{tmp_path / 'env.sqlite3'}"
    assert resolve_url("postgresql+psycopg://h/db") == "postgresql+psycopg://h/db"


def test_every_sqlite_connection_has_foreign_keys_wal_and_full_sync(sqlite_url: str) -> None:
    engine = make_engine(sqlite_url, pool_size=3)
    try:
        connections = [engine.connect() for _ in range(3)]  # three distinct DBAPI connections
        for conn in connections:
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
            conn.close()
    finally:
        engine.dispose()



def test_foreign_keys_are_enforced(sqlite_url: str) -> None:
    from sqlalchemy.exc import IntegrityError

    from interfant_desktop.store.models import MrdResult

    store = open_store(sqlite_url)
    try:
        with pytest.raises(IntegrityError), store.transaction() as session:
            session.add(MrdResult(patient_id=999, position=0, timepoint="other",
                                  sample_date=dt.date(2026, 1, 1),
                                  kind="undetectable", keys_given=[]))
    finally:
        store.close()
