"""A password an administrator set (new account, reset) is temporary: at the first
sign-in the user chooses their own, and their signing key is re-encrypted under it."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from interfant_desktop.services import signing_keys
from interfant_desktop.services.errors import PasswordChangeRequired
from interfant_desktop.store.models import AuditEvent
from interfant_desktop.ui.app import make_application
from interfant_desktop.ui.backend import UiBackend
from interfant_desktop.ui.dialogs.sign_in_dialog import SignInDialog
from interfant_desktop.ui.dialogs.users_dialog import FirstPasswordDialog
from tests.ui.conftest import NURSE, answer_next_dialog

TEMPORARY = "temporary-nurse-7"
OWN = "nurse-own-pass-8"


def test_the_first_sign_in_asks_for_an_own_password(qtbot: Any, db_url: str) -> None:
    make_application()
    admin = UiBackend.open(db_url)
    admin.sign_in("admin", "admin-pass-1")
    admin.reset_password(NURSE[0], TEMPORARY, "admin-pass-1")
    with pytest.raises(PasswordChangeRequired):  # the services refuse a session with it
        admin.sign_in(NURSE[0], TEMPORARY)
    admin.close()

    backend = UiBackend.open(db_url)
    dialog = SignInDialog(backend)
    qtbot.addWidget(dialog)
    asked: list[Any] = []

    def choose(form: Any) -> None:
        assert isinstance(form, FirstPasswordDialog) and form.username == NURSE[0]
        asked.append(form)
        form.new_password.setText(TEMPORARY)  # the temporary one again: refused
        form.repeat_password.setText(TEMPORARY)
        form.ok_button.click()
        refused = [form.errors["password"], form.general_error]
        assert form.isVisible() and any(not label.isHidden() for label in refused)
        form.new_password.setText(OWN)
        form.repeat_password.setText(OWN)
        form.ok_button.click()

    answer_next_dialog(qtbot, choose)
    qtbot.keyClicks(dialog.username, NURSE[0])
    qtbot.keyClicks(dialog.password, TEMPORARY)
    dialog.accept()
    assert asked and dialog.result() == SignInDialog.DialogCode.Accepted
    assert backend.user is not None and backend.user.username == NURSE[0]
    # From now on the nurse's own password signs in (and signs: the key was re-sealed).
    assert backend.sign_in(NURSE[0], OWN).username == NURSE[0]
    with pytest.raises(Exception):  # noqa: B017 (the temporary one is gone)
        backend.sign_in(NURSE[0], TEMPORARY)
    assert signing_keys.unlock_key(backend.store, backend.sign_in(NURSE[0], OWN), OWN)
    with backend.store.sessions() as session:
        actions = [a for (a,) in session.execute(
            select(AuditEvent.action).where(AuditEvent.entity_key == NURSE[0])
            .order_by(AuditEvent.seq))]
    changed = actions.index("change_password")
    assert "sign_in_refused" in actions[:changed] and actions[changed + 1] == "sign_in"
    backend.close()
