"""A status banner: a coloured strip whose meaning is also spelled out in words and a symbol."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from interfant_desktop.ui.style import COLOURS

#: A symbol per tone, so the meaning never rests on colour alone.
SYMBOLS = {"ok": "✔", "warn": "⚠", "bad": "✖", "info": "ℹ", "neutral": "•", "training": "⚠"}


class Banner(QFrame):
    """Title plus optional detail lines, toned ``ok``, ``warn``, ``bad``, ``info`` or ``neutral``."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Banner")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        self._symbol = QLabel()
        self._symbol.setAlignment(Qt.AlignmentFlag.AlignTop)
        self._symbol.setStyleSheet("font-size: 16pt;")
        self._symbol.setAccessibleName(self.tr("Status symbol"))
        text_box = QVBoxLayout()
        self._title = QLabel()
        self._title.setWordWrap(True)
        self._title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._detail = QLabel()
        self._detail.setWordWrap(True)
        self._detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        text_box.addWidget(self._title)
        text_box.addWidget(self._detail)
        layout.addWidget(self._symbol)
        layout.addLayout(text_box, 1)
        self.tone = "neutral"
        self.set_status("neutral", "")

    def set_status(self, tone: str, title: str, detail: str = "") -> None:
        """Show ``title`` (bold) and ``detail`` in the given tone."""
        self.tone = tone
        background, foreground = COLOURS.get(tone, COLOURS["neutral"])
        self.setStyleSheet(
            f"QFrame#Banner {{ background: {background}; border: 1px solid {foreground};"
            f" border-left: 6px solid {foreground}; border-radius: 4px; }}"
            f" QLabel {{ color: {foreground}; background: transparent; }}")
        self._symbol.setText(SYMBOLS.get(tone, "•"))
        self._title.setText(f"<b>{_escape(title)}</b>")
        self._detail.setText(detail)
        self._detail.setVisible(bool(detail))
        self.setAccessibleName(title)
        self.setAccessibleDescription(detail)

    def title(self) -> str:
        """The plain title text (for tests and screen readers)."""
        return self.accessibleName()

    def detail(self) -> str:
        """The plain detail text."""
        return self._detail.text()


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
