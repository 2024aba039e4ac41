"""The patient list: search as you type, lazy paging, engine summary columns."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt

from interfant_desktop.ui.patient_list_model import PAGE_SIZE, PatientListModel
from tests.order_helpers import signed_order
from tests.ui.conftest import PHYSICIAN


def _column(model: PatientListModel, name: str) -> int:
    from interfant_desktop.ui.patient_list_model import COLUMNS

    return [key for key, _label in COLUMNS].index(name)


def test_search_as_you_type_by_name_study_id_and_hospital_number(qtbot: Any, window: Any) -> None:
    page = window.list_page
    assert page.model.rowCount() == 15
    qtbot.keyClicks(page.search, "Zoe")  # accents ignored: finds "Zoë"
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=2000)
    assert page.model.row_at(0).study_id == "TRN-01"
    page.search.clear()
    qtbot.keyClicks(page.search, "TRN-1")
    qtbot.waitUntil(lambda: page.model.rowCount() == 6, timeout=2000)
    page.search.clear()
    qtbot.keyClicks(page.search, "0900637")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=2000)
    assert page.model.row_at(0).name == "Oskar Lindqvist"


def test_summary_columns_come_from_the_engine(qtbot: Any, window: Any) -> None:
    model = window.list_page.model
    rows = {model.row_at(r).study_id: r for r in range(model.rowCount())}
    risk, attention = _column(model, "risk"), _column(model, "attention")
    for column in (risk, attention):  # ask for the cells as the view would
        for row in rows.values():
            model.data(model.index(row, column))
    qtbot.waitUntil(lambda: not model.summaries_pending(), timeout=5000)
    assert model.data(model.index(rows["TRN-01"], risk)) == "HR"
    assert model.data(model.index(rows["TRN-06"], risk)) == "MR (MR-low)"
    # Open reviews, ineligible and incomplete patients flagged in the engine's words, with the IDs.
    assert "Review: R-DX-WBC-BOUNDARY — a clinician decides MR or HR" in \
        model.data(model.index(rows["TRN-10"], attention))
    assert "Ineligible: fails INC2 (≤ 365 days of age at diagnosis), EXC4 (Age > 365 days at diagnosis)" \
        in model.data(model.index(rows["TRN-04"], attention))
    assert "Eligibility incomplete: missing INC1 (" in model.data(model.index(rows["TRN-05"], attention))
    assert "Missing prednisone response (day 8)" in model.data(model.index(rows["TRN-05"], attention))
    # The engine's words for a missing result, as the protocol names the test and time point.
    assert "Missing MRD (end of induction)" in model.data(model.index(rows["TRN-02"], attention))
    assert model.data(model.index(rows["TRN-07"], _column(model, "phase"))) == \
        "Investigational window"


def test_lazy_fetching_in_pages(qtbot: Any, backend: Any) -> None:
    for i in range(PAGE_SIZE + 30):
        backend.import_case({"format": "interfant-case/1",
                             "patient": {"study_id": f"BULK-{i:04d}",
                                         "date_of_birth": "2026-01-01"}})
    model = PatientListModel(backend)
    model.set_query("BULK")
    qtbot.waitUntil(lambda: not model.loading(), timeout=5000)  # fetched in the background
    assert model.rowCount() == PAGE_SIZE
    assert model.canFetchMore()
    model.fetchMore()
    qtbot.waitUntil(lambda: not model.loading(), timeout=5000)
    assert model.rowCount() == PAGE_SIZE + 30
    assert not model.canFetchMore()
    assert model.data(model.index(0, 0), Qt.ItemDataRole.UserRole) == "BULK-0000"


def test_down_arrow_moves_from_search_into_the_list(qtbot: Any, window: Any) -> None:
    page = window.list_page
    window.activateWindow()
    page.search.setFocus()
    qtbot.keyClick(page.search, Qt.Key.Key_Down)
    assert page.table.hasFocus() or page.table.selectionModel().selectedRows()
    assert page.table.selectionModel().selectedRows()[0].row() == 0
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert window.workspace is not None and window.workspace.patient_id == "TRN-01"


def test_enter_opens_the_patient(qtbot: Any, window: Any) -> None:
    page = window.list_page
    qtbot.keyClicks(page.search, "TRN-07")
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    # The matches come from the background: Enter opens the first one once it is there.
    qtbot.waitUntil(lambda: window.workspace is not None, timeout=5000)
    assert window.workspace is not None
    assert window.workspace.patient_id == "TRN-07"


def test_signed_order_awaiting_verification_needs_attention(qtbot: Any, window: Any) -> None:
    from interfant_desktop.ui.pages.orders_page import OrdersPage

    backend = window.backend
    draft = signed_order(backend.store, backend.user, "TRN-09", password=PHYSICIAN[1])
    assert draft.started and draft.status == "signed"
    summary = backend.summary("TRN-09", backend.load_patient("TRN-09").version)
    assert any("awaiting verification" in item for item in summary.attention)
    ws = window.open_patient("TRN-09")
    page = ws.page(OrdersPage)
    texts = [label.text() for card in page.cards for label in card.findChildren(type(ws.identity))]
    assert any(f"Order #{draft.id}: signed" in text for text in texts)


def test_closing_does_not_wait_for_a_whole_batch_of_summaries(qtbot: Any, backend: Any) -> None:
    """The backend closes (the app quits, the user signs out) once the background work
    already started is done; a batch of summary columns stops at the row it is on then,
    instead of computing the rest for a list nobody sees any more."""
    model = PatientListModel(backend)
    model.set_query("")
    qtbot.waitUntil(lambda: not model.loading(), timeout=5000)
    assert model.rowCount() == 15
    real, computed = backend.summary, []

    def summary(study_id: str, version: int) -> Any:
        computed.append(study_id)
        backend.closed = True  # the app starts closing while this batch runs
        return real(study_id, version)

    backend.summary = summary
    risk = _column(model, "risk")
    for row in range(model.rowCount()):  # as the view asks for the cells it paints
        model.data(model.index(row, risk))
    from interfant_desktop.ui.operations import task_manager

    qtbot.waitUntil(lambda: model.row_at(0).summarised, timeout=5000)  # the batch reported back
    QCoreApplication.processEvents()  # where the next batch would start (a zero timer)
    qtbot.waitUntil(lambda: task_manager().idle(), timeout=5000)
    assert computed == [model.row_at(0).study_id]  # not the batch of ten, nor the queued rest
    assert not model.row_at(1).summarised
