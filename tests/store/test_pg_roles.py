"""PostgreSQL run as a shared clinical database: every app user signs in as their own
login role (SCRAM), and a nurse's credential used directly with ``psql`` can neither
promote itself, nor change an order, nor touch the audit trail.

Set up as a site would: ``init --per-user-roles`` with the schema owner's URL, then
``users add`` by the administrator through a URL without a user name."""

from __future__ import annotations

import shutil
import subprocess
import uuid
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL, make_url

from interfant_desktop.cli import main
from interfant_desktop.services.auth import sign_in
from interfant_desktop.services.clinical import record_measurements
from interfant_desktop.services.patients import open_patient
from interfant_desktop.services.store_access import open_store
from interfant_desktop.store.audit import verify_chain
from interfant_desktop.store.db import login_url, make_sessionmaker
from tests.store.fixtures import fictitious_case, on_server

PASSWORDS = {"admin": "admin pass 4711", "doc": "doctor pass 4711", "nurse": "nurse pass 4711"}


@dataclass
class Site:
    owner_url: str  # the schema owner (here the test server's superuser)
    app_url: str  # no user name: each person signs in as their own role
    schema: str
    names: dict[str, str]  # app role -> user name (unique per test: roles are per cluster)


def _cli(monkeypatch: pytest.MonkeyPatch, *argv: str, password: str,
         new_password: str | None = None) -> int:
    monkeypatch.setenv("INTERFANT_PASSWORD", password)
    if new_password:
        monkeypatch.setenv("INTERFANT_NEW_PASSWORD", new_password)
    return main(list(argv))


@pytest.fixture
def site(pg_url: str, monkeypatch: pytest.MonkeyPatch, tmp_path: object) -> Iterator[Site]:
    tag = uuid.uuid4().hex[:6]
    names = {role: f"{role}_{tag}" for role in PASSWORDS}
    url = make_url(pg_url)
    app_url = URL.create(url.drivername, host=url.host, port=url.port, database=url.database,
                         query=url.query).render_as_string(hide_password=False)
    schema = str(url.query["options"]).split("=", 1)[1]
    try:
        assert _cli(monkeypatch, "--db", pg_url, "init", "--admin", names["admin"],
                    "--per-user-roles", password=PASSWORDS["admin"]) == 0
        for role, app_role in (("doc", "physician"), ("nurse", "nurse")):
            temporary = "temporary " + PASSWORDS[role]
            assert _cli(monkeypatch, "--db", app_url, "--user", names["admin"], "users", "add",
                        names[role], "--role", app_role, password=PASSWORDS["admin"],
                        new_password=temporary) == 0
            # The first sign-in, as their own login role: their own password replaces it.
            assert _cli(monkeypatch, "--db", app_url, "--user", names[role], "preparation",
                        "show", password=temporary, new_password=PASSWORDS[role]) == 0
        yield Site(pg_url, app_url, schema, names)
    finally:
        owner = create_engine(pg_url)
        with owner.begin() as conn:
            for name in names.values():
                conn.execute(text(f'DROP ROLE IF EXISTS "{name}"'))
        owner.dispose()


def _psql(site: Site, role: str, sql: str, password: str | None = None) -> subprocess.CompletedProcess[str]:
    """``sql`` through psql, signed in with that person's own credential."""
    psql = shutil.which("psql")
    if psql is None:
        pytest.skip("psql is not installed")
    url = make_url(site.owner_url)
    return subprocess.run(
        [psql, "-X", "-v", "ON_ERROR_STOP=1", "-h", str(url.host), "-p", str(url.port),
         "-U", site.names[role], "-d", str(url.database), "-c",
         f"SET search_path = {site.schema}; {sql}"],
        env={"PGPASSWORD": password or PASSWORDS[role], "PATH": "/usr/bin:/bin"},
        capture_output=True, text=True, check=False, timeout=60)


def _an_order(site: Site) -> int:
    """A signed order (written by the schema owner: the order workflow is not the subject)."""
    engine = create_engine(site.owner_url)
    with engine.begin() as conn:
        order_id = conn.execute(text(
            "INSERT INTO orders (patient_id, cycle, status, content, content_hash, "
            "protocol_version, patient_version, created_by, created_at, stale, version) "
            "SELECT id, 1, 'signed', '{}', 'x', 'p', 1, 'doc', now(), false, 1 FROM patients "
            "LIMIT 1 RETURNING id")).scalar_one()
    engine.dispose()
    return int(order_id)


