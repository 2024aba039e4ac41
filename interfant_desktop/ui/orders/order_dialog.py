"""The order workflow of one patient's blinatumomab cycle: the orders with their status,
the calculation trail, and start, sign, verify, preview, print, save and cancel.

Who sees what: the prescriber and readers see the trail; a verifier of a signed order
(pharmacist, or a physician who did not prescribe it) sees no measurement and no dose
until the blinded re-entry matched. Stale orders say so and offer a new order.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QSize, Qt
from PySide6.QtGui import QPainter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from interfant_desktop.services.order_workflow import OrderPdf, OrderView
from interfant_desktop.services.permissions import Permission
from interfant_desktop.ui.operations import CollectionOp
from interfant_desktop.ui.orders.actions import OrderActionError, OrderActions
from interfant_desktop.ui.orders.preview_dialog import PdfPreviewDialog, load_pdf
from interfant_desktop.ui.orders.start_dialog import StartOrderDialog
from interfant_desktop.ui.orders.trail import CalculationTrail
from interfant_desktop.ui.orders.verify_dialog import VerifyOrderDialog
from interfant_desktop.ui.widgets.banner import Banner

#: Returns a printer set up by the user (QPrintDialog) or None when cancelled.
PrinterChooser = Callable[[QWidget], QPrinter | None]
#: Returns the path to save a PDF to, or None when cancelled.
PathChooser = Callable[[QWidget, str], str | None]
#: Asks the signed-in user's password again for one electronic signature (its meaning
#: given); None when cancelled.
PasswordAsker = Callable[[QWidget, str], str | None]


def ask_password(parent: QWidget, meaning: str) -> str | None:
    """A password prompt for one electronic signature."""
    text, ok = QInputDialog.getText(
        parent, QCoreApplication.translate("OrderWorkflowDialog", "Electronic signature"),
        QCoreApplication.translate("OrderWorkflowDialog",
                                   "Your password, to sign this order as “{meaning}”:"
                                   ).format(meaning=meaning),
        QLineEdit.EchoMode.Password)
    return text if ok and text else None


def choose_printer(parent: QWidget) -> QPrinter | None:
    """The system print dialog."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(QCoreApplication.translate("OrderWorkflowDialog",
                                                     "Print the order sheet"))
    return printer if dialog.exec() == QDialog.DialogCode.Accepted else None


def choose_save_path(parent: QWidget, suggested: str) -> str | None:
    """The system file dialog for a PDF."""
    path, _ = QFileDialog.getSaveFileName(
        parent, QCoreApplication.translate("OrderWorkflowDialog", "Save the order sheet"),
        suggested, QCoreApplication.translate("OrderWorkflowDialog", "PDF files (*.pdf)"))
    return path or None


def print_pdf(pdf: bytes, printer: QPrinter) -> int:
    """Paint every page of ``pdf`` on ``printer`` at its resolution; the pages printed.
    Runs on the store worker (seconds at printer resolution): the document and its
    buffer are made and deleted there, and no widget is touched."""
    holder = QObject()
    document, _buffer = load_pdf(pdf, holder)
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError("the printer could not be opened")
    try:
        target = printer.pageLayout().paintRectPixels(printer.resolution())
        for index in range(document.pageCount()):
            if index:
                printer.newPage()
            size = document.pagePointSize(index)
            scale = min(target.width() / size.width(), target.height() / size.height())
            image = document.render(index, QSize(int(size.width() * scale),
                                                 int(size.height() * scale)))
            painter.drawImage(0, 0, image)
        return document.pageCount()
    finally:
        painter.end()
        document.close()
        shiboken6.delete(holder)  # now, on this thread (it may have no event loop)


