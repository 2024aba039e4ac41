"""The fingerprint of an order's clinical content, printed in the QR code.

The hash covers everything a nurse or pharmacist acts on (patient, doses, bag,
premedication, monitoring, rules, order ID and protocol version) and leaves out
what legitimately differs between prints of the same order: the print time, the
reprint marking, the app version and the signature status. So a reprint carries
the same hash as the original, and a copy whose content was altered does not. The QR
payload adds the order's state and signers to the hash (see :func:`qr_payload`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import unicodedata
import urllib.parse
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # (annotations only: the model loads with the first sheet)
    from interfant_desktop.orders.model import DocumentInfo, OrderSheet

#: Version of the canonical form; part of the hashed text so a future change is explicit.
CANONICAL_FORMAT = "interfant-order-content/1"


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, float) and value.is_integer():
        return int(value)  # 5.0 and 5 are the same dose
    return value


def _covered(content: dict[str, Any], document: DocumentInfo) -> dict[str, Any]:
    """What the hash covers: the sheet's ``content`` (its fields as plain values, without
    ``document`` and ``status``), the order ID and the protocol, as plain JSON values."""
    data = {key: value for key, value in content.items() if key not in ("document", "status")}
    data["order"] = {
        "order_id": document.order_id,
        "protocol_name": document.protocol_name,
        "protocol_version": document.protocol_version,
    }
    data["format"] = CANONICAL_FORMAT
    plain: dict[str, Any] = _plain(data)
    return plain


def clinical_content(sheet: OrderSheet) -> dict[str, Any]:
    """The part of the sheet that the hash covers, as plain JSON values."""
    return _covered(dataclasses.asdict(sheet), sheet.document)


def _canonical(covered: dict[str, Any]) -> bytes:
    text = json.dumps(covered, sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                      allow_nan=False)
    return text.encode("utf-8")


def canonical_json(sheet: OrderSheet) -> bytes:
    """Canonical JSON (sorted keys, no spaces, UTF-8, NFC) of the clinical content."""
    return _canonical(clinical_content(sheet))


def content_hash(sheet: OrderSheet) -> str:
    """SHA-256 (hex) of :func:`canonical_json`: equal for reprints, different if altered."""
    return hashlib.sha256(canonical_json(sheet)).hexdigest()


def stored_content_hash(content: dict[str, Any], document: DocumentInfo) -> str:
    """The :func:`content_hash` of the sheet stored as ``content`` (its fields as plain JSON
    values, as the order service stores them), from what was stored: a field added to
    the sheet since that order was stored takes its default when the sheet is rebuilt for
    a reprint, but is not part of what was hashed and printed then, so it stays out. For
    a sheet stored by this release the two hashes are the same."""
    return hashlib.sha256(_canonical(_covered(content, document))).hexdigest()


def _field(text: str) -> str:
    """A payload field value: ``;``, ``=``, ``@`` and ``%`` percent-encoded."""
    return urllib.parse.quote(unicodedata.normalize("NFC", text), safe=" ()-._,'/:")


def qr_payload(sheet: OrderSheet, digest: str | None = None) -> str:
    """The text carried by the QR code: the order ID, its state (``DRAFT``, ``SIGNED``,
    ``VERIFIED``; ``-STALE`` when it was made from data that changed), the content hash
    and each signature present (role, signer, UTC time), so a draft and the verified
    original never carry the same code. The signers are who signed in the app; the
    cryptographic signatures join this payload here when the order is signed with keys.
    ``digest`` is the sheet's :func:`content_hash` when the caller has it already.
    """
    status = sheet.status
    state = status.state.upper() + ("-STALE" if status.stale else "") + \
        ("-HOLD" if status.hold else "") + ("-ENDED" if status.ended else "")
    parts = ["INTERFANT-ORDER/2", f"ID={_field(sheet.document.order_id)}", f"ST={state}",
             f"SHA256={(digest or content_hash(sheet)).upper()}"]
    for role, signed in (("RX", status.prescriber), ("RPH", status.pharmacist)):
        if signed is not None:
            when = signed.at.astimezone(dt.UTC).strftime("%Y%m%dT%H%MZ")
            parts.append(f"{role}={_field(signed.user_id or signed.name)}@{when}")
    return ";".join(parts)


def payload_matches(sheet: OrderSheet, payload: str) -> bool:
    """True when a scanned QR ``payload`` belongs to this order with unchanged content.

    A reprint of the same order matches; a sheet whose clinical content was altered,
    or another order, does not.
    """
    return payload.strip() == qr_payload(sheet)
