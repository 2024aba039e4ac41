"""A rule as the engine gave it: ID, wording, source and the data that triggered it."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget


class RuleCard(QFrame):
    """Shows ``rule`` (ID), ``text`` (wording), ``source`` and ``detail`` of one engine reason."""

    def __init__(self, reason: dict[str, Any], heading: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Card")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.setSpacing(2)
        rule_id = str(reason.get("rule") or reason.get("id") or "")
        source = str(reason.get("source") or "")
        top = QLabel()
        top.setObjectName("RuleId")
        parts = [p for p in (heading, rule_id) if p]
        top.setText("  ·  ".join(parts) + (self.tr("   source {source}").format(source=source)
                                            if source else ""))
        layout.addWidget(top)
        top.setVisible(bool(top.text().strip()))
        text = QLabel(str(reason.get("text") or ""))
        text.setWordWrap(True)
        text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(text)
        detail = reason.get("detail")
        if detail:
            detail_label = QLabel(self.tr("Data: {detail}").format(detail=_detail_text(detail)))
            detail_label.setWordWrap(True)
            detail_label.setObjectName("Muted")
            layout.addWidget(detail_label)
        self.setAccessibleName(f"{heading} {rule_id}".strip())
        self.setAccessibleDescription(str(reason.get("text") or ""))


def _detail_text(detail: Any) -> str:
    """The engine's detail (text or a small mapping) as one readable line."""
    if isinstance(detail, dict):
        return "; ".join(f"{k.replace('_', ' ')}: {v}" for k, v in detail.items())
    if isinstance(detail, list):
        return "; ".join(str(x) for x in detail)
    return str(detail)


def detail_text(detail: Any) -> str:
    """Public alias used by pages that show engine details inline."""
    return _detail_text(detail)
