"""The order workflow driven as clinicians would: a physician starts and signs, a
pharmacist verifies blind (a mismatch, then a match), preview, print and save, and a
stale order shown as stale."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QDate, QTime
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from interfant_desktop.services import clinical, order_workflow, patients
from interfant_desktop.services.clinical import CycleMeasurements
from interfant_desktop.ui.orders import OrderActions, OrderWorkflowDialog
from interfant_desktop.ui.orders.order_dialog import ModifyOrderDialog, ReasonDialog
from interfant_desktop.ui.orders.start_dialog import StartOrderDialog
from interfant_desktop.ui.orders.verify_dialog import VerifyOrderDialog
from interfant_desktop.ui.widgets.fingerprint import shown_fingerprint
from tests.ui.conftest import NURSE, PHYSICIAN, add_user_with_own_password, answer_next_dialog

PHARMACIST = ("pharm.olsen", "pharmacist-pass-1")
STUDY = "TRN-09"  # marrow M2 before cycle 1: step dosing; 6.2 kg, 63 cm


@pytest.fixture
def clinicians(backend: Any) -> Any:
    """The test database plus a pharmacist; the backend is signed in as the physician."""
    backend.sign_in("admin", "admin-pass-1")
    add_user_with_own_password(backend, PHARMACIST[0], "pharmacist", PHARMACIST[1],
                               "Pharmacist Fictitious Olsen", "admin-pass-1")
    backend.sign_in(*PHYSICIAN)
    return backend


def _dialog(qtbot: Any, backend: Any, tmp_path: Path) -> OrderWorkflowDialog:
    def printer(_parent: QWidget) -> QPrinter:
        device = QPrinter(QPrinter.PrinterMode.HighResolution)
        device.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        device.setOutputFileName(str(tmp_path / "printed.pdf"))
        return device

    def password(_parent: QWidget, _meaning: str) -> str:
        """The signed-in user's password, typed again for each electronic signature."""
        return next(secret for name, secret in (PHYSICIAN, PHARMACIST, NURSE)
                    if name == backend.user.username)

    dialog = OrderWorkflowDialog(OrderActions(backend), STUDY, 1, printer_chooser=printer,
                                 path_chooser=lambda _p, name: str(tmp_path / name),
                                 password_asker=password)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _set_date(edit: Any, day: str) -> None:
    value = dt.date.fromisoformat(day)
    edit.setDate(QDate(value.year, value.month, value.day))


def _start_order(qtbot: Any, dialog: OrderWorkflowDialog, weight_date: str) -> list[str]:
    """Fill in the start dialog like the physician; returns the warnings it asked to confirm."""
    asked: list[str] = []

    def fill(start: QWidget) -> None:
        assert isinstance(start, StartOrderDialog)
        assert start.weight_edit.text() == "6.2" and start.height_edit.text() == "63"
        _set_date(start.weight_date, weight_date)
        _set_date(start.height_date, "2026-06-02")
        _set_date(start.start_date, "2026-06-04")
        assert not start.start_button.isEnabled()
        start.start_time.setTime(QTime(9, 30))
        start.calculate_button.click()
        # every bag length is offered with the daily fluid it gives this patient (D13)
        offered = [start.bag_hours.itemText(i) for i in range(start.bag_hours.count())]
        assert offered == ["24-hour bag (10 mL/h): 38.71 mL/kg/day",
                           "48-hour bag (5 mL/h): 19.35 mL/kg/day"]
        start.bag_hours.setCurrentIndex(1)
        assert not start.start_button.isEnabled()  # changed after Calculate: calculate again
        start.calculate_button.click()
        trail = start.trail.toPlainText()
        for phrase in ("Weight 6.2 kg", "BSA 0.329 m²", "rounded to 3 decimals", "Mosteller",
                       "Marrow before cycle 1 (end of induction): M2", "step dosing",
                       "1.65 mcg/day", "4.94 mcg/day", "R-DOSE-C1-STEP", "R-DOSE-CAP",
                       "mL/kg/day", "dexamethasone", "Risk group HR", "R-EOI-CR"):
            assert phrase in trail, phrase
        asked.extend(str(b.property("warning")) for b in start.warning_boxes)
        if asked:
            assert not start.start_button.isEnabled()  # every warning must be confirmed
            for box in start.warning_boxes:
                box.setChecked(True)
        assert start.start_button.isEnabled()
        start.start_button.click()

    answer_next_dialog(qtbot, fill)
    dialog.new_button.click()
    return asked


