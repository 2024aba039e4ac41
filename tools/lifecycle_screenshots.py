"""Screenshots of the order lifecycle: the order dialog's Hold / Release / Discontinue /
Modify / Restart buttons, the Modify dialog (with the start), the Infusion page's action
panel with Hold and Restart, and the timeline after a restart order (bags numbered on).

Run under a virtual X server at 1366×768 (it re-executes itself under ``xvfb-run`` when no
``DISPLAY`` is set), at 100 % and at 150 % (``--scale 1.5``, ``QT_SCALE_FACTOR``)::

    .venv/bin/python tools/lifecycle_screenshots.py [--out docs/screenshots] [--scale 1.5]

It builds the training database (fictitious patients and users), makes and verifies
TRN-09's cycle 1 order through the services, records a bag, a CRS grade 3 assessment and a
5-hour stop, and saves PNGs with ``QWidget.grab`` (names end in ``-150`` at 150 %).
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
from screenshots import close_all, open_training_page, open_workspace, scaled_main, settle  # noqa: E402 (tools/, beside this file)

STUDY = "TRN-09"
NOW = dt.datetime(2026, 6, 5, 13, 0)
PHARMACIST = ("pharm.olsen", "pharmacist-pass-1", "Pharmacist Fictitious Olsen")
NURSE = ("nurse.jansen", "nurse-pass-1", "Nurse Fictitious Jansen")


def main() -> int:
    return scaled_main(__doc__ or "", take, scaled_screen="1366x768")


def _record(backend: Any) -> None:
    """A verified order with 48-hour bags from 2026-06-04 10:00, the start recorded, bag 1
    hung, a CRS grade 3 assessment and a 5-hour stop: all fictitious, entered through the
    services."""
    from interfant_desktop.protocol.case import CrsObservation, IcansObservation
    from interfant_desktop.services import auth, infusion, order_workflow, patients, toxicity, users
    from interfant_desktop.services.bags import HangRequest, hang_bag, schedule_in
    from interfant_desktop.ui.demo_data import TRAINEE, TRAINER

    backend.sign_in(*TRAINER[:2])
    for name, secret, full in (PHARMACIST, NURSE):  # each chooses their own password first
        backend.add_user(name, "pharmacist" if name == PHARMACIST[0] else "nurse", "temporary-" + secret,
                         full, TRAINER[1])
        users.change_temporary_password(backend.store, name, "temporary-" + secret, secret)
    store = backend.store
    doc = auth.sign_in(store, *TRAINEE[:2])
    values: dict[str, Any] = {"weight_kg": 6.2, "height_cm": 63.0, "weight_date": "2026-06-03",
                              "height_date": "2026-06-03", "start_date": "2026-06-04",
                              "start_time": "10:00", "bag_hours": 48}
    version = patients.open_patient(store, doc, STUDY).version
    try:
        draft = order_workflow.start_order(store, doc, STUDY, version, 1, **values)
    except order_workflow.WarningsNotConfirmed as exc:
        draft = order_workflow.start_order(store, doc, STUDY, version, 1,
                                           confirm_warnings=exc.warnings, **values)
    signed = order_workflow.sign_order(store, doc, draft.id, draft.version, password=TRAINEE[1])
    pharmacist = auth.sign_in(store, *PHARMACIST[:2])
    order = order_workflow.verify_order(store, pharmacist, signed.id, signed.version,
                                        weight_kg=6.2, height_cm=63.0, password=PHARMACIST[1])
    nurse = auth.sign_in(store, *NURSE[:2])
    version = patients.open_patient(store, nurse, STUDY).version
    infusion.record_infusion_start(store, nurse, STUDY, version, 1,
                                   start=dt.datetime(2026, 6, 4, 10, 0), bag_hours=48)
    first = schedule_in(order.content)[0]
    hang_bag(store, nurse, STUDY, order.id, HangRequest(
        first.number, dt.datetime.fromisoformat(first.hang), TRAINEE[0], first.rate_ml_per_h,
        first.infused_ml, True, True))
    toxicity.record_assessment(store, nurse, STUDY, toxicity.AssessmentRequest(
        at=dt.datetime(2026, 6, 5, 6, 30), cycle=1,
        crs=CrsObservation(39.3, False, True, 0, False, "high_flow"),
        icans=IcansObservation(2, False, "alert", "none", "none", "none"),
        seizures_this_treatment=0))
    infusion.record_interruption(store, nurse, STUDY, infusion.InterruptionRequest(
        1, dt.datetime(2026, 6, 5, 7, 0), "crs", dt.datetime(2026, 6, 5, 12, 0)))
    backend.sign_in(*TRAINEE[:2])


def take(out: Path, suffix: str) -> int:
    from PySide6.QtCore import QPoint
    from PySide6.QtWidgets import QScrollArea

    from interfant_desktop.services import auth, order_workflow
    from interfant_desktop.ui.backend import OrderActions
    from interfant_desktop.ui.demo_data import TRAINEE
    from interfant_desktop.ui.infusion.infusion_page import InfusionPage
    from interfant_desktop.ui.orders.order_dialog import ModifyOrderDialog, OrderWorkflowDialog

    app, backend, window, page = open_training_page(_record, STUDY, InfusionPage)
    out.mkdir(parents=True, exist_ok=True)
    saved: list[Path] = []

    def save(widget: Any, name: str) -> None:
        settle(400)
        path = out / f"{name}{suffix}.png"
        widget.grab().save(str(path))
        saved.append(path)

    page.password_asker = lambda _parent, _meaning: TRAINEE[1]
    page.now = lambda: NOW
    page.refresh()
    area = page.findChild(QScrollArea)
    assert area is not None
    settle(300)
    area.ensureWidgetVisible(page.action_panel, 0, 10)
    save(window, "30-infusion-action-panel-hold-restart")

    dialog = OrderWorkflowDialog(OrderActions(backend), STUDY, 1, window,
                                 password_asker=lambda _parent, _meaning: TRAINEE[1])
    dialog.show()
    save(dialog, "31-order-dialog-lifecycle-buttons")
    order = dialog.current()
    assert order is not None
    modify = ModifyOrderDialog(order.order_code, dialog.lifecycle_texts()["modify"][1],
                               dialog.lifecycle_texts()["modify"][2], (24, 48), dialog,
                               order.planned_start)
    modify.change_start.setChecked(True)
    modify.reason_edit.setPlainText("the line was placed later than planned")
    modify.show()
    save(modify, "32-modify-dialog-start")
    modify.close()

    doc = auth.sign_in(backend.store, *TRAINEE[:2])
    held = order_workflow.hold_order(backend.store, doc, order.id, order.version,
                                     reason="CRS grade 3 (R-TOX-CRS-3)", password=TRAINEE[1])
    dialog.reload(select=held.id)
    save(dialog, "33-order-dialog-held-release")
    made = order_workflow.restart_order(backend.store, doc, held.id, held.version,
                                        reason="CRS resolved to grade 1", password=TRAINEE[1])
    signed = order_workflow.sign_order(backend.store, doc, made.order.id, made.order.version,
                                       password=TRAINEE[1])
    pharmacist = auth.sign_in(backend.store, *PHARMACIST[:2])
    order_workflow.verify_order(backend.store, pharmacist, signed.id, signed.version,
                                weight_kg=6.2, height_cm=63.0, password=PHARMACIST[1])
    dialog.reload(select=signed.id)
    save(dialog, "34-order-dialog-restart-order")
    dialog.close()

    backend.sign_in(*TRAINEE[:2])
    workspace = open_workspace(window, STUDY)
    workspace.reload()
    workspace.show_page(InfusionPage)
    page = workspace.page(InfusionPage)
    page.now = lambda: NOW
    page.refresh()
    settle(300)
    area = page.findChild(QScrollArea)
    assert area is not None, "the infusion page scrolls"
    area.ensureWidgetVisible(page.table, 0, 10)
    # Start the view at a row of buttons, not half-way through one (a nudge, so the
    # timeline stays in view).
    content = area.widget()
    assert content is not None, "the scroll area holds the page"
    bar = area.verticalScrollBar()
    for button in (page.stop_button, page.hang_button):
        top = button.mapTo(content, QPoint(0, 0)).y() - 8
        if 0 <= bar.value() - top < 60:
            bar.setValue(top)
            break
    save(window, "35-infusion-timeline-restart-numbering")
    for path in saved:
        print(path)
    return close_all(window, backend, app)


if __name__ == "__main__":
    raise SystemExit(main())
