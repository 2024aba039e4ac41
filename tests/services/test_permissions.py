"""Permission checks live in the services: every role gets exactly what it may do."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import func, select

from interfant_desktop.services import backup, clinical, order_workflow, patients, reviews
from interfant_desktop.services import users as user_admin
from interfant_desktop.services.audit import verify_audit
from interfant_desktop.services.clinical import CycleMeasurements
from interfant_desktop.services.errors import PermissionDenied
from interfant_desktop.services.permissions import CurrentUser
from interfant_desktop.services.store_access import Store
from interfant_desktop.store.models import AuditEvent, Patient
from tests.order_helpers import start_draft
from tests.store.fixtures import PASSWORD, fictitious_case


def _counts(store: Store) -> tuple[int, int]:
    """Patients, and audit events other than the audited refusals themselves (and the
    refused user's signing key entering the trail with the first of them)."""
    with store.sessions() as session:
        return (session.execute(select(func.count()).select_from(Patient)).scalar_one(),
                session.execute(select(func.count()).select_from(AuditEvent).where(
                    AuditEvent.action.not_in(("permission_denied", "add_signer")))).scalar_one())


def test_data_manager_reads_and_exports_but_writes_nothing(
        store: Store, users: dict[str, CurrentUser], tmp_path: Path) -> None:
    dm = users["dm"]
    record = patients.import_case(store, users["doc"], fictitious_case("P-1"))
    before = _counts(store)
    writes = [
        lambda: patients.import_case(store, dm, fictitious_case("P-2")),
        lambda: patients.create_patient(store, dm, study_id="P-3",
                                        date_of_birth=dt.date(2026, 1, 1)),
        lambda: clinical.update_section(store, dm, "P-1", record.version, "diagnosis",
                                        {"consent": False}, "x"),
        lambda: clinical.record_measurements(store, dm, "P-1", record.version,
                                             CycleMeasurements(1, weight_kg=6.0, height_cm=60.0)),
        lambda: clinical.confirm_eligibility(store, dm, "P-1", record.version, "INC3", True,
                                             "signed form"),
        lambda: reviews.record_review_decision(store, dm, "P-1", record.version, "r", "R-X",
                                               "MR", "why"),
        lambda: order_workflow.start_order(store, dm, "P-1", record.version, 1, weight_kg=6.0,
                                           height_cm=60.0, weight_date="2026-05-22",
                                           height_date="2026-05-22", start_time="10:00"),
        lambda: user_admin.add_user(store, dm, "eve", "physician", "long enough pw",
                                    admin_password=PASSWORD),
        lambda: backup.restore_database(store, dm, tmp_path / "none.json"),
    ]
    for write in writes:
        with pytest.raises(PermissionDenied, match="dm \\(data manager\\) may not"):
            write()
    assert _counts(store) == before
    assert patients.search_patients(store, dm, "P-").total == 1
    assert patients.export_case(store, dm, "P-1")["patient"]["study_id"] == "P-1"
    assert verify_audit(store, dm).ok
    with pytest.raises(PermissionDenied):
        backup.backup_database(store, dm, tmp_path / "dm-backup.json")


def test_nurse_records_measurements_but_cannot_sign_or_change_other_data(
        store: Store, users: dict[str, CurrentUser]) -> None:
    nurse, doc = users["nurse"], users["doc"]
    record = patients.import_case(store, doc, fictitious_case("P-1"))
    weighed = clinical.record_measurements(store, nurse, "P-1", record.version,
                                           CycleMeasurements(1, weight_kg=7.9, height_cm=71.0,
                                                             weight_date="2026-05-01"), reason="re-weighed")
    cycle = weighed.case_json["blinatumomab"][0]
    assert (cycle["weight_kg"], cycle["height_cm"], cycle["weight_date"]) == \
        (7.9, 71.0, "2026-05-01")
    with pytest.raises(PermissionDenied):
        clinical.update_section(store, nurse, "P-1", weighed.version, "diagnosis",
                                {"consent": False}, "x")
    with pytest.raises(PermissionDenied):  # a nurse records measurements but starts no order
        order_workflow.start_order(store, nurse, "P-1", weighed.version, 1, weight_kg=7.9,
                                   height_cm=71.0, weight_date="2026-05-01",
                                   height_date="2026-05-01")
    order = start_draft(store, doc, "P-1")
    assert order.started
    with pytest.raises(PermissionDenied, match="may not sign orders"):
        order_workflow.sign_order(store, nurse, order.id, order.version, password=PASSWORD)
    assert order_workflow.get_order(store, nurse, order.id).status == "draft"


def test_only_administrators_manage_users_back_up_and_restore(
        store: Store, users: dict[str, CurrentUser], tmp_path: Path) -> None:
    for name in ("doc", "pharma", "nurse"):
        with pytest.raises(PermissionDenied):
            user_admin.add_user(store, users[name], "eve", "nurse", "long enough pw", admin_password=PASSWORD)
        with pytest.raises(PermissionDenied):
            backup.backup_database(store, users[name], tmp_path / "b.json")
        with pytest.raises(PermissionDenied):
            backup.restore_database(store, users[name], tmp_path / "b.json")
    added = user_admin.add_user(store, users["admin"], "eve", "nurse", "long enough pw",
                                admin_password=PASSWORD)
    assert added.role == "nurse"


def test_administrator_cannot_record_clinical_data(
        store: Store, users: dict[str, CurrentUser]) -> None:
    record = patients.import_case(store, users["admin"], fictitious_case("P-1"))
    with pytest.raises(PermissionDenied):
        clinical.update_section(store, users["admin"], "P-1", record.version, "diagnosis",
                                {"consent": False}, "x")