def test_physician_starts_and_signs_pharmacist_verifies_blind_then_prints(
        qtbot: Any, clinicians: Any, tmp_path: Path) -> None:
    dialog = _dialog(qtbot, clinicians, tmp_path)
    assert dialog.banner.title() == "No order for this cycle yet"
    asked = _start_order(qtbot, dialog, weight_date="2026-05-20")  # 15 days before day 1
    assert asked and "measured 15 days before the cycle start" in asked[0]
    order = dialog.current()
    assert order is not None and order.status == "draft"
    assert order.content["confirmed_warnings"] == asked
    assert (order.content["bag_hours"], order.content["start_time"]) == (48, "09:30")
    assert order.content["sheet"]["drug"]["bags"][0]["hang"] == "2026-06-04T09:30:00"
    assert "DRAFT" in dialog.banner.title()
    assert "0.329 m²" in dialog.trail.toPlainText()
    assert not dialog.verify_button.isEnabled()  # the prescriber may not verify
    dialog.sign_button.click()
    order = dialog.current()
    assert order is not None and order.status == "signed"
    assert not dialog.print_button.isEnabled()

    clinicians.sign_in(*PHARMACIST)
    dialog.reload()
    trail = dialog.trail.toPlainText()
    assert "6.2" not in trail and "0.329" not in trail and "hidden" in trail
    assert not dialog.preview_button.isEnabled() and dialog.verify_button.isEnabled()
    results: list[str] = []

    def re_enter(verify: QWidget) -> None:
        assert isinstance(verify, VerifyOrderDialog)
        text = " ".join(w.text() for w in verify.findChildren(type(verify.weight_edit)))
        assert verify.weight_edit.text() == "" and verify.height_edit.text() == ""
        assert "6.2" not in text and "63" not in text
        verify.weight_edit.setText("6,8")  # a decimal comma; the wrong weight
        verify.height_edit.setText("63")
        verify.verify_button.click()  # no password: nothing is checked or signed
        assert "Enter your password" in verify.message.toPlainText()
        verify.password_edit.setText(PHARMACIST[1])
        verify.verify_button.click()
        results.append(verify.message.toPlainText())
        assert verify.isVisible()  # not verified: the dialog stays open
        assert verify.password_edit.text() == ""  # asked again at each attempt
        verify.weight_edit.setText("6.2")
        verify.password_edit.setText(PHARMACIST[1])
        verify.verify_button.click()

    answer_next_dialog(qtbot, re_enter)
    dialog.verify_button.click()
    assert "Mismatch — the order is NOT verified" in results[0]
    assert "BSA: your entry gives 0.345 m²" in results[0]
    assert "0.329" not in results[0]
    order = dialog.current()
    assert order is not None and (order.status, order.verifier) == ("verified", PHARMACIST[0])
    assert "verified — ready to print" in dialog.banner.title()
    assert "0.329 m²" in dialog.trail.toPlainText()  # shown once the re-entry matched

    preview = dialog.preview()
    assert preview is not None
    qtbot.addWidget(preview)
    assert preview.page_count() >= 1
    assert preview.pages.text() == f"{preview.page_count()} pages"
    assert preview.note.text().startswith("Valid order sheet")
    preview.close()

    dialog.print_button.click()
    printed = order_workflow.get_order(clinicians.store, clinicians.user, order.id)
    assert printed.status == "printed" and len(printed.prints) == 1
    assert dialog.last_pdf is not None and not dialog.last_pdf.copy
    reader = PdfReader(str(tmp_path / "printed.pdf"))
    assert len(reader.pages) == preview.page_count()

    dialog.save_button.click()
    saved = tmp_path / f"{order.order_code}-file-copy.pdf"
    text = " ".join(" ".join((page.extract_text() or "").split())
                    for page in PdfReader(io.BytesIO(saved.read_bytes())).pages)
    for phrase in ("Finn O'Brien", "MRN 0900396", order.order_code, "FILE COPY", "COPY — reprint",
                   "Dr Fictitious Vos (dr.vos)", "Pharmacist Fictitious Olsen (pharm.olsen)",
                   "1.65 mcg/day", "4.94 mcg/day", "0.329 m²"):
        assert phrase in text, phrase
    again = order_workflow.get_order(clinicians.store, clinicians.user, order.id)
    assert len(again.prints) == 1  # a file copy is not a print
    assert "printed once" in dialog.banner.title()


