"""Printing in a print process (ui/print_job.py), checked on what the printer WRITES: the
printer's PDF output is read back and every row of every printed page is compared with
pdfium's render of the order sheet (the banded print of 5dcd214 cut rows at band edges,
and its test only compared QImage paints)."""

from __future__ import annotations

import multiprocessing
import pickle
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from pypdf import PdfReader
from PySide6.QtCore import QMarginsF, QObject, QSize, QSizeF
from PySide6.QtGui import QImage, QPageLayout, QPageRanges, QPageSize
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QWidget

from interfant_desktop.orders import render_order_pdf
from interfant_desktop.services import audit, order_workflow
from interfant_desktop.ui.orders import OrderActions, OrderWorkflowDialog
from interfant_desktop.ui.print_job import PrintJob, PrintSettings, load_pdf
from tests.order_helpers import signed_order
from tests.orders.sheets import m2_sheet
from tests.ui.conftest import PHYSICIAN, answer_next_dialog
from tests.ui.test_orders_workflow import PHARMACIST, STUDY, clinicians

__all__ = ["clinicians"]  # the fixture: the test database plus a pharmacist
DPI = 150
#: Largest difference of one pixel row's mean darkness (0-255) between the printed page
#: and pdfium's render of the sheet: JPEG (the PDF engine's encoding) moves a row's mean by
#: about 1; a row that lost its text or a border moves by tens.
ROW_TOLERANCE = 4.0


# --- reading the printer's output back -------------------------------------------------------

def row_darkness(image: Image.Image) -> list[float]:
    """Each pixel row's mean darkness (0 white .. 255 black), the page put on white paper."""
    paper = Image.new("RGBA", image.size, "white")
    paper.alpha_composite(image.convert("RGBA"))
    column = paper.convert("L").resize((1, image.height), Image.Resampling.BOX)
    return [255.0 - float(column.getpixel((0, row)) or 0) for row in range(image.height)]


def rows_that_differ(printed: Image.Image, reference: Image.Image) -> list[int]:
    """The rows whose darkness differs by more than ROW_TOLERANCE."""
    assert printed.size == reference.size
    return [row for row, (a, b) in enumerate(zip(row_darkness(printed), row_darkness(reference),
                                                   strict=True)) if abs(a - b) > ROW_TOLERANCE]


def pdfium_pages(pdf: bytes, size: tuple[int, int]) -> list[Image.Image]:
    """pdfium's render of every page of ``pdf`` at ``size`` pixels."""
    holder = QObject()
    document, _buffer = load_pdf(pdf, holder)
    pages = []
    for index in range(document.pageCount()):
        image = document.render(index, QSize(*size)).convertToFormat(QImage.Format.Format_RGBA8888)
        pages.append(Image.frombuffer("RGBA", size, bytes(image.constBits()), "raw", "RGBA",
                                      image.bytesPerLine(), 1).copy())
    document.close()
    return pages


def page_size_at(pdf: bytes, printer: QPrinter, dpi: int = DPI) -> tuple[int, int]:
    """The image size of a page of ``pdf`` fitted into the printer's paint area."""
    holder = QObject()
    document, _buffer = load_pdf(pdf, holder)
    size = document.pagePointSize(0)
    document.close()
    area = printer.pageLayout().paintRectPixels(dpi)
    scale = min(area.width() / size.width(), area.height() / size.height())
    return int(size.width() * scale), int(size.height() * scale)


def printed_images(path: Path) -> list[list[Image.Image]]:
    """Every image XObject of every page of the printer's PDF output, decoded."""
    return [[picture.image for picture in page.images] for page in PdfReader(path).pages]


def image_placements(path: Path) -> list[list[tuple[float, float, float, float]]]:
    """Where each image of each page of a PDF file is drawn: left, bottom, width and
    height in points."""
    pages = []
    for page in PdfReader(path).pages:
        drawn: list[tuple[float, float, float, float]] = []

        def visit(operator: bytes, _args: Any, matrix: list[float], _text: Any,
                  drawn: list[tuple[float, float, float, float]] = drawn) -> None:
            if operator == b"Do":
                drawn.append((matrix[4], matrix[5], matrix[0], matrix[3]))

        page.extract_text(visitor_operand_before=visit)
        pages.append(drawn)
    return pages


