"""Lay out an :class:`OrderSheet` as an A4 PDF with reportlab platypus.

``render_order_pdf(sheet) -> bytes`` is a pure function: the same sheet gives the
same printed content. Every page carries the patient header, the QR code (order ID
and content hash), the protocol/app/order line, the print time with its time zone and
"page x of y"; an unsigned order carries a diagonal DRAFT watermark on every page and
a reprint says COPY with the original print time. All text from the case or the
engine is XML-escaped (see :func:`fonts.markup`) before it reaches a Paragraph.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from typing import Any

import qrcode
import qrcode.constants
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from interfant_desktop.orders import fonts
from interfant_desktop.orders.content_hash import content_hash, qr_payload
from interfant_desktop.orders.ismp import number, quantity
from interfant_desktop.orders.model import DoseStep, OrderSheet, RuleRef, Signature

WATERMARK = "DRAFT — NOT VALID FOR ADMINISTRATION"
PAGE_W, PAGE_H = A4
MARGIN = 12 * mm
HEADER_H = 21 * mm
FOOTER_H = 8 * mm
CONTENT_W = PAGE_W - 2 * MARGIN
QR_SIZE = HEADER_H - 4 * mm
HEADER_TEXT_W = CONTENT_W - QR_SIZE - 4 * mm  # the patient header, left of the QR code

INK = colors.HexColor("#1a1a1a")
MUTED = colors.HexColor("#555555")
RULE_LINE = colors.HexColor("#9a9a9a")
SHADE = colors.HexColor("#eef1f4")
ALERT = colors.HexColor("#b00020")
ALERT_SHADE = colors.HexColor("#fdecee")


def _style(name: str, size: float = 8, bold: bool = False, **extra: Any) -> ParagraphStyle:
    return ParagraphStyle(name, fontName=fonts.BOLD if bold else fonts.REGULAR, fontSize=size,
                          leading=size * 1.25, textColor=extra.pop("textColor", INK), **extra)


BODY = _style("body")
SMALL = _style("small", 7, textColor=MUTED)
LABEL = _style("label", 7, textColor=MUTED)
CELL = _style("cell", 8)
CELL_B = _style("cellBold", 8, bold=True)
SECTION = _style("section", 9, bold=True, spaceBefore=3, spaceAfter=1)
TITLE = _style("title", 12, bold=True)
ALERT_TEXT = _style("alert", 8, bold=True, textColor=ALERT)
HEADER_NAME = _style("headerName", 12, bold=True)
HEADER_TEXT = _style("headerText", 8.5)


# --- small text helpers --------------------------------------------------------------

def esc(text: str) -> str:
    """Escaped markup for text that did not come from this module (case, engine)."""
    return fonts.markup(text)


def para(text: str, style: ParagraphStyle = BODY) -> Paragraph:
    """A Paragraph of already-built markup (callers escape foreign text with :func:`esc`)."""
    return Paragraph(text, style)


def fmt_date(value: dt.date | None) -> str:
    """ISO date with the weekday, e.g. ``2026-04-03 (Fri)``; a dash when not known."""
    return "not recorded" if value is None else f"{value.isoformat()} ({value:%a})"


def fmt_time(value: dt.datetime) -> str:
    """Date and time with the time-zone name and UTC offset."""
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError("order sheet times must carry a time zone")
    offset = value.strftime("%z")
    return f"{value:%Y-%m-%d %H:%M} {value.tzname()} (UTC{offset[:3]}:{offset[3:]})"


def rule_markup(rule: RuleRef) -> str:
    """``R-DX-HR (S1): wording — detail`` in small print."""
    detail = f" — {esc(rule.detail)}" if rule.detail else ""
    return f"<b>{esc(rule.rule_id)}</b> ({esc(rule.source)}): {esc(rule.text)}{detail}"


def _section(title: str, *flowables: Flowable) -> KeepTogether:
    """A titled block that is never split across pages (``title`` is trusted markup)."""
    return KeepTogether([para(title, SECTION), *flowables])


def _grid(rows: Sequence[Sequence[Any]], widths: Sequence[float], header: bool = False,
          extra: Sequence[tuple[Any, ...]] = ()) -> Table:
    table = Table(list(rows), colWidths=list(widths), repeatRows=1 if header else 0,
                  hAlign="LEFT")
    style: list[tuple[Any, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("FONT", (0, 0), (-1, -1), fonts.REGULAR, 8),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 1.2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.4),
        ("LINEBELOW", (0, 0), (-1, -1), 0.25, RULE_LINE),
    ]
    if header:
        style += [("BACKGROUND", (0, 0), (-1, 0), SHADE),
                  ("LINEBELOW", (0, 0), (-1, 0), 0.6, INK)]
    table.setStyle(TableStyle(style + list(extra)))
    return table


def _pairs(items: Sequence[tuple[str, str]], label_w: float = 30 * mm) -> Table:
    """Label/value rows; labels are this module's text, values already markup."""
    rows = [[para(label, LABEL), para(value, CELL)] for label, value in items]
    return _grid(rows, [label_w, CONTENT_W - label_w])


