"""Benchmark (not a test): how long the window stops answering while an order prints.

Run from the repository root::

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_print_pause.py [--dpi 600] [--runs 3]

Prints the M2 order sheet (28 bags, every page; see ``bench_order_pdf.py``) to a PDF
printer at ``--dpi`` (a real printer's resolution), in the same run:

* **print process** (what the order dialog does now): the GUI thread starts a
  ``PrintJob`` from the printer's ``PrintSettings``, then ``job.open()`` and
  ``job.print(pdf)`` each run on the store worker through ``CollectionOp.wait()``,
  which only waits for the child process that paints; the time includes starting the
  process (in the dialog that start overlaps the password prompt; here nothing hides it);
* **in-process** (before; ``--no-in-process`` skips it): the old ``print_pdf``, pages
  painted on the store worker itself, whose ``drawImage`` holds the interpreter lock;
* **baseline**: the worker only sleeps for as long as the print process took (what the
  timer alone costs on this machine, now).

A GUI-thread timer fires every 5 ms; the longest gap between two ticks is the longest
time the window could not repaint or take a keystroke. Then, on the GUI thread alone, the
two parts of each page that hold the interpreter lock when painted in-process: pdfium's
render of the page (``QPdfDocument.render``) and painting that image (``drawImage``).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench_order_pdf import m2_order_sheet


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dpi", type=int, default=600)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-in-process", dest="in_process", action="store_false",
                        help="skip the old in-process print (the 'before' row)")
    args = parser.parse_args()

    from PySide6.QtCore import QTimer
    from PySide6.QtPrintSupport import QPrinter
    from PySide6.QtWidgets import QWidget

    from interfant_desktop.orders import render_order_pdf
    from interfant_desktop.ui.app import make_application
    from interfant_desktop.ui.operations import CollectionOp
    from interfant_desktop.ui.print_job import PrintJob, PrintSettings

    app = make_application()
    window = QWidget()
    window.show()
    pdf = render_order_pdf(m2_order_sheet())
    folder = Path(tempfile.mkdtemp(prefix="interfant-bench-print-"))

    def printer() -> QPrinter:
        device = QPrinter(QPrinter.PrinterMode.HighResolution)
        device.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        device.setResolution(args.dpi)
        device.setOutputFileName(str(folder / "printed.pdf"))
        return device

    def by_print_process() -> dict[str, float]:
        """As OrderWorkflowDialog.print_sheet: start, open, print; the step times."""
        started = time.perf_counter()
        with PrintJob(PrintSettings.from_printer(printer())) as job:
            CollectionOp(window, job.open).wait()
            opened = time.perf_counter()
            pages = CollectionOp(window, lambda: job.print(pdf)).wait()
        assert pages > 1
        return {"open": opened - started}

    def in_process() -> dict[str, float]:
        device = printer()
        assert CollectionOp(window, lambda: print_in_process(pdf, device)).wait() > 1
        return {}

    def sleeping(seconds: float) -> Callable[[], dict[str, float]]:
        def work() -> dict[str, float]:
            CollectionOp(window, lambda: time.sleep(seconds)).wait()
            return {}
        return work

    def timed(work: Callable[[], dict[str, float]]) -> dict[str, Any]:
        ticks: list[float] = []
        timer = QTimer()
        timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
        timer.start(5)
        started = time.perf_counter()
        steps = work()
        finished = time.perf_counter()
        timer.stop()
        gaps = [(b - a) * 1000 for a, b in zip([started, *ticks], [*ticks, finished], strict=True)]
        return {"elapsed": finished - started, "longest": max(gaps),
                "over": sum(g > 100 for g in gaps), **steps}

    print(f"order PDF: {len(pdf)} bytes; printed at {args.dpi} dpi, {args.runs} runs each")
    # The two prints take turns, so a change of the machine's load meets both alike.
    now: list[dict[str, Any]] = []
    before: list[dict[str, Any]] = []
    for _ in range(args.runs):
        now.append(timed(by_print_process))
        if args.in_process:
            before.append(timed(in_process))
    took = statistics.median(r["elapsed"] for r in now)
    rows = [("print process (now)", now), ("in-process (before)", before),
            ("baseline: worker sleeps", [timed(sleeping(took)) for _ in range(args.runs)])]
    for label, results in filter(lambda row: row[1], rows):
        longest = [r["longest"] for r in results]
        print(f"{label:<24} {statistics.median(r['elapsed'] for r in results) * 1000:7.0f} ms; "
              f"longest GUI pause {statistics.median(longest):6.0f} ms median "
              f"(runs: {', '.join(f'{x:.0f}' for x in longest)}); pauses > 100 ms: "
              f"{statistics.median(r['over'] for r in results):.0f}")
    opened = statistics.median(r["open"] for r in now) * 1000
    print(f"print process: start and open the printer {opened:.0f} ms median (in the dialog "
          "while the password is typed), then painting")
    render_ms, draw_ms = page_parts(pdf, args.dpi, folder)
    print(f"per page, one thread: render {render_ms:.0f} ms, drawImage {draw_ms:.0f} ms "
          "(median; each one call that holds the interpreter lock of the process that paints)")
    print(f"machine load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    window.close()
    app.quit()
    return 0


def print_in_process(pdf: bytes, printer: Any) -> int:
    """The print before the print process: every page painted in this process (on the
    store worker), each one render and one drawImage (``print_job.paint_pages``)."""
    from PySide6.QtCore import QObject
    from PySide6.QtGui import QPainter

    from interfant_desktop.ui.print_job import load_pdf, pages_to_print, paint_pages

    holder = QObject()
    document, _buffer = load_pdf(pdf, holder)
    painter = QPainter()
    assert painter.begin(printer)
    try:
        return paint_pages(document, printer, painter, pages_to_print(printer, document.pageCount()))
    finally:
        painter.end()
        document.close()


def page_parts(pdf: bytes, dpi: int, folder: Path) -> tuple[float, float]:
    """Median ms per page of the render and of the drawImage of ``paint_pages``' loop."""
    from PySide6.QtCore import QObject, QSize
    from PySide6.QtGui import QPainter
    from PySide6.QtPrintSupport import QPrinter

    from interfant_desktop.ui.print_job import load_pdf

    holder = QObject()
    document, _buffer = load_pdf(pdf, holder)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setResolution(dpi)
    printer.setOutputFileName(str(folder / "parts.pdf"))
    painter = QPainter()
    assert painter.begin(printer)
    target = printer.pageLayout().paintRectPixels(printer.resolution())
    renders, draws = [], []
    for index in range(document.pageCount()):
        if index:
            printer.newPage()
        size = document.pagePointSize(index)
        scale = min(target.width() / size.width(), target.height() / size.height())
        started = time.perf_counter()
        image = document.render(index, QSize(int(size.width() * scale), int(size.height() * scale)))
        renders.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        painter.drawImage(0, 0, image)
        draws.append((time.perf_counter() - started) * 1000)
    painter.end()
    document.close()
    return statistics.median(renders), statistics.median(draws)


if __name__ == "__main__":
    raise SystemExit(main())
