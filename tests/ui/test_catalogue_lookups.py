"""Every text the screens look up is in the English catalogue translators start from.

A recording translator notes each (context, source) the app asks the catalogue for while
the patient list and every page of the training patients are shown. Each one of the app's
own contexts must be a catalogue entry: this catches what no source checker can, a word
kept in a plain dict and translated through a variable (``_t(LABELS[key])``), which lupdate
never sees, so it would stay English in every language.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any

from PySide6.QtCore import QCoreApplication, QTranslator

from interfant_desktop.ui.demo_data import demo_cases
from tests.ui.test_translation_contexts import MODULE_CONTEXTS, TS, UI, _classes


class RecordingTranslator(QTranslator):
    """Translates nothing (the English source is shown) and notes what was asked."""

    def __init__(self) -> None:
        super().__init__()
        self.asked: set[tuple[str, str]] = set()

    def translate(self, context: str, source: str, disambiguation: str | None = None,
                  n: int = -1) -> str:
        self.asked.add((context, source))
        return ""


def _catalogue() -> set[tuple[str, str]]:
    return {(context.findtext("name") or "", message.findtext("source") or "")
            for context in ET.parse(TS).getroot().iter("context")
            for message in context.iter("message")}


def test_every_text_the_patient_pages_ask_for_is_in_the_catalogue(qtbot: Any, window: Any) -> None:
    translator = RecordingTranslator()
    QCoreApplication.installTranslator(translator)
    try:
        for case in demo_cases():
            workspace = window.open_patient(case["patient"]["study_id"])
            for page in workspace.pages:
                workspace.show_page(type(page))
    finally:
        QCoreApplication.removeTranslator(translator)
    contexts = _classes(UI) | MODULE_CONTEXTS  # (parsed once: not per text asked for)
    ours = {(context, source) for context, source in translator.asked if context in contexts}
    assert len(ours) > 300, len(ours)  # the pages were shown through the translator
    assert sorted(ours - _catalogue()) == []
