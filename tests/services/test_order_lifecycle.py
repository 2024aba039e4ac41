"""The order lifecycle (issue 13 "Order lifecycle", issue 14 hold and restart): hold,
release, discontinue, modify and restart, each signed with the password and a reason,
audited, checked by role, and verified again before every print; a held order is not
hung and its sheet says HOLD; a superseded one is never printed for administration."""

from __future__ import annotations

import copy
import datetime as dt
import io

import pdfplumber
import pytest
from sqlalchemy import select

from interfant_desktop.services import order_workflow, patients
from interfant_desktop.services.audit import patient_history
from interfant_desktop.services.bags import RemoveRequest, remove_bag
from interfant_desktop.services.errors import ConflictError, InputError, PermissionDenied
from interfant_desktop.services.infusion import (
    InterruptionRequest,
    mark_interruption_in_error,
    record_infusion_start,
    record_interruption,
    record_restart,
)
from interfant_desktop.services.order_workflow import (
    SignatureRefused,
    Status,
    TamperingDetected,
    WarningsNotConfirmed,
    discontinue_order,
    hold_order,
    modify_order,
    release_order,
    restart_order,
)
from interfant_desktop.services.permissions import CurrentUser
from interfant_desktop.services.store_access import Store
from interfant_desktop.services.toxicity import AssessmentRequest, record_assessment
from interfant_desktop.store.models import Order
from tests.lifecycle_helpers import GRADE_3, ICANS_1, hang_next, sign_and_verify, verified_48h_order
from tests.order_helpers import start_draft
from tests.orders.pdftext import overlapping_text
from tests.store.fixtures import PASSWORD, fictitious_case

NOW = dt.datetime(2026, 6, 20, 14, 0).astimezone()


def _text(pdf: bytes, page: int | None = None) -> str:
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        pages = doc.pages if page is None else [doc.pages[page]]
        return "\n".join(p.extract_text() or "" for p in pages)


def test_hold_stops_the_bags_and_the_sheet_says_hold_release_restores_it(
        store: Store, users: dict[str, CurrentUser]) -> None:
    doc, nurse = users["doc"], users["nurse"]
    order = verified_48h_order(store, doc, users["pharma"], "LC-1")
    printed = order_workflow.print_order(store, nurse, order.id, order.version, password=PASSWORD,
                                         now=NOW)
    order = printed.order
    hang_next(store, nurse, "doc", "LC-1", order, 1)
    held = hold_order(store, doc, order.id, order.version, reason="CRS grade 3: interrupt",
                      password=PASSWORD)
    assert held.status == Status.HELD and held.state_note is not None
    assert held.state_note.startswith("HOLD — held by doc at ") and "CRS grade 3" in held.state_note
    entry = held.history[-1]
    assert (entry.meaning, entry.reason, entry.old, entry.new) == (
        "held", "CRS grade 3: interrupt", "printed", "held")
    event = [e for e in patient_history(store, doc, "LC-1") if e.action == "hold"][-1]
    assert (event.username, event.old_value, event.new_value) == ("doc", "printed", "held")
    assert "CRS grade 3" in (event.reason or "")
    # The next bag is refused with the hold's reason.
    remove_bag(store, nurse, "LC-1", order.id, RemoveRequest(1, dt.datetime(2026, 6, 21, 12), 240, 20))
    with pytest.raises(InputError, match=r"ON HOLD \(HOLD — held by doc .*CRS grade 3") as refused:
        hang_next(store, nurse, "doc", "LC-1", order, 2)
    assert str(refused.value).startswith(f"order: {order.order_code} is ON HOLD (")
    assert refused.value.field == "order"
    # The reprinted nurse sheet says HOLD, prominently on page 1 (and stays held).
    sheet = order_workflow.print_order(store, nurse, order.id, held.version, password=PASSWORD,
                                       now=NOW)
    first = _text(sheet.pdf, 0)
    assert "HOLD — DO NOT HANG OR ADMINISTER" in first and "CRS grade 3" in first
    assert "Status: ON HOLD (VERIFIED)" in first and "COPY" in first
    assert overlapping_text(sheet.pdf) == []  # the HOLD panel overprints nothing
    assert not sheet.valid and sheet.order.status == Status.HELD
    released = release_order(store, doc, order.id, sheet.order.version, reason="CRS resolved",
                             password=PASSWORD)
    assert released.status == Status.PRINTED and released.state_note is None
    assert [h.meaning for h in released.history][-3:] == ["held", "printed for administration",
                                                           "hold released"]
    hang_next(store, nurse, "doc", "LC-1", released, 2)
    again = order_workflow.preview_order_pdf(store, doc, order.id)
    assert again.valid and "HOLD" not in _text(again.pdf, 0)


