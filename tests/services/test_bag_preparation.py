"""The pharmacist's audited confirmation of the bag preparation figures for this site."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from sqlalchemy import select

from interfant_desktop.paths import resource
from interfant_desktop.protocol.protocol_file import parse_protocol
from interfant_desktop.services import _common, bag_preparation, order_workflow, patients
from interfant_desktop.services.audit import verify_audit
from interfant_desktop.services.errors import InputError, PermissionDenied
from interfant_desktop.services.permissions import CurrentUser
from interfant_desktop.services.store_access import Store
from interfant_desktop.store.models import AuditEvent
from tests.order_helpers import start_draft
from tests.store.fixtures import fictitious_case


def _protocol(**preparation: Any) -> Any:
    data = copy.deepcopy(json.loads(resource("protocol", "interfant-21.protocol.json")
                                    .read_text(encoding="utf-8")))
    data["bag_preparation"].update(preparation)
    return parse_protocol(data, sha256="e" * 64)


def _sheet_preparation(store: Store, user: CurrentUser, study_id: str) -> dict[str, Any]:
    draft = start_draft(store, user, study_id)
    prep: dict[str, Any] = draft.content["sheet"]["drug"]["preparation"]
    order_workflow.cancel_order(store, user, draft.id, draft.version, "test: next draft")
    return prep


def test_unverified_until_a_pharmacist_confirms(store: Store,
                                                users: dict[str, CurrentUser]) -> None:
    patients.import_case(store, users["doc"], fictitious_case("BP-1"))
    before = _sheet_preparation(store, users["doc"], "BP-1")
    assert before["verified"] is False
    assert before["status_text"] == "preparation figures not yet verified at this site"
    for who in ("doc", "nurse", "dm", "admin"):
        with pytest.raises(PermissionDenied):
            bag_preparation.confirm_preparation(store, users[who])
    assert bag_preparation.preparation_confirmation(store) is None

    confirmed = bag_preparation.confirm_preparation(store, users["pharma"],
                                                    "checked against the label of 2026-03")
    assert confirmed.username == "pharma"
    assert bag_preparation.preparation_confirmation(store) == confirmed
    after = _sheet_preparation(store, users["doc"], "BP-1")
    assert after["verified"] is True
    assert after["status_text"].startswith("preparation figures confirmed for this site by pharma")
    assert "protocol file 2026" in after["status_text"]
    with store.transaction() as session:
        event = session.execute(select(AuditEvent).where(
            AuditEvent.action == "confirm_preparation")).scalar_one()
        assert event.username == "pharma" and event.reason == "checked against the label of 2026-03"
        assert json.loads(event.new_value or "{}")["figures"]["ivss_ml"] == 5.5
    assert verify_audit(store, users["admin"]).ok


def test_a_new_protocol_file_or_changed_figures_are_unconfirmed_again(
        store: Store, users: dict[str, CurrentUser], monkeypatch: pytest.MonkeyPatch) -> None:
    bag_preparation.confirm_preparation(store, users["pharma"])
    assert bag_preparation.preparation_confirmation(store) is not None
    monkeypatch.setattr(_common, "protocol", lambda: _protocol(ivss_ml=6))
    assert bag_preparation.preparation_confirmation(store) is None


def test_withdrawal_needs_a_reason_and_undoes_the_confirmation(
        store: Store, users: dict[str, CurrentUser]) -> None:
    bag_preparation.confirm_preparation(store, users["pharma"])
    with pytest.raises(InputError, match="reason"):
        bag_preparation.withdraw_preparation(store, users["pharma"], "  ")
    bag_preparation.withdraw_preparation(store, users["pharma"], "the label changed")
    assert bag_preparation.preparation_confirmation(store) is None
    bag_preparation.confirm_preparation(store, users["pharma"])  # confirmed again later
    assert bag_preparation.preparation_confirmation(store) is not None
