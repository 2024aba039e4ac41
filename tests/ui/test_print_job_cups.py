"""Printing to a real CUPS printer (ui/print_job.py as a native printer, not a PDF file),
checked on what the printer WRITES. run-tests.sh starts a private cupsd
(tools/cups-test-server.sh): a PostScript printer with a duplex unit whose backend,
cups-pdf, writes each job as a PDF file, and a page log line per job saying what reached
CUPS. These tests are skipped where that printer is not set up (a developer machine
without CUPS) and fail where it is set up but printing does not work.

What the queue writes is the sheet after CUPS's filters (pdftopdf, pdftops, ghostscript):
one image per page and no text, so its pages are compared pixel row by row with the same
print to a PDF file (whose pages tests/ui/test_print_job.py compares with the sheet), and
the QR code of its first page is decoded."""

from __future__ import annotations

import dataclasses
import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from pypdf import PdfReader
from PySide6.QtCore import QObject, QSize
from PySide6.QtGui import QImage, QPageSize
from PySide6.QtPrintSupport import QPrinter

from interfant_desktop.services import order_workflow
from interfant_desktop.ui.orders import OrderActions, OrderWorkflowDialog
from interfant_desktop.ui.print_job import CUPS_OPTIONS, PrintJob, PrintSettings, load_pdf
from tests.ui.test_orders_workflow import PHARMACIST, STUDY, clinicians
from tests.ui.test_print_job import (
    failure_message,
    pdf_printer,
    pdfium_pages,
    row_darkness,
    sheet_pdf,
    verified,
)

__all__ = ["clinicians", "verified"]  # the fixtures: a verified order of TRN-09
PRINTER = os.environ.get("INTERFANT_TEST_CUPS_PRINTER", "")
needs_cups = pytest.mark.skipif(
    not PRINTER, reason="no CUPS test printer (INTERFANT_TEST_CUPS_PRINTER; run-tests.sh "
    "starts one with tools/cups-test-server.sh)")
#: Longest wait for CUPS to finish a job (a 9-page order takes about 5 s)
JOB_TIMEOUT_S = 60.0
#: Resolution the pages are compared at
COMPARE_DPI = 100
#: The queue's filters rasterise each page again at 300 dpi without smoothing (the file
#: print is smoothed by pdfium), a third of a pixel off here and there: a one-pixel border
#: moves to the next row, so the darkness of rows is compared averaged over BAND rows
#: (1.3 mm). Seen: at most 12.6 apart; two rows of text cut off make 20.
BAND = 5
BAND_TOLERANCE = 15.0


@dataclasses.dataclass(frozen=True)
class CupsJob:
    """One job that CUPS finished: the PDF its printer wrote and its page log line."""

    id: int
    output: Path
    #: copies=… sides=… media=… pages=… (PageLogFormat in tools/cups-test-server.sh)
    logged: dict[str, str]


# --- the printer and what it did ---------------------------------------------------------------

@pytest.fixture
def queue() -> Iterator[None]:
    """The CUPS printer is set up; it accepts jobs again after a test that refused them."""
    for name in ("INTERFANT_TEST_CUPS_OUTPUT", "INTERFANT_TEST_CUPS_PAGE_LOG", "CUPS_SERVER"):
        assert os.environ.get(name), f"{name} is not set beside INTERFANT_TEST_CUPS_PRINTER"
    assert lpstat("-p", PRINTER).startswith(f"printer {PRINTER} "), "the CUPS printer is missing"
    yield
    subprocess.run(["cupsaccept", PRINTER], check=True)


def lpstat(*arguments: str) -> str:
    return subprocess.run(["lpstat", *arguments], capture_output=True, text=True,
                          check=True).stdout


def finished_jobs() -> set[int]:
    """The ids of the printer's completed jobs."""
    lines = lpstat("-W", "completed", "-o", PRINTER).splitlines()
    return {int(line.split()[0].rsplit("-", 1)[1]) for line in lines if line.strip()}


