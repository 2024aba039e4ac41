"""Screenshots of the Roadmap page with recorded phase starts, its correction dialog, and the
treatment summary PDF (rendered with pdftoppm).

Run under a virtual X server (it re-executes itself under ``xvfb-run`` when no ``DISPLAY``
is set) at 1366×768, or at 1920×1080 with 150 % scaling::

    .venv/bin/python tools/phase_screenshots.py [--out docs/screenshots] [--scale 1.5]

It builds the training database (fictitious patients), records through the services the
prephase and induction starts of TRN-07 (its cycle 1 start is in the case) and saves PNGs.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
from screenshots import close_all, open_training_page, scaled_main, scroll_to, settle  # noqa: E402 (tools/, beside this file)

STUDY = "TRN-07"


def main() -> int:
    return scaled_main(__doc__ or "", take)


def _record(backend: object) -> None:
    from interfant_desktop.services import patients, phases

    store, user = backend.store, backend.user  # type: ignore[attr-defined]
    for phase, day in (("prephase", dt.date(2026, 4, 1)), ("induction", dt.date(2026, 4, 8))):
        version = patients.open_patient(store, user, STUDY).version
        phases.record_phase_start(store, user, STUDY, version, phase, day)


def take(out: Path, suffix: str) -> int:
    from interfant_desktop.ui.dialogs.phase_start_dialog import PhaseStartDialog
    from interfant_desktop.ui.pages.roadmap_page import RoadmapPage

    app, backend, window, page = open_training_page(_record, STUDY, RoadmapPage)
    out.mkdir(parents=True, exist_ok=True)
    settle(400)
    names = [f"16-roadmap-phase-dates{suffix}", f"17-roadmap-phase-starts{suffix}",
             f"18-phase-start-correction{suffix}"]
    window.grab().save(str(out / f"{names[0]}.png"))
    scroll_to(page, page.starts, 400)
    window.grab().save(str(out / f"{names[1]}.png"))
    start = backend.loaded_phase_starts(STUDY)[1]
    dialog = PhaseStartDialog(start, True, window)
    dialog.show()
    dialog.reason.setText("typed the day after")
    dialog._refuse("New start date: not a date (YYYY-MM-DD)")  # the refusal as it is shown
    settle(300)
    dialog.grab().save(str(out / f"{names[2]}.png"))
    dialog.close()
    if not suffix:
        pdf = out / "19-treatment-summary.pdf"
        backend.save_treatment_summary(STUDY, str(pdf))
        if shutil.which("pdftoppm"):
            subprocess.run(["pdftoppm", "-r", "90", "-png", "-singlefile", str(pdf),
                            str(out / "19-treatment-summary")], check=True)
            pdf.unlink()
            names.append("19-treatment-summary")
    for name in names:
        print(out / f"{name}.png")
    return close_all(window, backend, app)


if __name__ == "__main__":
    raise SystemExit(main())
