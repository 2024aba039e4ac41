"""Printing an order sheet in a separate process, so the window never pauses.

Painting one page on the printer at its resolution (at most 600 dpi,
:data:`MAX_RASTER_DPI`) is one ``drawImage`` of a ~35-megapixel image that the PDF or
print engine encodes in a single call, holding Python's interpreter lock for over half a
second: even on a worker thread the window cannot repaint meanwhile. So the pages are
painted by a child process (a fresh interpreter started with multiprocessing's "spawn",
which also works in the frozen bundle through ``multiprocessing.freeze_support()``).
The child makes its own QGuiApplication on the parent's platform (it shows no window),
rebuilds the QPrinter from the settings the user chose in the print dialog
(:class:`PrintSettings`) and paints each page as ONE image with one ``drawImage``,
exactly as the in-process print did (painting a page in bands cut text where two bands
met, see commit 39fd3e9).

The GUI side (:class:`PrintJob`) only waits on a pipe, which lets go of the lock, and
turns every failure of the child (printer not opened, render failure, crash, non-zero
exit, no answer within :data:`ANSWER_TIMEOUT_S`) into an ``OSError`` with a sentence.
A job has two steps, so that a printer that cannot be opened is known before the print
is recorded: :meth:`PrintJob.open` (the child opens the printer) and
:meth:`PrintJob.print` (the child paints the sheet and reports its page count).

This module imports only Qt (not the services), so the child starts quickly.
"""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import os
import sys
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from types import TracebackType
from typing import Literal

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QCoreApplication,
    QIODevice,
    QMarginsF,
    QMessageLogContext,
    QObject,
    QRectF,
    QSize,
    QSizeF,
    QtMsgType,
    qInstallMessageHandler,
)
from PySide6.QtGui import QGuiApplication, QPageLayout, QPageRanges, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrintEngine, QPrinter

from interfant_desktop.ui.i18n import install_translations

#: lupdate reads calls named ``translate`` with literal texts; the print process installs the
#: window's translations, so its sentences reach the user in the same language
translate = QCoreApplication.translate

#: Longest wait for one answer of the print process (its start and the opening of the
#: printer, or painting every page); then it is stopped. A 600-dpi print of the longest
#: order takes a few seconds.
ANSWER_TIMEOUT_S = 120.0
#: The CUPS options the Unix print dialog sets on the printer's engine (PPK_CupsOptions
#: in Qt's qcups_p.h): page ranges, odd/even pages, pages per sheet, banners, job
#: priority. On CUPS the dialog hands the chosen pages to the server this way.
CUPS_OPTIONS = QPrintEngine.PrintEnginePropertyKey(0xFE00)
#: Finest resolution a page is rendered at, a laser printer's. Qt gives a QPrinter in
#: HighResolution 1200 dpi on CUPS (and for a PDF file) whatever the printer does: an A4
#: page of 130 megapixels, so a 9-page order took 44 s and 1 GB in the print process and
#: sent an 82 MB job, which CUPS's PostScript filter rasterised again at 300 dpi.
MAX_RASTER_DPI = 600
#: The last IPP status of success (successful-ok-events-complete, RFC 8011 has 0x0000-0x00FF)
IPP_LAST_SUCCESS = 0x00FF


