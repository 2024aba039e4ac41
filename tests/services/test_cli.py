"""The store commands of the installed `interfant-desktop`, run as a real process:
exit status 0/1/2, one line on stderr, never a traceback, nothing written when refused."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import shared_case_files

CLI = Path(sys.executable).with_name("interfant-desktop")
ADMIN_PW, DOC_PW = "admin-pass-fictitious", "doctor-pass-fictitious"
DOC_TEMPORARY = "doctor-temporary-fictitious"  # set by the administrator


def run(db: str, *args: str, password: str | None = None,
        new_password: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("INTERFANT_PASSWORD", "INTERFANT_NEW_PASSWORD")}
    if password is not None:
        env["INTERFANT_PASSWORD"] = password
    if new_password is not None:
        env["INTERFANT_NEW_PASSWORD"] = new_password
    return subprocess.run([str(CLI), "--db", db, *args], capture_output=True, text=True,
                          encoding="utf-8", env=env, stdin=subprocess.DEVNULL, timeout=120)


def one_line(result: subprocess.CompletedProcess[str]) -> str:
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    return lines[0]


def make_site(db_url: str) -> str:
    """A database with an administrator and a physician, made through the CLI."""
    result = run(db_url, "init", "--admin", "root", password=ADMIN_PW)
    assert result.returncode == 0, result.stderr
    result = run(db_url, "--user", "root", "users", "add", "doc", "--role", "physician",
                 password=ADMIN_PW, new_password=DOC_TEMPORARY)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == 'added user "doc" (physician)'
    first_sign_in(db_url, "doc", DOC_TEMPORARY, DOC_PW)
    return db_url


def first_sign_in(db_url: str, name: str, temporary: str, own: str) -> None:
    """The user's first command: refused with the temporary password alone, then run with
    their own password (INTERFANT_NEW_PASSWORD), which replaces it."""
    refused = run(db_url, "--user", name, "preparation", "show", password=temporary)
    assert refused.returncode == 1 and "INTERFANT_NEW_PASSWORD" in one_line(refused)
    first = run(db_url, "--user", name, "preparation", "show", password=temporary,
                new_password=own)
    assert first.returncode == 0 and f"temporary password of {name} was replaced" in first.stderr


@pytest.fixture
def site(sqlite_url: str) -> str:
    """The same site made in-process (faster). Each CLI call is a new process, so these
    tests run on SQLite; the PostgreSQL path is the same code, exercised by the store
    tests and by the test below."""
    from interfant_desktop.services.auth import create_first_administrator
    from interfant_desktop.services.store_access import open_store
    from interfant_desktop.services.users import add_user, change_temporary_password

    store = open_store(sqlite_url)
    try:
        admin = create_first_administrator(store, "root", ADMIN_PW)
        add_user(store, admin, "doc", "physician", DOC_TEMPORARY, admin_password=ADMIN_PW)
        change_temporary_password(store, "doc", DOC_TEMPORARY, DOC_PW)  # doc's first sign-in
    finally:
        store.close()
    return sqlite_url


def test_the_commands_work_on_postgresql(pg_url: str) -> None:
    make_site(pg_url)
    files = shared_case_files()
    result = run(pg_url, "--user", "doc", "import", *map(str, files), password=DOC_PW)
    assert result.returncode == 0, result.stderr
    assert len(result.stdout.splitlines()) == len(files)
    last = json.loads(files[-1].read_text(encoding="utf-8"))
    out = run(pg_url, "--user", "doc", "export", last["patient"]["study_id"], password=DOC_PW)
    assert out.returncode == 0 and json.loads(out.stdout) == last
    again = run(pg_url, "--user", "doc", "import", str(files[-1]), password=DOC_PW)
    assert again.returncode == 1 and "already exists" in one_line(again)
    assert run(pg_url, "--user", "root", "audit", "verify", password=ADMIN_PW).returncode == 0


def test_import_then_export_gives_back_every_case(site: str) -> None:
    files = shared_case_files()
    result = run(site, "--user", "doc", "import", *map(str, files), password=DOC_PW)
    assert result.returncode == 0, result.stderr
    imported = [json.loads(f.read_text(encoding="utf-8")) for f in files]
    assert result.stdout.splitlines() == [f"imported \"{c['patient']['study_id']}\""
                                          for c in imported]
    for case in imported:
        out = run(site, "--user", "doc", "export", case["patient"]["study_id"], password=DOC_PW)
        assert out.returncode == 0, out.stderr
        assert json.loads(out.stdout) == case


def test_refusals_exit_1_with_one_line_and_write_nothing(site: str) -> None:
    case = str(shared_case_files()[0])
    wrong = run(site, "--user", "doc", "import", case, password="wrong password")
    assert wrong.returncode == 1 and "wrong user name or password" in one_line(wrong)
    assert run(site, "--user", "doc", "export", "PUB-01", password=DOC_PW).returncode == 2
    added = run(site, "--user", "doc", "users", "add", "eve", "--role", "administrator",
                password=DOC_PW, new_password="whatever-long")
    assert added.returncode == 1 and "may not manage users" in one_line(added)
    assert run(site, "--user", "eve", "audit", "verify", password="whatever-long").returncode == 1
    first = run(site, "--user", "doc", "import", case, password=DOC_PW)
    assert first.returncode == 0
    again = run(site, "--user", "doc", "import", case, password=DOC_PW)
    assert again.returncode == 1 and "already exists" in one_line(again)
    assert again.stdout == ""
    verify = run(site, "--user", "root", "audit", "verify", password=ADMIN_PW)
    assert verify.returncode == 0 and "intact" in verify.stdout
    init_again = run(site, "init", "--admin", "other", password=ADMIN_PW)
    assert init_again.returncode == 1 and "already has users" in one_line(init_again)


def test_bad_input_exits_2_naming_the_file_and_field(site: str, tmp_path: Path) -> None:
    bad = tmp_path / "bad.case.json"
    bad.write_text(json.dumps({"format": "interfant-case/1",
                               "patient": {"study_id": "B-1", "date_of_birth": "2026-02-30"}}),
                   encoding="utf-8")
    result = run(site, "--user", "doc", "import", str(bad), password=DOC_PW)
    assert result.returncode == 2
    assert one_line(result) == (f"interfant-desktop: {bad}: patient.date_of_birth: is not a "
                                "real calendar date; got \"2026-02-30\"")
    notjson = tmp_path / "notjson.json"
    notjson.write_text("{", encoding="utf-8")
    result = run(site, "--user", "doc", "import", str(notjson), password=DOC_PW)
    assert result.returncode == 2 and str(notjson) in one_line(result)
    missing = run(site, "--user", "doc", "import", str(tmp_path / "nope.json"), password=DOC_PW)
    assert missing.returncode == 2 and "nope.json" in one_line(missing)
    no_user = run(site, "import", str(bad), password=DOC_PW)
    assert no_user.returncode == 2 and "--user" in one_line(no_user)
    role = run(site, "--user", "root", "users", "add", "x", "--role", "surgeon",
               password=ADMIN_PW, new_password="long-enough-1")
    assert role.returncode == 2


def test_no_password_and_no_terminal_is_refused(site: str) -> None:
    result = run(site, "--user", "doc", "export", "PUB-01")
    assert result.returncode == 1 and "INTERFANT_PASSWORD" in one_line(result)


def test_backup_restore_and_tamper_detection(site: str, tmp_path: Path) -> None:
    files = shared_case_files()[:3]
    assert run(site, "--user", "doc", "import", *map(str, files), password=DOC_PW).returncode == 0
    target = tmp_path / "site-backup.json"
    made = run(site, "--user", "root", "backup", str(target), password=ADMIN_PW)
    assert made.returncode == 0 and "3 patients" in made.stdout and target.exists()
    restored = run(site, "--user", "root", "restore", str(target), password=ADMIN_PW)
    assert restored.returncode == 0, restored.stderr
    assert "restored 3 patients" in restored.stdout
    refused = run(site, "--user", "doc", "restore", str(target), password=DOC_PW)
    assert refused.returncode == 1 and "may not restore" in one_line(refused)
    conn = sqlite3.connect(site.removeprefix("sqlite:///"))
    conn.execute("UPDATE audit_events SET new_value = '\"forged\"' WHERE seq = 4")
    conn.commit()
    conn.close()
    broken = run(site, "--user", "root", "audit", "verify", password=ADMIN_PW)
    assert broken.returncode == 1
    assert one_line(broken).startswith("interfant-desktop: audit trail BROKEN: event 4 was "
                                       "changed after it was recorded")


def test_a_database_from_a_newer_app_is_refused(sqlite_url: str) -> None:
    assert run(sqlite_url, "init", "--admin", "root", password=ADMIN_PW).returncode == 0
    conn = sqlite3.connect(sqlite_url.removeprefix("sqlite:///"))
    conn.execute("UPDATE alembic_version SET version_num = 'zz99'")
    conn.commit()
    conn.close()
    result = run(sqlite_url, "--user", "root", "audit", "verify", password=ADMIN_PW)
    assert result.returncode == 1 and "newer version" in one_line(result)


def test_a_pharmacist_confirms_the_preparation_figures(site: str) -> None:
    result = run(site, "--user", "root", "users", "add", "pharma", "--role", "pharmacist",
                 password=ADMIN_PW, new_password=DOC_TEMPORARY)
    assert result.returncode == 0, result.stderr
    first_sign_in(site, "pharma", DOC_TEMPORARY, DOC_PW)  # pharma's own password from now on
    shown = run(site, "--user", "doc", "preparation", "show", password=DOC_PW)
    assert shown.stdout.strip() == "preparation figures not yet verified at this site"
    refused = run(site, "--user", "doc", "preparation", "confirm", password=DOC_PW)
    assert refused.returncode == 1 and "confirm the bag preparation figures" in one_line(refused)
    done = run(site, "--user", "pharma", "preparation", "confirm", "--reason", "label 2026-03",
               password=DOC_PW)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("preparation figures confirmed for this site by pharma on ")
    gone = run(site, "--user", "pharma", "preparation", "withdraw", "--reason", "new label",
               password=DOC_PW)
    assert gone.stdout.strip() == "preparation figures not yet verified at this site"
