"""The patient list as a lazily fetched table model (``canFetchMore`` / ``fetchMore``).

Rows come from the services' paged search, a page at a time as the view scrolls,
so 10,000 patients cost no more than the rows on screen. A new search text
resets the model and fetches the first page only. The engine's summary columns
(age, risk group, phase, needs attention) are computed for the rows the view
asks for, a few at a time on a zero-delay timer, so typing never waits for them.

Quick start: the model can first show the quick page (``show_quick_rows``, read by
``services.quick_start`` before the services are loaded) with no backend; it then
fetches nothing and computes no summaries. ``attach`` gives it the real backend: the
same rows are fetched again through the services (the store-backed rows replace the
quick ones in place) and the summaries and further pages follow as usual.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
)

if TYPE_CHECKING:  # the quick first page is shown before the services are imported
    from interfant_desktop.ui.backend import PatientRow, UiBackend
    from interfant_desktop.ui.patient_list_quick import QuickListRow

PAGE_SIZE = 100
Index = QModelIndex | QPersistentModelIndex


def _t(text: str) -> str:
    return QCoreApplication.translate("PatientListModel", text)


COLUMNS = (
    ("study_id", "Study ID"),
    ("name", "Name"),
    ("hospital_number", "Hospital number"),
    ("age", "Age at diagnosis"),
    ("risk", "Risk group"),
    ("phase", "Current phase"),
    ("attention", "Needs attention"),
)
_FOR_LUPDATE = (
    QCoreApplication.translate("PatientListModel", "Study ID"),
    QCoreApplication.translate("PatientListModel", "Name"),
    QCoreApplication.translate("PatientListModel", "Hospital number"),
    QCoreApplication.translate("PatientListModel", "Age at diagnosis"),
    QCoreApplication.translate("PatientListModel", "Risk group"),
    QCoreApplication.translate("PatientListModel", "Current phase"),
    QCoreApplication.translate("PatientListModel", "Needs attention"),
)


SUMMARY_KEYS = ("age", "risk", "phase", "attention")


class PatientListModel(QAbstractTableModel):
    """Rows of :class:`PatientRow`, fetched page by page from the services."""

    def __init__(self, backend: UiBackend | None, parent: Any = None) -> None:
        super().__init__(parent)
        #: None while the quick first page is shown (nothing is fetched or computed then)
        self.backend = backend
        self._rows: list[PatientRow | QuickListRow] = []
        self._query = ""
        self._exhausted = False
        self._pending: dict[str, int] = {}
        self._summariser = QTimer(self)
        self._summariser.setInterval(0)
        self._summariser.timeout.connect(self._summarise_some)

    # --- searching -----------------------------------------------------------------------
    def set_query(self, text: str) -> None:
        """Start a new search: keep nothing of the old one, fetch the first page now."""
        self.beginResetModel()
        self._query = text.strip()
        self._rows = []
        self._pending.clear()
        self._exhausted = False
        self.endResetModel()
        self.fetchMore(QModelIndex())

    def query(self) -> str:
        return self._query

    def reload(self) -> None:
        """Fetch the current search again (after a change)."""
        self.set_query(self._query)

    def row_at(self, row: int) -> PatientRow | QuickListRow:
        return self._rows[row]

    # --- quick start ---------------------------------------------------------------------
    def is_quick(self) -> bool:
        """True while the quick first page is shown (no backend yet)."""
        return self.backend is None

    def show_quick_rows(self, rows: list[QuickListRow]) -> None:
        """Show the quick first page (read-only, no backend, nothing more to fetch)."""
        self.beginResetModel()
        self._query = ""
        self._rows = list(rows)
        self._pending.clear()
        self._exhausted = True
        self.endResetModel()

    def attach(self, backend: UiBackend) -> bool:
        """Use the services from now on: fetch the shown rows again through them.

        Returns True when the store gave the same rows (same study IDs in the same
        order): they are replaced in place, so selection and scroll position stay;
        False when they differ (a patient was added meanwhile): the model is reset
        and the caller restores the selection by study ID."""
        self.backend = backend
        wanted = max(PAGE_SIZE, len(self._rows))
        page = backend.search_patients(self._query, offset=0, limit=wanted)
        same = [r.study_id for r in page] == [r.study_id for r in self._rows]
        if same:
            self._rows = list(page)
            self._exhausted = len(page) < wanted
            if self._rows:
                self.dataChanged.emit(self.index(0, 0),
                                      self.index(len(self._rows) - 1, len(COLUMNS) - 1))
        else:
            self.beginResetModel()
            self._rows = list(page)
            self._pending.clear()
            self._exhausted = len(page) < wanted
            self.endResetModel()
        return same

    def clear_rows(self) -> None:
        """Show nothing (the sign-in was not confirmed)."""
        self.beginResetModel()
        self._rows = []
        self._pending.clear()
        self._exhausted = True
        self.endResetModel()

    # --- lazy fetching -------------------------------------------------------------------
    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._exhausted and self.backend is not None

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or self._exhausted or self.backend is None:
            return
        page = self.backend.search_patients(self._query, offset=len(self._rows), limit=PAGE_SIZE)
        if len(page) < PAGE_SIZE:
            self._exhausted = True
        if page:
            start = len(self._rows)
            self.beginInsertRows(QModelIndex(), start, start + len(page) - 1)
            self._rows.extend(page)
            self.endInsertRows()

    # --- the table -----------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return _t(COLUMNS[section][1])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        key = COLUMNS[index.column()][0]
        if key in SUMMARY_KEYS and not row.summarised and role == Qt.ItemDataRole.DisplayRole:
            if self.backend is None:
                return "…"  # computed once the services are loaded
            self._pending.setdefault(row.study_id, index.row())
            if not self._summariser.isActive():
                self._summariser.start()
            return "…"
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if key == "age":
                from interfant_desktop.ui.formatting import age_text

                return age_text(row.age_at_diagnosis_days)
            if key == "phase":
                from interfant_desktop.ui.formatting import phase_label

                return phase_label(row.current_phase)
            if key == "attention":
                return "⚠ " + "; ".join(row.attention) if row.attention else ""
            if key == "risk":
                return row.risk or QCoreApplication.translate("PatientListModel", "pending")
            value = getattr(row, key)
            return value or "—"
        if role == Qt.ItemDataRole.ToolTipRole and key == "attention" and row.attention:
            return "\n".join(row.attention)
        if role == Qt.ItemDataRole.UserRole:
            return row.study_id
        return None

    # --- the engine's summary, computed for visible rows ----------------------------------
    def _summarise_some(self) -> None:
        """Summarise queued rows for at most ~15 ms, then yield to the event loop."""
        from interfant_desktop.ui.backend import UserFacingError

        if self.backend is None:
            self._pending.clear()
            self._summariser.stop()
            return
        deadline = time.perf_counter() + 0.015
        while self._pending and time.perf_counter() < deadline:
            study_id, row_number = self._pending.popitem()
            if row_number >= len(self._rows) or self._rows[row_number].study_id != study_id:
                continue
            row = self._rows[row_number]
            try:
                summary = self.backend.summary(study_id, row.version)
            except UserFacingError:
                row.summarised = True
                row.risk = QCoreApplication.translate("PatientListModel", "not readable")
            else:
                row.age_at_diagnosis_days = summary.age_at_diagnosis_days
                row.risk, row.current_phase = summary.risk, summary.current_phase
                row.attention, row.summarised = list(summary.attention), True
            if not shiboken6.isValid(self):
                # The window was deleted meanwhile (a garbage collection may run during
                # the summary and delete a closed window's unreachable wrapper with it).
                return
            self.dataChanged.emit(self.index(row_number, 3),
                                  self.index(row_number, len(COLUMNS) - 1))
        if not self._pending:
            self._summariser.stop()

    def summaries_pending(self) -> bool:
        """True while some visible rows still wait for their summary."""
        return bool(self._pending)
