"""The window fits the ward's screens, dialogs show their whole message, every Alt key
does one thing, and the small wording on screen is right."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QLineEdit, QPushButton, QWidget

from interfant_desktop.ui.app import make_application
from tests.ui.conftest import each_page_shown


def mnemonics(window: QWidget) -> Counter[str]:
    """The Alt+letter keys of the visible buttons and field labels of ``window``."""
    keys: Counter[str] = Counter()
    for widget in window.findChildren(QWidget):
        if not widget.isVisibleTo(window) or (not widget.isEnabled() and isinstance(
                widget, QAbstractButton)):
            continue
        text = widget.text() if isinstance(widget, (QAbstractButton, QLabel)) else ""
        if isinstance(widget, QLabel) and (widget.buddy() is None or widget.textFormat()
                                           == Qt.TextFormat.RichText):
            continue
        match = re.search(r"&([^&\s])", text.replace("&&", ""))
        if match:
            keys[match.group(1).lower()] += 1
    return keys


def duplicates(window: QWidget) -> dict[str, int]:
    return {key: n for key, n in mnemonics(window).items() if n > 1}


def test_no_alt_key_is_taken_twice_on_any_page(qtbot: Any, window: Any) -> None:
    assert duplicates(window) == {}, "patient list"
    ws = window.open_patient("TRN-01")
    clashes = {}
    for page in each_page_shown(ws):
        found = duplicates(window)
        if found:
            clashes[page.page_title] = found
    assert clashes == {}


def fully_visible(label: QLabel, dialog: QWidget) -> bool:
    """The label is shown, inside the dialog, and tall enough for all its wrapped lines."""
    if not label.isVisible():
        return False
    top_left = label.mapTo(dialog, label.rect().topLeft())
    bottom_right = label.mapTo(dialog, label.rect().bottomRight())
    inside = dialog.rect().contains(top_left) and dialog.rect().contains(bottom_right)
    return inside and label.height() >= label.heightForWidth(label.width())


def test_the_resolve_dialog_shows_the_rule_and_its_error_whole(qtbot: Any, window: Any) -> None:
    from interfant_desktop.ui.dialogs.resolve_review_dialog import ResolveReviewDialog

    ws = window.open_patient("TRN-10")
    item = next(r for r in ws.evaluation.review if r.rule)
    dialog = ResolveReviewDialog(item, ws)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert fully_visible(dialog.rule_text, dialog), "the rule text is cut"
    dialog.accept()  # no option chosen: refused
    assert fully_visible(dialog.problem, dialog) and "Choose" in dialog.problem.text()
    dialog.group.buttons()[0].setChecked(True)
    dialog.accept()  # no reason
    assert fully_visible(dialog.problem, dialog) and "reason" in dialog.problem.text()


def test_new_patient_and_reset_password_errors_are_seen_whole(qtbot: Any, window: Any) -> None:
    from interfant_desktop.ui.dialogs.new_patient_dialog import NewPatientDialog
    from interfant_desktop.ui.dialogs.users_dialog import ResetPasswordDialog

    dialog = NewPatientDialog(window.backend, window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.study_id, "NEW-FIT")
    qtbot.keyClicks(dialog.date_of_birth, "2999-01-01")
    dialog.accept()
    error = dialog.errors["patient.date_of_birth"]
    assert fully_visible(error, dialog) and "future" in error.text()

    reset = ResetPasswordDialog(window.backend, "nurse.kim", window)
    qtbot.addWidget(reset)
    reset.show()
    qtbot.keyClicks(reset.new_password, "short")
    reset.accept()
    assert fully_visible(reset.errors["password"], reset)
    assert fully_visible(reset.rules, reset)


def test_a_refused_correction_keeps_its_rule_text_whole(qtbot: Any, window: Any) -> None:
    """Showing the refusal grows the dialog: the word-wrapped rule above it was cut mid-line."""
    from interfant_desktop.ui.dialogs.correction_dialog import CorrectionDialog, recorded_facts

    ws = window.open_patient("TRN-10")
    facts = recorded_facts(ws.case_file, ws.no_known_allergies, ws.allergies)
    for fact in (f for f in facts if f.editor in ("date", "choice")):
        dialog = CorrectionDialog(fact, lambda _request: None, ws)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        rule = next(label for label in dialog.findChildren(QLabel) if label.objectName() == "FieldHint")
        assert fully_visible(rule, dialog), fact.label
        dialog.accept()  # no reason (or no value): refused
        assert fully_visible(dialog.problem, dialog), fact.label
        assert fully_visible(rule, dialog), f"{fact.label}: the rule text is cut by the refusal"
        dialog.close()


def placeholder_shown_whole(edit: QLineEdit) -> bool:
    """The field's text area (its width less the margins, frame and icons Qt adds to 17
    "x" in sizeHint) holds the whole placeholder, so Qt does not cut it to "…"."""
    metrics = edit.fontMetrics()
    around = edit.sizeHint().width() - metrics.horizontalAdvance("x") * 17
    return edit.width() - around >= metrics.horizontalAdvance(edit.placeholderText())


def test_narrow_dialogs_show_their_field_hints_whole(qtbot: Any, window: Any) -> None:
    import datetime as dt

    from interfant_desktop.ui.dialogs.identity_dialog import IdentityDialog
    from interfant_desktop.ui.dialogs.new_patient_dialog import NewPatientDialog
    from interfant_desktop.ui.infusion.calls import InfusionCalls
    from interfant_desktop.ui.infusion.interruption_dialog import StartDialog

    new = NewPatientDialog(window.backend, window)
    start = StartDialog(InfusionCalls(window.backend, "TRN-10"), 1, 1, dt.datetime(2026, 6, 5, 13, 0),
                        (24, 48), window)
    identity = IdentityDialog(window.open_patient("TRN-10").evaluation.case.patient, window)
    for dialog, edit in ((new, new.date_of_birth), (start, start.reason), (identity, identity.reason)):
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        assert edit.placeholderText() and placeholder_shown_whole(edit), edit.placeholderText()


def test_the_large_dialogs_open_no_larger_than_the_screen(qtbot: Any, window: Any) -> None:
    """Taller than the screen (the start dialog was 760 px high, the sheet preview 900 px: a
    1920 × 1080 screen at 150 % has 720), their buttons would be out of reach."""
    import datetime as dt

    from PySide6.QtWidgets import QStyle

    from interfant_desktop.ui.backend import OrderActions
    from interfant_desktop.ui.infusion.assessment_dialog import AssessmentDialog
    from interfant_desktop.ui.infusion.calls import InfusionCalls
    from interfant_desktop.ui.orders.order_dialog import OrderWorkflowDialog
    from interfant_desktop.ui.orders.preview_dialog import PdfPreviewDialog
    from interfant_desktop.ui.orders.start_dialog import StartOrderDialog

    room = window.screen().availableGeometry()
    assert room.height() < 900, "the test screen must be smaller than the preview's own size"
    # The size is the dialog's inside: its title bar comes on top, and a dialog as tall as
    # the free room had its bottom row (Close, the fingerprint) under the task bar.
    title = window.style().pixelMetric(QStyle.PixelMetric.PM_TitleBarHeight)
    assert title > 0
    backend = window.backend
    for dialog in (StartOrderDialog(OrderActions(backend), "TRN-09", 1, window),
                   PdfPreviewDialog(b"", "Order sheet", "", window),
                   AssessmentDialog(InfusionCalls(backend, "TRN-09"), 1, backend.protocol.toxicity,
                                    dt.datetime(2026, 6, 5, 13, 0), window),
                   OrderWorkflowDialog(OrderActions(backend), "TRN-09", 1, window)):
        qtbot.addWidget(dialog)
        name = type(dialog).__name__
        assert dialog.width() <= room.width() and dialog.height() + title <= room.height(), \
            (name, dialog.size(), title, room)


def test_the_lock_screen_shows_a_refusal_whole(qtbot: Any, backend: Any) -> None:
    from interfant_desktop.ui.dialogs.sign_in_dialog import SignInDialog

    make_application()
    dialog = SignInDialog(backend, locked_user="dr.vos", locked_why="Locked by dr.vos.")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.password, "wrong password")
    dialog.accept()
    assert fully_visible(dialog.problem, dialog) and "refused" in dialog.problem.text()


#: the screens of the ward: (width, height, scale) — the window's space in logical pixels
SCREENS = ((1366, 768, 1.0), (1920, 1080, 1.5))
#: the window frame and a task bar take this much height of the screen
TITLE_AND_TASK_BAR = 80


def test_the_window_fits_1366x768_and_1920x1080_at_150_percent(qtbot: Any, window: Any) -> None:
    study_id = window.backend.create_patient({"study_id": "FIT-01",  # allergies NOT recorded
                                              "date_of_birth": "2026-01-05",
                                              "name": "Fictitious Longname-Doublebarrelled"})
    ws = window.open_patient(study_id)
    assert "NOT RECORDED" in ws.allergy_label.text().upper()
    for index in range(len(ws.pages)):
        ws.steps.setCurrentRow(index)
        QApplication.processEvents()
        hint = window.minimumSizeHint()
        for width, height, scale in SCREENS:
            assert hint.width() <= width / scale, (ws.pages[index].page_title, hint)
            assert hint.height() <= height / scale - TITLE_AND_TASK_BAR, hint
    # At the smallest screen nothing of the header is cut: every label gets its lines.
    window.resize(int(1366 / 1.0), 768 - TITLE_AND_TASK_BAR)
    QApplication.processEvents()
    for label in (ws.identity, ws.summary, ws.allergy_label, window.app_name, window.user_label):
        assert label.height() >= label.heightForWidth(label.width()), label.accessibleName()
    assert window.lock_button.isVisible() and ws.summary.isVisible()
    right = window.lock_button.mapTo(window, window.lock_button.rect().bottomRight())
    assert window.rect().contains(right)
    # ... and on no page is a button narrower than its label (a clipped label is unreadable).
    clipped = {}
    for index in range(len(ws.pages)):
        ws.steps.setCurrentRow(index)
        QApplication.processEvents()
        narrow = [b.text() for b in window.findChildren(QPushButton)
                  if b.isVisible() and b.width() < b.sizeHint().width()]
        if narrow:
            clipped[ws.pages[index].page_title] = narrow
    assert clipped == {}


def test_allergies_are_recorded_from_the_patient_header(qtbot: Any, window: Any) -> None:
    from interfant_desktop.ui.dialogs.allergy_dialog import AllergyDialog
    from tests.ui.conftest import answer_next_dialog

    study_id = window.backend.create_patient({"study_id": "FIT-02", "date_of_birth": "2026-01-05"})
    ws = window.open_patient(study_id)
    assert "NOT RECORDED" in ws.allergy_label.text().upper()

    def record(dialog: Any) -> None:
        assert isinstance(dialog, AllergyDialog)
        dialog.accept()  # nothing chosen: refused, whole
        assert fully_visible(dialog.problem, dialog)
        dialog.listed.setChecked(True)
        dialog.text.setPlainText("penicillin (rash)")
        qtbot.keyClicks(dialog.reason, "parents, admission interview")
        dialog.accept()

    answer_next_dialog(qtbot, record)
    qtbot.mouseClick(ws.allergy_button, Qt.MouseButton.LeftButton)
    assert "penicillin" in ws.allergy_label.text()
    assert ws.allergies == "penicillin (rash)" and ws.no_known_allergies is False
    assert "allergy status" in ws.save_status.text()
    assert window.backend.load_patient(study_id).allergies == "penicillin (rash)"


def test_the_list_count_and_column_titles(qtbot: Any, window: Any) -> None:
    page = window.list_page
    page.search.setText("TRN-01")
    page.apply_search()
    qtbot.waitUntil(lambda: not page.model.loading())
    assert page.count.text().startswith("1 patient shown")
    header = page.table.horizontalHeader()
    for column in range(page.model.columnCount()):
        title = str(page.model.headerData(column, Qt.Orientation.Horizontal))
        bold = header.font()
        bold.setBold(True)
        from PySide6.QtGui import QFontMetrics

        assert header.sectionSize(column) >= QFontMetrics(bold).horizontalAdvance(title) + 12, title
