"""Issue 14: a wrong entry of the infusion record is marked entered in error from the
Infusion page, with a reason: an interruption, an assessment, the latest bag event. The
entry leaves the record the engine counts and stays in the history with the reason."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from PySide6.QtWidgets import QWidget

from interfant_desktop.services import audit as audit_trail
from interfant_desktop.services import bags, infusion, order_workflow
from interfant_desktop.services.errors import InputError
from interfant_desktop.ui.infusion.in_error_dialog import EnteredInErrorDialog
from tests.ui.conftest import NURSE, PHYSICIAN, answer_next_dialog
from tests.ui.test_infusion_page import STUDY, _hang_in_dialog, _ok, _page, _verified_48_hour_order


def _choose(text: str, reason: str, seen: list[str]) -> Any:
    def act(dialog: QWidget) -> None:
        assert isinstance(dialog, EnteredInErrorDialog)
        row = next(i for i, e in enumerate(dialog.entries) if text in e.text)
        _ok(dialog)  # nothing chosen yet: refused, the dialog stays open
        seen.append(dialog.problem.text())
        dialog.list.setCurrentRow(row)
        _ok(dialog)  # no reason yet
        seen.append(dialog.problem.text())
        dialog.reason.setText(reason)
        _ok(dialog)
        if dialog.isVisible():
            seen.append(dialog.problem.text())
            dialog.reject()
    return act


def test_interruption_and_bag_entries_marked_in_error_with_a_reason(qtbot: Any, backend: Any) -> None:
    order_id = _verified_48_hour_order(backend)
    backend.sign_in(*NURSE)
    nurse = backend.user
    infusion.record_interruption(backend.store, nurse, STUDY, infusion.InterruptionRequest(
        1, dt.datetime(2026, 6, 5, 7, 0), "line_or_pump", dt.datetime(2026, 6, 5, 8, 0)))
    _workspace, page = _page(qtbot, backend)
    assert "Stopped 2026-06-05 07:00" in page.stops.text()
    seen: list[str] = []
    answer_next_dialog(qtbot, _choose("Interruption:", "entered for the wrong cycle", seen))
    page.error_button.click()
    assert "Entry: choose the entry" in seen[0] and "Reason: required" in seen[1]
    assert page.stops.text() == "No interruption recorded."

    _hang_in_dialog(qtbot, page)
    assert "hung" in page.bag_list.text().splitlines()[0]
    answer_next_dialog(qtbot, _choose("Bag 1 hung", "hung on the wrong pump channel", []))
    page.error_button.click()
    assert "hung" not in page.bag_list.text().splitlines()[0] and page.hang_button.isEnabled()
    assert bags.bag_events(backend.store, nurse, STUDY, order_id) == ()
    events = [(e.action, e.entity, e.reason) for e in
              audit_trail.patient_history(backend.store, nurse, STUDY) if e.action == "entered_in_error"]
    assert ("entered_in_error", "interruption", "entered for the wrong cycle") in events
    assert ("entered_in_error", "bag", "hung on the wrong pump channel") in events


def test_only_the_latest_bag_entry_can_be_marked(qtbot: Any, backend: Any) -> None:
    order_id = _verified_48_hour_order(backend)
    backend.sign_in(*NURSE)
    nurse, store = backend.user, backend.store
    schedule = bags.schedule_in(order_workflow.get_order(store, nurse, order_id).content)
    first = schedule[0]
    hung = bags.hang_bag(store, nurse, STUDY, order_id, bags.HangRequest(
        1, dt.datetime.fromisoformat(first.hang), PHYSICIAN[0], first.rate_ml_per_h, first.infused_ml,
        True, True))
    bags.remove_bag(store, nurse, STUDY, order_id, bags.RemoveRequest(
        1, dt.datetime.fromisoformat(schedule[1].hang), first.infused_ml, 30.0))
    with pytest.raises(InputError, match="only the latest entry"):
        bags.mark_bag_event_in_error(store, nurse, STUDY, order_id, hung.id, "wrong")
    assert len(bags.bag_events(store, nurse, STUDY, order_id)) == 2
