"""Patient search (paged, prefix on study ID, name or hospital number) and
backup/restore of the whole database."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from interfant_desktop.services import auth, backup, clinical, patients
from interfant_desktop.services.audit import verify_audit
from interfant_desktop.services.errors import InputError
from interfant_desktop.services.permissions import CurrentUser
from interfant_desktop.services.store_access import Store
from tests.store.fixtures import fictitious_case

PEOPLE = [("S-001", "Zoë van der Berg", "MRN 0048213"), ("S-002", "Łucja Nowak", "MRN 0048999"),
          ("S-003", "Ελένη Παππά", "HN-77"), ("S-010", "さくら 山田", None),
          ("X-100", "Søren Ågård", "MRN 1")]


@pytest.fixture
def people(store: Store, users: dict[str, CurrentUser]) -> CurrentUser:
    for study_id, name, number in PEOPLE:
        data = fictitious_case(study_id, name=name, hospital_number=number)
        patients.import_case(store, users["doc"], data)
    return users["nurse"]


def _ids(store: Store, user: CurrentUser, query: str) -> list[str]:
    return [r.study_id for r in patients.search_patients(store, user, query, 0, 50).rows]


def test_prefix_search_on_every_identifier(store: Store, people: CurrentUser) -> None:
    assert _ids(store, people, "s-00") == ["S-001", "S-002", "S-003"]
    assert _ids(store, people, "S-01") == ["S-010"]
    assert _ids(store, people, "zoe") == ["S-001"]          # accents ignored
    assert _ids(store, people, "BERG") == ["S-001"]         # any word, any case
    assert _ids(store, people, "zoë van") == ["S-001"]      # several words
    assert _ids(store, people, "lucja") == ["S-002"]
    assert _ids(store, people, "soren") == ["X-100"]
    assert _ids(store, people, "ελ") == ["S-003"]
    assert _ids(store, people, "さくら") == ["S-010"]
    assert _ids(store, people, "0048") == ["S-001", "S-002"]  # hospital number word
    assert _ids(store, people, "mrn 00482") == ["S-001"]
    assert _ids(store, people, "nomatch") == []


def test_paging_with_total(store: Store, people: CurrentUser) -> None:
    first = patients.search_patients(store, people, "", 0, 2)
    second = patients.search_patients(store, people, "", 2, 2)
    last = patients.search_patients(store, people, "", 4, 2)
    assert first.total == second.total == last.total == len(PEOPLE)
    rows = [*first.rows, *second.rows, *last.rows]
    assert [r.study_id for r in rows] == sorted(p[0] for p in PEOPLE)
    row, case = first.rows[0], fictitious_case("S-001")
    assert (row.study_id, row.name, row.hospital_number) == PEOPLE[0]
    assert row.date_of_birth.isoformat() == case["patient"]["date_of_birth"]
    assert row.diagnosis_date is not None
    assert row.diagnosis_date.isoformat() == case["diagnosis"]["date"]
    assert row.version >= 1
    with pytest.raises(InputError):
        patients.search_patients(store, people, "", 0, 0)


def test_search_follows_a_name_change(store: Store, people: CurrentUser,
                                      users: dict[str, CurrentUser]) -> None:
    record = patients.open_patient(store, users["doc"], "S-002")
    clinical.update_section(store, users["doc"], "S-002", record.version, "patient",
                            {"name": "Łucja Kowalska"}, reason="married name")
    assert _ids(store, people, "kowal") == ["S-002"]
    assert _ids(store, people, "nowak") == []


def test_backup_and_restore_bring_back_everything(store: Store, people: CurrentUser,
                                                  users: dict[str, CurrentUser],
                                                  tmp_path: Path) -> None:
    admin, doc = users["admin"], users["doc"]
    before = {sid: patients.export_case(store, admin, sid) for sid, _, _ in PEOPLE}
    info = backup.backup_database(store, admin, tmp_path / "site.backup.json")
    assert info.patients == len(PEOPLE) and info.path.exists()
    record = patients.open_patient(store, doc, "S-001")
    clinical.update_section(store, doc, "S-001", record.version, "diagnosis",
                            {"consent": False}, reason="later change")
    patients.import_case(store, doc, fictitious_case("LATER-1"))
    restored = backup.restore_database(store, admin, tmp_path / "site.backup.json")
    assert restored.safety_copy is not None and restored.safety_copy.exists()
    assert {sid: patients.export_case(store, admin, sid) for sid, _, _ in PEOPLE} == before
    assert patients.search_patients(store, admin, "later").total == 0
    assert verify_audit(store, admin).ok
    patients.import_case(store, doc, fictitious_case("AFTER-1"))  # ids continue correctly
    assert verify_audit(store, admin).ok


def test_a_tampered_or_damaged_backup_is_refused(store: Store, people: CurrentUser,
                                                 users: dict[str, CurrentUser],
                                                 tmp_path: Path) -> None:
    admin = users["admin"]
    path = tmp_path / "b.json"
    backup.backup_database(store, admin, path)
    document = json.loads(path.read_text(encoding="utf-8"))
    tables = json.loads(document["content"])
    tables["patients"]["rows"][0][2] = "Changed Name"
    document["content"] = json.dumps(tables)
    path.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(InputError, match="changed after it was signed"):
        backup.restore_database(store, admin, path)
    assert patients.open_patient(store, admin, "S-001").name == "Zoë van der Berg"
    with pytest.raises(InputError, match="not an Interfant Desktop backup"):
        (tmp_path / "x.json").write_text("{}", encoding="utf-8")
        backup.restore_database(store, admin, tmp_path / "x.json")


def test_the_total_is_counted_only_when_asked_for(store: Store) -> None:
    from sqlalchemy import event

    admin = auth.create_first_administrator(store, "root", "a long passphrase")
    counts: list[str] = []

    def watch(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        if "count(" in statement.lower():
            counts.append(statement)

    event.listen(store.engine, "before_cursor_execute", watch)
    try:
        page = patients.search_patients(store, admin, "")
        assert counts == []  # the list's page query alone
        assert page.total == len(page.rows) == 0
        assert page.total == 0 and len(counts) == 1  # counted once, then remembered
    finally:
        event.remove(store.engine, "before_cursor_execute", watch)
