"""Schema migrations: a database made by the first schema keeps its data when
upgraded; a newer database is refused; broken references roll the upgrade back."""

from __future__ import annotations

import copy
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import insert, text
from sqlalchemy.orm import Session

from interfant_desktop.services import clinical
from interfant_desktop.services.audit import verify_audit
from interfant_desktop.services.corrections import (
    EnteredInError,
    FactRef,
    correct_fact,
    entered_in_error_facts,
)
from interfant_desktop.services.errors import StoreUnavailable
from interfant_desktop.services.patients import export_case, open_patient, search_patients
from interfant_desktop.services.permissions import CurrentUser
from interfant_desktop.services.store_access import Store, open_store
from interfant_desktop.store.audit import GENESIS_HASH, encode_value, event_hash
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
from tests.store.fixtures import fictitious_case, password_hash, signed_in

#: Columns added by later revisions: a database at an older revision does not have them.
_ADDED_LATER = {"0003": {"patients": {"no_known_allergies", "allergies"}},
                "0005": {"users": {"locked_until"}},
                "0009": {"patients": {"entered_in_error_at", "entered_in_error_by",
                                      "entered_in_error_reason"}},
                "0010": {"blinatumomab_cycles": {"start_time", "bag_hours"}},
                "0013": {"users": {"must_change_password"}}}


def admin(store: Store) -> CurrentUser:
    """The old database's administrator, signed in (the services check the session)."""
    return signed_in(store, "admin")


def _old_values(obj: Any, revision: str) -> dict[str, Any]:
    """The column values of a model object that a database at ``revision`` has (unset
    values left out, so the column defaults apply as the old app's inserts did)."""
    skip = {column for later, tables in _ADDED_LATER.items() if later > revision
            for column in tables.get(obj.__table__.name, set())}
    return {c.key: value for c in obj.__table__.columns
            if c.key not in skip and (value := getattr(obj, c.key)) is not None}


def _insert_as_old_app(session: Session, patient: Patient, revision: str) -> None:
    """Insert a patient and its sections with the columns of ``revision`` only (the
    ORM would name every column of today's models)."""
    conn = session.connection()
    result = conn.execute(insert(Patient.__table__).values(_old_values(patient, revision)))
    patient_id = result.inserted_primary_key[0]
    for relationship in Patient.__mapper__.relationships:
        value = getattr(patient, relationship.key)
        children = value if isinstance(value, list) else [] if value is None else [value]
        for child in children:
            values = {**_old_values(child, revision), "patient_id": patient_id}
            conn.execute(insert(child.__table__).values(values))


def _append_old_event(session: Session, prev: str, **fields: Any) -> str:
    """An event as the app before schema revision 6 recorded it (hash chain, no
    signature), written with that revision's columns only."""
    conn = session.connection()
    seq = (conn.execute(text("SELECT MAX(seq) FROM audit_events")).scalar() or 0) + 1
    row: dict[str, Any] = {"seq": seq, "at": utc_now(), "field": None, "old_value": None,
                           "reason": None, "signer": None, **fields}
    row["prev_hash"], row["hash"] = prev, event_hash(row, prev)
    del row["signer"]
    conn.execute(text(
        "INSERT INTO audit_events (seq, at, username, action, entity, entity_key, study_id, "
        "field, old_value, new_value, reason, prev_hash, hash) VALUES (:seq, :at, :username, "
        ":action, :entity, :entity_key, :study_id, :field, :old_value, :new_value, :reason, "
        ":prev_hash, :hash)"), {**row, "at": row["at"].replace(tzinfo=None)})
    return str(row["hash"])


def _database_at_revision(url: str, revision: str) -> list[dict[str, object]]:
    """A database as version ``revision`` of the app left it, with patients, a user and
    audit events in it; returns the case files stored."""
    engine = make_engine(url)
    upgrade_to_revision(engine, revision)
    assert database_revision(engine) == revision
    cases = [fictitious_case("OLD-1"),
             fictitious_case("OLD-2", name="Łucja Kowalska", hospital_number="0048277"),
             fictitious_case("OLD-3", name="Søren Ågård", hospital_number=None)]
    sessions = make_sessionmaker(engine)
    prev = GENESIS_HASH
    with sessions() as session, session.begin():
        session.connection().execute(insert(User.__table__).values(
            username="admin", role="administrator", password_hash=password_hash()))
        session.connection().execute(insert(User.__table__).values(
            username="doctor", role="physician", password_hash=password_hash()))
        for data in cases:
            now = utc_now()
            patient = Patient(created_by="admin", updated_by="admin", created_at=now,
                              updated_at=now)
            case_to_rows(patient, copy.deepcopy(data))
            _insert_as_old_app(session, patient, revision)
            prev = _append_old_event(session, prev, username="admin", action="import",
                                     entity="patient", entity_key=patient.study_id,
                                     study_id=patient.study_id, new_value=encode_value(
                                         rows_to_case(patient)))
        session.connection().execute(text(
            "INSERT INTO audit_head (id, last_seq, last_hash) VALUES (1, :seq, :hash)"),
            {"seq": len(cases), "hash": prev})
    engine.dispose()
    return cases


def _database_at_first_revision(url: str) -> list[dict[str, object]]:
    """A database as version 0001 of the app left it (see :func:`_database_at_revision`)."""
    return _database_at_revision(url, "0001")