def test_every_transition_needs_a_reason_the_password_and_the_right_role(
        store: Store, users: dict[str, CurrentUser]) -> None:
    doc, nurse, pharma = users["doc"], users["nurse"], users["pharma"]
    order = verified_48h_order(store, doc, pharma, "LC-2")
    with pytest.raises(InputError, match="reason"):
        hold_order(store, doc, order.id, order.version, reason="  ", password=PASSWORD)
    with pytest.raises(SignatureRefused):
        hold_order(store, doc, order.id, order.version, reason="why", password="wrong-password")
    with pytest.raises(PermissionDenied):
        hold_order(store, pharma, order.id, order.version, reason="why", password=PASSWORD)
    with pytest.raises(PermissionDenied, match="only while the infusion is stopped"):
        hold_order(store, nurse, order.id, order.version, reason="why", password=PASSWORD)
    for change in (release_order, discontinue_order):
        with pytest.raises(PermissionDenied):
            change(store, nurse, order.id, order.version, reason="why", password=PASSWORD)
    with pytest.raises(ConflictError, match="cannot be releas"):
        release_order(store, doc, order.id, order.version, reason="why", password=PASSWORD)
    # The nurse may hold once the engine says the infusion is stopped (an open interruption).
    record_interruption(store, nurse, "LC-2", InterruptionRequest(
        1, dt.datetime(2026, 6, 20, 7, 0), "crs"))
    held = hold_order(store, nurse, order.id, order.version, reason="pump stopped for CRS",
                      password=PASSWORD)
    assert held.status == Status.HELD and "the infusion is stopped since 2026-06-20 07:00" in \
        (held.history[-1].reason or "")
    with pytest.raises(ConflictError, match="already held"):
        hold_order(store, doc, held.id, held.version, reason="again", password=PASSWORD)
    with pytest.raises(ConflictError, match="discontinue it instead"):
        order_workflow.cancel_order(store, doc, held.id, held.version, "no longer wanted")
    with pytest.raises(InputError, match="record the restart time"):
        restart_order(store, doc, held.id, held.version, reason="resolved", password=PASSWORD)
    # Nothing was recorded by the refusals: one hold, by the nurse.
    assert [h.meaning for h in order_workflow.get_order(store, doc, order.id).history] == [
        "prescribed", "verified", "held"]


def test_a_draft_is_cancelled_not_held(store: Store, users: dict[str, CurrentUser]) -> None:
    sid = patients.import_case(store, users["doc"], fictitious_case("LC-3")).study_id
    draft = start_draft(store, users["doc"], sid)
    with pytest.raises(ConflictError, match=r"not verified yet.*cancel it instead"):
        hold_order(store, users["doc"], draft.id, draft.version, reason="x", password=PASSWORD)


