"""Orders started from the engine: measurements, warnings, sign, blinded verification,
stale orders (data and protocol file), and the printed sheet read back from the PDF.

Every test runs on SQLite and on PostgreSQL (the ``store`` fixture)."""

from __future__ import annotations

import copy
import datetime as dt
import json
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from interfant_desktop.orders.render import WATERMARK, fmt_time
from interfant_desktop.paths import resource
from interfant_desktop.protocol import load_protocol
from interfant_desktop.protocol.protocol_file import parse_protocol
from interfant_desktop.services import _common, clinical, order_workflow, patients
from interfant_desktop.services.clinical import CycleMeasurements
from interfant_desktop.services.errors import ConflictError, InputError, PermissionDenied
from interfant_desktop.services.order_workflow import (
    OrderRefused,
    VerificationMismatch,
    WarningsNotConfirmed,
)
from interfant_desktop.services.permissions import CurrentUser, Permission
from interfant_desktop.services.store_access import Store
from interfant_desktop.store.models import AuditEvent, OrderPrint, User
from tests.conftest import shared_case_files
from tests.order_helpers import ensure_allergies
from tests.orders.pdftext import all_text, page_texts, rotated_texts
from tests.store.fixtures import PASSWORD, fictitious_case, load_case

AMS = ZoneInfo("Europe/Amsterdam")
FIRST_PRINT = dt.datetime(2026, 5, 23, 9, 30, tzinfo=AMS)
#: 5.1 kg: the 48-hour bag keeps the line's fluid (23.53 mL/kg/day) under the site limit (D13).
MEASURED = {"weight_date": "2026-05-22", "height_date": "2026-05-22", "start_time": "10:00",
            "bag_hours": 48}


def squash(text: str) -> str:
    return " ".join(text.split())


def _shared(name: str, study_id: str) -> dict[str, Any]:
    path = next(p for p in shared_case_files() if p.name.startswith(name))
    data = load_case(path)
    data["patient"].update({"study_id": study_id, "name": "Søren Fictitious",
                            "hospital_number": f"H-{study_id}"})
    return data


def _names(store: Store) -> None:
    with store.transaction() as session:
        for user in session.execute(select(User)).scalars():
            user.full_name = {"doc": "Dr Fictitious Vos", "doc2": "Dr Fictitious Ito",
                              "pharma": "Pharmacist Fictitious Olsen"}.get(user.username)


def _start(store: Store, user: CurrentUser, study_id: str, cycle: int = 1,
           weight_kg: float = 5.1, height_cm: float = 58.0,
           **extra: Any) -> order_workflow.OrderView:
    if user.can(Permission.EDIT_CLINICAL):
        ensure_allergies(store, user, study_id)  # a signed order needs the allergy status
    record = patients.open_patient(store, user, study_id)
    args: dict[str, Any] = {**MEASURED, **extra}
    return order_workflow.start_order(store, user, study_id, record.version, cycle,
                                      weight_kg=weight_kg, height_cm=height_cm,
                                      **args)


def _signed(store: Store, users: dict[str, CurrentUser],
            study_id: str = "S-1") -> order_workflow.OrderView:
    patients.import_case(store, users["doc"], fictitious_case(study_id))
    draft = _start(store, users["doc"], study_id)
    return order_workflow.sign_order(store, users["doc"], draft.id, draft.version, password=PASSWORD)


def _events(store: Store, action: str, order_id: int) -> list[AuditEvent]:
    with store.transaction() as session:
        return list(session.execute(select(AuditEvent).where(
            AuditEvent.action == action, AuditEvent.entity_key == str(order_id))).scalars())


def test_the_draft_stores_the_complete_order_context(store: Store,
                                                     users: dict[str, CurrentUser]) -> None:
    patients.import_case(store, users["doc"], fictitious_case("S-1"))
    order = _start(store, users["doc"], "S-1")
    c = order.content
    assert order.started and order.status == "draft"
    assert order.content_hash == order_workflow.context_hash(c)
    protocol = load_protocol()
    assert c["protocol"] == {"name": protocol.name, "version": protocol.version,
                             "sha256": protocol.sha256}
    assert c["patient"] == {"study_id": "S-1", "name": "Zoë van der Berg",
                            "hospital_number": "0048213", "date_of_birth": "2026-02-01"}
    assert c["order"]["bsa_m2"] == 0.287 and c["marrow"] == "M1"
    assert [s["dose_mcg_per_day"] for s in c["order"]["steps"]] == [4.31]
    assert c["risk"]["current"] == "HR" and c["risk"]["reasons"]
    assert c["eligibility"]["status"] == "eligible"
    assert c["decision"]["id"] == "blinatumomab_1" and c["decision"]["value"] is True
    assert c["decision"]["reasons"][0]["rule"] == "R-B-CHECK"
    assert c["sheet"]["measurements"]["weight_date"] == "2026-05-22"
    assert c["confirmed_warnings"] == []
    # the measurements went through record_measurements, audited
    case = patients.open_patient(store, users["doc"], "S-1").case_json
    assert case["blinatumomab"][0]["weight_date"] == "2026-05-22"
    with store.transaction() as session:
        changes = session.execute(select(AuditEvent).where(
            AuditEvent.field == "blinatumomab[0].weight_date")).scalars().all()
    assert [e.action for e in changes] == ["change"]


