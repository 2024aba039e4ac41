"""Benchmark (not a test): how long the window stops answering while an order prints.

Run from the repository root::

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_print_pause.py [--dpi 600] [--runs 3]

Prints the M2 order sheet (28 bags, every page; see ``bench_order_pdf.py``) the way the
order dialog does: ``print_pdf`` on the store worker through ``CollectionOp.wait()``,
the GUI thread running its event loop meanwhile, to a PDF printer at ``--dpi`` (a real
printer's resolution). A GUI-thread timer fires every 5 ms; the longest gap between two
ticks is the longest time the window could not repaint or take a keystroke. As a
baseline in the same run: the same timer while the worker only sleeps for as long as the
print took (what the timer alone costs on this machine, now). Then, on the GUI thread
alone, the two parts of each page that hold the interpreter lock: pdfium's render of the
page (``QPdfDocument.render``) and painting that image on the printer (``drawImage``).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench_order_pdf import m2_order_sheet


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dpi", type=int, default=600)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    from PySide6.QtCore import QTimer
    from PySide6.QtPrintSupport import QPrinter
    from PySide6.QtWidgets import QWidget

    from interfant_desktop.orders import render_order_pdf
    from interfant_desktop.ui.app import make_application
    from interfant_desktop.ui.operations import CollectionOp
    from interfant_desktop.ui.orders import order_dialog

    app = make_application()
    window = QWidget()
    window.show()
    pdf = render_order_pdf(m2_order_sheet())
    folder = Path(tempfile.mkdtemp(prefix="interfant-bench-print-"))

    def one_print(sleep_s: float | None = None) -> tuple[float, float, list[float]]:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setResolution(args.dpi)
        printer.setOutputFileName(str(folder / "printed.pdf"))

        def work() -> int:  # the pages printed (one page "printed" by sleeping)
            if sleep_s is None:
                return order_dialog.print_pdf(pdf, printer)
            time.sleep(sleep_s)
            return 1

        ticks: list[float] = []
        timer = QTimer()
        timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
        timer.start(5)
        started = time.perf_counter()
        pages = CollectionOp(window, work).wait()
        elapsed = time.perf_counter() - started
        timer.stop()
        gaps = [(b - a) * 1000 for a, b in zip([started, *ticks], [*ticks, time.perf_counter()],
                                                  strict=True)]
        assert pages > 0
        return elapsed, max(gaps), gaps

    print(f"order PDF: {len(pdf)} bytes; printed at {args.dpi} dpi, {args.runs} runs each")
    printed = [one_print() for _ in range(args.runs)]
    took = statistics.median(r[0] for r in printed)
    idle = [one_print(took) for _ in range(args.runs)]
    for label, results in (("printing", printed), ("baseline: worker sleeps", idle)):
        longest = [r[1] for r in results]
        over = statistics.median(sum(g > 100 for g in r[2]) for r in results)
        print(f"{label:<24} {statistics.median(r[0] for r in results) * 1000:7.0f} ms; "
              f"longest GUI pause {statistics.median(longest):6.0f} ms median "
              f"(runs: {', '.join(f'{x:.0f}' for x in longest)}); pauses > 100 ms: {over:.0f}")
    render_ms, draw_ms = page_parts(pdf, args.dpi, folder)
    print(f"per page, one thread: render {render_ms:.0f} ms, drawImage {draw_ms:.0f} ms "
          "(median; each one call that holds the interpreter lock)")
    print(f"machine load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    window.close()
    app.quit()
    return 0


def page_parts(pdf: bytes, dpi: int, folder: Path) -> tuple[float, float]:
    """Median ms per page of the render and of the drawImage of ``print_pdf``'s loop."""
    from PySide6.QtCore import QObject, QSize
    from PySide6.QtGui import QPainter
    from PySide6.QtPrintSupport import QPrinter

    from interfant_desktop.ui.orders.preview_dialog import load_pdf

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