# --- the sections ------------------------------------------------------------------------

def _title_block(sheet: OrderSheet) -> list[Flowable]:
    t = sheet.treatment
    status = sheet.status
    title = para(f"Blinatumomab infusion order — cycle {t.cycle}", TITLE)
    if status.state == "draft":
        state = "<font color='#b00020'><b>DRAFT</b> — not signed</font>"
    else:
        parts = [f"<b>{status.state.upper()}</b>"]
        if status.prescriber:
            parts.append(f"signed by {esc(status.prescriber.name)} "
                         f"at {fmt_time(status.prescriber.at)}")
        if status.pharmacist:
            parts.append(f"verified by {esc(status.pharmacist.name)} "
                         f"at {fmt_time(status.pharmacist.at)}")
        if status.state == "signed":
            parts.append("<font color='#b00020'>awaiting pharmacist verification</font>")
        state = "; ".join(parts)
    if status.stale:
        state += (f"<br/><font color='#b00020'><b>STALE</b> — {esc(status.stale)}: "
                  "make a new order</font>")
    out: list[Flowable] = [_grid([[title, para(f"Status: {state}", BODY)]],
                                 [CONTENT_W * 0.58, CONTENT_W * 0.42],
                                 extra=[("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                                        ("LINEBELOW", (0, 0), (-1, -1), 0, colors.white),
                                        ("LEFTPADDING", (0, 0), (0, 0), 0)])]
    if sheet.document.original_printed_at is not None:
        copy = (f"COPY — original printed {fmt_time(sheet.document.original_printed_at)}")
        box = _grid([[para(copy, ALERT_TEXT)]], [CONTENT_W],
                    extra=[("BOX", (0, 0), (-1, -1), 1, ALERT),
                           ("BACKGROUND", (0, 0), (-1, -1), ALERT_SHADE)])
        out += [Spacer(1, 2), box]
    return out


def _allergy_text(sheet: OrderSheet) -> str:
    a = sheet.allergies
    if not a.recorded:
        text = "<font color='#b00020'><b>Allergies not recorded</b> — confirm before giving</font>"
    elif not a.items:
        text = "<b>No known allergies</b>"
    else:
        text = "<font color='#b00020'><b>ALLERGIES: " + esc(", ".join(a.items)) + "</b></font>"
    if a.blinatumomab_hypersensitivity is False:
        text += "; blinatumomab hypersensitivity: none known (checklist B3)"
    elif a.blinatumomab_hypersensitivity:
        text += ("; <font color='#b00020'><b>HYPERSENSITIVITY to blinatumomab or excipients"
                 "</b></font>")
    return text


def _patient_block(sheet: OrderSheet) -> KeepTogether:
    c = sheet.clinical
    dx = esc(c.diagnosis)
    if c.diagnosis_date:
        dx += f", diagnosed {c.diagnosis_date.isoformat()}"
    risk = f"<b>{esc(c.risk_group or 'not set')}</b>"
    if c.risk_subgroup:
        risk += f" ({esc(c.risk_subgroup)})"
    risk += f", {esc(c.risk_status)}"
    for reason in c.risk_reasons:
        risk += f"<br/><font size='7'>{rule_markup(reason)}</font>"
    rows = [
        ("Allergies", _allergy_text(sheet)),
        ("Diagnosis", f"{dx}; eligibility: <b>{esc(c.eligibility_status)}</b>"),
        ("Risk group", risk),
    ]
    return _section("1  Patient and diagnosis", _pairs(rows))


def _treatment_block(sheet: OrderSheet) -> KeepTogether:
    t = sheet.treatment
    d = sheet.drug
    dosing = "".join(f"<br/><font size='7'>{rule_markup(r)}</font>" for r in d.dosing_rules)
    if d.marrow:
        marrow = f"<b>{esc(d.marrow)}</b> — chose the dosing below{dosing}"
    else:
        marrow = f"not used: cycle {t.cycle} has one dosing for any marrow{dosing}"
    rows = [
        ("Cycle and days",
         f"<b>Cycle {t.cycle}</b>, {esc(t.phase)}: "
         f"<b>day {t.first_day} = {fmt_date(t.start_date)}</b> (start) to "
         f"<b>day {t.last_day} = {fmt_date(t.stop_date)}</b> (stop)"),
        ("Marrow before cycle", marrow),
    ]
    return _section("2  Cycle and treatment days", _pairs(rows))


def _measurement_block(sheet: OrderSheet) -> KeepTogether:
    m = sheet.measurements
    bsa = (f"<b>{quantity(m.bsa_m2, 'm²', m.bsa_decimals)}</b> — {esc(m.bsa_formula)}, "
           f"rounded to {m.bsa_decimals} decimals "
           f"(unrounded {number(m.bsa_unrounded_m2, m.bsa_decimals + 3)})")
    rows = [
        ("Weight, height",
         f"weight <b>{quantity(m.weight_kg, 'kg', 3)}</b> measured {fmt_date(m.weight_date)}; "
         f"height <b>{quantity(m.height_cm, 'cm', 1)}</b> measured {fmt_date(m.height_date)}"),
        ("Body surface area", bsa),
    ]
    wc = m.weight_change
    if wc is not None:
        change = (f"{number(wc.percent, 1)} % since the previous cycle "
                  f"({quantity(wc.previous_kg, 'kg', 3)})")
        if wc.flagged:
            change = (f"<font color='#b00020'><b>WEIGHT CHANGE &gt; {number(wc.limit_percent, 1)} "
                      f"%: {change}</b> — dose recalculated; confirm the weight</font>")
        rows.append(("Weight change", change))
    return _section("3  Weight, height and BSA", _pairs(rows))


def _step_row(step: DoseStep, decimals: int) -> list[Paragraph]:
    days = f"Days {step.first_day}–{step.last_day}"
    dates = f"{step.start_date.isoformat()} to {step.end_date.isoformat()}"
    rule = f" — {esc(step.cap_rule)}" if step.cap_rule else ""
    if step.capped and step.cap_mcg_per_day is not None:
        cap = (f"<font color='#b00020'><b>CAPPED at "
               f"{quantity(step.cap_mcg_per_day, 'mcg/day', decimals)}</b></font>{rule}")
    elif step.cap_mcg_per_day is not None:
        cap = f"not capped (limit {quantity(step.cap_mcg_per_day, 'mcg/day', decimals)}){rule}"
    else:
        cap = "no cap applies"
    return [
        para(f"<b>{days}</b><br/>{dates}", CELL),
        para(quantity(step.dose_mcg_per_m2_day, "mcg/m²/day", decimals), CELL),
        para(quantity(step.calculated_mcg_per_day, "mcg/day", decimals), CELL),
        para(f"<b>{quantity(step.final_mcg_per_day, 'mcg/day', decimals)}</b>", CELL_B),
        para(cap, SMALL),
    ]


def _drug_block(sheet: OrderSheet) -> KeepTogether:
    d = sheet.drug
    header = [para(h, LABEL) for h in
              ("Step (day range, dates)", "Dose per m²", "Calculated dose", "FINAL DOSE",
               "Cap and rule applied")]
    widths = [45 * mm, 25 * mm, 25 * mm, 26 * mm, CONTENT_W - 121 * mm]
    rows = [header] + [_step_row(step, d.dose_decimals) for step in d.steps]
    table = _grid(rows, widths, header=True,
                  extra=[("BACKGROUND", (3, 1), (3, -1), colors.HexColor("#fff8dc"))])
    m = sheet.measurements
    steps = f"{len(d.steps)} step{'s' if len(d.steps) > 1 else ''}"
    title = (f"4  Drug and dose: {esc(d.generic_name)} <font name='{fonts.REGULAR}' size='8'>"
             f"— {esc(d.route)}; {steps}, dose calculated on BSA "
             f"{quantity(m.bsa_m2, 'm²', m.bsa_decimals)}</font>")
    return _section(title, table)


def _infusion_block(sheet: OrderSheet) -> KeepTogether:
    b = sheet.drug.bag
    rows = [
        ("Route and bag",
         f"<b>{esc(sheet.drug.route)}</b>; <b>{b.hours} hour bag</b>, {esc(b.preservative)}"),
        ("Rate and volume",
         f"rate <b>{quantity(b.rate_ml_per_h, 'mL/h')}</b>; "
         f"<b>{quantity(b.volume_ml, 'mL')}</b> per bag; daily fluid "
         f"<b>{quantity(b.fluid_ml_per_kg_day, 'mL/kg/day', 1)}</b>"),
        ("Bag change", esc(b.change_schedule)),
    ]
    warnings = [[para("⚠", ALERT_TEXT), para(esc(w), CELL_B)] for w in sheet.drug.handling]
    warn_table = _grid(warnings, [6 * mm, CONTENT_W - 6 * mm],
                       extra=[("BOX", (0, 0), (-1, -1), 0.8, ALERT),
                              ("BACKGROUND", (0, 0), (-1, -1), ALERT_SHADE),
                              ("LINEBELOW", (0, 0), (-1, -1), 0, ALERT_SHADE),
                              ("TOPPADDING", (0, 0), (-1, -1), 0.6),
                              ("BOTTOMPADDING", (0, 0), (-1, -1), 0.8)])
    return _section("5  Infusion, bag and handling", _pairs(rows), Spacer(1, 2), warn_table)


def _premed_block(sheet: OrderSheet) -> KeepTogether | None:
    p = sheet.premedication
    if p is None:
        return None
    limit = f"maximum {quantity(p.max_mg, 'mg', 1)}" + ("; maximum applied" if p.capped else "")
    dose = (f"<b>{esc(p.drug)} {quantity(p.dose_mg, 'mg', 1)}</b> "
            f"({quantity(p.mg_per_m2, 'mg/m²', 2)}, {limit})")
    if not p.when:  # no routine premedication (cycle 2): the dose is for local practice
        dose = f"if given: {dose}"
    if p.rule is not None:
        dose += f" — rule {esc(p.rule.rule_id)} ({esc(p.rule.source)})"
    when = "; ".join(esc(w) for w in p.when)
    if p.note:
        when += ("; " if when else "") + f"<i>{esc(p.note)}</i>"
    rows = [("Dose", dose), ("When", when or "not specified")]
    return _section("6  Premedication", _pairs(rows))


def _monitoring_block(sheet: OrderSheet) -> KeepTogether | None:
    if not sheet.monitoring:
        return None
    cells = []
    for item in sheet.monitoring:
        actions = "<br/>".join(f"• {esc(a)}" for a in item.actions)
        cells.append(para(f"<b>{esc(item.topic)}</b><br/>{actions}",
                          SMALL.clone("mon", textColor=INK, fontSize=7.4, leading=9)))
    width = CONTENT_W / len(cells)
    table = _grid([cells], [width] * len(cells),
                  extra=[("BOX", (0, 0), (-1, -1), 0.5, RULE_LINE),
                         ("INNERGRID", (0, 0), (-1, -1), 0.5, RULE_LINE)])
    sources = "; ".join(sorted({item.source for item in sheet.monitoring}))
    title = (f"7  Monitoring <font size='7' color='#555555'>action thresholds from "
             f"{esc(sources)}</font>")
    return _section(title, table)


def _warnings_block(sheet: OrderSheet) -> list[Flowable]:
    """Engine warnings first on the sheet; a long list may split between rows."""
    if not sheet.warnings:
        return []
    rows = [[para("<b>Check before giving</b>" if i == 0 else "", ALERT_TEXT),
             para(f"• {esc(w)}", CELL)] for i, w in enumerate(sheet.warnings)]
    table = _grid(rows, [36 * mm, CONTENT_W - 36 * mm],
                  extra=[("BOX", (0, 0), (-1, -1), 0.8, ALERT),
                         ("BACKGROUND", (0, 0), (-1, -1), ALERT_SHADE),
                         ("LINEBELOW", (0, 0), (-1, -1), 0, ALERT_SHADE),
                         ("TOPPADDING", (0, 0), (-1, -1), 0.6),
                         ("BOTTOMPADDING", (0, 0), (-1, -1), 0.6)])
    return [Spacer(1, 3), table]


def _signature_block(sheet: OrderSheet) -> KeepTogether:
    """Prescriber, pharmacist and the two-person nurse bedside check, with space to sign."""
    st = sheet.status

    def filled(signed: Signature | None, what: str) -> str:
        if signed is None:
            return ""
        return f"<b>{esc(signed.name)}</b>" if what == "name" else fmt_time(signed.at)

    head = [para("", LABEL)] + [para(f"<b>{t}</b>", CELL) for t in
                                ("Prescriber", "Pharmacist (verified)",
                                 "Nurse 1 (bedside)", "Nurse 2 (bedside)")]
    rows = [head]
    for label, what in (("Name", "name"), ("Signature", "sig"), ("Date and time", "time")):
        rows.append([para(label, LABEL),
                     para(filled(st.prescriber, what) if what != "sig" else "", CELL),
                     para(filled(st.pharmacist, what) if what != "sig" else "", CELL),
                     para("", CELL), para("", CELL)])
    label_w = 22 * mm
    col = (CONTENT_W - label_w) / 4
    table = Table(rows, colWidths=[label_w] + [col] * 4, rowHeights=[None, 7 * mm, 7 * mm, 7 * mm])
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), fonts.REGULAR, 8),
        ("GRID", (0, 0), (-1, -1), 0.5, INK),
        ("BACKGROUND", (0, 0), (-1, 0), SHADE),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
    ]))
    check = para("Bedside check by two nurses before hanging each bag: patient identity (two "
                 "identifiers), drug, dose, rate, volume, pump locked, 0.2 micron filter.", SMALL)
    return _section("8  Signatures", table, check, *_electronic_signatures(sheet))


