"""An order's state and a signature's meaning in the user's language.

The services keep both as English keys (``OrderView.status``; ``Meaning``, which is also
printed with the signature on the sheet); the screens show these words instead, in the
order dialog, the Orders page and the Infusion page alike (the Infusion page's order
list in capitals).
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from interfant_desktop.services.order_workflow import Meaning

#: An order's state -> what it tells the person looking at it.
STATUS_WORDS: dict[str, object] = {
    "draft": QT_TRANSLATE_NOOP("OrderWords", "draft — not signed"),
    "signed": QT_TRANSLATE_NOOP("OrderWords", "signed — awaiting verification"),
    "verified": QT_TRANSLATE_NOOP("OrderWords", "verified — ready to print"),
    "printed": QT_TRANSLATE_NOOP("OrderWords", "printed"),
    "cancelled": QT_TRANSLATE_NOOP("OrderWords", "cancelled"),
    "held": QT_TRANSLATE_NOOP("OrderWords", "ON HOLD — do not hang"),
    "discontinued": QT_TRANSLATE_NOOP("OrderWords", "discontinued"),
    "superseded": QT_TRANSLATE_NOOP("OrderWords", "superseded — not valid"),
}
#: An order's state in capitals, as the Infusion page lists a cycle's orders.
STATUS_CAPITALS: dict[str, object] = {
    "draft": QT_TRANSLATE_NOOP("OrderWords", "DRAFT"),
    "signed": QT_TRANSLATE_NOOP("OrderWords", "SIGNED"),
    "verified": QT_TRANSLATE_NOOP("OrderWords", "VERIFIED"),
    "printed": QT_TRANSLATE_NOOP("OrderWords", "PRINTED"),
    "cancelled": QT_TRANSLATE_NOOP("OrderWords", "CANCELLED"),
    "held": QT_TRANSLATE_NOOP("OrderWords", "HELD"),
    "discontinued": QT_TRANSLATE_NOOP("OrderWords", "DISCONTINUED"),
    "superseded": QT_TRANSLATE_NOOP("OrderWords", "SUPERSEDED"),
}
#: A signature's meaning -> the words the signer reads when asked for the password.
MEANING_WORDS: dict[str, object] = {
    Meaning.PRESCRIBED: QT_TRANSLATE_NOOP("OrderWords", "prescribed"),
    Meaning.VERIFIED: QT_TRANSLATE_NOOP("OrderWords", "verified"),
    Meaning.PRINTED: QT_TRANSLATE_NOOP("OrderWords", "printed for administration"),
    Meaning.HELD: QT_TRANSLATE_NOOP("OrderWords", "held"),
    Meaning.RELEASED: QT_TRANSLATE_NOOP("OrderWords", "hold released"),
    Meaning.DISCONTINUED: QT_TRANSLATE_NOOP("OrderWords", "discontinued"),
    Meaning.SUPERSEDED: QT_TRANSLATE_NOOP("OrderWords", "superseded"),
}


def status_text(status: str) -> str:
    """The order state ``status`` in words (an unknown state as it is: never hidden)."""
    words = STATUS_WORDS.get(status)
    return status if words is None else QCoreApplication.translate("OrderWords", str(words))


def status_capitals(status: str) -> str:
    """The order state ``status`` in capitals (an unknown state as its key in capitals)."""
    words = STATUS_CAPITALS.get(status)
    return status.upper() if words is None else QCoreApplication.translate("OrderWords", str(words))


def meaning_text(meaning: str) -> str:
    """The signature meaning ``meaning`` in words (an unknown one as it is)."""
    words = MEANING_WORDS.get(meaning)  # (a Meaning is its own text, so either finds it)
    return meaning if words is None else QCoreApplication.translate("OrderWords", str(words))