def test_each_user_signs_in_as_their_own_login_role(site: Site, monkeypatch: pytest.MonkeyPatch,
                                                    tmp_path: object) -> None:
    import json
    from pathlib import Path

    case = Path(str(tmp_path)) / "case.json"
    case.write_text(json.dumps(fictitious_case("PG-1")), encoding="utf-8")
    assert _cli(monkeypatch, "--db", site.app_url, "--user", site.names["doc"], "import",
                str(case), password=PASSWORDS["doc"]) == 0
    # the nurse's app work goes through with the nurse's own, narrow role
    nurse_store = open_store(login_url(site.app_url, site.names["nurse"], PASSWORDS["nurse"]))
    try:
        nurse = sign_in(nurse_store, site.names["nurse"], PASSWORDS["nurse"])
        record = open_patient(nurse_store, nurse, "PG-1")
        weighed = record_measurements(nurse_store, nurse, "PG-1", record.version, 1,
                                      weight_kg=7.9, height_cm=71.0, reason="re-weighed")
        assert weighed.case_json["blinatumomab"][0]["weight_kg"] == 7.9
    finally:
        nurse_store.close()
    # a wrong password is refused by the database itself (SCRAM)
    assert _cli(monkeypatch, "--db", site.app_url, "--user", site.names["doc"], "export",
                "PG-1", password="not the password") == 1
    assert "password authentication failed" in _psql(site, "nurse", "SELECT 1",
                                                     password="wrong").stderr
    engine = create_engine(site.owner_url)
    with make_sessionmaker(engine)() as session:
        assert verify_chain(session).ok
        who = session.execute(text(
            "SELECT DISTINCT db_user FROM audit_events WHERE username = :n"),
            {"n": site.names["nurse"]}).scalars().all()
        assert who == [site.names["nurse"]]  # stamped by the server, not told by the app
        changed_by = set(session.execute(text("SELECT db_user FROM row_changes")).scalars())
        assert {site.names["doc"], site.names["nurse"]} <= changed_by
    engine.dispose()


@pytest.mark.parametrize("sql", [
    "UPDATE users SET role = 'administrator' WHERE username = current_user",
    "INSERT INTO users (username, role, password_hash) VALUES ('x', 'administrator', 'x')",
    "GRANT interfant_administrator TO CURRENT_USER",
    "ALTER ROLE CURRENT_USER CREATEROLE",
    "ALTER ROLE CURRENT_USER SUPERUSER",
    "SET ROLE interfant_administrator",
    "UPDATE users SET password_hash = 'x' WHERE role = 'administrator'",
])
def test_a_nurses_credential_cannot_promote_itself(site: Site, sql: str) -> None:
    done = _psql(site, "nurse", sql)
    assert done.returncode != 0 or "UPDATE 0" in done.stdout, done.stdout
    check = _psql(site, "admin", "SELECT role FROM users WHERE username = "
                                 f"'{site.names['nurse']}'")
    assert "nurse" in check.stdout and "administrator" not in check.stdout


@pytest.mark.parametrize("sql", [
    "UPDATE orders SET content = '{\"dose_mcg\": 165}' WHERE id = {id}",
    "UPDATE orders SET content_hash = 'y' WHERE id = {id}",
    "UPDATE orders SET status = 'verified' WHERE id = {id}",
    "DELETE FROM orders WHERE id = {id}",
    "INSERT INTO orders (patient_id, cycle, status, content, content_hash, protocol_version, "
    "patient_version, created_by) SELECT patient_id, 2, 'verified', content, 'x', 'p', 1, "
    "'x' FROM orders WHERE id = {id}",
])
def test_a_nurses_credential_cannot_change_an_order(site: Site, monkeypatch: pytest.MonkeyPatch,
                                                    tmp_path: object, sql: str) -> None:
    import json
    from pathlib import Path

    case = Path(str(tmp_path)) / "case.json"
    case.write_text(json.dumps(fictitious_case("PG-2")), encoding="utf-8")
    assert _cli(monkeypatch, "--db", site.app_url, "--user", site.names["doc"], "import",
                str(case), password=PASSWORDS["doc"]) == 0
    order_id = _an_order(site)
    done = _psql(site, "nurse", sql.replace("{id}", str(order_id)))
    assert done.returncode != 0, done.stdout
    assert "permission denied" in done.stderr or "may only print" in done.stderr


@pytest.mark.parametrize("sql", [
    "UPDATE audit_events SET reason = 'rewritten'",
    "DELETE FROM audit_events",
    "TRUNCATE audit_events",
    "SELECT count(*) FROM row_changes",
    "DELETE FROM row_changes",
    "ALTER TABLE audit_events DISABLE TRIGGER ALL",
    "INSERT INTO audit_events (seq, at, username, action, entity, prev_hash, hash) "
    "SELECT MAX(seq) + 1, TIMESTAMP '2020-01-01', 'x', 'x', 'x', 'x', 'x' FROM audit_events",
])
def test_a_nurses_credential_cannot_touch_the_audit(site: Site, sql: str) -> None:
    before = _psql(site, "admin", "SELECT count(*), max(hash) FROM audit_events").stdout
    done = _psql(site, "nurse", sql)
    assert done.returncode != 0, done.stdout
    assert _psql(site, "admin", "SELECT count(*), max(hash) FROM audit_events").stdout == before


