"""Pieces every dialog uses: styled labels, the hidden problem line and the OK/Cancel row."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QBoxLayout,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from interfant_desktop.services.errors import ServiceError


def styled_label(text: str, style: str, *, accessible: str | None = None,
                 hidden: bool = False) -> QLabel:
    """A word-wrapped label in one of the style sheet's kinds (``Muted``, ``FieldError``,
    ``SectionTitle``), with its accessible name, hidden until needed if ``hidden``."""
    label = QLabel(text)
    label.setObjectName(style)
    label.setWordWrap(True)
    if accessible is not None:
        label.setAccessibleName(accessible)
    if hidden:
        label.hide()
    return label


class HintLineEdit(QLineEdit):
    """A one-line field never narrower than its placeholder: an example or a hint cut
    to "…" in a narrow dialog tells the user nothing."""

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        text = self.placeholderText()
        if not text:
            return hint
        metrics = self.fontMetrics()
        # sizeHint is 17 "x" wide plus the margins, frame and icons (e.g. a calendar button)
        around = self.sizeHint().width() - metrics.horizontalAdvance("x") * 17
        return hint.expandedTo(QSize(metrics.horizontalAdvance(text) + around + 4, 0))


def line_edit(accessible: str, placeholder: str = "", *, password: bool = False) -> QLineEdit:
    """A one-line field with its accessible name (what a screen reader says), an example
    or hint as its placeholder (shown whole), and the typing hidden for a ``password``."""
    edit = HintLineEdit()
    edit.setAccessibleName(accessible)
    if placeholder:
        edit.setPlaceholderText(placeholder)
    if password:
        edit.setEchoMode(QLineEdit.EchoMode.Password)
    return edit


def problem_label() -> QLabel:
    """A red, word-wrapped line for a refusal; hidden until there is one."""
    return styled_label("", "FieldError", hidden=True)


def show_problem(dialog: QWidget, label: QLabel, text: str) -> None:
    """Show ``text`` in ``label`` and grow ``dialog`` so that it is seen whole (a
    word-wrapped label is otherwise squeezed into the height it had before)."""
    label.setText(text if text.startswith("✖") else "✖ " + text)
    label.show()
    fit_to_contents(dialog)


def fit_to_contents(dialog: QWidget) -> None:
    """Give ``dialog`` at least the size its contents need now (never shrinks it)."""
    layout = dialog.layout()
    if layout is not None:
        layout.invalidate()
        layout.activate()
    hint = dialog.sizeHint()
    width = max(dialog.width(), hint.width())
    dialog.resize(width, max(dialog.height(), dialog.heightForWidth(width), hint.height()))


def frame_allowance(dialog: QWidget) -> QSize:
    """What the window frame adds around ``dialog``'s inside: the frame of its shown parent
    window where the window manager drew one, and at least a title bar's height."""
    parent = dialog.parentWidget()
    window = parent.window() if parent is not None else None
    width = height = 0
    if window is not None and window.isVisible():
        width = window.frameGeometry().width() - window.geometry().width()
        height = window.frameGeometry().height() - window.geometry().height()
    title = dialog.style().pixelMetric(QStyle.PixelMetric.PM_TitleBarHeight)
    return QSize(max(width, 0), max(height, title))


def resize_within_screen(dialog: QWidget, width: int, height: int) -> None:
    """Size ``dialog`` width × height (as large as is useful), but, with its title bar and
    frame, never larger than the free room of its screen: a dialog taller than the screen
    has its buttons out of reach (1920 × 1080 at 150 % leaves 1280 × 720, 1366 × 768 at
    150 % only 910 × 512; the size is the inside, the title bar comes on top)."""
    parent = dialog.parentWidget()
    screen = parent.screen() if parent is not None else QGuiApplication.primaryScreen()
    if screen is None:
        dialog.resize(width, height)
        return
    room, frame = screen.availableGeometry(), frame_allowance(dialog)
    dialog.resize(min(width, room.width() - frame.width()), min(height, room.height() - frame.height()))


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


def problem_and_ok_cancel(dialog: QDialog, layout: QBoxLayout, ok_text: str,
                          cancel_text: str | None = None) -> QLabel:
    """A form dialog's last rows: the hidden problem line, then OK/Cancel (see
    :func:`ok_cancel_buttons`); returns the problem line, where a refusal shows."""
    problem = problem_label()
    layout.addWidget(problem)
    layout.addWidget(ok_cancel_buttons(dialog, ok_text, cancel_text))
    return problem


class FormDialog(QDialog):
    """A record dialog's frame: ``self.form`` (filled by the subclass), the refusal line
    ``self.problem`` and OK/Cancel."""

    def __init__(self, title: str, ok_text: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        layout = QVBoxLayout(self)
        self.form = QFormLayout()
        layout.addLayout(self.form)
        self.problem = problem_and_ok_cancel(self, layout, ok_text)


def accept_unless_refused(dialog: QDialog, problem: QLabel, record: Callable[[], object]) -> None:
    """Run the dialog's service call ``record``: done, the dialog closes as accepted;
    refused, the refusal shows on ``problem`` ("✖ …") and the dialog stays open."""
    try:
        record()
    except ServiceError as exc:
        show_problem(dialog, problem, str(exc))  # the dialog grows to show it whole
        return
    QDialog.accept(dialog)


def add_labelled(layout: QBoxLayout, label: QLabel, widget: QWidget, stretch: int = 0) -> None:
    """``label`` above ``widget`` in ``layout``; the label's Alt+letter focuses the widget."""
    label.setBuddy(widget)
    layout.addWidget(label)
    layout.addWidget(widget, stretch)


def reason_box(layout: QBoxLayout, label_text: str, accessible: str, height: int, *,
               wrap: bool = False) -> QPlainTextEdit:
    """A multi-line reason box under its label (``wrap``: the label word-wrapped), added to
    ``layout``; Tab leaves the box instead of typing a tab."""
    label = QLabel(label_text)
    label.setWordWrap(wrap)
    box = QPlainTextEdit()
    box.setAccessibleName(accessible)
    box.setTabChangesFocus(True)
    box.setFixedHeight(height)
    add_labelled(layout, label, box)
    return box
