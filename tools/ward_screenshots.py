"""Screenshots of the shared-workstation screens: the header with allergies not recorded,
date fields, the unsaved-changes question, the lock screen, a read-only role, and the
dialogs whose messages used to be clipped.

Run under a virtual X server (it re-executes itself under ``xvfb-run`` when no
``DISPLAY`` is set), at the two ward screens::

    .venv/bin/python tools/ward_screenshots.py --out docs/screenshots/ward-1366
    .venv/bin/python tools/ward_screenshots.py --scale 1.5 --screen 1920x1080 \\
        --out docs/screenshots/ward-1920-150

The window is sized to the screen (in logical pixels, less a title and task bar);
every patient is fictitious (the training database).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
from screenshots import (  # noqa: E402 (tools/, beside this file)
    on_virtual_screen,
    open_workspace,
    settle,
    wait_for_summaries,
    window_size,
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(REPO / "docs" / "screenshots" / "ward"))
    parser.add_argument("--scale", default=None, help="QT_SCALE_FACTOR, e.g. 1.5")
    parser.add_argument("--screen", default="1366x768", help="the virtual screen, WxH")
    args = parser.parse_args()
    rerun = on_virtual_screen(args.screen)
    if rerun is not None:
        return rerun
    if args.scale:
        os.environ["QT_SCALE_FACTOR"] = args.scale
    os.environ.setdefault("INTERFANT_DATA_DIR", tempfile.mkdtemp(prefix="interfant-shots-"))
    return take(Path(args.out), *window_size(args.screen, float(args.scale or 1)))


def _when_modal(act: Callable[[Any], None]) -> None:
    """Run ``act`` on the next modal dialog once it is on screen."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    def poll() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(50, poll)
            return
        settle(300)
        act(dialog)

    QTimer.singleShot(0, poll)


def take(out: Path, width: int, height: int) -> int:
    from interfant_desktop.ui.app import make_application
    from interfant_desktop.ui.demo_data import build_training_database
    from interfant_desktop.ui.dialogs.resolve_review_dialog import ResolveReviewDialog
    from interfant_desktop.ui.dialogs.sign_in_dialog import SignInDialog
    from interfant_desktop.ui.main_window import MainWindow
    from interfant_desktop.ui.pages.diagnosis_page import DiagnosisPage
    from interfant_desktop.ui.pages.orders_page import OrdersPage

    app = make_application()
    out.mkdir(parents=True, exist_ok=True)
    backend, user, password = build_training_database()
    backend.sign_in(user, password)
    study = backend.create_patient({"study_id": "TRN-NEW", "date_of_birth": "2026-01-05",
                                    "name": "Fictitious Longname-Doublebarrelled",
                                    "hospital_number": "0900999"})
    window = MainWindow(backend, training=True)
    window.resize(width, height)
    window.show()
    settle(600)

    def shot(name: str, widget: Any = None) -> None:
        settle()
        path = out / f"{name}.png"
        (widget or window).grab().save(str(path))
        print(path, (widget or window).size().toTuple())

    wait_for_summaries(window)
    shot("01-list")
    ws = open_workspace(window, study)
    shot("02-header-allergies-not-recorded")
    ws.show_page(DiagnosisPage)
    diagnosis = ws.page(DiagnosisPage)
    diagnosis.pred_date.set_value("2026-05-10")
    diagnosis.wbc_value.setText("250")
    shot("03-diagnosis-date-fields")

    def unsaved_question(box: Any) -> None:
        shot("04-unsaved-changes-question", box)
        for button in box.buttons():
            if "Cancel" in button.text():
                button.click()

    _when_modal(unsaved_question)
    window.show_list()
    diagnosis.wbc_reason.setText("lab report of today")
    diagnosis.unit_e9.setChecked(True)
    diagnosis.save_wbc.click()
    shot("05-saved-confirmation")

    ws.show_page(OrdersPage)
    lock = SignInDialog(backend, locked_user=user, locked_why=None,
                        unsaved=["TRN-NEW · Diagnosis and prednisone response: WBC value"])
    lock.show()
    shot("06-lock-screen", lock)
    lock.password.setText("wrong password")
    lock.accept()
    shot("07-lock-screen-refused", lock)
    lock.close()

    ws.discard_unsaved()  # (the shots above left a typed sample date)
    ten = open_workspace(window, "TRN-10")
    item = next(r for r in ten.evaluation.review if r.rule)
    resolve = ResolveReviewDialog(item, ten)
    resolve.show()
    resolve.accept()
    shot("08-resolve-dialog-error", resolve)
    resolve.close()

    from interfant_desktop.ui.dialogs.allergy_dialog import AllergyDialog

    allergy = AllergyDialog("TRN-10", None, None, ten)
    allergy.show()
    allergy.accept()
    shot("09-allergy-dialog-error", allergy)
    allergy.close()
    window.close()
    backend.close()
    app.quit()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
