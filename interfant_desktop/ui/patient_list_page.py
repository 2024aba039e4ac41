"""The patient list: search as you type by study ID, name or hospital number."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QFontMetrics, QKeyEvent, QPaintEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from interfant_desktop.ui.attention_cell import AttentionDelegate
from interfant_desktop.ui.patient_list_model import COLUMNS, PatientListModel, usual_values
from interfant_desktop.ui.signing_in import SigningIn

if TYPE_CHECKING:  # the window is shown before the services are imported
    from interfant_desktop.ui.backend import PatientRow, UiBackend


class PatientTable(QTableView):
    """The list's table; ``painted_with_rows`` once it has first painted some rows.

    Said from its paint handler, after the rows are drawn: the start-up's "fully usable"
    waits for it. (Not an event filter on the viewport: the first Python access to the
    viewport, a plain QWidget, makes PySide6 load every QWidget class of QtWidgets to
    find its type, ~7 ms before the window could be shown.)"""

    painted_with_rows = Signal()

    def __init__(self) -> None:
        super().__init__()
        self._painted_rows = False

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted_rows:
            model = self.model()
            if model is not None and model.rowCount():
                self._painted_rows = True
                self.painted_with_rows.emit()


class PatientListPage(QWidget):
    """Search field, "New patient" button and the lazily fetched table."""

    open_patient = Signal(str)
    new_patient_requested = Signal()

    def __init__(self, backend: UiBackend | SigningIn,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("PatientListPage")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        title = QLabel(self.tr("Patients"))
        title.setObjectName("PageTitle")
        layout.addWidget(title)
        bar = QHBoxLayout()
        search_label = QLabel(self.tr("&Search:"))
        self.search = QLineEdit()
        self.search.setObjectName("PatientSearch")
        self.search.setPlaceholderText(self.tr("Study ID, name or hospital number"))
        self.search.setAccessibleName(self.tr("Search patients by study ID, name or hospital number"))
        self.search.setClearButtonEnabled(True)
        search_label.setBuddy(self.search)
        self.new_button = QPushButton(self.tr("&New patient…"))
        self.new_button.setObjectName("Primary")
        self.new_button.setAccessibleName(self.tr("Register a new patient"))
        self.new_button.setEnabled(backend.can_create_patient())
        bar.addWidget(search_label)
        bar.addWidget(self.search, 1)
        bar.addWidget(self.new_button)
        layout.addLayout(bar)

        self.model = PatientListModel(None if isinstance(backend, SigningIn) else backend, self)
        #: Enter was pressed while the search was on its way: open its first match then
        self._open_when_loaded = False
        self.table = PatientTable()
        self.table.setObjectName("PatientTable")
        self.table.setAccessibleName(self.tr("Patient list"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.setTabKeyNavigation(False)
        self.table.setWordWrap(False)
        # What needs attention, as much as the column holds, never cut mid-word unnoticed.
        self._attention_delegate = AttentionDelegate(self.table)
        self.table.setItemDelegateForColumn(
            [key for key, _title in COLUMNS].index("attention"), self._attention_delegate)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        layout.addWidget(self.table, 1)
        self.count = QLabel()
        self.count.setObjectName("Muted")
        layout.addWidget(self.count)
        hint = QLabel(self.tr("Enter or double-click opens the patient. Ctrl+F searches."))
        hint.setObjectName("Muted")
        layout.addWidget(hint)

        # Coalesce: keystrokes already queued are handled before the one query runs.
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(0)
        self._debounce.timeout.connect(self.apply_search)
        self.search.textChanged.connect(self._debounce.start)
        self.search.returnPressed.connect(self._open_first_or_selected)
        self.table.activated.connect(self._open_index)
        self.new_button.clicked.connect(self.new_patient_requested)
        self.model.rowsInserted.connect(self._update_count)
        self.model.modelReset.connect(self._update_count)
        self.model.page_loaded.connect(self._page_loaded)
        self.search.installEventFilter(self)
        self.setTabOrder(self.search, self.new_button)
        self.setTabOrder(self.new_button, self.table)
        if isinstance(backend, SigningIn):
            # Nothing to search until the sign-in is confirmed (a moment after start-up).
            self.search.setReadOnly(True)
            self.count.setText(self.tr("Signing in…"))

    def attach_backend(self, backend: UiBackend, first_page: list[PatientRow]) -> None:
        """The sign-in is confirmed: show the first page read by the start-up operation
        and search through the services from now on."""
        self.model.attach(backend, first_page)
        self._fit_columns()
        self.search.setReadOnly(False)
        self.new_button.setEnabled(backend.can_create_patient())
        self._update_count()
        if self.search.text().strip():  # typed during the start-up: search now
            self.apply_search()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Down arrow in the search field moves into the list, on its first row."""
        if watched is self.search and event.type() == QEvent.Type.KeyPress and \
                isinstance(event, QKeyEvent) and event.key() == Qt.Key.Key_Down \
                and self.model.rowCount():
            self.table.setFocus()
            self.table.selectRow(0)
            return True
        return super().eventFilter(watched, event)

    def apply_search(self) -> None:
        """Run the search for the text in the field now (the debounce calls this)."""
        self._debounce.stop()
        self.model.set_query(self.search.text())
        self._fit_columns()

    def load(self) -> None:
        """First fill of the list."""
        self.model.set_query(self.search.text())
        self._fit_columns()

    def _fit_columns(self) -> None:
        """Each column as wide as its title and its widest usual value, no wider: the rest
        of the width goes to "Needs attention" (the last column stretches)."""
        metrics = self.table.fontMetrics()
        header = self.table.horizontalHeader()
        # The header's bold font and its padding: a title is never cut ("Hospital numbe").
        bold = header.font()
        bold.setBold(True)
        title_metrics = QFontMetrics(bold)
        for column, (key, _title) in enumerate(COLUMNS[:-1]):
            title = str(self.model.headerData(column, Qt.Orientation.Horizontal) or "")
            widest = max(metrics.horizontalAdvance(text) for text in usual_values(key))
            self.table.setColumnWidth(column, max(
                widest + 12,  # Qt's text margins and the grid line
                title_metrics.horizontalAdvance(title) + 16,
                header.sectionSizeFromContents(column).width()))

    def _update_count(self) -> None:
        rows = self.model.rowCount()
        more = self.model.canFetchMore()
        shown = self.tr("1 patient shown") if rows == 1 else self.tr("{n} patients shown").format(
            n=rows)
        self.count.setText(shown + (self.tr(" (scroll for more)") if more else ""))

    def _open_index(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_patient.emit(self.model.data(index, Qt.ItemDataRole.UserRole))

    def _page_loaded(self) -> None:
        self._update_count()
        if self._open_when_loaded:
            self._open_when_loaded = False
            self._open_index(self.model.index(0, 0))

    def _open_first_or_selected(self) -> None:
        if self._debounce.isActive():
            self.apply_search()
        if self.model.loading() and not self.model.rowCount():
            self._open_when_loaded = True  # the matches are on their way
            return
        selected = self.table.selectionModel().selectedRows()
        index = selected[0] if selected else self.model.index(0, 0)
        self._open_index(index)
