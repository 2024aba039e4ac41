"""Schema migrations: a database made by the first schema keeps its data when
upgraded; a newer database is refused; broken references roll the upgrade back."""

from __future__ import annotations

import copy
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text

from interfant_desktop.services.audit import verify_audit
from interfant_desktop.services.errors import StoreUnavailable
from interfant_desktop.services.patients import export_case, search_patients
from interfant_desktop.services.permissions import CurrentUser
from interfant_desktop.services.store_access import open_store
from interfant_desktop.store.audit import append_event
from interfant_desktop.store.case_rows import case_to_rows, rows_to_case
from interfant_desktop.store.db import make_engine, make_sessionmaker, sqlite_path
from interfant_desktop.store.errors import MigrationError
from interfant_desktop.store.migrate import (
    HEAD_REVISION,
    database_revision,
    head_revision,
    is_up_to_date,
    known_revisions,
    recorded_revisions,
    upgrade_to_head,
    upgrade_to_revision,
)
from interfant_desktop.store.models import Base, Patient, User, utc_now
from tests.store.fixtures import fictitious_case, password_hash

ADMIN = CurrentUser("admin", "administrator")


def _database_at_first_revision(url: str) -> list[dict[str, object]]:
    """A database as version 0001 of the app left it, with patients, a user and audit
    events in it; returns the case files stored."""
    engine = make_engine(url)
    upgrade_to_revision(engine, "0001")
    assert database_revision(engine) == "0001"
    cases = [fictitious_case("OLD-1"),
             fictitious_case("OLD-2", name="Łucja Kowalska", hospital_number="MRN 77"),
             fictitious_case("OLD-3", name="Søren Ågård", hospital_number=None)]
    sessions = make_sessionmaker(engine)
    with sessions() as session, session.begin():
        session.add(User(username="admin", role="administrator", password_hash=password_hash()))
        for data in cases:
            now = utc_now()
            patient = Patient(created_by="admin", updated_by="admin", created_at=now,
                              updated_at=now)
            case_to_rows(patient, copy.deepcopy(data))
            session.add(patient)
            session.flush()
            append_event(session, username="admin", action="import", entity="patient",
                         entity_key=patient.study_id, study_id=patient.study_id,
                         new=rows_to_case(patient))
    engine.dispose()
    return cases


def test_upgrading_a_first_schema_database_keeps_its_data(db_url: str) -> None:
    cases = _database_at_first_revision(db_url)
    store = open_store(db_url)  # migrates at start-up
    try:
        assert database_revision(store.engine) == head_revision() != "0001"
        for data in cases:
            study_id = str(data["patient"]["study_id"])  # type: ignore[index]
            assert export_case(store, ADMIN, study_id) == data
        # revision 0002 built the search words of the patients already stored
        page = search_patients(store, ADMIN, "kowal")
        assert [r.study_id for r in page.rows] == ["OLD-2"]
        assert search_patients(store, ADMIN, "soren").total == 1
        assert search_patients(store, ADMIN, "mrn").total == 2
        assert verify_audit(store, ADMIN).ok
        if store.is_sqlite:
            with store.engine.connect() as conn:
                assert conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall() == []
                assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert store.migration_backup is not None and store.migration_backup.exists()
            copy_db = sqlite3.connect(store.migration_backup)
            try:
                assert copy_db.execute("SELECT version_num FROM alembic_version").fetchone() \
                    == ("0001",)
                assert copy_db.execute("SELECT count(*) FROM patients").fetchone() == (3,)
            finally:
                copy_db.close()
    finally:
        store.close()


def test_the_migrated_schema_is_the_schema_of_the_models(db_url: str) -> None:
    engine = make_engine(db_url)
    upgrade_to_head(engine)
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []
    engine.dispose()


def test_a_database_from_a_newer_app_is_refused_and_left_alone(db_url: str) -> None:
    engine = make_engine(db_url)
    upgrade_to_head(engine)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = 'f00d9999'"))
    engine.dispose()
    with pytest.raises(StoreUnavailable, match="newer version") as excinfo:
        open_store(db_url)
    assert "f00d9999" in str(excinfo.value)
    engine = make_engine(db_url)
    assert database_revision(engine) == "f00d9999"
    engine.dispose()


def test_an_up_to_date_database_is_not_backed_up_again(sqlite_url: str) -> None:
    open_store(sqlite_url).close()
    store = open_store(sqlite_url)
    try:
        assert store.migration_backup is None
        path = sqlite_path(sqlite_url)
        assert path is not None
        assert list(path.parent.glob("*.bak")) == []  # a new database needs no backup
    finally:
        store.close()


def test_a_broken_reference_rolls_the_whole_upgrade_back(sqlite_url: str) -> None:
    _database_at_first_revision(sqlite_url)
    path = sqlite_path(sqlite_url)
    assert isinstance(path, Path)
    raw = sqlite3.connect(path)
    raw.execute("PRAGMA foreign_keys = OFF")
    raw.execute("INSERT INTO mrd_results (patient_id, position, timepoint, sample_date, kind, "
                "keys_given) VALUES (999, 0, 'other', '2026-01-01', 'undetectable', '[]')")
    raw.commit()
    raw.close()
    engine = make_engine(sqlite_url)
    with pytest.raises(MigrationError, match="break 1 reference"):
        upgrade_to_head(engine)
    assert database_revision(engine) == "0001"
    with engine.connect() as conn:
        tables = {r[0] for r in conn.exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert "search_terms" not in tables  # the DDL was rolled back too
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    engine.dispose()


def test_the_head_revision_constant_is_alembics_head() -> None:
    # The start-up fast path compares the database with HEAD_REVISION without Alembic:
    # a new migration script must update the constant too.
    assert head_revision() == HEAD_REVISION
    assert known_revisions() >= {HEAD_REVISION}


def test_an_up_to_date_database_opens_without_importing_alembic(sqlite_url: str) -> None:
    open_store(sqlite_url).close()  # creates the schema (Alembic runs here)
    code = ("import sys\n"
            "from interfant_desktop.services.store_access import open_store\n"
            f"open_store({sqlite_url!r}).close()\n"
            "loaded = sorted(m for m in ('alembic', 'mako', 'pygments') if m in sys.modules)\n"
            "assert not loaded, loaded\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=120, cwd=Path(__file__).resolve().parents[2])
    assert result.returncode == 0, result.stderr


def test_an_unreadable_version_table_takes_the_full_path(sqlite_url: str) -> None:
    engine = make_engine(sqlite_url)
    assert recorded_revisions(engine) is None  # new database: no alembic_version yet
    upgrade_to_head(engine)
    assert recorded_revisions(engine) == [HEAD_REVISION]
    with engine.begin() as conn:  # two rows (branches): not the fast path
        conn.execute(text("INSERT INTO alembic_version (version_num) VALUES ('0001')"))
    assert not is_up_to_date(engine)
    engine.dispose()