def test_warnings_must_be_confirmed(store: Store, users: dict[str, CurrentUser]) -> None:
    patients.import_case(store, users["doc"], fictitious_case("S-2"))
    old: dict[str, Any] = {"weight_date": "2026-05-10"}  # 14 days before the start
    with pytest.raises(WarningsNotConfirmed, match="weight was measured 14 days before") as exc:
        _start(store, users["doc"], "S-2", **old)
    assert patients.open_patient(store, users["doc"], "S-2").case_json["blinatumomab"][0].get(
        "weight_date") is None  # nothing recorded when refused
    order = _start(store, users["doc"], "S-2", confirm_warnings=exc.value.warnings, **old)
    assert order.content["confirmed_warnings"] == list(exc.value.warnings)
    sheet = squash(all_text(order_workflow.preview_order_pdf(store, users["doc"], order.id).pdf))
    assert "14 days before the cycle start" in sheet
    assert "confirmed by the prescriber at the start of the order" in sheet
    # weight change > 10 % since cycle 1 (case 06 gives cycle 2; cycle 1 weighed 7.1 kg)
    patients.import_case(store, users["doc"], _shared("06-", "S-3"))
    cycle2: dict[str, Any] = {"start_date": "2026-07-01", "weight_date": "2026-06-29",
              "height_date": "2026-06-29"}
    with pytest.raises(WarningsNotConfirmed, match=r"Weight changed \+19.7 % since cycle 1"):
        _start(store, users["doc"], "S-3", 2, weight_kg=8.5, height_cm=70, **cycle2)


def test_an_impossible_order_is_refused_with_one_reason(store: Store,
                                                        users: dict[str, CurrentUser]) -> None:
    patients.import_case(store, users["doc"], fictitious_case("S-4"))
    with pytest.raises(OrderRefused, match="blinatumomab cycle 2 is not indicated"):
        _start(store, users["doc"], "S-4", 2, start_date="2026-07-01")
    patients.import_case(store, users["doc"], _shared("04-", "S-5"))
    with pytest.raises(OrderRefused, match="not eligible for Interfant-21"):
        _start(store, users["doc"], "S-5")
    with pytest.raises(PermissionDenied):
        _start(store, users["nurse"], "S-4")


def test_sign_and_verify_need_two_people_and_a_nurse_cannot_sign(
        store: Store, users: dict[str, CurrentUser]) -> None:
    patients.import_case(store, users["doc"], fictitious_case("S-6"))
    draft = _start(store, users["doc"], "S-6")
    with pytest.raises(PermissionDenied):
        order_workflow.sign_order(store, users["nurse"], draft.id, draft.version, password=PASSWORD)
    with pytest.raises(PermissionDenied):
        order_workflow.sign_order(store, users["pharma"], draft.id, draft.version, password=PASSWORD)
    signed = order_workflow.sign_order(store, users["doc"], draft.id, draft.version, password=PASSWORD)
    with pytest.raises(PermissionDenied, match="may not also verify"):
        order_workflow.verify_order(store, users["doc"], signed.id, signed.version,
                                    weight_kg=5.1, height_cm=58, password=PASSWORD)
    with pytest.raises(PermissionDenied):
        order_workflow.verify_order(store, users["nurse"], signed.id, signed.version,
                                    weight_kg=5.1, height_cm=58, password=PASSWORD)
    verified = order_workflow.verify_order(store, users["doc2"], signed.id, signed.version,
                                           weight_kg=5.1, height_cm=58, password=PASSWORD)
    assert (verified.status, verified.prescriber, verified.verifier) == \
        ("verified", "doc", "doc2")


