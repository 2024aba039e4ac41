"""The patient list as a lazily fetched table model (``canFetchMore`` / ``fetchMore``).

Rows come from the services' paged search, a page at a time as the view scrolls,
so 10,000 patients cost no more than the rows on screen. A new search text
resets the model and fetches the first page only. The engine's summary columns
(age, risk group, phase, needs attention) are computed for the rows the view
asks for, a batch at a time.

Every store call runs off the GUI thread (:class:`~interfant_desktop.ui.operations.QueryOp`),
so typing and painting never wait for the database: a page arrives a moment later
and is dropped if the search text changed meanwhile (``page_loaded`` says when one
arrived). Until ``attach`` gives it the backend (start-up signs in in the background)
the model is empty and fetches nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)

from interfant_desktop.ui.operations import QueryOp

if TYPE_CHECKING:  # the window is shown before the services are imported
    from interfant_desktop.ui.backend import PatientRow, Summary, UiBackend

PAGE_SIZE = 100
#: the "Needs attention" flags as (each in full, each in a few words), in the same order:
#: the cell draws what fits of them (``attention_cell.py``)
ATTENTION_ROLE = Qt.ItemDataRole.UserRole + 1
#: rows summarised per background call (each is a few store reads and one evaluation)
SUMMARY_BATCH = 10
Index = QModelIndex | QPersistentModelIndex


def _t(text: str) -> str:
    return QCoreApplication.translate("PatientListModel", text)


COLUMNS = (
    ("study_id", "Study ID"),
    ("name", "Name"),
    ("hospital_number", "Hospital number"),
    ("age", "Age at diagnosis"),
    ("eligibility", "Eligibility"),
    ("risk", "Risk group"),
    ("phase", "Current phase"),
    ("attention", "Needs attention"),
)
_FOR_LUPDATE = (
    QCoreApplication.translate("PatientListModel", "Study ID"),
    QCoreApplication.translate("PatientListModel", "Name"),
    QCoreApplication.translate("PatientListModel", "Hospital number"),
    QCoreApplication.translate("PatientListModel", "Age at diagnosis"),
    QCoreApplication.translate("PatientListModel", "Eligibility"),
    QCoreApplication.translate("PatientListModel", "Risk group"),
    QCoreApplication.translate("PatientListModel", "Current phase"),
    QCoreApplication.translate("PatientListModel", "Needs attention"),
)


SUMMARY_KEYS = ("age", "eligibility", "risk", "phase", "attention")
#: The eligibility column in words and a symbol, so colour is never the only signal.
ELIGIBILITY_WORDS = {"eligible": "✔ eligible", "ineligible": "✖ NOT eligible",
                     "incomplete": "… incomplete"}
_FOR_LUPDATE_ELIGIBILITY = (
    QCoreApplication.translate("PatientListModel", "✔ eligible"),
    QCoreApplication.translate("PatientListModel", "✖ NOT eligible"),
    QCoreApplication.translate("PatientListModel", "… incomplete"),
    QCoreApplication.translate("PatientListModel", "not on protocol"),
)


def usual_values(key: str) -> list[str]:
    """The widest values a column usually shows, which its width must hold whole (a longer
    name or study ID is cut; "Needs attention" takes the rest of the width)."""
    from interfant_desktop.ui.formatting import PHASE_LABELS, age_text, phase_label

    if key == "age":
        return [age_text(999)]  # "999 days (32.8 mo)": an infant's age at diagnosis
    if key == "eligibility":
        return [_t(words) for words in ELIGIBILITY_WORDS.values()]
    if key == "risk":
        translate = QCoreApplication.translate
        if_eligible = translate("Formatting", " if eligible")  # (formatting.risk_group_text)
        return ["MR (MR-high)", "MR" + if_eligible, "HR" + if_eligible,
                translate("PatientListModel", "pending"), translate("PatientListModel", "not readable")]
    if key == "phase":
        return [phase_label(phase) for phase in PHASE_LABELS] + [
            QCoreApplication.translate("PatientListModel", "not on protocol")]
    # Free text: 15 wide letters of a name, a study ID of 8 ("BX-00001"), 11 digits of a
    # hospital number.
    return {"name": ["M" * 15], "study_id": ["MMM-0000"], "hospital_number": ["0" * 11]}.get(
        key, [""])


class PatientListModel(QAbstractTableModel):
    """Rows of :class:`PatientRow`, fetched page by page from the services."""

    #: A page of the current search arrived (or the search found nothing).
    page_loaded = Signal()

    def __init__(self, backend: UiBackend | None, parent: Any = None) -> None:
        super().__init__(parent)
        #: None until the services are loaded and the user signed in (nothing is fetched)
        self.backend = backend
        self._rows: list[PatientRow] = []
        self._query = ""
        self._exhausted = backend is None
        self._fetching = False
        #: bumped by every new search: a late page of an older search is dropped
        self._generation = 0
        self._pending: dict[str, int] = {}
        self._summarising = False
        self._summariser = QTimer(self)
        self._summariser.setSingleShot(True)
        self._summariser.setInterval(0)
        self._summariser.timeout.connect(self._summarise_some)

    # --- searching -----------------------------------------------------------------------
    def set_query(self, text: str) -> None:
        """Start a new search: keep nothing of the old one, fetch the first page now."""
        self.beginResetModel()
        self._query = text.strip()
        self._rows = []
        self._pending.clear()
        self._exhausted = self.backend is None
        self._fetching = False
        self._generation += 1
        self.endResetModel()
        self.fetchMore(QModelIndex())

    def query(self) -> str:
        return self._query

    def reload(self) -> None:
        """Fetch the current search again (after a change)."""
        self.set_query(self._query)

    def row_at(self, row: int) -> PatientRow:
        return self._rows[row]

    def loading(self) -> bool:
        """True while a page of the current search is being fetched."""
        return self._fetching

    def attach(self, backend: UiBackend, first_page: list[PatientRow]) -> None:
        """The services are loaded: show ``first_page`` (of the search ``""``, read by the
        start-up operation) and fetch through ``backend`` from now on."""
        self.backend = backend
        self.beginResetModel()
        self._query = ""
        self._rows = list(first_page)
        self._pending.clear()
        self._fetching = False
        self._generation += 1
        self._exhausted = len(first_page) < PAGE_SIZE
        self.endResetModel()
        self.page_loaded.emit()

    def clear_rows(self) -> None:
        """Show nothing and fetch nothing (the sign-in was not confirmed)."""
        self.beginResetModel()
        self.backend = None
        self._rows = []
        self._pending.clear()
        self._exhausted = True
        self._generation += 1
        self.endResetModel()

    # --- lazy fetching -------------------------------------------------------------------
    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._exhausted and self.backend is not None

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        """Ask for the next page in the background (once: a second call while it is on
        its way does nothing)."""
        if parent.isValid() or self._exhausted or self.backend is None or self._fetching \
                or self.backend.closed:
            return
        self._fetching = True
        backend, query, offset = self.backend, self._query, len(self._rows)
        generation = self._generation
        QueryOp(self, lambda: backend.search_patients(query, offset=offset, limit=PAGE_SIZE)) \
            .success(lambda page: self._page_arrived(generation, offset, page)) \
            .failure(lambda exc: self._fetch_failed(generation, exc)) \
            .run_in_background()

    def _page_arrived(self, generation: int, offset: int, page: list[PatientRow]) -> None:
        if generation != self._generation or offset != len(self._rows):
            return  # an older search's page: the text changed meanwhile
        self._fetching = False
        if len(page) < PAGE_SIZE:
            self._exhausted = True
        if page:
            start = len(self._rows)
            self.beginInsertRows(QModelIndex(), start, start + len(page) - 1)
            self._rows.extend(page)
            self.endInsertRows()
        self.page_loaded.emit()

    def _fetch_failed(self, generation: int, exc: Exception) -> None:
        from interfant_desktop.ui.backend import UserFacingError

        if generation != self._generation:
            return
        self._fetching = False
        self._exhausted = True  # no retry loop against a failing database
        self.page_loaded.emit()
        if not isinstance(exc, UserFacingError):
            raise exc

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
            if not self._summariser.isActive() and not self._summarising:
                self._summariser.start()
            return "…"
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if key == "age":
                from interfant_desktop.ui.formatting import age_text

                return age_text(row.age_at_diagnosis_days)
            if key == "eligibility":
                return _t(ELIGIBILITY_WORDS.get(row.eligibility or "", "—"))
            if key == "phase":
                from interfant_desktop.ui.formatting import phase_label

                if row.eligibility == "ineligible":
                    return QCoreApplication.translate("PatientListModel", "not on protocol")
                return phase_label(row.current_phase)
            if key == "attention":
                return "⚠ " + "; ".join(row.attention) if row.attention else ""
            if key == "risk":
                return row.risk or QCoreApplication.translate("PatientListModel", "pending")
            value = getattr(row, key)
            return value or "—"
        if key == "attention" and row.attention:
            if role == ATTENTION_ROLE:  # (cell_text falls back to the full words)
                return tuple(row.attention), tuple(row.attention_brief)
            if role == Qt.ItemDataRole.ToolTipRole:  # every flag in full, one a line
                return "\n".join(f"• {flag}" for flag in row.attention)
        if role == Qt.ItemDataRole.UserRole:
            return row.study_id
        return None

    # --- the engine's summary, computed for visible rows ----------------------------------
    def _summarise_some(self) -> None:
        """Summarise a batch of the queued rows in the background; the next batch follows
        once it has arrived."""
        if self.backend is None or self.backend.closed or self._summarising or not self._pending:
            return
        # First asked, first summarised: the rows at the top of the screen come first.
        batch = [(study_id, self._pending.pop(study_id))
                 for study_id in list(self._pending)[:SUMMARY_BATCH]]
        wanted = [(study_id, row, self._rows[row].version) for study_id, row in batch
                  if row < len(self._rows) and self._rows[row].study_id == study_id]
        backend, generation = self.backend, self._generation
        self._summarising = True
        QueryOp(self, lambda: _summaries(backend, wanted), background=True) \
            .success(lambda done: self._summaries_arrived(generation, done)) \
            .failure(self._summaries_failed) \
            .run_in_background()

    def _summaries_arrived(self, generation: int,
                           done: list[tuple[str, int, Summary | None]]) -> None:
        self._summarising = False
        if generation == self._generation:
            for study_id, row_number, summary in done:
                if row_number >= len(self._rows) or self._rows[row_number].study_id != study_id:
                    continue
                row = self._rows[row_number]
                if summary is None:
                    row.summarised = True
                    row.risk = QCoreApplication.translate("PatientListModel", "not readable")
                else:
                    row.apply(summary)
                self.dataChanged.emit(self.index(row_number, 3),
                                      self.index(row_number, len(COLUMNS) - 1))
        if self._pending:
            self._summariser.start()

    def _summaries_failed(self, exc: Exception) -> None:
        self._summarising = False
        self._pending.clear()
        raise exc

    def summaries_pending(self) -> bool:
        """True while some visible rows still wait for their summary."""
        return bool(self._pending) or self._summarising


def _summaries(backend: UiBackend, wanted: list[tuple[str, int, int]]
               ) -> list[tuple[str, int, Summary | None]]:
    """On the worker thread: the engine's summary of each wanted row (None: the stored
    data is not readable)."""
    from interfant_desktop.ui.backend import UserFacingError

    done: list[tuple[str, int, Summary | None]] = []
    for study_id, row, version in wanted:
        if backend.closed:  # the app is closing and waits for this batch: nobody sees the rest
            break
        try:
            done.append((study_id, row, backend.summary(study_id, version)))
        except UserFacingError:
            done.append((study_id, row, None))
    return done
