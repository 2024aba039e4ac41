"""Lay out an :class:`OrderSheet` as an A4 PDF with reportlab platypus.

``render_order_pdf(sheet) -> bytes`` is a pure function: the same sheet gives the
same printed content. The order opens with the ADMINISTER panel (drug, mcg/day, mcg per
bag, rate, infused volume, bag schedule; 10–12 pt), then the basis of the order (the
rule trail), premedication with its dates, the doses for this patient if a reaction
occurs, monitoring and signatures; then the bag pages (:mod:`.bag_pages`: schedule,
make-up of every bag, bag log, label sheet). Every page carries the patient header (the
name in one weight for every script; it grows rather than overprints), the QR code
(order ID, state, signers, content hash; large enough for a 100 dpi scan), the
protocol/app/order line, the print time with its time zone and "page x of y"; an order
not valid for administration carries a diagonal DRAFT watermark on every page and a
reprint says COPY with the original print time on every page. All text from the case or
the engine is XML-escaped (see :func:`fonts.markup`) before it reaches a Paragraph.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import qrcode
import qrcode.constants
from reportlab.lib import colors
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
from interfant_desktop.orders.bag_pages import bag_numbers, bag_pages, course_note, ends_text, hours_words
from interfant_desktop.orders.content_hash import content_hash, qr_payload
from interfant_desktop.orders.hospital_number import number_alone
from interfant_desktop.orders.ismp import duration, number, quantity
from interfant_desktop.orders.layout import (
    ALERT,
    ALERT_SHADE,
    ALERT_TEXT,
    BIG,
    BIG_B,
    BIG_LABEL,
    BODY,
    CELL,
    CELL_B,
    CONTENT_W,
    DOSE_SHADE,
    FOOTER_H,
    INK,
    LABEL,
    MARGIN,
    MUTED,
    PAGE_H,
    PAGE_W,
    RULE_LINE,
    SHADE,
    SMALL,
    TITLE,
    alert_box,
    esc,
    fmt_date,
    fmt_local,
    fmt_time,
    grid,
    pairs,
    para,
    rule_markup,
    section,
    style,
)
from interfant_desktop.orders.model import DoseStep, OrderSheet, Signature

WATERMARK = "DRAFT — NOT VALID FOR ADMINISTRATION"
HOLD_WATERMARK = "HOLD — DO NOT HANG"
HOLD_TEXT = style("hold", 12, bold=True, textColor=ALERT)
MIN_HEADER_H = 34 * mm
#: The QR code is large enough to decode from a 100 dpi scan (about 2 pixels per module
#: or more at the payload's usual length; quiet zone of 4 modules).
QR_SIZE = 30 * mm
HEADER_TEXT_W = CONTENT_W - QR_SIZE - 4 * mm  # the patient header, left of the QR code

#: The patient name in one weight for every script (the CJK face has no bold).
HEADER_NAME = style("headerName", 13)
HEADER_TEXT = style("headerText", 8.5)

__all__ = ["WATERMARK", "build_story", "fmt_time", "qr_matrix", "render_order_pdf"]


# --- the sections ------------------------------------------------------------------------

def _state_word(sheet: OrderSheet) -> str:
    """VERIFIED, SIGNED, DRAFT; ON HOLD or NOT VALID (discontinued, superseded) first."""
    status = sheet.status
    if status.hold:
        return f"ON HOLD ({status.state.upper()})"
    if status.ended:
        return f"NOT VALID ({status.state.upper()})"
    return status.state.upper()


def _title_block(sheet: OrderSheet) -> list[Flowable]:
    t = sheet.treatment
    status = sheet.status
    title = para(f"Blinatumomab infusion order — cycle {t.cycle}", TITLE)
    if status.state == "draft":
        state = "<font color='#b00020'><b>DRAFT</b> — not signed</font>"
    else:
        parts = [f"<b>{esc(_state_word(sheet))}</b>"]
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
    block: list[Flowable] = [
        grid([[title, para(f"Status: {state}", BODY)]], [CONTENT_W * 0.6, CONTENT_W * 0.4],
             extra=[("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                    ("LINEBELOW", (0, 0), (-1, -1), 0, colors.white),
                    ("LEFTPADDING", (0, 0), (0, 0), 0)])]
    if status.hold:  # the nurse must not miss it: large, red, framed, on page 1
        block.append(grid([[para(f"HOLD — DO NOT HANG OR ADMINISTER. {esc(status.hold)}",
                                 HOLD_TEXT)]], [CONTENT_W],
                          extra=[("BOX", (0, 0), (-1, -1), 2, ALERT),
                                 ("BACKGROUND", (0, 0), (-1, -1), ALERT_SHADE)]))
    if status.ended:
        block.append(grid([[para(f"{esc(status.ended)} — NOT VALID FOR ADMINISTRATION",
                                 HOLD_TEXT)]], [CONTENT_W],
                          extra=[("BOX", (0, 0), (-1, -1), 2, ALERT)]))
    return block


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


def bag_length(hours: float) -> str:
    """``24-hour`` (as in "a 24-hour bag"), or ``4 h 40 min`` for a part of an hour."""
    return f"{hours}-hour" if isinstance(hours, int) else duration(hours)


def _per_bag(step: DoseStep, sheet: OrderSheet) -> tuple[str, float, int | float]:
    """The mcg in the step's usual bag (its first bag): text, mcg and hours."""
    bag = next((b for b in sheet.drug.bags if b.first_day >= step.first_day
                and b.last_day <= step.last_day), None)
    hours = bag.hours if bag else sheet.drug.bag.hours
    mcg = bag.mcg_to_infuse if bag else step.final_mcg_per_day * hours / 24
    return quantity(mcg, "mcg", sheet.drug.dose_decimals), mcg, hours