@dataclass(frozen=True)
class PrintSettings:
    """Everything the print dialog can set on a QPrinter that matters for an order, in a
    form that crosses to the print process (pickled)."""

    printer_name: str
    output_format: QPrinter.OutputFormat
    output_file_name: str
    doc_name: str
    copy_count: int
    collate: bool
    duplex: QPrinter.DuplexMode
    color_mode: QPrinter.ColorMode
    print_range: QPrinter.PrintRange
    #: (first, last) page numbers, 1-based, when the user chose pages
    page_ranges: tuple[tuple[int, int], ...]
    page_order: QPrinter.PageOrder
    paper_source: QPrinter.PaperSource
    page_size_id: QPageSize.PageSizeId
    page_size_name: str
    #: the exact paper size, width and height in points (for a custom or printer size)
    page_size_points: tuple[float, float]
    orientation: QPageLayout.Orientation
    #: left, top, right, bottom, in ``margin_unit``
    margins: tuple[float, float, float, float]
    margin_unit: QPageLayout.Unit
    full_page: bool
    resolution: int
    cups_options: tuple[str, ...]

    @classmethod
    def from_printer(cls, printer: QPrinter) -> PrintSettings:
        """The settings of a printer the user set up (QPrintDialog)."""
        layout = printer.pageLayout()
        size = layout.pageSize()
        points = size.size(QPageSize.Unit.Point)
        margins = layout.margins()
        cups = printer.printEngine().property(CUPS_OPTIONS)
        return cls(
            printer.printerName(), printer.outputFormat(), printer.outputFileName(),
            printer.docName(), printer.copyCount(), printer.collateCopies(), printer.duplex(),
            printer.colorMode(), printer.printRange(),
            tuple((r.from_, r.to) for r in printer.pageRanges().toRangeList()),
            printer.pageOrder(), printer.paperSource(), size.id(), size.name(),
            (points.width(), points.height()), layout.orientation(),
            (margins.left(), margins.top(), margins.right(), margins.bottom()),
            layout.units(), printer.fullPage(), printer.resolution(),
            tuple(str(option) for option in cups) if isinstance(cups, list) else ())

    def is_cups_printer(self) -> bool:
        """A printer of the system's print server, which on Linux is CUPS (a PDF file or
        macOS's and Windows's own print systems are not)."""
        return (sys.platform.startswith("linux") and not self.output_file_name
                and self.output_format == QPrinter.OutputFormat.NativeFormat)

    def page_size(self) -> QPageSize:
        if self.page_size_id != QPageSize.PageSizeId.Custom:
            return QPageSize(self.page_size_id)
        return QPageSize(QSizeF(*self.page_size_points), QPageSize.Unit.Point,
                         name=self.page_size_name, matchPolicy=QPageSize.SizeMatchPolicy.ExactMatch)

    def apply(self, printer: QPrinter) -> None:
        """Set ``printer`` up as the user chose. The output first (choosing a printer
        resets its engine), the CUPS options last (they live on that engine)."""
        printer.setOutputFormat(self.output_format)
        if self.output_format == QPrinter.OutputFormat.NativeFormat:
            printer.setPrinterName(self.printer_name)
            # Qt keeps the printer it had when the name is not one of the system's: a
            # printer removed since the dialog would have printed on another ward's
            if self.printer_name and printer.printerName() != self.printer_name:
                raise OSError(translate("PrintJob", "printer {name} is not available (any more)")
                              .format(name=self.printer_name))
        printer.setOutputFileName(self.output_file_name)
        printer.setDocName(self.doc_name)
        printer.setResolution(self.resolution)
        layout = QPageLayout(self.page_size(), self.orientation, QMarginsF(*self.margins),
                             self.margin_unit)
        if not printer.setPageLayout(layout):
            raise OSError(translate("PrintJob", "the printer does not take the chosen paper and margins "
                              "({paper}, {margins} {unit})").format(
                paper=self.page_size_name, margins=self.margins, unit=self.margin_unit.name))
        printer.setFullPage(self.full_page)
        printer.setCopyCount(self.copy_count)
        printer.setCollateCopies(self.collate)
        printer.setDuplex(self.duplex)
        printer.setColorMode(self.color_mode)
        printer.setPageOrder(self.page_order)
        printer.setPaperSource(self.paper_source)
        printer.setPrintRange(self.print_range)
        ranges = QPageRanges()
        for first, last in self.page_ranges:
            ranges.addRange(first, last)
        printer.setPageRanges(ranges)
        if self.cups_options:
            printer.printEngine().setProperty(CUPS_OPTIONS, list(self.cups_options))


def cups_refusal() -> str | None:
    """Why CUPS refused the job that Qt just handed it, or None when it took it. Qt's CUPS
    engine sends the job when the painter ends and ignores the answer (a queue that rejects
    jobs printed nothing, and the print said it was done); libcups keeps the last answer of
    the thread, and the painter ended on this one."""
    try:
        cups = ctypes.CDLL("libcups.so.2")  # the library Qt's CUPS plugin has loaded
    except OSError:
        return None
    cups.cupsLastError.restype = ctypes.c_int
    cups.cupsLastErrorString.restype = ctypes.c_char_p
    status = cups.cupsLastError()
    if status <= IPP_LAST_SUCCESS:
        return None
    why: bytes | None = cups.cupsLastErrorString()
    # (CUPS ends its sentence with a full stop, the message around it adds its own)
    return (why or b"").decode(errors="replace").rstrip(".") or translate(
        "PrintJob", "IPP status {code}").format(code=format(status, "#06x"))


def load_pdf(pdf: bytes, parent: QObject) -> tuple[QPdfDocument, QBuffer]:
    """A QPdfDocument of ``pdf`` (keep the returned buffer alive as long as the document)."""
    buffer = QBuffer(parent)
    buffer.setData(QByteArray(pdf))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument(parent)
    document.load(buffer)
    return document, buffer