def jobs_since(before: set[int]) -> list[CupsJob]:
    """The jobs CUPS took since ``before``, once it has finished every job of the printer
    (fails when it has not within JOB_TIMEOUT_S)."""
    deadline = time.monotonic() + JOB_TIMEOUT_S
    while lpstat("-o", PRINTER).strip():
        assert time.monotonic() < deadline, "CUPS did not finish the print: " + lpstat("-l", "-o")
        time.sleep(0.1)
    jobs = []
    for job in sorted(finished_jobs() - before):
        output = Path(os.environ["INTERFANT_TEST_CUPS_OUTPUT"])
        (written,) = output.glob(f"job_{job}-*.pdf")
        jobs.append(CupsJob(job, written, page_log(job, deadline)))
    return jobs


def page_log(job: int, deadline: float) -> dict[str, str]:
    """The job's page log line as a dict (CUPS writes it as the job ends)."""
    log = Path(os.environ["INTERFANT_TEST_CUPS_PAGE_LOG"])
    while True:
        lines = log.read_text().splitlines() if log.exists() else []
        for line in lines:
            number, *fields = line.strip('"').split()
            if int(number) == job:
                return dict(field.split("=", 1) for field in fields)
        assert time.monotonic() < deadline, f"no page log line for job {job}: {lines}"
        time.sleep(0.1)


def cups_printer() -> QPrinter:
    """The CUPS printer as the print dialog leaves it, on A4, at 150 dpi (the dialog leaves
    Qt's 1200, painted at 600: seconds more per page here, and test_print_job.py checks it)."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPrinterName(PRINTER)
    assert printer.outputFormat() == QPrinter.OutputFormat.NativeFormat
    assert printer.printerName() == PRINTER
    assert printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setResolution(150)
    return printer


def cups_dialog(qtbot: Any, backend: Any) -> OrderWorkflowDialog:
    """The order dialog of TRN-09, whose print dialog chooses the CUPS printer."""
    dialog = OrderWorkflowDialog(OrderActions(backend), STUDY, 1,
                                 printer_chooser=lambda _parent: cups_printer(),
                                 password_asker=lambda _parent, _meaning: PHARMACIST[1])
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def file_print(pdf: bytes, printer: QPrinter, path: Path) -> Path:
    """``pdf`` printed to a PDF file on the page layout and resolution of ``printer``."""
    twin = pdf_printer(path)
    twin.setResolution(printer.resolution())
    assert twin.setPageLayout(printer.pageLayout())
    with PrintJob(PrintSettings.from_printer(twin)) as job:
        job.open()
        job.print(pdf)
    return path


def pages_at(path: Path, dpi: int = COMPARE_DPI) -> list[Image.Image]:
    """pdfium's render of every whole page of the PDF file ``path``, on white paper."""
    holder = QObject()
    document, _buffer = load_pdf(path.read_bytes(), holder)
    pages = []
    for index in range(document.pageCount()):
        points = document.pagePointSize(index)
        size = QSize(round(points.width() * dpi / 72), round(points.height() * dpi / 72))
        image = document.render(index, size).convertToFormat(QImage.Format.Format_RGBA8888)
        page = Image.frombuffer("RGBA", (size.width(), size.height()), bytes(image.constBits()),
                                "raw", "RGBA", image.bytesPerLine(), 1)
        paper = Image.new("RGBA", page.size, "white")
        paper.alpha_composite(page)
        pages.append(paper)
    document.close()
    return pages


def assert_same_pages(printed: Path, reference: Path, pages: list[int]) -> None:
    """The CUPS output holds ``pages`` (0-based) of the PDF file print ``reference``, in that
    order, each one image, every pixel row as in the file."""
    reader = PdfReader(printed)
    assert [len(page.images) for page in reader.pages] == [1] * len(pages)
    assert [page.mediabox.width for page in reader.pages] == [595] * len(pages)  # A4
    ours, theirs = pages_at(printed), pages_at(reference)
    for number, (page, index) in enumerate(zip(ours, pages, strict=True), 1):
        assert bands_that_differ(page, theirs[index]) == [], f"page {number}"