def test_upgrading_a_first_schema_database_keeps_its_data(db_url: str) -> None:
    cases = _database_at_first_revision(db_url)
    store = open_store(db_url)  # migrates at start-up
    try:
        assert database_revision(store.engine) == head_revision() != "0001"
        for data in cases:
            study_id = str(data["patient"]["study_id"])  # type: ignore[index]
            assert export_case(store, admin(store), study_id) == data
        # revision 0002 built the search words of the patients already stored
        page = search_patients(store, admin(store), "kowal")
        assert [r.study_id for r in page.rows] == ["OLD-2"]
        assert search_patients(store, admin(store), "soren").total == 1
        assert search_patients(store, admin(store), "00482").total == 2  # both hospital numbers
        assert verify_audit(store, admin(store)).ok
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


def test_upgrading_a_second_schema_database_keeps_its_data_and_adds_allergies(
        db_url: str) -> None:
    cases = _database_at_revision(db_url, "0002")
    store = open_store(db_url)  # migrates 0002 -> head at start-up
    try:
        assert database_revision(store.engine) == head_revision() == HEAD_REVISION
        for data in cases:
            study_id = str(data["patient"]["study_id"])  # type: ignore[index]
            assert export_case(store, admin(store), study_id) == data  # the case file is unchanged
            record = open_patient(store, admin(store), study_id)
            assert (record.no_known_allergies, record.allergies) == (None, None)
            assert not record.allergies_recorded
        assert verify_audit(store, admin(store)).ok
        if store.is_sqlite:
            with store.engine.connect() as conn:
                assert conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall() == []
                assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        version = open_patient(store, admin(store), "OLD-2").version
        record = clinical.record_allergies(store, signed_in(store, "doctor"), "OLD-2", version,
                                           no_known_allergies=False, allergies="penicillin")
        assert (record.no_known_allergies, record.allergies) == (False, "penicillin")
        # issue 9: the recorded allergy status is part of the exported case file
        assert export_case(store, admin(store), "OLD-2") == {
            **cases[1], "patient": {**cases[1]["patient"], "allergies": ["penicillin"]}}
    finally:
        store.close()


def test_upgrading_a_third_schema_database_keeps_its_data_and_adds_corrections(
        db_url: str) -> None:
    cases = _database_at_revision(db_url, "0003")
    store = open_store(db_url)  # migrates 0003 -> head (0009: corrections)
    try:
        assert database_revision(store.engine) == head_revision() == HEAD_REVISION
        for data in cases:
            study_id = str(data["patient"]["study_id"])  # type: ignore[index]
            assert export_case(store, admin(store), study_id) == data
            assert open_patient(store, admin(store), study_id).entered_in_error_reason is None
        assert [r.study_id for r in search_patients(store, admin(store)).rows] == \
            ["OLD-1", "OLD-2", "OLD-3"]
        version = open_patient(store, admin(store), "OLD-1").version
        result = correct_fact(store, signed_in(store, "doctor"), "OLD-1", version, EnteredInError(
            FactRef("mrd", 0), "sample mislabelled"))
        assert result.applied
        assert [f.fact for f in entered_in_error_facts(store, admin(store), "OLD-1")] == ["mrd[0]"]
        assert verify_audit(store, admin(store)).ok
    finally:
        store.close()


def test_the_migrated_schema_is_the_schema_of_the_models(db_url: str) -> None:
    engine = make_engine(db_url)
    upgrade_to_head(engine)
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        # row_changes is the PostgreSQL triggers' own table, not a model.
        diff = [d for d in compare_metadata(context, Base.metadata)
                if not (d[0] == "remove_table" and d[1].name == "row_changes")]
        assert diff == []
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


def test_accounts_of_a_database_before_signatures_get_keys_at_next_sign_in(
        db_url: str) -> None:
    """Revision 0003 had no signing keys: the administrator's next sign-in makes the site's
    root key, a physician's makes a key that cannot sign until an administrator certifies
    it; then the physician signs an order."""
    from interfant_desktop.services import auth, order_workflow, signing_keys
    from interfant_desktop.services import users as user_admin
    from interfant_desktop.services.accounts import AccountRefused
    from interfant_desktop.services.audit import verify_audit
    from interfant_desktop.services.signing_keys import SignatureRefused
    from tests.order_helpers import start_draft
    from tests.store.fixtures import PASSWORD

    _database_at_revision(db_url, "0003")
    store = open_store(db_url)
    try:
        assert signing_keys.site_fingerprint(store) is None
        admin = auth.sign_in(store, "admin", PASSWORD)
        root = signing_keys.site_fingerprint(store)
        assert root is not None and len(root.split()) == 16
        doctor = auth.sign_in(store, "doctor", PASSWORD)
        draft = start_draft(store, doctor, "OLD-1")
        with pytest.raises(SignatureRefused, match="awaits an administrator's certificate"):
            order_workflow.sign_order(store, doctor, draft.id, draft.version, password=PASSWORD)
        with pytest.raises(SignatureRefused, match="wrong password"):
            user_admin.certify_key(store, admin, "doctor", admin_password="not it at all")
        user_admin.certify_key(store, admin, "doctor", admin_password=PASSWORD)
        # The session from before the certificate cannot use the key: a new sign-in does,
        # so that the doctor's events from now on carry it (audit verify insists).
        with pytest.raises(AccountRefused, match="newly certified signing key"):
            order_workflow.get_order(store, doctor, draft.id)
        doctor = auth.sign_in(store, "doctor", PASSWORD)
        signed = order_workflow.sign_order(store, doctor, draft.id, draft.version,
                                           password=PASSWORD)
        assert signed.status == "signed"
        assert signing_keys.site_fingerprint(store) == root  # one root, unchanged
        report = verify_audit(store, auth.sign_in(store, "admin", PASSWORD))
        assert report.ok, report.problems
    finally:
        store.close()
