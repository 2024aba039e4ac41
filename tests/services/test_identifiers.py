"""Issue 15 items 3 and 8 on SQLite and on PostgreSQL: identifiers and names are stored
NFC, control and invisible characters are refused the same way on both databases, the
study ID follows the site's pattern, and every entry point reads files the same way."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from interfant_desktop.services import clinical, patients
from interfant_desktop.services.errors import InputError
from interfant_desktop.services.permissions import CurrentUser
from interfant_desktop.services.store_access import Store
from tests.store.fixtures import fictitious_case

BAD = [
    ("name", "A\x00B"),  # accepted by SQLite, refused by PostgreSQL before
    ("name", "Zoë\u202eevil"),  # right-to-left override
    ("study_id", "FZ-\u200b42"),  # zero-width space: looked like FZ-42
    ("study_id", "PUB-01\nimported PUB-02"),
    ("hospital_number", "MRN\x1b[2J"),
]


@pytest.mark.parametrize(("field", "value"), BAD)
def test_import_refuses_control_and_invisible_characters_on_both_databases(
        store: Store, users: dict[str, CurrentUser], field: str, value: str) -> None:
    data = fictitious_case("ID-1")
    data["patient"][field] = value
    with pytest.raises(InputError, match=rf"patient\.{field}"):
        patients.import_case(store, users["doc"], data)
    assert list(patients.search_patients(store, users["doc"]).rows) == []


@pytest.mark.parametrize(("field", "value"), BAD)
def test_create_patient_refuses_them_too(store: Store, users: dict[str, CurrentUser], field: str,
                                         value: str) -> None:
    identity = {"study_id": "ID-2", "name": "Test Infant", "hospital_number": "MRN 1"}
    identity[field] = value
    with pytest.raises(InputError, match=rf"patient\.{field}"):
        patients.create_patient(store, users["doc"], date_of_birth=dt.date(2026, 1, 10), **identity)


def test_names_and_ids_are_stored_nfc_and_found_either_way(store: Store,
                                                          users: dict[str, CurrentUser]) -> None:
    decomposed = unicodedata.normalize("NFD", "Zoë Łódź")
    data = fictitious_case(unicodedata.normalize("NFD", "É-7"), name=decomposed)
    patients.import_case(store, users["doc"], data)
    exported = patients.export_case(store, users["doc"], "É-7")
    assert exported["patient"]["name"] == "Zoë Łódź"
    assert exported["patient"]["study_id"] == "É-7"
    assert unicodedata.is_normalized("NFC", json.dumps(exported, ensure_ascii=False))
    for query in ("Zoë", unicodedata.normalize("NFD", "Zoë")):
        assert [r.study_id for r in patients.search_patients(store, users["doc"], query).rows] == ["É-7"]
    assert patients.open_patient(store, users["doc"], unicodedata.normalize("NFD", "É-7")).study_id == "É-7"


def test_an_edit_is_stored_nfc_and_refused_with_a_control_character(
        store: Store, users: dict[str, CurrentUser]) -> None:
    patients.import_case(store, users["doc"], fictitious_case("ED-1"))
    version = patients.open_patient(store, users["doc"], "ED-1").version
    with pytest.raises(InputError, match=r"diagnosis\.kmt2a_partner"):
        clinical.update_section(store, users["doc"], "ED-1", version, "diagnosis",
                                {"kmt2a_partner": "AFF1\u200b"}, reason="typo")
    clinical.update_section(store, users["doc"], "ED-1", version, "diagnosis",
                            {"kmt2a_partner": unicodedata.normalize("NFD", "MLLTé")}, reason="report")
    exported = patients.export_case(store, users["doc"], "ED-1")
    assert exported["diagnosis"]["kmt2a_partner"] == "MLLTé"


def test_a_site_study_id_pattern(store: Store, users: dict[str, CurrentUser],
                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INTERFANT_STUDY_ID_PATTERN", r"[A-Z]{2}-[0-9]{4}")
    with pytest.raises(InputError, match="study-ID pattern"):
        patients.import_case(store, users["doc"], fictitious_case("NL-42"))
    patients.import_case(store, users["doc"], fictitious_case("NL-0042"))
    monkeypatch.setenv("INTERFANT_STUDY_ID_PATTERN", "[unclosed")
    with pytest.raises(InputError, match="INTERFANT_STUDY_ID_PATTERN"):
        patients.import_case(store, users["doc"], fictitious_case("NL-0043"))


def test_a_date_of_birth_of_year_1_and_10000_mrd_results_are_refused(
        store: Store, users: dict[str, CurrentUser]) -> None:
    old = fictitious_case("OLD-1")
    old["patient"]["date_of_birth"] = "0001-01-01"
    old.pop("diagnosis", None)
    for key in ("prednisone_response", "end_of_induction", "mrd", "blinatumomab", "blinatumomab_checklist"):
        old.pop(key, None)
    with pytest.raises(InputError, match=r"patient\.date_of_birth"):
        patients.import_case(store, users["doc"], old)
    many = fictitious_case("MANY-1")
    many["mrd"] = many["mrd"][:1] * 10_000
    with pytest.raises(InputError, match="at most 200"):
        patients.import_case(store, users["doc"], many)


def test_import_reads_a_bom_and_refuses_duplicate_keys_like_evaluate(sqlite_url: str, tmp_path: Path) -> None:
    """One strict reader for every entry point: `evaluate` accepted a BOM that `import`
    refused; a key given twice passed both."""
    from tests.services.test_cli import DOC_PW, make_site, run

    site = make_site(sqlite_url)
    text = json.dumps(fictitious_case("BOM-1"), ensure_ascii=False)
    bom = tmp_path / "bom.case.json"
    bom.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    result = run(site, "--user", "doc", "import", str(bom), password=DOC_PW)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ['imported "BOM-1"']
    twice = tmp_path / "twice.case.json"
    twice.write_text(json.dumps(fictitious_case("DUP-1")).replace('"consent": true',
                                                                   '"consent": false, "consent": true'),
                     encoding="utf-8")
    refused = run(site, "--user", "doc", "import", str(twice), password=DOC_PW)
    assert refused.returncode == 2 and "diagnosis.consent: key given twice" in refused.stderr
    assert refused.stdout == ""
    evaluated = subprocess.run([sys.executable, "-m", "interfant_desktop", "evaluate", str(bom)],
                               capture_output=True, env={**os.environ}, timeout=120)
    assert evaluated.returncode == 0, evaluated.stderr


# --- user names and full names (identifiers and names too) -----------------------------------

BAD_NAMES = ["doc\u200b", "x\x00y", "night\nnurse", "nurse\x1b[2J", "\u202eesrun"]


@pytest.mark.parametrize("username", BAD_NAMES)
def test_user_names_refuse_control_and_invisible_characters(
        store: Store, users: dict[str, CurrentUser], username: str) -> None:
    """``doc\\u200b`` sat beside ``doc`` in the user list, looking the same; a NUL name
    was stored by SQLite and refused with an unexpected error by PostgreSQL."""
    from interfant_desktop.services import users as user_admin
    from tests.store.fixtures import PASSWORD

    with pytest.raises(InputError, match="user name: holds an invisible or control character"):
        user_admin.add_user(store, users["admin"], username, "nurse", "fictitious-pass-77",
                            admin_password=PASSWORD)
    assert len(user_admin.list_users(store, users["admin"])) == len(users)


@pytest.mark.parametrize("full_name", ["Dr Vos\x00", "Dr \u202esoV", "A\u200bB", "Vos\r\nSigned by: X"])
def test_full_names_printed_on_orders_refuse_them_too(
        store: Store, users: dict[str, CurrentUser], full_name: str) -> None:
    from interfant_desktop.services import auth
    from interfant_desktop.services import users as user_admin
    from tests.store.fixtures import PASSWORD

    with pytest.raises(InputError, match="full name: holds an invisible or control character"):
        user_admin.add_user(store, users["admin"], "new.nurse", "nurse", "fictitious-pass-77",
                            full_name, admin_password=PASSWORD)
    with pytest.raises(InputError, match="full name"):
        auth.create_first_administrator(store, "first.admin", "fictitious-pass-77", full_name)


def test_user_names_are_stored_nfc_and_sign_in_either_way(
        store: Store, users: dict[str, CurrentUser]) -> None:
    from interfant_desktop.services import auth
    from interfant_desktop.services import users as user_admin
    from tests.store.fixtures import PASSWORD

    decomposed = unicodedata.normalize("NFD", "zoë.łódź")
    added = user_admin.add_user(store, users["admin"], decomposed, "nurse", "fictitious-pass-77",
                                unicodedata.normalize("NFD", "Zoë Łódź"), admin_password=PASSWORD)
    assert added.username == "zoë.łódź" and added.full_name == "Zoë Łódź"
    # The first sign-in replaces the temporary password, typed the decomposed way.
    user_admin.change_temporary_password(store, decomposed, "fictitious-pass-77",
                                         "her own pass phrase 77")
    for typed in (decomposed, "zoë.łódź"):
        assert auth.sign_in(store, typed, "her own pass phrase 77").username == "zoë.łódź"


def test_a_typed_key_with_a_nul_names_nobody_on_both_databases(
        store: Store, users: dict[str, CurrentUser]) -> None:
    """A typed user name, study ID or search with a NUL: SQLite found nothing, PostgreSQL
    failed with an unexpected error (its text columns cannot hold a NUL)."""
    from sqlalchemy import select

    from interfant_desktop.services import auth
    from interfant_desktop.services import users as user_admin
    from interfant_desktop.services.errors import AuthenticationError, NotFound
    from interfant_desktop.store.models import AuditEvent

    doc = users["doc"]
    patients.import_case(store, doc, fictitious_case("NUL-1", name="Zoë Nul"))
    with pytest.raises(AuthenticationError, match="wrong user name or password"):
        auth.sign_in(store, "doc\x00", "fictitious-pass-1")
    with store.sessions() as session:
        failed = session.execute(select(AuditEvent).where(AuditEvent.action == "sign_in_failed")
                                 ).scalars().all()
        assert [(e.username, e.entity_key) for e in failed] == [("(unknown)", "'doc\\x00'")]
    for lookup in (patients.open_patient, patients.export_case):
        with pytest.raises(NotFound, match="no patient with study ID"):
            lookup(store, doc, "NUL\x00-1")
    with pytest.raises(NotFound, match="no user"):
        user_admin.unlock_user(store, users["admin"], "nurse\x00")
    # The search drops what no stored term holds: the same rows as without it.
    for query in ("Zo\x00ë", "Zo\u200bë", "NUL\x00"):
        assert [r.study_id for r in patients.search_patients(store, doc, query).rows] == ["NUL-1"]


def _bad_files() -> dict[str, tuple[bytes, str]]:
    """Case files that one entry point or another accepted, with the refusal all give."""
    def text(data: dict[str, object]) -> bytes:
        return json.dumps(data, ensure_ascii=False).encode("utf-8")

    old = fictitious_case("OLD-2")
    old["patient"]["date_of_birth"] = "0001-01-01"
    many = fictitious_case("MANY-2")
    many["mrd"] = many["mrd"][:1] * 10_000
    twice = text(fictitious_case("DUP-2")).replace(b'"consent": true',
                                                   b'"consent": false, "consent": true')
    nul = fictitious_case("NUL-2", name="Zo\x00e")
    large = fictitious_case("BIG-2")
    large["diagnosis"]["kmt2a_partner"] = "A" * 2_100_000
    return {
        "year 1": (text(old), "patient.date_of_birth: is not a plausible date"),
        "10,000 MRD": (text(many), "mrd: has too many entries (at most 200)"),
        "key twice": (twice, "diagnosis.consent: key given twice in one object"),
        "NUL": (text(nul), "patient.name: holds an invisible or control character U+0000"),
        "lone surrogate": (text(fictitious_case("SUR-2")).replace(b"0048213", b"\\ud800"),
                           "patient.hospital_number"),
        "2 MB": (text(large), "is too large"),
    }


@pytest.mark.parametrize("bad", sorted(_bad_files()))
def test_every_entry_point_refuses_a_bad_file_the_same_way(
        bad: str, sqlite_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """`evaluate`, `order` and `import` read a file with the one reader and the one
    validation: the same refusal, exit 2, nothing stored (a year-1 birth date passed and
    10,000 MRD entries took 7 s before)."""
    from interfant_desktop.cli import main
    from interfant_desktop.services.store_access import open_store
    from tests.store.fixtures import PASSWORD, make_users

    store = open_store(sqlite_url)
    users = make_users(store)
    raw, refusal = _bad_files()[bad]
    case = tmp_path / "bad.case.json"
    case.write_bytes(b"\xef\xbb\xbf" + raw)  # with a BOM: read the same everywhere too
    monkeypatch.setenv("INTERFANT_PASSWORD", PASSWORD)
    commands = {"evaluate": ["evaluate", str(case)],
                "order": ["order", str(case), "--cycle", "1", "--out", str(tmp_path / "o.pdf")],
                "import": ["--db", sqlite_url, "--user", "doc", "import", str(case)]}
    try:
        for name, argv in commands.items():
            status = main(argv)
            out, err = capsys.readouterr()
            assert status == 2, (name, err)
            assert refusal in err and out == "", (name, err)
        assert list(patients.search_patients(store, users["doc"]).rows) == []
        assert not (tmp_path / "o.pdf").exists()
    finally:
        store.close()


def test_an_account_from_before_names_were_stored_nfc_still_signs_in(
        store: Store, users: dict[str, CurrentUser]) -> None:
    """An older version stored the user name as typed (perhaps decomposed): typed the
    same way, it still signs in and is found by the administrator's commands."""
    from interfant_desktop.services import auth
    from interfant_desktop.services import users as user_admin
    from interfant_desktop.store.models import User
    from tests.store.fixtures import PASSWORD, password_hash

    decomposed = unicodedata.normalize("NFD", "zoë.nurse")
    with store.transaction() as session:
        session.add(User(username=decomposed, role="nurse", password_hash=password_hash()))
    assert auth.sign_in(store, decomposed, PASSWORD).username == decomposed
    user_admin.unlock_user(store, users["admin"], decomposed)


