"""Pieces every dialog uses: the hidden problem line and the OK/Cancel row."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel


def problem_label() -> QLabel:
    """A red, word-wrapped line for a refusal; hidden until there is one."""
    label = QLabel()
    label.setObjectName("FieldError")
    label.setWordWrap(True)
    label.hide()
    return label


def ok_cancel_buttons(dialog: QDialog, ok_text: str,
                      cancel_text: str | None = None) -> QDialogButtonBox:
    """OK/Cancel wired to the dialog's accept/reject, with the dialog's own wording."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                               | QDialogButtonBox.StandardButton.Cancel)
    ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
    ok.setText(ok_text)
    ok.setAccessibleName(ok_text.replace("&", ""))
    if cancel_text is not None:
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(cancel_text)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons
