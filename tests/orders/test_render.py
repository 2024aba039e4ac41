"""The rendered PDF read back: every element, ISMP units, fonts, watermark, header, scripts."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import shutil
import subprocess

import pytest

from interfant_desktop.orders import (
    WATERMARK,
    Allergies,
    OrderSheet,
    content_hash,
    render_order_pdf,
)
from interfant_desktop.orders.ismp import forbidden_abbreviations
from tests.orders.pdftext import all_text, font_descriptors, page_texts, rotated_texts
from tests.orders.sheets import AMS, cycle2_sheet, m1_sheet, m2_sheet, signed, step


def squash(text: str) -> str:
    """Text with line breaks and runs of spaces collapsed, for phrase searches."""
    return re.sub(r"\s+", " ", text)


@pytest.fixture(scope="module")
def m1_pdf() -> bytes:
    return render_order_pdf(m1_sheet())


def test_m1_sheet_has_every_element(m1_pdf: bytes) -> None:
    text = squash(all_text(m1_pdf))
    expected = [
        # identifiers, allergies, diagnosis, risk with its rule, eligibility
        "Zoë van der Berg", "2025-11-03", "Hospital number (MRN) 0048213", "NL-0042",
        "No known allergies",
        "B-ALL, KMT2A rearranged (AFF1)", "MR (MR-low), final",
        "R-DX-MR (S1): Diagnosed > 6 months: MR", "eligibility: eligible",
        # cycle, phase and calendar
        "Cycle 1", "Blinatumomab cycle 1 (after induction)",
        "day 1 starts 2026-04-03 (Fri) 10:00", "day 28 = 2026-04-30 (Thu)",
        "the infusion ends 2026-05-01 (Fri) 10:00 (672 hours after the start)",
        # measurements and BSA
        "weight 6.4 kg measured 2026-04-01 (Wed)", "height 64 cm measured 2026-04-01 (Wed)",
        "0.338 m²", "Mosteller", "rounded to 3 decimals",
        # drug rows
        "blinatumomab", "Days 1–28", "2026-04-03 to 2026-04-30", "15 mcg/m²/day",
        "5.07 mcg/day", "limit 28 mcg/day", "M1",
        # infusion
        "continuous IV infusion", "24 hour bag", "rate 10 mL/h", "240 mL per bag",
        "37.5 mL/kg/day", "Change the bag every 24 hours",
        "programmable, lockable", "0.2 micron in-line filter", "Do NOT flush",
        # premedication
        "dexamethasone 1.7 mg", "5 mg/m², maximum 20 mg", "before the first dose of cycle 1",
        # monitoring with label thresholds
        "Cytokine release syndrome", "Neurological toxicity", "Grade 3", "Grade 4",
        "more than one seizure",
        # signatures and status
        "Prescriber", "Pharmacist", "Nurse 1", "Nurse 2", "Signature", "DRAFT",
        # document line
        "Interfant-21", "protocol file 2026.11-1", "Interfant Desktop 0.1.0", "ORD-2026-0001",
        "printed 2026-04-02 14:05 CEST (UTC+02:00)", "Page 1 of ",
        content_hash(m1_sheet())[:16],
    ]
    missing = [phrase for phrase in expected if phrase not in text]
    assert not missing, f"missing on the sheet: {missing}"
    assert "MRN MRN" not in text and "(MRN) MRN" not in text  # named once, as stored: the number


def test_units_follow_ismp(m1_pdf: bytes) -> None:
    text = all_text(m1_pdf)
    assert "mcg" in text
    assert forbidden_abbreviations(text) == []
    assert "µ" not in text and "μ" not in text
    assert not re.search(r"\d\.\d*0 (mcg|mg|mL|kg|cm|m²)", text), "trailing zero"
    assert not re.search(r"(?<![\d.])\.\d", text), "missing leading zero"
    assert not re.search(r"\d(mcg|mg|mL|kg|cm)\b", text), "no space before unit"


def test_m2_step_dosing_rows_and_day_8_premedication() -> None:
    text = squash(all_text(render_order_pdf(m2_sheet())))
    for phrase in ("Days 1–7", "2026-04-03 to 2026-04-09", "5 mcg/m²/day", "1.69 mcg/day",
                   "Days 8–28", "2026-04-10 to 2026-04-30", "15 mcg/m²/day", "5.07 mcg/day",
                   "M2", "R-DOSE-C1-STEP", "2 steps", "before the step-up dose on day 8",
                   "limit 9 mcg/day", "limit 28 mcg/day", "Łucja Wiśniewska"):
        assert phrase in text, phrase


def test_capped_step_prints_calculated_and_final_dose() -> None:
    base = m1_sheet()
    capped = dataclasses.replace(base, drug=dataclasses.replace(
        base.drug, steps=(step(1, 28, 15, 31.5, 28, 28),)))
    text = squash(all_text(render_order_pdf(capped)))
    assert "31.5 mcg/day" in text and "CAPPED at 28 mcg/day" in text


def test_cycle2_shows_weight_change_flag() -> None:
    text = squash(all_text(render_order_pdf(cycle2_sheet())))
    for phrase in ("cycle 2", "replaces MARMA", "day 1 starts 2026-07-01 (Wed) 10:00", "day 28 = 2026-07-28",
                   "WEIGHT CHANGE > 10 %", "15.6 %", "6.4 kg", "0.373 m²", "5.6 mcg/day"):
        assert phrase in text, phrase
    assert "Premedication" not in text  # this hand-made cycle 2 sheet has none


def test_draft_and_signed_have_the_watermark_and_only_verified_has_none() -> None:
    many = dataclasses.replace(m1_sheet(), warnings=tuple(
        f"Fictitious warning number {i} to force a second page." for i in range(60)))
    pdf = render_order_pdf(many)
    assert len(page_texts(pdf)) >= 2
    for rotated in rotated_texts(pdf):
        assert rotated.replace(" ", "") == WATERMARK.replace(" ", "")
    signed_pdf = render_order_pdf(signed(m1_sheet()))
    assert {r.replace(" ", "") for r in rotated_texts(signed_pdf)} == \
        {WATERMARK.replace(" ", "")}  # signed, not verified yet: a preview only, every page
    text = squash(all_text(signed_pdf))
    assert "SIGNED" in text and "Dr. A. Example" in text
    assert "awaiting" in text and "pharmacist verification" in text
    verified_pdf = render_order_pdf(signed(m1_sheet(), verified=True))
    assert all(r == "" for r in rotated_texts(verified_pdf))
    verified = squash(all_text(verified_pdf))
    assert "VERIFIED" in verified and "P. Pharmacist" in verified and "DRAFT" not in verified
    stale = dataclasses.replace(signed(m1_sheet(), verified=True), status=dataclasses.replace(
        signed(m1_sheet(), verified=True).status, stale="the protocol file changed"))
    stale_pdf = render_order_pdf(stale)
    assert {r.replace(" ", "") for r in rotated_texts(stale_pdf)} == \
        {WATERMARK.replace(" ", "")}
    stale_text = squash(all_text(stale_pdf))
    assert "STALE — the protocol file changed: make a new" in stale_text


def test_patient_header_and_page_numbers_on_every_page() -> None:
    many = dataclasses.replace(m1_sheet(), warnings=tuple(
        f"Fictitious warning number {i} to force more pages." for i in range(130)))
    pages = page_texts(render_order_pdf(many))
    assert len(pages) >= 3
    for number, text in enumerate(pages, start=1):
        flat = squash(text)
        for ident in ("Zoë van der Berg", "2025-11-03", "Hospital number (MRN) 0048213", "NL-0042",
                      "ORD-2026-0001"):
            assert ident in flat, (number, ident)
        assert f"Page {number} of {len(pages)}" in flat


def test_reprint_says_copy_with_original_time_and_keeps_the_hash() -> None:
    original = m1_sheet()
    reprint = dataclasses.replace(original, document=dataclasses.replace(
        original.document, printed_at=dt.datetime(2026, 4, 5, 9, 0, tzinfo=AMS),
        original_printed_at=original.document.printed_at))
    pages = [squash(t) for t in page_texts(render_order_pdf(reprint))]
    assert len(pages) > 3
    for text in pages:  # COPY on every page of a reprint
        assert "COPY — reprint; original printed 2026-04-02 14:05 CEST" in text
        assert "printed 2026-04-05 09:00" in text
    assert content_hash(reprint) == content_hash(original)
    assert "COPY" not in all_text(render_order_pdf(original))


@pytest.mark.parametrize("name", ["Zoë Łucja Søren", "Ελένη Παπαδοπούλου", "Анна Иванова",
                                  "山田 さくら"])
def test_names_in_any_script_extract_exactly(name: str) -> None:
    pdf = render_order_pdf(m1_sheet(name))
    assert name in all_text(pdf)


def test_patient_text_is_escaped_not_interpreted() -> None:
    hostile = "<b>Bold</b> & <font size=40>Big</font> O'Brien"
    text = squash(all_text(render_order_pdf(m1_sheet(hostile))))
    assert hostile in text


def test_only_embedded_truetype_fonts() -> None:
    pdf = render_order_pdf(m1_sheet("山田 さくら Zoë"))
    found = font_descriptors(pdf)
    names = {f["name"] for f in found}
    assert any("DejaVuSans" in n for n in names)
    assert any("DroidSansFallback" in n for n in names)
    for font in found:
        assert "Helvetica" not in font["name"] and "Times" not in font["name"], font
        assert "/FontFile2" in font["files"], font


@pytest.mark.skipif(shutil.which("pdffonts") is None, reason="poppler-utils not installed")
def test_pdffonts_lists_only_embedded_fonts(tmp_path: object) -> None:
    from pathlib import Path

    path = Path(str(tmp_path)) / "order.pdf"
    path.write_bytes(render_order_pdf(m1_sheet("Ελένη さくら")))
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True)
    rows = out.stdout.splitlines()[2:]
    assert rows
    for row in rows:
        assert row.split()[-5] == "yes", row  # the "emb" column


def test_allergies_not_recorded_and_listed() -> None:
    base = m1_sheet()
    unknown = dataclasses.replace(base, allergies=Allergies(recorded=False))
    assert "Allergies not recorded" in all_text(render_order_pdf(unknown))
    listed = dataclasses.replace(base, allergies=Allergies(True, ("penicillin",)))
    assert "ALLERGIES: penicillin" in all_text(render_order_pdf(listed))


def test_the_order_fits_two_pages_before_the_bag_pages() -> None:
    for sheet in (m1_sheet(), m2_sheet(), cycle2_sheet(), signed(m2_sheet(), verified=True)):
        pages = [squash(t) for t in page_texts(render_order_pdf(sheet))]
        first_bag_page = next(i for i, t in enumerate(pages) if "9 Bag schedule" in t)
        assert first_bag_page <= 2
        assert any("8 Signatures" in t for t in pages[:first_bag_page])


def test_print_time_must_carry_a_time_zone() -> None:
    base = m1_sheet()
    naive = dataclasses.replace(base, document=dataclasses.replace(
        base.document, printed_at=dt.datetime(2026, 4, 2, 14, 5)))
    with pytest.raises(ValueError, match="time zone"):
        render_order_pdf(naive)


def test_render_is_deterministic() -> None:
    sheet: OrderSheet = m2_sheet()
    assert render_order_pdf(sheet) == render_order_pdf(sheet)
