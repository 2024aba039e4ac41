"""The engine's rule for free text from a case, and the error it raises.

:func:`clean_text` (NFC, no control or invisible character) is the one rule for
identifiers, names, allergies and laboratory text in a case file, and the services
hold a user name, a full name and a study ID to the same rule
(``services.text_input``). It lives in this small module, imported again by
:mod:`interfant_desktop.protocol.case`, so that the sign-in can use it without
loading the rest of the engine (the engine loads beside it while the password is
checked; see issue 10).
"""

from __future__ import annotations

import unicodedata


class CaseError(ValueError):
    """A case that is not valid: ``field`` is a JSON path, ``problem`` says what is wrong."""

    def __init__(self, field: str, problem: str) -> None:
        super().__init__(f"{field}: {problem}")
        self.field = field
        self.problem = problem


def clean_text(value: str, field: str) -> str:
    """Free text from a case (identifiers, names, allergies, laboratory): NFC-normalised
    so that the same letters are the same text on every database, and refused when it
    holds a control or invisible format character (Unicode Cc or Cf: NUL, ESC, CR/LF, a
    right-to-left override, a zero-width space) or is not valid Unicode at all."""
    if not value.isprintable():  # fast path: printable text has no Cc, Cf or surrogate
        for position, char in enumerate(value):
            category = unicodedata.category(char)
            if category == "Cs":
                raise CaseError(field, "is not valid Unicode text (a lone surrogate)")
            if category in ("Cc", "Cf"):
                raise CaseError(field, f"holds an invisible or control character U+{ord(char):04X} "
                                       f"at position {position + 1}")
    return value if unicodedata.is_normalized("NFC", value) else unicodedata.normalize("NFC", value)
