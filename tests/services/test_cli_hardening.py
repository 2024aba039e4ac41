"""Issue 15 through the installed command, as a real process: `--demo` never reaches
the clinical database (item 5), `users unlock` and the break-glass `users recover`
(item 1), common passwords refused (item 10), private files (item 2) and a damaged
database file named as such (item 7)."""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from interfant_desktop.cli import build_parser
from interfant_desktop.services import auth
from interfant_desktop.services.errors import AuthenticationError
from interfant_desktop.services.recovery import RECOVERY_FILE_NAME
from interfant_desktop.services.store_access import open_store
from interfant_desktop.store.integrity import DAMAGED_MESSAGE
from tests.conftest import shared_case_files
from tests.services.test_cli import ADMIN_PW, CLI, DOC_PW, make_site, one_line, run

DAMAGED_LINE = f"interfant-desktop: {DAMAGED_MESSAGE}"


def _patients(url: str) -> int:
    conn = sqlite3.connect(url.removeprefix("sqlite:///"))
    try:
        return int(conn.execute("SELECT count(*) FROM patients").fetchone()[0])
    finally:
        conn.close()


# --- item 5: --demo ----------------------------------------------------------------------

DATABASE_COMMANDS = [
    ["init", "--admin", "trainer2"],
    ["--user", "doc", "import", "CASE"],
    ["--user", "doc", "export", "PUB-01"],
    ["--user", "root", "users", "add", "x.trainee", "--role", "nurse"],
    ["--user", "root", "users", "unlock", "doc"],
    ["users", "recover", "root"],
    ["--user", "root", "backup", "BACKUP"],
    ["--user", "root", "restore", "BACKUP"],
    ["--user", "root", "audit", "verify"],
]


@pytest.mark.parametrize("command", DATABASE_COMMANDS, ids=lambda c: " ".join(c[-3:]))
def test_demo_is_refused_by_every_database_command_and_writes_nothing(
        sqlite_url: str, tmp_path: Path, command: list[str]) -> None:
    site = make_site(sqlite_url)
    case = str(shared_case_files()[0])
    args = [case if a == "CASE" else str(tmp_path / "b.json") if a == "BACKUP" else a
            for a in command]
    before = Path(site.removeprefix("sqlite:///")).read_bytes()
    result = run(site, "--demo", *args, password=DOC_PW if "doc" in args else ADMIN_PW,
                 new_password="fictitious-new-pass-3")
    assert result.returncode == 2
    assert "--demo opens the training database" in one_line(result)
    assert result.stdout == ""
    assert Path(site.removeprefix("sqlite:///")).read_bytes() == before
    assert _patients(site) == 0
    assert not (tmp_path / "b.json").exists()


def test_demo_with_a_command_without_database_still_works(tmp_path: Path) -> None:
    case = shared_case_files()[0]
    result = subprocess.run([str(CLI), "--demo", "evaluate", str(case)], capture_output=True,
                            text=True, encoding="utf-8", timeout=120)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)


def _every_command() -> list[tuple[list[str], argparse.ArgumentParser]]:
    """Every leaf command of the real parser (``users add``, ``orders hold``, ...), so a
    command added later is covered without editing this test."""
    found: list[tuple[list[str], argparse.ArgumentParser]] = []

    def walk(parser: argparse.ArgumentParser, path: list[str]) -> None:
        subs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
        if not subs:
            found.append((path, parser))
        for name, sub in (subs[0].choices.items() if subs else ()):
            walk(sub, [*path, name])

    walk(build_parser(), [])
    return found


def _arguments(parser: argparse.ArgumentParser, value: str) -> list[str]:
    """The command's required arguments, each given ``value`` (or its first choice)."""
    out: list[str] = []
    for action in parser._actions:
        if isinstance(action, argparse._HelpAction) or (action.option_strings
                                                         and not action.required):
            continue
        given = str(next(iter(action.choices))) if action.choices else value
        if action.nargs != "?":
            out += [*action.option_strings[:1], given]
    return out


#: The commands that use no database at all: --demo changes nothing for them.
WITHOUT_DATABASE = {"evaluate", "order"}