def test_a_deactivated_user_can_no_longer_sign_in_to_the_database(site: Site) -> None:
    from interfant_desktop.services.users import reset_password, set_active

    store = open_store(login_url(site.app_url, site.names["admin"], PASSWORDS["admin"]))
    try:
        admin = sign_in(store, site.names["admin"], PASSWORDS["admin"])
        reset_password(store, admin, site.names["nurse"], "a new nurse pass 1",
                       admin_password=PASSWORDS["admin"])
        assert _psql(site, "nurse", "SELECT 1").returncode != 0
        assert _psql(site, "nurse", "SELECT 1", password="a new nurse pass 1").returncode == 0
        set_active(store, admin, site.names["nurse"], False)
        refused = _psql(site, "nurse", "SELECT 1", password="a new nurse pass 1")
        assert refused.returncode != 0 and "not permitted to log in" in refused.stderr
    finally:
        store.close()


def test_an_administrator_backs_up_and_restores_with_their_own_role(
        site: Site, tmp_path: object) -> None:
    from pathlib import Path

    from interfant_desktop.services.audit import verify_audit
    from interfant_desktop.services.backup import backup_database, restore_database

    path = Path(str(tmp_path)) / "site.json"
    store = open_store(login_url(site.app_url, site.names["admin"], PASSWORDS["admin"]))
    try:
        admin = sign_in(store, site.names["admin"], PASSWORDS["admin"])
        backup_database(store, admin, path)
        assert restore_database(store, admin, path).relation == "an earlier state of this trail"
        assert verify_audit(store, admin).ok
    finally:
        store.close()


@pytest.fixture
def door(site: Site) -> Iterator[str]:
    """A shared application credential, as a workstation might be configured with: a login
    role in the staff group only (it may read, and append to the audit trail)."""
    name = f"door_{uuid.uuid4().hex[:6]}"
    url = make_url(site.app_url).set(username=name, password="door pass 4711")
    with on_server(site.owner_url,
                   f"CREATE ROLE \"{name}\" LOGIN PASSWORD 'door pass 4711' IN ROLE interfant_staff",
                   f'DROP ROLE IF EXISTS "{name}"'):
        yield url.render_as_string(hide_password=False)


def door_name(url: str) -> str:
    return str(make_url(url).username)


def _session_user(store: object) -> str:
    with store.engine.connect() as conn:  # type: ignore[attr-defined]
        return str(conn.execute(text("SELECT session_user")).scalar_one())


@pytest.mark.parametrize("configured", ["shared credential", "no user name"])
def test_the_gui_works_as_the_signed_in_users_own_login_role(
        site: Site, door: str, configured: str) -> None:
    """The GUI backend signs in through the user's own login role: the physician's import
    is stamped by the server with the physician's role, which the shared credential could
    not have done; switching to the nurse switches the connection; a password the server
    refuses is a refused sign-in; signing out closes the user's connection."""
    from interfant_desktop.services.errors import AuthenticationError
    from interfant_desktop.ui.backend import Measurements, UiBackend

    url = door if configured == "shared credential" else site.app_url
    backend = UiBackend.open(url)
    try:
        if configured == "shared credential":
            assert backend.door is not None and _session_user(backend.door) == door_name(door)
            with pytest.raises(Exception, match="permission denied"), \
                    backend.door.engine.begin() as conn:  # the door alone may not write a patient
                conn.execute(text("INSERT INTO patients (study_id, version) VALUES ('X', 1)"))
        else:
            assert backend.door is None and backend.has_any_user()  # nothing connected yet
        with pytest.raises(AuthenticationError, match="wrong user name or password"):
            backend.sign_in(site.names["doc"], "not the password")
        backend.sign_in(site.names["doc"], PASSWORDS["doc"])
        assert _session_user(backend.store) == site.names["doc"]
        assert backend.import_case(fictitious_case("PG-G1")) == "PG-G1"
        doc_store = backend.store
        backend.sign_in(site.names["nurse"], PASSWORDS["nurse"])  # the next user here
        assert _session_user(backend.store) == site.names["nurse"]
        assert doc_store._closed
        record = backend.load_patient("PG-G1")
        backend.record_measurements("PG-G1", Measurements(cycle=1, weight_kg=7.9, height_cm=71.0),
                                    "re-weighed", record.version)
        backend.change_own_password(PASSWORDS["nurse"], "a new nurse pass 4711")
        backend.store.engine.dispose()  # every later connection signs in anew
        assert backend.load_patient("PG-G1").version > record.version
        assert _session_user(backend.store) == site.names["nurse"]
        backend.sign_out()
        assert backend._store is backend.door and doc_store is not backend.door
    finally:
        backend.close()
    engine = create_engine(site.owner_url)
    with make_sessionmaker(engine)() as session:
        stamped = session.execute(text(
            "SELECT username, db_user FROM audit_events WHERE study_id = 'PG-G1'")).all()
        assert {tuple(r) for r in stamped} == {(site.names["doc"], site.names["doc"]),
                                              (site.names["nurse"], site.names["nurse"])}
        if configured == "shared credential":  # the server's refusal, recorded via the door
            refused = session.execute(text(
                "SELECT db_user FROM audit_events WHERE action = 'sign_in_failed' AND "
                "reason LIKE 'the database refused%'")).scalars().all()
            assert refused == [door_name(door)]
    engine.dispose()