def test_blinded_reentry_mismatch_blocks_until_it_matches(
        store: Store, users: dict[str, CurrentUser]) -> None:
    signed = _signed(store, users, "S-7")
    task = order_workflow.verification_task(store, users["pharma"], signed.id)
    # (the signing time is left out: its digits can contain "5.1" or "58" by chance)
    hidden = json.dumps({k: v for k, v in task.__dict__.items() if k != "signed_at"},
                        default=str)
    assert "5.1" not in hidden and "58" not in hidden and "0.287" not in hidden
    assert (task.study_id, task.cycle, task.prescriber, task.version) == \
        ("S-7", 1, "doc", signed.version)
    with pytest.raises(VerificationMismatch) as exc:
        order_workflow.verify_order(store, users["pharma"], signed.id, signed.version,
                                    weight_kg=6.1, height_cm=58, password=PASSWORD)
    message = str(exc.value)
    assert "NOT verified" in message and "BSA: your entry gives 0.313 m² (3 decimals)" in message
    assert "days 1–28: your entry gives 4.7 mcg/day" in message
    assert "dexamethasone: your entry gives" in message
    assert "0.287" not in message and "4.31" not in message  # the signed values stay hidden
    failed = _events(store, "verify_failed", signed.id)
    assert len(failed) == 1 and failed[0].username == "pharma"
    still = order_workflow.get_order(store, users["pharma"], signed.id)
    assert still.status == "signed" and still.verifier is None
    with pytest.raises(InputError, match="outside the plausible range"):  # inches
        order_workflow.verify_order(store, users["pharma"], signed.id, still.version,
                                    weight_kg=5.1, height_cm=22.8, password=PASSWORD)
    with pytest.raises(VerificationMismatch, match="BSA"):
        order_workflow.verify_order(store, users["pharma"], signed.id, still.version,
                                    weight_kg=5.1, height_cm=60, password=PASSWORD)
    verified = order_workflow.verify_order(store, users["pharma"], signed.id, still.version,
                                           weight_kg=5.1, height_cm=58, password=PASSWORD)
    assert (verified.status, verified.verifier) == ("verified", "pharma")
    assert len(_events(store, "verify_failed", signed.id)) == 2
    assert "blinded re-entry matched" in (_events(store, "verify", signed.id)[0].reason or "")


def test_a_weight_change_makes_the_order_stale(store: Store,
                                               users: dict[str, CurrentUser]) -> None:
    signed = _signed(store, users, "S-8")
    record = patients.open_patient(store, users["doc"], "S-8")
    clinical.record_measurements(store, users["doc"], "S-8", record.version,
                                 CycleMeasurements(1, weight_kg=5.6, height_cm=58), reason="weighed again")
    stale = order_workflow.get_order(store, users["pharma"], signed.id)
    assert stale.stale and stale.stale_reason == "the patient's data changed since it was made"
    with pytest.raises(ConflictError, match="make a new order"):
        order_workflow.verify_order(store, users["pharma"], signed.id, stale.version,
                                    weight_kg=5.1, height_cm=58, password=PASSWORD)
    preview = order_workflow.preview_order_pdf(store, users["doc"], signed.id)
    assert not preview.valid and "make a new" in squash(all_text(preview.pdf))


def _changed_protocol(version: str | None, note: str) -> Any:
    data = json.loads(resource("protocol", "interfant-21.protocol.json").read_text(
        encoding="utf-8"))
    data = copy.deepcopy(data)
    if version:
        data["version"] = version
    data["rules"]["R-BSA"]["text"] += f" ({note})"
    return parse_protocol(data, sha256="f" * 64)


@pytest.mark.parametrize("version", ["2027.01-1", None])
def test_a_protocol_file_update_makes_the_order_stale(
        store: Store, users: dict[str, CurrentUser], monkeypatch: pytest.MonkeyPatch,
        version: str | None) -> None:
    signed = _signed(store, users, "S-9")
    verified = order_workflow.verify_order(store, users["pharma"], signed.id, signed.version,
                                           weight_kg=5.1, height_cm=58, password=PASSWORD)
    monkeypatch.setattr(_common, "protocol", lambda: _changed_protocol(version, "amended"))
    with pytest.raises(ConflictError, match="stale: the protocol file changed"):
        order_workflow.print_order(store, users["nurse"], verified.id, verified.version, password=PASSWORD)
    loaded = order_workflow.get_order(store, users["nurse"], verified.id)
    assert loaded.stale and "the protocol file changed" in (loaded.stale_reason or "")
    assert (version or "f" * 12) in (loaded.stale_reason or "")
    assert [e.reason for e in _events(store, "mark_stale", verified.id)] == \
        [loaded.stale_reason]
    with pytest.raises(ConflictError, match="stale"):
        order_workflow.print_order(store, users["nurse"], loaded.id, loaded.version, password=PASSWORD)
    with store.transaction() as session:
        assert session.execute(select(OrderPrint)).first() is None


