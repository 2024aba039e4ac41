"""The patient's allergy status: recorded by physicians, audited, required to sign an order,
printed on the sheet ("No known allergies" or the list); part of the case file (issue 9)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select

from interfant_desktop.services import clinical, order_workflow, patients
from interfant_desktop.services.backup import backup_database, restore_database
from interfant_desktop.services.errors import ConflictError, InputError, PermissionDenied
from interfant_desktop.services.permissions import CurrentUser
from interfant_desktop.services.store_access import Store
from interfant_desktop.store.models import AuditEvent
from tests.order_helpers import start_draft
from tests.orders.pdftext import all_text
from tests.store.fixtures import fictitious_case


def _patient(store: Store, users: dict[str, CurrentUser], study_id: str = "A-1") -> int:
    patients.import_case(store, users["doc"], fictitious_case(study_id))
    return patients.open_patient(store, users["doc"], study_id).version


def _record(store: Store, user: CurrentUser, study_id: str = "A-1", *, nka: bool = False,
            text: str | None = None, reason: str | None = None) -> patients.PatientRecord:
    version = patients.open_patient(store, user, study_id).version
    return clinical.record_allergies(store, user, study_id, version, no_known_allergies=nka,
                                     allergies=text, reason=reason)


def _allergy_events(store: Store) -> list[AuditEvent]:
    with store.transaction() as session:
        return list(session.execute(select(AuditEvent).where(
            AuditEvent.field == "allergies").order_by(AuditEvent.seq)).scalars())


def test_recording_allergies_is_audited_and_exported_in_the_case_file(
        store: Store, users: dict[str, CurrentUser]) -> None:
    version = _patient(store, users)
    case_before = patients.export_case(store, users["doc"], "A-1")
    assert not patients.open_patient(store, users["doc"], "A-1").allergies_recorded
    record = clinical.record_allergies(store, users["doc"], "A-1", version,
                                       no_known_allergies=True, allergies=None)
    assert (record.no_known_allergies, record.allergies) == (True, None)
    assert record.allergies_recorded and record.version > version
    with pytest.raises(InputError, match="reason is required"):
        _record(store, users["doc"], text="penicillin")
    record = _record(store, users["doc"], text="  penicillin\nlatex ", reason="told by mother")
    assert (record.no_known_allergies, record.allergies) == (False, "penicillin\nlatex")
    first, second = _allergy_events(store)
    assert (first.username, first.action, first.old_value) == ("doc", "change", None)
    assert json.loads(first.new_value or "") == {"no_known_allergies": True, "allergies": None}
    assert json.loads(second.old_value or "") == {"no_known_allergies": True, "allergies": None}
    assert json.loads(second.new_value or "") == {"no_known_allergies": False,
                                                  "allergies": "penicillin\nlatex"}
    assert second.reason == "told by mother"
    # issue 9: the case file carries patient.allergies both ways (was left out)
    exported = patients.export_case(store, users["doc"], "A-1")
    assert exported == {**case_before, "patient": {**case_before["patient"],
                                                   "allergies": ["penicillin", "latex"]}}


@pytest.mark.parametrize(("nka", "text", "problem"), [
    (True, "penicillin", "not both"), (False, None, "list the allergies"),
    (False, "   ", "list the allergies")])
def test_both_or_neither_is_refused(store: Store, users: dict[str, CurrentUser], nka: bool,
                                    text: str | None, problem: str) -> None:
    _patient(store, users)
    with pytest.raises(InputError, match=problem):
        _record(store, users["doc"], nka=nka, text=text)
    assert not patients.open_patient(store, users["doc"], "A-1").allergies_recorded
    assert _allergy_events(store) == []


@pytest.mark.parametrize("who", ["nurse", "pharma", "dm", "admin"])
def test_only_physicians_record_allergies(store: Store, users: dict[str, CurrentUser],
                                          who: str) -> None:
    _patient(store, users)
    with pytest.raises(PermissionDenied):
        _record(store, users[who], nka=True)
    assert _allergy_events(store) == []


def test_a_stale_version_is_a_conflict(store: Store, users: dict[str, CurrentUser]) -> None:
    version = _patient(store, users)
    _record(store, users["doc2"], nka=True)
    with pytest.raises(ConflictError):
        clinical.record_allergies(store, users["doc"], "A-1", version,
                                  no_known_allergies=False, allergies="penicillin")
    record = patients.open_patient(store, users["doc"], "A-1")
    assert (record.no_known_allergies, record.allergies) == (True, None)


def test_signing_is_refused_until_the_allergy_status_is_recorded(
        store: Store, users: dict[str, CurrentUser]) -> None:
    _patient(store, users)
    draft = start_draft(store, users["doc"], "A-1", allergies=False)
    assert draft.content["sheet"]["allergies"]["recorded"] is False
    with pytest.raises(InputError, match="allergy status"):
        order_workflow.sign_order(store, users["doc"], draft.id, draft.version)
    _record(store, users["doc"], text="penicillin")
    stale = order_workflow.get_order(store, users["doc"], draft.id)
    assert stale.stale  # recording the allergies marks the open order stale
    with pytest.raises(ConflictError):
        order_workflow.sign_order(store, users["doc"], stale.id, stale.version)
    with store.transaction() as session:
        marks = session.execute(select(AuditEvent).where(
            AuditEvent.action == "mark_stale")).scalars().all()
    assert [m.reason for m in marks] == ["the patient's allergy status changed"]
    order_workflow.cancel_order(store, users["doc"], stale.id, stale.version, "allergies")
    fresh = start_draft(store, users["doc"], "A-1")
    assert fresh.content["allergies"] == {"no_known_allergies": False,
                                          "allergies": "penicillin"}
    signed = order_workflow.sign_order(store, users["doc"], fresh.id, fresh.version)
    assert signed.status == "signed"


def test_the_sheet_prints_no_known_allergies_or_the_list(
        store: Store, users: dict[str, CurrentUser]) -> None:
    _patient(store, users, "A-1")
    _patient(store, users, "A-2")
    _record(store, users["doc"], "A-1", nka=True)
    _record(store, users["doc"], "A-2", text="penicillin\ncefalosporins (rash)")
    for study_id, expected, absent in (
            ("A-1", "No known allergies", "ALLERGIES:"),
            ("A-2", "ALLERGIES: penicillin, cefalosporins (rash)", "No known allergies")):
        draft = start_draft(store, users["doc"], study_id)
        signed = order_workflow.sign_order(store, users["doc"], draft.id, draft.version)
        text = " ".join(all_text(order_workflow.preview_order_pdf(
            store, users["doc"], signed.id).pdf).split())
        assert expected in text and absent not in text
        assert "Allergies not recorded" not in text


def test_backup_and_restore_carry_the_allergy_status(
        store: Store, users: dict[str, CurrentUser], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INTERFANT_DATA_DIR", str(tmp_path))
    _patient(store, users)
    _record(store, users["doc"], text="penicillin")
    path = tmp_path / "backup.json"
    backup_database(store, users["admin"], path)
    _record(store, users["doc"], nka=True, reason="re-checked")
    restore_database(store, users["admin"], path)
    record = patients.open_patient(store, users["doc"], "A-1")
    assert (record.no_known_allergies, record.allergies) == (False, "penicillin")


@pytest.mark.parametrize("allergies", [[], ["amoxicillin: rash", "latex: urticaria"], None])
def test_import_and_export_carry_the_allergies_both_ways(
        store: Store, users: dict[str, CurrentUser], allergies: list[str] | None) -> None:
    """Issue 9: `[]` is "no known allergies", a list is one allergy a line, null is
    "not recorded"; the exported file is the imported one."""
    data = fictitious_case("AL-1")
    data["patient"]["allergies"] = allergies
    patients.import_case(store, users["doc"], data)
    record = patients.open_patient(store, users["doc"], "AL-1")
    expected = {None: (None, None), 0: (True, None)}.get(None if allergies is None else len(allergies),
                                                         (False, "amoxicillin: rash\nlatex: urticaria"))
    assert (record.no_known_allergies, record.allergies) == expected
    assert patients.export_case(store, users["doc"], "AL-1") == data


def test_an_allergy_line_with_a_control_character_is_refused(store: Store,
                                                             users: dict[str, CurrentUser]) -> None:
    version = _patient(store, users)
    with pytest.raises(InputError, match=r"allergies\[0\]"):
        clinical.record_allergies(store, users["doc"], "A-1", version, no_known_allergies=False,
                                  allergies="penicillin\x1b[31m")