def test_a_second_person_confirms_through_their_own_login_role(site: Site) -> None:
    """The physician at the GUI requests an identity correction and the administrator
    confirms it there with their password: the confirmation runs as the administrator's
    own login role (their sign-in bookkeeping is theirs to write), and the trail verifies."""
    from interfant_desktop.services import corrections
    from interfant_desktop.services.audit import verify_audit
    from interfant_desktop.ui.app import start_session

    started = start_session(site.app_url, site.names["doc"], PASSWORDS["doc"], False)
    backend = started.backend
    try:
        assert _session_user(backend.store) == site.names["doc"]
        backend.import_case(fictitious_case("PG-G2"))
        record = backend.load_patient("PG-G2")
        request = corrections.Correction(corrections.FactRef("patient", field="name"),
                                         "Zoë van den Berg", "misspelt at registration")
        pending = backend.correct_fact("PG-G2", request, record.version).pending
        assert pending is not None
        done = backend.confirm_correction(pending.id, site.names["admin"], PASSWORDS["admin"])
        assert done.applied and done.record.case_json["patient"]["name"] == "Zoë van den Berg"
        assert _session_user(backend.store) == site.names["doc"]  # still the physician's
        backend.sign_in(site.names["admin"], PASSWORDS["admin"])
        report = verify_audit(backend.store, backend.user)  # type: ignore[arg-type]
        assert report.ok, report.problems
    finally:
        backend.close()
    engine = create_engine(site.owner_url)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT db_user FROM audit_events WHERE action = "
                                 "'confirm_correction'")).scalar_one() == site.names["admin"]
    engine.dispose()


def test_the_app_starts_signed_in_as_the_users_own_login_role(
        site: Site, monkeypatch: pytest.MonkeyPatch, tmp_path: object) -> None:
    """The real app (``--exit-when-ready``) on a URL without a user name: the window fills
    through the physician's own login role; a password the server refuses exits with the
    one sign-in line."""
    import json
    import os
    import sys
    from pathlib import Path

    from tests.conftest import REPO

    case = Path(str(tmp_path)) / "case.json"
    case.write_text(json.dumps(fictitious_case("PG-G3")), encoding="utf-8")
    assert _cli(monkeypatch, "--db", site.app_url, "--user", site.names["doc"], "import",
                str(case), password=PASSWORDS["doc"]) == 0

    def start(password: str) -> subprocess.CompletedProcess[str]:
        env = dict(os.environ, INTERFANT_PASSWORD=password, QT_QPA_PLATFORM="offscreen")
        return subprocess.run([sys.executable, "-m", "interfant_desktop", "--db", site.app_url,
                               "--user", site.names["doc"], "--exit-when-ready"], cwd=REPO,
                              env=env, capture_output=True, text=True, timeout=180, check=False)

    started = start(PASSWORDS["doc"])
    assert started.returncode == 0, started.stderr
    assert "ready, 1 patient rows shown" in started.stdout
    refused = start("not the password")
    assert refused.returncode == 1 and "ready," not in refused.stdout
    assert refused.stderr.strip().splitlines()[-1].endswith("wrong user name or password")
    engine = create_engine(site.owner_url)
    with engine.connect() as conn:
        who = conn.execute(text("SELECT db_user FROM audit_events WHERE action = 'sign_in' "
                                "AND username = :u ORDER BY seq DESC LIMIT 1"),
                           {"u": site.names["doc"]}).scalar_one()
    engine.dispose()
    assert who == site.names["doc"]
