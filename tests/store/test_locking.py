"""Optimistic locking: a stale edit from a second session or workstation is refused
with a clear conflict, and nothing is overwritten (SQLite and PostgreSQL)."""

from __future__ import annotations

import multiprocessing

import pytest

from interfant_desktop.services.audit import patient_history
from interfant_desktop.services.clinical import update_section
from interfant_desktop.services.errors import ConflictError
from interfant_desktop.services.patients import import_case, open_patient
from interfant_desktop.services.permissions import CurrentUser
from interfant_desktop.services.store_access import Store, open_store
from tests.store.fixtures import fictitious_case
from tests.store.workers import edit_consent

DOC: CurrentUser  # signed in by _accounts
DOC2: CurrentUser  # signed in by _accounts


@pytest.fixture(autouse=True)
def _accounts(users: dict[str, CurrentUser]) -> None:
    """The accounts of DOC and DOC2 exist (every service call re-checks them)."""
    global DOC
    DOC = users["doc"]
    global DOC2
    DOC2 = users["doc2"]


def test_a_stale_edit_from_a_second_workstation_is_refused(store: Store, db_url: str) -> None:
    import_case(store, DOC, fictitious_case("LOCK-1"))
    second = open_store(db_url)  # another workstation on the same database
    try:
        seen_here = open_patient(store, DOC, "LOCK-1")
        seen_there = open_patient(second, DOC2, "LOCK-1")
        assert seen_here.version == seen_there.version
        saved = update_section(store, DOC, "LOCK-1", seen_here.version, "diagnosis",
                               {"kmt2a_partner": "MLLT3"}, reason="lab report corrected")
        assert saved.version > seen_here.version
        with pytest.raises(ConflictError, match=r"changed by someone else.*reload"):
            update_section(second, DOC2, "LOCK-1", seen_there.version, "diagnosis",
                           {"kmt2a_partner": "MLLT1"}, reason="my correction")
        stored = open_patient(second, DOC2, "LOCK-1")
        assert stored.case_json["diagnosis"]["kmt2a_partner"] == "MLLT3"
        assert stored.version == saved.version
        changes = [e for e in patient_history(store, DOC, "LOCK-1") if e.action == "change"]
        assert [(e.username, e.new_value) for e in changes] == [("doc", "MLLT3")]
        # after reloading, the second workstation can save
        again = update_section(second, DOC2, "LOCK-1", stored.version, "diagnosis",
                               {"kmt2a_partner": "MLLT1"}, reason="after reload")
        assert again.case_json["diagnosis"]["kmt2a_partner"] == "MLLT1"
    finally:
        second.close()


@pytest.mark.slow
def test_two_processes_editing_the_same_patient(store: Store, db_url: str) -> None:
    import_case(store, DOC, fictitious_case("LOCK-2"))
    context = multiprocessing.get_context("spawn")
    barrier = context.Manager().Barrier(2)
    with context.Pool(2) as pool:
        jobs = [pool.apply_async(edit_consent, (db_url, "LOCK-2", name, value, barrier))
                for name, value in (("doc", False), ("doc2", None))]
        results = [job.get(timeout=120) for job in jobs]
    saved = [i for i, r in enumerate(results) if r == "saved"]
    conflicts = [r for r in results if r.startswith("conflict")]
    assert len(saved) == 1 and len(conflicts) == 1, results
    assert "changed by someone else" in conflicts[0]
    winner = ("doc", "doc2")[saved[0]]
    stored = open_patient(store, DOC, "LOCK-2")
    assert stored.case_json["diagnosis"]["kmt2a_partner"] == winner
    assert stored.case_json["diagnosis"]["consent"] is (False if winner == "doc" else None)
    assert stored.updated_by == winner
    changes = [e for e in patient_history(store, DOC, "LOCK-2") if e.action == "change"]
    assert {e.username for e in changes} == {winner}
    assert {e.reason for e in changes} == {f"corrected by {winner}"}
