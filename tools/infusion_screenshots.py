"""Screenshots of the Infusion page (timeline, action panel) and the assessment dialog.

Run under a virtual X server at 1366×768 (it re-executes itself under ``xvfb-run`` when no
``DISPLAY`` is set), at 100 % and at 150 % (``--scale 1.5``: the window is then 910 logical
pixels wide, and the timeline takes its four-column layout)::

    .venv/bin/python tools/infusion_screenshots.py [--out docs/screenshots] [--scale 1.5]

It builds the training database (fictitious patients), records through the services an
infusion record for TRN-09 (start, a CRS grade 3 assessment, a 5-hour stop), opens the
patient's Infusion page as the training physician and saves PNGs with ``QWidget.grab``
(names end in ``-150`` at 150 %).
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
from screenshots import (  # noqa: E402 (tools/, beside this file)
    close_all,
    current_scale,
    open_training_page,
    scaled_main,
    scroll_to,
    settle,
    window_size,
)

STUDY = "TRN-09"
NOW = dt.datetime(2026, 6, 5, 13, 0)


def main() -> int:
    return scaled_main(__doc__ or "", lambda out, suffix: take(
        out, suffix, window_size("1366x768", current_scale())), scaled_screen="1366x768")


def _record(backend: object) -> None:
    """A fictitious infusion record, entered through the services as a nurse would."""
    from interfant_desktop.protocol.case import CrsObservation, IcansObservation
    from interfant_desktop.services import infusion, patients, toxicity

    store, user = backend.store, backend.user  # type: ignore[attr-defined]
    version = patients.open_patient(store, user, STUDY).version
    infusion.record_infusion_start(store, user, STUDY, version, 1,
                                   start=dt.datetime(2026, 6, 4, 10, 0), bag_hours=48)
    toxicity.record_assessment(store, user, STUDY, toxicity.AssessmentRequest(
        at=dt.datetime(2026, 6, 5, 6, 30), cycle=1,
        crs=CrsObservation(39.3, False, True, 0, False, "high_flow"),
        icans=IcansObservation(None, False, "spontaneous", "none", "none", "none"),
        seizures_this_treatment=0,
        capd_answers={1: "often", 2: "always", 3: "always", 4: "always", 5: "never", 6: "never",
                      7: "rarely", 8: "never"}))
    infusion.record_interruption(store, user, STUDY, infusion.InterruptionRequest(
        1, dt.datetime(2026, 6, 5, 7, 0), "crs", dt.datetime(2026, 6, 5, 12, 0)))


def _scroll_above(page: Any, widget: Any, room: int = 40) -> None:
    """Scroll the page until ``widget``'s top (and ``room`` pixels above it: its title) is at the top."""
    from PySide6.QtCore import QPoint
    from PySide6.QtWidgets import QScrollArea

    area = page.findChild(QScrollArea)
    area.verticalScrollBar().setValue(widget.mapTo(area.widget(), QPoint(0, 0)).y() - room)
    settle(400)


def take(out: Path, suffix: str = "", size: tuple[int, int] = (1366, 768)) -> int:
    from interfant_desktop.ui.infusion.assessment_dialog import AssessmentDialog
    from interfant_desktop.ui.infusion.infusion_page import InfusionPage

    app, backend, window, page = open_training_page(_record, STUDY, InfusionPage, size)
    out.mkdir(parents=True, exist_ok=True)
    page.now = lambda: NOW
    page.refresh()
    settle(400)
    _scroll_above(page, page.table)
    window.grab().save(str(out / f"13-infusion-timeline{suffix}.png"))
    _scroll_above(page, page.action_panel)
    window.grab().save(str(out / f"14-infusion-action-panel{suffix}.png"))
    dialog = AssessmentDialog(page.calls, 1, backend.protocol.toxicity, NOW, window)
    dialog.resize(min(1300, size[0]), min(740, size[1]))
    dialog.show()
    settle(400)
    scroll_to(dialog, dialog.capd_answers[8], 400)
    dialog.grab().save(str(out / f"15-assessment-dialog-capd{suffix}.png"))
    dialog.close()
    for name in ("13-infusion-timeline", "14-infusion-action-panel", "15-assessment-dialog-capd"):
        print(out / f"{name}{suffix}.png")
    return close_all(window, backend, app)


if __name__ == "__main__":
    raise SystemExit(main())
