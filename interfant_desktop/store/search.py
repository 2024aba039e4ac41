"""Normalised search terms for the fast patient search.

A term is lower-cased, accent-free text (NFKD, combining marks dropped, and a few
letters without a decomposition folded: ø -> o, ł -> l, æ -> ae ...; control and
invisible characters dropped), so "zoe" finds "Zoë", "lucja" finds "Łucja" and "soren"
finds "Søren". A prefix query is an index range scan on ``search_terms.term``.
"""

from __future__ import annotations

import re
import unicodedata

_SPLIT = re.compile(r"[\s,;/()\-]+")
# Letters that are not "letter + accent" in Unicode, so NFKD leaves them alone.
_FOLD = str.maketrans({"ø": "o", "ł": "l", "đ": "d", "ð": "d", "æ": "ae", "œ": "oe",
                       "þ": "th", "ı": "i"})
# Upper bound of a prefix range: every term that starts with p sorts below p + this.
PREFIX_END = "\U0010ffff"


def _invisible(char: str) -> bool:
    """A control or format character that is not a space (NUL, ESC, a zero-width space):
    no stored term holds one, and PostgreSQL refuses a NUL in a query."""
    return unicodedata.category(char) in ("Cc", "Cf") and not char.isspace()


def normalise(text: str) -> str:
    """Lower-case, accent-free, single-spaced form of ``text``."""
    if not text.isprintable():  # (printable text holds no control or format character)
        text = "".join(ch for ch in text if not _invisible(ch))
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.casefold().translate(_FOLD).split())


def terms_for(kind: str, value: str | None) -> list[tuple[str, str]]:
    """The (kind, term) rows that make ``value`` findable: the whole value and each word."""
    if not value:
        return []
    whole = normalise(value)
    if not whole:
        return []
    words = [w for w in _SPLIT.split(whole) if w]
    terms = dict.fromkeys([whole, *words])  # ordered, without duplicates
    return [(kind, term[:200]) for term in terms]


def prefix_range(prefix: str) -> tuple[str, str] | None:
    """(low, high) bounds for a prefix query, or None when the prefix is empty."""
    p = normalise(prefix)
    if not p:
        return None
    return p, p + PREFIX_END