def test_discontinue_is_permanent(store: Store, users: dict[str, CurrentUser]) -> None:
    doc = users["doc"]
    order = verified_48h_order(store, doc, users["pharma"], "LC-4")
    ended = discontinue_order(store, doc, order.id, order.version,
                              reason="CRS grade 4: discontinue permanently", password=PASSWORD)
    assert ended.status == Status.DISCONTINUED
    assert ended.state_note is not None and ended.state_note.startswith("DISCONTINUED — ")
    for change in (hold_order, release_order, discontinue_order):
        with pytest.raises(ConflictError, match="is discontinued"):
            change(store, doc, order.id, ended.version, reason="x", password=PASSWORD)
    with pytest.raises(ConflictError, match="cannot be printed for administration"):
        order_workflow.print_order(store, doc, order.id, ended.version, password=PASSWORD)
    with pytest.raises(InputError, match="DISCONTINUED"):
        hang_next(store, users["nurse"], "doc", "LC-4", ended, 1)
    preview = order_workflow.preview_order_pdf(store, doc, order.id)
    assert not preview.valid and "DISCONTINUED" in _text(preview.pdf, 0)


def test_modify_makes_a_new_order_and_the_old_is_superseded_and_never_printed_again(
        store: Store, users: dict[str, CurrentUser]) -> None:
    doc, pharma = users["doc"], users["pharma"]
    order = verified_48h_order(store, doc, pharma, "LC-5")
    with pytest.raises(InputError, match="reason"):
        modify_order(store, doc, order.id, order.version, reason="", password=PASSWORD,
                     bag_hours=24)
    with pytest.raises(PermissionDenied):
        modify_order(store, users["nurse"], order.id, order.version, reason="x",
                     password=PASSWORD, bag_hours=24)
    with pytest.raises(WarningsNotConfirmed, match="Fluid load") as warned:  # D13, 24-hour bags
        modify_order(store, doc, order.id, order.version, reason="24-hour bags on the ward",
                     password=PASSWORD, bag_hours=24)
    made = modify_order(store, doc, order.id, order.version, reason="24-hour bags on the ward",
                        password=PASSWORD, bag_hours=24, confirm_warnings=warned.value.warnings)
    assert made.superseded.status == Status.SUPERSEDED
    assert made.superseded.state_note is not None
    assert made.superseded.state_note.startswith(f"SUPERSEDED by {made.order.order_code}")
    new = made.order
    assert new.status == Status.DRAFT and new.supersedes == order.id and new.kind == "modify"
    assert new.content["bag_hours"] == 24 and {b["hours"] for b in new.content["order"]["bags"]} == {24}
    assert any("MODIFY ORDER: replaces IF21-" in w for w in new.content["sheet"]["warnings"])
    with pytest.raises(ConflictError, match=r"SUPERSEDED by IF21-.*cannot be printed for administration"):
        order_workflow.print_order(store, doc, order.id, made.superseded.version, password=PASSWORD)
    preview = order_workflow.preview_order_pdf(store, doc, order.id)
    assert not preview.valid and "SUPERSEDED by" in _text(preview.pdf, 0)
    verified = sign_and_verify(store, doc, pharma, new)
    sheet = order_workflow.print_order(store, doc, verified.id, verified.version, password=PASSWORD,
                                       now=NOW)
    assert sheet.valid and "MODIFY ORDER" in _text(sheet.pdf)
    with pytest.raises(ConflictError, match="superseded"):
        modify_order(store, doc, order.id, made.superseded.version, reason="again",
                     password=PASSWORD, bag_hours=48)