def pages_to_print(printer: QPrinter, page_count: int) -> list[int]:
    """The 0-based pages the user chose (all of them unless a page range was chosen; on
    CUPS the dialog passes a range to the server instead and leaves all pages here)."""
    if printer.printRange() != QPrinter.PrintRange.PageRange or printer.pageRanges().isEmpty():
        return list(range(page_count))
    chosen = [index for index in range(page_count) if printer.pageRanges().contains(index + 1)]
    if not chosen:
        raise OSError(translate("PrintJob", "the chosen pages ({pages}) are not in the order sheet "
                                "({count} pages)").format(pages=printer.pageRanges().toString(),
                                                          count=page_count))
    return chosen


def raster_resolution(printer: QPrinter) -> int:
    """The resolution a page is rendered at: the printer's, at most :data:`MAX_RASTER_DPI`."""
    return min(printer.resolution(), MAX_RASTER_DPI)


def paint_pages(document: QPdfDocument, printer: QPrinter, painter: QPainter,
                pages: Sequence[int]) -> int:
    """Paint ``pages`` of ``document`` on the open ``printer``, each rendered by pdfium to
    one image at :func:`raster_resolution` and painted with one drawImage, filling the
    paint area as wide or as high as it goes; the count."""
    target = printer.pageLayout().paintRectPixels(printer.resolution())
    shrink = raster_resolution(printer) / printer.resolution()
    for number, index in enumerate(pages):
        if number:
            printer.newPage()
        size = document.pagePointSize(index)
        scale = min(target.width() / size.width(), target.height() / size.height()) * shrink
        image = document.render(index, QSize(int(size.width() * scale),
                                             int(size.height() * scale)))
        if image.isNull():
            raise OSError(translate("PrintJob", "page {n} of the order sheet could not be rendered")
                          .format(n=index + 1))
        painter.drawImage(QRectF(0, 0, image.width() / shrink, image.height() / shrink), image)
    return len(pages)


# --- the messages between the two processes -------------------------------------------------

@dataclass(frozen=True)
class _Request:
    """What the GUI asks: open the printer, paint ``pdf`` on it, or give up (cancel)."""

    action: Literal["open", "print", "cancel"]
    pdf: bytes = b""


@dataclass(frozen=True)
class _Answer:
    """The print process's answer: ``problem`` None when it did what was asked."""

    problem: str | None
    pages: int = 0


# --- the print process -----------------------------------------------------------------------

class _PrintProcess:
    """The child side: one printer, opened when asked, one sheet painted on it."""

    def __init__(self, settings: PrintSettings) -> None:
        self.settings = settings
        self.warnings: list[str] = []
        self.printer: QPrinter | None = None
        self.painter = QPainter()

    def log(self, kind: QtMsgType, _context: QMessageLogContext, text: str) -> None:
        # (QPainter's "begin(): Returned false" only repeats what the answer says)
        if kind != QtMsgType.QtDebugMsg and not text.startswith("QPainter::begin"):
            self.warnings.append(text)

    def _qt_says(self) -> str:
        return " (Qt: " + "; ".join(self.warnings[-2:]) + ")" if self.warnings else ""

    def open(self) -> _Answer:
        self.printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        self.settings.apply(self.printer)
        if not self.painter.begin(self.printer):
            name = self.settings.printer_name or translate("PrintJob", "(default)")
            where = (translate("PrintJob", "the file {file} cannot be written").format(
                file=self.settings.output_file_name) if self.settings.output_file_name else
                translate("PrintJob", "printer {name}").format(name=name))
            return _Answer(translate("PrintJob", "the printer could not be opened: {where}").format(
                where=where) + self._qt_says())
        return _Answer(None)

    def print(self, pdf: bytes) -> _Answer:
        assert self.printer is not None and self.painter.isActive()
        holder = QObject()
        document, _buffer = load_pdf(pdf, holder)
        if document.status() != QPdfDocument.Status.Ready or document.pageCount() < 1:
            self.cancel()
            return _Answer(translate("PrintJob", "the order sheet could not be read ({error})").format(
                error=document.error().name))
        try:
            pages = paint_pages(document, self.printer, self.painter,
                                pages_to_print(self.printer, document.pageCount()))
        except Exception:
            self.cancel()  # no half-painted PDF file left behind
            raise
        if not self.painter.end():
            return _Answer(translate("PrintJob", "the printer did not finish the print") + self._qt_says())
        refusal = cups_refusal() if self.settings.is_cups_printer() else None
        if refusal is not None:
            return _Answer(translate("PrintJob", "the printer {name} refused the print: {why}").format(
                name=self.settings.printer_name, why=refusal))
        document.close()
        return _Answer(None, pages)

    def cancel(self) -> None:
        """Give up: a PDF file is ended and removed; a real printer's job is never ended,
        so nothing reaches the printer."""
        if self.painter.isActive() and self.settings.output_file_name:
            self.painter.end()
            with contextlib.suppress(OSError):
                Path(self.settings.output_file_name).unlink()