def _step_window(step: DoseStep, sheet: OrderSheet) -> tuple[dt.datetime | None, dt.datetime | None]:
    """When the step's infusion starts and ends: whole days from the start, or, on a restart
    order (whose steps start at the restart and end when their hours are given), from the
    first and last bag of the step."""
    t = sheet.treatment
    if t.start_at is None:
        return None, None
    if t.restart is None:
        return (t.start_at + dt.timedelta(days=step.first_day - 1),
                t.start_at + dt.timedelta(days=step.last_day))
    bags = [b for b in sheet.drug.bags if b.dose_mcg_per_day == step.final_mcg_per_day
            and step.first_day <= b.first_day <= step.last_day]
    return (bags[0].hang, bags[-1].ends) if bags else (None, None)


def _administer_block(sheet: OrderSheet) -> KeepTogether:
    """What the nurse and pharmacist act on, in 10–12 pt: drug, mcg/day, mcg per bag, rate,
    infused volume, bag schedule."""
    d, b = sheet.drug, sheet.drug.bag
    dec = d.dose_decimals
    head = [para(h, BIG_LABEL) for h in ("Days (local dates)", "Dose", "mcg per bag",
                                          "Rate", "Infuse per bag")]
    rows: list[list[Any]] = [head]
    for step in d.steps:
        per_bag, _, hours = _per_bag(step, sheet)
        start, end = _step_window(step, sheet)
        when = (f"{fmt_local(start)} to {fmt_local(end)}" if start and end else
                f"{step.start_date.isoformat()} to {step.end_date.isoformat()}")
        bag_rate = next((x.rate_ml_per_h for x in d.bags if x.hours == hours), b.rate_ml_per_h)
        volume = next((x.make_up.infused_ml for x in d.bags if x.hours == hours), b.volume_ml)
        rows.append([
            para(f"<b>Days {step.first_day}–{step.last_day}</b><br/>"
                 f"<font size='8'>{when}</font>", BIG),
            para(f"<b>{quantity(step.final_mcg_per_day, 'mcg/day', dec)}</b>", BIG_B),
            para(f"<b>{per_bag}</b><br/><font size='8'>per {bag_length(hours)} bag</font>", BIG_B),
            para(f"<b>{quantity(bag_rate, 'mL/h')}</b>", BIG_B),
            para(f"<b>{quantity(volume, 'mL')}</b>", BIG_B),
        ])
    widths = [58 * mm, 38 * mm, 36 * mm, 22 * mm]
    widths.append(CONTENT_W - sum(widths))
    table = grid(rows, widths, header=True, font_size=11,
                 extra=[("BOX", (0, 0), (-1, -1), 1.2, INK),
                        ("BACKGROUND", (1, 1), (2, -1), DOSE_SHADE)])
    flow: list[Flowable] = [table]
    schedule = _schedule_summary(sheet)
    flow.append(grid([[para("Bag schedule", BIG_LABEL), para(schedule, BIG)]],
                     [30 * mm, CONTENT_W - 30 * mm],
                     extra=[("BOX", (0, 0), (-1, -1), 1.2, INK)]))
    title = (f"ADMINISTER: {esc(d.generic_name)} <font name='{fonts.REGULAR}' size='10'>— "
             f"{esc(d.route)}, preservative-free {b.hours}-hour bags</font>")
    return KeepTogether([para(title, style("adminTitle", 12, bold=True, spaceBefore=3,
                                           spaceAfter=1)), *flow])


