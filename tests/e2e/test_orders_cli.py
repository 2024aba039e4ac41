"""The order workflow through the installed ``interfant-desktop orders`` commands, as a
site would script it: each step a real process, the password from INTERFANT_PASSWORD
(read again for every signature), exit 0/1/2 with one line on stderr."""

from __future__ import annotations

import fcntl
import json
import os
import pty
import select
import sqlite3
import subprocess
import termios
from pathlib import Path

import pytest
from pypdf import PdfReader

from interfant_desktop.services import clinical, patients
from interfant_desktop.services.auth import sign_in
from interfant_desktop.services.store_access import open_store
from tests.services.test_cli import ADMIN_PW, CLI, DOC_PW, first_sign_in, make_site, one_line, run
from tests.store.fixtures import fictitious_case
from tests.store.fixtures import sqlite_url as sqlite_url  # the fixture

PHARMA_PW, NURSE_PW = "pharma-pass-fictitious", "nurse-pass-fictitious"
STUDY = "CLI-1"


@pytest.fixture
def ward(sqlite_url: str, tmp_path: Path) -> str:
    """A site made with the CLI (administrator, physician, pharmacist, nurse) and one
    fictitious patient whose allergy status is recorded."""
    make_site(sqlite_url)
    for name, role, password in (("pharma", "pharmacist", PHARMA_PW),
                                 ("nurse", "nurse", NURSE_PW)):
        added = run(sqlite_url, "--user", "root", "users", "add", name, "--role", role,
                    password=ADMIN_PW, new_password=f"{name}-temporary-pass")
        assert added.returncode == 0, added.stderr
        first_sign_in(sqlite_url, name, f"{name}-temporary-pass", password)
    case = tmp_path / "case.json"
    case.write_text(json.dumps(fictitious_case(STUDY)), encoding="utf-8")
    assert run(sqlite_url, "--user", "doc", "import", str(case), password=DOC_PW).returncode == 0
    store = open_store(sqlite_url)
    try:
        doc = sign_in(store, "doc", DOC_PW)
        version = patients.open_patient(store, doc, STUDY).version
        clinical.record_allergies(store, doc, STUDY, version, no_known_allergies=True,
                                  allergies=None)
    finally:
        store.close()
    return sqlite_url


def _at_terminal(db: str, args: list[str], answers: list[str]) -> tuple[int, str]:
    """Run the command on a pseudo-terminal (no INTERFANT_PASSWORD), typing ``answers``
    at its password prompts one after the other; its exit status and screen."""
    env = {k: v for k, v in os.environ.items() if k != "INTERFANT_PASSWORD"}
    main, child = pty.openpty()

    def own_terminal() -> None:  # the pty becomes the controlling terminal (getpass)
        os.setsid()
        fcntl.ioctl(0, termios.TIOCSCTTY, 0)

    process = subprocess.Popen([str(CLI), "--db", db, *args], stdin=child, stdout=child,
                               stderr=child, env=env, preexec_fn=own_terminal)
    os.close(child)
    screen, given = b"", 0
    while True:
        ready, _, _ = select.select([main], [], [], 60)
        if not ready:
            process.kill()
            break
        try:
            chunk = os.read(main, 4096)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        screen += chunk
        # answer each prompt once it is shown (getpass discards earlier typing)
        if given < len(answers) and screen.count(b"Password") > given and \
                screen.rstrip().endswith(b":"):
            os.write(main, answers[given].encode() + b"\n")
            given += 1
    os.close(main)
    return process.wait(timeout=60), screen.decode("utf-8", "replace")


def _start(db: str) -> str:
    started = run(db, "--user", "doc", "orders", "start", STUDY, "--cycle", "1", "--weight",
                  "5.1", "--height", "58", "--measured", "2026-05-22", "--start",
                  "2026-05-24 09:00", "--confirm-warnings", password=DOC_PW)
    assert started.returncode == 0, started.stderr
    assert "Traceback" not in started.stderr
    return started.stdout.strip()