def run_print_process(connection: Connection, settings: PrintSettings, platform: str) -> None:
    """The print process's main function (started by :class:`PrintJob`)."""
    os.environ["QT_QPA_PLATFORM"] = platform  # the parent's platform: its printers
    # macOS: stay a background process (no second Dock icon while printing)
    os.environ["QT_MAC_DISABLE_FOREGROUND_APPLICATION_TRANSFORM"] = "1"
    child = _PrintProcess(settings)
    qInstallMessageHandler(child.log)
    code = 0
    try:
        app = QGuiApplication(["interfant-desktop-print"])
        install_translations(app)
        request: _Request = connection.recv()
        if request.action != "open":
            return
        answer = _failure_as_answer(child.open)
        connection.send(answer)
        if answer.problem is not None:
            return
        request = connection.recv()
        if request.action == "print":
            connection.send(_failure_as_answer(lambda: child.print(request.pdf)))
        else:
            child.cancel()
    except EOFError:  # the GUI process has gone: nothing more to do
        child.cancel()
    except BaseException:  # a crash: the GUI sees the exit code, stderr the traceback
        code = 1
        if sys.stderr is not None:  # (None in a windowed bundle)
            traceback.print_exc()
    finally:
        connection.close()
        if sys.stderr is not None:
            sys.stderr.flush()
        # Straight out: no teardown of Qt objects, which (on a real printer) would end a
        # print job that was never painted.
        os._exit(code)


def _failure_as_answer(step: Callable[[], _Answer]) -> _Answer:
    try:
        return step()
    except Exception as exc:  # every failure goes back to the GUI as a sentence
        return _Answer(str(exc) or type(exc).__name__)


# --- the GUI side ----------------------------------------------------------------------------

class PrintJob:
    """One print of one order sheet by a child process (see the module docstring).

    Start it on the GUI thread (it starts the process, a few milliseconds); call
    :meth:`open` and :meth:`print` on the store worker (they only wait, without the
    interpreter lock); leave the ``with`` block on the GUI thread: a process still
    starting is stopped, an opened printer that was not given the sheet is cancelled."""

    def __init__(self, settings: PrintSettings, timeout_s: float = ANSWER_TIMEOUT_S) -> None:
        context = multiprocessing.get_context("spawn")
        self._connection, child_end = context.Pipe()
        self._timeout_s = timeout_s
        self._process = context.Process(
            target=run_print_process, name="interfant-print", daemon=True,
            args=(child_end, settings, QGuiApplication.platformName()))
        self._process.start()
        child_end.close()
        self._state: Literal["starting", "open", "painting", "ended"] = "starting"

    def open(self) -> None:
        """The process has started and opened the printer (or OSError saying why not)."""
        self._ask(_Request("open"))
        self._state = "open"

    def print(self, pdf: bytes) -> int:
        """Paint ``pdf`` on the open printer; the pages printed, once the process has
        ended well (or OSError saying what failed)."""
        self._state = "painting"
        try:
            answer = self._ask(_Request("print", pdf))
            self._process.join(self._timeout_s)
        finally:
            self._state = "ended"
        if self._process.exitcode != 0:
            self._stop()
            raise OSError(translate("PrintJob", "the print process ended with exit code {code}").format(
                code=self._process.exitcode))
        if answer.pages < 1:
            raise OSError(translate("PrintJob", "the print process printed no page"))
        return answer.pages

    def _ask(self, request: _Request) -> _Answer:
        try:
            self._connection.send(request)
            if not self._connection.poll(self._timeout_s):
                self._stop()
                raise OSError(translate("PrintJob", "the print process did not answer within {seconds} s "
                                        "(it was stopped)").format(seconds=f"{self._timeout_s:.0f}"))
            answer: _Answer = self._connection.recv()
        except (EOFError, BrokenPipeError, ConnectionResetError):
            self._process.join(5)
            self._stop()
            raise OSError(translate("PrintJob", "the print process stopped unexpectedly (exit code "
                                    "{code})").format(code=self._process.exitcode)) from None
        if answer.problem is not None:
            self._state = "ended"
            raise OSError(answer.problem)
        return answer

    def _stop(self) -> None:
        if self._process.is_alive():
            self._process.kill()
        self._process.join()

    def close(self) -> None:
        """Stop a process still starting; cancel an opened printer that was not given the
        sheet (the process removes a PDF file it began); leave a print being painted to
        the worker that waits for it (the window that asked was closed meanwhile)."""
        if self._state == "painting":
            return
        if self._state == "open" and self._process.is_alive():
            with contextlib.suppress(OSError):
                self._connection.send(_Request("cancel"))
            self._process.join(10)
        self._stop()
        self._connection.close()

    def __enter__(self) -> PrintJob:
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self.close()