def _schedule_summary(sheet: OrderSheet) -> str:
    d, t = sheet.drug, sheet.treatment
    if not d.bags or t.start_at is None or t.ends_at is None:
        return ("<font color='#b00020'><b>No bag schedule: the start time is not recorded.</b>"
                "</font>")
    first = d.bags[0]
    count = f"{len(d.bags)} bags" if t.restart is None else f"{len(d.bags)} bags, {bag_numbers(sheet)}"
    text = (f"<b>{count}</b>; bag {first.number} hung <b>{fmt_local(first.hang)}</b>; "
            f"change every {d.bag.hours} hours at <b>{t.start_at:%H:%M}</b>")
    short: dict[int | float, list[int]] = {}
    for x in d.bags:
        if x.hours != d.bag.hours:
            short.setdefault(x.hours, []).append(x.number)
    if short:  # each shorter bag with its own length (after a restart, not always 24 hours)
        text += " (" + "; ".join(f"{'bag' if len(n) == 1 else 'bags'} {', '.join(map(str, n))}: "
                                 f"{hours_words(h)}" for h, n in short.items()) + ")"
    text += f"; {ends_text(sheet)}. Each bag's hang time, mcg and make-up: bag schedule (section 9)."
    note = course_note(sheet)
    if note is not None:
        text += f"<br/><b>{esc(note)}.</b>"
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
    if c.clinician_decisions:
        rows.append(("Clinician decisions", "<br/>".join(
            f"<font size='7'>{rule_markup(d)}</font>" for d in c.clinician_decisions)))
    return section("1  Patient and diagnosis", pairs(rows))


def _treatment_block(sheet: OrderSheet) -> KeepTogether:
    t = sheet.treatment
    d = sheet.drug
    dosing = "".join(f"<br/><font size='7'>{rule_markup(r)}</font>" for r in d.dosing_rules)
    if d.marrow:
        marrow = f"<b>{esc(d.marrow)}</b> — chose the dosing below{dosing}"
    else:
        marrow = f"not used: cycle {t.cycle} has one dosing for any marrow{dosing}"
    if t.start_at and t.ends_at and t.restart is not None:
        r = t.restart
        began = f"day 1 started <b>{fmt_local(r.cycle_start_at)}</b>; " if r.cycle_start_at else ""
        days = (f"<b>Cycle {t.cycle}</b>, {esc(t.phase)}: {began}stopped "
                f"<b>{fmt_local(r.stopped_at)}</b>; <b>RESTART {fmt_local(t.start_at)}</b> "
                f"(infusion day {t.first_day}); {ends_text(sheet)}")
    elif t.start_at and t.ends_at:
        days = (f"<b>Cycle {t.cycle}</b>, {esc(t.phase)}: day {t.first_day} starts "
                f"<b>{fmt_local(t.start_at)}</b>; day {t.last_day} = {fmt_date(t.stop_date)}; "
                f"<b>the infusion ends {fmt_local(t.ends_at)}</b> (672 hours after the start)")
    else:
        days = (f"<b>Cycle {t.cycle}</b>, {esc(t.phase)}: day {t.first_day} = "
                f"{fmt_date(t.start_date)}, start time not recorded")
    rows = [("Cycle and days", days), ("Marrow before cycle", marrow)]
    if t.daylight_saving_note:
        rows.append(("Daylight saving", f"<font color='#b00020'>{esc(t.daylight_saving_note)}"
                                        "</font>"))
    return section("2  Cycle and treatment days", pairs(rows))


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
    return section("3  Weight, height and BSA", pairs(rows))


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
    table = grid(rows, widths, header=True, extra=[("BACKGROUND", (3, 1), (3, -1), DOSE_SHADE)])
    m = sheet.measurements
    steps = f"{len(d.steps)} step{'s' if len(d.steps) > 1 else ''}"
    title = (f"4  Dose calculation: {esc(d.generic_name)} <font name='{fonts.REGULAR}' size='8'>"
             f"— {esc(d.route)}; {steps}, dose calculated on BSA "
             f"{quantity(m.bsa_m2, 'm²', m.bsa_decimals)}</font>")
    return section(title, table)