def test_start_sign_verify_print_list_end_to_end(ward: str, tmp_path: Path) -> None:
    code = _start(ward)
    assert code == "IF21-000001"
    unsigned = run(ward, "--user", "doc", "orders", "sign", code, password="not my password")
    assert unsigned.returncode == 1 and "wrong user name or password" in one_line(unsigned)
    # At a terminal the password is asked again for the signature: a wrong one refuses it.
    status, screen = _at_terminal(ward, ["--user", "doc", "orders", "sign", code],
                                  [DOC_PW, "not my password"])
    assert status == 1 and "Password of doc to sign (prescribed)" in screen
    assert "signature refused for 'doc': wrong password" in screen
    nurse_sign = run(ward, "--user", "nurse", "orders", "sign", code, password=NURSE_PW)
    assert nurse_sign.returncode == 1 and "may not sign orders" in one_line(nurse_sign)
    signed = run(ward, "--user", "doc", "orders", "sign", code, password=DOC_PW)
    assert signed.returncode == 0 and signed.stdout.strip() == f"{code} signed (prescribed) by doc"
    own = run(ward, "--user", "doc", "orders", "verify", code, "--weight", "5.1", "--height",
              "58", password=DOC_PW)
    assert own.returncode == 1 and "may not also verify" in one_line(own)
    early = run(ward, "--user", "nurse", "orders", "print", code, "--out",
                str(tmp_path / "early.pdf"), password=NURSE_PW)
    assert early.returncode == 1 and "only a verified order" in one_line(early)
    assert not (tmp_path / "early.pdf").exists()
    mismatch = run(ward, "--user", "pharma", "orders", "verify", "1", "--weight", "6.1",
                   "--height", "58", password=PHARMA_PW)
    assert mismatch.returncode == 1 and "NOT verified" in one_line(mismatch)
    verified = run(ward, "--user", "pharma", "orders", "verify", "1", "--weight", "5.1",
                   "--height", "58", password=PHARMA_PW)
    assert verified.returncode == 0, verified.stderr
    out = tmp_path / "order.pdf"
    printed = run(ward, "--user", "nurse", "orders", "print", code, "--out", str(out),
                  password=NURSE_PW)
    assert printed.returncode == 0, printed.stderr
    text = " ".join(" ".join((p.extract_text() or "").split())
                    for p in PdfReader(str(out)).pages)
    assert code in text and "Site signing key:" in text
    assert "printed for administration by nurse" in text
    listed = run(ward, "--user", "nurse", "orders", "list", password=NURSE_PW)
    assert listed.returncode == 0
    assert listed.stdout.split("\t")[:4] == [code, STUDY, "cycle 1", "printed"]


def test_bad_input_exits_2_and_tampering_exits_1(ward: str, tmp_path: Path) -> None:
    certified = run(ward, "--user", "root", "users", "certify", "doc", password=ADMIN_PW)
    assert certified.returncode == 1 and "already certified" in one_line(certified)
    bad = run(ward, "--user", "doc", "orders", "start", STUDY, "--cycle", "1", "--weight",
              "five", "--height", "58", password=DOC_PW)
    assert bad.returncode == 2 and "--weight" in one_line(bad)
    when = run(ward, "--user", "doc", "orders", "start", STUDY, "--cycle", "1", "--weight",
               "5.1", "--height", "58", "--start", "tomorrow", password=DOC_PW)
    assert when.returncode == 2 and "--start" in one_line(when)
    missing = run(ward, "--user", "doc", "orders", "sign", "IF21-000099", password=DOC_PW)
    assert missing.returncode == 2 and "no order 99" in one_line(missing)
    warned = run(ward, "--user", "doc", "orders", "start", STUDY, "--cycle", "1", "--weight",
                 "5.1", "--height", "58", "--measured", "2026-05-01", "--start",
                 "2026-05-24 09:00", password=DOC_PW)  # measured 23 days before the start
    assert warned.returncode == 2 and "confirm these warnings" in one_line(warned)
    code = _start(ward)
    assert run(ward, "--user", "doc", "orders", "sign", code, password=DOC_PW).returncode == 0
    assert run(ward, "--user", "pharma", "orders", "verify", code, "--weight", "5.1",
               "--height", "58", password=PHARMA_PW).returncode == 0
    path = ward.removeprefix("sqlite:///")
    with sqlite3.connect(path) as db:  # tenfold dose, the content hash recomputed
        from interfant_desktop.services.order_workflow import context_hash

        (raw,) = db.execute("SELECT content FROM orders WHERE id = 1").fetchone()
        content = json.loads(raw)
        for step in content["order"]["steps"]:
            step["dose_mcg_per_day"] *= 10
        db.execute("UPDATE orders SET content = ?, content_hash = ? WHERE id = 1",
                   (json.dumps(content), context_hash(content)))
    forged = run(ward, "--user", "nurse", "orders", "print", code, "--out",
                 str(tmp_path / "forged.pdf"), password=NURSE_PW)
    assert forged.returncode == 1 and "refused" in one_line(forged)
    assert not (tmp_path / "forged.pdf").exists()
