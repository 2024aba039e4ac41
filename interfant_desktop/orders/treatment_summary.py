"""The one-page treatment summary: the patient's path with dates, the decisions and who
made them, and the MRD chart (A4, reportlab, fonts embedded).

``render_summary_pdf(summary) -> bytes`` is a pure function of a :class:`TreatmentSummary`
(built by ``services.treatment_summary`` from the engine's evaluation and the record). It
is not an order: nothing on it is to be administered. All text from the case, the engine
or a clinician is XML-escaped (:func:`layout.esc`) before it reaches a Paragraph, and
every string of the chart is set in the embedded font.
"""

from __future__ import annotations

import datetime as dt
import io
import math
from collections.abc import Callable, Sequence

from reportlab.graphics.shapes import Circle, Drawing, Line, Polygon, String
from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Paragraph, Spacer, Table

from interfant_desktop.orders import fonts
from interfant_desktop.orders.hospital_number import number_alone
from interfant_desktop.orders.layout import (
    CONTENT_W,
    INK,
    MARGIN,
    MUTED,
    PAGE_H,
    PAGE_W,
    RULE_LINE,
    esc,
    grid,
    style,
)
from interfant_desktop.orders.summary_model import (
    ClinicianDecision,
    DecisionLine,
    MrdLine,
    PathStep,
    TreatmentSummary,
)

TITLE = style("summaryTitle", 12, bold=True)
TEXT = style("summaryText", 7.5)
TEXT_B = style("summaryTextBold", 7.5, bold=True)
SMALL = style("summarySmall", 6.5, textColor=MUTED)
HEAD = style("summaryHead", 8.5, bold=True, spaceBefore=4, spaceAfter=2)
CHART_H = 46 * mm
LOG_MIN, LOG_MAX = -4.0, 2.0  # 0.0001 % .. 100 %; undetectable drawn below the floor
UD_DROP = 10.0  # points below the floor where undetectable results sit (their own label row)


def day(value: dt.date | None) -> str:
    """ISO date with the weekday (``2026-05-10 (Sun)``), or an en dash."""
    return "–" if value is None else f"{value.isoformat()} ({value:%a})"


def _p(text: str, st: ParagraphStyle = TEXT) -> Paragraph:
    return Paragraph(esc(text), st)


def _table(header: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[float]) -> Table:
    body = [[_p(h, TEXT_B) for h in header]] + [[_p(c) for c in row] for row in rows]
    return grid(body, widths, header=True)


def _header(s: TreatmentSummary) -> list[Flowable]:
    # The number is stored alone: the sheet says what it is, as the header and bag labels do.
    mrn = f"MRN {number_alone(s.hospital_number)}" if s.hospital_number else "no hospital number"
    ident = (f"{s.study_id} · {s.name} · {mrn} · born {day(s.date_of_birth)} · "
             f"diagnosed {day(s.diagnosis_date)} ({s.age_text})")
    return [
        _p("TREATMENT SUMMARY — " + s.protocol_label, TITLE),
        _p(ident, TEXT_B),
        _p(f"Risk group: {s.risk_text} · {s.eligibility_text}"),
        _p(f"Printed {s.printed_at:%Y-%m-%d %H:%M %Z} by {s.printed_by} · Interfant Desktop "
           f"{s.app_version}. Not an order: nothing on this page is to be administered; the "
           "record in the app is the reference.", SMALL),
    ]


def _path(s: TreatmentSummary) -> list[Flowable]:
    rows = [(p.label, p.status.replace("_", " "), day(p.start) if p.start else "–", p.note)
            for p in s.path]
    return [_p("The patient's path", HEAD),
            _table(("Phase", "Status", "Started", "Note"), rows,
                   (38 * mm, 18 * mm, 27 * mm, CONTENT_W - 83 * mm)),
            Spacer(1, 1.5 * mm), _p("Next decision: " + s.next_decision, TEXT_B)]


def _decisions(s: TreatmentSummary) -> list[Flowable]:
    rows = [(d.question, d.outcome, d.status.replace("_", " "), d.rules) for d in s.decisions]
    out: list[Flowable] = [_p("Decisions (the engine's answer, with its rules)", HEAD),
                           _table(("Decision point", "Outcome", "Status", "Rules"), rows,
                                  (60 * mm, 50 * mm, 18 * mm, CONTENT_W - 128 * mm))]
    out.append(_p("Decided by a clinician (review items)", HEAD))
    if not s.clinician_decisions:
        out.append(_p("No review item has been decided by a clinician."))
        return out
    rows2 = [(f"{c.rule}: {c.question}", c.chosen, f"{c.decided_by}, {c.decided_at:%Y-%m-%d %H:%M} UTC "
              f"(protocol {c.protocol_version})", c.reason) for c in s.clinician_decisions]
    out.append(_table(("Question", "Decision", "Who, when", "Why"), rows2,
                      (55 * mm, 30 * mm, 42 * mm, CONTENT_W - 127 * mm)))
    return out


def _y(percent: float | None, top: float, bottom: float) -> float:
    if percent is None or percent <= 0:
        return bottom - UD_DROP
    value = min(max(math.log10(percent), LOG_MIN), LOG_MAX)
    return bottom + (value - LOG_MIN) / (LOG_MAX - LOG_MIN) * (top - bottom)


