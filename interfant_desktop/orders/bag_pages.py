"""The pages after the order: bag schedule, make-up of every bag, bag log, bag labels.

A pharmacist compounds each bag from the make-up table without another calculation; a
nurse hangs bag n at its hang time and records it in the bag log; the labels (on their
own label sheet) carry the patient's identifiers, the bag number, contents, rate, hang
and expiry time. Every number comes from the sheet (the engine computed it).
"""

from __future__ import annotations

from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, PageBreak, Spacer, Table

from interfant_desktop.orders import fonts
from interfant_desktop.orders.hospital_number import number_alone
from interfant_desktop.orders.ismp import duration, number, quantity
from interfant_desktop.orders.label_cell import LabelCell, LabelLine
from interfant_desktop.orders.layout import (
    ALERT,
    ALERT_SHADE,
    ALERT_TEXT,
    CELL,
    CONTENT_W,
    DOSE_SHADE,
    INK,
    MUTED,
    RULE_LINE,
    SECTION,
    SHADE,
    SMALL,
    alert_box,
    esc,
    fmt_local,
    grid,
    para,
    rule_markup,
)
from interfant_desktop.orders.model import BagPreparation, OrderSheet, ScheduledBag

#: Header rows as plain text (drawn directly: no paragraph to lay out on every page).
HEAD_STYLE: tuple[tuple[Any, ...], ...] = (("FONT", (0, 0), (-1, 0), fonts.REGULAR, 6.8),
                                           ("LEADING", (0, 0), (-1, 0), 8),
                                           ("TEXTCOLOR", (0, 0), (-1, 0), MUTED))
DILUTION_TEXT = "prepare by intermediate dilution per local pharmacy procedure"


def _hm(bag: ScheduledBag) -> tuple[str, str]:
    return (f"{bag.hang:%Y-%m-%d %a} {bag.hang:%H:%M}", f"{bag.ends:%Y-%m-%d %a} {bag.ends:%H:%M}")


def hours_cell(hours: float) -> str:
    """``24`` (hours), or ``4 h`` over ``40 min`` (two lines: the column is narrow) for a
    bag that ends on a part of an hour."""
    return str(hours) if isinstance(hours, int) else duration(hours).replace(" h ", " h\n")


def hours_words(hours: float) -> str:
    """``24 hours``, or ``4 h 40 min``."""
    return f"{hours} {'hour' if hours == 1 else 'hours'}" if isinstance(hours, int) else duration(hours)


def _days(bag: ScheduledBag) -> str:
    """``day 7`` or ``days 1–2``: the treatment days a bag covers."""
    if bag.last_day > bag.first_day:
        return f"days {bag.first_day}–{bag.last_day}"
    return f"day {bag.first_day}"


def preparation_flowables(sheet: OrderSheet) -> list[Flowable]:
    """The reconstitution text, the site-verification banner and the dilution flag."""
    prep = sheet.drug.preparation
    out: list[Flowable] = []
    if prep is None:
        return out
    if not prep.verified:
        out.append(alert_box([[para(f"<b>{esc(prep.status_text.upper())}</b>: the label's bag "
                                    "composition below is printed as transcribed; the site's "
                                    "pharmacist has not confirmed it against the current label "
                                    "in the app.", ALERT_TEXT)]], [CONTENT_W]))
    else:
        out.append(para(f"<b>{esc(prep.status_text)}</b>", CELL))
    out.append(para(_reconstitution(prep), CELL))
    dilution = [b.number for b in sheet.drug.bags if b.make_up.intermediate_dilution]
    if dilution:
        out.append(alert_box([[para(
            f"<b>INTERMEDIATE DILUTION</b> for bag{'s' if len(dilution) > 1 else ''} "
            f"{_numbers(dilution)}: the drug volume is below the site's minimum measurable "
            f"volume of {quantity(prep.minimum_measurable_ml, 'mL')}; {DILUTION_TEXT}. The bag "
            "must contain the mcg given in the column \"mcg in bag\".", ALERT_TEXT)]],
            [CONTENT_W]))
    if prep.rule is not None:
        out.append(para(rule_markup(prep.rule), SMALL))
    return out


