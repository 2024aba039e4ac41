"""The order sheet on screen (QtPdf), from the PDF bytes the services rendered."""

from __future__ import annotations

from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from interfant_desktop.ui.dialogs.parts import resize_within_screen
from interfant_desktop.ui.print_job import load_pdf


class PdfPreviewDialog(QDialog):
    """One order sheet, page by page, with its page count and validity in words."""

    def __init__(self, pdf: bytes, title: str, note: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("PdfPreviewDialog")
        self.setWindowTitle(title)
        resize_within_screen(self, 760, 900)
        self.document, self._buffer = load_pdf(pdf, self)
        layout = QVBoxLayout(self)
        self.note = QLabel(note)
        self.note.setWordWrap(True)
        self.note.setAccessibleName(self.tr("About this preview"))
        layout.addWidget(self.note)
        count = self.document.pageCount()
        self.pages = QLabel(self.tr("1 page") if count == 1 else
                            self.tr("{n} pages").format(n=count))
        self.pages.setAccessibleName(self.tr("Page count"))
        layout.addWidget(self.pages)
        self.view = QPdfView(self)
        self.view.setAccessibleName(self.tr("Order sheet preview"))
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setDocument(self.document)
        layout.addWidget(self.view, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.Close).setAccessibleName(
            self.tr("Close the preview"))
        layout.addWidget(buttons)

    def page_count(self) -> int:
        return self.document.pageCount()
