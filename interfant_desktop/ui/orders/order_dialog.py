"""The order workflow of one patient's blinatumomab cycle: the orders with their status,
the calculation trail, and start, sign, verify, preview, print, save and cancel.

Who sees what: the prescriber and readers see the trail; a verifier of a signed order
(pharmacist, or a physician who did not prescribe it) sees no measurement and no dose
until the blinded re-entry matched. Stale orders say so and offer a new order.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from interfant_desktop.services.order_workflow import (
    HistoryEntry,
    Meaning,
    OrderPdf,
    OrderView,
    WarningsNotConfirmed,
    bag_lengths,
)
from interfant_desktop.services.permissions import Permission
from interfant_desktop.ui.backend import OrderActions, UserFacingError
from interfant_desktop.ui.dialogs.parts import (
    add_labelled,
    line_edit,
    problem_and_ok_cancel,
    reason_box,
    resize_within_screen,
    show_problem,
)
from interfant_desktop.ui.infusion.assessment_dialog import datetime_edit, from_qdatetime
from interfant_desktop.ui.operations import CollectionOp
from interfant_desktop.ui.order_words import meaning_text, status_text
from interfant_desktop.ui.orders.preview_dialog import PdfPreviewDialog
from interfant_desktop.ui.orders.start_dialog import StartOrderDialog
from interfant_desktop.ui.orders.trail import CalculationTrail
from interfant_desktop.ui.orders.verify_dialog import VerifyOrderDialog
from interfant_desktop.ui.pages.widgets_common import parse_number
from interfant_desktop.ui.print_job import PrintJob, PrintSettings
from interfant_desktop.ui.widgets.banner import Banner
from interfant_desktop.ui.widgets.fitted_list import FittedList

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
                                   ).format(meaning=meaning_text(meaning)),
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


class ReasonDialog(QDialog):
    """A reason for one change of an order (recorded in the audit trail and, for a
    lifecycle transition, signed with it)."""

    def __init__(self, title: str, prompt: str, ok_text: str, parent: QWidget | None = None,
                 *, name: str = "ReasonDialog") -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setWindowTitle(title)
        layout = QVBoxLayout(self)
        self.reason_edit = reason_box(layout, prompt, prompt.replace("&", ""), 80, wrap=True)
        self.problem = problem_and_ok_cancel(self, layout, ok_text, self.tr("Keep it"))

    def reason(self) -> str:
        return self.reason_edit.toPlainText().strip()

    def accept(self) -> None:
        if len(self.reason()) < 3:
            show_problem(self, self.problem, self.tr("✖ Give the reason."))
            return
        super().accept()


class ModifyOrderDialog(ReasonDialog):
    """A modified order: the reason, and the values that change (empty: as the order had
    them). The engine computes the new order from them; nothing is computed here."""

    def __init__(self, code: str, prompt: str, ok_text: str, bag_hours: tuple[int, ...],
                 parent: QWidget | None = None, start: dt.datetime | None = None) -> None:
        super().__init__(self.tr("Modify order {code}").format(code=code), prompt, ok_text,
                         parent, name="ReasonDialog-modify")
        form = QFormLayout()
        self.weight_edit = line_edit(self.tr("New weight in kg (empty: unchanged)"), self.tr("unchanged"))
        self.height_edit = line_edit(self.tr("New height in cm (empty: unchanged)"), self.tr("unchanged"))
        self.bag_hours = QComboBox()
        self.bag_hours.setAccessibleName(self.tr("Bag length"))
        self.bag_hours.addItem(self.tr("unchanged"), None)
        for hours in bag_hours:
            self.bag_hours.addItem(self.tr("{h}-hour bags").format(h=hours), hours)
        # The start moves the whole bag schedule: changed only when ticked, from the order's own.
        self.change_start = QCheckBox(self.tr("Change the &start of the infusion"))
        self.change_start.setAccessibleName(self.tr("Change the start date and time of the infusion"))
        self.start_edit = datetime_edit(start or dt.datetime.now().replace(second=0, microsecond=0))
        self.start_edit.setAccessibleName(self.tr("New start date and time (local, 24-hour)"))
        self.start_edit.setEnabled(False)
        self.change_start.toggled.connect(self.start_edit.setEnabled)
        form.addRow(self.tr("&Weight (kg)"), self.weight_edit)
        form.addRow(self.tr("H&eight (cm)"), self.height_edit)
        form.addRow(self.tr("&Bags"), self.bag_hours)
        form.addRow(self.change_start)
        form.addRow(self.tr("Start (&local)"), self.start_edit)
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertLayout(2, form)

    def values(self) -> dict[str, float | int | None]:
        """The changed numbers (None where unchanged; the start: :meth:`start`); a number
        that is not one is refused."""
        def number(text: str) -> float | None:
            value = parse_number(text)
            return value if isinstance(value, float) else None

        return {"weight_kg": number(self.weight_edit.text()),
                "height_cm": number(self.height_edit.text()),
                "bag_hours": self.bag_hours.currentData()}

    def start(self) -> dt.datetime | None:
        """The new start of the infusion (None: as the order had it)."""
        return from_qdatetime(self.start_edit.dateTime()) if self.change_start.isChecked() else None

    def accept(self) -> None:
        for edit in (self.weight_edit, self.height_edit):
            if edit.text().strip() and not isinstance(parse_number(edit.text()), float):
                self.problem.setText(self.tr("✖ Enter the weight in kg and the height in cm as "
                                             "numbers, or leave them empty."))
                self.problem.show()
                return
        super().accept()


class CancelOrderDialog(ReasonDialog):
    """Cancelling needs a reason (recorded in the audit trail)."""

    def __init__(self, code: str, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Cancel order {code}").format(code=code),
                         self.tr("&Reason for cancelling (recorded in the audit trail):"),
                         self.tr("Cancel the order"), parent, name="CancelOrderDialog")


_T = TypeVar("_T")

#: The signatures list never takes more than this from the calculation trail (pixels).
HISTORY_MAX_HEIGHT = 130
#: The states each action starts from (the services refuse the others too).
LIFECYCLE_FROM = {"hold": ("verified", "printed"), "release": ("held",),
                  "discontinue": ("verified", "printed", "held"),
                  "modify": ("verified", "printed", "held"),
                  "restart": ("verified", "printed", "held")}


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
        resize_within_screen(self, 1100, 780)

        outer = QHBoxLayout(self)
        left = QVBoxLayout()
        title = QLabel(self.tr("&Orders of cycle {cycle}").format(cycle=cycle))
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Orders of this cycle"))
        # Narrow enough that the dialog fits a 1366 × 768 screen at 150 % (entries wrap).
        self.list.setMinimumWidth(150)
        self.list.setWordWrap(True)
        add_labelled(left, title, self.list, 1)
        self.new_button = self._button(self.tr("&New order…"), self.tr("Start a new order"),
                                       self.start_new)
        left.addWidget(self.new_button)
        outer.addLayout(left)

        right = QVBoxLayout()
        self.banner = Banner()
        right.addWidget(self.banner)
        self.trail = CalculationTrail()
        self.trail.setMinimumHeight(200)  # it scrolls; the dialog fits 768 px at 150 %
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
        lifecycle = QHBoxLayout()
        self.lifecycle_buttons: dict[str, QPushButton] = {}
        for action, (text, prompt, _ok, _meaning) in self.lifecycle_texts().items():
            button = self._button(text, prompt.split(" (")[0], functools.partial(self.change, action))
            button.setObjectName(f"Lifecycle-{action}")
            self.lifecycle_buttons[action] = button
            lifecycle.addWidget(button)
        lifecycle.addStretch(1)
        history_title = QLabel(self.tr("Signatures and &transitions of this order:"))
        self.history = FittedList(HISTORY_MAX_HEIGHT)
        self.history.setObjectName("OrderHistory")
        self.history.setAccessibleName(self.tr("Signatures and transitions of this order"))
        add_labelled(right, history_title, self.history)
        right.addLayout(lifecycle)
        close = QPushButton(self.tr("Close"))
        close.setAccessibleName(self.tr("Close the order workflow"))
        close.clicked.connect(self.accept)
        right.addLayout(row)
        try:
            fingerprint = actions.site_fingerprint()
        except UserFacingError:
            fingerprint = None
        self.site_key = QLabel(self.tr("Site signing key fingerprint: {fp}").format(
            fp=fingerprint or self.tr("none (no administrator key yet)")))
        self.site_key.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.site_key.setAccessibleName(self.tr("Site signing key fingerprint"))
        self.site_key.setWordWrap(True)
        bottom = QHBoxLayout()
        bottom.addWidget(self.site_key, 1)
        bottom.addWidget(close, 0, Qt.AlignmentFlag.AlignBottom)
        right.addLayout(bottom)
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
        except UserFacingError as exc:
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
            "cancelled",) else status_text(order.status)
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
        for button in (*buttons, *self.lifecycle_buttons.values()):
            button.setEnabled(False)
        self._show_history(order)
        if order is None:
            self.banner.set_status("neutral", self.tr("No order for this cycle yet"),
                                   self.tr("Start a new order: enter or confirm the weight and "
                                           "height with the date each was measured."))
            self.trail.set_context(None)
            return
        open_ = order.status in ("draft", "signed", "verified")
        can = self.api.can
        if order.state_note is not None:
            self.banner.set_status("bad" if order.status == "held" else "neutral",
                                   self.tr("Order {code}: {note}").format(
                                       code=order.order_code, note=order.state_note.split(" — ")[0]),
                                   order.state_note)
        elif order.stale and order.status != "cancelled":
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
        printable = order.status in ("verified", "printed", "held") and not order.stale
        self.print_button.setEnabled(order.started and printable and can(Permission.PRINT_ORDER))
        for action, button in self.lifecycle_buttons.items():
            allowed = can(Permission.HOLD_ORDER if action == "hold" else Permission.CHANGE_ORDER)
            button.setEnabled(order.started and allowed and order.status in LIFECYCLE_FROM[action])
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
            return ("ok", (self.tr("Order {code}: printed once") if len(order.prints) == 1 else
                           self.tr("Order {code}: printed {n} times")).format(
                code=order.order_code, n=len(order.prints)),
                self.tr("First printed at {at}; a reprint says COPY with that time.").format(
                    at=first))
        return ("neutral", self.tr("Order {code}: cancelled").format(code=order.order_code),
                self.tr("Cancelled by {who} at {at}: {why}").format(
                    who=order.cancelled_by, at=when(order.cancelled_at),
                    why=order.cancel_reason or ""))

    def _refused(self, exc: UserFacingError) -> None:
        QMessageBox.warning(self, self.tr("Not done"), str(exc))
        self.changed = True
        self.reload()

    def _attempt(self, call: Callable[[], _T]) -> _T | None:
        """``call()``'s answer (every call here answers something), or None once its
        refusal is shown and the list reloaded."""
        try:
            return call()
        except UserFacingError as exc:
            self._refused(exc)
            return None

    def _signed(self, meaning: str, call: Callable[[str], _T]) -> _T | None:
        """``call(password)`` once the user gives the password of the electronic signature
        for ``meaning``; None when they cancel, or once a refusal is shown (see _attempt)."""
        password = self.password_asker(self, meaning)
        return None if password is None else self._attempt(lambda: call(password))

    # --- actions ---------------------------------------------------------------------------
    def start_new(self) -> None:
        dialog = self._attempt(lambda: StartOrderDialog(self.api, self.study_id, self.cycle, self))
        if dialog is None:
            return
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.order is not None:
            self.changed = True
            self.reload(select=dialog.order.id)

    def sign(self) -> None:
        order = self.current()
        if order is None:
            return
        signed = self._signed(Meaning.PRESCRIBED, lambda password: self.api.sign(order, password))
        if signed is None:
            return
        self.changed = True
        self.reload(select=signed.id)

    def verify(self) -> None:
        order = self.current()
        if order is None:
            return
        task = self._attempt(lambda: self.api.task(order.id))
        if task is None:
            return
        dialog = VerifyOrderDialog(self.api, task, self)
        dialog.exec()
        self.changed = True
        self.reload(select=order.id)

    def preview(self) -> PdfPreviewDialog | None:
        order = self.current()
        if order is None:
            return None
        sheet = self._attempt(lambda: self.api.preview(order.id))
        if sheet is None:
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
        """Print a verified order through the print dialog; the print is recorded.

        A child process paints the pages (:mod:`interfant_desktop.ui.print_job`), so the
        window never pauses. It opens the printer first: a printer that cannot be opened
        records nothing. Only then is the print signed and recorded (the sheet carries
        that signature and says COPY on a reprint) and painted; a failure after that
        leaves the print recorded, so the next print says COPY and never claims to be a
        second original."""
        order = self.current()
        if order is None:
            return
        printer = self.printer_chooser(self)
        if printer is None:
            return
        # Started now, the print process is ready by the time the password is typed.
        with PrintJob(PrintSettings.from_printer(printer)) as job:
            password = self.password_asker(self, Meaning.PRINTED)
            if password is None:
                return
            try:
                CollectionOp(self, job.open).wait()
            except OSError as exc:
                QMessageBox.warning(self, self.tr("Printing failed"), self.tr(
                    "The print could not start: {error}. Nothing was printed and the print "
                    "was not recorded.").format(error=str(exc)))
                return
            sheet = self._attempt(lambda: self.api.print_sheet(order, password))
            if sheet is None:
                return
            self.last_pdf = sheet
            pdf = sheet.pdf
            try:
                CollectionOp(self, lambda: job.print(pdf)).wait()
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
        sheet = self._attempt(lambda: self.api.save_file(order.id))
        if sheet is None:
            return
        self.last_pdf = sheet
        try:
            Path(path).write_bytes(sheet.pdf)
        except OSError as exc:
            QMessageBox.warning(self, self.tr("Not saved"), str(exc))
        self.changed = True
        self.reload(select=order.id)

    def lifecycle_texts(self) -> dict[str, tuple[str, str, str, str]]:
        """Each lifecycle action: (button text, what the reason dialog asks, its OK text, the
        signature's meaning). The services check who may, and from which state."""
        return {
            "hold": (self.tr("&Hold…"), self.tr("Reason for the HOLD (no bag is hung until it "
                                                "is released; signed with your password):"),
                     self.tr("Hold the order"), Meaning.HELD),
            "release": (self.tr("&Release hold…"), self.tr("Reason for releasing the hold "
                                                           "(signed with your password):"),
                        self.tr("Release the hold"), Meaning.RELEASED),
            "discontinue": (self.tr("Dis&continue…"), self.tr("Reason for discontinuing "
                                                             "PERMANENTLY (signed):"),
                            self.tr("Discontinue permanently"), Meaning.DISCONTINUED),
            "modify": (self.tr("&Modify…"), self.tr("Reason for the new order that replaces "
                                                    "this one (signed):"),
                       self.tr("Make the modified order"), Meaning.SUPERSEDED),
            "restart": (self.tr("R&estart…"), self.tr(
                "Reason for the restart order (the engine re-plans the doses and bags from the "
                "recorded restart; signed):"), self.tr("Make the restart order"), Meaning.SUPERSEDED),
        }

    def _show_history(self, order: OrderView | None) -> None:
        """Every signature of the order in time order: who, when, meaning, state and why."""
        self.history.clear()
        for entry in order.history if order is not None else ():
            self.history.addItem(_history_line(entry))
        self.history.refit()  # as tall as its lines: the calculation trail gets the rest

    def change(self, action: str) -> OrderView | None:
        """Hold, release, discontinue, modify or restart the current order: a reason, then
        the password for the electronic signature; the services decide whether it may."""
        order = self.current()
        if order is None:
            return None
        text, prompt, ok, meaning = self.lifecycle_texts()[action]
        dialog = ModifyOrderDialog(order.order_code, prompt, ok, tuple(
            hours for hours, _rate, _default in bag_lengths()), self, order.planned_start) \
            if action == "modify" \
            else ReasonDialog(self.tr("{action} order {code}").format(
                action=text.replace("&", "").rstrip("…"), code=order.order_code),
                prompt, ok, self, name=f"ReasonDialog-{action}")
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        changes = dialog.values() if isinstance(dialog, ModifyOrderDialog) else {}
        start = dialog.start() if isinstance(dialog, ModifyOrderDialog) else None
        reason = dialog.reason()
        done: OrderView | None = self._signed(meaning, lambda password: (
            self._new_order(action, order, reason, password, changes, start)
            if action in ("modify", "restart") else getattr(self.api, action)(order, reason, password)))
        if done is None:
            return None
        self.changed = True
        self.reload(select=done.id)
        return done

    def _new_order(self, action: str, order: OrderView, reason: str, password: str,
                   changes: dict[str, float | int | None], start: dt.datetime | None = None) -> OrderView:
        """A restart order, or a modified one with ``changes`` (and a new ``start``); the
        engine's warnings are confirmed on request."""
        def make(confirmed: tuple[str, ...]) -> OrderView:
            if action == "restart":
                return self.api.restart(order, reason, password, confirmed).order
            weight, height, hours = (changes.get(k) for k in ("weight_kg", "height_cm",
                                                               "bag_hours"))
            return self.api.modify(order, reason, password, confirm_warnings=confirmed,
                                   weight_kg=None if weight is None else float(weight),
                                   height_cm=None if height is None else float(height),
                                   bag_hours=None if hours is None else int(hours),
                                   start=start).order
        try:
            return make(())
        except WarningsNotConfirmed as exc:
            answer = QMessageBox.question(self, self.tr("Confirm the warnings"), self.tr(
                "The engine warns:\n{warnings}\n\nConfirm them and make the order?").format(
                    warnings="\n".join(f"• {w}" for w in exc.warnings)))
            if answer != QMessageBox.StandardButton.Yes:
                raise
            return make(exc.warnings)

    def cancel_order(self) -> None:
        order = self.current()
        if order is None:
            return
        dialog = CancelOrderDialog(order.order_code, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        if self._attempt(lambda: self.api.cancel(order, dialog.reason())) is None:
            return
        self.changed = True
        self.reload(select=order.id)


def _history_line(entry: HistoryEntry) -> str:
    change = f" ({entry.old} → {entry.new})" if entry.old and entry.new else ""
    why = f": {entry.reason}" if entry.reason else ""
    return f"{_when(entry.at)} · {meaning_text(entry.meaning)}{change} · {entry.by}{why}"


def _when(moment: dt.datetime | None) -> str:
    if moment is None:
        return "—"
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    local = moment.astimezone()
    return f"{local:%Y-%m-%d %H:%M} {local.tzname()}"


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]
