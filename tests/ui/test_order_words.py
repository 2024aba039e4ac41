"""Order states and signature meanings are shown in words, never as the stored key:
every state and meaning the services know has its words, and the screens use them."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QApplication, QInputDialog

from interfant_desktop.services.order_workflow import Meaning, Status
from interfant_desktop.ui.order_words import (
    MEANING_WORDS,
    STATUS_CAPITALS,
    STATUS_WORDS,
    meaning_text,
    status_capitals,
    status_text,
)
from interfant_desktop.ui.orders.order_dialog import ask_password
from tests.ui.test_catalogue_lookups import RecordingTranslator


def test_every_state_and_meaning_of_the_services_has_words() -> None:
    assert set(STATUS_WORDS) == set(STATUS_CAPITALS) == {status.value for status in Status}
    assert set(MEANING_WORDS) == set(Meaning)
    assert status_text("signed") == "signed — awaiting verification"
    assert status_text("held") == "ON HOLD — do not hang"
    assert status_text("a-state-from-a-newer-release") == "a-state-from-a-newer-release"  # shown, not hidden
    assert status_capitals("superseded") == "SUPERSEDED"
    assert status_capitals("a-state-from-a-newer-release") == "A-STATE-FROM-A-NEWER-RELEASE"


def test_the_words_go_through_the_catalogue() -> None:
    translator = RecordingTranslator()
    QCoreApplication.installTranslator(translator)
    try:
        meaning_text(Meaning.RELEASED)
        meaning_text("superseded")  # as the services store it: a plain text
        status_text("verified")
    finally:
        QCoreApplication.removeTranslator(translator)
    assert {("OrderWords", "hold released"), ("OrderWords", "superseded"),
            ("OrderWords", "verified — ready to print")} <= translator.asked


def test_the_password_prompt_names_the_meaning_in_words(qtbot: Any) -> None:
    seen: list[str] = []

    def answer() -> None:
        dialog = next(w for w in QApplication.topLevelWidgets()
                      if isinstance(w, QInputDialog) and w.isVisible())
        seen.append(dialog.labelText())
        dialog.reject()

    QTimer.singleShot(100, answer)
    assert ask_password(None, Meaning.PRINTED) is None  # type: ignore[arg-type]
    assert seen == ["Your password, to sign this order as “printed for administration”:"]
