"""Text a person types or a file brings that becomes a name or a key in the database:
one rule for every service, the same on SQLite and on PostgreSQL.

``clean_field(value, field, label=None) -> str``: the text NFC-normalised, or an
:class:`InputError` naming the field when it holds a control or invisible character
(Unicode Cc or Cf: NUL, ESC, CR/LF, a right-to-left override, a zero-width space). The
rule is the engine's (:func:`protocol.case.clean_text`), so a user name, a full name
and a study ID are held to the same rule as a case file.

``lookup_form(value) -> str | None``: the form under which a typed key (a user name at
sign-in, a study ID) is looked up, or ``None`` when it cannot name anything stored,
because nothing stored holds such a character. Looking it up anyway would differ by
database: SQLite finds nothing, PostgreSQL refuses a NUL with an unexpected error.
"""

from __future__ import annotations

from interfant_desktop.protocol.case import CaseError, clean_text
from interfant_desktop.services.errors import InputError


def clean_field(value: str, field: str, label: str | None = None) -> str:
    """``value`` NFC-normalised; refused (naming ``label`` or ``field``) when it holds a
    control or invisible character."""
    try:
        return clean_text(value, field)
    except CaseError as exc:
        raise InputError(field, exc.problem, label=label) from None


def lookup_form(value: str) -> str | None:
    """``value`` stripped and NFC-normalised, or None when it holds a character that no
    stored key holds."""
    try:
        return clean_text(value.strip(), "key")
    except CaseError:
        return None


def check_full_name(full_name: str | None) -> str | None:
    """A full name as printed on orders: NFC, no control or invisible character."""
    return None if full_name is None else clean_field(full_name.strip(), "full_name", label="full name")
