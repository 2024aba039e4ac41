"""Every service call re-checks the account inside its own transaction: the infusion
record, toxicity assessments, bags, corrections, trial exports and the bag preparation
confirmation refuse a made-up user, a deactivated account and an account demoted behind
the app's back, and do nothing. The same call by the account as it should be succeeds,
so each refusal is the account's. A ``CurrentUser`` only sign-in made works: one built
by the caller with a real account's names, a session signed out, or one signed in to
another database is refused (SQLite and PostgreSQL)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select, update

from interfant_desktop.services import auth, bag_preparation, patients, trial_export
from interfant_desktop.services import users as user_admin
from interfant_desktop.services.accounts import AccountRefused
from interfant_desktop.services.bags import hang_bag
from interfant_desktop.services.corrections import (
    Correction,
    FactRef,
    correct_fact,
    pending_corrections,
)
from interfant_desktop.services.infusion import InterruptionRequest, record_interruption
from interfant_desktop.services.infusion_view import infusion_picture
from interfant_desktop.services.permissions import CurrentUser
from interfant_desktop.services.store_access import Store, open_store
from interfant_desktop.services.toxicity import AssessmentRequest, record_assessment
from interfant_desktop.store.models import AuditEvent, User
from tests.services.test_bag_administration import _hang, _order_with_schedule
from tests.services.test_infusion_record import GRADE_3, ICANS_1, _crs_case
from tests.store.fixtures import PASSWORD, fictitious_case, make_users

Users = dict[str, CurrentUser]
Call = Callable[[Store, CurrentUser, Users], Any]


def _infusion_patient(store: Store, users: Users) -> str:
    return patients.import_case(store, users["doc"], _crs_case()).study_id


def _interruption(store: Store, users: Users) -> Call:
    sid = _infusion_patient(store, users)
    request = InterruptionRequest(cycle=1, stopped=dt.datetime(2026, 6, 20, 7, 0), reason="crs")
    return lambda st, user, _: record_interruption(st, user, sid, request)


def _assessment(store: Store, users: Users) -> Call:
    sid = _infusion_patient(store, users)
    request = AssessmentRequest(cycle=1, at=dt.datetime(2026, 6, 20, 6, 30), crs=GRADE_3,
                                icans=ICANS_1, seizures_this_treatment=0)
    return lambda st, user, _: record_assessment(st, user, sid, request)


def _picture(store: Store, users: Users) -> Call:
    sid = _infusion_patient(store, users)
    return lambda st, user, _: infusion_picture(st, user, sid, 1)


def _bag(store: Store, users: Users) -> Call:
    sid, order_id = _order_with_schedule(store, users)
    return lambda st, user, _: hang_bag(st, user, sid, order_id, _hang(1, "2026-06-04T10:00"))


def _correction(store: Store, users: Users) -> Call:
    patients.import_case(store, users["doc"], fictitious_case("ACC-1"))
    fact = FactRef("prednisone_response", field="blasts_per_uL")

    def call(st: Store, user: CurrentUser, _: Users) -> Any:
        version = patients.open_patient(st, users["doc2"], "ACC-1").version
        return correct_fact(st, user, "ACC-1", version, Correction(fact, 200, "lab re-count"))
    return call


def _pending(store: Store, users: Users) -> Call:
    patients.import_case(store, users["doc"], fictitious_case("ACC-2"))
    return lambda st, user, _: pending_corrections(st, user, "ACC-2")


def _export(store: Store, users: Users) -> Call:
    patients.import_case(store, users["doc"], fictitious_case("ACC-3"))
    return lambda st, user, _: trial_export.export_trial_data(st, user, None, "csv")


def _preparation(store: Store, users: Users) -> Call:
    return lambda st, user, _: bag_preparation.confirm_preparation(st, user)


# (what is called, the role that may call it, set-up returning the call)
CALLS: dict[str, tuple[str, Callable[[Store, Users], Call]]] = {
    "infusion: record an interruption": ("nurse", _interruption),
    "toxicity: record an assessment": ("nurse", _assessment),
    "infusion view": ("doc", _picture),
    "bags: hang a bag": ("nurse", _bag),
    "corrections: correct a fact": ("doc", _correction),
    "corrections: pending": ("doc", _pending),
    "trial export": ("dm", _export),
    "bag preparation: confirm": ("pharma", _preparation),
}


def _events(store: Store) -> int:
    with store.sessions() as session:
        return int(session.execute(select(func.count()).select_from(AuditEvent)).scalar_one())


def _set_role(store: Store, username: str, role: str) -> None:
    with store.transaction() as session:  # behind the app's back, as with the DB credential
        session.execute(update(User).where(User.username == username).values(role=role))


@pytest.mark.parametrize("name", list(CALLS))
def test_the_service_refuses_a_forged_deactivated_or_demoted_account(
        store: Store, users: Users, name: str) -> None:
    who, setup = CALLS[name]
    call = setup(store, users)
    user = users[who]
    def refused(as_user: CurrentUser, match: str) -> None:
        before = _events(store)
        with pytest.raises(AccountRefused, match=match):
            call(store, as_user, users)
        assert _events(store) == before  # nothing was done, nothing recorded

    refused(CurrentUser("ghost", user.role), "no account")
    user_admin.set_active(store, users["admin"], who, False)
    refused(user, "deactivated")
    user_admin.set_active(store, users["admin"], who, True)
    _set_role(store, who, "data_manager" if user.role != "data_manager" else "nurse")
    refused(user, "sign in again")
    _set_role(store, who, user.role)
    call(store, user, users)  # the account as it should be: the same call is done


def test_a_user_object_built_by_the_caller_is_refused_even_naming_a_real_account(
        store: Store, users: Users) -> None:
    patients.import_case(store, users["doc"], fictitious_case("ACC-4"))
    real = auth.sign_in(store, "nurse", PASSWORD)
    forged = CurrentUser(real.username, real.role, real.full_name)
    assert forged == real  # the same names: only the session credential differs
    for copied in (forged, dataclasses.replace(real, session_token=b"\0" * 32),
                   dataclasses.replace(real, role="physician")):
        with pytest.raises(AccountRefused):
            patients.open_patient(store, copied, "ACC-4")
    assert patients.open_patient(store, real, "ACC-4").study_id == "ACC-4"
    auth.sign_out(real)
    with pytest.raises(AccountRefused, match="signed out"):
        patients.open_patient(store, real, "ACC-4")


def test_a_session_works_only_in_the_database_it_was_signed_in_to(
        store: Store, users: Users, tmp_path: Path) -> None:
    other = open_store(f"sqlite:///{tmp_path / 'other-site.sqlite3'}")
    try:
        there = make_users(other)  # the same account names at another site
        patients.import_case(other, there["doc"], fictitious_case("ACC-5"))
        with pytest.raises(AccountRefused, match="another database"):
            patients.open_patient(other, users["doc"], "ACC-5")
    finally:
        other.close()
