"""Screenshots of the Infusion page's "entered in error" dialog, the assessment dialog's
CAPD notice (anchor text not transcribed) and the pharmacist's bag preparation dialog.

Run under a virtual X server (re-executes itself under ``xvfb-run`` when no ``DISPLAY``)
at 1366×768, or at 1920×1080 with 150 % scaling::

    .venv/bin/python tools/record_screenshots.py [--out docs/screenshots] [--scale 1.5]

Fictitious patients only (the training database); the infusion record of TRN-09 is the
one ``tools/infusion_screenshots.py`` enters.
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
from infusion_screenshots import NOW, STUDY, _record  # noqa: E402 (tools/, beside this file)
from screenshots import (  # noqa: E402 (tools/, beside this file)
    TITLE_AND_TASK_BAR,
    close_all,
    open_training_page,
    scaled_main,
    scroll_to,
    settle,
)


def main() -> int:
    return scaled_main(__doc__ or "", take)


def take(out: Path, suffix: str) -> int:
    from interfant_desktop.ui.demo_data import TRAINER
    from interfant_desktop.ui.dialogs.preparation_dialog import PreparationDialog
    from interfant_desktop.ui.infusion.assessment_dialog import AssessmentDialog
    from interfant_desktop.ui.infusion.in_error_dialog import EnteredInErrorDialog
    from interfant_desktop.ui.infusion.infusion_page import InfusionPage

    app, backend, window, page = open_training_page(_record, STUDY, InfusionPage)
    out.mkdir(parents=True, exist_ok=True)
    screen = app.primaryScreen().availableGeometry()
    page.now = lambda: NOW
    page.refresh()
    names = [f"20-infusion-entered-in-error{suffix}", f"21-assessment-capd-not-transcribed{suffix}",
             f"22-bag-preparation-pharmacist{suffix}"]
    dialog = EnteredInErrorDialog(page.record_entries(), window)
    dialog.show()
    dialog.list.setCurrentRow(0)
    settle(300)
    dialog.grab().save(str(out / f"{names[0]}.png"))
    dialog.close()
    assessment = AssessmentDialog(page.calls, 1, backend.protocol.toxicity, NOW, window)
    # wider than its own 900 px to show more of the form, no taller than the ward's window
    assessment.resize(min(1300, screen.width() - 40), min(740, screen.height() - TITLE_AND_TASK_BAR))
    assessment.show()
    settle(300)
    scroll_to(assessment, assessment.capd_anchors[2])
    assessment.grab().save(str(out / f"{names[1]}.png"))
    assessment.close()
    admin, admin_password, _full = TRAINER
    backend.sign_in(admin, admin_password)
    backend.add_user("pharm.demo", "pharmacist", "temporary-pass-1", "Training pharmacist",
                     admin_password)
    backend.change_temporary_password("pharm.demo", "temporary-pass-1", "pharmacist-pass-1")
    backend.sign_in("pharm.demo", "pharmacist-pass-1")
    preparation = PreparationDialog(backend, window)
    preparation.show()
    settle(300)
    preparation.grab().save(str(out / f"{names[2]}.png"))
    preparation.close()
    for name in names:
        print(out / f"{name}.png")
    return close_all(window, backend, app)


if __name__ == "__main__":
    raise SystemExit(main())