def _fluid_text(sheet: OrderSheet) -> str:
    f = sheet.drug.fluid
    b = sheet.drug.bag
    text = f"<b>{quantity(b.fluid_ml_per_kg_day, 'mL/kg/day')}</b>"
    if f is None:
        return text
    text += (f" (site limit {quantity(f.limit_ml_per_kg_day, 'mL/kg/day')}, "
             f"{esc(f.limit_note)}; {esc(f.rule_id)})")
    if f.above_limit:
        alt = (f": the {f.alternative_hours}-hour bag would give "
               f"{quantity(f.alternative_ml_per_kg_day, 'mL/kg/day')}"
               if f.alternative_hours and f.alternative_ml_per_kg_day is not None else
               ": no bag of the protocol file gives less")
        text = f"<font color='#b00020'><b>ABOVE THE LIMIT</b> {text}{alt}</font>"
    return text


def _infusion_block(sheet: OrderSheet) -> KeepTogether:
    b = sheet.drug.bag
    rows = [
        ("Route and bag",
         f"<b>{esc(sheet.drug.route)}</b>; <b>{b.hours} hour bag</b>, {esc(b.preservative)}"),
        ("Rate and volume",
         f"rate <b>{quantity(b.rate_ml_per_h, 'mL/h')}</b>; infuse "
         f"<b>{quantity(b.volume_ml, 'mL')}</b> per bag"),
        ("Daily fluid", _fluid_text(sheet)),
        ("Bag change", esc(b.change_schedule)),
    ]
    warnings = [[para("⚠", ALERT_TEXT), para(esc(w), CELL_B)] for w in sheet.drug.handling]
    return section("5  Infusion, bag and handling", pairs(rows), Spacer(1, 2),
                   alert_box(warnings, [6 * mm, CONTENT_W - 6 * mm]))


def _premed_block(sheet: OrderSheet) -> KeepTogether | None:
    p = sheet.premedication
    if p is None:
        return None
    limit = f"maximum {quantity(p.max_mg, 'mg', 1)}" + ("; maximum applied" if p.capped else "")
    dose = (f"<b>{esc(p.drug)} {quantity(p.dose_mg, 'mg', 1)} {esc(p.route)}</b> "
            f"({quantity(p.mg_per_m2, 'mg/m²', 2)}, {limit})")
    if not p.when:  # no routine premedication (cycle 2): the dose is for local practice
        dose = f"if given: {dose}"
    if p.rule is not None:
        dose += f" — rule {esc(p.rule.rule_id)} ({esc(p.rule.source)})"
    rows = [("Dose and route", dose)]
    if p.window:
        rows.append(("Time window", esc(p.window)))
    if p.times:
        due = "<br/>".join(
            (f"<b>{fmt_local(x.at)}</b>: " if x.at else "") + esc(x.when) for x in p.times)
    else:
        due = "; ".join(esc(w) for w in p.when) or "not specified"
    if p.note:
        due += f"<br/><i>{esc(p.note)}</i>"
    rows.append(("When", due))
    return section("6  Premedication", pairs(rows))


