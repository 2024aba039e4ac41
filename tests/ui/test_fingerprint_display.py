"""The site key's fingerprint wraps only between its rows of four groups, never inside a
group or a row: in the order dialog and in the window's header, at 1366 × 768 and at 150 %
(910 logical pixels wide), and in dialogs narrower still."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtGui import QTextLayout, QTextOption
from PySide6.QtWidgets import QApplication, QLabel

from interfant_desktop.services import signing_keys
from interfant_desktop.ui.backend import OrderActions
from interfant_desktop.ui.orders import OrderWorkflowDialog
from interfant_desktop.ui.widgets.fingerprint import NO_BREAK, fingerprint_rows, shown_fingerprint

STUDY = "TRN-09"
#: the window's logical width at 1366 × 768 at 100 % and at 150 %, and 1920 × 1080 at 150 %
WINDOW_WIDTHS = (1366, 910, 1280)


def line_ends(label: QLabel) -> list[int]:
    """Where each line of ``label`` ends in its text, at its present width (Qt's word wrap)."""
    layout = QTextLayout(label.text(), label.font())
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WordWrap)
    layout.setTextOption(option)
    ends = []
    layout.beginLayout()
    while (line := layout.createLine()).isValid():
        line.setLineWidth(label.contentsRect().width() - 2 * max(label.margin(), 0))
        ends.append(line.textStart() + line.textLength())
    layout.endLayout()
    return ends


def assert_rows_whole(label: QLabel, fingerprint: str) -> None:
    """Every line of ``label`` ends between rows of the fingerprint, each row fits the
    label's width (so Qt never has to break one anywhere), and all lines are shown."""
    rows = fingerprint_rows(fingerprint)
    assert max(label.fontMetrics().horizontalAdvance(row) for row in rows) < label.contentsRect().width()
    text, groups = label.text(), fingerprint.split()
    starts = {i: text.index(groups[i]) for i in range(0, len(groups), 4)}  # each row's first group
    spans = [(start, text.index(groups[i + 3], start) + 4) for i, start in starts.items()]
    for end in line_ends(label)[:-1]:
        assert not [span for span in spans if span[0] < end < span[1]], (text[:end], "|", text[end:])
    assert label.height() >= label.heightForWidth(label.width()), "a line is cut off"


def test_the_fingerprint_is_shown_in_rows_of_four_groups() -> None:
    fingerprint = " ".join(f"{n:04X}" for n in range(0xA0F0, 0xA100))  # 16 groups of 4
    shown = shown_fingerprint(fingerprint)
    assert shown.split(" ") == fingerprint_rows(fingerprint)  # ordinary spaces only between rows
    assert [row.split(NO_BREAK) for row in fingerprint_rows(fingerprint)] == [
        fingerprint.split()[i:i + 4] for i in range(0, 16, 4)]
    # Copied from the screen (no-break spaces and all), it is still the fingerprint.
    assert signing_keys.normal_fingerprint(shown) == fingerprint


def test_the_order_dialog_wraps_the_fingerprint_between_rows(
        qtbot: Any, backend: Any, tmp_path: Path) -> None:
    fingerprint = signing_keys.site_fingerprint(backend.store)
    assert fingerprint
    dialog = OrderWorkflowDialog(OrderActions(backend), STUDY, 1, printer_chooser=lambda _p: None,
                                 path_chooser=lambda _p, _n: None)
    qtbot.addWidget(dialog)
    dialog.show()
    label = dialog.site_key
    assert shown_fingerprint(fingerprint) in label.text()
    seen_wrapped = False
    # 1100 is the dialog at 1366 × 768, 910 and below at 150 % (and narrower still).
    for width in (1100, 910, 860, 760, *range(560, 1200, 20)):
        dialog.resize(width, 700)
        QApplication.processEvents()
        assert_rows_whole(label, fingerprint)
        seen_wrapped = seen_wrapped or len(line_ends(label)) > 1
    assert seen_wrapped, "no width made the label wrap: the test would not see a bad break"


def test_the_header_keeps_site_key_and_its_row_together(qtbot: Any, window: Any) -> None:
    fingerprint = window.backend.site_fingerprint()
    assert fingerprint
    label = window.app_name
    first = fingerprint_rows(fingerprint)[0]
    assert f"site{NO_BREAK}key{NO_BREAK}{first}…" in label.text()
    assert shown_fingerprint(fingerprint) in label.toolTip()
    for width in (*WINDOW_WIDTHS, *range(900, 1380, 40)):
        window.resize(width, 640)
        QApplication.processEvents()
        metrics = label.fontMetrics()
        assert metrics.horizontalAdvance(f"site key {first}…") < label.contentsRect().width(), width
        assert label.height() >= label.heightForWidth(label.width()), width
