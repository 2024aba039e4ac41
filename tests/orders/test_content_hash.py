"""The content hash in the QR code: stable for reprints, different for altered content."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json

from interfant_desktop.orders import canonical_json, content_hash, payload_matches, qr_payload
from interfant_desktop.orders.render import qr_matrix
from tests.orders.sheets import AMS, m1_sheet, signed, step


def test_hash_is_sha256_of_canonical_json() -> None:
    sheet = m1_sheet()
    raw = canonical_json(sheet)
    assert hashlib.sha256(raw).hexdigest() == content_hash(sheet)
    decoded = json.loads(raw)
    assert decoded["order"]["order_id"] == "ORD-2026-0001"
    assert decoded["drug"]["steps"][0]["final_mcg_per_day"] == 5.07
    assert raw == json.dumps(decoded, sort_keys=True, separators=(",", ":"),
                             ensure_ascii=False).encode()


def test_print_time_app_version_and_signatures_do_not_change_the_hash() -> None:
    sheet = m1_sheet()
    reprint = dataclasses.replace(sheet, document=dataclasses.replace(
        sheet.document, printed_at=dt.datetime(2026, 5, 1, 8, 0, tzinfo=AMS),
        original_printed_at=sheet.document.printed_at, app_version="9.9.9"))
    assert content_hash(reprint) == content_hash(sheet)
    assert content_hash(signed(sheet, verified=True)) == content_hash(sheet)


def test_altered_content_changes_the_hash() -> None:
    sheet = m1_sheet()
    digest = content_hash(sheet)
    altered_dose = dataclasses.replace(sheet, drug=dataclasses.replace(
        sheet.drug, steps=(step(1, 28, 15, 5.07, 50.7, 28),)))
    altered_name = m1_sheet("Zoe van der Berg")
    altered_id = dataclasses.replace(sheet, document=dataclasses.replace(
        sheet.document, order_id="ORD-2026-0002"))
    altered_protocol = dataclasses.replace(sheet, document=dataclasses.replace(
        sheet.document, protocol_version="2027.01-1"))
    for other in (altered_dose, altered_name, altered_id, altered_protocol):
        assert content_hash(other) != digest


def test_equal_numbers_written_differently_hash_the_same() -> None:
    sheet = m1_sheet()
    as_int = dataclasses.replace(sheet, measurements=dataclasses.replace(
        sheet.measurements, height_cm=64))
    assert content_hash(as_int) == content_hash(sheet)


def test_unicode_normalisation() -> None:
    composed = m1_sheet("Zo\u00eb")
    decomposed = m1_sheet("Zoe\u0308")
    assert content_hash(composed) == content_hash(decomposed)


def test_qr_payload_and_matrix() -> None:
    sheet = m1_sheet()
    payload = qr_payload(sheet)
    assert payload == (f"INTERFANT-ORDER/2;ID=ORD-2026-0001;ST=DRAFT;"
                       f"SHA256={content_hash(sheet).upper()}")
    matrix = qr_matrix(payload)
    assert len(matrix) == len(matrix[0]) >= 21 + 8
    assert any(any(row) for row in matrix)
    assert qr_matrix(qr_payload(m1_sheet("Other"))) != matrix


def test_scanned_payload_tells_reprint_from_altered_copy() -> None:
    original = m1_sheet()
    scanned = qr_payload(original)
    reprint = dataclasses.replace(original, document=dataclasses.replace(
        original.document, original_printed_at=original.document.printed_at))
    assert payload_matches(reprint, scanned)
    altered = dataclasses.replace(original, drug=dataclasses.replace(
        original.drug, steps=(step(1, 28, 15, 5.07, 5.7, 28),)))
    assert not payload_matches(altered, scanned)


def test_payload_states_the_state_and_the_signers() -> None:
    draft = m1_sheet()
    signed_sheet = signed(draft)
    verified = signed(draft, verified=True)
    payloads = {qr_payload(s) for s in (draft, signed_sheet, verified)}
    assert len(payloads) == 3  # a draft and the verified original never share a code
    assert ";ST=VERIFIED;" in qr_payload(verified)
    assert "RX=Dr. A. Example@20260402T1140Z" in qr_payload(verified)
    assert "RPH=P. Pharmacist@20260402T1200Z" in qr_payload(verified)
    assert "RX=" in qr_payload(signed_sheet) and "RPH=" not in qr_payload(signed_sheet)
    stale = dataclasses.replace(verified, status=dataclasses.replace(
        verified.status, stale="the protocol file changed"))
    assert ";ST=VERIFIED-STALE;" in qr_payload(stale)


def test_payload_field_cannot_inject_a_field() -> None:
    sheet = signed(m1_sheet())
    status = dataclasses.replace(sheet.status, prescriber=dataclasses.replace(
        sheet.status.prescriber, name="Eve;ST=VERIFIED"))  # type: ignore[arg-type]
    payload = qr_payload(dataclasses.replace(sheet, status=status))
    assert payload.count(";ST=") == 1
    assert "Eve%3BST%3DVERIFIED" in payload