class CancelOrderDialog(QDialog):
    """Cancelling needs a reason (recorded in the audit trail)."""

    def __init__(self, code: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("CancelOrderDialog")
        self.setWindowTitle(self.tr("Cancel order {code}").format(code=code))
        layout = QVBoxLayout(self)
        label = QLabel(self.tr("&Reason for cancelling (recorded in the audit trail):"))
        self.reason_edit = QPlainTextEdit()
        self.reason_edit.setAccessibleName(self.tr("Reason for cancelling the order"))
        self.reason_edit.setTabChangesFocus(True)
        self.reason_edit.setFixedHeight(80)
        label.setBuddy(self.reason_edit)
        layout.addWidget(label)
        layout.addWidget(self.reason_edit)
        self.problem = QLabel()
        self.problem.setObjectName("FieldError")
        self.problem.hide()
        layout.addWidget(self.problem)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Cancel the order"))
        ok.setAccessibleName(self.tr("Cancel the order with this reason"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Keep it"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def reason(self) -> str:
        return self.reason_edit.toPlainText().strip()

    def accept(self) -> None:
        if len(self.reason()) < 3:
            self.problem.setText(self.tr("✖ Give the reason for cancelling."))
            self.problem.show()
            return
        super().accept()


class OrderWorkflowDialog(QDialog):
    """All orders of one cycle and what the signed-in user may do with them."""

    def __init__(self, actions: OrderActions, study_id: str, cycle: int,
                 parent: QWidget | None = None, *,
                 printer_chooser: PrinterChooser = choose_printer,
                 path_chooser: PathChooser = choose_save_path,
                 password_asker: PasswordAsker = ask_password) -> None:
        super().__init__(parent)
        self.api, self.study_id, self.cycle = actions, study_id, cycle
        self.printer_chooser, self.path_chooser = printer_chooser, path_chooser
        self.password_asker = password_asker
        self.orders: list[OrderView] = []
        self.last_pdf: OrderPdf | None = None
        self.changed = False
        self.setObjectName("OrderWorkflowDialog")
        self.setWindowTitle(self.tr("{study} — blinatumomab cycle {cycle} orders").format(
            study=study_id, cycle=cycle))
        self.resize(1100, 780)

        outer = QHBoxLayout(self)
        left = QVBoxLayout()
        title = QLabel(self.tr("&Orders of cycle {cycle}").format(cycle=cycle))
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Orders of this cycle"))
        self.list.setMinimumWidth(300)
        self.list.setWordWrap(True)
        title.setBuddy(self.list)
        left.addWidget(title)
        left.addWidget(self.list, 1)
        self.new_button = self._button(self.tr("&New order…"), self.tr("Start a new order"),
                                       self.start_new)
        left.addWidget(self.new_button)
        outer.addLayout(left)

        right = QVBoxLayout()
        self.banner = Banner()
        right.addWidget(self.banner)
        self.trail = CalculationTrail()
        right.addWidget(self.trail, 1)
        row = QHBoxLayout()
        self.sign_button = self._button(self.tr("&Sign order"), self.tr("Sign the order"),
                                        self.sign)
        self.verify_button = self._button(self.tr("&Verify…"),
                                          self.tr("Verify the order with a blinded re-entry"),
                                          self.verify)
        self.preview_button = self._button(self.tr("Pre&view"),
                                           self.tr("Preview the order sheet"), self.preview)
        self.print_button = self._button(self.tr("&Print…"), self.tr("Print the order sheet"),
                                         self.print_sheet)
        self.save_button = self._button(self.tr("Save P&DF…"),
                                        self.tr("Save the order sheet as a PDF file copy (not a print)"),
                                        self.save_pdf)
        self.cancel_button = self._button(self.tr("C&ancel order…"),
                                          self.tr("Cancel the order with a reason"),
                                          self.cancel_order)
        for button in (self.sign_button, self.verify_button, self.preview_button,
                       self.print_button, self.save_button, self.cancel_button):
            row.addWidget(button)
        row.addStretch(1)
        close = QPushButton(self.tr("Close"))
        close.setAccessibleName(self.tr("Close the order workflow"))
        close.clicked.connect(self.accept)
        row.addWidget(close)
        right.addLayout(row)
        try:
            fingerprint = actions.site_fingerprint()
        except OrderActionError:
            fingerprint = None
        self.site_key = QLabel(self.tr("Site signing key fingerprint: {fp}").format(
            fp=fingerprint or self.tr("none (no administrator key yet)")))
        self.site_key.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.site_key.setAccessibleName(self.tr("Site signing key fingerprint"))
        right.addWidget(self.site_key)
        outer.addLayout(right, 1)
        self.list.currentRowChanged.connect(lambda _row: self._show_current())
        self.new_button.setEnabled(actions.can(Permission.DRAFT_ORDER))
        self.reload()

    def _button(self, text: str, name: str, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(name)
        button.clicked.connect(lambda _=False: slot())
        return button

    # --- state -------------------------------------------------------------------------
    def reload(self, select: int | None = None) -> None:
        """Re-read the cycle's orders (selecting order ``select`` when given)."""
        shown = self.current()
        current = select if select is not None else (shown.id if shown is not None else None)
        try:
            self.orders = self.api.orders(self.study_id, self.cycle)
        except OrderActionError as exc:
            self.orders = []
            self.banner.set_status("bad", str(exc))
        self.list.blockSignals(True)
        self.list.clear()
        for order in self.orders:
            item = QListWidgetItem(self._line(order))
            item.setData(Qt.ItemDataRole.UserRole, order.id)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, self._line(order))
            if order.stale:
                item.setForeground(Qt.GlobalColor.darkRed)
            self.list.addItem(item)
        self.list.blockSignals(False)
        index = next((i for i, o in enumerate(self.orders) if o.id == current), 0)
        if self.orders:
            self.list.setCurrentRow(index)
        self._show_current()

    def _line(self, order: OrderView) -> str:
        status = self.tr("STALE — make a new order") if order.stale and order.status not in (
            "cancelled",) else _status_text(order.status)
        return self.tr("{code} · {status}").format(code=order.order_code, status=status)

    def current(self) -> OrderView | None:
        row = self.list.currentRow()
        return self.orders[row] if 0 <= row < len(self.orders) else None

    def blinded(self, order: OrderView) -> bool:
        """True while the signed-in user is to verify this order blind."""
        user = self.api.backend.user
        return (order.status == "signed" and user is not None
                and user.can(Permission.VERIFY_ORDER) and user.username != order.prescriber)

    def _show_current(self) -> None:
        order = self.current()
        buttons = (self.sign_button, self.verify_button, self.preview_button,
                   self.print_button, self.save_button, self.cancel_button)
        for button in buttons:
            button.setEnabled(False)
        if order is None:
            self.banner.set_status("neutral", self.tr("No order for this cycle yet"),
                                   self.tr("Start a new order: enter or confirm the weight and "
                                           "height with the date each was measured."))
            self.trail.set_context(None)
            return
        open_ = order.status not in ("printed", "cancelled")
        can = self.api.can
        if order.stale and order.status != "cancelled":
            self.banner.set_status("bad", self.tr("Order {code} is STALE — make a new order")
                                   .format(code=order.order_code),
                                   self.tr("{why}. It cannot be signed, verified or printed; "
                                           "cancel it and start a new order.").format(
                                       why=_capital(order.stale_reason or "")))
        else:
            self.banner.set_status(*self._status_banner(order))
        if not order.started:
            self.trail.show_hidden(self.tr("This order was drafted without the engine's order "
                                           "context; cancel it and start a new order."))
        elif self.blinded(order):
            self.trail.show_hidden(self.tr(
                "The prescriber's weight, height and doses are hidden until you verify the "
                "order with your own measurements (Verify…)."))
        else:
            self.trail.set_context(order.content)
        live = open_ and not order.stale
        self.sign_button.setEnabled(live and order.status == "draft"
                                    and can(Permission.SIGN_ORDER) and order.started)
        self.verify_button.setEnabled(live and order.status == "signed" and order.started
                                      and self.blinded(order))
        self.preview_button.setEnabled(order.started and not self.blinded(order))
        valid = order.status in ("verified", "printed") and not order.stale
        self.print_button.setEnabled(order.started and valid and can(Permission.PRINT_ORDER))
        self.save_button.setEnabled(order.started and not self.blinded(order)
                                    and (not valid or can(Permission.PRINT_ORDER)))
        self.cancel_button.setEnabled(open_ and can(Permission.CANCEL_ORDER))

    def _status_banner(self, order: OrderView) -> tuple[str, str, str]:
        when = _when
        if order.status == "draft":
            return ("warn", self.tr("Order {code}: DRAFT — not signed").format(
                code=order.order_code),
                self.tr("Check the calculation trail, then sign. Started by {who} at {at}.")
                .format(who=order.created_by, at=when(order.created_at)))
        if order.status == "signed":
            return ("warn", self.tr("Order {code}: signed — awaiting pharmacist verification")
                    .format(code=order.order_code),
                    self.tr("Signed by {who} at {at}. A different person verifies it with a "
                            "blinded re-entry of weight and height.").format(
                        who=order.prescriber, at=when(order.signed_at)))
        if order.status == "verified":
            return ("ok", self.tr("Order {code}: verified — ready to print").format(
                code=order.order_code),
                self.tr("Signed by {p} at {ps}; verified by {v} at {vs}.").format(
                    p=order.prescriber, ps=when(order.signed_at), v=order.verifier,
                    vs=when(order.verified_at)))
        if order.status == "printed":
            first = when(order.prints[0][1]) if order.prints else "—"
            return ("ok", self.tr("Order {code}: printed {n} time(s)").format(
                code=order.order_code, n=len(order.prints)),
                self.tr("First printed at {at}; a reprint says COPY with that time.").format(
                    at=first))
        return ("neutral", self.tr("Order {code}: cancelled").format(code=order.order_code),
                self.tr("Cancelled by {who} at {at}: {why}").format(
                    who=order.cancelled_by, at=when(order.cancelled_at),
                    why=order.cancel_reason or ""))

    def _refused(self, exc: OrderActionError) -> None:
        QMessageBox.warning(self, self.tr("Not done"), str(exc))
        self.changed = True
        self.reload()

    # --- actions ---------------------------------------------------------------------------
    def start_new(self) -> None:
        try:
            dialog = StartOrderDialog(self.api, self.study_id, self.cycle, self)
        except OrderActionError as exc:
            self._refused(exc)
            return
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.order is not None:
            self.changed = True
            self.reload(select=dialog.order.id)

    def sign(self) -> None:
        order = self.current()
        if order is None:
            return
        password = self.password_asker(self, "prescribed")
        if password is None:
            return
        try:
            signed = self.api.sign(order, password)
        except OrderActionError as exc:
            self._refused(exc)
            return
        self.changed = True
        self.reload(select=signed.id)

    def verify(self) -> None:
        order = self.current()
        if order is None:
            return
        try:
            task = self.api.task(order.id)
        except OrderActionError as exc:
            self._refused(exc)
            return
        dialog = VerifyOrderDialog(self.api, task, self)
        dialog.exec()
        self.changed = True
        self.reload(select=order.id)

    def preview(self) -> PdfPreviewDialog | None:
        order = self.current()
        if order is None:
            return None
        try:
            sheet = self.api.preview(order.id)
        except OrderActionError as exc:
            self._refused(exc)
            return None
        self.last_pdf = sheet
        note = self.tr("Valid order sheet (verified).") if sheet.valid else self.tr(
            "Preview only: DRAFT — NOT VALID FOR ADMINISTRATION (print needs a verified "
            "order).")
        if sheet.copy:
            note += " " + self.tr("Printed before: any new print says COPY.")
        dialog = PdfPreviewDialog(sheet.pdf, self.tr("Order {code} — preview").format(
            code=order.order_code), note, self)
        dialog.setModal(True)
        dialog.show()
        return dialog

    def print_sheet(self) -> None:
        """Print a verified order through the print dialog; the print is recorded."""
        order = self.current()
        if order is None:
            return
        printer = self.printer_chooser(self)
        if printer is None:
            return
        password = self.password_asker(self, "printed for administration")
        if password is None:
            return
        try:
            sheet = self.api.print_sheet(order, password)
        except OrderActionError as exc:
            self._refused(exc)
            return
        self.last_pdf = sheet
        pdf = sheet.pdf
        try:
            CollectionOp(self, lambda: print_pdf(pdf, printer)).wait()
        except OSError as exc:
            QMessageBox.warning(self, self.tr("Printing failed"), self.tr(
                "The print was recorded but the printer failed: {error}. Print again "
                "(it will say COPY).").format(error=str(exc)))
        self.changed = True
        self.reload(select=order.id)

    def save_pdf(self) -> None:
        """Save the sheet as a FILE COPY: audited, but not a print, so the first paper print
        stays the original (a draft or signed order also keeps its DRAFT watermark)."""
        order = self.current()
        if order is None:
            return
        path = self.path_chooser(self, f"{order.order_code}-file-copy.pdf")
        if path is None:
            return
        try:
            sheet = self.api.save_file(order.id)
        except OrderActionError as exc:
            self._refused(exc)
            return
        self.last_pdf = sheet
        try:
            Path(path).write_bytes(sheet.pdf)
        except OSError as exc:
            QMessageBox.warning(self, self.tr("Not saved"), str(exc))
        self.changed = True
        self.reload(select=order.id)

    def cancel_order(self) -> None:
        order = self.current()
        if order is None:
            return
        dialog = CancelOrderDialog(order.order_code, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        try:
            self.api.cancel(order, dialog.reason())
        except OrderActionError as exc:
            self._refused(exc)
            return
        self.changed = True
        self.reload(select=order.id)


def _status_text(status: str) -> str:
    texts = {
        "draft": QCoreApplication.translate("OrderWorkflowDialog", "draft — not signed"),
        "signed": QCoreApplication.translate("OrderWorkflowDialog",
                                             "signed — awaiting verification"),
        "verified": QCoreApplication.translate("OrderWorkflowDialog",
                                               "verified — ready to print"),
        "printed": QCoreApplication.translate("OrderWorkflowDialog", "printed"),
        "cancelled": QCoreApplication.translate("OrderWorkflowDialog", "cancelled"),
    }
    return texts.get(status, status)


def _when(moment: dt.datetime | None) -> str:
    if moment is None:
        return "—"
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    local = moment.astimezone()
    return f"{local:%Y-%m-%d %H:%M} {local.tzname()}"


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]
