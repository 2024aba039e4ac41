"""Screenshots of every page of the real window, for the README and for review.

Run under a virtual X server (it re-executes itself under ``xvfb-run`` when no
``DISPLAY`` is set)::

    .venv/bin/python tools/screenshots.py [--out docs/screenshots] [--scale 1.0]
    .venv/bin/python tools/screenshots.py --screen 1366x768 --out docs/screenshots/pages-1366x768
    .venv/bin/python tools/screenshots.py --screen 1920x1080 --scale 1.5 \
        --out docs/screenshots/pages-1920x1080-150

It builds the training database, signs in as the training physician, opens
patients that show each path, and saves one PNG per page with ``QWidget.grab``;
``--x-screen`` also saves what the X server shows (``import -window root``), as a
check that the real window (xcb, not offscreen) was on screen.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # (the app is imported only once on the virtual screen, see on_virtual_screen)
    from PySide6.QtWidgets import QApplication

    from interfant_desktop.ui.backend import UiBackend
    from interfant_desktop.ui.main_window import MainWindow
    from interfant_desktop.ui.workspace import PageT, PatientWorkspace

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

#: (file name, study ID, page index) — which patient shows each page best.
SHOTS = (
    ("01-patient-list", None, None),
    ("02-eligibility-ineligible", "TRN-04", 0),
    ("03-eligibility-incomplete", "TRN-05", 0),
    ("04-diagnosis-prednisone", "TRN-01", 1),
    ("05-risk-reallocated", "TRN-07", 2),
    ("06-induction-mrd", "TRN-14", 3),
    ("06b-mrd-chart", "TRN-08", 3),
    ("07-checklist-fails", "TRN-13", 4),
    ("08-roadmap", "TRN-07", 5),
    ("09-orders", "TRN-09", 6),
    ("10-history", "TRN-07", 7),
    ("11-review-item", "TRN-10", 2),
    ("12-roadmap-mr-blina2", "TRN-06", 5),
    ("13-infusion", "TRN-09", 8),
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(REPO / "docs" / "screenshots"))
    parser.add_argument("--scale", default=None, help="QT_SCALE_FACTOR, e.g. 1.5")
    parser.add_argument("--only", nargs="*", help="file names to take (default: all)")
    parser.add_argument("--x-screen", action="store_true",
                        help="also save the whole X screen after the first shot")
    parser.add_argument("--screen", default=None,
                        help="a ward screen, WxH (e.g. 1366x768): the window fills it, less a "
                             "title and task bar (default: a 1360x860 window on 1400x900)")
    args = parser.parse_args()
    rerun = prepare_screen(args.screen or "1400x900", args.scale)
    if rerun is not None:
        return rerun
    size = window_size(args.screen, float(args.scale or 1)) if args.screen else (1360, 860)
    return take(Path(args.out), set(args.only or []), args.x_screen, size)


#: the height a window manager's title bar and a task bar take from a ward screen
TITLE_AND_TASK_BAR = 80


def window_size(screen: str, scale: float) -> tuple[int, int]:
    """The window's size, in logical pixels, on a ``WxH`` screen at ``scale``."""
    width, height = (int(n) for n in screen.split("x"))
    return int(width / scale), int(height / scale) - TITLE_AND_TASK_BAR


def prepare_screen(size: str, scale: str | None) -> int | None:
    """On a virtual screen of ``size`` (see :func:`on_virtual_screen`: the exit status of the
    run under xvfb-run, or None here), at ``scale`` (QT_SCALE_FACTOR), with a throw-away
    data folder."""
    rerun = on_virtual_screen(size)
    if rerun is not None:
        return rerun
    if scale:
        os.environ["QT_SCALE_FACTOR"] = scale
    os.environ.setdefault("INTERFANT_DATA_DIR", tempfile.mkdtemp(prefix="interfant-shots-"))
    return None


def on_virtual_screen(size: str) -> int | None:
    """Show the real window, not offscreen: without a display, run this script again
    under xvfb-run at ``size`` (e.g. ``1366x768``) and return its exit status."""
    if os.environ.get("QT_QPA_PLATFORM") == "offscreen":
        del os.environ["QT_QPA_PLATFORM"]
    if not os.environ.get("DISPLAY") and shutil.which("xvfb-run"):
        command = ["xvfb-run", "-a", "-s", f"-screen 0 {size}x24", sys.executable, *sys.argv]
        return subprocess.call(command)
    return None


def scaled_main(description: str, take: Callable[[Path, str], int],
                scaled_screen: str = "1920x1080") -> int:
    """The command line of a screenshot script with ``--out`` and ``--scale``: on a
    1366×768 virtual screen, or ``scaled_screen`` when scaled; ``take(out, suffix)`` then
    saves the shots, their names ending in ``suffix`` ("-150" at 1.5)."""
    parser = argparse.ArgumentParser(description=description.splitlines()[0])
    parser.add_argument("--out", default=str(REPO / "docs" / "screenshots"))
    parser.add_argument("--scale", default=None, help=f"QT_SCALE_FACTOR, e.g. 1.5 (screen {scaled_screen})")
    args = parser.parse_args()
    scaled = bool(args.scale) and float(args.scale) != 1
    rerun = prepare_screen(scaled_screen if scaled else "1366x768", args.scale)
    if rerun is not None:
        return rerun
    return take(Path(args.out), f"-{round(current_scale() * 100)}" if scaled else "")