@pytest.mark.parametrize("command", [path for path, _ in _every_command()], ids=" ".join)
def test_demo_is_applied_or_refused_by_every_command(
        command: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """``--demo import`` wrote into the clinical database. Every command of the parser
    now either refuses --demo before anything opens, or uses no database at all."""
    from interfant_desktop.cli import main
    from interfant_desktop.paths import user_data_dir

    parser = dict((" ".join(p), sub) for p, sub in _every_command())[" ".join(command)]
    demo_safe = bool(parser.get_default("demo_safe"))
    assert demo_safe == (" ".join(command) in WITHOUT_DATABASE)
    monkeypatch.setenv("INTERFANT_PASSWORD", ADMIN_PW)
    monkeypatch.setenv("INTERFANT_NEW_PASSWORD", "fictitious-new-pass-3")
    database = tmp_path / "clinical.sqlite3"
    value = str(shared_case_files()[0]) if demo_safe else str(tmp_path / "x")
    args = _arguments(parser, value)
    if "--out" in args:
        args[args.index("--out") + 1] = str(tmp_path / "out.pdf")
    status = main(["--db", f"sqlite:///{database}", "--user", "root", "--demo", *command, *args])
    err = capsys.readouterr().err
    assert not database.exists()  # no database was touched, nor the default one:
    assert not list(user_data_dir().glob("*.sqlite3*"))
    if demo_safe:
        assert status in (0, 2), err  # (its own answer to the case; never a database)
    else:
        assert status == 2 and "--demo opens the training database" in err
        assert sorted(p.name for p in tmp_path.iterdir()) == []  # nothing written


# --- item 1: unlock, recover, the administrator warning ------------------------------------

def test_users_unlock_and_the_one_administrator_warning(sqlite_url: str) -> None:
    first = run(sqlite_url, "init", "--admin", "root", password=ADMIN_PW)
    assert first.returncode == 0 and "warning: this site has only one active administrator" in \
        first.stderr
    site = make_site(f"{sqlite_url}.second")
    store = open_store(site)
    try:
        for _ in range(5):
            with pytest.raises(AuthenticationError):
                auth.sign_in(store, "doc", "not-the-password")
    finally:
        store.close()
    locked = run(site, "--user", "doc", "export", "PUB-01", password=DOC_PW)
    assert locked.returncode == 1 and "locked" in one_line(locked)
    unlocked = run(site, "--user", "root", "users", "unlock", "doc", password=ADMIN_PW)
    assert unlocked.returncode == 0, unlocked.stderr
    assert unlocked.stdout.strip() == 'unlocked user "doc"'
    assert "warning: this site has only one active administrator" in unlocked.stderr
    assert run(site, "--user", "doc", "export", "PUB-01", password=DOC_PW).returncode == 2  # no such
    second = run(site, "--user", "root", "users", "add", "second.admin", "--role",
                 "administrator", password=ADMIN_PW, new_password="second-admin-pass-4")
    assert second.returncode == 0 and "warning" not in second.stderr
    refused = run(site, "--user", "doc", "users", "unlock", "root", password=DOC_PW)
    assert refused.returncode == 1 and "may not manage users" in one_line(refused)


def test_break_glass_recovery_through_the_command(sqlite_url: str) -> None:
    site = make_site(sqlite_url)
    folder = Path(site.removeprefix("sqlite:///")).parent
    without = run(site, "users", "recover", "root", new_password="recovered-pass-5")
    assert without.returncode == 1
    assert str(folder / RECOVERY_FILE_NAME) in one_line(without)
    (folder / RECOVERY_FILE_NAME).write_text("root\n", encoding="utf-8")
    done = run(site, "users", "recover", "root", new_password="recovered-pass-5")
    assert done.returncode == 0, done.stderr
    assert 'administrator "root" unlocked with a new password' in done.stdout
    assert not (folder / RECOVERY_FILE_NAME).exists()
    assert run(site, "--user", "root", "audit", "verify", password=ADMIN_PW).returncode == 1
    verify = run(site, "--user", "root", "audit", "verify", password="recovered-pass-5")
    assert verify.returncode == 0, verify.stderr
    again = run(site, "users", "recover", "root", new_password="recovered-pass-6")
    assert again.returncode == 1  # the file was used up


# --- item 10: passwords --------------------------------------------------------------------

def test_password_as_user_name_and_password_is_refused(sqlite_url: str) -> None:
    result = run(sqlite_url, "init", "--admin", "password", password="password")
    assert result.returncode == 2
    assert one_line(result) == "interfant-desktop: password: must not be the user name"
    common = run(sqlite_url, "init", "--admin", "root", password="iloveyou1")
    assert common.returncode == 2 and "10,000 most common" in one_line(common)
    site = make_site(sqlite_url)
    added = run(site, "--user", "root", "users", "add", "newnurse", "--role", "nurse",
                password=ADMIN_PW, new_password="qwertyuiop")
    assert added.returncode == 2 and "10,000 most common" in one_line(added)


# --- item 2: private files -----------------------------------------------------------------

def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.skipif(os.name != "posix", reason="POSIX modes (Windows: the folder's ACL)")
def test_the_data_folder_and_its_files_are_private_new_and_old(tmp_path: Path) -> None:
    data = tmp_path / "data"
    env = {k: v for k, v in os.environ.items() if k not in ("INTERFANT_DB",)}
    env.update(INTERFANT_DATA_DIR=str(data), INTERFANT_PASSWORD=ADMIN_PW)

    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([str(CLI), *args], capture_output=True, text=True, env=env,
                              stdin=subprocess.DEVNULL, timeout=120,
                              preexec_fn=lambda: os.umask(0o022))  # a permissive login umask

    assert cli("init", "--admin", "root").returncode == 0
    database = data / "interfant.sqlite3"
    assert _mode(data) == 0o700 and _mode(database) == 0o600
    # Files an older version left readable by everyone are closed at the next start.
    for name in ("logs/interfant-desktop.log", "logs/crashes/crash-1.log",
                 "backups/before-restore-1.json"):
        (data / name).parent.mkdir(parents=True, exist_ok=True)
        (data / name).write_text("fictitious\n", encoding="utf-8")
    for path in [data, *data.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    # Someone else's files in the folder (INTERFANT_DATA_DIR may point anywhere): untouched.
    (data / "other").mkdir()
    (data / "other").chmod(0o755)  # explicitly: an in-process CLI call may have set umask 077
    (data / "other" / "tool.sh").write_text("#!/bin/sh\n", encoding="utf-8")
    (data / "other" / "tool.sh").chmod(0o755)
    result = cli("--user", "root", "audit", "verify")
    assert result.returncode == 0, result.stderr
    assert _mode(data / "other") == 0o755 and _mode(data / "other" / "tool.sh") == 0o755
    for path in [data, *data.rglob("*")]:
        if "other" not in path.parts:
            assert _mode(path) == (0o700 if path.is_dir() else 0o600), path
    backup = tmp_path / "out" / "site.json"
    assert cli("--user", "root", "backup", str(backup)).returncode == 0
    assert _mode(backup) == 0o600
    shutil.rmtree(data / "backups")
    assert cli("--user", "root", "restore", str(backup)).returncode == 0
    safety = list((data / "backups").glob("before-restore-*.json"))
    assert safety and _mode(data / "backups") == 0o700
    assert all(_mode(p) == 0o600 for p in safety)


@pytest.mark.skipif(os.name != "posix", reason="POSIX modes")
def test_the_safety_copy_before_a_schema_upgrade_is_private(tmp_path: Path) -> None:
    """``interfant.sqlite3.before-<revision>-<time>.bak``: a full copy of the patient data,
    made beside the database under whatever umask the login left (here 022)."""
    from interfant_desktop.store.db import make_engine
    from interfant_desktop.store.migrate import upgrade_to_revision

    database = tmp_path / "data" / "interfant.sqlite3"
    database.parent.mkdir(mode=0o755)
    engine = make_engine(f"sqlite:///{database}")
    upgrade_to_revision(engine, "0003")  # as an older version left it
    engine.dispose()
    database.chmod(0o644)
    old = os.umask(0o022)
    try:
        store = open_store(f"sqlite:///{database}")  # upgrades: the copy first
    finally:
        os.umask(old)
    try:
        copy = store.migration_backup
        assert copy is not None and copy.name.startswith("interfant.sqlite3.before-")
        assert _mode(copy) == 0o600 and _mode(database) == 0o600
    finally:
        store.close()


@pytest.mark.skipif(os.name != "posix", reason="POSIX modes")
def test_log_and_crash_files_are_created_private_whatever_the_umask(tmp_path: Path) -> None:
    code = ("import os; os.umask(0o022)\n"
            "from interfant_desktop.logging_setup import setup_logging\n"
            "setup_logging()\n"
            "raise RuntimeError('fictitious')\n")
    env = dict(os.environ, INTERFANT_DATA_DIR=str(tmp_path))
    subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, timeout=120)
    logs = tmp_path / "logs"
    crashes = list((logs / "crashes").glob("crash-*.log"))
    assert crashes and all(_mode(p) == 0o600 for p in crashes)
    assert _mode(logs / "interfant-desktop.log") == 0o600
    assert _mode(logs) == 0o700 and _mode(logs / "crashes") == 0o700


# --- item 7: a damaged file ----------------------------------------------------------------

MARKER = "Damagedcellmarker"


def damage_the_page_holding(path: Path, marker: bytes) -> None:
    """Overwrite the b-tree page header of the page that holds ``marker`` (the page is then
    malformed; the marker's bytes stay in the file)."""
    raw = bytearray(path.read_bytes())
    page_size = int.from_bytes(raw[16:18], "big")
    at = raw.find(marker)
    assert at > 0, "marker not in the main file"
    start = (at // page_size) * page_size
    raw[start:start + 8] = b"\x00" * 8  # page type 0: not a b-tree page
    path.write_bytes(bytes(raw))


def test_a_damaged_file_is_named_as_such_and_its_cells_never_echoed(
        sqlite_url: str, tmp_path: Path) -> None:
    site = make_site(sqlite_url)
    data = json.loads(shared_case_files()[0].read_text(encoding="utf-8"))
    data["patient"]["name"] = MARKER
    case = tmp_path / "marker.case.json"
    case.write_text(json.dumps(data), encoding="utf-8")
    assert run(site, "--user", "doc", "import", str(case), password=DOC_PW).returncode == 0
    damage_the_page_holding(Path(site.removeprefix("sqlite:///")), MARKER.encode())
    for args, password in ((["--user", "doc", "export", data["patient"]["study_id"]], DOC_PW),
                           (["--user", "root", "audit", "verify"], ADMIN_PW),
                           (["--user", "root", "backup", str(tmp_path / "b.json")], ADMIN_PW)):
        result = run(site, *args, password=password)
        assert result.returncode == 1, result.stderr
        assert one_line(result) == DAMAGED_LINE
        assert MARKER not in result.stdout + result.stderr