def _reconstitution(prep: BagPreparation) -> str:
    return (f"Reconstitute one {quantity(prep.vial_mcg, 'mcg')} vial with "
            f"{quantity(prep.water_ml, 'mL')} preservative-free sterile water for injection "
            f"({number(prep.mcg_per_ml)} mcg/mL; one vial gives {quantity(prep.vial_mcg, 'mcg')} in "
            f"{quantity(prep.vial_drug_ml, 'mL')}). <b>Never reconstitute with the IV Solution "
            "Stabilizer (IVSS).</b> Bag: add to the empty bag "
            f"{quantity(prep.sodium_chloride_ml, 'mL')} 0.9 % sodium chloride, then "
            f"{quantity(prep.ivss_ml, 'mL')} IVSS (coats the bag), then the reconstituted drug. "
            "The bag holds more than is infused (priming and residual): infuse the volume given; "
            "discard the rest.")


def _numbers(values: list[int]) -> str:
    """``1–7, 9`` for runs of consecutive bag numbers."""
    runs: list[list[int]] = []
    for v in values:
        if runs and v == runs[-1][-1] + 1:
            runs[-1].append(v)
        else:
            runs.append([v])
    return ", ".join(f"{r[0]}–{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs)


def bag_numbers(sheet: OrderSheet) -> str:
    """``bags 2–29`` (or ``bag 5``): the numbers of this order's bags in the course."""
    bags = sheet.drug.bags
    if len(bags) == 1:
        return f"bag {bags[0].number}"
    return f"bags {bags[0].number}–{bags[-1].number}"


def course_note(sheet: OrderSheet) -> str | None:
    """On a restart order: its bags go on from the course's numbering (None otherwise), so a
    nurse never meets two bags of one cycle with the same number."""
    restart = sheet.treatment.restart
    if restart is None or not sheet.drug.bags:
        return None
    before = ("bag 1 was hung from the earlier order of this cycle" if restart.bags_before == 1
              else f"bags 1–{restart.bags_before} were hung from the earlier orders of this cycle")
    return (f"RESTART ORDER: this order's bags are numbered on from the course: "
            f"{bag_numbers(sheet)}; {before}")


def ends_text(sheet: OrderSheet) -> str:
    """When the infusion ends and why then: 672 hours after the start, or, on a restart
    order, the hours that remained at the restart."""
    t = sheet.treatment
    assert t.ends_at is not None
    if t.restart is None:
        return f"the infusion ends <b>{fmt_local(t.ends_at)}</b> (672 hours after the start)"
    r = t.restart
    return (f"the infusion ends <b>{fmt_local(t.ends_at)}</b> ({duration(r.hours_remaining)} after "
            f"the restart: {duration(r.hours_given_before)} of the 672 hours were given before the "
            "stop)")


def schedule_table(sheet: OrderSheet) -> Table:
    """The numbered bag schedule: hang and end time, hours, days, dose, mcg, rate, volume."""
    head = ["Bag", "Hang (local time)", "Take down (local time)", "Hours", "Days",
            "Dose\n(mcg/day)", "mcg to\ninfuse", "Rate\n(mL/h)", "Infuse (mL)"]
    rows: list[list[Any]] = [head]
    dec = sheet.drug.dose_decimals
    shaded: list[tuple[Any, ...]] = []
    for i, bag in enumerate(sheet.drug.bags, start=1):
        hang, ends = _hm(bag)
        days = _days(bag).split(" ", 1)[1]
        rows.append([str(bag.number), hang, ends, hours_cell(bag.hours), days,
                     number(bag.dose_mcg_per_day, dec), number(bag.mcg_to_infuse, dec),
                     number(bag.rate_ml_per_h), number(bag.make_up.infused_ml)])
        if bag.hours != sheet.drug.bag.hours:
            shaded.append(("BACKGROUND", (0, i), (-1, i), SHADE))
    widths = [10 * mm, 34 * mm, 34 * mm, 12 * mm, 14 * mm, 22 * mm, 22 * mm, 18 * mm]
    widths.append(CONTENT_W - sum(widths))
    return grid(rows, widths, header=True, font_size=8,
                extra=[*HEAD_STYLE, ("FONT", (0, 1), (0, -1), fonts.BOLD, 8),
                       ("FONT", (6, 1), (6, -1), fonts.BOLD, 8),
                       ("BACKGROUND", (6, 1), (6, -1), DOSE_SHADE), *shaded])


def make_up_table(sheet: OrderSheet) -> Table:
    """The make-up of every bag, with a prepared-by / checked-by block per bag."""
    head = ["Bag", "0.9 % NaCl\n(mL)", "IVSS\n(mL)", "Reconstituted\nblinatumomab (mL)",
            "Vials", "mcg in\nbag", "Prepared /\ninfused (mL)", "Discard\n(mL)", "mcg/mL",
            "Prepared by\n(pharmacy)", "Checked by\n(pharmacy)"]
    rows: list[list[Any]] = [head]
    extra: list[tuple[Any, ...]] = [*HEAD_STYLE, ("FONT", (0, 1), (0, -1), fonts.BOLD, 7.5),
                                    ("FONT", (5, 1), (5, -1), fonts.BOLD, 7.5),
                                    ("BACKGROUND", (5, 1), (5, -1), DOSE_SHADE),
                                    ("INNERGRID", (9, 0), (10, -1), 0.4, RULE_LINE),
                                    ("BOX", (9, 0), (10, -1), 0.4, RULE_LINE)]
    for i, bag in enumerate(sheet.drug.bags, start=1):
        m = bag.make_up
        if m.intermediate_dilution or m.reconstituted_ml is None:
            drug: Any = para(f"<b>INTERMEDIATE DILUTION</b><br/>calculated "
                             f"{number(m.drug_ml_calculated, 4)} mL", ALERT_TEXT.clone(
                                 "dil", fontSize=6.5, leading=7.8))
            extra.append(("BACKGROUND", (3, i), (3, i), ALERT_SHADE))
        else:
            drug = number(m.reconstituted_ml)
        rows.append([str(bag.number), number(m.sodium_chloride_ml), number(m.ivss_ml), drug,
                     str(m.vials), number(m.mcg_in_bag), f"{number(m.prepared_ml)} / "
                     f"{number(m.infused_ml)}", number(m.discarded_ml),
                     number(m.concentration_mcg_per_ml, 5), "", ""])
    widths = [9 * mm, 15 * mm, 11 * mm, 27 * mm, 9 * mm, 13 * mm, 22 * mm, 12 * mm, 14 * mm]
    rest = CONTENT_W - sum(widths)
    widths += [rest / 2, rest / 2]
    table = grid(rows, widths, header=True, font_size=7.5, extra=extra)
    return table


def bag_log_table(sheet: OrderSheet) -> Table:
    """One row per bag for the two nurses at the bedside."""
    head = ["Bag", "Planned hang", "Planned rate\nand volume", "Hung at\n(date, time)",
            "Nurse 1\n(sign)", "Nurse 2\n(sign)", "Pump rate\nchecked\n(mL/h)",
            "Volume\nchecked\n(mL)", "Removed at\n(date, time)", "Volume\ninfused\n(mL)"]
    rows: list[list[Any]] = [head]
    for bag in sheet.drug.bags:
        hang, _ = _hm(bag)
        rows.append([str(bag.number), hang.replace(" ", "\n", 1),
                     f"{number(bag.rate_ml_per_h)} mL/h\n{number(bag.make_up.infused_ml)} mL, "
                     f"{duration(bag.hours)}", "", "", "", "", "", "", ""])
    widths = [9 * mm, 21 * mm, 21 * mm, 22 * mm, 20 * mm, 20 * mm, 17 * mm, 17 * mm, 22 * mm]
    widths.append(CONTENT_W - sum(widths))
    return grid(rows, widths, header=True, font_size=7.5,
                extra=[*HEAD_STYLE, ("GRID", (0, 0), (-1, -1), 0.4, RULE_LINE),
                       ("FONT", (0, 1), (0, -1), fonts.BOLD, 9),
                       ("TOPPADDING", (0, 1), (-1, -1), 2.5),
                       ("BOTTOMPADDING", (0, 1), (-1, -1), 2.5)])


LABEL_W = CONTENT_W / 2 - 2 * mm


def _label(sheet: OrderSheet, bag: ScheduledBag, total: int) -> LabelCell:
    """Patient identifiers, bag number, contents, rate, hang and expiry time."""
    p = sheet.patient
    m = bag.make_up
    prep = sheet.drug.preparation
    dec = sheet.drug.dose_decimals
    if m.intermediate_dilution or m.reconstituted_ml is None:
        drug = f"blinatumomab {quantity(m.mcg_in_bag, 'mcg')} (by intermediate dilution)"
    else:
        drug = (f"blinatumomab {quantity(m.mcg_in_bag, 'mcg')} "
                f"({quantity(m.reconstituted_ml, 'mL')} reconstituted)")
    hang, ends = _hm(bag)
    mrn = number_alone(p.hospital_number) if p.hospital_number else "not recorded"
    lines = [
        LabelLine(f"BAG {bag.number} of {total} — "
                  f"{'restart ' if sheet.treatment.restart else ''}order {sheet.document.order_id}",
                  9, True),
        LabelLine(p.full_name or "name not recorded", 9),
        LabelLine(f"DOB {p.date_of_birth.isoformat()} · MRN {mrn} · Study ID {p.study_id}"),
        LabelLine(f"{drug} + {quantity(m.ivss_ml, 'mL')} IV Solution Stabilizer in "
                  f"{quantity(m.sodium_chloride_ml, 'mL')} 0.9 % sodium chloride; total "
                  f"{quantity(m.prepared_ml, 'mL')}, {number(m.concentration_mcg_per_ml, 5)} mcg/mL"),
        LabelLine(f"Infuse {quantity(bag.mcg_to_infuse, 'mcg', dec)} = "
                  f"{quantity(m.infused_ml, 'mL')} at {quantity(bag.rate_ml_per_h, 'mL/h')} over "
                  f"{hours_words(bag.hours)}", 7.5, True),
        LabelLine(f"{_days(bag)}, "
                  f"{quantity(bag.dose_mcg_per_day, 'mcg/day', dec)}; continuous IV; do not flush"),
        LabelLine(f"Hang {hang} · expires / take down {ends}", 7.5, True),
    ]
    if prep is not None and not prep.verified:
        lines.append(LabelLine(prep.status_text, 7, True, ALERT))
    lines.append(LabelLine("Prepared by ________  Checked by ________", 7, False, MUTED))
    return LabelCell(lines, LABEL_W, frame=INK)


def label_sheet(sheet: OrderSheet) -> list[Flowable]:
    """Bag labels, two per row, on their own pages (the label sheet); a page break falls
    between rows of labels, never inside a label."""
    bags = sheet.drug.bags
    # "of" the last number: on a restart order the numbers go on from the course's.
    labels: list[Any] = [_label(sheet, bag, bags[-1].number) for bag in bags]
    if len(labels) % 2:
        labels.append("")
    out: list[Flowable] = [PageBreak(), para("Bag label sheet — one label per bag; cut along "
                                             "the frames and attach to the bag", SECTION)]
    for first in range(0, len(labels), 2):
        row = Table([labels[first:first + 2]], colWidths=[CONTENT_W / 2] * 2, hAlign="LEFT")
        row.setStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("FONT", (0, 0), (-1, -1), fonts.REGULAR, 8),
                      ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                      ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 0)])
        out += [row, Spacer(1, 3 * mm)]
    return out


