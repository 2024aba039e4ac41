"""Bags hung and removed in the order of the signed schedule; everything else refused with
the reason. The schedule is the order content's numbered ``bags`` (the evaluation contract's
``blinatumomab_orders[].bags``)."""

from __future__ import annotations

import copy
import datetime as dt

import pytest
from sqlalchemy import select

from interfant_desktop.services import bags, order_workflow
from interfant_desktop.services.bags import HangRequest, RemoveRequest, hang_bag, remove_bag
from interfant_desktop.services.errors import ConflictError, InputError, PermissionDenied
from interfant_desktop.services.permissions import CurrentUser
from interfant_desktop.services.store_access import Store
from interfant_desktop.store.models import Order
from tests.order_helpers import signed_order, verified_order
from tests.store.fixtures import fictitious_case

# A 48-hour step-dosed schedule as the contract writes it: days 1-7 at 5, then 15 mcg/m²/day.
SCHEDULE = [{"number": n, "hang": hang, "hours": hours, "infused_ml": 5.0 * hours, "rate_ml_per_h": 5.0}
            for n, (hang, hours) in enumerate([
                ("2026-06-04T10:00", 48), ("2026-06-06T10:00", 48), ("2026-06-08T10:00", 48),
                ("2026-06-10T10:00", 24), ("2026-06-11T10:00", 48)], start=1)]


def _order_with_schedule(store: Store, users: dict[str, CurrentUser]) -> tuple[str, int]:
    """A verified order through the real workflow; its content given the contract's numbered
    schedule (with the content hash the workflow keeps), as an order made with bag schedules has."""
    from interfant_desktop.services import patients

    sid = patients.import_case(store, users["doc"], fictitious_case("BAG-1")).study_id
    order = verified_order(store, users["doc"], users["doc2"], sid)
    give_schedule(store, order.id)
    return sid, order.id


def give_schedule(store: Store, order_id: int) -> None:
    """Give a stored order the contract's numbered schedule ``SCHEDULE`` (with its hash)."""
    with store.transaction() as session:
        row = session.execute(select(Order).where(Order.id == order_id)).scalar_one()
        content = copy.deepcopy(row.content)
        content["order"]["bags"] = SCHEDULE
        row.content, row.content_hash = content, order_workflow.context_hash(content)


def _hang(n: int, at: str, rate: float = 5.0, volume: float | None = None,
          second: str = "doc") -> HangRequest:
    hours = SCHEDULE[n - 1]["hours"]
    assert isinstance(hours, int)
    return HangRequest(n, dt.datetime.fromisoformat(at), second, rate,
                       volume if volume is not None else 5.0 * hours, True, True)


def test_a_nurse_hangs_the_bags_in_order_and_wrong_ones_are_refused(
        store: Store, users: dict[str, CurrentUser]) -> None:
    sid, order_id = _order_with_schedule(store, users)
    nurse = users["nurse"]
    with pytest.raises(InputError, match="bag 1 is the next bag"):
        hang_bag(store, nurse, sid, order_id, _hang(2, "2026-06-04T10:00"))
    with pytest.raises(InputError, match="pump rate: 10 entered, but the signed schedule says 5 mL/h"):
        hang_bag(store, nurse, sid, order_id, _hang(1, "2026-06-04T10:00", rate=10))
    with pytest.raises(InputError, match="volume to be infused: 250 entered") as refused:
        hang_bag(store, nurse, sid, order_id, _hang(1, "2026-06-04T10:00", volume=250))
    assert refused.value.field == "volume_to_infuse_ml"  # the form can show it beside that field
    with pytest.raises(InputError, match="second nurse: "):
        hang_bag(store, nurse, sid, order_id, _hang(1, "2026-06-04T10:00", second="nurse"))
    with pytest.raises(PermissionDenied):
        hang_bag(store, users["pharma"], sid, order_id, _hang(1, "2026-06-04T10:00"))
    hang_bag(store, nurse, sid, order_id, _hang(1, "2026-06-04T10:00"))
    with pytest.raises(InputError, match="bag 1 is still on the pump"):
        hang_bag(store, nurse, sid, order_id, _hang(2, "2026-06-06T10:00"))
    for n, (hang, change) in enumerate([("2026-06-04T10:00", "2026-06-06T10:00"),
                                        ("2026-06-06T10:00", "2026-06-08T10:00"),
                                        ("2026-06-08T10:00", "2026-06-10T10:00"),
                                        ("2026-06-10T10:00", "2026-06-11T10:00")], start=1):
        if n > 1:
            hang_bag(store, nurse, sid, order_id, _hang(n, hang))
        remove_bag(store, nurse, sid, order_id, RemoveRequest(
            n, dt.datetime.fromisoformat(change), SCHEDULE[n - 1]["infused_ml"], 30.0))  # type: ignore[arg-type]
    events = bags.bag_events(store, nurse, sid, order_id)
    assert [(e.bag_number, e.kind) for e in events][:3] == [(1, "hung"), (1, "removed"), (2, "hung")]
    assert events[0].second_nurse == "doc" and events[1].residual_discarded_ml == 30.0
    with pytest.raises(InputError, match="bag 5 is not on the pump"):
        remove_bag(store, nurse, sid, order_id, RemoveRequest(5, dt.datetime(2026, 6, 12), 240, 30))


def test_a_stale_or_changed_order_is_refused(store: Store, users: dict[str, CurrentUser]) -> None:
    sid, order_id = _order_with_schedule(store, users)
    with store.transaction() as session:
        row = session.execute(select(Order).where(Order.id == order_id)).scalar_one()
        row.stale = True
    with pytest.raises(InputError, match="stale"):
        hang_bag(store, users["nurse"], sid, order_id, _hang(1, "2026-06-04T10:00"))
    with store.transaction() as session:
        row = session.execute(select(Order).where(Order.id == order_id)).scalar_one()
        row.stale = False
        content = copy.deepcopy(row.content)
        content["order"]["bags"][0]["infused_ml"] = 480.0  # written to the database by hand
        row.content = content
    with pytest.raises(ConflictError, match="content changed"):
        hang_bag(store, users["nurse"], sid, order_id, _hang(1, "2026-06-04T10:00"))


def test_a_bag_is_hung_only_from_a_verified_order(store: Store, users: dict[str, CurrentUser]) -> None:
    from interfant_desktop.services import patients

    sid = patients.import_case(store, users["doc"], fictitious_case("BAG-2")).study_id
    order = signed_order(store, users["doc"], sid)
    with pytest.raises(InputError) as refused:
        hang_bag(store, users["nurse"], sid, order.id, _hang(1, "2026-06-04T10:00"))
    assert refused.value.field == "order"  # named by its printed ID, as on the sheet
    assert str(refused.value) == (f"order: {order.order_code} is signed; a bag is hung only from a "
                                  "verified order")


def test_a_second_nurse_typed_with_a_nul_is_refused_alike_on_both_databases(
        store: Store, users: dict[str, CurrentUser]) -> None:
    """Issue 15, item 3: the typed name of the checking nurse with a NUL was no account
    on SQLite and an unexpected error on PostgreSQL."""
    sid, order_id = _order_with_schedule(store, users)
    with pytest.raises(InputError, match="second nurse: a second nurse"):
        hang_bag(store, users["nurse"], sid, order_id, _hang(1, "2026-06-04T10:00", second="doc\x00"))
    hang_bag(store, users["nurse"], sid, order_id, _hang(1, "2026-06-04T10:00", second=" doc "))
