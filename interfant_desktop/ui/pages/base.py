"""What every workspace page shares: a scrollable body, a title, inline field errors.

A page never decides anything clinical. It shows the engine's evaluation of the
patient's recorded case, and hands edits to the workspace, which validates them
with the engine's case parser and records them through the services.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from interfant_desktop.ui import unsaved
from interfant_desktop.ui.widgets.banner import Banner

if TYPE_CHECKING:
    from interfant_desktop.protocol import Case, Evaluation
    from interfant_desktop.ui.workspace import PatientWorkspace


def _value_of(values: list[unsaved.FieldValue], widget: QWidget) -> unsaved.Value:
    return next((item.value for item in values if item.widget is widget), None)


class FieldError(QLabel):
    """The message shown right under a field whose value was refused."""

    def __init__(self, field: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("FieldError")
        self.setWordWrap(True)
        self.field = field
        self.hide()

    def show_problem(self, text: str) -> None:
        """Show why the value was refused and mark the field invalid (border and text)."""
        self.setText("✖ " + text)
        self.show()
        self.field.setProperty("invalid", True)
        self.field.setAccessibleDescription(text)
        self._repolish()

    def clear_problem(self) -> None:
        """Hide the message and the invalid mark."""
        self.clear()
        self.hide()
        self.field.setProperty("invalid", False)
        self.field.setAccessibleDescription("")
        self._repolish()

    def _repolish(self) -> None:
        style = self.field.style()
        style.unpolish(self.field)
        style.polish(self.field)


class WorkspacePage(QWidget):
    """A step of the patient workspace. Subclasses fill ``self.body`` and implement ``refresh``."""

    #: Case-file section this page edits (``None`` for read-only pages).
    section: str | None = None
    #: True for a page that enables its actions per role itself (not made read-only here)
    own_permissions: bool = False

    def __init__(self, workspace: PatientWorkspace, title: str) -> None:
        super().__init__()
        self.workspace = workspace
        self.page_title = title
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        outer.addWidget(scroll)
        content = QWidget()
        # A readable line length: forms and text do not stretch across a wide screen.
        content.setMaximumWidth(content.fontMetrics().horizontalAdvance("M") * 95)
        scroll.setWidget(content)
        self.body = QVBoxLayout(content)
        self.body.setContentsMargins(24, 16, 24, 24)
        self.body.setSpacing(10)
        heading = QLabel(title)
        heading.setObjectName("PageTitle")
        heading.setAccessibleName(title)
        self.body.addWidget(heading)
        self.errors: dict[str, FieldError] = {}
        #: the page's fields as the record showed them (see :mod:`interfant_desktop.ui.unsaved`)
        self._shown: list[unsaved.FieldValue] = []
        self._settle: list[QWidget] = []
        #: which form's save button records a field (for "Save" when leaving the patient)
        self._form_of: dict[QWidget, QFormLayout] = {}
        self._save_button_of: dict[QFormLayout, QPushButton] = {}
        #: every form's field labels: one column width for all forms of the page
        self._captions: list[QLabel] = []

    # --- helpers for subclasses ------------------------------------------------------
    def section_title(self, text: str) -> QLabel:
        """Add a sub-heading to the page body."""
        label = QLabel(text)
        label.setObjectName("SectionTitle")
        self.body.addWidget(label)
        return label

    def add_banner(self) -> Banner:
        """A new banner (the engine's message for this page) at the end of the page body."""
        banner = Banner()
        self.body.addWidget(banner)
        return banner

    def add_form(self) -> QFormLayout:
        """A new form at the end of the page body."""
        form = QFormLayout()
        self.body.addLayout(form)
        return form

    def add_text_field(self, form: QFormLayout, label: str, path: str, placeholder: str = "",
                       hint: str = "") -> tuple[QLineEdit, FieldError]:
        """A one-line text field (with an example as its placeholder) added like
        :meth:`add_field`; returns the field and its error line."""
        edit = QLineEdit()
        if placeholder:
            edit.setPlaceholderText(placeholder)
        return edit, self.add_field(form, label, edit, path, hint)

    def add_save_button(self, form: QFormLayout, text: str, handler: Callable[[], object]) -> QPushButton:
        """The form's primary button, which records it (and which "Save" presses for the
        form's unsaved edits when leaving the patient)."""
        button = QPushButton(text)
        button.setObjectName("Primary")
        button.clicked.connect(handler)
        self.add_button(form, button)
        return button

    def add_field(self, form: QFormLayout, label: str, widget: QWidget, path: str,
                  hint: str = "") -> FieldError:
        """Add a labelled field with its error line; ``path`` is the case-file JSON path."""
        holder = QWidget()
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        if hint:
            hint_label = QLabel(hint)
            hint_label.setObjectName("FieldHint")
            hint_label.setWordWrap(True)
            column.addWidget(hint_label)
        error = FieldError(widget)
        column.addWidget(error)
        caption = QLabel(label)
        caption.setBuddy(widget)
        form.addRow(caption, holder)
        self._captions.append(caption)
        widget.setAccessibleName(label.replace("&", ""))
        self.errors[path] = error
        for field in unsaved.edit_fields(widget):
            self._form_of[field] = form
        return error

    def align_forms(self) -> None:
        """Give the labels of all the page's forms the width of the widest, so that the
        fields of one form stand under those of the next (each form sizes its own label
        column otherwise)."""
        width = max((caption.sizeHint().width() for caption in self._captions), default=0)
        for caption in self._captions:
            caption.setMinimumWidth(width)

    def event(self, event: QEvent) -> bool:
        # (the labels' widths follow the font: measured when shown and when it changes)
        if event.type() in (QEvent.Type.Show, QEvent.Type.FontChange, QEvent.Type.StyleChange,
                            QEvent.Type.LanguageChange):
            self.align_forms()
        return super().event(event)

    def add_button(self, form: QFormLayout, button: QPushButton) -> None:
        """A form's action button, left-aligned under the fields (not stretched)."""
        holder = QWidget()
        row = QHBoxLayout(holder)
        row.setContentsMargins(0, 4, 0, 8)
        row.addWidget(button)
        row.addStretch(1)
        form.addRow("", holder)
        if button.objectName() == "Primary":
            self._save_button_of.setdefault(form, button)

    def save_with_reason(self, section: str, value: Any, reason_field: QLineEdit, error: FieldError,
                         missing: str) -> None:
        """Record ``value`` as the case section ``section`` with the source / reason typed
        in ``reason_field``, which the audit trail needs: when it is empty nothing is
        recorded and ``missing`` shows under it. Once recorded, the reason is cleared."""
        reason = reason_field.text().strip()
        if not reason:
            error.show_problem(missing)
            return
        if self.workspace.save_section(self, section, value, reason):
            reason_field.clear()

    def clear_errors(self) -> None:
        """Hide every inline error on the page."""
        for error in self.errors.values():
            error.clear_problem()

    def show_error(self, path: str, problem: str) -> bool:
        """Show ``problem`` beside the field for ``path`` (or its closest parent path)."""
        candidate = path
        while candidate:
            if candidate in self.errors:
                self.errors[candidate].show_problem(problem)
                return True
            cut = max(candidate.rfind("."), candidate.rfind("["))
            candidate = candidate[:cut] if cut > 0 else ""
        return False

    @property
    def recorded(self) -> Case:
        """The stored case as the engine parsed it (what the page shows)."""
        return self.workspace.evaluation.case

    def section_json(self, name: str) -> dict[str, Any]:
        """A copy of one object section of the stored case file (``{}`` when absent),
        to merge an edit into: edits go to the services in case-file form."""
        return self.workspace.section_json(name)

    @property
    def evaluation(self) -> Evaluation:
        """The engine's evaluation of the recorded case."""
        return self.workspace.evaluation

    def refresh(self) -> None:
        """Show the current case and evaluation (called after every load or save)."""
        raise NotImplementedError

    # --- unsaved edits ------------------------------------------------------------------
    def mark_shown(self) -> None:
        """The fields now show the record: the baseline unsaved edits are measured from."""
        self._shown = unsaved.snapshot(self)
        self._settle = []

    def unsaved_fields(self) -> list[QWidget]:
        """Fields changed since the page showed the record (typed, not saved)."""
        return unsaved.changed_fields(self._shown)

    def refresh_keeping_typed(self, saved_here: bool) -> None:
        """Refresh after a load or save without losing what was typed and not saved: a
        typed value the refresh overwrote is put back (still unsaved); one the refresh
        left alone keeps its old baseline (still unsaved), unless this page's save just
        recorded it (``saved_here``: settled once the save handler is done)."""
        old = {item.widget: item.value for item in self._shown}
        typed = {item.widget: item.value for item in unsaved.snapshot(self)
                 if item.widget in self.unsaved_fields()}
        self.refresh()
        after = unsaved.snapshot(self)
        kept = [w for w, value in typed.items() if _value_of(after, w) == value]
        self._shown = [unsaved.FieldValue(item.widget, old.get(item.widget))
                       if item.widget in kept else item for item in after]
        for widget, value in typed.items():
            if widget not in kept:
                unsaved.restore(widget, value)
        self._settle = kept if saved_here else []

    def settle_saved(self) -> None:
        """After this page's save handler: what it saved (or cleared) is the baseline."""
        settle, self._settle = self._settle, []
        self.now_shows_saved(*settle)

    def now_shows_saved(self, *widgets: QWidget) -> None:
        """These fields show the record again (e.g. an evidence field emptied once its
        confirmation was recorded): their current value is their baseline."""
        fields = {field for widget in widgets for field in unsaved.edit_fields(widget)}
        current = {item.widget: item.value for item in unsaved.snapshot(self)}
        self._shown = [unsaved.FieldValue(item.widget, current.get(item.widget))
                       if item.widget in fields else item for item in self._shown]

    def save_unsaved(self) -> bool:
        """Press the save button of every form with an unsaved field; True once the page
        has nothing unsaved left (a refusal stays beside its field)."""
        forms = [self._form_of.get(w) for w in self.unsaved_fields()]
        for form in dict.fromkeys(forms):
            button = self._save_button_of.get(form) if form is not None else None
            if button is not None and button.isEnabled():
                button.click()  # runs the save to the end (and its handler)
                self.settle_saved()
        return not self.unsaved_fields()