@pytest.mark.parametrize("reason", ["typo\x00corrected", "report \u202ede dated", "lab\x1b[2J"])
def test_a_reason_with_a_control_character_is_refused_on_both_databases(
        store: Store, users: dict[str, CurrentUser], reason: str) -> None:
    """A NUL in a reason was stored by SQLite and failed with an unexpected error on
    PostgreSQL; an override would reorder what the audit trail shows."""
    patients.import_case(store, users["doc"], fictitious_case("RS-1"))
    version = patients.open_patient(store, users["doc"], "RS-1").version
    with pytest.raises(InputError, match=r"reason: holds a control character"):
        clinical.update_section(store, users["doc"], "RS-1", version, "diagnosis",
                                {"kmt2a_partner": "MLLT3"}, reason=reason)
    assert patients.open_patient(store, users["doc"], "RS-1").version == version


def test_a_reason_keeps_its_lines_and_is_stored_nfc(store: Store,
                                                     users: dict[str, CurrentUser]) -> None:
    from sqlalchemy import select

    from interfant_desktop.store.models import AuditEvent

    patients.import_case(store, users["doc"], fictitious_case("RS-2"))
    version = patients.open_patient(store, users["doc"], "RS-2").version
    reason = unicodedata.normalize("NFD", "report of 2 Dec\nrésumé\tcorrected")
    clinical.update_section(store, users["doc"], "RS-2", version, "diagnosis",
                            {"kmt2a_partner": "MLLT3"}, reason=reason)
    with store.sessions() as session:
        stored = session.execute(select(AuditEvent.reason).where(
            AuditEvent.field == "diagnosis.kmt2a_partner")).scalar_one()
    assert stored == unicodedata.normalize("NFC", reason)