def _electronic_signatures(sheet: OrderSheet) -> list[Flowable]:
    """The checked electronic signatures and the site key they lead back to (one
    compact paragraph, so the sheet keeps its length)."""
    doc = sheet.document
    parts = []
    if doc.electronic_signatures:
        parts.append("<b>Electronic signatures:</b> " + "; ".join(
            esc(line) for line in doc.electronic_signatures) + ".")
    if doc.site_key_fingerprint:
        parts.append(f"<b>Site signing key:</b> {esc(doc.site_key_fingerprint)}")
    return [para(" ".join(parts), SMALL)] if parts else []


def build_story(sheet: OrderSheet) -> list[Flowable]:
    """The flowables of the sheet body, in reading order."""
    story: list[Flowable] = _title_block(sheet) + _warnings_block(sheet)
    blocks = [
        _patient_block(sheet), _treatment_block(sheet),
        _measurement_block(sheet), _drug_block(sheet), _infusion_block(sheet),
        _premed_block(sheet), _monitoring_block(sheet),
    ]
    story += [b for b in blocks if b is not None]
    story += [CondPageBreak(32 * mm), _signature_block(sheet)]
    return story


# --- page furniture: header, footer, watermark, page x of y -----------------------------

def qr_matrix(payload: str) -> list[list[bool]]:
    """The QR code modules (error correction M, 1-module quiet zone) for ``payload``."""
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=1)
    code.add_data(payload)
    code.make(fit=True)
    return [list(row) for row in code.get_matrix()]


