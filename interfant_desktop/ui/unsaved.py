"""What a clinician typed but has not saved yet: noticed, named and never lost silently.

A page's fields are read once it shows the record (:func:`snapshot`); a field whose
value differs later holds an unsaved edit (:func:`changed_fields`). Leaving the
patient (back to the list, another patient, lock, switch user, closing the window)
then asks Save / Discard / Cancel (:func:`ask_save_discard_cancel`).

A widget with the property ``view_selector`` set (e.g. "which cycle to show") is
not an edit of the record and is never counted.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

import shiboken6
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

#: a field's value as far as "was it changed?" is concerned
Value = str | bool | int | None


@dataclass(frozen=True)
class FieldValue:
    widget: QWidget
    value: Value


def _value(widget: QWidget) -> tuple[bool, Value]:
    """(is an edit field, its value)."""
    if isinstance(widget, QLineEdit):
        parent = widget.parentWidget()
        if isinstance(parent, (QAbstractSpinBox, QComboBox)):
            return False, None  # counted as the spin box / combo box it belongs to
        return not widget.isReadOnly(), widget.text()
    if isinstance(widget, QPlainTextEdit):
        return not widget.isReadOnly(), widget.toPlainText()
    if isinstance(widget, QComboBox):
        return True, widget.currentIndex()
    if isinstance(widget, QAbstractSpinBox):
        return not widget.isReadOnly(), widget.text()
    if isinstance(widget, QAbstractButton) and not isinstance(widget, QPushButton):
        return widget.isCheckable(), widget.isChecked()
    return False, None


def edit_fields(root: QWidget) -> list[QWidget]:
    """The edit fields under ``root`` (and ``root`` itself), in creation order."""
    return [w for w in [root, *root.findChildren(QWidget)]
            if _value(w)[0] and not w.property("view_selector")]


def snapshot(root: QWidget) -> list[FieldValue]:
    """The current value of every edit field under ``root``."""
    return [FieldValue(w, _value(w)[1]) for w in edit_fields(root)]


def changed_fields(baseline: list[FieldValue]) -> list[QWidget]:
    """The fields whose value is no longer the one in ``baseline`` (a field the page has
    replaced since, e.g. a list of cards built anew, is no longer one of its fields)."""
    return [item.widget for item in baseline
            if shiboken6.isValid(item.widget) and _value(item.widget)[1] != item.value]


def restore(widget: QWidget, value: Value) -> None:
    """Put a typed value back into its field (after the page was refreshed under it)."""
    if not shiboken6.isValid(widget):
        return
    if isinstance(widget, QLineEdit) and isinstance(value, str):
        widget.setText(value)
    elif isinstance(widget, QPlainTextEdit) and isinstance(value, str):
        widget.setPlainText(value)
    elif isinstance(widget, QComboBox) and isinstance(value, int):
        widget.setCurrentIndex(value)
    elif isinstance(widget, QAbstractSpinBox) and isinstance(value, str):
        line = widget.findChild(QLineEdit)
        if line is not None:
            line.setText(value)
            widget.interpretText()
    elif isinstance(widget, QAbstractButton) and isinstance(value, bool):
        widget.setChecked(value)


def field_name(widget: QWidget) -> str:
    """How the field is called on screen (its accessible name, else its placeholder)."""
    name = widget.accessibleName()
    if not name and isinstance(widget, QLineEdit):
        name = widget.placeholderText()
    if not name and isinstance(widget, QAbstractButton):
        name = widget.text().replace("&", "")
    return name or QCoreApplication.translate("UnsavedChangesBox", "a field")


class Answer(enum.Enum):
    SAVE = "save"
    DISCARD = "discard"
    CANCEL = "cancel"


class UnsavedChangesBox(QMessageBox):
    """Save / Discard / Cancel for unsaved changes (Save is the default)."""

    def __init__(self, parent: QWidget, patient: str, where: list[str], action: str) -> None:
        super().__init__(parent)
        self.setObjectName("UnsavedChangesDialog")
        self.setIcon(QMessageBox.Icon.Warning)
        self.setWindowTitle(self.tr("Unsaved changes"))
        self.setText(self.tr("You have changes for {patient} that are not saved yet.").format(
            patient=patient))
        self.setInformativeText(self.tr("Not saved: {where}.\n\nSave them before {action}?").format(
            where="; ".join(where), action=action))
        self.save = self.addButton(self.tr("&Save"), QMessageBox.ButtonRole.AcceptRole)
        self.discard = self.addButton(self.tr("&Discard"), QMessageBox.ButtonRole.DestructiveRole)
        self.addButton(self.tr("&Cancel"), QMessageBox.ButtonRole.RejectRole)
        self.setDefaultButton(self.save)


def ask_save_discard_cancel(parent: QWidget, patient: str, where: list[str], action: str
                            ) -> Answer:
    """Ask what to do with unsaved edits before ``action`` (e.g. "going back to the list")."""
    box = UnsavedChangesBox(parent, patient, where, action)
    box.exec()
    clicked = box.clickedButton()
    box.deleteLater()
    if clicked is box.save:
        return Answer.SAVE
    if clicked is box.discard:
        return Answer.DISCARD
    return Answer.CANCEL