def bands_that_differ(printed: Image.Image, reference: Image.Image) -> list[int]:
    """The rows where the darkness of the BAND rows around them differs by more than
    BAND_TOLERANCE."""
    assert printed.size == reference.size
    ours, theirs = banded(row_darkness(printed)), banded(row_darkness(reference))
    return [row for row, (a, b) in enumerate(zip(ours, theirs, strict=True))
            if abs(a - b) > BAND_TOLERANCE]


def banded(rows: list[float]) -> list[float]:
    half = BAND // 2
    return [sum(rows[max(0, row - half):row + half + 1]) / len(rows[max(0, row - half):row + half + 1])
            for row in range(len(rows))]


def decoded_qr(pdf: Path, tmp_path: Path) -> str:
    """The QR code of the first page, as a scan at 300 dpi reads it. (The test printer keeps
    each page as a 150-ppi image, about 3 pixels a module: read at 150 dpi, zbar missed one
    such code in CI that it reads at 300 from the same pixels.)"""
    assert shutil.which("pdftoppm") and shutil.which("zbarimg"), "poppler-utils and zbar-tools"
    subprocess.run(["pdftoppm", "-r", "300", "-gray", "-png", "-f", "1", "-l", "1",
                    "-singlefile", str(pdf), str(tmp_path / "scan")], check=True)
    return subprocess.run(["zbarimg", "-q", "--raw", str(tmp_path / "scan.png")],
                          capture_output=True, text=True, check=False).stdout.strip()


# --- the tests ---------------------------------------------------------------------------------

@needs_cups
def test_a_verified_order_printed_from_the_dialog_comes_out_of_the_cups_printer(
        qtbot: Any, backend: Any, verified: Any, queue: None, tmp_path: Path) -> None:
    """The order dialog's whole path: signed, recorded, painted by the print process,
    taken by CUPS, written by its printer with every page of the sheet."""
    before = finished_jobs()
    dialog = cups_dialog(qtbot, backend)
    dialog.print_button.click()  # returns once the print process has ended

    stored = order_workflow.get_order(backend.store, backend.user, verified.id)
    assert stored.status == "printed" and len(stored.prints) == 1
    assert dialog.last_pdf is not None and not dialog.last_pdf.copy
    sheet = dialog.last_pdf.pdf
    reference = file_print(sheet, cups_printer(), tmp_path / "file.pdf")  # (while CUPS works)
    (job,) = jobs_since(before)
    holder = QObject()
    count = load_pdf(sheet, holder)[0].pageCount()
    assert count == len(PdfReader(reference).pages) >= 2
    # (Qt asks for copies only when more than one)
    assert job.logged == {"copies": "-", "sides": "one-sided", "media": "A4", "pages": str(count)}
    assert_same_pages(job.output, reference, list(range(count)))
    code = decoded_qr(job.output, tmp_path)
    assert code == decoded_qr(reference, tmp_path)
    assert code.startswith(f"INTERFANT-ORDER/2;ID={stored.order_code};ST=VERIFIED;SHA256=")
    assert ";RX=" in code and ";RPH=" in code


@needs_cups
def test_copies_duplex_and_chosen_pages_reach_cups(qtbot: Any, queue: None,
                                                   tmp_path: Path) -> None:
    """Two collated copies of pages 2-3, on both sides: CUPS is asked for two copies
    two-sided, and its printer writes pages 2, 3, 2, 3."""
    pdf = sheet_pdf()
    printer = cups_printer()
    printer.setCopyCount(2)
    printer.setCollateCopies(True)
    printer.setDuplex(QPrinter.DuplexMode.DuplexLongSide)
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(2, 3)
    settings = PrintSettings.from_printer(printer)
    assert (settings.copy_count, settings.duplex) == (2, QPrinter.DuplexMode.DuplexLongSide)
    before = finished_jobs()
    with PrintJob(settings) as job:
        job.open()
        assert job.print(pdf) == 2

    reference = file_print(pdf, cups_printer(), tmp_path / "file.pdf")
    (done,) = jobs_since(before)
    assert done.logged == {"copies": "2", "sides": "two-sided-long-edge", "media": "A4",
                           "pages": "4"}
    assert_same_pages(done.output, reference, [1, 2, 1, 2])


