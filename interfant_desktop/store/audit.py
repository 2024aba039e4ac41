"""The audit trail: append-only, hash-chained events.

Each event's ``hash`` is SHA-256 over a canonical JSON of its content (sequence
number, time, user, action, entity, field, old and new value, reason) and the
previous event's hash. ``audit_head`` holds the last sequence number and hash.
Changing any stored field, removing an event (in the middle or at the end) or
inserting one breaks the chain, and :func:`verify_chain` says where.

:func:`append_event` must be called inside the transaction that makes the change
it records, so the change and its event are committed together or not at all.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from interfant_desktop.store.models import AuditEvent, AuditHead, utc_now

GENESIS_HASH = "0" * 64


def encode_value(value: Any) -> str | None:
    """Old/new values are stored as JSON text (None stays None: "no value")."""
    if value is None:
        return None
    if isinstance(value, dt.date | dt.datetime):
        value = value.isoformat()
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def event_hash(event: AuditEvent, prev_hash: str) -> str:
    """The hash of one event's content chained to ``prev_hash``."""
    content = {
        "seq": event.seq,
        "at": event.at.astimezone(dt.UTC).isoformat(timespec="microseconds"),
        "user": event.username, "action": event.action, "entity": event.entity,
        "entity_key": event.entity_key, "study_id": event.study_id, "field": event.field,
        "old": event.old_value, "new": event.new_value, "reason": event.reason,
        "prev": prev_hash,
    }
    canonical = json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _lock_head(session: Session) -> AuditHead:
    """The chain head, locked for this transaction (PostgreSQL row lock; SQLite's
    BEGIN IMMEDIATE already holds the database write lock)."""
    head = session.execute(
        select(AuditHead).where(AuditHead.id == 1).with_for_update()
    ).scalar_one_or_none()
    if head is None:
        head = AuditHead(id=1, last_seq=0, last_hash=GENESIS_HASH)
        session.add(head)
        session.flush()
    return head


def append_event(session: Session, *, username: str, action: str, entity: str,
                 entity_key: str | None = None, study_id: str | None = None,
                 field: str | None = None, old: Any = None, new: Any = None,
                 reason: str | None = None) -> AuditEvent:
    """Add one event at the end of the chain (in the caller's transaction)."""
    head = _lock_head(session)
    event = AuditEvent(
        seq=head.last_seq + 1, at=utc_now(), username=username, action=action, entity=entity,
        entity_key=entity_key, study_id=study_id, field=field, old_value=encode_value(old),
        new_value=encode_value(new), reason=reason, prev_hash=head.last_hash,
    )
    event.hash = event_hash(event, head.last_hash)
    session.add(event)
    head.last_seq, head.last_hash = event.seq, event.hash
    session.flush()
    return event


@dataclass(frozen=True)
class ChainReport:
    """Result of :func:`verify_chain`: ``ok`` and, if not, the problems found."""

    events: int
    problems: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.problems


def _events(session: Session) -> Iterator[AuditEvent]:
    yield from session.execute(
        select(AuditEvent).order_by(AuditEvent.seq).execution_options(yield_per=2000)
    ).scalars()


def verify_chain(session: Session, max_problems: int = 20) -> ChainReport:
    """Recompute every hash and link; report changed, removed or inserted events."""
    problems: list[str] = []
    prev_hash, expected_seq, count = GENESIS_HASH, 1, 0
    for event in _events(session):
        count += 1
        if event.seq != expected_seq:
            problems.append(f"events {expected_seq}–{event.seq - 1} are missing")
        if event.prev_hash != prev_hash:
            problems.append(f"event {event.seq} does not follow the event before it")
        if event_hash(event, event.prev_hash) != event.hash:
            problems.append(f"event {event.seq} was changed after it was recorded")
        prev_hash, expected_seq = event.hash, event.seq + 1
        if len(problems) >= max_problems:
            break
    head = session.get(AuditHead, 1)
    last_seq = expected_seq - 1
    if head is None:
        if count:
            problems.append("the chain head is missing")
    elif len(problems) < max_problems and (head.last_seq != last_seq
                                           or head.last_hash != prev_hash):
        problems.append(f"the chain ends at event {last_seq} but should end at event "
                        f"{head.last_seq}: events were removed or the head was changed")
    return ChainReport(count, tuple(problems))