def _draw_qr(canvas: Canvas, matrix: list[list[bool]], x: float, y: float, size: float) -> None:
    """Draw the QR code as filled rectangles (no text, so no font is involved)."""
    module = size / len(matrix)
    canvas.setFillColor(colors.white)
    canvas.rect(x, y, size, size, stroke=0, fill=1)
    canvas.setFillColor(colors.black)
    for r, row in enumerate(matrix):
        top = y + size - (r + 1) * module
        c = 0
        while c < len(row):
            if row[c]:
                start = c
                while c < len(row) and row[c]:
                    c += 1
                canvas.rect(x + start * module, top, (c - start) * module, module,
                            stroke=0, fill=1)
            else:
                c += 1


class _Furniture:
    """Draws what repeats on every page; built once per render."""

    def __init__(self, sheet: OrderSheet) -> None:
        self.sheet = sheet
        self.digest = content_hash(sheet)
        self.qr = qr_matrix(qr_payload(sheet))
        p = sheet.patient
        name = esc(p.full_name) if p.full_name else "<i>name not recorded</i>"
        mrn = esc(p.hospital_number) if p.hospital_number else "not recorded"
        self.name_markup = name
        self.ids_para = para(
            f"Date of birth <b>{p.date_of_birth.isoformat()}</b> · "
            f"Hospital number (MRN) <b>{mrn}</b> · Study ID <b>{esc(p.study_id)}</b>",
            HEADER_TEXT)
        doc = sheet.document
        self.order_para = para(
            f"Order <b>{esc(doc.order_id)}</b> · {esc(doc.protocol_name)} protocol file "
            f"{esc(doc.protocol_version)} · Cycle {sheet.treatment.cycle} · "
            f"content SHA-256 {self.digest[:16]}…", SMALL)
        self.name_para = self._fitted_name()
        self.footer_left = (f"{doc.protocol_name} · protocol file {doc.protocol_version} · "
                            f"Interfant Desktop {doc.app_version} · order {doc.order_id} · "
                            f"printed {fmt_time(doc.printed_at)}")

    def _fitted_name(self) -> Paragraph:
        """The patient name at the largest size (12 pt down to 7 pt) that fits the header."""
        text_w = HEADER_TEXT_W
        rest = sum(p.wrap(text_w, HEADER_H)[1] + 1.5 for p in (self.ids_para, self.order_para))
        for size in (12, 10.5, 9, 8, 7):
            name = para(self.name_markup, HEADER_NAME.clone(f"name{size}", fontSize=size,
                                                             leading=size * 1.2))
            if name.wrap(text_w, HEADER_H)[1] + 1.5 + rest <= HEADER_H - 2 * mm:
                return name
        return name

    def header(self, canvas: Canvas, _doc: BaseDocTemplate) -> None:
        canvas.saveState()
        top = PAGE_H - MARGIN
        qr_size = QR_SIZE
        text_w = HEADER_TEXT_W
        y = top
        for flowable in (self.name_para, self.ids_para, self.order_para):
            _, h = flowable.wrapOn(canvas, text_w, 20 * mm)
            y -= h + 1.5
            flowable.drawOn(canvas, MARGIN, y)
        _draw_qr(canvas, self.qr, PAGE_W - MARGIN - qr_size, top - qr_size, qr_size)
        canvas.setStrokeColor(INK)
        canvas.setLineWidth(0.8)
        canvas.line(MARGIN, top - HEADER_H + 1 * mm, PAGE_W - MARGIN, top - HEADER_H + 1 * mm)
        canvas.restoreState()

    def watermark(self, canvas: Canvas, _doc: BaseDocTemplate) -> None:
        if self.sheet.status.valid_for_administration:
            return
        canvas.saveState()
        canvas.setFillColor(ALERT, alpha=0.16)
        canvas.setFont(fonts.BOLD, 28)
        canvas.translate(PAGE_W / 2, PAGE_H / 2)
        canvas.rotate(54)
        canvas.drawCentredString(0, -10, WATERMARK)
        canvas.restoreState()

    def footer(self, canvas: Canvas, page: int, pages: int) -> None:
        canvas.saveState()
        canvas.setFont(fonts.REGULAR, 6.5)
        canvas.setFillColor(MUTED)
        y = MARGIN - 2 * mm
        canvas.line(MARGIN, y + 8, PAGE_W - MARGIN, y + 8)
        canvas.drawString(MARGIN, y, self.footer_left)
        canvas.setFont(fonts.BOLD, 8)
        canvas.setFillColor(INK)
        canvas.drawRightString(PAGE_W - MARGIN, y, f"Page {page} of {pages}")
        canvas.restoreState()