@needs_cups
def test_pages_the_dialog_hands_to_cups_are_the_ones_printed(qtbot: Any, queue: None,
                                                            tmp_path: Path) -> None:
    """On CUPS the print dialog can pass the chosen pages to the server (its CUPS options,
    "page-ranges"): every page is painted and the printer writes only those."""
    pdf = sheet_pdf()
    printer = cups_printer()
    printer.printEngine().setProperty(CUPS_OPTIONS, ["page-ranges", "3-4"])
    settings = PrintSettings.from_printer(printer)
    assert settings.cups_options == ("page-ranges", "3-4")
    before = finished_jobs()
    with PrintJob(settings) as job:
        job.open()
        job.print(pdf)

    reference = file_print(pdf, printer, tmp_path / "file.pdf")
    (done,) = jobs_since(before)
    assert done.logged["pages"] == "2"
    assert_same_pages(done.output, reference, [2, 3])


@needs_cups
def test_a_printer_that_refuses_jobs_is_a_failed_print(qtbot: Any, backend: Any, verified: Any,
                                                       queue: None) -> None:
    """A queue that rejects jobs (cupsreject): Qt hands CUPS the job and ignores the
    refusal, so the print said it was done and nothing came out. Now the dialog says the
    printer failed; the print stays recorded, so the next one says COPY."""
    subprocess.run(["cupsreject", "-r", "toner change", PRINTER], check=True)
    before = finished_jobs()
    dialog = cups_dialog(qtbot, backend)
    shown = failure_message(qtbot)
    dialog.print_button.click()

    assert shown == [f"Printing failed: The print was recorded but the printer failed: the "
                     f"printer {PRINTER} refused the print: Destination \"{PRINTER}\" is not "
                     "accepting jobs. Print again (it will say COPY)."]
    assert finished_jobs() == before and not lpstat("-o", PRINTER).strip()
    stored = order_workflow.get_order(backend.store, backend.user, verified.id)
    assert stored.status == "printed" and len(stored.prints) == 1


@needs_cups
def test_a_printer_gone_since_the_dialog_prints_nowhere(qtbot: Any, queue: None) -> None:
    """The print dialog chose a printer that CUPS no longer has when the print process
    starts: Qt would keep the printer it had (another one: this server's only printer),
    so the print is refused before anything is recorded."""
    settings = dataclasses.replace(PrintSettings.from_printer(cups_printer()),
                                   printer_name="ward-3-removed")
    before = finished_jobs()
    with PrintJob(settings) as job, pytest.raises(
            OSError, match=r"^printer ward-3-removed is not available \(any more\)$"):
        job.open()
    time.sleep(0.5)  # (a job sent elsewhere would be listed by now)
    assert finished_jobs() == before and not lpstat("-o", PRINTER).strip()


def test_the_band_comparison_finds_a_cut_page(qtbot: Any) -> None:
    """The comparison above fails on two rows of text cut off (as the banded print did) and
    on a missing bottom tenth."""
    reference = pdfium_pages(sheet_pdf(), (827, 1169))[0]
    darkness = row_darkness(reference)
    text_row = next(row for row in range(200, len(darkness)) if darkness[row] > 40)
    cut = reference.copy()
    cut.paste((255, 255, 255, 255), (0, text_row, cut.width, text_row + 2))
    assert bands_that_differ(cut, reference)
    bottom = reference.copy()
    bottom.paste((255, 255, 255, 255), (0, bottom.height * 9 // 10, bottom.width, bottom.height))
    assert bands_that_differ(bottom, reference)
    assert bands_that_differ(reference.copy(), reference) == []