def current_scale() -> float:
    """The scale the shots are taken at (QT_SCALE_FACTOR, 1 when unset)."""
    return float(os.environ.get("QT_SCALE_FACTOR") or 1)


def scroll_to(widget: Any, target: Any, ms: int = 300) -> None:
    """Scroll ``widget``'s scroll area until ``target`` is in view, then let it paint."""
    from PySide6.QtWidgets import QScrollArea

    area = widget.findChild(QScrollArea)
    assert area is not None
    area.ensureWidgetVisible(target, 0, 10)
    settle(ms)


def settle(ms: int = 300) -> None:
    """Let the window lay itself out and paint for ``ms`` before a shot."""
    from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()
    QCoreApplication.processEvents()


def open_workspace(window: MainWindow, study_id: str) -> PatientWorkspace:
    """Open ``study_id``'s workspace in ``window``; an error if the window did not open it
    (it says why in a message box, which a screenshot run must not go on past)."""
    workspace = window.open_patient(study_id)
    if workspace is None:
        raise RuntimeError(f"the window did not open patient {study_id}")
    return workspace


def open_training_page(record: Callable[[UiBackend], None], study: str, page_type: type[PageT],
                       size: tuple[int, int] | None = None
                       ) -> tuple[QApplication, UiBackend, MainWindow, PageT]:
    """The training database, signed in, with ``record(backend)`` applied; the main window
    shown (``size``, or the screen less a title and task bar, as on the ward) on ``study``'s
    ``page_type`` page. Returns (app, backend, window, page)."""
    from interfant_desktop.ui.app import make_application
    from interfant_desktop.ui.demo_data import build_training_database
    from interfant_desktop.ui.main_window import MainWindow

    app = make_application()
    backend, user, password = build_training_database()
    backend.sign_in(user, password)
    record(backend)
    window = MainWindow(backend, training=True)
    if size is None:
        screen = app.primaryScreen().availableGeometry()
        size = (screen.width(), screen.height() - TITLE_AND_TASK_BAR)
    window.resize(*size)
    window.show()
    settle(600)
    workspace = open_workspace(window, study)
    workspace.show_page(page_type)
    return app, backend, window, workspace.page(page_type)


def close_all(window: Any, backend: Any, app: Any) -> int:
    """Close the window, then the database, then quit Qt; the script's exit status (0)."""
    window.close()
    backend.close()
    app.quit()
    return 0


def wait_for_summaries(window: Any) -> None:
    """Until the list shows every row's risk and phase (computed in the background). Each
    row's summary is asked for first, as the view does when it paints the row: before
    that none is pending, and the list would be shot showing "…"."""
    model = window.list_page.model
    for row in range(model.rowCount()):
        model.data(model.index(row, model.columnCount() - 1))
    for _ in range(200):
        settle(100)
        if not model.summaries_pending():
            return


def take(out: Path, only: set[str], x_screen: bool = False,
         size: tuple[int, int] = (1360, 860)) -> int:

    from interfant_desktop.ui.app import make_application
    from interfant_desktop.ui.demo_data import build_training_database
    from interfant_desktop.ui.main_window import MainWindow

    app = make_application()
    backend, user, password = build_training_database()
    backend.sign_in(user, password)
    window = MainWindow(backend, training=True)
    window.resize(*size)
    window.show()
    settle(600)
    if window.width() > size[0]:
        print(f"window is {window.width()} px wide, more than the {size[0]} px asked for",
              file=sys.stderr)
    out.mkdir(parents=True, exist_ok=True)
    for name, study_id, page in SHOTS:
        if only and name not in only:
            continue
        if study_id is None:
            window.show_list()
            wait_for_summaries(window)
        else:
            assert page is not None, f"{name}: a patient's shot names the page to show"
            workspace = open_workspace(window, study_id)
            workspace.steps.setCurrentRow(page)
            if name.endswith("mrd-chart"):
                from PySide6.QtWidgets import QScrollArea

                from interfant_desktop.ui.pages.induction_page import InductionPage

                induction = workspace.pages[page]
                assert isinstance(induction, InductionPage), f"{name}: the MRD chart is on the induction page"
                area = induction.findChild(QScrollArea)
                assert area is not None, "the induction page scrolls"
                settle(100)
                area.ensureWidgetVisible(induction.chart, 0, 40)
        settle()
        path = out / f"{name}.png"
        window.grab().save(str(path))
        print(path)
        if x_screen and shutil.which("import"):
            screen = out / "x-screen.png"
            subprocess.run(["import", "-window", "root", str(screen)], check=False)
            print(screen, "(whole X screen)")
            x_screen = False
    return close_all(window, backend, app)


if __name__ == "__main__":
    raise SystemExit(main())
