"""What every workspace page shares: a scrollable body, a title, inline field errors.

A page never decides anything clinical. It shows the engine's evaluation of the
patient's recorded case, and hands edits to the workspace, which validates them
with the engine's case parser and records them through the services.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from interfant_desktop.protocol import Case, Evaluation
    from interfant_desktop.ui.workspace import PatientWorkspace


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

    # --- helpers for subclasses ------------------------------------------------------
    def section_title(self, text: str) -> QLabel:
        """Add a sub-heading to the page body."""
        label = QLabel(text)
        label.setObjectName("SectionTitle")
        self.body.addWidget(label)
        return label

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
        widget.setAccessibleName(label.replace("&", ""))
        self.errors[path] = error
        return error

    def add_button(self, form: QFormLayout, button: QPushButton) -> None:
        """A form's action button, left-aligned under the fields (not stretched)."""
        holder = QWidget()
        row = QHBoxLayout(holder)
        row.setContentsMargins(0, 4, 0, 8)
        row.addWidget(button)
        row.addStretch(1)
        form.addRow("", holder)

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
    def case(self) -> dict[str, Any]:
        """The stored case in case-file form (what an edit starts from)."""
        return self.workspace.case

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