def _numbered_canvas(furniture: _Furniture) -> type[Canvas]:
    """A canvas that holds pages back until the end so each can say "page x of y"."""

    class NumberedCanvas(Canvas):  # type: ignore[misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for number_, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                furniture.footer(self, number_, total)
                Canvas.showPage(self)
            Canvas.save(self)

    return NumberedCanvas


def render_order_pdf(sheet: OrderSheet) -> bytes:
    """The order sheet as PDF bytes (A4, all fonts embedded)."""
    fonts.register_fonts()
    fmt_time(sheet.document.printed_at)  # refuse a print time without a time zone early
    furniture = _Furniture(sheet)
    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN,
        topMargin=MARGIN + HEADER_H, bottomMargin=MARGIN + FOOTER_H,
        title=f"Blinatumomab order {sheet.document.order_id}",
        author="Interfant Desktop", subject="Interfant-21 blinatumomab infusion order",
        creator=f"Interfant Desktop {sheet.document.app_version}",
        initialFontName=fonts.REGULAR, initialFontSize=8.5, invariant=True,
    )
    frame = Frame(MARGIN, MARGIN + FOOTER_H, CONTENT_W, PAGE_H - 2 * MARGIN - HEADER_H - FOOTER_H,
                  id="body", leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    doc.addPageTemplates([PageTemplate("order", frames=[frame], onPage=furniture.header,
                                       onPageEnd=furniture.watermark)])
    doc.build(build_story(sheet), canvasmaker=_numbered_canvas(furniture))
    return buffer.getvalue()
