"""The cycle timeline fits the page without scrolling sideways, and shows every cell whole:
ten columns in the window of a 1366 × 768 screen (and of 1920 × 1080 at 150 %), the same
facts in four columns in the window of 1366 × 768 at 150 % (910 × 432 logical pixels), and
at every width between."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtGui import QTextLayout, QTextOption
from PySide6.QtWidgets import QApplication, QStyle

from interfant_desktop.protocol.case import CrsObservation, IcansObservation
from interfant_desktop.services import infusion, patients, toxicity
from interfant_desktop.ui.infusion.infusion_page import InfusionPage
from interfant_desktop.ui.infusion.timeline_table import NARROW, WIDE, TimelineTable

STUDY = "TRN-09"  # step-dosed cycle 1 from 2026-06-04; 6.2 kg, 63 cm
NOW = dt.datetime(2026, 6, 5, 13, 0)
CAPD = {1: "often", 2: "always", 3: "always", 4: "always", 5: "never", 6: "never", 7: "rarely", 8: "never"}
#: (window width, height) in logical pixels: 1366 × 768 at 100 %, 1920 × 1080 at 150 %, 1366 × 768 at 150 %
WINDOWS = ((1366, 688), (1280, 640), (910, 432))


def _record(backend: Any) -> None:
    """A start, two assessments on day 2 (CRS 3, then CRS 1) and a 5-hour stop, entered
    through the services as the nurse would (fictitious patient)."""
    store, user = backend.store, backend.user
    version = patients.open_patient(store, user, STUDY).version
    infusion.record_infusion_start(store, user, STUDY, version, 1,
                                   start=dt.datetime(2026, 6, 4, 10, 0), bag_hours=48)
    grade_3 = CrsObservation(39.3, False, True, 0, False, "high_flow")
    grade_1 = CrsObservation(38.4, False, False, 0, False, "none")
    for at, crs in ((dt.datetime(2026, 6, 5, 6, 30), grade_3), (dt.datetime(2026, 6, 5, 12, 30), grade_1)):
        toxicity.record_assessment(store, user, STUDY, toxicity.AssessmentRequest(
            at=at, cycle=1, crs=crs,
            icans=IcansObservation(None, False, "spontaneous", "none", "none", "none"),
            seizures_this_treatment=0, capd_answers=CAPD))
    infusion.record_interruption(store, user, STUDY, infusion.InterruptionRequest(
        1, dt.datetime(2026, 6, 5, 7, 0), "crs", dt.datetime(2026, 6, 5, 12, 0)))


def _timeline(window: Any) -> TimelineTable:
    _record(window.backend)
    workspace = window.open_patient(STUDY)
    workspace.show_page(InfusionPage)
    page = workspace.page(InfusionPage)
    page.now = lambda: NOW
    page.refresh()
    return page.table


def cut_cells(table: TimelineTable) -> list[str]:
    """The cells and titles not shown whole: a line wider than the cell's text area (Qt
    would elide it with "…"), lines taller than the row, or a title wider than its section."""
    margin = table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, table) + 1
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WordWrap)
    cut = []
    header = table.horizontalHeader()
    for column in range(table.columnCount()):
        if header.sectionSize(column) < header.sectionSizeHint(column):
            cut.append(f"title {column}: {table.horizontalHeaderItem(column).text()!r}")  # type: ignore[union-attr]
        width = table.columnWidth(column) - 1 - 2 * margin  # less the grid line and Qt's text margins
        for row in range(table.rowCount()):
            item = table.item(row, column)
            assert item is not None
            height = 0.0
            for paragraph in item.text().split("\n"):
                layout = QTextLayout(paragraph, table.font())
                layout.setTextOption(option)
                layout.beginLayout()
                while (line := layout.createLine()).isValid():
                    line.setLineWidth(width)
                    if line.naturalTextWidth() > width:
                        cut.append(f"({row}, {column}) too wide: {item.text()!r}")
                    height += line.height()
                layout.endLayout()
            if height > table.rowHeight(row):
                cut.append(f"({row}, {column}) too tall: {item.text()!r}")
    return cut


def test_the_timeline_fits_every_ward_window_without_scrolling_sideways(qtbot: Any, window: Any) -> None:
    table = _timeline(window)
    for width, height in (*WINDOWS, *((w, 600) for w in range(900, 1380, 12))):  # and the widths between
        window.resize(width, height)
        QApplication.processEvents()
        seen = (width, table.width(), [table.columnWidth(c) for c in range(table.columnCount())])
        assert table.rowCount() >= 28, seen
        assert not table.horizontalScrollBar().isVisible(), seen
        assert table.horizontalScrollBar().maximum() == 0, seen  # nothing to the right
        assert cut_cells(table) == [], seen
    for (width, height), columns in zip(WINDOWS, (WIDE, WIDE, NARROW), strict=True):
        window.resize(width, height)
        QApplication.processEvents()
        assert table.columns is columns, width


def test_the_narrow_timeline_shows_the_same_facts(qtbot: Any, window: Any) -> None:
    table = _timeline(window)
    window.resize(1366, 688)
    QApplication.processEvents()
    assert table.columns is WIDE
    hours, stops, crs, icans, premedication_wide, assessments = (table.column_texts(title)[1] for title in (
        "Hours\ngiven", "Stops", "Worst\nCRS", "Worst\nICANS", "Premedication\ndue",
        "Assessments\n(grades → actions)"))
    window.resize(910, 432)
    QApplication.processEvents()
    assert table.columns is NARROW and table.columnCount() == 4
    day, given, graded, premedication = (table.column_texts(c.title)[1] for c in NARROW)
    assert day.split("\n") == ["day 2", "2026-06-05", "in hospital"]
    assert given.split("\n")[0] == hours + "\u00a0h given"
    assert stops in given and "stop 07:00 5\u00a0h" in given
    assert graded.split("\n")[:2] == assessments.split("; ")  # both of the day's assessments
    assert graded.split("\n")[2] == f"worst of the day: CRS\u00a0{crs}, ICANS\u00a0{icans}"
    assert premedication == premedication_wide
    assert "dexamethasone 1.6\u00a0mg before the restart after 5 h" in premedication  # the dose whole
