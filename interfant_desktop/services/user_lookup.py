"""Finding the account a typed user name names (sign-in, the administrator's commands)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from interfant_desktop.services.text_input import lookup_form
from interfant_desktop.store.models import User


def account_named(session: Session, typed: str) -> User | None:
    """The account a typed user name names, locked for this transaction: its NFC form, or
    the name exactly as typed (an account from before names were stored NFC). None for a
    name with a control or invisible character: no account has one, and PostgreSQL would
    refuse a NUL in the query (SQLite just finds nothing)."""
    key = lookup_form(typed)
    if key is None:
        return None
    exact = typed.strip()
    rows = session.execute(select(User).where(User.username.in_(sorted({key, exact})))
                           .with_for_update()).scalars().all()
    return next((u for u in rows if u.username == exact), rows[0] if rows else None)