def _patient_doses_block(sheet: OrderSheet) -> KeepTogether | None:
    """Doses that may be needed later, already in mg / mcg for this patient."""
    if not sheet.patient_doses:
        return None
    rows = []
    for dose in sheet.patient_doses:
        rows.append((esc(dose.topic),
                     f"<b>{esc(dose.drug)} {quantity(dose.dose, dose.unit, dose.decimals)}</b> "
                     f"for this patient ({esc(dose.basis)}); {esc(dose.when)}"))
    return section("7  Doses for this patient if a reaction occurs (label S4)", pairs(rows, 40 * mm))


def _monitoring_block(sheet: OrderSheet) -> KeepTogether | None:
    if not sheet.monitoring:
        return None
    cells = []
    for item in sheet.monitoring:
        actions = "<br/>".join(f"• {esc(a)}" for a in item.actions)
        cells.append(para(f"<b>{esc(item.topic)}</b><br/>{actions}",
                          SMALL.clone("mon", textColor=INK, fontSize=7.4, leading=9)))
    width = CONTENT_W / len(cells)
    table = grid([cells], [width] * len(cells),
                 extra=[("BOX", (0, 0), (-1, -1), 0.5, RULE_LINE),
                        ("INNERGRID", (0, 0), (-1, -1), 0.5, RULE_LINE)])
    sources = "; ".join(sorted({item.source for item in sheet.monitoring}))
    title = (f"7b  Monitoring <font size='7' color='#555555'>action thresholds from "
             f"{esc(sources)}; the doses for this patient are in section 7</font>")
    return section(title, table)


def _warnings_block(sheet: OrderSheet) -> list[Flowable]:
    """Engine warnings first on the sheet; a long list may split between rows."""
    if not sheet.warnings:
        return []
    rows = [[para("<b>Check before giving</b>" if i == 0 else "", ALERT_TEXT),
             para(f"• {esc(w)}", CELL)] for i, w in enumerate(sheet.warnings)]
    return [Spacer(1, 3), alert_box(rows, [36 * mm, CONTENT_W - 36 * mm])]


def _signature_block(sheet: OrderSheet) -> KeepTogether:
    """Prescriber, pharmacist and the two-person nurse bedside check, with space to sign."""
    st = sheet.status

    def filled(signed: Signature | None, what: str) -> list[Flowable]:
        text = ""
        if signed is not None and what != "sig":
            text = f"<b>{esc(signed.name)}</b>" if what == "name" else fmt_time(signed.at)
        return [para(text, CELL), Spacer(1, 4 * mm)]

    head = [para("", LABEL)] + [para(f"<b>{t}</b>", CELL) for t in
                                ("Prescriber", "Pharmacist (verified)",
                                 "Nurse 1 (bedside)", "Nurse 2 (bedside)")]
    rows: list[list[Any]] = [head]
    for label, what in (("Name", "name"), ("Signature", "sig"), ("Date and time", "time")):
        rows.append([para(label, LABEL), filled(st.prescriber, what),
                     filled(st.pharmacist, what), filled(None, what), filled(None, what)])
    label_w = 22 * mm
    col = (CONTENT_W - label_w) / 4
    table = Table(rows, colWidths=[label_w] + [col] * 4)
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), fonts.REGULAR, 8),
        ("GRID", (0, 0), (-1, -1), 0.5, INK),
        ("BACKGROUND", (0, 0), (-1, 0), SHADE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
    ]))
    check = para("Bedside check by two nurses before hanging each bag (bag log, section 11): "
                 "patient identity (two identifiers), drug, dose, rate, volume, pump locked, "
                 "0.2 micron filter.", SMALL)
    return section("8  Signatures", table, check, *_electronic_signatures(sheet))


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
    """The flowables of the sheet body, in reading order: status, warnings, ADMINISTER,
    the basis of the order, signatures, then the bag pages and the label sheet."""
    story: list[Flowable] = _title_block(sheet) + _warnings_block(sheet)
    story.append(_administer_block(sheet))
    story.append(para("Basis of this order", style("basis", 10, bold=True, spaceBefore=5,
                                                    textColor=MUTED)))
    blocks = [
        _patient_block(sheet), _treatment_block(sheet),
        _measurement_block(sheet), _drug_block(sheet), _infusion_block(sheet),
        _premed_block(sheet), _patient_doses_block(sheet), _monitoring_block(sheet),
    ]
    story += [b for b in blocks if b is not None]
    story += [CondPageBreak(40 * mm), _signature_block(sheet)]
    story += bag_pages(sheet)
    return story