def sheet_pdf() -> bytes:
    """An order sheet with several pages (M2, step dosing), rendered as for a print."""
    return render_order_pdf(m2_sheet())


# --- an order to print, and the dialog that prints it ----------------------------------------

@pytest.fixture
def verified(clinicians: Any) -> Any:
    """A verified order of TRN-09; the backend is signed in as the pharmacist."""
    backend = clinicians
    signed = signed_order(backend.store, backend.user, STUDY, password=PHYSICIAN[1])
    backend.sign_in(*PHARMACIST)
    order = signed.content["order"]
    return order_workflow.verify_order(backend.store, backend.user, signed.id, signed.version,
                                       weight_kg=order["weight_kg"], height_cm=order["height_cm"],
                                       password=PHARMACIST[1])


def pdf_printer(path: Path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setResolution(DPI)
    printer.setOutputFileName(str(path))
    return printer


def print_dialog(qtbot: Any, backend: Any, path: Path) -> OrderWorkflowDialog:
    dialog = OrderWorkflowDialog(OrderActions(backend), STUDY, 1,
                                 printer_chooser=lambda _parent: pdf_printer(path),
                                 password_asker=lambda _parent, _meaning: PHARMACIST[1])
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def failure_message(qtbot: Any) -> list[str]:
    """Arrange to read and close the next message box; its text, once it came."""
    texts: list[str] = []

    def read(box: QWidget) -> None:
        texts.append(f"{box.windowTitle()}: {box.text()}")  # type: ignore[attr-defined]
        box.close()

    answer_next_dialog(qtbot, read)
    return texts


def print_events(backend: Any) -> list[Any]:
    return [event for event in audit.patient_history(backend.store, backend.user, STUDY)
            if event.action == "print"]


# --- the tests --------------------------------------------------------------------------------

def test_the_printed_pdf_holds_every_row_of_every_page(qtbot: Any, backend: Any, verified: Any,
                                                       tmp_path: Path) -> None:
    output = tmp_path / "printed.pdf"
    dialog = print_dialog(qtbot, backend, output)
    dialog.print_button.click()  # returns once printed

    stored = order_workflow.get_order(backend.store, backend.user, verified.id)
    assert stored.status == "printed" and len(stored.prints) == 1
    assert dialog.last_pdf is not None and not dialog.last_pdf.copy
    sheet = dialog.last_pdf.pdf
    size = page_size_at(sheet, pdf_printer(output))
    assert size[0] > 1000  # A4 at 150 dpi, within the margins
    printed = printed_images(output)
    references = pdfium_pages(sheet, size)
    assert len(printed) == len(references) >= 2
    for number, (images, reference) in enumerate(zip(printed, references, strict=True), 1):
        assert len(images) == 1, f"page {number}: {len(images)} images (one per page)"
        assert images[0].size == size, f"page {number}"
        assert rows_that_differ(images[0], reference) == [], f"page {number}"
    assert multiprocessing.active_children() == []  # the print process has ended


def test_the_row_comparison_finds_a_cut_page(qtbot: Any) -> None:
    """The check above must fail on what the banded print did (rows lost where two bands
    met) and on a page whose bottom tenth is missing."""
    reference = pdfium_pages(sheet_pdf(), (1197, 1692))[0]
    darkness = row_darkness(reference)
    text_row = next(row for row in range(256, len(darkness)) if darkness[row] > 40)
    cut = reference.copy()
    cut.paste((255, 255, 255, 255), (0, text_row, cut.width, text_row + 2))
    assert rows_that_differ(cut, reference) == [text_row, text_row + 1]
    bottom = reference.copy()
    bottom.paste((255, 255, 255, 255), (0, bottom.height * 9 // 10, bottom.width, bottom.height))
    assert rows_that_differ(bottom, reference)
    assert rows_that_differ(reference.copy(), reference) == []


def test_a_printer_that_cannot_be_opened_records_nothing(qtbot: Any, backend: Any,
                                                         verified: Any, tmp_path: Path) -> None:
    dialog = print_dialog(qtbot, backend, tmp_path / "no such folder" / "printed.pdf")
    shown = failure_message(qtbot)
    dialog.print_button.click()

    assert len(shown) == 1
    assert shown == [f"Printing failed: The print could not start: the printer could not be "
                     f"opened: the file {tmp_path / 'no such folder' / 'printed.pdf'} cannot be "
                     "written. Nothing was printed and the print was not recorded."]
    stored = order_workflow.get_order(backend.store, backend.user, verified.id)
    assert stored.status == "verified" and stored.prints == ()
    assert print_events(backend) == []
    assert not any(entry.meaning == "printed for administration" for entry in stored.history)
    assert multiprocessing.active_children() == []


def test_a_print_process_that_dies_is_a_failed_print_and_the_next_says_copy(
        qtbot: Any, backend: Any, verified: Any, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The print process is killed while it should paint: the dialog says the printer
    failed. The print was signed and recorded before painting (its sheet carries that
    signature), so it stays recorded: the next print says COPY, never a second original."""
    real_print = PrintJob.print
    exit_codes: list[int | None] = []

    def killed_first(job: PrintJob, pdf: bytes) -> int:
        (child,) = multiprocessing.active_children()
        child.kill()
        child.join()
        exit_codes.append(child.exitcode)
        return real_print(job, pdf)

    monkeypatch.setattr(PrintJob, "print", killed_first)
    dialog = print_dialog(qtbot, backend, tmp_path / "printed.pdf")
    shown = failure_message(qtbot)
    dialog.print_button.click()

    assert exit_codes and exit_codes[0] != 0
    assert shown == [f"Printing failed: The print was recorded but the printer failed: the print "
                     f"process stopped unexpectedly (exit code {exit_codes[0]}). Print again "
                     "(it will say COPY)."]
    assert multiprocessing.active_children() == []
    monkeypatch.setattr(PrintJob, "print", real_print)
    dialog.print_button.click()
    stored = order_workflow.get_order(backend.store, backend.user, verified.id)
    assert len(stored.prints) == 2 and dialog.last_pdf is not None and dialog.last_pdf.copy
    assert len(PdfReader(tmp_path / "printed.pdf").pages) >= 2


def test_a_sheet_the_print_process_cannot_read_is_an_error(qtbot: Any, tmp_path: Path) -> None:
    output = tmp_path / "out.pdf"
    with PrintJob(PrintSettings.from_printer(pdf_printer(output))) as job:
        job.open()
        with pytest.raises(OSError, match=r"^the order sheet could not be read \(\w+\)$"):
            job.print(b"%PDF-1.4 not really a PDF")
    assert multiprocessing.active_children() == []
    assert not output.exists()  # no half-written PDF file left behind


def test_a_print_process_that_does_not_answer_is_stopped(qtbot: Any, tmp_path: Path) -> None:
    """(A new interpreter cannot start and open a printer within a millisecond.)"""
    with PrintJob(PrintSettings.from_printer(pdf_printer(tmp_path / "out.pdf")),
                  timeout_s=0.001) as job:
        with pytest.raises(OSError, match=r"did not answer within 0 s \(it was stopped\)"):
            job.open()
        assert multiprocessing.active_children() == []


def test_a_cancelled_print_leaves_no_file_and_no_process(qtbot: Any, tmp_path: Path) -> None:
    """Opened, then refused (a wrong password): the PDF file it began is removed."""
    output = tmp_path / "out.pdf"
    with PrintJob(PrintSettings.from_printer(pdf_printer(output))) as job:
        job.open()
        assert output.exists()
    assert not output.exists()
    assert multiprocessing.active_children() == []


def test_print_settings_cross_to_another_printer_unchanged(qtbot: Any, tmp_path: Path) -> None:
    """Every setting of the print dialog survives the trip to the print process."""
    chosen = pdf_printer(tmp_path / "chosen.pdf")
    chosen.setResolution(300)
    chosen.setDocName("Order O-0001")
    chosen.setCopyCount(3)
    chosen.setCollateCopies(False)
    chosen.setDuplex(QPrinter.DuplexMode.DuplexLongSide)
    chosen.setColorMode(QPrinter.ColorMode.GrayScale)
    chosen.setPageOrder(QPrinter.PageOrder.LastPageFirst)
    chosen.setPaperSource(QPrinter.PaperSource.Manual)
    assert chosen.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.Letter),
                                            QPageLayout.Orientation.Landscape,
                                            QMarginsF(11, 12, 13, 14), QPageLayout.Unit.Millimeter))
    chosen.setFullPage(True)
    chosen.setPrintRange(QPrinter.PrintRange.PageRange)
    ranges = QPageRanges()
    ranges.addRange(2, 3)
    ranges.addRange(5, 5)
    chosen.setPageRanges(ranges)

    settings = pickle.loads(pickle.dumps(PrintSettings.from_printer(chosen)))
    again = QPrinter(QPrinter.PrinterMode.HighResolution)
    settings.apply(again)

    assert PrintSettings.from_printer(again) == settings
    for read in (QPrinter.outputFormat, QPrinter.outputFileName, QPrinter.resolution,
                 QPrinter.docName, QPrinter.copyCount, QPrinter.collateCopies, QPrinter.duplex,
                 QPrinter.colorMode, QPrinter.pageOrder, QPrinter.paperSource, QPrinter.fullPage,
                 QPrinter.printRange, QPrinter.fromPage, QPrinter.toPage):
        assert read(again) == read(chosen), read.__name__
    assert again.pageRanges().toString() == "2-3,5"
    assert again.pageLayout().isEquivalentTo(chosen.pageLayout())
    assert again.pageLayout().margins(QPageLayout.Unit.Millimeter) == QMarginsF(11, 12, 13, 14)
    assert again.pageLayout().pageSize().id() == QPageSize.PageSizeId.Letter
    assert settings.page_ranges == ((2, 3), (5, 5))
    # and a custom paper size, by its exact size
    custom = pdf_printer(tmp_path / "custom.pdf")
    assert custom.setPageSize(QPageSize(QSizeF(400, 700), QPageSize.Unit.Point, name="Ward label",
                                        matchPolicy=QPageSize.SizeMatchPolicy.ExactMatch))
    round_trip = QPrinter()
    PrintSettings.from_printer(custom).apply(round_trip)
    assert round_trip.pageLayout().pageSize().isEquivalentTo(custom.pageLayout().pageSize())


def test_only_the_chosen_pages_are_printed(qtbot: Any, tmp_path: Path) -> None:
    """A page range chosen in the dialog (not on CUPS, which takes it itself) prints those
    pages, each whole."""
    pdf = sheet_pdf()
    printer = pdf_printer(tmp_path / "pages.pdf")
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(2, 3)
    with PrintJob(PrintSettings.from_printer(printer)) as job:
        job.open()
        assert job.print(pdf) == 2
    size = page_size_at(pdf, printer)
    references = pdfium_pages(pdf, size)
    printed = printed_images(tmp_path / "pages.pdf")
    assert [len(images) for images in printed] == [1, 1]
    for images, reference in zip(printed, references[1:3], strict=True):
        assert rows_that_differ(images[0], reference) == []


def test_a_high_resolution_printer_is_painted_at_600_dpi(qtbot: Any, tmp_path: Path) -> None:
    """A QPrinter in HighResolution is 1200 dpi for a PDF file and on CUPS whatever the
    printer: each page is painted as a 600-dpi image (a 9-page order at 1200 dpi took 44 s
    and 1 GB in the print process, and an 82 MB job for CUPS), still filling the paint area."""
    pdf = sheet_pdf()
    output = tmp_path / "high.pdf"
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(output))
    assert printer.resolution() == 1200
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(1, 1)
    with PrintJob(PrintSettings.from_printer(printer)) as job:
        job.open()
        assert job.print(pdf) == 1

    (page,) = PdfReader(output).pages
    (image,) = (picture.get_object() for picture in page["/Resources"]["/XObject"].values())
    pixels = (image["/Width"], image["/Height"])  # (too large for pypdf to decode at 1200 dpi)
    expected = page_size_at(pdf, printer, 600)  # (to a pixel: the paint area in 1200-dpi pixels)
    assert abs(pixels[0] - expected[0]) <= 1 and abs(pixels[1] - expected[1]) <= 2, pixels
    (drawn,) = image_placements(output)
    ((left, bottom, width, height),) = drawn
    area = printer.pageLayout().paintRect(QPageLayout.Unit.Point)
    pixel = 72 / 600  # (all within a 600-dpi pixel)
    assert (width, height) == pytest.approx((pixels[0] * pixel, pixels[1] * pixel), abs=pixel)
    assert (left, bottom + height) == pytest.approx((area.left(), 842 - area.top()), abs=pixel)
    assert width == pytest.approx(area.width(), abs=pixel) or \
        height == pytest.approx(area.height(), abs=pixel)