def test_print_from_stored_content_then_reprint_says_copy(
        store: Store, users: dict[str, CurrentUser]) -> None:
    _names(store)
    signed = _signed(store, users, "S-10")
    draft_preview = order_workflow.preview_order_pdf(store, users["nurse"], signed.id)
    assert not draft_preview.valid
    assert {r.replace(" ", "") for r in rotated_texts(draft_preview.pdf)} == \
        {WATERMARK.replace(" ", "")}  # on every page
    with pytest.raises(ConflictError, match="only a verified order can be printed"):
        order_workflow.print_order(store, users["nurse"], signed.id, signed.version, password=PASSWORD)
    verified = order_workflow.verify_order(store, users["pharma"], signed.id, signed.version,
                                           weight_kg=5.1, height_cm=58, password=PASSWORD)
    # the stored content is printed, not a new evaluation of the (changed) engine input
    first = order_workflow.print_order(store, users["nurse"], verified.id, verified.version,
                                       now=FIRST_PRINT, password=PASSWORD)
    assert first.valid and not first.copy and set(rotated_texts(first.pdf)) == {""}
    text = squash(all_text(first.pdf))
    for phrase in ("Zoë van der Berg", "MRN 0048213", "S-10", verified.order_code,
                   "VERIFIED", "Dr Fictitious Vos (doc)", "Pharmacist Fictitious Olsen (pharma)",
                   "printed 2026-05-23 09:30 CEST (UTC+02:00)", "0.287 m²", "4.31 mcg/day",
                   "5.1 kg", "58 cm", "2026-05-22", "Interfant-21", "Mosteller",
                   "No known allergies"):
        assert phrase in text, phrase
    assert "µg" not in text and "DRAFT" not in text and "COPY" not in text
    assert "MRN MRN" not in text  # the number is stored alone; the sheet names it once
    assert "Bag label sheet" in text and "ST=VERIFIED" not in text
    again = order_workflow.print_order(store, users["pharma"], verified.id,
                                       first.order.version,
                                       now=dt.datetime(2026, 5, 24, 7, 0, tzinfo=AMS), password=PASSWORD)
    assert again.copy and again.order.status == "printed" and len(again.order.prints) == 2
    original = fmt_time(FIRST_PRINT.astimezone())
    for page in page_texts(again.pdf):  # COPY on every page of a reprint
        assert f"COPY — reprint; original printed {original}" in squash(page)
    with store.transaction() as session:
        digests = [p.pdf_sha256 for p in session.execute(
            select(OrderPrint).order_by(OrderPrint.id)).scalars()]
    assert digests == [first.sha256, again.sha256] and first.sha256 != again.sha256
    assert [e.reason for e in _events(store, "print", verified.id)] == [None, "reprint (COPY)"]


def test_step_dosing_and_cycle_two_print_the_engine_numbers(
        store: Store, users: dict[str, CurrentUser]) -> None:
    patients.import_case(store, users["doc"], _shared("09-", "S-11"))  # marrow M2
    m2 = _start(store, users["doc"], "S-11", weight_kg=6.2, height_cm=63,
                weight_date="2026-06-02", height_date="2026-06-02")
    assert m2.content["marrow"] == "M2"
    text = squash(all_text(order_workflow.preview_order_pdf(store, users["doc"], m2.id).pdf))
    for phrase in ("0.329 m²", "1.65 mcg/day", "4.94 mcg/day", "M2", "R-DOSE-C1-STEP"):
        assert phrase in text, phrase
    patients.import_case(store, users["doc"], _shared("06-", "S-12"))
    cycle2 = _start(store, users["doc"], "S-12", 2, weight_kg=7.6, height_cm=70,
                    start_date="2026-07-01", weight_date="2026-06-29",
                    height_date="2026-06-29")
    signed = order_workflow.sign_order(store, users["doc"], cycle2.id, cycle2.version, password=PASSWORD)
    verified = order_workflow.verify_order(store, users["pharma"], signed.id, signed.version,
                                           weight_kg=7.6, height_cm=70, password=PASSWORD)
    sheet = order_workflow.print_order(store, users["pharma"], verified.id, verified.version,
                                       password=PASSWORD)
    text = squash(all_text(sheet.pdf))
    bsa = cycle2.content["order"]["bsa_m2"]
    dose = cycle2.content["order"]["steps"][0]["dose_mcg_per_day"]
    for phrase in ("cycle 2", f"{bsa:g} m²", f"{dose:g} mcg/day", "2026-07-01", "2026-07-28"):
        assert phrase in text, phrase
