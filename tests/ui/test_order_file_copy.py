"""Save PDF makes a FILE COPY: audited, never a print, so the first paper print is the
original (issue 12: saving used to count as the original, and the paper said COPY)."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pdfplumber
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QWidget

from interfant_desktop.services import audit, auth, order_workflow
from interfant_desktop.ui.orders import OrderActions, OrderWorkflowDialog
from tests.order_helpers import start_draft
from tests.ui.conftest import PHYSICIAN, add_user_with_own_password

PHARMACIST = ("pharm.olsen", "pharmacist-pass-1")
STUDY = "TRN-09"


def _text(pdf: bytes) -> str:
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        return " ".join(" ".join((page.extract_text() or "").split()) for page in document.pages)


def test_saved_file_is_a_file_copy_and_the_first_paper_print_is_the_original(
        qtbot: Any, backend: Any, tmp_path: Path) -> None:
    backend.sign_in("admin", "admin-pass-1")
    add_user_with_own_password(backend, PHARMACIST[0], "pharmacist", PHARMACIST[1],
                     "Pharmacist Fictitious Olsen", "admin-pass-1")
    pharmacist = auth.sign_in(backend.store, *PHARMACIST)  # a session of its own
    backend.sign_in(*PHYSICIAN)
    physician = backend.user
    order = verified_order_with(backend, physician, pharmacist)

    def printer(_parent: QWidget) -> QPrinter:
        device = QPrinter(QPrinter.PrinterMode.HighResolution)
        device.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        device.setOutputFileName(str(tmp_path / "paper.pdf"))
        return device

    dialog = OrderWorkflowDialog(OrderActions(backend), STUDY, 1, printer_chooser=printer,
                                 path_chooser=lambda _p, name: str(tmp_path / name),
                                 password_asker=lambda _p, _m: PHYSICIAN[1])
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.current() is not None and dialog.current().id == order.id

    # Save PDF before any paper print: a FILE COPY, and nothing is consumed.
    dialog.save_button.click()
    saved = tmp_path / f"{order.order_code}-file-copy.pdf"
    text = _text(saved.read_bytes())
    assert "FILE COPY — saved to a file" in text and "not the original print" in text
    assert "COPY — reprint" not in text
    stored = order_workflow.get_order(backend.store, backend.user, order.id)
    assert stored.status == "verified" and len(stored.prints) == 0
    events = [e for e in audit.patient_history(backend.store, backend.user, STUDY)
              if e.action == "save_file"]
    assert len(events) == 1 and events[0].new_value["file_copy"] is True
    assert events[0].new_value["pdf_sha256"] == dialog.last_pdf.sha256

    # The first paper print is the original: no COPY, no FILE COPY.
    dialog.print_button.click()
    stored = order_workflow.get_order(backend.store, backend.user, order.id)
    assert stored.status == "printed" and len(stored.prints) == 1
    assert dialog.last_pdf is not None and not dialog.last_pdf.copy
    paper = _text(dialog.last_pdf.pdf)
    assert "COPY" not in paper

    # A file saved after the print is both: a file copy of a printed order.
    dialog.save_button.click()
    again = _text(saved.read_bytes())
    assert "FILE COPY" in again and "COPY — reprint; original printed" in again
    assert len(order_workflow.get_order(backend.store, backend.user, order.id).prints) == 1


def verified_order_with(backend: Any, physician: Any, pharmacist: Any) -> Any:
    """A verified order of cycle 1 for STUDY, signed and verified with the UI users' passwords."""
    draft = start_draft(backend.store, physician, STUDY, 1)
    signed = order_workflow.sign_order(backend.store, physician, draft.id, draft.version,
                                       password=PHYSICIAN[1])
    content = signed.content["order"]
    return order_workflow.verify_order(backend.store, pharmacist, signed.id, signed.version,
                                       weight_kg=content["weight_kg"], height_cm=content["height_cm"],
                                       password=PHARMACIST[1])

