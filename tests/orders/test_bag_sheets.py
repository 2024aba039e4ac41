"""The order read back as a pharmacist and a nurse would use it (issue 13's ten findings).

Each variant goes through the engine and the order service with the longest identifiers
the schema allows (name 200, MRN 64, study ID 64) in another script, is rendered, and is
read back with pdfplumber: the ADMINISTER panel, the numbered bag schedule, the make-up
of every bag, the bag log, the labels, the patient's own doses, the premedication dates,
the stop as the end of the infusion; no two words overlap on any page; the name has one
weight in every script; the QR code decodes from a 100 dpi rendering.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from reportlab.pdfgen.canvas import Canvas

from interfant_desktop.orders import OrderSheet, OrderStatus, Signature, qr_payload, render_order_pdf
from interfant_desktop.orders.ismp import number
from interfant_desktop.protocol import evaluate, load_protocol, parse_case
from interfant_desktop.services.order_sheet import OrderNotPossible, build_order_sheet
from tests.orders.cases import case
from tests.orders.pdftext import font_descriptors, overlapping_text, overlaps, read_back

AMS = ZoneInfo("Europe/Amsterdam")
TODAY = dt.date(2026, 11, 20)
PRINTED = dt.datetime(2026, 5, 18, 16, 30, tzinfo=AMS)
SIGNED = OrderStatus("verified", Signature("Dr Fictitious Vos (doc)", PRINTED, "doc"),
                     Signature("Pharmacist Fictitious Olsen (pharma)",
                               PRINTED + dt.timedelta(minutes=25), "pharma"))

#: The longest identifiers the case schema allows, in four scripts (fictitious).
NAMES = {
    "latin": ("Zoë Łucja Søren Ægidius-Wiśniewska Þórsdóttir " * 5)[:200],
    "greek": ("Ελένη Παπαδοπούλου Αικατερίνη " * 7)[:200],
    "cyrillic": ("Анна Иванова Ёлкина-Щербакова " * 7)[:200],
    "japanese": ("山田 さくら 佐々木 ひなた " * 16)[:200],
}
MRN = ("MRN-ÅØ-0099001-Ωж-" * 4)[:64]
STUDY = ("NL-ÉΣЖ-さくら-0042-" * 4)[:64]

#: (marrow, cycle, weight kg, height cm, bag hours, script)
VARIANTS = [
    ("M1", 1, 2.5, 47.0, 24, "japanese"), ("M1", 1, 2.5, 47.0, 48, "latin"),
    ("M2", 1, 4.0, 55.5, 24, "greek"), ("M2", 1, 4.0, 55.5, 48, "cyrillic"),
    ("M3", 1, 6.4, 64.0, 24, "latin"), ("M3", 1, 6.4, 64.0, 48, "japanese"),
    ("M1", 2, 20.0, 100.0, 24, "cyrillic"), ("M1", 2, 20.0, 100.0, 48, "greek"),
]


def variant_case(marrow: str, cycle: int, weight: float, height: float, hours: int,
                 script: str, start_date: str | None = None) -> dict[str, Any]:
    data = case(marrow, cycle2=cycle == 2, name=NAMES[script])
    data["patient"].update(hospital_number=MRN, study_id=STUDY)
    entry = next(c for c in data["blinatumomab"] if c["cycle"] == cycle)
    entry.update(weight_kg=weight, height_cm=height, start_time="09:30", bag_hours=hours)
    if start_date:
        entry["start_date"] = start_date
    return data


def built(data: dict[str, Any], cycle: int, status: OrderStatus = SIGNED) -> tuple[
        OrderSheet, dict[str, Any]]:
    protocol = load_protocol()
    parsed = parse_case(data, protocol, TODAY)
    evaluation = evaluate(parsed, protocol, TODAY)
    sheet = build_order_sheet(parsed, evaluation, cycle, order_id="ORD-00000042",
                              printed_at=PRINTED, status=status, time_zone=AMS)
    engine = next(o for o in evaluation.to_json()["blinatumomab_orders"] if o["cycle"] == cycle)
    return sheet, engine


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def local(iso: str) -> str:
    moment = dt.datetime.fromisoformat(iso)
    return f"{moment.date().isoformat()} ({moment:%a}) {moment:%H:%M}"


def short(iso: str) -> str:
    moment = dt.datetime.fromisoformat(iso)
    return f"{moment:%Y-%m-%d %a} {moment:%H:%M}"


@pytest.fixture(scope="module", params=VARIANTS, ids=lambda v: f"{v[0]}-c{v[1]}-{v[2]}kg-{v[4]}h")
def variant(request: pytest.FixtureRequest) -> dict[str, Any]:
    marrow, cycle, weight, height, hours, script = request.param
    sheet, engine = built(variant_case(marrow, cycle, weight, height, hours, script), cycle)
    pdf = render_order_pdf(sheet)
    texts, words = read_back(pdf)
    return {"sheet": sheet, "engine": engine, "pdf": pdf, "texts": texts, "words": words,
            "text": squash("\n".join(texts)), "lines": [ln for t in texts for ln in t.split("\n")],
            "script": script, "hours": hours, "cycle": cycle, "marrow": marrow}


def test_administer_panel_at_the_top_in_large_print(variant: dict[str, Any]) -> None:
    engine, page1 = variant["engine"], squash(variant["texts"][0])
    administer = page1[page1.index("ADMINISTER"):page1.index("Basis of this order")]
    assert administer.index("ADMINISTER") < page1.index("Basis of this order")
    assert "blinatumomab" in administer and "continuous IV infusion" in administer
    for step in engine["steps"]:
        first = next(b for b in engine["bags"] if b["first_day"] == step["first_day"])
        for phrase in (f"Days {step['first_day']}–{step['last_day']}",
                       f"{number(step['dose_mcg_per_day'])} mcg/day",
                       f"{number(first['mcg_to_infuse'])} mcg", f"per {first['hours']}-hour bag",
                       f"{number(first['rate_ml_per_h'])} mL/h",
                       f"{number(first['infused_ml'])} mL"):
            assert phrase in administer, phrase
    assert f"{len(engine['bags'])} bags; bag 1 hung {local(engine['bags'][0]['hang'])}" in administer
    big = [w for w in variant["words"][0] if w["text"] == "mcg/day" and w["size"] >= 10]
    assert len(big) >= len(engine["steps"])  # the dose is 10–12 pt, not body size


def test_every_bag_in_the_schedule_with_its_numbers(variant: dict[str, Any]) -> None:
    engine, lines = variant["engine"], variant["lines"]
    assert sum(b["hours"] for b in engine["bags"]) == 672
    for bag in engine["bags"]:
        days = (f"{bag['first_day']}–{bag['last_day']}" if bag["last_day"] > bag["first_day"]
                else str(bag["first_day"]))
        row = (f"{bag['number']} {short(bag['hang'])} {short(bag['ends'])} {bag['hours']} {days} "
               f"{number(bag['dose_mcg_per_day'])} {number(bag['mcg_to_infuse'])} "
               f"{number(bag['rate_ml_per_h'])} {number(bag['infused_ml'])}")
        assert row in lines, row
    assert f"the infusion ends {local(engine['ends_at'])} (672 hours after the start)" in \
        variant["text"]


def test_make_up_of_every_bag(variant: dict[str, Any]) -> None:
    engine, lines, text = variant["engine"], variant["lines"], variant["text"]
    for bag in engine["bags"]:
        tail = (f"{bag['vials']} {number(bag['mcg_in_bag'])} {number(bag['prepared_ml'])} / "
                f"{number(bag['infused_ml'])} {number(bag['discarded_ml'])} "
                f"{number(bag['concentration_mcg_per_ml'], 5)}")
        if bag["intermediate_dilution"]:
            assert bag["reconstituted_ml"] is None
            row = f"{bag['number']} 270 5.5 INTERMEDIATE DILUTION {tail}"
        else:
            row = f"{bag['number']} 270 5.5 {number(bag['reconstituted_ml'])} {tail}"
        assert row in lines, row
    assert "PREPARATION FIGURES NOT YET VERIFIED AT THIS SITE" in text
    assert "Reconstitute one 35 mcg vial with 3 mL preservative-free sterile water" in text
    assert "Never reconstitute with the IV Solution Stabilizer (IVSS)" in text
    assert "Prepared by" in text and "Checked by" in text and "(pharmacy)" in text
    if any(b["intermediate_dilution"] for b in engine["bags"]):
        assert "prepare by intermediate dilution per local pharmacy procedure" in text


def test_bag_log_and_labels_for_every_bag(variant: dict[str, Any]) -> None:
    engine, text, texts = variant["engine"], variant["text"], variant["texts"]
    first_log = next(i for i, t in enumerate(texts) if "11 Bag log" in t)
    first_label = next(i for i, t in enumerate(texts) if "Bag label sheet" in t)
    log = squash(" ".join(texts[first_log:first_label]))
    for head in ("Hung at", "Nurse 1", "Nurse 2", "Pump rate", "Volume", "checked",
                 "Removed at", "infused"):
        assert head in log, head
    for bag in engine["bags"]:
        rate = f"{number(bag['rate_ml_per_h'])} mL/h"
        assert f"{bag['number']} {short(bag['hang']).split()[0]} {rate}" in log
    label_pages = [squash(t) for t in texts[first_label:]]
    assert all("11 Bag log" not in t for t in texts[first_label:])  # labels on their own sheet
    total = len(engine["bags"])
    for bag in engine["bags"]:
        assert f"BAG {bag['number']} of {total} — order ORD-00000042" in " ".join(label_pages)
    assert text.count("expires / take down") == total


def test_doses_for_this_patient_in_mg_and_mcg(variant: dict[str, Any]) -> None:
    engine, text = variant["engine"], variant["text"]
    doses = engine["patient_doses"]
    dex = doses["crs_dexamethasone"]["dose_mg"]
    restart = doses["restart"]["dose_mcg_per_day"]
    assert f"dexamethasone {number(dex, 1)} mg for this patient (5 mg/m², maximum 8 mg" in text
    assert f"blinatumomab {number(restart)} mcg/day for this patient (5 mcg/m²/day" in text
    fluid = engine["daily_fluid_ml_per_kg"]
    assert f"{number(fluid)} mL/kg/day" in text
    if engine["fluid_load"]["above_limit"]:
        assert "ABOVE THE LIMIT" in text


def test_premedication_route_window_and_dates(variant: dict[str, Any]) -> None:
    engine, text = variant["engine"], variant["text"]
    premed = engine["premedication"]
    assert f"dexamethasone {number(premed['dose_mg'], 1)} mg IV" in text
    assert "within the 60 minutes before the bag is hung" in text
    if variant["cycle"] == 1:
        assert f"{local(engine['bags'][0]['hang'])}: before the first dose of cycle 1" in text
    if variant["marrow"] in ("M2", "M3") and variant["cycle"] == 1:
        day8 = next(b for b in engine["bags"] if b["first_day"] == 8)
        assert f"{local(day8['hang'])}: before the step-up dose on day 8" in text


def test_no_two_words_overlap_on_any_page(variant: dict[str, Any]) -> None:
    found = [(n, pair) for n, words in enumerate(variant["words"], start=1)
             for pair in overlaps(words)]
    assert not found, found[:10]


def test_identifiers_on_every_page_and_name_in_one_weight(variant: dict[str, Any]) -> None:
    name = NAMES[variant["script"]]
    for page, words in zip(variant["texts"], variant["words"], strict=True):
        flat = squash(page).replace(" ", "")
        assert name.replace(" ", "") in flat and MRN in flat and STUDY in flat
        header = [w for w in words if w["top"] < 60 and w["text"] in name]
        assert header and not any("Bold" in w["fontname"] for w in header)


def test_fonts_embedded(variant: dict[str, Any]) -> None:
    for font in font_descriptors(variant["pdf"]):
        assert "Helvetica" not in font["name"] and "Times" not in font["name"], font
        if font["subtype"] != "/Type0":
            assert font["files"], f"{font['name']} is not embedded"


@pytest.mark.skipif(shutil.which("zbarimg") is None or shutil.which("pdftoppm") is None,
                    reason="zbarimg (zbar-tools) and pdftoppm (poppler-utils) are test packages")
def test_qr_decodes_from_a_100_dpi_scan(variant: dict[str, Any], tmp_path: Path) -> None:
    (tmp_path / "order.pdf").write_bytes(variant["pdf"])
    last = len(variant["texts"])
    for page in (1, last):
        subprocess.run(["pdftoppm", "-r", "100", "-gray", "-png", "-f", str(page), "-l", str(page),
                        "-singlefile", str(tmp_path / "order.pdf"), str(tmp_path / f"p{page}")],
                       check=True)
        out = subprocess.run(["zbarimg", "-q", "--raw", str(tmp_path / f"p{page}.png")],
                             capture_output=True, text=True, check=False)
        assert out.stdout.strip() == qr_payload(variant["sheet"])
    assert ";ST=VERIFIED;" in qr_payload(variant["sheet"])


def test_draft_and_verified_codes_differ() -> None:
    data = variant_case("M1", 1, 6.4, 64.0, 24, "latin")
    draft, _ = built(data, 1, OrderStatus())
    verified, _ = built(data, 1)
    assert qr_payload(draft) != qr_payload(verified)
    assert ";ST=DRAFT;" in qr_payload(draft) and "RX=" not in qr_payload(draft)
    assert "RX=doc@" in qr_payload(verified) and "RPH=pharma@" in qr_payload(verified)


def test_daylight_saving_change_inside_the_cycle_is_noted() -> None:
    # Europe/Amsterdam goes back to winter time on 2026-10-25 (cycle after diagnosis, D12).
    data = variant_case("M1", 1, 6.4, 64.0, 24, "latin", start_date="2026-10-10")
    data["mrd"] = [m for m in data["mrd"] if m["timepoint"] == "end_of_induction"]
    sheet, _ = built(data, 1)
    assert sheet.treatment.daylight_saving_note is not None
    text = squash("\n".join(read_back(render_order_pdf(sheet))[0]))
    assert "clock change falls inside this cycle (on 2026-10-25)" in text
    summer, _ = built(variant_case("M1", 1, 6.4, 64.0, 24, "latin"), 1)
    assert summer.treatment.daylight_saving_note is None


def test_intermediate_dilution_below_the_minimum_measurable_volume() -> None:
    sheet, engine = built(variant_case("M2", 1, 2.3, 47.0, 24, "latin"), 1)
    assert [b.make_up.intermediate_dilution for b in sheet.drug.bags[:8]] == [True] * 7 + [False]
    assert sheet.drug.bags[0].make_up.mcg_in_bag == engine["bags"][0]["mcg_in_bag"] == 1.0
    text = squash("\n".join(read_back(render_order_pdf(sheet))[0]))
    assert "INTERMEDIATE DILUTION for bags 1–7" in text


def test_48_hour_bag_never_gets_one_days_dose() -> None:
    sheet, _ = built(variant_case("M2", 1, 5.7, 61.0, 48, "latin"), 1)
    first = sheet.drug.bags[0]
    assert first.hours == 48 and first.mcg_to_infuse == 2 * first.dose_mcg_per_day


def test_no_start_time_no_order() -> None:
    data = variant_case("M1", 1, 6.4, 64.0, 24, "latin")
    del data["blinatumomab"][0]["start_time"]
    with pytest.raises(OrderNotPossible, match="no start time recorded"):
        built(data, 1)


def test_preparation_confirmed_prints_who_confirmed() -> None:
    data = variant_case("M1", 1, 6.4, 64.0, 24, "latin")
    protocol = load_protocol()
    parsed = parse_case(data, protocol, TODAY)
    sheet = build_order_sheet(parsed, evaluate(parsed, protocol, TODAY), 1, order_id="X",
                              printed_at=PRINTED, time_zone=AMS,
                              preparation_confirmed="preparation figures confirmed for this "
                                                    "site by P. Olsen on 2026-05-01")
    assert sheet.drug.preparation is not None and sheet.drug.preparation.verified
    text = squash("\n".join(read_back(render_order_pdf(sheet))[0]))
    assert "NOT YET VERIFIED" not in text and "not yet verified" not in text
    assert "confirmed for this site by P. Olsen" in text


def test_the_overlap_check_finds_overprinted_text() -> None:
    buffer = io.BytesIO()
    canvas = Canvas(buffer)
    canvas.drawString(72, 720, "Order ORD-00000042")
    canvas.drawString(100, 721, "printed 2026-05-18")
    canvas.showPage()
    canvas.save()
    assert overlapping_text(buffer.getvalue())


def test_reprint_says_copy_on_every_page() -> None:
    sheet, _ = built(variant_case("M2", 1, 4.0, 55.5, 48, "greek"), 1)
    reprint = dataclasses.replace(sheet, document=dataclasses.replace(
        sheet.document, original_printed_at=PRINTED - dt.timedelta(days=1)))
    texts, words = read_back(render_order_pdf(reprint))
    assert len(texts) > 3
    for page, page_words in zip(texts, words, strict=True):
        assert "COPY — reprint; original printed 2026-05-17 16:30 CEST" in squash(page)
        assert not overlaps(page_words)


def test_unspaced_cjk_name_wraps_inside_labels_and_header() -> None:
    data = variant_case("M1", 1, 6.4, 64.0, 48, "japanese")
    data["patient"]["name"] = ("山田さくら佐々木ひなた" * 20)[:200]  # no spaces at all
    sheet, _ = built(data, 1)
    texts, words = read_back(render_order_pdf(sheet))
    assert not [pair for page in words for pair in overlaps(page)]
    name = data["patient"]["name"]
    for page in texts:  # the full name in every page's header
        assert name in squash(page).replace(" ", "")
    first_label = next(i for i, t in enumerate(texts) if "Bag label sheet" in t)
    label_text = "".join(texts[first_label:]).replace(" ", "").replace("\n", "")
    # every label prints the whole name (its lines interleave with the label beside it)
    assert label_text.count("山") == name.count("山") * (len(sheet.drug.bags) + len(texts) - first_label)
    right_edge = max(w["x1"] for page in words for w in page)
    assert right_edge <= 595.3 - 12 * 72 / 25.4 + 0.5  # nothing runs past the right margin
