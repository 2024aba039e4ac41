"""The treatment roadmap as a drawn vertical timeline.

Each phase is a marker on a rail: filled with a tick when done, a large ring
with "NOW" when current, hollow when planned, crossed when skipped. Decision
points sit between phases as diamonds with the question, the outcome, the
data and the rule that decided the branch. Status is always written in words
beside the marker, so colour is never the only signal.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from interfant_desktop.protocol.roadmap import DecisionPoint, Phase
from interfant_desktop.ui.formatting import phase_label
from interfant_desktop.ui.widgets.layouts import remove_all
from interfant_desktop.ui.widgets.rule_card import detail_text

STATUS_COLOURS = {
    "done": "#1e6b34", "current": "#1d5fa8", "planned": "#5f6b76",
    "skipped": "#9aa5b1", "not_applicable": "#c5ccd3",
}


class RailMarker(QWidget):
    """The rail segment and marker of one timeline row."""

    def __init__(self, kind: str, status: str, first: bool, last: bool,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind, self.status, self.first, self.last = kind, status, first, last
        self.setFixedWidth(44)

    def sizeHint(self) -> QSize:
        return QSize(44, 40)

    def paintEvent(self, _event: object) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        colour = QColor(STATUS_COLOURS.get(self.status, "#5f6b76"))
        cx, cy = self.width() / 2, 20.0
        rail = QPen(QColor("#c5ccd3"), 3)
        painter.setPen(rail)
        if not self.first:
            painter.drawLine(QPointF(cx, 0), QPointF(cx, cy))
        if not self.last:
            painter.drawLine(QPointF(cx, cy), QPointF(cx, self.height()))
        if self.kind == "decision":
            diamond = QPainterPath()
            diamond.moveTo(cx, cy - 9)
            diamond.lineTo(cx + 9, cy)
            diamond.lineTo(cx, cy + 9)
            diamond.lineTo(cx - 9, cy)
            diamond.closeSubpath()
            painter.setPen(QPen(QColor("#7a5200"), 2))
            painter.setBrush(QColor("#fff4d6"))
            painter.drawPath(diamond)
        elif self.status == "current":
            painter.setPen(QPen(colour, 4))
            painter.setBrush(QColor("white"))
            painter.drawEllipse(QPointF(cx, cy), 14, 14)
            painter.setBrush(colour)
            painter.drawEllipse(QPointF(cx, cy), 6, 6)
        elif self.status == "done":
            painter.setPen(QPen(colour, 2))
            painter.setBrush(colour)
            painter.drawEllipse(QPointF(cx, cy), 10, 10)
            painter.setPen(QPen(QColor("white"), 2.5))
            painter.drawLine(QPointF(cx - 5, cy), QPointF(cx - 1, cy + 4))
            painter.drawLine(QPointF(cx - 1, cy + 4), QPointF(cx + 5, cy - 4))
        else:
            painter.setPen(QPen(colour, 2, Qt.PenStyle.SolidLine if self.status == "planned"
                                else Qt.PenStyle.DotLine))
            painter.setBrush(QColor("white"))
            painter.drawEllipse(QPointF(cx, cy), 9, 9)
            if self.status in ("skipped", "not_applicable"):
                painter.drawLine(QPointF(cx - 6, cy - 6), QPointF(cx + 6, cy + 6))
                painter.drawLine(QPointF(cx - 6, cy + 6), QPointF(cx + 6, cy - 6))
        painter.end()


class RoadmapView(QWidget):
    """The whole timeline, rebuilt from the engine's ``roadmap`` and ``decision_points``."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QVBoxLayout(self)
        self._layout.setSpacing(0)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self.current_label: QLabel | None = None
        #: False for a patient the protocol does not (yet) apply to: "current" is hypothetical
        self.applies = True

    def _status_word(self, status: str) -> str:
        words = {
            "done": self.tr("done"),
            "current": self.tr("NOW — current phase") if self.applies
            else self.tr("would be current if eligible"),
            "planned": self.tr("planned"), "skipped": self.tr("skipped"),
            "not_applicable": self.tr("not applicable"),
        }
        return words.get(status, status)

    def set_roadmap(self, roadmap: list[Phase], decision_points: list[DecisionPoint],
                    applies: bool = True) -> None:
        """Rebuild the rows: phases in order, each followed by the decisions taken after it
        (``applies`` False: the path is what would apply if the patient were eligible)."""
        self.applies = applies
        remove_all(self._layout)
        self.current_label = None
        rows: list[Phase | DecisionPoint] = []
        for step in roadmap:
            rows.append(step)
            rows.extend(d for d in decision_points if d.after_phase == step.phase)
        placed = {id(d) for d in rows if isinstance(d, DecisionPoint)}
        rows.extend(d for d in decision_points if id(d) not in placed)
        for index, item in enumerate(rows):
            self._layout.addWidget(self._row(item, index == 0, index == len(rows) - 1))
        self._layout.addStretch(1)

    def _row(self, item: Phase | DecisionPoint, first: bool, last: bool) -> QWidget:
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        status = item.status
        kind = "phase" if isinstance(item, Phase) else "decision"
        layout.addWidget(RailMarker(kind, status, first, last))
        body = QVBoxLayout()
        body.setContentsMargins(0, 8, 0, 12)
        body.setSpacing(2)
        if isinstance(item, Phase):
            name = item.label or phase_label(item.phase)
            started = "" if item.start_date is None else "  ·  " + self.tr("started {date}").format(
                date=f"{item.start_date.isoformat()} ({item.start_date:%a})")
            title = QLabel(f"{name}  —  {self._status_word(status)}{started}")
            font = title.font()
            font.setBold(status == "current")
            if status == "current":
                font.setPointSizeF(font.pointSizeF() * 1.3)
                self.current_label = title
            font.setStrikeOut(status in ("skipped", "not_applicable"))
            title.setFont(font)
            title.setStyleSheet(f"color: {STATUS_COLOURS.get(status, '#1f2933')};")
            body.addWidget(title)
            branch = item.branch
            extra = [self.tr("{branch} path").format(branch=branch)] if branch in ("MR", "HR") else []
            if item.note:
                extra.append(item.note)
            if extra:
                note = QLabel(" · ".join(extra))
                note.setWordWrap(True)
                note.setObjectName("Muted")
                body.addWidget(note)
            row.setAccessibleName(f"{name}: {self._status_word(status)}{started}")
        else:
            card = QFrame()
            card.setObjectName("Card")
            card_layout = QVBoxLayout(card)
            card_layout.setContentsMargins(10, 6, 10, 6)
            question = QLabel(self.tr("Decision: {q} → <b>{o}</b>").format(
                q=item.question, o=item.outcome or "—"))
            question.setWordWrap(True)
            card_layout.addWidget(question)
            if item.data:
                data_label = QLabel(self.tr("Decided by: {d}").format(d=detail_text(item.data)))
                data_label.setWordWrap(True)
                card_layout.addWidget(data_label)
            for reason in item.reasons:
                if reason.by_clinician:
                    # Settled by a person, not by the rule: say who, when, what and why.
                    decided = QLabel(self.tr("⚑ Settled by a clinician's decision, not by the "
                                             "rule: {detail}").format(detail=reason.detail))
                    decided.setWordWrap(True)
                    decided.setObjectName("ClinicianDecision")
                    card_layout.addWidget(decided)
                unverified = self.tr("⚠ UNVERIFIED setting — ") if not reason.verified else ""
                rule = QLabel(unverified + self.tr("{rule} ({source}): {text}").format(
                    rule=reason.rule, source=reason.source, text=reason.text))
                rule.setWordWrap(True)
                rule.setObjectName("Muted")
                card_layout.addWidget(rule)
            body.addWidget(card)
            row.setAccessibleName(f"{item.question}: {item.outcome}")
        layout.addLayout(body, 1)
        return row
