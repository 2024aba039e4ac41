"""Refusals keep their structure: the field and the problem travel as data, so nothing
has to take a message apart to put it beside the right field."""

from __future__ import annotations

import datetime as dt

import pytest

from interfant_desktop.protocol import CaseError
from interfant_desktop.services import clinical, patients
from interfant_desktop.services import users as accounts
from interfant_desktop.services.clinical import CycleMeasurements
from interfant_desktop.services.errors import AlreadyExists, AuthenticationError, InputError
from interfant_desktop.services.permissions import CurrentUser
from interfant_desktop.services.store_access import Store
from tests.store.fixtures import PASSWORD, fictitious_case


def test_an_input_error_is_built_from_the_engines_case_error_as_it_is() -> None:
    error = InputError.from_case_error(CaseError("diagnosis.wbc.value", "must be ≥ 0"))
    assert (error.field, error.problem, str(error)) == (
        "diagnosis.wbc.value", "must be ≥ 0", "diagnosis.wbc.value: must be ≥ 0")
    named = InputError.from_case_error(CaseError("patient.sex", "must be F or M"), "case.json")
    assert (named.field, named.problem) == ("patient.sex", "must be F or M")
    assert str(named) == "case.json: patient.sex: must be F or M"


def test_a_refusal_about_no_field_has_none() -> None:
    error = InputError("an administrator cannot deactivate their own account")
    assert error.field is None and error.problem == str(error)


def test_a_bad_edit_names_its_case_file_field(store: Store,
                                              users: dict[str, CurrentUser]) -> None:
    doc = users["doc"]
    record = patients.import_case(store, doc, fictitious_case("S-1"))
    with pytest.raises(InputError) as caught:
        clinical.record_measurements(store, doc, "S-1", record.version,
                                     CycleMeasurements(1, weight_kg=400, height_cm=60), reason="x")
    assert caught.value.field == "blinatumomab[0].weight_kg"
    assert "plausible" in caught.value.problem
    with pytest.raises(InputError) as caught:
        clinical.update_section(store, doc, "S-1", record.version, "diagnosis",
                                {"wbc": {"value": 450, "unit": "10^9/L"}})
    assert (caught.value.field, caught.value.problem) == (
        "diagnosis.wbc.value", "a reason is required to change recorded data")


def test_allergy_refusals_name_the_allergy_field_or_its_reason(
        store: Store, users: dict[str, CurrentUser]) -> None:
    doc = users["doc"]
    record = patients.import_case(store, doc, fictitious_case("S-2"))
    with pytest.raises(InputError) as caught:
        clinical.record_allergies(store, doc, "S-2", record.version, no_known_allergies=False,
                                  allergies=" ")
    assert caught.value.field == "allergies"
    saved = clinical.record_allergies(store, doc, "S-2", record.version,
                                      no_known_allergies=True, allergies=None)
    with pytest.raises(InputError) as caught:
        clinical.record_allergies(store, doc, "S-2", saved.version, no_known_allergies=False,
                                  allergies="penicillin")
    assert caught.value.field == "allergies.reason"
    assert str(caught.value).startswith("allergies: a reason is required")


def test_user_form_refusals_name_the_form_field(store: Store,
                                                users: dict[str, CurrentUser]) -> None:
    admin = users["admin"]
    with pytest.raises(InputError) as caught:
        users_add(store, admin, "has space", "physician", "long-enough-1")
    assert (caught.value.field, str(caught.value)) == (
        "username", "user name: must be 1–64 characters without spaces")
    with pytest.raises(InputError) as caught:
        users_add(store, admin, "new.user", "physician", "short")
    assert caught.value.field == "password"
    with pytest.raises(InputError) as caught:
        users_add(store, admin, "new.user", "surgeon", "long-enough-1")
    assert caught.value.field == "role"
    users_add(store, admin, "new.user", "physician", "long-enough-1")
    with pytest.raises(AlreadyExists) as exists:
        users_add(store, admin, "new.user", "physician", "long-enough-1")
    assert exists.value.field == "username"
    me = accounts.change_temporary_password(store, "new.user", "long-enough-1", "long-enough-2")
    with pytest.raises(AuthenticationError) as wrong:
        accounts.change_own_password(store, me, "not-my-password", "another-pass-1")
    assert wrong.value.field == "current_password"


def test_a_duplicate_study_id_names_the_study_id(store: Store,
                                                 users: dict[str, CurrentUser]) -> None:
    doc = users["doc"]
    patients.create_patient(store, doc, study_id="S-3", date_of_birth=dt.date(2026, 1, 4))
    with pytest.raises(AlreadyExists) as caught:
        patients.create_patient(store, doc, study_id="S-3", date_of_birth=dt.date(2026, 1, 4))
    assert caught.value.field == "patient.study_id"


def users_add(store: Store, admin: CurrentUser, name: str, role: str, password: str) -> None:
    accounts.add_user(store, admin, name, role, password, None, admin_password=PASSWORD)
