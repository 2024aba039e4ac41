"""Code run in child processes by the concurrency tests (must be importable)."""

from __future__ import annotations

from typing import Any

from interfant_desktop.services.auth import sign_in
from interfant_desktop.services.clinical import update_section
from interfant_desktop.services.errors import ConflictError
from interfant_desktop.services.patients import open_patient
from interfant_desktop.services.store_access import open_store
from tests.store.fixtures import PASSWORD


def edit_consent(url: str, study_id: str, username: str, value: bool, barrier: Any) -> str:
    """Open the patient, wait until the other workstation has it open too, then edit."""
    store = open_store(url)
    try:
        user = sign_in(store, username, PASSWORD)
        record = open_patient(store, user, study_id)
        barrier.wait(timeout=60)
        try:
            update_section(store, user, study_id, record.version, "diagnosis",
                           {"consent": value, "kmt2a_partner": username},
                           reason=f"corrected by {username}")
        except ConflictError as exc:
            return f"conflict: {exc}"
        return "saved"
    finally:
        store.close()