# --- page furniture: header, footer, watermark, page x of y -----------------------------

def qr_matrix(payload: str) -> list[list[bool]]:
    """The QR code modules (error correction M, 4-module quiet zone) for ``payload``."""
    # A fixed mask pattern: every mask decodes; choosing the "best" of eight costs more
    # than the rest of the first page.
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=4,
                         mask_pattern=2)
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
    """Draws what repeats on every page; built once per render. The header grows with the
    identifiers (the longest the schema allows wrap instead of overprinting)."""

    def __init__(self, sheet: OrderSheet, digest: str | None = None) -> None:
        self.sheet = sheet
        self.digest = digest or content_hash(sheet)
        self.qr = qr_matrix(qr_payload(sheet, self.digest))
        p = sheet.patient
        name = esc(p.full_name) if p.full_name else "<i>name not recorded</i>"
        mrn = esc(number_alone(p.hospital_number)) if p.hospital_number else "not recorded"
        self.ids_para = para(
            f"Date of birth <b>{p.date_of_birth.isoformat()}</b> · "
            f"Hospital number (MRN) <b>{mrn}</b> · Study ID <b>{esc(p.study_id)}</b>",
            HEADER_TEXT)
        doc = sheet.document
        self.order_para = para(
            f"Order <b>{esc(doc.order_id)}</b> · {esc(doc.protocol_name)} protocol file "
            f"{esc(doc.protocol_version)} · Cycle {sheet.treatment.cycle} · "
            f"content SHA-256 {self.digest[:16]}… · state {esc(_state_word(sheet))}",
            SMALL)
        self.copy_para = None
        copy_lines = []
        if doc.file_copy:  # a file can be copied at will: it is never the original print
            copy_lines.append(f"FILE COPY — saved to a file {fmt_time(doc.printed_at)}; not the "
                              "original print")
        if doc.original_printed_at is not None:
            copy_lines.append(f"COPY — reprint; original printed {fmt_time(doc.original_printed_at)}")
        if copy_lines:
            self.copy_para = para("<br/>".join(copy_lines), ALERT_TEXT.clone(
                "copy", fontSize=9, leading=11))
        self.name_para = self._fitted_name(name)
        self.form_drawn = False
        self.height = max(MIN_HEADER_H, self._text_height() + 3 * mm)
        self.footer_para = para(
            f"{esc(doc.protocol_name)} · protocol file {esc(doc.protocol_version)} · "
            f"Interfant Desktop {esc(doc.app_version)} · order {esc(doc.order_id)} · "
            f"printed {fmt_time(doc.printed_at)}",
            style("footer", 6.5, textColor=MUTED))

    def _stack(self) -> list[Paragraph]:
        items = [self.name_para, self.ids_para, self.order_para]
        return items + ([self.copy_para] if self.copy_para is not None else [])

    def _text_height(self) -> float:
        return float(sum(f.wrap(HEADER_TEXT_W, PAGE_H)[1] + 1.5 for f in self._stack()))

    def _fitted_name(self, markup: str) -> Paragraph:
        """The patient name at the largest size (13 pt down to 8 pt) that fits two lines."""
        name = para(markup, HEADER_NAME)
        for size in (13, 11, 9.5, 8):
            name = para(markup, HEADER_NAME.clone(f"name{size}", fontSize=size,
                                                  leading=size * 1.2))
            if name.wrap(HEADER_TEXT_W, PAGE_H)[1] <= 2 * size * 1.2 + 0.1:
                return name
        return name

    def header(self, canvas: Canvas, _doc: BaseDocTemplate) -> None:
        """The header is the same on every page: drawn once as a form, then placed."""
        if not self.form_drawn:
            canvas.beginForm("header")
            self._draw_header(canvas)
            canvas.endForm()
            self.form_drawn = True
        canvas.doForm("header")

    def _draw_header(self, canvas: Canvas) -> None:
        canvas.saveState()
        top = PAGE_H - MARGIN
        y = top
        for flowable in self._stack():
            _, h = flowable.wrapOn(canvas, HEADER_TEXT_W, PAGE_H)
            y -= h + 1.5
            flowable.drawOn(canvas, MARGIN, y)
        _draw_qr(canvas, self.qr, PAGE_W - MARGIN - QR_SIZE, top - QR_SIZE, QR_SIZE)
        canvas.setStrokeColor(INK)
        canvas.setLineWidth(0.8)
        line_y = top - self.height + 1 * mm
        canvas.line(MARGIN, line_y, PAGE_W - MARGIN, line_y)
        if self.copy_para is not None:  # COPY on every page of a reprint or file, framed in red
            canvas.setStrokeColor(ALERT)
            canvas.setLineWidth(2)
            canvas.rect(MARGIN - 3 * mm, MARGIN - 4 * mm, CONTENT_W + 6 * mm,
                        PAGE_H - 2 * MARGIN + 7 * mm, stroke=1, fill=0)
        canvas.restoreState()

    def watermark(self, canvas: Canvas, _doc: BaseDocTemplate) -> None:
        if self.sheet.status.valid_for_administration:
            return
        canvas.saveState()
        canvas.setFillColor(ALERT, alpha=0.16)
        canvas.setFont(fonts.BOLD, 28)
        canvas.translate(PAGE_W / 2, PAGE_H / 2)
        canvas.rotate(54)
        canvas.drawCentredString(0, -10, HOLD_WATERMARK if self.sheet.status.hold else WATERMARK)
        canvas.restoreState()

    def footer(self, canvas: Canvas, page: int, pages: int) -> None:
        canvas.saveState()
        number_w = 24 * mm
        _, h = self.footer_para.wrapOn(canvas, CONTENT_W - number_w - 4 * mm, FOOTER_H)
        top = MARGIN + FOOTER_H - 2 * mm
        canvas.setStrokeColor(MUTED)
        canvas.setLineWidth(0.5)
        canvas.line(MARGIN, top + 1, PAGE_W - MARGIN, top + 1)
        self.footer_para.drawOn(canvas, MARGIN, top - h - 1)
        canvas.setFont(fonts.BOLD, 8)
        canvas.setFillColor(INK)
        canvas.drawRightString(PAGE_W - MARGIN, top - 9, f"Page {page} of {pages}")
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