def bag_pages(sheet: OrderSheet) -> list[Flowable]:
    """Schedule with make-up, bag log and label sheet (empty without a bag schedule)."""
    if not sheet.drug.bags:
        return []
    t = sheet.treatment
    out: list[Flowable] = [PageBreak(), para("9  Bag schedule and make-up of every bag", SECTION)]
    if t.start_at and t.ends_at:
        what = "Restart" if t.restart is not None else "Start"
        out.append(para(f"{what} <b>{fmt_local(t.start_at)}</b>; {ends_text(sheet)}. Times are "
                        "local wall-clock times. A bag never crosses a dose change or the end of "
                        "the cycle; shaded rows are shorter bags.", CELL))
    note = course_note(sheet)
    if note is not None:
        out.append(alert_box([[para(f"<b>{esc(note)}</b>", ALERT_TEXT)]], [CONTENT_W]))
    if t.daylight_saving_note:
        out.append(alert_box([[para(f"<b>Daylight saving:</b> {esc(t.daylight_saving_note)}",
                                    ALERT_TEXT)]], [CONTENT_W]))
    out += [Spacer(1, 2), schedule_table(sheet), Spacer(1, 4),
            CondPageBreak(60 * mm),
            para("10  Make-up of every bag (pharmacy)", SECTION), *preparation_flowables(sheet),
            Spacer(1, 2), make_up_table(sheet),
            PageBreak(),
            para("11  Bag log — two nurses at the bedside, one row per bag", SECTION),
            para("Check before hanging: patient identity (two identifiers), bag number, drug, "
                 "mcg, rate, volume, pump locked, 0.2 micron filter. Never flush the line."
                 + (f" <b>{esc(note)}.</b>" if note else ""), SMALL),
            Spacer(1, 2), bag_log_table(sheet)]
    out += label_sheet(sheet)
    return out