def test_restart_after_a_5_hour_crs_3_interruption_gives_the_engines_restart_order(
        store: Store, users: dict[str, CurrentUser]) -> None:
    doc, nurse, pharma = users["doc"], users["nurse"], users["pharma"]
    order = verified_48h_order(store, doc, pharma, "LC-6")
    hang_next(store, nurse, "doc", "LC-6", order, 1)
    record_assessment(store, nurse, "LC-6", AssessmentRequest(
        cycle=1, at=dt.datetime(2026, 6, 20, 6, 30), crs=GRADE_3, icans=ICANS_1,
        seizures_this_treatment=0))
    stop = record_interruption(store, nurse, "LC-6", InterruptionRequest(
        1, dt.datetime(2026, 6, 20, 7, 0), "crs"))
    held = hold_order(store, nurse, order.id, order.version, reason="CRS grade 3",
                      password=PASSWORD)
    # The nurse's sheet, printed again after the bedside record grew, says HOLD.
    sheet = order_workflow.print_order(store, nurse, held.id, held.version, password=PASSWORD,
                                       now=NOW)
    assert "HOLD — DO NOT HANG OR ADMINISTER" in _text(sheet.pdf, 0)
    held = sheet.order
    record_restart(store, nurse, "LC-6", stop.id, dt.datetime(2026, 6, 20, 12, 0))
    with pytest.raises(PermissionDenied):
        restart_order(store, nurse, held.id, held.version, reason="resolved", password=PASSWORD)
    made = restart_order(store, doc, held.id, held.version, reason="CRS resolved to grade 1",
                         password=PASSWORD)
    assert made.superseded.status == Status.SUPERSEDED and made.order.kind == "restart"
    new = made.order.content["order"]
    # 4.8 kg, 57 cm: BSA 0.276 m². R-TOX-CRS-3: 5 mcg/m²/day = 1.38 mcg/day for 7 days, then
    # 15 mcg/m²/day = 4.14 mcg/day; 19 h were given before the stop, 653 h remain.
    assert new["restart"]["restart_at"] == "2026-06-20T12:00"
    assert new["restart"]["hours_given_before"] == 19 and new["restart"]["hours_remaining"] == 653
    assert new["restart"]["dose_rule"] == "R-TOX-CRS-3"
    assert [(s["dose_mcg_per_m2_day"], s["dose_mcg_per_day"]) for s in new["steps"]] == [
        (5, 1.38), (15, 4.14)]
    bags = new["bags"]
    assert bags[0]["hang"] == "2026-06-20T12:00" and bags[0]["mcg_to_infuse"] == 2.76
    # Bag 1 was on the pump at the stop: the restart order's bags go on from bag 2, never #1 again.
    assert [b["number"] for b in bags[:3]] == [2, 3, 4] and new["restart"]["bags_before"] == 1
    assert [b["hours"] for b in bags[:5]] == [48, 48, 48, 24, 48]  # the step-up 168 h later
    assert bags[4]["hang"] == "2026-06-27T12:00" and bags[4]["dose_mcg_per_day"] == 4.14
    assert sum(b["hours"] for b in bags) == 653 and new["ends_at"] == "2026-07-17T17:00"
    assert new["premedication"]["dose_mg"] == 1.4  # dexamethasone before the restart (≥ 4 h)
    verified = sign_and_verify(store, doc, users["doc2"], made.order)
    assert verified.status == Status.VERIFIED
    sheet = order_workflow.print_order(store, nurse, verified.id, verified.version, password=PASSWORD,
                                       now=NOW)
    text = _text(sheet.pdf)
    assert sheet.valid and "RESTART ORDER" in text and "1.38" in text and "4.14" in text
    hang_next(store, nurse, "doc", "LC-6", sheet.order, 2)
    with pytest.raises(InputError, match="SUPERSEDED"):
        hang_next(store, nurse, "doc", "LC-6", made.superseded, 2)
    # The restart order stands on its interruption: marked entered in error, no more prints.
    mark_interruption_in_error(store, nurse, "LC-6", stop.id, "wrong patient's pump")
    with pytest.raises(TamperingDetected, match="no longer in the record"):
        order_workflow.print_order(store, nurse, verified.id, sheet.order.version,
                                   password=PASSWORD, now=NOW)


def test_a_status_written_by_hand_is_caught_before_printing(
        store: Store, users: dict[str, CurrentUser]) -> None:
    doc = users["doc"]
    order = verified_48h_order(store, doc, users["pharma"], "LC-7")
    held = hold_order(store, doc, order.id, order.version, reason="hold", password=PASSWORD)
    with store.transaction() as session:  # someone with the database credential lifts the hold
        row = session.execute(select(Order).where(Order.id == held.id)).scalar_one()
        row.status = "verified"
    with pytest.raises(TamperingDetected, match="its signatures make it held"):
        order_workflow.print_order(store, doc, held.id, held.version + 1, password=PASSWORD)
    with store.transaction() as session:  # or writes a hold that nobody signed
        other = session.execute(select(Order).where(Order.id == held.id)).scalar_one()
        other.status = "discontinued"
    with pytest.raises(TamperingDetected):
        order_workflow.preview_order_pdf(store, doc, held.id)