def render_order_pdf(sheet: OrderSheet, digest: str | None = None) -> bytes:
    """The order sheet as PDF bytes (A4, all fonts embedded). ``digest``: its content hash
    when the caller has it (a stored order's, :func:`~.content_hash.stored_content_hash`)."""
    fonts.register_fonts()
    fmt_time(sheet.document.printed_at)  # refuse a print time without a time zone early
    furniture = _Furniture(sheet, digest)
    buffer = io.BytesIO()
    header_h = furniture.height
    doc = BaseDocTemplate(
        buffer, pagesize=(PAGE_W, PAGE_H), leftMargin=MARGIN, rightMargin=MARGIN,
        topMargin=MARGIN + header_h, bottomMargin=MARGIN + FOOTER_H,
        title=f"Blinatumomab order {sheet.document.order_id}",
        author="Interfant Desktop", subject="Interfant-21 blinatumomab infusion order",
        creator=f"Interfant Desktop {sheet.document.app_version}",
        initialFontName=fonts.REGULAR, initialFontSize=8.5, invariant=True,
    )
    frame = Frame(MARGIN, MARGIN + FOOTER_H, CONTENT_W, PAGE_H - 2 * MARGIN - header_h - FOOTER_H,
                  id="body", leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    doc.addPageTemplates([PageTemplate("order", frames=[frame], onPage=furniture.header,
                                       onPageEnd=furniture.watermark)])
    doc.build(build_story(sheet), canvasmaker=_numbered_canvas(furniture))
    return buffer.getvalue()