def mrd_chart(lines: Sequence[MrdLine], thresholds: Sequence[float], width: float) -> Drawing:
    """MRD on a log scale: one marker per result, numbered as in the table beside it;
    threshold lines labelled with their percent ("< T" is below the line)."""
    drawing = Drawing(width, CHART_H)
    # The renderer's default state font is Helvetica (never embedded): start in ours.
    drawing.__dict__["initialFontName"] = fonts.REGULAR
    left, right, bottom, top = 34.0, width - 6, 24.0, CHART_H - 6
    font = fonts.REGULAR
    for exponent in range(int(LOG_MIN), int(LOG_MAX) + 1):
        y = _y(10.0 ** exponent, top, bottom)
        drawing.add(Line(left, y, right, y, strokeColor=colors.HexColor("#e3e6ea"), strokeWidth=0.4))
        drawing.add(String(left - 3, y - 2.2, f"{10.0 ** exponent:g} %", fontName=font, fontSize=6,
                           textAnchor="end", fillColor=MUTED))
    for percent in thresholds:
        y = _y(percent, top, bottom)
        drawing.add(Line(left, y, right, y, strokeColor=colors.HexColor("#b00020"), strokeWidth=0.6,
                         strokeDashArray=[3, 2]))
    drawing.add(Line(left, bottom, left, top, strokeColor=INK, strokeWidth=0.6))
    drawing.add(String(left - 3, bottom - UD_DROP - 2.2, "UD", fontName=font, fontSize=6, textAnchor="end",
                       fillColor=MUTED))
    count = max(len(lines), 1)
    step = (right - left - 16) / max(count - 1, 1)
    previous: tuple[float, float] | None = None
    for number, line in enumerate(lines, start=1):
        x = left + 8 + (number - 1) * step if count > 1 else (left + right) / 2
        y = _y(line.plot_percent, top, bottom)
        if previous is not None:
            drawing.add(Line(previous[0], previous[1], x, y, strokeColor=RULE_LINE, strokeWidth=0.6))
        previous = (x, y)
        if line.kind == "pnq":
            drawing.add(Polygon([x - 3, y - 2.5, x + 3, y - 2.5, x, y + 3], fillColor=colors.white,
                                strokeColor=INK, strokeWidth=0.8))
        else:
            drawing.add(Circle(x, y, 2.6, fillColor=colors.white if line.kind == "undetectable" else INK,
                               strokeColor=INK, strokeWidth=0.8))
        drawing.add(String(x, 3, str(number), fontName=font, fontSize=6, textAnchor="middle", fillColor=INK))
    return drawing


def _mrd(s: TreatmentSummary) -> list[Flowable]:
    head = _p("MRD (% of nucleated cells; log scale; dashed: the protocol's thresholds "
              + ", ".join(f"{t:g} %" for t in s.thresholds) + ")", HEAD)
    if not s.mrd:
        return [head, _p("No MRD result recorded.")]
    chart_w = CONTENT_W * 0.48
    rows = [(str(i), day(m.date), m.timepoint, m.result) for i, m in enumerate(s.mrd, start=1)]
    table = _table(("#", "Sample", "Time point", "Result"), rows,
                   (6 * mm, 25 * mm, 28 * mm, CONTENT_W - chart_w - 63 * mm))
    legend = _p("● result · △ positive, not quantifiable (drawn at its quantitative range) · "
                "○ UD: undetectable. Numbers under the markers are the rows of the table.", SMALL)
    return [head, Table([[mrd_chart(s.mrd, s.thresholds, chart_w), [table]]],
                        colWidths=[chart_w + 2 * mm, CONTENT_W - chart_w - 2 * mm],
                        style=[("VALIGN", (0, 0), (-1, -1), "TOP"), ("FONT", (0, 0), (-1, -1), fonts.REGULAR),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("RIGHTPADDING", (0, 0), (-1, -1), 0)]), legend]


def build_story(s: TreatmentSummary) -> list[Flowable]:
    return [*_header(s), *_path(s), *_decisions(s), *_mrd(s)]


def _footer(s: TreatmentSummary) -> Callable[[Canvas, BaseDocTemplate], None]:
    def draw(canvas: Canvas, doc: BaseDocTemplate) -> None:
        canvas.saveState()
        canvas.setFont(fonts.REGULAR, 6.5)
        canvas.setFillColor(MUTED)
        canvas.drawString(MARGIN, MARGIN - 4 * mm,
                          f"{s.study_id} · treatment summary · printed {s.printed_at:%Y-%m-%d %H:%M %Z}")
        canvas.drawRightString(PAGE_W - MARGIN, MARGIN - 4 * mm, f"Page {doc.page}")
        canvas.restoreState()
    return draw


def render_summary_pdf(summary: TreatmentSummary) -> bytes:
    """The treatment summary as PDF bytes (A4, all fonts embedded)."""
    fonts.register_fonts()
    if summary.printed_at.tzinfo is None:
        raise ValueError("printed_at needs a time zone")
    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer, pagesize=(PAGE_W, PAGE_H), leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN,
        bottomMargin=MARGIN, title=f"Treatment summary {summary.study_id}", author="Interfant Desktop",
        subject="Interfant-21 treatment summary", creator=f"Interfant Desktop {summary.app_version}",
        initialFontName=fonts.REGULAR, initialFontSize=7.5, invariant=True)
    frame = Frame(MARGIN, MARGIN, CONTENT_W, PAGE_H - 2 * MARGIN, id="body", leftPadding=0,
                  rightPadding=0, topPadding=0, bottomPadding=0)
    doc.addPageTemplates([PageTemplate("summary", frames=[frame], onPage=_footer(summary))])
    doc.build(build_story(summary))
    return buffer.getvalue()


__all__ = ["ClinicianDecision", "DecisionLine", "MrdLine", "PathStep", "TreatmentSummary",
           "mrd_chart", "render_summary_pdf"]
