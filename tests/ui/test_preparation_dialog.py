"""Issue 13 item 1: the pharmacist confirms the bag preparation figures in the app (an
audited act with the protocol version); the order sheet printed afterwards no longer says
"not yet verified at this site". Other roles do not get the button."""

from __future__ import annotations

import io
from typing import Any

import pdfplumber
from PySide6.QtCore import Qt
from sqlalchemy import select

from interfant_desktop.services import auth, bag_preparation, order_workflow
from interfant_desktop.store.models import AuditEvent
from interfant_desktop.ui.dialogs.preparation_dialog import PreparationDialog
from tests.order_helpers import start_draft
from tests.ui.conftest import PHYSICIAN, add_user_with_own_password

STUDY = "TRN-09"
NOT_VERIFIED = "not yet verified at this site"


def _sheet_text(backend: Any) -> str:
    doc = auth.sign_in(backend.store, *PHYSICIAN)
    draft = start_draft(backend.store, doc, STUDY)
    pdf = order_workflow.preview_order_pdf(backend.store, doc, draft.id).pdf
    order_workflow.cancel_order(backend.store, doc, draft.id,
                                order_workflow.get_order(backend.store, doc, draft.id).version,
                                "test: next draft")
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        return "\n".join(page.extract_text() or "" for page in document.pages)


def _as_pharmacist(backend: Any) -> None:
    backend.sign_in("admin", "admin-pass-1")
    add_user_with_own_password(backend, "pharm.olsen", "pharmacist", "pharmacist-pass-1",
                     "Pharmacist Fictitious Olsen", "admin-pass-1")
    backend.sign_in("pharm.olsen", "pharmacist-pass-1")


def test_the_pharmacist_confirms_and_the_sheet_no_longer_says_not_verified(
        qtbot: Any, backend: Any) -> None:
    assert NOT_VERIFIED in _sheet_text(backend)
    _as_pharmacist(backend)
    dialog = PreparationDialog(backend)
    qtbot.addWidget(dialog)
    dialog.show()
    assert "NOT YET VERIFIED AT THIS SITE" in dialog.status.text()
    qtbot.keyClicks(dialog.reason, "checked against the label of 2026-03")
    qtbot.mouseClick(dialog.confirm_button, Qt.MouseButton.LeftButton)
    assert dialog.status.text().startswith("✔ preparation figures confirmed for this site by "
                                           "Pharmacist Fictitious Olsen (pharm.olsen)")
    assert dialog.withdraw_button.isVisible() and not dialog.confirm_button.isVisible()
    with backend.store.transaction() as session:
        event = session.execute(select(AuditEvent).where(
            AuditEvent.action == "confirm_preparation")).scalar_one()
    assert event.username == "pharm.olsen" and event.reason == "checked against the label of 2026-03"
    assert backend.protocol.version in (event.new_value or "")
    text = _sheet_text(backend)
    assert NOT_VERIFIED not in text and "confirmed for this site by" in text

    # A withdrawal needs a reason, then the sheets say "not yet verified" again.
    qtbot.mouseClick(dialog.withdraw_button, Qt.MouseButton.LeftButton)
    assert dialog.problem.isVisible() and "reason" in dialog.problem.text()
    qtbot.keyClicks(dialog.reason, "the label changed")
    qtbot.mouseClick(dialog.withdraw_button, Qt.MouseButton.LeftButton)
    assert bag_preparation.preparation_confirmation(backend.store) is None
    assert "NOT YET VERIFIED" in dialog.status.text()
    assert NOT_VERIFIED in _sheet_text(backend)


def test_only_a_pharmacist_sees_the_button(qtbot: Any, window: Any, backend: Any) -> None:
    assert not window.preparation_button.isVisibleTo(window)  # the physician
    _as_pharmacist(backend)
    window.refresh_user()
    assert window.preparation_button.isVisibleTo(window)
