"""A bag label laid out directly on the canvas: plain text lines, wrapped once.

A cycle has up to 28 bags; laying out 28 labels as rich-text paragraphs costs more than
the whole rest of the order. A label is a few lines of plain text, each in one weight
and size: this flowable wraps them word by word (characters DejaVu lacks switch to the
CJK fallback face, a word too long for the line breaks between characters), measures
them once and draws them with the canvas's text calls.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from reportlab.lib.colors import Color
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from interfant_desktop.orders import fonts


@dataclass(frozen=True, slots=True)
class LabelLine:
    """One logical line of a label (it may wrap): text, size, weight and colour."""

    text: str
    size: float = 7
    bold: bool = False
    color: Color | None = None


@lru_cache(maxsize=8192)
def _width(text: str, font: str, size: float) -> float:
    """The printed width of ``text`` (cached: 28 labels repeat the same words)."""
    return float(sum(stringWidth(chunk, fonts.FALLBACK if fallback else font, size)
                     for chunk, fallback in fonts.runs(text)))


def _split_long(word: str, font: str, size: float, width: float) -> list[str]:
    """A word wider than the line, cut between characters."""
    pieces, current, used = [], "", 0.0
    for char in word:
        w = _width(char, font, size)
        if current and used + w > width:
            pieces.append(current)
            current, used = "", 0.0
        current, used = current + char, used + w
    return [*pieces, current]


def _wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """``text`` broken into lines no wider than ``width`` (each word measured once)."""
    space = stringWidth(" ", font, size)
    lines: list[str] = []
    current: list[str] = []
    used = 0.0
    for word in text.split(" "):
        w = _width(word, font, size)
        if w > width:  # a word longer than the line: split it between characters
            pieces = _split_long(word, font, size, width)
            if current:
                lines.append(" ".join(current))
            lines += pieces[:-1]
            current, used = [pieces[-1]], _width(pieces[-1], font, size)
            continue
        extra = w + (space if current else 0.0)
        if current and used + extra > width:
            lines.append(" ".join(current))
            current, used = [word], w
        else:
            current.append(word)
            used += extra
    if current:
        lines.append(" ".join(current))
    return lines


class LabelCell(Flowable):  # type: ignore[misc]
    """A framed label: its lines wrapped to the cell width, drawn top to bottom."""

    def __init__(self, lines: list[LabelLine], width: float, padding: float = 5,
                 frame: Color | None = None) -> None:
        super().__init__()
        self.lines = lines
        self.cell_width = width
        self.padding = padding
        self.frame = frame
        inner = width - 2 * padding
        self.rows: list[tuple[str, LabelLine]] = []
        for line in lines:
            font = fonts.BOLD if line.bold else fonts.REGULAR
            self.rows += [(text, line) for text in _wrap(line.text, font, line.size, inner)]
        self.height = 2 * padding + sum(line.size * 1.25 for _, line in self.rows)

    def wrap(self, _avail_width: float, _avail_height: float) -> tuple[float, float]:
        return self.cell_width, self.height

    def draw(self) -> None:
        canvas = self.canv
        if self.frame is not None:
            canvas.setStrokeColor(self.frame)
            canvas.setLineWidth(0.8)
            canvas.rect(0, 0, self.cell_width, self.height, stroke=1, fill=0)
        y = self.height - self.padding
        for text, line in self.rows:
            y -= line.size * 1.25
            x = self.padding
            font = fonts.BOLD if line.bold else fonts.REGULAR
            canvas.setFillColor(line.color or Color(0.1, 0.1, 0.1))
            for chunk, fallback in fonts.runs(text):
                face = fonts.FALLBACK if fallback else font
                canvas.setFont(face, line.size)
                canvas.drawString(x, y + line.size * 0.22, chunk)
                x += stringWidth(chunk, face, line.size)
