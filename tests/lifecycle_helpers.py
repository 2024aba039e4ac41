"""A verified cycle 1 order with a 48-hour bag schedule, through the real workflow, for the
order lifecycle tests (hold, release, discontinue, modify, restart)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from interfant_desktop.protocol.case import CrsObservation, IcansObservation
from interfant_desktop.services import order_workflow, patients
from interfant_desktop.services.bags import HangRequest, hang_bag, schedule_in
from interfant_desktop.services.order_workflow import OrderView
from interfant_desktop.services.permissions import CurrentUser
from interfant_desktop.services.store_access import Store
from tests.order_helpers import ensure_allergies, start_confirming
from tests.store.fixtures import PASSWORD

INFUSION = Path("/work/shared/cases/infusion") if Path("/work/shared/cases/infusion").is_dir() \
    else Path(__file__).resolve().parents[1].parent / "shared" / "cases" / "infusion"

#: CRS grade 3 (hypotension and high-flow oxygen with fever) with ICANS grade 1.
GRADE_3 = CrsObservation(temperature_c=39.3, antipyretic_or_anticytokine_given=False, hypotension=True,
                         vasopressors=0, vasopressin=False, oxygen="high_flow")
ICANS_1 = IcansObservation(capd=4, sedated=False, consciousness="spontaneous", seizure="none",
                           motor="none", cerebral_oedema="none")


def step_dosed_case(study_id: str) -> dict[str, Any]:
    """Sample PUB-16 (fictitious: 4.8 kg, 57 cm, cycle 1 from 2026-06-19 12:00, 48-hour bags)
    with marrow M2 (step dosing: 5 then 15 mcg/m²/day), a fictitious name and MRN, and no
    assessment yet."""
    data: dict[str, Any] = json.loads((INFUSION / "16-crs-grade-3-action.case.json").read_text())
    del data["toxicity"]
    data["patient"].update(study_id=study_id, name="Fictitious Liesbeth Kramer",
                           hospital_number="0990042")
    data["end_of_induction"]["marrow"] = "M2"
    return data


def verified_48h_order(store: Store, doc: CurrentUser, verifier: CurrentUser,
                       study_id: str) -> OrderView:
    """Import the case and make its cycle 1 order (48-hour bags from 2026-06-19 12:00),
    signed by ``doc`` and verified blind by ``verifier``."""
    patients.import_case(store, doc, step_dosed_case(study_id))
    ensure_allergies(store, doc, study_id)
    draft = start_confirming(store, doc, study_id, 1, {
        "weight_kg": 4.8, "height_cm": 57.0, "weight_date": "2026-06-18",
        "height_date": "2026-06-18", "start_date": "2026-06-19", "start_time": "12:00",
        "bag_hours": 48})
    return sign_and_verify(store, doc, verifier, draft)


def sign_and_verify(store: Store, doc: CurrentUser, verifier: CurrentUser,
                    draft: OrderView) -> OrderView:
    signed = order_workflow.sign_order(store, doc, draft.id, draft.version, password=PASSWORD)
    order = signed.content["order"]
    return order_workflow.verify_order(store, verifier, signed.id, signed.version,
                                       weight_kg=order["weight_kg"], height_cm=order["height_cm"],
                                       password=PASSWORD)


def hang_next(store: Store, nurse: CurrentUser, second: str, study_id: str, order: OrderView,
              number: int, at: dt.datetime | None = None) -> None:
    """Hang bag ``number`` of the order's schedule as two nurses would (pump checked)."""
    bag = next(b for b in schedule_in(order.content) if b.number == number)
    hang_bag(store, nurse, study_id, order.id, HangRequest(
        number, at or dt.datetime.fromisoformat(bag.hang), second, bag.rate_ml_per_h,
        bag.infused_ml, True, True))
