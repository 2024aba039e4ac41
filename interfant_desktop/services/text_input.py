"""Text a person types or a file brings that becomes a name or a key in the database:
one rule for every service, the same on SQLite and on PostgreSQL.

``clean_field(value, field, label=None) -> str``: the text NFC-normalised, or an
:class:`InputError` naming the field when it holds a control or invisible character
(Unicode Cc or Cf: NUL, ESC, CR/LF, a right-to-left override, a zero-width space). The
rule is the engine's (:func:`protocol.text_rule.clean_text`), so a user name, a full name
and a study ID are held to the same rule as a case file.

``clean_free_text(value, field) -> str``: a reason or a note: NFC, line breaks and tabs
kept, refused with any other control character (a NUL, which PostgreSQL cannot store
while SQLite did, or an ESC) or a bidirectional override (it reorders what the audit
trail shows). Other format characters stay: a zero-width non-joiner is part of Persian.

``lookup_form(value) -> str | None``: the form under which a typed key (a user name at
sign-in, a study ID) is looked up, or ``None`` when it cannot name anything stored,
because nothing stored holds such a character. Looking it up anyway would differ by
database: SQLite finds nothing, PostgreSQL refuses a NUL with an unexpected error.
"""

from __future__ import annotations

import unicodedata

from interfant_desktop.protocol.text_rule import CaseError, clean_text
from interfant_desktop.services.errors import InputError


def clean_field(value: str, field: str, label: str | None = None) -> str:
    """``value`` NFC-normalised; refused (naming ``label`` or ``field``) when it holds a
    control or invisible character."""
    try:
        return clean_text(value, field)
    except CaseError as exc:
        raise InputError(field, exc.problem, label=label) from None


#: Bidirectional embeddings, overrides and isolates: they reorder the text around them.
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def clean_free_text(value: str, field: str) -> str:
    """A reason or a note (see the module docstring): NFC, or an :class:`InputError`."""
    if not value.isprintable():  # fast path: printable text has none of them
        for position, char in enumerate(value):
            if char in "\n\r\t":
                continue
            if unicodedata.category(char) in ("Cc", "Cs") or char in _BIDI_CONTROLS:
                raise InputError(field, f"holds a control character U+{ord(char):04X} at "
                                        f"position {position + 1}")
    return value if unicodedata.is_normalized("NFC", value) else unicodedata.normalize("NFC", value)


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
