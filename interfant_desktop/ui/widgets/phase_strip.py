"""The roadmap at a glance: one chip per phase, left to right, the current one unmissable.

Done chips carry a tick, the current chip is filled, enlarged and marked "NOW",
planned chips are outlined, skipped ones are struck through and greyed; phases
that do not apply are left out. Chips wrap onto a second line when narrow.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from interfant_desktop.protocol.roadmap import Phase
from interfant_desktop.ui.formatting import phase_label
from interfant_desktop.ui.style import ACCENT, COLOURS, Tone

PREFIX = {"done": "✔ ", "current": QT_TRANSLATE_NOOP("PhaseStrip", "▶ NOW: "), "planned": "",
          "skipped": "✖ "}
#: A done phase in the app's "ok" colours; the current one filled with the accent.
CHIP_TONES = {"done": COLOURS["ok"], "current": Tone(ACCENT, "#ffffff"),
              "planned": Tone("#ffffff", "#3d4852"), "skipped": Tone("#f1f3f5", "#8a949e")}


class PhaseStrip(QWidget):
    """Chips for the engine's roadmap steps (``phase``, ``label``, ``status``)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._steps: list[Phase] = []
        #: "NOW" only where the protocol applies; otherwise the phase is hypothetical
        self._current_prefix = self.tr(str(PREFIX["current"]))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName(self.tr("Roadmap at a glance"))

    def set_steps(self, steps: list[Phase], applies: bool = True) -> None:
        self._current_prefix = self.tr(str(PREFIX["current"])) if applies else self.tr("▷ if eligible: ")
        self._steps = [s for s in steps if s.status != "not_applicable"]
        self.setAccessibleDescription("; ".join(
            f"{s.label or phase_label(s.phase)}: {s.status}" for s in self._steps))
        self.updateGeometry()
        self.update()

    def _chips(self, width: int) -> list[tuple[QRectF, Phase, str]]:
        metrics = self.fontMetrics()
        pad, gap, height = 10, 8, metrics.height() + 14
        x, y = 0.0, 4.0
        chips = []
        for step in self._steps:
            status = step.status
            prefix = self._current_prefix if status == "current" else str(PREFIX.get(status, ""))
            text = prefix + (step.label or phase_label(step.phase))
            w = metrics.horizontalAdvance(text) * (1.1 if status == "current" else 1.0) + 2 * pad
            if x > 0 and x + w > width:
                x, y = 0.0, y + height + gap
            chips.append((QRectF(x, y, w, height), step, text))
            x += w + gap + 14  # room for the arrow between chips
        return chips

    def sizeHint(self) -> QSize:
        chips = self._chips(max(self.width(), 400))
        bottom = max((r.bottom() for r, _s, _t in chips), default=30.0)
        return QSize(600, int(bottom) + 6)

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def resizeEvent(self, event: object) -> None:
        super().resizeEvent(event)  # type: ignore[arg-type]
        self.setFixedHeight(self.sizeHint().height())

    def paintEvent(self, _event: object) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        chips = self._chips(self.width())
        for index, (rect, step, text) in enumerate(chips):
            status = step.status
            background, foreground = CHIP_TONES.get(status, CHIP_TONES["planned"])
            pen = QPen(QColor(foreground if status != "current" else "#123f73"),
                       3 if status == "current" else 1.2,
                       Qt.PenStyle.DashLine if status == "skipped" else Qt.PenStyle.SolidLine)
            if status == "planned":
                pen.setColor(QColor("#9aa5b1"))
            painter.setPen(pen)
            painter.setBrush(QColor(background))
            painter.drawRoundedRect(rect, 8, 8)
            font = QFont(self.font())
            font.setBold(status == "current")
            font.setStrikeOut(status == "skipped")
            painter.setFont(font)
            painter.setPen(QColor(foreground))
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
            if index + 1 < len(chips) and chips[index + 1][0].top() == rect.top():
                painter.setPen(QPen(QColor("#9aa5b1"), 1.5))
                painter.setFont(self.font())
                arrow = QRectF(rect.right() + 2, rect.top(), 18, rect.height())
                painter.drawText(arrow, Qt.AlignmentFlag.AlignCenter, "→")
        painter.end()
