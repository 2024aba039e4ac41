"""The fields of a page's forms stand in one column: a page with two forms (the WBC and
the prednisone response, say) does not start each form's fields at its own indent.

Forms inside a card (the Orders page's allergies) and lists of questions whose captions
wrap (the eligibility criteria confirmed by hand) are blocks of their own and not
compared."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QFormLayout, QLabel

from tests.ui.conftest import each_page_shown


def field_lefts(page: Any) -> set[int]:
    """The left edge, in page coordinates, of every field with a one-line label in the
    forms of the page's body."""
    lefts = set()
    forms = (page.body.itemAt(i).layout() for i in range(page.body.count()))
    for form in forms:
        if not isinstance(form, QFormLayout):
            continue
        for row in range(form.rowCount()):
            label = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            field = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
            caption = None if label is None else label.widget()
            if (field is None or not isinstance(caption, QLabel) or not caption.text()
                    or caption.wordWrap()):
                continue
            widget = field.widget()
            if widget is not None and widget.isVisibleTo(page):
                lefts.add(widget.mapTo(page, widget.rect().topLeft()).x())
    return lefts


def test_every_page_puts_its_fields_in_one_column(qtbot: Any, window: Any) -> None:
    ws = window.open_patient("TRN-01")
    columns = {}
    for page in each_page_shown(ws):
        lefts = field_lefts(page)
        if len(lefts) > 1:
            columns[page.page_title] = sorted(lefts)
    assert columns == {}