def test_recording_the_start_makes_only_misplanned_unprinted_orders_of_that_cycle_stale(
        store: Store, users: dict[str, CurrentUser]) -> None:
    doc, nurse = users["doc"], users["nurse"]
    order = verified_48h_order(store, doc, users["pharma"], "LC-8")
    version = patients.open_patient(store, nurse, "LC-8").version
    record = record_infusion_start(store, nurse, "LC-8", version, 1,
                                   start=dt.datetime(2026, 6, 19, 12, 0), bag_hours=48)
    assert not order_workflow.get_order(store, doc, order.id).stale  # as planned: still usable
    hang_next(store, nurse, "doc", "LC-8", order_workflow.get_order(store, doc, order.id), 1)
    assert record.version < patients.open_patient(store, nurse, "LC-8").version  # the bag
    record_infusion_start(store, nurse, "LC-8", patients.open_patient(store, nurse, "LC-8").version, 1,
                          start=dt.datetime(2026, 6, 19, 14, 0), reason="started two hours later")
    # Its schedule no longer fits, but a bag is on the pump from it: it was not printed, so stale.
    assert order_workflow.get_order(store, doc, order.id).stale


def test_a_copy_of_the_content_cannot_move_a_lifecycle_signature(
        store: Store, users: dict[str, CurrentUser]) -> None:
    doc = users["doc"]
    order = verified_48h_order(store, doc, users["pharma"], "LC-9")
    held = hold_order(store, doc, order.id, order.version, reason="hold", password=PASSWORD)
    with store.transaction() as session:  # the signed content changed by hand (hash kept right)
        row = session.execute(select(Order).where(Order.id == held.id)).scalar_one()
        content = copy.deepcopy(row.content)
        content["order"]["bags"][0]["infused_ml"] = 480.0
        row.content, row.content_hash = content, order_workflow.context_hash(content)
    with pytest.raises(TamperingDetected, match="does not match the order"):
        release_order(store, doc, held.id, held.version + 1, reason="resolved", password=PASSWORD)


def test_a_bag_replaced_early_pushes_the_restart_orders_numbers_on(
        store: Store, users: dict[str, CurrentUser]) -> None:
    """Bag 1 leaked and was replaced at 05:00 by bag 2 of the schedule (due on the 21st); the
    pump stopped at 07:00. The plan alone would number the restart order from bag 2: the
    bedside record has used bag 2, so its bags start at 3 (no two bags share a number)."""
    doc, nurse = users["doc"], users["nurse"]
    order = verified_48h_order(store, doc, users["pharma"], "LC-9")
    hang_next(store, nurse, "doc", "LC-9", order, 1)
    remove_bag(store, nurse, "LC-9", order.id, RemoveRequest(1, dt.datetime(2026, 6, 20, 5, 0), 85, 190))
    hang_next(store, nurse, "doc", "LC-9", order, 2, dt.datetime(2026, 6, 20, 5, 0))
    stop = record_interruption(store, nurse, "LC-9", InterruptionRequest(
        1, dt.datetime(2026, 6, 20, 7, 0), "line_or_pump", dt.datetime(2026, 6, 20, 9, 0)))
    assert stop.restarted is not None
    made = restart_order(store, doc, order.id, order.version, reason="new line", password=PASSWORD)
    new = made.order.content["order"]
    assert new["bags"][0]["number"] == 3 and new["restart"]["bags_before"] == 2
    assert [b["number"] for b in new["restart"]["course_bags_before"]] == [1]  # the plan's
