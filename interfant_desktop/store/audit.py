"""The audit trail: append-only, hash-chained, signed events, anchored outside the database.

Each event's ``hash`` is SHA-256 over a canonical JSON of its content (sequence
number, time, user, workstation, action, entity, field, old and new value, reason,
the digests of the rows its transaction left behind, the signer's key id) and the
previous event's hash; ``signature`` is the signer's Ed25519 signature of that hash
(see :mod:`interfant_desktop.store.audit_signing`). ``audit_head`` holds the last
sequence number, hash and time.

:func:`append_event` must be called inside the transaction that makes the change it
records. The events of a transaction are chained and signed when it commits
(:func:`_seal`, a ``before_commit`` listener): by then every row change is flushed,
so the last event of the transaction can carry the digest of every patient, order
and user the transaction touched (``state``). :func:`verify_chain` recomputes those
digests from the rows as they are now, so a row changed in the database without an
event is found. A transaction that changes such rows without any event gets one
(``record_state``, by ``(unattributed)``), so the trail never misses a change.

Times never go back: an event is dated by the database server's clock on PostgreSQL
(``clock_timestamp()``) and by this computer's on SQLite, and refused when that
clock is behind the last event by more than :data:`CLOCK_TOLERANCE`.

Whoever holds the site key can sign events, but not as a user with a certified key of
their own: from the event that certified it, that user's events must carry it
(:class:`_KeysInForce`), so a trail rewritten and signed again with the site key is found
even without the anchors.

After each commit the new chain head is appended to the anchor file in the data
folder (``audit-anchors.jsonl``, append-only): ``verify_chain`` reports any anchor
the database no longer reaches (the tail removed with the head fixed, the trail
wiped). :func:`chain_anchor` gives the head's short form for printed orders.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import json
import os
import socket
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import URL, Connection, Engine, event, select, text
from sqlalchemy.orm import Session

from interfant_desktop.paths import user_data_dir
from interfant_desktop.store.audit_signing import (
    EventSigner,
    signer_for,
    site_signer,
    verify_signature,
)
from interfant_desktop.store.errors import StoreError
from interfant_desktop.store.models import AuditEvent, AuditHead, Base, utc_now

GENESIS_HASH = "0" * 64
CLOCK_TOLERANCE = dt.timedelta(seconds=2)
ANCHOR_FILE = "audit-anchors.jsonl"
ANCHOR_FORMAT = "interfant-audit-anchor/1"  # one anchor in a file of its own (exports)
EXPORT_ANCHOR_FILE = "audit-anchor.json"  # its name next to an export
UNATTRIBUTED = "(unattributed)"
SYSTEM = "(system)"
DELETED = "-"  # the digest of an entity that has no rows

# Tables whose rows the trail vouches for: table -> (entity kind, column naming the entity).
TRACKED_TABLES: dict[str, tuple[str, str]] = {
    "patients": ("patient", "id"),
    **{name: ("patient", "patient_id") for name in (
        "diagnoses", "prednisone_responses", "end_of_induction", "mrd_results",
        "blinatumomab_checklists", "blinatumomab_cycles", "eligibility_answers",
        "review_decisions", "phase_starts")},
    "orders": ("order", "id"),
    "order_prints": ("order", "order_id"),
    "users": ("user", "id"),
    # Tracked from the trail's start_tracking event on (kinds of their own, see LATE_KINDS):
    "infusion_interruptions": ("infusion", "patient_id"),
    "bag_events": ("infusion", "patient_id"),
    "toxicity_assessments": ("toxicity", "id"),
    "toxicity_decisions": ("toxicity", "assessment_id"),
    "pending_corrections": ("correction", "patient_id"),
    "entered_in_error_facts": ("correction", "patient_id"),
    "order_signatures": ("signature", "order_id"),
}
#: Entity kinds the trail vouches for from its ``start_tracking`` event on (a database
#: from before kept these rows without recording them: that event records them as found).
LATE_KINDS = ("infusion", "toxicity", "correction", "signature")

_PENDING, _TOUCHED, _ANCHOR, _HEAD, _LAST_AT = (
    "audit_pending", "audit_touched", "audit_anchor", "audit_head", "audit_last_at")


class AuditClockError(StoreError):
    """This computer's clock is behind the last audit event: nothing is recorded."""


def workstation() -> str:
    """The name this computer is recorded under (``INTERFANT_WORKSTATION`` overrides)."""
    return os.environ.get("INTERFANT_WORKSTATION") or socket.gethostname() or "unknown"


