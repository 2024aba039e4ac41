"""Blinding on the screens: while a cycle's order is signed and awaits verification, a
pharmacist sees neither the first weight and height nor the doses (Orders page) nor the
measurement values in the History page; physicians and nurses see everything."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtWidgets import QLabel, QTableWidget

from interfant_desktop.services import order_workflow
from interfant_desktop.ui.backend import OrderActions
from interfant_desktop.ui.orders.verify_dialog import VerifyOrderDialog
from interfant_desktop.ui.pages.history_page import HistoryPage
from interfant_desktop.ui.pages.orders_page import OrdersPage
from interfant_desktop.ui.workspace import PatientWorkspace
from tests.order_helpers import signed_order
from tests.ui.conftest import NURSE, PHYSICIAN, add_user_with_own_password

PHARMACIST = ("pharm.olsen", "pharmacist-pass-1")
STUDY = "TRN-09"  # cycle 1 recorded with 6.2 kg, 63 cm; the order is started with 6.4 kg
HIDDEN = "Hidden until you verify: re-enter the weight and height in the verification dialog"


@pytest.fixture
def signed(backend: Any) -> order_workflow.OrderView:
    """A pharmacist account and a signed (not yet verified) order of TRN-09, cycle 1."""
    backend.sign_in("admin", "admin-pass-1")
    add_user_with_own_password(backend, PHARMACIST[0], "pharmacist", PHARMACIST[1],
                               "Pharmacist Fictitious Olsen", "admin-pass-1")
    backend.sign_in(*PHYSICIAN)
    return signed_order(backend.store, backend.user, STUDY, password=PHYSICIAN[1],
                        weight_kg=6.4)


def _workspace(qtbot: Any, backend: Any, who: tuple[str, str]) -> PatientWorkspace:
    backend.sign_in(*who)
    workspace = PatientWorkspace(backend, STUDY)
    qtbot.addWidget(workspace)
    for page in workspace.pages:
        page.refresh()
    return workspace


def _card_texts(workspace: PatientWorkspace) -> list[str]:
    page = workspace.page(OrdersPage)
    assert isinstance(page, OrdersPage)
    return [label.text() for card in page.cards for label in card.findChildren(QLabel)]


def _history(workspace: PatientWorkspace) -> list[tuple[str, str]]:
    table = workspace.page(HistoryPage).findChild(QTableWidget)
    assert table is not None
    return [(table.item(r, 2).text(), table.item(r, 3).text())
            for r in range(table.rowCount())]


def _shows_measurements(texts: list[str]) -> bool:
    return any("6.4" in t or "63 cm" in t or "mcg/day" in t or "BSA" in t for t in texts)


def test_pharmacist_sees_no_measurements_or_doses_before_verifying(
        qtbot: Any, backend: Any, signed: order_workflow.OrderView) -> None:
    workspace = _workspace(qtbot, backend, PHARMACIST)
    texts = _card_texts(workspace)
    assert HIDDEN in texts
    assert not _shows_measurements(texts), texts
    assert any(f"Order #{signed.id}: signed" in t for t in texts)  # the order is listed
    page = workspace.page(OrdersPage)
    assert isinstance(page, OrdersPage) and page.order_buttons[0].isEnabled()
    rows = _history(workspace)
    weights = [change for _what, change in rows if ": weight" in change
               or ": height" in change]
    assert weights and all(c.endswith(": hidden until verification") for c in weights), rows
    assert not any("6.2" in change or "6.4" in change for _what, change in rows), rows
    imported = [change for what, change in rows if what == "Patient imported"]
    assert imported == ["hidden until verification"]  # the stored case carries the weight


def test_after_verification_the_pharmacist_sees_everything(
        qtbot: Any, backend: Any, signed: order_workflow.OrderView) -> None:
    backend.sign_in(*PHARMACIST)
    order = signed.content["order"]
    order_workflow.verify_order(backend.store, backend.user, signed.id, signed.version,
                                weight_kg=order["weight_kg"], height_cm=order["height_cm"],
                                password=PHARMACIST[1])
    workspace = _workspace(qtbot, backend, PHARMACIST)
    texts = _card_texts(workspace)
    assert HIDDEN not in texts and _shows_measurements(texts)
    assert not any("hidden until verification" in c for _w, c in _history(workspace))


@pytest.mark.parametrize("who", [PHYSICIAN, NURSE], ids=["physician", "nurse"])
def test_physicians_and_nurses_see_everything(qtbot: Any, backend: Any,
                                             signed: order_workflow.OrderView,
                                             who: tuple[str, str]) -> None:
    workspace = _workspace(qtbot, backend, who)
    texts = _card_texts(workspace)
    assert HIDDEN not in texts
    assert any("Weight 6.4 kg · height 63" in t for t in texts), texts
    assert any("mcg/day" in t for t in texts)
    rows = _history(workspace)
    assert not any("hidden until verification" in c for _w, c in rows)
    assert any(": weight: 6.2 kg → 6.4 kg" in c for _w, c in rows), rows


def test_verify_dialog_names_the_prescriber_in_full(
        qtbot: Any, backend: Any, signed: order_workflow.OrderView) -> None:
    backend.sign_in(*PHARMACIST)
    actions = OrderActions(backend)
    task = actions.task(signed.id)
    assert task.prescriber_name == "Dr Fictitious Vos (dr.vos)"
    dialog = VerifyOrderDialog(actions, task)
    qtbot.addWidget(dialog)
    texts = [label.text() for label in dialog.findChildren(QLabel)]
    assert any("signed by Dr Fictitious Vos (dr.vos)" in t for t in texts), texts
    # the pharmacist checks the patient: the bare stored number is named, as on the sheet
    assert any(" · MRN 0900396 · study ID TRN-09 · " in t for t in texts), texts
    assert not any("6.4" in t or "6.2" in t for t in texts)
