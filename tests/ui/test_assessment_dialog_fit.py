"""The toxicity assessment form fits the window of a 1366 × 768 screen at 150 % (910
logical pixels wide) without scrolling sideways, and every drop-down shows its longest
choice whole: a nurse must see the words she picked (e.g. the full cerebral-oedema
finding), never a cut-off "Diffuse cerebral oed…"."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from PySide6.QtWidgets import QComboBox, QScrollArea

from interfant_desktop.ui.infusion.assessment_dialog import AssessmentDialog
from interfant_desktop.ui.infusion.calls import InfusionCalls

#: dialog widths in logical pixels: 1366 × 768 at 150 % leaves 910 for the window and its
#: frame; 1366 at 100 % gives the dialog its own preferred 900
WIDTHS = (880, 900, 960, 1100)


def _dialog(qtbot: Any, window: Any, width: int) -> AssessmentDialog:
    backend = window.backend
    dialog = AssessmentDialog(InfusionCalls(backend, "TRN-09"), 1, backend.protocol.toxicity,
                              dt.datetime(2026, 6, 5, 13, 0), window)
    qtbot.addWidget(dialog)
    dialog.resize(width, 480)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def cut_choices(dialog: AssessmentDialog) -> list[str]:
    """The drop-downs narrower than their longest choice (Qt would cut the shown text)."""
    return [f"{box.accessibleName()}: {box.width()} < {box.sizeHint().width()} px"
            for box in dialog.findChildren(QComboBox) if box.width() < box.sizeHint().width()]


@pytest.mark.parametrize("width", WIDTHS)
def test_the_form_does_not_scroll_sideways_and_cuts_no_choice(qtbot: Any, window: Any,
                                                               width: int) -> None:
    dialog = _dialog(qtbot, window, width)
    scroll = dialog.findChild(QScrollArea)
    assert scroll is not None
    bar = scroll.horizontalScrollBar()
    assert not bar.isVisible() and bar.maximum() == 0, (width, bar.maximum())
    assert cut_choices(dialog) == []
    body = scroll.widget()
    assert body.width() <= scroll.viewport().width()


def test_the_longest_choice_is_wider_than_a_side_by_side_row_allows(qtbot: Any, window: Any) -> None:
    """The case this guards: one choice alone needs most of the 910 px, so a label beside
    it would push the form wider than the window (the test above would then fail)."""
    dialog = _dialog(qtbot, window, 880)
    widest = max(box.sizeHint().width() for box in dialog.findChildren(QComboBox))
    assert widest > 880 / 2
