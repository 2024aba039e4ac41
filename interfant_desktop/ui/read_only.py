"""Read-only roles see read-only forms: nothing invites typing that would be refused.

The services refuse an edit from a role without the permission anyway; this only
makes the screen say so before anyone types (issue 12). Fields stay readable and
selectable (read-only, not greyed out, where Qt allows), save buttons are disabled
and say why. View selectors (property ``view_selector``) stay usable.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QAbstractSpinBox, QLineEdit, QPlainTextEdit, QPushButton, QWidget

from interfant_desktop.ui.unsaved import edit_fields

if TYPE_CHECKING:
    from interfant_desktop.ui.pages.base import WorkspacePage

#: the property of a save button a nurse may press (weight and height)
MEASUREMENTS = "measurements"


def show_read_only(page: WorkspacePage, may_record_measurements: bool, why: str) -> None:
    """Make ``page``'s forms read-only, except weight and height for a role that may
    record them; ``why`` becomes the tooltip of every disabled save button."""
    if page.own_permissions:
        return  # the page enables its actions per role itself (e.g. the infusion record)
    kept = {form for form, button in page._save_button_of.items()
            if may_record_measurements and button.property("permission") == MEASUREMENTS}
    for field in edit_fields(page):
        if page._form_of.get(field) in kept:
            continue
        _make_read_only(field, why)
    for button in page.findChildren(QPushButton):
        edits = button.objectName() == "Primary" or bool(button.property("edits_record"))
        if edits and button not in {page._save_button_of[form] for form in kept}:
            button.setEnabled(False)
            button.setToolTip(why)


def _make_read_only(field: QWidget, why: str) -> None:
    if isinstance(field, (QLineEdit, QPlainTextEdit, QAbstractSpinBox)):
        field.setReadOnly(True)
        if isinstance(field, QLineEdit):
            field.setPlaceholderText("")
    else:  # combo boxes, check boxes and radio buttons have no read-only mode
        field.setEnabled(False)
    field.setToolTip(why)
    field.setProperty("readOnlyRole", True)