def test_a_stale_order_says_make_a_new_order(qtbot: Any, clinicians: Any,
                                             tmp_path: Path) -> None:
    dialog = _dialog(qtbot, clinicians, tmp_path)
    assert _start_order(qtbot, dialog, weight_date="2026-06-02") == []
    order = dialog.current()
    assert order is not None
    record = patients.open_patient(clinicians.store, clinicians.user, STUDY)
    clinical.record_measurements(clinicians.store, clinicians.user, STUDY, record.version,
                                 CycleMeasurements(1, weight_kg=6.6, height_cm=63), reason="weighed again")
    dialog.reload()
    assert "STALE — make a new order" in dialog.list.item(0).text()
    assert dialog.banner.title() == f"Order {order.order_code} is STALE — make a new order"
    assert "changed" in dialog.banner.detail()
    assert not dialog.sign_button.isEnabled() and not dialog.print_button.isEnabled()
    assert dialog.cancel_button.isEnabled() and dialog.new_button.isEnabled()

    def cancel(box: QWidget) -> None:
        box.reason_edit.setPlainText("weight changed; new order")  # type: ignore[attr-defined]
        box.accept()  # type: ignore[attr-defined]

    answer_next_dialog(qtbot, cancel)
    dialog.cancel_button.click()
    cancelled = dialog.current()
    assert cancelled is not None and cancelled.status == "cancelled"
    assert cancelled.cancel_reason == "weight changed; new order"


def test_the_orders_page_opens_the_workflow(qtbot: Any, window: Any) -> None:
    from interfant_desktop.ui.pages.orders_page import OrdersPage

    ws = window.open_patient(STUDY)
    page = ws.page(OrdersPage)
    assert page.order_buttons and page.order_buttons[0].isEnabled()
    page.order_buttons[0].click()
    dialog = page.order_dialog
    assert isinstance(dialog, OrderWorkflowDialog) and dialog.isVisible()
    assert QApplication.activeModalWidget() is dialog
    assert dialog.new_button.isEnabled()
    for button in dialog.findChildren(type(dialog.new_button)):
        assert button.accessibleName(), button.text()
    dialog.accept()


def test_signing_in_the_dialog_needs_the_password(qtbot: Any, clinicians: Any,
                                                 tmp_path: Path) -> None:
    """Sign asks the password again: cancelled, nothing is signed; a wrong one is refused
    with the reason; the right one signs. The site key's fingerprint is shown."""
    from interfant_desktop.services import signing_keys

    answers: list[str | None] = [None, "not my password", PHYSICIAN[1]]

    def password(_parent: QWidget, meaning: str) -> str | None:
        assert meaning == "prescribed"
        return answers.pop(0)

    dialog = OrderWorkflowDialog(OrderActions(clinicians), STUDY, 1,
                                 printer_chooser=lambda _p: None,
                                 path_chooser=lambda _p, _n: None, password_asker=password)
    qtbot.addWidget(dialog)
    dialog.show()
    fingerprint = signing_keys.site_fingerprint(clinicians.store)
    assert fingerprint and shown_fingerprint(fingerprint) in dialog.site_key.text()  # in rows of four
    _start_order(qtbot, dialog, weight_date="2026-05-28")
    dialog.sign_button.click()  # cancelled at the password prompt
    order = dialog.current()
    assert order is not None and order.status == "draft"
    messages: list[str] = []

    def read_and_close(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        messages.append(box.text())
        box.accept()

    answer_next_dialog(qtbot, read_and_close)
    dialog.sign_button.click()  # a wrong password
    assert messages and "wrong password" in messages[0]
    order = dialog.current()
    assert order is not None and order.status == "draft"
    dialog.sign_button.click()
    order = dialog.current()
    assert order is not None and order.status == "signed" and not answers


def _reason(text: str, weight: str | None = None) -> Any:
    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, ReasonDialog)
        if isinstance(dialog, ModifyOrderDialog) and weight is not None:
            dialog.weight_edit.setText(weight)
        dialog.reason_edit.setPlainText(text)
        dialog.accept()
        if dialog.isVisible():  # refused: say why, nothing done
            assert "Give the reason" in dialog.problem.text()
            dialog.reject()
    return fill


def test_hold_release_modify_from_the_order_workflow_with_the_history(
        qtbot: Any, backend: Any, tmp_path: Path) -> None:
    from tests.ui.test_infusion_page import _verified_48_hour_order

    first = _verified_48_hour_order(backend)
    backend.sign_in(*PHYSICIAN)
    dialog = _dialog(qtbot, backend, tmp_path)
    buttons = dialog.lifecycle_buttons
    assert buttons["hold"].isEnabled() and not buttons["release"].isEnabled()
    answer_next_dialog(qtbot, _reason("  "))  # no reason: refused, nothing recorded
    buttons["hold"].click()
    assert dialog.current().status == "verified"  # type: ignore[union-attr]
    answer_next_dialog(qtbot, _reason("CRS grade 3 on the ward"))
    buttons["hold"].click()
    order = dialog.current()
    assert order is not None and order.status == "held"
    assert "HOLD" in dialog.banner.title() and "CRS grade 3 on the ward" in dialog.banner.detail()
    lines = [dialog.history.item(i).text() for i in range(dialog.history.count())]
    assert lines[-1].split(" · ")[1] == "held (verified → held)"
    assert lines[-1].endswith("Dr Fictitious Vos (dr.vos): CRS grade 3 on the ward")
    assert buttons["release"].isEnabled() and not buttons["hold"].isEnabled()
    assert dialog.print_button.isEnabled()  # the sheet, printed again, says HOLD
    answer_next_dialog(qtbot, _reason("resolved to grade 1"))
    buttons["release"].click()
    assert dialog.current().status == "verified"  # type: ignore[union-attr]

    answer_next_dialog(qtbot, _reason("weighed again on the ward", weight="6.4"))
    buttons["modify"].click()
    new = dialog.current()
    assert new is not None and new.status == "draft" and new.supersedes == first
    assert new.content["order"]["weight_kg"] == 6.4
    old = next(o for o in dialog.orders if o.id == first)
    assert old.status == "superseded" and old.state_note is not None
    assert all(not b.isEnabled() for b in buttons.values())  # a draft: sign or cancel it

    backend.sign_in(*NURSE)
    dialog.reload(select=first)
    assert dialog.current().id == first  # type: ignore[union-attr]
    assert "SUPERSEDED by" in dialog.banner.title()
    assert all(not b.isEnabled() for b in buttons.values()) and not dialog.print_button.isEnabled()


def test_modify_moves_the_start_of_the_infusion_from_the_gui(
        qtbot: Any, backend: Any, tmp_path: Path) -> None:
    """Issue 13: the physician moves a verified order's start (the CLI's ``--start``) in the
    Modify dialog; the engine re-plans the bag schedule from the new start."""
    from interfant_desktop.ui.infusion.assessment_dialog import to_qdatetime
    from tests.ui.test_infusion_page import _verified_48_hour_order

    first = _verified_48_hour_order(backend)  # 48-hour bags from 2026-06-04 10:00
    backend.sign_in(*PHYSICIAN)
    dialog = _dialog(qtbot, backend, tmp_path)
    seen: dict[str, Any] = {}

    def move_start(modify: QWidget) -> None:
        assert isinstance(modify, ModifyOrderDialog)
        seen["shown"] = modify.start_edit.dateTime().toString("yyyy-MM-dd HH:mm")
        seen["enabled before"] = modify.start_edit.isEnabled()
        seen["unticked"] = modify.start()  # not ticked: the start stays as the order had it
        modify.change_start.setChecked(True)
        seen["enabled after"] = modify.start_edit.isEnabled()
        modify.start_edit.setDateTime(to_qdatetime(dt.datetime(2026, 6, 5, 14, 30)))
        modify.reason_edit.setPlainText("the line was placed a day later")
        modify.accept()

    answer_next_dialog(qtbot, move_start)
    dialog.lifecycle_buttons["modify"].click()
    assert seen == {"shown": "2026-06-04 10:00", "enabled before": False, "unticked": None,
                    "enabled after": True}
    new = dialog.current()
    assert new is not None and new.status == "draft" and new.supersedes == first
    order = new.content["order"]
    assert order["start_date"] == "2026-06-05" and new.content["start_time"] == "14:30"
    assert order["bags"][0]["hang"] == "2026-06-05T14:30" and order["bags"][1]["hang"] == "2026-06-07T14:30"
    assert order["weight_kg"] == 6.2  # unchanged values stay as the order had them


