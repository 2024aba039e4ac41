"""A slow database (300 ms added to every store call, as on a distant PostgreSQL server)
leaves the window responsive: a keystroke in the search field is painted within 100 ms
while a save runs, because the save runs off the GUI thread."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QWidget
from sqlalchemy import event

DELAY_S = 0.3


class PaintProbe(QObject):
    """Notes when a key press reaches the search field and when the field is next
    painted showing the typed character."""

    def __init__(self, field: QWidget, char: str) -> None:
        super().__init__()
        self.field, self.char = field, char
        self.pressed: float | None = None
        self.painted: float | None = None

    def eventFilter(self, watched: QObject, ev: QEvent) -> bool:
        if watched is self.field:
            if ev.type() == QEvent.Type.KeyPress and self.pressed is None:
                self.pressed = time.perf_counter()
            elif ev.type() == QEvent.Type.Paint and self.pressed is not None \
                    and self.painted is None and self.char in self.field.text():  # type: ignore[attr-defined]
                self.painted = time.perf_counter()
        return False


@contextmanager
def slow_store(qtbot: Any, backend: Any, field: QWidget, char: str) -> Iterator[PaintProbe]:
    """Every store call 300 ms slower inside the block, and a probe on ``field`` for the
    key ``char``; at the end, the keystroke has been painted and the store work is done."""
    from interfant_desktop.ui.operations import task_manager

    probe = PaintProbe(field, char)
    field.installEventFilter(probe)

    def slow_from_now(*_args: Any) -> None:  # each connection taken from the pool
        time.sleep(DELAY_S)

    event.listen(backend.store.engine, "checkout", slow_from_now)
    try:
        yield probe
        qtbot.waitUntil(lambda: probe.painted is not None, timeout=5000)
    finally:
        # The search the keystroke started still runs against the slow store: let it end.
        qtbot.waitUntil(task_manager().idle, timeout=10000)
        event.remove(backend.store.engine, "checkout", slow_from_now)
        field.removeEventFilter(probe)


def assert_painted_quickly(probe: PaintProbe, started: float, finished: float, what: str) -> None:
    """The key was pressed while the slow work ran, and painted within 100 ms."""
    assert probe.pressed is not None and probe.painted is not None
    assert started < probe.pressed < finished  # typed during the slow work
    assert finished - started >= DELAY_S  # the database really was slow
    latency = probe.painted - probe.pressed
    print(f"{what} {1000 * (finished - started):.0f} ms; keystroke painted after "
          f"{1000 * latency:.1f} ms")
    assert latency < 0.100, f"painted {1000 * latency:.0f} ms after the key press"


def test_a_keystroke_is_painted_within_100_ms_while_a_save_runs(
        qtbot: Any, window: Any, backend: Any) -> None:
    from interfant_desktop.ui.pages.diagnosis_page import DiagnosisPage

    ws = window.open_patient("TRN-01")
    assert ws is not None
    dx = ws.page(DiagnosisPage)
    ws.show_page(DiagnosisPage)
    before = ws.version
    dx.wbc_value.clear()
    qtbot.keyClicks(dx.wbc_value, "321")
    dx.unit_e9.setChecked(True)
    qtbot.keyClicks(dx.wbc_reason, "lab report rechecked")

    search = window.list_page.search
    saving: list[tuple[bool, float]] = []

    def go_to_the_list_and_type() -> None:
        saving.append((ws.saving(), time.perf_counter()))  # the save is on its way
        window.show_list()
        qtbot.keyClick(search, "Z")

    with slow_store(qtbot, backend, search, "Z") as probe:
        QTimer.singleShot(20, go_to_the_list_and_type)
        started = time.perf_counter()
        qtbot.mouseClick(dx.save_wbc, Qt.MouseButton.LeftButton)  # returns once saved
        finished = time.perf_counter()

    assert ws.version > before and ws.case_file["diagnosis"]["wbc"]["value"] == 321.0
    assert saving and saving[0][0], "the keystroke came while the save was running"
    assert_painted_quickly(probe, started, finished, "save")


def test_a_keystroke_is_painted_within_100_ms_while_an_order_renders(
        qtbot: Any, window: Any, backend: Any) -> None:
    """The order preview (signature checks, engine, reportlab) runs on the store worker:
    the window takes and paints a keystroke meanwhile."""
    from interfant_desktop.ui.operations import task_manager
    from interfant_desktop.ui.orders import OrderActions, OrderWorkflowDialog
    from tests.order_helpers import start_draft

    draft = start_draft(backend.store, backend.user, "TRN-09")
    dialog = OrderWorkflowDialog(OrderActions(backend), "TRN-09", 1)
    qtbot.addWidget(dialog)
    window.show_list()
    search = window.list_page.search
    typed: list[bool] = []

    def type_while_rendering() -> None:
        typed.append(not task_manager().idle())  # the render is on its way
        qtbot.keyClick(search, "Q")

    with slow_store(qtbot, backend, search, "Q") as probe:
        QTimer.singleShot(20, type_while_rendering)
        started = time.perf_counter()
        preview = dialog.preview()  # returns once the PDF is rendered and shown
        finished = time.perf_counter()

    assert preview is not None and dialog.last_pdf is not None
    qtbot.addWidget(preview)
    assert dialog.last_pdf.pdf.startswith(b"%PDF") and not dialog.last_pdf.valid
    current = dialog.current()
    assert current is not None and current.id == draft.id
    assert typed == [True], "the keystroke came while the order was rendering"
    assert_painted_quickly(probe, started, finished, "preview")


def test_the_window_keeps_running_while_an_order_prints(
        qtbot: Any, window: Any, backend: Any, tmp_path: Any,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Painting the pages on the printer takes seconds at printer resolution: a print
    process paints them while the store worker waits for it, and the GUI thread's timers
    keep firing meanwhile."""
    import threading

    from PySide6.QtPrintSupport import QPrinter

    from interfant_desktop.services import order_workflow
    from interfant_desktop.ui.orders import OrderActions, OrderWorkflowDialog
    from interfant_desktop.ui.print_job import PrintJob
    from tests.order_helpers import signed_order
    from tests.ui.conftest import PHYSICIAN, add_user_with_own_password

    pharmacist = ("pharm.olsen", "pharmacist-pass-1")
    backend.sign_in("admin", "admin-pass-1")
    add_user_with_own_password(backend, pharmacist[0], "pharmacist", pharmacist[1],
                     "Pharmacist Fictitious Olsen", "admin-pass-1")
    backend.sign_in(*PHYSICIAN)
    signed = signed_order(backend.store, backend.user, "TRN-09", password=PHYSICIAN[1])
    backend.sign_in(*pharmacist)
    order = signed.content["order"]
    order_workflow.verify_order(backend.store, backend.user, signed.id, signed.version,
                                weight_kg=order["weight_kg"], height_cm=order["height_cm"],
                                password=pharmacist[1])

    def printer(_parent: Any) -> QPrinter:
        device = QPrinter(QPrinter.PrinterMode.HighResolution)
        device.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        device.setResolution(150)  # (a real printer's 600 dpi only makes it slower)
        device.setOutputFileName(str(tmp_path / "printed.pdf"))
        return device

    printing: list[tuple[str, float, float]] = []
    real_print = PrintJob.print

    def timed_print(job: PrintJob, pdf: bytes) -> int:
        started = time.perf_counter()
        pages = real_print(job, pdf)
        printing.append((threading.current_thread().name, started, time.perf_counter()))
        return pages

    monkeypatch.setattr(PrintJob, "print", timed_print)
    dialog = OrderWorkflowDialog(OrderActions(backend), "TRN-09", 1, printer_chooser=printer,
                                 password_asker=lambda _parent, _meaning: pharmacist[1])
    qtbot.addWidget(dialog)
    ticks: list[float] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start(20)
    try:
        dialog.print_sheet()  # returns once printed
    finally:
        timer.stop()

    assert (tmp_path / "printed.pdf").stat().st_size > 0
    assert len(printing) == 1
    worker, started, finished = printing[0]
    assert worker.startswith("interfant-store"), worker
    during = [t for t in ticks if started <= t <= finished]
    gaps = [b - a for a, b in zip([started, *during], [*during, finished], strict=True)]
    print(f"printing {1000 * (finished - started):.0f} ms; the GUI thread ran {len(during)} "
          f"times meanwhile, longest pause {1000 * max(gaps):.0f} ms")
    assert len(during) >= 3  # (on the GUI thread, as before: not once)
