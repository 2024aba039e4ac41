"""A rule as the engine gave it: ID, wording, source and the data that triggered it."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from interfant_desktop.protocol.reasons import Reason


class RuleCard(QFrame):
    """Shows the rule ID, wording, source and detail of one engine reason (or, with
    ``reason=None``, only ``text``: a note where no rule has spoken yet)."""

    def __init__(self, reason: Reason | None, heading: str = "", text: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Card")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.setSpacing(2)
        rule_id = reason.rule if reason is not None else ""
        source = reason.source if reason is not None else ""
        wording = reason.text if reason is not None else text
        top = QLabel()
        top.setObjectName("RuleId")
        parts = [p for p in (heading, rule_id) if p]
        top.setText("  ·  ".join(parts) + (self.tr("   source {source}").format(source=source)
                                            if source else ""))
        layout.addWidget(top)
        top.setVisible(bool(top.text().strip()))
        wording_label = QLabel(wording)
        wording_label.setWordWrap(True)
        wording_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(wording_label)
        if reason is not None and reason.detail:
            detail_label = QLabel(self.tr("Data: {detail}").format(detail=reason.detail))
            detail_label.setWordWrap(True)
            detail_label.setObjectName("Muted")
            layout.addWidget(detail_label)
        self.setAccessibleName(f"{heading} {rule_id}".strip())
        self.setAccessibleDescription(wording)


def detail_text(detail: str | Iterable[str]) -> str:
    """The engine's detail (a text or several data items) as one readable line."""
    return detail if isinstance(detail, str) else "; ".join(detail)
