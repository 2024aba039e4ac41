"""Reading and verifying the audit trail.

API: ``patient_history(store, user, study_id) -> list[AuditEntry]`` (oldest
first; old/new values decoded from JSON), ``verify_audit(store, user) -> ChainReport``
(``.ok``, ``.events``, ``.problems``: every event changed, removed, inserted, re-signed
or backdated by hand, every anchor the database no longer reaches, every patient,
order or user whose rows were changed without an event), ``audit_anchor(store) ->
Anchor`` (the chain head; ``.short`` is printed on orders), ``anchors_in_file(path)``
(the anchors a backup or an export carries, for ``verify_audit(..., anchor_files)``).
"""

from __future__ import annotations

import base64
import datetime as dt
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from interfant_desktop.exports.anchor import ChainHead, chain_head_in_bundle, chain_head_in_odm
from interfant_desktop.services._common import load_patient
from interfant_desktop.services.accounts import checked_transaction
from interfant_desktop.services.blinding import hidden_cycles, reveals_measurements
from interfant_desktop.services.errors import InputError
from interfant_desktop.services.permissions import CurrentUser, Permission, require
from interfant_desktop.services.signing_keys import check_key
from interfant_desktop.services.store_access import Store
from interfant_desktop.store.audit import (
    ANCHOR_FILE,
    ANCHOR_FORMAT,
    EXPORT_ANCHOR_FILE,
    Anchor,
    ChainReport,
    UserKey,
    chain_anchor,
    read_anchors,
    verify_chain,
)
from interfant_desktop.store.audit_signing import key_id_of
from interfant_desktop.store.models import AuditEvent, SigningKey
from interfant_desktop.store.signing import fingerprint


@dataclass(frozen=True)
class AuditEntry:
    seq: int
    at: dt.datetime
    username: str
    action: str
    entity: str
    entity_key: str | None
    field: str | None
    old_value: Any
    new_value: Any
    reason: str | None
    #: the values are left out: they would show a blinded verifier the measurements
    hidden: bool = False


def _decode(value: str | None) -> Any:
    return None if value is None else json.loads(value)


def patient_history(store: Store, user: CurrentUser, study_id: str) -> list[AuditEntry]:
    """Every recorded event about one patient, oldest first. For a blinded verifier the
    values of events that show a blinatumomab weight or height are left out (``hidden``)
    while an order awaits their verification; reads by others meanwhile are audited."""
    require(user, Permission.READ_AUDIT)
    with checked_transaction(store, user) as session:
        patient = load_patient(session, study_id)
        blind = bool(hidden_cycles(session, user, patient, "history"))
        events = session.execute(select(AuditEvent).where(AuditEvent.study_id == patient.study_id)
                                 .order_by(AuditEvent.seq)).scalars()
        entries = []
        for e in events:
            old, new = _decode(e.old_value), _decode(e.new_value)
            hidden = blind and reveals_measurements(e.field, old, new)
            entries.append(AuditEntry(e.seq, e.at, e.username, e.action, e.entity, e.entity_key,
                                      e.field, None if hidden else old, None if hidden else new,
                                      e.reason, hidden))
        return entries


def certified_keys(store: Store, session: Session) -> dict[str, UserKey]:
    """Every user's signing key by its audit key id, with what is wrong with its
    certificate chain (``signing_keys.check_key``), so that ``audit verify`` checks a
    user-signed event against the key the site certified for that user."""
    out: dict[str, UserKey] = {}
    for key in session.execute(select(SigningKey).order_by(SigningKey.id)).scalars():
        raw = base64.b64decode(key.public_key)
        checked = check_key(store, session, key.id)
        out[key_id_of(raw)] = UserKey(key.username, raw.hex(),
                                      checked if isinstance(checked, str) else None,
                                      fingerprint(key.public_key), key.created_at)
    return out


def _anchor(item: Any) -> Anchor:
    return Anchor(int(item["seq"]), str(item["hash"]), str(item.get("db", "")),
                  str(item.get("chain", "")), str(item.get("at", "")))


def _embedded(path: Path, read: Callable[[], ChainHead | None], what: str) -> list[Anchor]:
    """The chain head inside an ODM export or a FHIR Bundle (:mod:`interfant_desktop.exports.anchor`)."""
    try:
        head = read()
    except (KeyError, TypeError, ValueError, StopIteration):
        raise InputError(f"{path}: its audit anchor is damaged (or the file is not a whole export)") from None
    if head is None:
        raise InputError(f"{path}: holds no audit anchor ({what})")
    return [Anchor(head.seq, head.hash, head.db, head.chain, head.at)]


def anchors_in_file(path: Path) -> list[Anchor]:
    """The chain heads a backup (its header's ``anchor`` and ``anchors``), an export's
    anchor file (``interfant-audit-anchor/1``), an ODM or FHIR export itself (the head
    inside it: :mod:`interfant_desktop.exports.anchor`) or a copy of the anchor file records."""
    try:
        content = Path(path).read_bytes()
        text = content.decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot be read ({exc.__class__.__name__})") from None
    if text.lstrip().startswith("<"):
        return _embedded(path, lambda: chain_head_in_odm(content), "an ODM file without its audit record")
    try:
        document = json.loads(text)
    except ValueError:
        document = None  # one anchor a line: a copy of the data folder's anchor file
    try:
        if isinstance(document, dict) and document.get("format") == ANCHOR_FORMAT:
            return [_anchor(document["anchor"])]
        if isinstance(document, dict) and str(document.get("format", "")).startswith(
                "interfant-backup/"):
            header = document["header"]
            return [_anchor(header["anchor"]), *(_anchor(a) for a in header.get("anchors", []))]
    except (KeyError, TypeError, ValueError):
        raise InputError(f"{path}: its audit anchor is damaged") from None
    if isinstance(document, dict) and document.get("resourceType") == "Bundle":
        bundle = document
        return _embedded(path, lambda: chain_head_in_bundle(bundle), "a FHIR Bundle without its Provenance")
    found = read_anchors(Path(path))
    if not found:
        raise InputError(f"{path}: holds no audit anchor (give a backup, an ODM or FHIR export, "
                         f"an export's {EXPORT_ANCHOR_FILE} or a copy of {ANCHOR_FILE})")
    return found


def verify_audit(store: Store, user: CurrentUser,
                 anchor_files: Sequence[Path] = ()) -> ChainReport:
    """Check the whole trail (after checking that the file is not damaged): hashes,
    signatures (a user's against the key certified for them), times, anchors (this
    workstation's, and those of ``anchor_files``: backups and exports kept elsewhere),
    and the rows it vouches for."""
    require(user, Permission.VERIFY_AUDIT)
    extra = [a for path in anchor_files for a in anchors_in_file(path)]
    store.require_intact()  # a damaged file first: its chain cannot be judged
    with checked_transaction(store, user) as session:
        return verify_chain(session, anchors=[*read_anchors(), *extra],
                            user_keys=certified_keys(store, session))


def audit_anchor(store: Store) -> Anchor:
    """The audit chain head now, for printing (``.short``) on an order sheet."""
    with store.sessions() as session:
        return chain_anchor(session)
