"""The printed restart order (issue 14): its bags numbered on from the course, the restart
and the hours that remain stated, and a bag that ends on a part of an hour printed in hours
and minutes, with the mcg and volume for those minutes, read back from the PDF."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from interfant_desktop.orders import OrderStatus, Signature, render_order_pdf
from interfant_desktop.protocol import evaluate
from interfant_desktop.protocol.restart_order import restarted_evaluation
from interfant_desktop.services._common import protocol, validate_case
from interfant_desktop.services.order_sheet import build_order_sheet
from tests.orders.pdftext import all_text, overlapping_text
from tests.protocol.test_restart_order import ON, RESTART, _case

AMS = ZoneInfo("Europe/Amsterdam")
PRINTED = dt.datetime(2026, 6, 20, 11, 30, tzinfo=AMS)
SIGNED = OrderStatus("verified", Signature("Dr Fictitious Vos (doc)", PRINTED, "doc"),
                     Signature("Pharmacist Fictitious Olsen (pharma)", PRINTED, "pharma"))


def test_a_restart_sheet_numbers_on_and_prints_the_part_hour_bag_in_minutes() -> None:
    # Sample PUB-16 (fictitious, step-dosed, 48-hour bags from 2026-06-19 12:00): the pump
    # stopped at 07:20 with bag 1 on it, restarted 12:00; 19 h 20 min were given.
    case = validate_case(_case(stop="2026-06-20T07:20"), ON)
    evaluation = restarted_evaluation(evaluate(case, protocol(), ON, {}), 1, RESTART)
    sheet = build_order_sheet(case, evaluation, 1, order_id="IF21-000002", printed_at=PRINTED,
                              status=SIGNED, time_zone=AMS)
    pdf = render_order_pdf(sheet)
    text = " ".join(all_text(pdf).split())
    assert "bag 2 hung 2026-06-20 (Sat) 12:00" in text and "bag 1 was hung from the earlier order" in text
    # Days 1-7 end 168 infusion hours after the start: bag 5 runs 4 h 40 min, to 16:40, and
    # the step-up bag 6 is hung at 16:40, not a minute later.
    assert "(bag 5: 4 h 40 min; bag 16: 24 hours)" in text
    assert "5 2026-06-26 Fri 12:00 2026-06-26 Fri 16:40 4 h 7 1.38 0.27 10 46.67 40 min" in text
    assert "6 2026-06-26 Fri 16:40" in text
    assert "over 4 h 40 min" in text  # its label: "Infuse 0.27 mcg = 46.67 mL at 10 mL/h over …"
    assert "BAG 5 of 16 — restart order IF21-000002" in text and "BAG 1 of" not in text
    assert "ends 2026-07-17 (Fri) 16:40 (652 h 40 min after the restart: 19 h 20 min of the 672 " \
           "hours were given before the stop)" in text
    assert "rounded up" not in text
    assert overlapping_text(pdf) == []


def test_the_stored_schedule_keeps_the_part_of_an_hour() -> None:
    """The signed order's bags, read back for the bedside record and the timeline: a bag of
    4 h 40 min stays 4 h 40 min (never cut to 4 h); whole hours stay whole."""
    from interfant_desktop.protocol.timeline import BagTime
    from interfant_desktop.services.bags import schedule_in

    case = validate_case(_case(stop="2026-06-20T07:20"), ON)
    order = restarted_evaluation(evaluate(case, protocol(), ON, {}), 1, RESTART).to_json()
    content = {"order": next(o for o in order["blinatumomab_orders"] if o["cycle"] == 1)}
    bags = {b.number: b for b in schedule_in(content)}
    assert bags[4].hours == 48 and isinstance(bags[4].hours, int)
    assert bags[5].hours == 4.6667 and bags[5].infused_ml == 46.67
    change = BagTime(5, dt.datetime.fromisoformat(bags[5].hang), bags[5].hours).change
    assert change == dt.datetime.fromisoformat(bags[6].hang) == dt.datetime(2026, 6, 26, 16, 40)
