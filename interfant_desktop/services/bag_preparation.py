"""The site pharmacist's confirmation of the bag preparation figures (RULES.md "Preparing
the bag").

The protocol file carries the label's bag composition (vial, reconstitution, sodium
chloride and IV Solution Stabilizer volumes, minimum measurable volume) marked
unverified. Until a pharmacist of this site confirms those figures against the current
label, in the app, every order sheet prints "preparation figures not yet verified at
this site". The confirmation is an audited act stored in the hash-chained audit trail
with the protocol file's version and SHA-256 and the SHA-256 of the figures confirmed:
a new protocol file, or changed figures, is unconfirmed again; a withdrawal (with its
reason) undoes it. Nothing is deleted; the latest act decides.

API: ``confirm_preparation(store, user, reason=None) -> PreparationConfirmation``,
``withdraw_preparation(store, user, reason) -> None``,
``preparation_confirmation(store) -> PreparationConfirmation | None``,
``preparation_figures() -> Preparation`` (what is confirmed: the protocol file's figures).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from interfant_desktop.protocol.bags import Preparation
from interfant_desktop.protocol.protocol_file import Protocol
from interfant_desktop.services import _common
from interfant_desktop.services.accounts import checked_transaction
from interfant_desktop.services.clinical import clean_reason
from interfant_desktop.services.errors import InputError
from interfant_desktop.services.permissions import CurrentUser, Permission, require
from interfant_desktop.services.store_access import Store
from interfant_desktop.store.audit import append_event
from interfant_desktop.store.models import AuditEvent, User

ENTITY = "bag_preparation"
CONFIRM, WITHDRAW = "confirm_preparation", "withdraw_preparation"


@dataclass(frozen=True)
class PreparationConfirmation:
    """Who confirmed the bag preparation figures of which protocol file, and when (UTC)."""

    username: str
    full_name: str | None
    at: dt.datetime
    protocol_version: str
    figures_sha256: str

    @property
    def text(self) -> str:
        """The sheet's line, e.g. "preparation figures confirmed for this site by …"."""
        who = f"{self.full_name} ({self.username})" if self.full_name else self.username
        return (f"preparation figures confirmed for this site by {who} on "
                f"{self.at.astimezone(dt.UTC):%Y-%m-%d %H:%M} UTC (protocol file "
                f"{self.protocol_version})")


def _figures(proto: Protocol) -> tuple[str, str]:
    """The entity key (protocol version and file hash) and the SHA-256 of the figures."""
    figures = json.dumps(Preparation.from_protocol(proto).to_json(), sort_keys=True)
    return (f"{proto.version}:{proto.sha256[:16]}",
            hashlib.sha256(figures.encode("utf-8")).hexdigest())


def preparation_figures() -> Preparation:
    """The bag preparation figures of the protocol file in force (what a pharmacist confirms)."""
    return Preparation.from_protocol(_common.protocol())


def _full_name(session: Session, username: str) -> str | None:
    user = session.execute(select(User).where(User.username == username)).scalar_one_or_none()
    return user.full_name if user is not None else None


def confirm_preparation(store: Store, user: CurrentUser,
                        reason: str | None = None) -> PreparationConfirmation:
    """A pharmacist confirms the protocol file's bag preparation figures for this site."""
    require(user, Permission.CONFIRM_PREPARATION)
    proto = _common.protocol()
    key, figures = _figures(proto)
    with checked_transaction(store, user) as session:
        event = append_event(
            session, username=user.username, action=CONFIRM, entity=ENTITY, entity_key=key,
            field="figures", old=None,
            new={"protocol_version": proto.version, "protocol_sha256": proto.sha256,
                 "figures_sha256": figures,
                 "figures": Preparation.from_protocol(proto).to_json()},
            reason=clean_reason(reason) or "checked against the current label")
        return PreparationConfirmation(user.username, _full_name(session, user.username),
                                       event.at, proto.version, figures)


def withdraw_preparation(store: Store, user: CurrentUser, reason: str) -> None:
    """Withdraw the confirmation (for example when the label changed); a reason is needed."""
    require(user, Permission.CONFIRM_PREPARATION)
    text = clean_reason(reason)
    if text is None:
        raise InputError("reason: say why the preparation figures are withdrawn")
    key, figures = _figures(_common.protocol())
    with checked_transaction(store, user) as session:
        append_event(session, username=user.username, action=WITHDRAW, entity=ENTITY,
                     entity_key=key, field="figures", old={"figures_sha256": figures}, new=None,
                     reason=text)


def preparation_confirmation(store: Store) -> PreparationConfirmation | None:
    """The confirmation in force for the current protocol file's figures, if any (no
    account: the order sheet reads it for whoever prints)."""
    with store.sessions() as session:
        return confirmation_in(session)


def confirmation_in(session: Session) -> PreparationConfirmation | None:
    """:func:`preparation_confirmation` inside a transaction already open."""
    proto = _common.protocol()
    key, figures = _figures(proto)
    latest = session.execute(
        select(AuditEvent).where(AuditEvent.entity == ENTITY, AuditEvent.entity_key == key)
        .order_by(AuditEvent.seq.desc()).limit(1)).scalar_one_or_none()
    if latest is None or latest.action != CONFIRM:
        return None
    confirmed = json.loads(latest.new_value or "{}")
    if confirmed.get("figures_sha256") != figures:
        return None
    return PreparationConfirmation(latest.username, _full_name(session, latest.username),
                                   latest.at, proto.version, figures)
