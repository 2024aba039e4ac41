"""Shared layout pieces of the order sheet: page geometry, styles, text and table helpers.

All text from the case or the engine goes through :func:`esc` (XML-escaped, CJK runs in
the fallback font) before it reaches a Paragraph. Table cells holding only this module's
own ASCII text or numbers may be plain strings (drawn directly, much faster).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Table, TableStyle

from interfant_desktop.orders import fonts
from interfant_desktop.orders.model import RuleRef

PAGE_W, PAGE_H = A4
MARGIN = 12 * mm
FOOTER_H = 9 * mm
CONTENT_W = PAGE_W - 2 * MARGIN

INK = colors.HexColor("#1a1a1a")
MUTED = colors.HexColor("#555555")
RULE_LINE = colors.HexColor("#9a9a9a")
SHADE = colors.HexColor("#eef1f4")
ALERT = colors.HexColor("#b00020")
ALERT_SHADE = colors.HexColor("#fdecee")
DOSE_SHADE = colors.HexColor("#fff8dc")


def style(name: str, size: float = 8, bold: bool = False, **extra: Any) -> ParagraphStyle:
    """A paragraph style in the embedded document font."""
    return ParagraphStyle(name, fontName=fonts.BOLD if bold else fonts.REGULAR, fontSize=size,
                          leading=size * 1.25, textColor=extra.pop("textColor", INK), **extra)


BODY = style("body")
SMALL = style("small", 7, textColor=MUTED)
LABEL = style("label", 7, textColor=MUTED)
CELL = style("cell", 8)
CELL_B = style("cellBold", 8, bold=True)
SECTION = style("section", 9, bold=True, spaceBefore=3, spaceAfter=1)
TITLE = style("title", 12, bold=True)
ALERT_TEXT = style("alert", 8, bold=True, textColor=ALERT)
BIG = style("administer", 11)
BIG_B = style("administerBold", 11, bold=True)
BIG_LABEL = style("administerLabel", 9, textColor=MUTED)


def esc(text: str) -> str:
    """Escaped markup for text that did not come from this module (case, engine)."""
    return fonts.markup(text)


def para(text: str, st: ParagraphStyle = BODY) -> Paragraph:
    """A Paragraph of already-built markup (callers escape foreign text with :func:`esc`)."""
    return Paragraph(text, st)


def fmt_date(value: dt.date | None) -> str:
    """ISO date with the weekday, e.g. ``2026-04-03 (Fri)``."""
    return "not recorded" if value is None else f"{value.isoformat()} ({value:%a})"


def fmt_local(value: dt.datetime) -> str:
    """A local wall-clock date and time with the weekday: ``2026-04-03 (Fri) 10:00``."""
    return f"{value.date().isoformat()} ({value:%a}) {value:%H:%M}"


def fmt_time(value: dt.datetime) -> str:
    """Date and time with the time-zone name and UTC offset (aware times only)."""
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError("order sheet times must carry a time zone")
    offset = value.strftime("%z")
    return f"{value:%Y-%m-%d %H:%M} {value.tzname()} (UTC{offset[:3]}:{offset[3:]})"


def rule_markup(rule: RuleRef) -> str:
    """``R-DX-HR (S1): wording — detail`` in small print."""
    detail = f" — {esc(rule.detail)}" if rule.detail else ""
    return f"<b>{esc(rule.rule_id)}</b> ({esc(rule.source)}): {esc(rule.text)}{detail}"


def section(title: str, *flowables: Flowable) -> KeepTogether:
    """A titled block that is never split across pages (``title`` is trusted markup)."""
    return KeepTogether([para(title, SECTION), *flowables])


def grid(rows: Sequence[Sequence[Any]], widths: Sequence[float], header: bool = False,
         extra: Sequence[tuple[Any, ...]] = (), font_size: float = 8) -> Table:
    """A left-aligned table with thin row rules; ``header`` repeats the first row on
    every page the table spans."""
    table = Table(list(rows), colWidths=list(widths), repeatRows=1 if header else 0,
                  hAlign="LEFT")
    st: list[tuple[Any, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("FONT", (0, 0), (-1, -1), fonts.REGULAR, font_size),
        ("LEADING", (0, 0), (-1, -1), font_size * 1.2),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 1.2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.4),
        ("LINEBELOW", (0, 0), (-1, -1), 0.25, RULE_LINE),
    ]
    if header:
        st += [("BACKGROUND", (0, 0), (-1, 0), SHADE),
               ("LINEBELOW", (0, 0), (-1, 0), 0.6, INK)]
    table.setStyle(TableStyle(st + list(extra)))
    return table


def pairs(items: Sequence[tuple[str, str]], label_w: float = 30 * mm) -> Table:
    """Label/value rows; labels are this module's text, values already markup."""
    rows = [[para(label, LABEL), para(value, CELL)] for label, value in items]
    return grid(rows, [label_w, CONTENT_W - label_w])


def alert_box(rows: Sequence[Sequence[Any]], widths: Sequence[float]) -> Table:
    """A red-framed, shaded box (warnings, unverified figures)."""
    return grid(rows, widths, extra=[("BOX", (0, 0), (-1, -1), 0.8, ALERT),
                                     ("BACKGROUND", (0, 0), (-1, -1), ALERT_SHADE),
                                     ("LINEBELOW", (0, 0), (-1, -1), 0, ALERT_SHADE),
                                     ("TOPPADDING", (0, 0), (-1, -1), 0.6),
                                     ("BOTTOMPADDING", (0, 0), (-1, -1), 0.8)])