def encode_value(value: Any) -> str | None:
    """Old/new values are stored as JSON text (None stays None: "no value")."""
    if value is None:
        return None
    if isinstance(value, dt.date | dt.datetime):
        value = value.isoformat()
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _canonical(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


canonical_json = _canonical  # the one JSON form of events, anchors and states


def _iso(at: dt.datetime) -> str:
    return at.astimezone(dt.UTC).isoformat(timespec="microseconds")


def _get(event: Any, name: str) -> Any:
    return event[name] if isinstance(event, Mapping) else getattr(event, name)


def event_hash(event: Any, prev_hash: str) -> str:
    """The hash of one event (an ``AuditEvent`` or a row mapping) chained to ``prev_hash``.
    Events recorded before signing (no ``signer``) keep the original content."""
    content = {
        "seq": _get(event, "seq"), "at": _iso(_get(event, "at")),
        "user": _get(event, "username"), "action": _get(event, "action"),
        "entity": _get(event, "entity"), "entity_key": _get(event, "entity_key"),
        "study_id": _get(event, "study_id"), "field": _get(event, "field"),
        "old": _get(event, "old_value"), "new": _get(event, "new_value"),
        "reason": _get(event, "reason"), "prev": prev_hash,
    }
    if _get(event, "signer") is not None:
        content.update(workstation=_get(event, "workstation"), state=_get(event, "state"),
                       signer=_get(event, "signer"))
    return hashlib.sha256(_canonical(content).encode("utf-8")).hexdigest()


# --- anchors --------------------------------------------------------------------------------

@dataclass(frozen=True)
class Anchor:
    """A chain head seen at some time: which database, which chain, event number, hash."""

    seq: int
    hash: str
    db: str = ""
    chain: str = ""
    at: str = ""

    @property
    def short(self) -> str:
        """For printing on an order: ``audit 1234 · 3f9a0c1e7b2d``."""
        return f"audit {self.seq} · {self.hash[:12]}"

    def as_dict(self) -> dict[str, Any]:
        return {"db": self.db, "chain": self.chain, "seq": self.seq, "hash": self.hash,
                "at": self.at}


def anchor_path() -> Path:
    return user_data_dir() / ANCHOR_FILE


def database_identity(session_or_conn: Session | Connection | Engine) -> str:
    """The database, without user name or password (per-user logins reach the same one)."""
    bind = session_or_conn.get_bind() if isinstance(session_or_conn, Session) \
        else session_or_conn
    url = bind.engine.url
    anonymous = URL.create(url.drivername, host=url.host, port=url.port, database=url.database,
                           query=url.query)
    return anonymous.render_as_string(hide_password=True)


def read_anchors(path: Path | None = None) -> list[Anchor]:
    """Every anchor in the file (a damaged line is skipped: the file is evidence, not input)."""
    path = path or anchor_path()
    anchors: list[Anchor] = []
    try:
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                try:
                    item = json.loads(line)
                    anchors.append(Anchor(int(item["seq"]), str(item["hash"]),
                                          str(item.get("db", "")), str(item.get("chain", "")),
                                          str(item.get("at", ""))))
                except (ValueError, KeyError, TypeError):
                    continue
    except FileNotFoundError:
        pass
    return anchors


def _append_anchor(anchor: Anchor) -> None:
    path = anchor_path()
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    with os.fdopen(fd, "a", encoding="utf-8") as fh:
        fh.write(_canonical(anchor.as_dict()) + "\n")
        fh.flush()
        os.fsync(fh.fileno())


def anchor_at(session: Session, seq: int) -> Anchor:
    """The chain as it stood at event ``seq`` (committed), e.g. for an export made then."""
    event_ = session.get(AuditEvent, seq)
    if event_ is None:
        return chain_anchor(session)
    first = session.get(AuditEvent, 1)
    return Anchor(seq, event_.hash, database_identity(session),
                  first.hash if first is not None else "", _iso(event_.at))


def chain_anchor(session: Session) -> Anchor:
    """The current chain head (``.short`` is what an order prints)."""
    head = session.get(AuditHead, 1)
    if head is None:
        return Anchor(0, GENESIS_HASH, database_identity(session))
    first = session.get(AuditEvent, 1)
    return Anchor(head.last_seq, head.last_hash, database_identity(session),
                  first.hash if first is not None else "",
                  _iso(head.last_at) if head.last_at else "")


# --- row digests ----------------------------------------------------------------------------

def _plain(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return _iso(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _row_text(table: str, row: Mapping[Any, Any]) -> str:
    return _canonical([table, {k: _plain(v) for k, v in row.items()}])


def _digest(texts: list[str]) -> str:
    if not texts:
        return DELETED
    return hashlib.sha256("\n".join(sorted(texts)).encode("utf-8")).hexdigest()[:32]


def entity_digests(conn: Connection, entities: Iterable[str] | None = None,
                   kinds: Iterable[str] | None = None) -> dict[str, str]:
    """The digest of each entity's rows (all entities when ``entities`` is None; only
    those of ``kinds`` when given)."""
    wanted = None if entities is None else set(entities)
    only = None if kinds is None else set(kinds)
    texts: dict[str, list[str]] = defaultdict(list)
    for name, (kind, column) in TRACKED_TABLES.items():
        if only is not None and kind not in only:
            continue
        table = Base.metadata.tables[name]
        if wanted is None:
            chunks: list[list[int] | None] = [None]
        else:
            ids = sorted(int(e.split(":", 1)[1]) for e in wanted if e.startswith(kind + ":"))
            chunks = [ids[i:i + 500] for i in range(0, len(ids), 500)]
        for chunk in chunks:
            query = select(table) if chunk is None else \
                select(table).where(table.c[column].in_(chunk))
            for row in conn.execute(query).mappings():
                texts[f"{kind}:{row[column]}"].append(_row_text(name, row))
    keys = texts.keys() if wanted is None else wanted
    return {key: _digest(texts.get(key, [])) for key in keys}


def _entity_of(obj: Any) -> str | None:
    table = getattr(obj, "__tablename__", None)
    spec = TRACKED_TABLES.get(table or "")
    if spec is None:
        return None
    value = getattr(obj, spec[1], None)
    return None if value is None else f"{spec[0]}:{value}"


# --- appending ------------------------------------------------------------------------------

def _lock_head(session: Session) -> AuditHead:
    """The chain head, locked for this transaction (PostgreSQL row lock; SQLite's
    BEGIN IMMEDIATE already holds the database write lock); locked once per transaction."""
    held = session.info.get(_HEAD)
    if held is not None:
        return held  # type: ignore[no-any-return]
    head = session.execute(
        select(AuditHead).where(AuditHead.id == 1).with_for_update()
    ).scalar_one_or_none()
    if head is None:
        head = AuditHead(id=1, last_seq=0, last_hash=GENESIS_HASH)
        session.add(head)
        session.flush()
    session.info[_HEAD] = head
    return head


def _event_time(session: Session, head: AuditHead) -> dt.datetime:
    """Now, by the server's clock on PostgreSQL; never before the last event. (The head's
    ``last_at`` is written once, when the transaction's events are sealed.)"""
    if session.get_bind().dialect.name == "postgresql":
        # On the connection, not the session: no autoflush of the pending head per event.
        server: dt.datetime = session.connection().execute(
            text("SELECT clock_timestamp()")).scalar_one()
        now = server.astimezone(dt.UTC)
    else:
        now = utc_now()
    last = session.info.get(_LAST_AT) or head.last_at
    if last is not None and now < last:
        if last - now > CLOCK_TOLERANCE:
            raise AuditClockError(
                f"this computer's clock ({_iso(now)[:19]} UTC) is behind the last audit event "
                f"({_iso(last)[:19]} UTC); correct the clock — nothing was saved")
        now = last
    session.info[_LAST_AT] = now
    return now


def append_event(session: Session, *, username: str, action: str, entity: str,
                 entity_key: str | None = None, study_id: str | None = None,
                 field: str | None = None, old: Any = None, new: Any = None,
                 reason: str | None = None, state: str | None = None) -> AuditEvent:
    """Add one event at the end of the chain (in the caller's transaction). Its sequence
    number, hash and signature are set when the transaction commits. ``state`` (e.g.
    :func:`reset_state` after a restore) is the digests of rows changed by plain SQL."""
    head = _lock_head(session)
    event_ = AuditEvent(
        at=_event_time(session, head), username=username, action=action, entity=entity,
        entity_key=entity_key, study_id=study_id, field=field, old_value=encode_value(old),
        new_value=encode_value(new), reason=reason, workstation=workstation(), state=state,
    )
    session.info.setdefault(_PENDING, []).append(event_)
    return event_


_known_keys: dict[tuple[str, str], int] = {}  # (database, key id) -> seq of its add_signer


def _key_is_introduced(session: Session, key_id: str) -> bool:
    cache_key = (database_identity(session), key_id)
    seq = _known_keys.get(cache_key)
    if seq is not None:
        known = session.get(AuditEvent, seq)
        if known is not None and known.entity_key == key_id and known.action == "add_signer":
            return True
    found = session.execute(
        select(AuditEvent.seq).where(AuditEvent.action == "add_signer",
                                     AuditEvent.entity_key == key_id).limit(1)).scalar()
    if found is None:
        return False
    _known_keys[cache_key] = found
    return True


_tracking: set[str] = set()  # databases whose trail has its start_tracking event


def _tracks(new_value: str | None) -> bool:
    """Whether a trail's first event (its ``add_signer``) says it tracks every kind."""
    try:
        return bool(json.loads(new_value or "{}").get("tracks"))
    except (ValueError, TypeError, AttributeError):
        return False


def _tracking_started(session: Session) -> bool:
    database = database_identity(session)
    if database in _tracking and session.get(AuditHead, 1) is not None:
        return True
    first = session.get(AuditEvent, 1)
    found = (first is not None and _tracks(first.new_value)) or session.execute(
        select(AuditEvent.seq).where(AuditEvent.action == "start_tracking").limit(1)
    ).scalar() is not None
    if found:
        _tracking.add(database)
    return found


def _system_event(at: dt.datetime, action: str, entity: str, entity_key: str | None,
                  new: Any = None, state: str | None = None, reason: str | None = None
                  ) -> AuditEvent:
    return AuditEvent(at=at, username=SYSTEM, action=action, entity=entity,
                      entity_key=entity_key, new_value=encode_value(new), state=state,
                      reason=reason, workstation=workstation())


def reset_state(conn: Connection) -> str:
    """A ``state`` that replaces every digest: the rows as they are now, all of them."""
    return _canonical({"reset": True, "entities": entity_digests(conn)})


def _seal(session: Session) -> None:
    """Chain and sign this transaction's events; record the digests of what it touched."""
    if session.new or session.dirty or session.deleted:
        session.flush()
    pending: list[AuditEvent] = session.info.pop(_PENDING, [])
    touched: set[str] = session.info.pop(_TOUCHED, set())
    if not pending and not touched:
        session.info.pop(_HEAD, None)
        session.info.pop(_LAST_AT, None)
        return
    head = _lock_head(session)
    session.info.pop(_HEAD, None)  # the next transaction locks it again
    if not pending:
        pending.append(AuditEvent(
            at=_event_time(session, head), username=UNATTRIBUTED, action="record_state",
            entity="database", reason="rows changed without a specific audit event",
            workstation=workstation()))
    at = pending[0].at
    conn = session.connection()
    events: list[AuditEvent] = []
    site = site_signer()
    assert site is not None
    introduced: set[str] = set()

    def introduce(signer: EventSigner) -> None:
        # Every key enters the trail by an event the site key signs (the site key too).
        if signer.key_id in introduced or _key_is_introduced(session, signer.key_id):
            introduced.add(signer.key_id)
            return
        if signer.key_id != site.key_id:
            introduce(site)
        new: dict[str, Any] = {"public_key": signer.public_key_hex(), "kind": signer.kind}
        if head.last_seq == 0 and not events:  # a new trail vouches for every kind at once
            new["tracks"] = list(LATE_KINDS)
        events.append(_system_event(at, "add_signer", "signing_key", signer.key_id, new=new))
        introduced.add(signer.key_id)

    introduce(site)
    database = database_identity(session)
    last = session.get(AuditEvent, head.last_seq) if head.last_seq else None
    if last is not None and last.signer is None:  # first signed event after the upgrade
        events.append(_system_event(at, "start_signing", "audit_trail", None,
                                    new={"unsigned_events": head.last_seq},
                                    state=reset_state(conn),
                                    reason="events from here on are signed"))
    if head.last_seq and not _tracking_started(session):  # the first event after the upgrade
        found = entity_digests(conn, kinds=LATE_KINDS)
        events.append(_system_event(at, "start_tracking", "audit_trail", None,
                                    new={"kinds": list(LATE_KINDS)},
                                    state=_canonical({"entities": found}),
                                    reason="the trail vouches for these rows from here on"))
    for item in pending:
        introduce(signer_for(item.username, database))
        events.append(item)
    if touched:
        digests = entity_digests(conn, touched)
        own = json.loads(pending[-1].state) if pending[-1].state else {}
        own.setdefault("entities", {}).update(digests)
        pending[-1].state = _canonical(own)
    prev, seq = head.last_hash, head.last_seq
    for item in events:
        seq += 1
        signer = site if item.username == SYSTEM else signer_for(item.username, database)
        item.seq, item.prev_hash, item.signer = seq, prev, signer.key_id
        item.hash = event_hash(item, prev)
        item.signature = signer.sign(bytes.fromhex(item.hash)).hex()
        prev = item.hash
    session.add_all(events)
    head.last_seq, head.last_hash = seq, prev
    head.last_at = max(e.at for e in events)
    session.info.pop(_LAST_AT, None)
    session.flush()
    first = events[0] if events[0].seq == 1 else session.get(AuditEvent, 1)
    session.info[_ANCHOR] = Anchor(seq, prev, database_identity(session),
                                   first.hash if first is not None else "", _iso(utc_now()))


@event.listens_for(Session, "after_flush")
def _track_changes(session: Session, _context: Any) -> None:
    touched: set[str] | None = None
    for obj in itertools.chain(session.new, session.deleted, session.dirty):
        key = _entity_of(obj)
        if key is None or (obj in session.dirty and not session.is_modified(obj)):
            continue
        if touched is None:
            touched = session.info.setdefault(_TOUCHED, set())
        touched.add(key)


@event.listens_for(Session, "before_commit")
def _before_commit(session: Session) -> None:
    _seal(session)


@event.listens_for(Session, "after_commit")
def _after_commit(session: Session) -> None:
    anchor = session.info.pop(_ANCHOR, None)
    if anchor is not None:
        _append_anchor(anchor)


@event.listens_for(Session, "after_rollback")
def _after_rollback(session: Session) -> None:
    for key in (_PENDING, _TOUCHED, _ANCHOR, _HEAD, _LAST_AT):
        session.info.pop(key, None)


# --- verifying ------------------------------------------------------------------------------

@dataclass(frozen=True)
class ChainReport:
    """Result of :func:`verify_chain`: ``ok`` and, if not, the problems found."""

    events: int
    problems: tuple[str, ...]
    signed: int = 0
    anchors: int = 0
    entities: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems


_COLUMNS = ("seq", "at", "username", "action", "entity", "entity_key", "study_id", "field",
            "old_value", "new_value", "reason", "prev_hash", "hash", "workstation", "state",
            "signer", "signature")


def event_rows(session: Session) -> Iterator[Mapping[Any, Any]]:
    """Every event as a row mapping, in order (streamed)."""
    table = AuditEvent.__table__
    query = select(*(table.c[name] for name in _COLUMNS)).order_by(table.c.seq)
    yield from session.execute(query.execution_options(yield_per=5000)).mappings()


@dataclass(frozen=True)
class UserKey:
    """A user's signing key as the database certifies it: whose it is, its public key
    (hex), and what is wrong with its certificate chain (None: it leads to the site root);
    its fingerprint and creation time (both covered by its certificate), to find the
    event that certified it (see :class:`_KeysInForce`)."""

    username: str
    public_hex: str
    problem: str | None = None
    fingerprint: str = ""
    created_at: dt.datetime | None = None


@dataclass
class _Walk:
    """What walking the events found (see :func:`walk_events`)."""

    problems: list[str] = field(default_factory=list)
    count: int = 0
    signed: int = 0
    last_seq: int = 0
    last_hash: str = GENESIS_HASH
    first_hash: str = ""
    hashes: dict[int, str] = field(default_factory=dict)
    state: dict[str, str] = field(default_factory=dict)
    #: the kinds of :data:`LATE_KINDS` the trail's ``start_tracking`` event took on
    tracking: set[str] = field(default_factory=set)


def walk_events(rows: Iterable[Mapping[Any, Any]], trusted_key: str | None,
                max_problems: int = 20, user_keys: Mapping[str, UserKey] | None = None
                ) -> _Walk:
    """Check hashes, links, signatures, keys and times of ``rows`` (in seq order). With
    ``user_keys`` (key id -> the certified key), an event signed by a user's key must be
    signed by the acting user's certified key."""
    walk = _Walk()
    problems = walk.problems
    keys: dict[str, _Key] = {}
    reported_keys: set[str] = set()
    prev_hash, prev_at, expected = GENESIS_HASH, None, 1
    in_force = _KeysInForce(user_keys or {})
    for row in rows:
        seq = row["seq"]
        walk.count += 1
        if seq != expected:
            problems.append(f"events {expected}–{seq - 1} are missing")
        if row["prev_hash"] != prev_hash:
            problems.append(f"event {seq} does not follow the event before it")
        if event_hash(row, row["prev_hash"]) != row["hash"]:
            problems.append(f"event {seq} was changed after it was recorded")
        signer = row["signer"]
        if signer is None:
            if walk.signed:
                problems.append(f"event {seq} is not signed (every event after the first "
                                "signed one must be)")
        else:
            walk.signed += 1
            _check_signature(row, keys, trusted_key, reported_keys, problems)
            if user_keys is not None:
                _check_user_key(row, keys, user_keys, reported_keys, problems)
                in_force.check(row, keys, problems)
        if prev_at is not None and row["at"] < prev_at:
            problems.append(f"event {seq} is dated {_iso(row['at'])[:19]}, before event "
                            f"{seq - 1} ({_iso(prev_at)[:19]}): times never go back "
                            "(backdated?)")
        if signer is not None and row["state"]:
            _apply_state(walk, row["state"], seq, problems)
        if signer is not None and row["username"] == SYSTEM and (
                row["action"] == "start_tracking" or (seq == 1 and _tracks(row["new_value"]))):
            walk.tracking.update(LATE_KINDS)
        if seq == 1:
            walk.first_hash = row["hash"]
        walk.hashes[seq] = row["hash"]
        prev_hash, prev_at, expected = row["hash"], row["at"], seq + 1
        if len(problems) >= max_problems:
            break
    walk.last_seq, walk.last_hash = expected - 1, prev_hash
    if user_keys is not None and walk.signed and len(problems) < max_problems:
        in_force.finish(problems)
    return walk


@dataclass(frozen=True)
class _Key:
    """A key the trail introduced: its public key, whether the site vouches for it, and
    whether it was introduced as a user's key."""

    public_hex: str
    trusted: bool
    user: bool


def _check_signature(row: Mapping[Any, Any], keys: dict[str, _Key],
                     trusted_key: str | None, reported: set[str], problems: list[str]) -> None:
    seq, signer = row["seq"], row["signer"]
    if row["action"] == "add_signer" and row["entity_key"] not in keys:
        try:
            introduced = json.loads(row["new_value"])
            public = introduced["public_key"]
        except (TypeError, ValueError, KeyError):
            problems.append(f"event {seq} introduces a signing key without its public key")
            return
        introducer = keys.get(signer)
        trusted = row["entity_key"] == trusted_key if signer == row["entity_key"] \
            else bool(introducer and introducer.trusted)
        keys[row["entity_key"]] = _Key(public, trusted, introduced.get("kind") == "user")
    known = keys.get(signer)
    if known is None:
        problems.append(f"event {seq} is signed by key {signer}, which the trail never "
                        "introduced")
        return
    try:
        signature = bytes.fromhex(row["signature"] or "")
    except ValueError:
        signature = b""
    if not verify_signature(known.public_hex, signature, bytes.fromhex(row["hash"])):
        problems.append(f"event {seq}: the signature does not match (changed after it was "
                        "signed, or the chain was recomputed)")
    elif not known.trusted and signer not in reported:
        reported.add(signer)
        site = f"this site's key is {trusted_key}" if trusted_key else \
            "this computer has no site signing key (see installers/README.md)"
        problems.append(f"event {seq} (and any later ones by the same key) is signed by key "
                        f"{signer}, which is not the site's signing key ({site})")


def _check_user_key(row: Mapping[Any, Any], keys: dict[str, _Key],
                    user_keys: Mapping[str, UserKey], reported: set[str],
                    problems: list[str]) -> None:
    """An event signed by a user's key: the acting user's key, certified to the site root."""
    seq, signer, username = row["seq"], row["signer"], row["username"]
    known = keys.get(signer)
    if known is None or not known.user:
        return
    certified = user_keys.get(signer)
    if certified is None or certified.public_hex != known.public_hex:
        problems.append(f"event {seq} by {username} is signed by key {signer}, which is no "
                        "user's certified signing key")
    elif certified.username != username:
        problems.append(f"event {seq} by {username} is signed with the key of "
                        f"{certified.username}")
    elif certified.problem is not None and f"user:{signer}" not in reported:
        reported.add(f"user:{signer}")
        problems.append(f"event {seq} (and any later ones by the same key) is signed by "
                        f"{username}'s key, but {certified.problem}")


#: Events that name a user but are recorded without their session, so the site key signs
#: them even once the user has a certified key of their own: refusals (a wrong password,
#: a lock) and the break-glass recovery, which re-keys the administrator it recovers.
SITE_SIGNED_FOR_USER = frozenset({"sign_in_failed", "account_locked", "signature_refused",
                                  "break_glass_recovery", "recovery_root_key"})
#: The events that certify a user's key (their ``new`` value holds its fingerprint).
CERTIFYING = frozenset({"create_root_key", "recovery_root_key", "certify_key"})
#: The events a confirmed correction writes under the name of the person who requested it,
#: in the confirming person's transaction (so signed by the site key).
_CORRECTION_ACTIONS = frozenset({"correct", "entered_in_error"})
#: How far the time of a certifying event may be from the key's certified creation time
#: (the event is dated by the database server's clock, the key by the workstation's).
KEY_EVENT_TOLERANCE = dt.timedelta(minutes=10)


class _KeysInForce:
    """Whoever holds the site key can sign anything, but not as a user with a key of
    their own. From the event that certified a user's key (found by the fingerprint the
    certificate covers, and dated near the key's certified creation time), every event by
    that user must be signed by their own key: one signed by the site key instead was
    re-signed (or written) by the holder of the site key. Exceptions: the refusals and the
    recovery of :data:`SITE_SIGNED_FOR_USER`, which carry no record of rows other than
    accounts, and the corrections applied at a second person's user-signed confirmation.
    A certified key that no event certified is reported too (its certification removed)."""

    def __init__(self, user_keys: Mapping[str, UserKey]) -> None:
        self.unseen = {k.fingerprint: k for k in user_keys.values()
                       if k.problem is None and k.fingerprint}
        self.since: dict[str, int] = {}  # user -> seq of the event that certified their key
        self.pending: set[str] = set()  # users whose key was made before its certificate
        self.reported: set[str] = set()
        self.confirmed_for: str | None = None  # the requester of a correction being applied

    def check(self, row: Mapping[Any, Any], keys: Mapping[str, _Key],
              problems: list[str]) -> None:
        seq, username, action = row["seq"], row["username"], row["action"]
        known = keys.get(row["signer"])
        if known is None:
            return  # (reported already: a key the trail never introduced)
        by_user_key = known.user
        if action == "create_pending_key":
            self.pending.add(username)
        if username in self.since and username not in self.reported and not by_user_key \
                and not self._excused(row):
            self.reported.add(username)
            problems.append(
                f"event {seq} by {username} (and any later ones by them) is signed by the "
                f"site key, but {username} has signed with their own certified key since "
                f"event {self.since[username]}: re-signed by whoever holds the site key?")
        if action == "confirm_correction" and by_user_key:
            reason = str(row["reason"] or "")
            self.confirmed_for = reason.removeprefix("requested by ") \
                if reason.startswith("requested by ") else None
        elif not (action in _CORRECTION_ACTIONS and username == self.confirmed_for):
            self.confirmed_for = None
        if action in CERTIFYING:
            self._certified(row, problems)

    def _excused(self, row: Mapping[Any, Any]) -> bool:
        action = row["action"]
        if action in _CORRECTION_ACTIONS:
            return bool(row["username"] == self.confirmed_for)
        if action not in SITE_SIGNED_FOR_USER:
            return False
        try:  # a refusal may record the account's row (failed attempts), nothing else
            state = json.loads(row["state"]) if row["state"] else {}
            entities = dict(state.get("entities", {}))
        except (ValueError, TypeError, AttributeError):
            return False
        return not state.get("reset") and all(str(e).startswith("user:") for e in entities)

    def _certified(self, row: Mapping[Any, Any], problems: list[str]) -> None:
        try:
            fingerprint = str(json.loads(row["new_value"])["fingerprint"])
        except (TypeError, ValueError, KeyError):
            return
        key = self.unseen.get(fingerprint)
        owner = row["entity_key"]
        if key is None or key.username != owner:
            return
        del self.unseen[fingerprint]
        if key.created_at is not None:
            at = row["at"]
            early = at < key.created_at - KEY_EVENT_TOLERANCE
            late = owner not in self.pending and at > key.created_at + KEY_EVENT_TOLERANCE
            if early or late:
                problems.append(f"event {row['seq']} certifies {owner}'s signing key at "
                                f"{_iso(at)[:19]}, but that key was made at "
                                f"{_iso(key.created_at)[:19]} (moved in the trail?)")
        self.since.setdefault(owner, row["seq"])

    def finish(self, problems: list[str]) -> None:
        for key in sorted(self.unseen.values(), key=lambda k: (k.username, k.fingerprint)):
            problems.append(f"{key.username}'s signing key ({key.fingerprint[:19]}…) is "
                            "certified, but no audit event records its certification "
                            "(removed from the trail?)")


def _apply_state(walk: _Walk, state_text: str, seq: int, problems: list[str]) -> None:
    try:
        state = json.loads(state_text)
        entities = dict(state.get("entities", {}))
    except (ValueError, TypeError, AttributeError):
        problems.append(f"event {seq}: its record of the rows is unreadable")
        return
    if state.get("reset"):
        walk.state = entities
    else:
        walk.state.update(entities)


_LATE_LABELS = {"infusion": "infusion record (interruptions, bags)",
                "correction": "corrections and facts entered in error",
                "toxicity": "toxicity assessment and decisions", "signature": "signatures"}


def _label(conn: Connection, entity: str) -> str:
    kind, _, key = entity.partition(":")
    if kind == "patient":
        row = conn.execute(text("SELECT study_id FROM patients WHERE id = :id"),
                           {"id": int(key)}).first()
        return f"patient {row[0]}" if row else f"patient (row {key})"
    if kind == "user":
        row = conn.execute(text("SELECT username FROM users WHERE id = :id"),
                           {"id": int(key)}).first()
        return f"user {row[0]}" if row else f"user (row {key})"
    what = _LATE_LABELS.get(kind)
    if what is not None and kind in ("infusion", "correction"):
        return f"{_label(conn, f'patient:{key}')}, {what}"
    return f"{what} of {'order' if kind == 'signature' else 'assessment'} {key}" if what \
        else f"{kind} {key}"


def _compare_rows(conn: Connection, recorded: dict[str, str], problems: list[str],
                  max_problems: int, tracking: set[str]) -> int:
    untracked = set(LATE_KINDS) - tracking  # (a trail from before they were tracked)
    current = {entity: digest for entity, digest in entity_digests(conn).items()
               if entity.partition(":")[0] not in untracked}
    for entity in sorted(set(current) | set(recorded)):
        if len(problems) >= max_problems:
            break
        now, then = current.get(entity, DELETED), recorded.get(entity)
        if then is None:
            problems.append(f"{_label(conn, entity)}: has rows no audit event records "
                            "(added in the database directly)")
        elif now != then:
            how = "removed from" if now == DELETED else "changed in"
            problems.append(f"{_label(conn, entity)}: its rows differ from the audited history "
                            f"({how} the database without an audit event)")
    return len(current)


def verify_chain(session: Session, max_problems: int = 20,
                 anchors: Sequence[Anchor] | None = None, *, check_rows: bool = True,
                 user_keys: Mapping[str, UserKey] | None = None) -> ChainReport:
    """Check every event (hash, link, signature, key, time), the head, every anchor of
    this database in the anchor file (or ``anchors``) and (``check_rows``) that every
    tracked row is as the trail last recorded it; with ``user_keys``, that events signed
    by a user's key are signed by that user's certified key."""
    site = site_signer(create=False)
    walk = walk_events(event_rows(session), site.key_id if site else None, max_problems,
                       user_keys)
    problems = walk.problems
    head = session.get(AuditHead, 1)
    if head is None:
        if walk.count:
            problems.append("the chain head is missing")
    elif len(problems) < max_problems and (head.last_seq != walk.last_seq
                                           or head.last_hash != walk.last_hash):
        problems.append(f"the chain ends at event {walk.last_seq} but should end at event "
                        f"{head.last_seq}: events were removed or the head was changed")
    identity = database_identity(session)
    mine = [a for a in (read_anchors() if anchors is None else anchors)
            if a.db == identity or (a.chain and a.chain == walk.first_hash)]
    for anchor in sorted(mine, key=lambda a: a.seq, reverse=True):
        if len(problems) >= max_problems:
            break
        if walk.hashes.get(anchor.seq) != anchor.hash:
            problems.append(f"the anchor of event {anchor.seq} ({anchor.hash[:12]}, recorded "
                            f"{anchor.at[:19] or 'earlier'}) is no longer reached: events were "
                            "removed or rewritten")
            break  # the newest unreached anchor says it; older ones would repeat it
    entities = 0
    if check_rows and walk.signed and len(problems) < max_problems:
        entities = _compare_rows(session.connection(), walk.state, problems, max_problems,
                                 walk.tracking)
    return ChainReport(walk.count, tuple(problems), walk.signed, len(mine), entities)
