"""Issue 15, item 10 (passwords): `password` as user name and password was accepted.
Refused now, with the 10,000 most common passwords, wherever a password is set."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from interfant_desktop.paths import resource
from interfant_desktop.services import auth, password_rules
from interfant_desktop.services import users as user_admin
from interfant_desktop.services.errors import InputError, PasswordChangeRequired
from interfant_desktop.services.permissions import CurrentUser
from interfant_desktop.services.store_access import Store
from tests.store.fixtures import PASSWORD

COMMON = "Password1"  # in the list as "password1" (compared without case)


def test_the_shipped_list_has_the_10000_most_common_passwords_with_its_source() -> None:
    lines = resource("passwords", "common-passwords.txt").read_text(encoding="utf-8").splitlines()
    assert len(lines) == len(set(lines)) == 10_000
    assert lines[:4] == ["123456", "123456789", "qwerty", "password"]  # most common first
    readme = resource("passwords", "README.md").read_text(encoding="utf-8")
    assert "BSD 3-Clause" in readme and "Django" in readme
    assert resource("passwords", "LICENSE-Django-BSD-3-Clause.txt").is_file()
    assert len(password_rules.common_passwords()) == 10_000


@pytest.mark.parametrize(("username", "password", "problem"), [
    ("password", "password", "must not be the user name"),
    ("dr.vos.long", "DR.VOS.LONG", "must not be the user name"),
    ("root", COMMON, "10,000 most common"),
    ("root", "iloveyou", "10,000 most common"),
    ("root", "short", "at least 8 characters"),
])
def test_refused(username: str, password: str, problem: str) -> None:
    with pytest.raises(InputError, match=f"password: .*{problem}"):
        password_rules.check_new_password(password, username)


def test_an_uncommon_password_is_accepted() -> None:
    password_rules.check_new_password("fictitious-pass-1", "root")


def test_first_run_refuses_the_user_name_as_password(store: Store) -> None:
    with pytest.raises(InputError, match="must not be the user name"):
        auth.create_first_administrator(store, "password", "password")
    with pytest.raises(InputError, match="most common"):
        auth.create_first_administrator(store, "root", COMMON)
    assert not auth.has_any_user(store)


GOOD = "fictitious-good-pass-2"
SetPassword = Callable[[Store, CurrentUser, str], None]


def _add(store: Store, admin: CurrentUser, password: str) -> None:
    user_admin.add_user(store, admin, "night.nurse", "nurse", password, admin_password=PASSWORD)


def _reset(store: Store, admin: CurrentUser, password: str) -> None:
    user_admin.reset_password(store, admin, "night.nurse", password, admin_password=PASSWORD)


#: the nurse's own password, chosen at her first sign-in (before she changes it herself)
OWN = "fictitious-own-pass-5"


def _change_own(store: Store, admin: CurrentUser, password: str) -> None:
    user_admin.change_own_password(store, auth.sign_in(store, "night.nurse", OWN), OWN, password)


def _first_sign_in(store: Store, admin: CurrentUser, password: str) -> None:
    user_admin.change_temporary_password(store, "night.nurse", GOOD, password)


PLACES: dict[str, SetPassword] = {"users add": _add, "reset": _reset, "change own": _change_own,
                                  "first sign-in": _first_sign_in}
#: where the password set is an administrator's, i.e. temporary
TEMPORARY = {"users add", "reset"}


@pytest.mark.parametrize("place", sorted(PLACES))
def test_every_place_a_password_is_set_refuses_common_and_user_name(
        store: Store, users: dict[str, CurrentUser], place: str) -> None:
    admin = users["admin"]
    if place != "users add":
        _add(store, admin, GOOD)
    if place == "change own":
        user_admin.change_temporary_password(store, "night.nurse", GOOD, OWN)
    set_password = PLACES[place]
    with pytest.raises(InputError, match="most common"):
        set_password(store, admin, COMMON)
    with pytest.raises(InputError, match="must not be the user name"):
        set_password(store, admin, "Night.Nurse")
    set_password(store, admin, "fictitious-new-pass-3")  # an uncommon one is accepted
    if place in TEMPORARY:  # the user chooses their own at the first sign-in
        with pytest.raises(PasswordChangeRequired):
            auth.sign_in(store, "night.nurse", "fictitious-new-pass-3")
        user_admin.change_temporary_password(store, "night.nurse", "fictitious-new-pass-3",
                                             "fictitious-own-pass-4")
        assert auth.sign_in(store, "night.nurse", "fictitious-own-pass-4").username == "night.nurse"
    else:
        assert auth.sign_in(store, "night.nurse", "fictitious-new-pass-3").username == "night.nurse"
