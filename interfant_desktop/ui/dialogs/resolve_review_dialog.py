"""Resolve one review item: choose one of the engine's options and give a reason."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from interfant_desktop.protocol.reasons import ReviewItem
from interfant_desktop.ui.dialogs.parts import (
    fit_to_contents,
    problem_and_ok_cancel,
    reason_box,
    show_problem,
)


class ResolveReviewDialog(QDialog):
    """The options are the engine's; the app adds nothing of its own."""

    def __init__(self, item: ReviewItem, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ResolveReviewDialog")
        self.setWindowTitle(self.tr("Resolve review item {rule}").format(rule=item.rule))
        # Wide enough for the rule's sentence; taller as it wraps (never cut mid-sentence).
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 42)
        layout = QVBoxLayout(self)
        self.rule_text = QLabel(f"<b>{item.rule}</b> ({item.source}): {item.text}")
        self.rule_text.setWordWrap(True)
        self.rule_text.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.rule_text)
        if item.detail:
            detail = QLabel(item.detail)
            detail.setWordWrap(True)
            layout.addWidget(detail)
        layout.addWidget(QLabel(self.tr("Your decision:")))
        self.group = QButtonGroup(self)
        for index, option in enumerate(item.options):
            radio = QRadioButton(str(option))
            radio.setAccessibleName(self.tr("Option {option}").format(option=option))
            self.group.addButton(radio, index)
            layout.addWidget(radio)
        self._options = list(item.options)
        self.reason_edit = reason_box(layout, self.tr("&Reason (recorded in the audit trail):"),
                                      self.tr("Reason for the decision"), 80)
        self.problem = problem_and_ok_cancel(self, layout, self.tr("Record decision"))
        fit_to_contents(self)

    def option(self) -> str:
        """The chosen option."""
        index = self.group.checkedId()
        return self._options[index] if index >= 0 else ""

    def reason(self) -> str:
        """The reason as typed, trimmed."""
        return self.reason_edit.toPlainText().strip()

    def accept(self) -> None:
        """Refuse to close without an option and a reason."""
        if not self.option():
            show_problem(self, self.problem, self.tr("✖ Choose one of the options."))
        elif len(self.reason()) < 3:
            show_problem(self, self.problem, self.tr("✖ Give the reason for this decision."))
        else:
            super().accept()