def test_the_signatures_list_is_as_tall_as_its_lines_and_the_trail_gets_the_rest(
        qtbot: Any, clinicians: Any, tmp_path: Path) -> None:
    dialog = _dialog(qtbot, clinicians, tmp_path)
    _start_order(qtbot, dialog, weight_date="2026-06-02")
    dialog.sign_button.click()
    history = dialog.history
    assert history.count() >= 1
    for width in (1100, 640):  # narrow: the lines wrap, and the list grows with them
        dialog.resize(width, 760)
        QApplication.processEvents()
        QApplication.processEvents()
        assert history.lines_height() < history.most
        assert not history.verticalScrollBar().isVisible(), width  # every line shown whole
        assert history.height() < 100  # not the old fixed 130 px for one or two lines
        assert dialog.trail.height() > 3 * history.height()


def test_the_order_reads_without_scrolling_sideways_at_1366x768(
        qtbot: Any, backend: Any, tmp_path: Path) -> None:
    """A pharmacist reads the calculation trail of a real order top to bottom: the text wraps
    to the dialog's width at 1366 × 768, so no horizontal scrollbar, and nothing is cut off."""
    from tests.ui.test_infusion_page import _verified_48_hour_order

    _verified_48_hour_order(backend)
    backend.sign_in(*PHYSICIAN)
    dialog = _dialog(qtbot, backend, tmp_path)
    trail = dialog.trail
    qtbot.waitUntil(lambda: "R-DOSE-C1-STEP" in trail.toPlainText())
    assert "mL/kg/day" in trail.toPlainText()
    # 1100 px is the dialog on a 1366 × 768 screen (910 at 150 %); the layout rounds
    # differently at each width, and at narrow ones the dose table must wrap its cells.
    for width in (1100, 910, *range(560, 1160, 3)):
        dialog.resize(width, 768 - 68)
        QApplication.processEvents()
        seen = (width, trail.document().idealWidth(), trail.viewport().width())
        assert trail.document().idealWidth() <= trail.viewport().width(), seen
        assert not trail.horizontalScrollBar().isVisible(), seen
        assert trail.horizontalScrollBar().maximum() == 0, seen  # nothing to the right


def _dose_table_lines(trail: Any) -> list[list[list[str]]]:
    """The dose table of the trail, each cell as the lines Qt laid it out in."""
    from PySide6.QtGui import QTextTable

    document = trail.document()
    document.size()  # lay it out at the present width
    table = next(f for f in document.rootFrame().childFrames() if isinstance(f, QTextTable))
    rows = []
    for row in range(table.rows()):
        cells = []
        for column in range(table.columns()):
            block = table.cellAt(row, column).firstCursorPosition().block()
            document.documentLayout().blockBoundingRect(block)
            layout = block.layout()
            cells.append([block.text()[line.textStart():line.textStart() + line.textLength()].strip()
                          for line in (layout.lineAt(i) for i in range(layout.lineCount()))])
        rows.append(cells)
    return rows


def test_the_dose_table_never_breaks_a_unit_or_a_final_dose(
        qtbot: Any, backend: Any, tmp_path: Path) -> None:
    """At 150 % the dialog is narrow, and the headers read "× BSA = mcg/" over "day" and
    "Final mcg/" over "day": a unit cut in two, beside the doses. The headers may wrap at a
    space; the final dose (number and unit) stays on one line."""
    from tests.ui.test_infusion_page import _verified_48_hour_order

    _verified_48_hour_order(backend)
    backend.sign_in(*PHYSICIAN)
    dialog = _dialog(qtbot, backend, tmp_path)
    trail = dialog.trail
    qtbot.waitUntil(lambda: "R-DOSE-C1-STEP" in trail.toPlainText())
    for width in (1100, 910, 760, 640):
        dialog.resize(width, 768 - 68)
        QApplication.processEvents()
        head, *steps = _dose_table_lines(trail)
        cut = [lines for lines in head if any(line.endswith("/") for line in lines)]
        assert cut == [], (width, head)
        assert steps and all(len(row[-1]) == 1 and row[-1][0].endswith("mcg/day") for row in steps), \
            (width, steps)
        assert trail.horizontalScrollBar().maximum() == 0, width
