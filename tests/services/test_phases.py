"""Phase starts recorded as they happen (issue 12): stored, audited, corrected with a
reason or marked entered in error (never deleted); the engine's roadmap and next decision
follow them; the one-page treatment summary prints the path, the decisions and the MRD."""

from __future__ import annotations

import datetime as dt
import io
import itertools

import pdfplumber
import pytest
from sqlalchemy import select

from interfant_desktop.orders.treatment_summary import render_summary_pdf
from interfant_desktop.services import patients, phases, reviews, treatment_summary
from interfant_desktop.services.audit import verify_audit
from interfant_desktop.services.errors import ConflictError, InputError, PermissionDenied
from interfant_desktop.services.evaluation import evaluate_patient
from interfant_desktop.services.permissions import CurrentUser
from interfant_desktop.services.store_access import Store
from interfant_desktop.store.models import AuditEvent, PhaseStart
from tests.store.fixtures import fictitious_case


def _version(store: Store, user: CurrentUser, study_id: str) -> int:
    return patients.open_patient(store, user, study_id).version


def _mr_in_induction(study_id: str) -> dict[str, object]:
    """PUB-12's identity and diagnosis with a good prednisone response: MR, no later data."""
    case = fictitious_case(study_id)
    case["prednisone_response"] = {"date": "2026-04-27", "blasts_per_uL": 200}
    for key in ("end_of_induction", "mrd", "blinatumomab_checklist", "blinatumomab"):
        case.pop(key)
    return case


def _events(store: Store, study_id: str) -> list[AuditEvent]:
    with store.transaction() as session:
        return list(session.execute(select(AuditEvent).where(
            AuditEvent.entity == "phase_start", AuditEvent.study_id == study_id)
            .order_by(AuditEvent.seq)).scalars())


def test_recorded_starts_date_the_roadmap_and_the_next_decision(
        store: Store, users: dict[str, CurrentUser]) -> None:
    doc = users["doc"]
    patients.import_case(store, doc, _mr_in_induction("PH-1"))
    before = evaluate_patient(store, doc, "PH-1")
    assert before.current_phase == "induction"
    assert before.next_decision is not None and before.next_decision.expected is None

    phases.record_phase_start(store, doc, "PH-1", _version(store, doc, "PH-1"), "prephase",
                              dt.date(2026, 4, 20))
    view = phases.record_phase_start(store, doc, "PH-1", _version(store, doc, "PH-1"),
                                     "induction", dt.date(2026, 4, 27))
    assert (view.phase, view.start_date, view.recorded_by) == ("induction", dt.date(2026, 4, 27), "doc")
    ev = evaluate_patient(store, doc, "PH-1")
    road = {p.phase: p for p in ev.roadmap}
    assert road["prephase"].start_date == dt.date(2026, 4, 20) and road["prephase"].status == "done"
    assert road["induction"].start_date == dt.date(2026, 4, 27) and road["induction"].status == "current"
    nxt = ev.next_decision
    assert nxt is not None and nxt.point == "end_of_induction"
    # RULES.md gives "about day 33" without its origin: no date is guessed, and it says why.
    assert nxt.expected is None and "do not say from which day" in nxt.basis
    assert nxt.reason.rule == "R-PHASE-DATES"

    # Consolidation recorded: induction and blinatumomab cycle 1 are over by that record.
    phases.record_phase_start(store, doc, "PH-1", _version(store, doc, "PH-1"), "blinatumomab_1",
                              dt.date(2026, 5, 25))
    ev = evaluate_patient(store, doc, "PH-1")
    assert ev.current_phase == "blinatumomab_1"
    events = _events(store, "PH-1")
    assert [(e.action, e.field, e.new_value) for e in events][-1] == (
        "record", "phase_starts.blinatumomab_1", '"2026-05-25"')
    assert verify_audit(store, users["admin"]).ok


def test_prephase_start_gives_the_day_8_prednisone_decision(store: Store,
                                                          users: dict[str, CurrentUser]) -> None:
    doc = users["doc"]
    case = _mr_in_induction("PH-2")
    case.pop("prednisone_response")
    patients.import_case(store, doc, case)
    phases.record_phase_start(store, doc, "PH-2", _version(store, doc, "PH-2"), "prephase",
                              dt.date(2026, 4, 20))
    nxt = evaluate_patient(store, doc, "PH-2", today=dt.date(2026, 4, 22)).next_decision
    assert nxt is not None and nxt.point == "risk_at_diagnosis"
    assert nxt.expected == dt.date(2026, 4, 27) and not nxt.overdue  # day 8 (S3)
    late = evaluate_patient(store, doc, "PH-2", today=dt.date(2026, 4, 30)).next_decision
    assert late is not None and late.overdue


def test_correct_and_entered_in_error_need_a_reason_and_are_audited(
        store: Store, users: dict[str, CurrentUser]) -> None:
    doc = users["doc"]
    patients.import_case(store, doc, _mr_in_induction("PH-3"))
    start = phases.record_phase_start(store, doc, "PH-3", _version(store, doc, "PH-3"),
                                      "induction", dt.date(2026, 4, 28))
    with pytest.raises(InputError, match="reason"):
        phases.correct_phase_start(store, doc, "PH-3", start.patient_version, start.id,
                                   dt.date(2026, 4, 27), "  ")
    fixed = phases.correct_phase_start(store, doc, "PH-3", start.patient_version, start.id,
                                       dt.date(2026, 4, 27), "typed the day after")
    assert (fixed.start_date, fixed.corrected_by) == (dt.date(2026, 4, 27), "doc")
    with pytest.raises(ConflictError):  # an edit based on an older version is refused
        phases.mark_phase_start_in_error(store, doc, "PH-3", start.patient_version, start.id, "x")
    with pytest.raises(InputError, match="reason"):
        phases.mark_phase_start_in_error(store, doc, "PH-3", fixed.patient_version, start.id, "")
    phases.mark_phase_start_in_error(store, doc, "PH-3", fixed.patient_version, start.id,
                                     "wrong patient's chart")
    kept = phases.phase_starts(store, doc, "PH-3")
    assert [(k.phase, k.entered_in_error, k.error_reason) for k in kept] == [
        ("induction", True, "wrong patient's chart")]
    assert phases.live_starts(kept) == {}
    ev = evaluate_patient(store, doc, "PH-3")
    assert {p.phase: p.start_date for p in ev.roadmap}["induction"] is None
    events = [(e.action, e.old_value, e.new_value, e.reason) for e in _events(store, "PH-3")]
    assert events == [("record", None, '"2026-04-28"', None),
                      ("correct", '"2026-04-28"', '"2026-04-27"', "typed the day after"),
                      ("entered_in_error", '"2026-04-27"', None, "wrong patient's chart")]
    with store.transaction() as session:  # nothing deleted
        assert len(list(session.execute(select(PhaseStart)).scalars())) == 1
    # After an entry in error the phase can be recorded again.
    again = phases.record_phase_start(store, doc, "PH-3", _version(store, doc, "PH-3"),
                                      "induction", dt.date(2026, 4, 27))
    assert not again.entered_in_error


@pytest.mark.parametrize(("phase", "day", "problem"), [
    ("prephase", dt.date(2026, 4, 19), "before the diagnosis"),
    ("consolidation", dt.date.today() + dt.timedelta(days=3), "in the future"),
    ("hsct_2", dt.date(2026, 5, 1), "must be one of"),
    ("prephase", dt.date(2026, 4, 28), "after the start of Induction"),
])
def test_a_start_that_cannot_be_true_is_refused_naming_the_field(
        store: Store, users: dict[str, CurrentUser], phase: str, day: dt.date, problem: str) -> None:
    doc = users["doc"]
    patients.import_case(store, doc, _mr_in_induction("PH-4"))
    phases.record_phase_start(store, doc, "PH-4", _version(store, doc, "PH-4"), "induction",
                              dt.date(2026, 4, 27))
    with pytest.raises(InputError, match=problem) as info:
        phases.record_phase_start(store, doc, "PH-4", _version(store, doc, "PH-4"), phase, day)
    assert info.value.field in ("start_date", "phase")
    assert len(phases.phase_starts(store, doc, "PH-4")) == 1  # nothing half-saved


def test_one_start_per_phase_and_the_infusion_start_is_not_recorded_twice(
        store: Store, users: dict[str, CurrentUser]) -> None:
    doc = users["doc"]
    patients.import_case(store, doc, fictitious_case("PH-5"))  # cycle 1 started 2026-05-24
    with pytest.raises(InputError, match="Infusion page"):
        phases.record_phase_start(store, doc, "PH-5", _version(store, doc, "PH-5"),
                                  "blinatumomab_1", dt.date(2026, 5, 24))
    phases.record_phase_start(store, doc, "PH-5", _version(store, doc, "PH-5"), "induction",
                              dt.date(2026, 4, 27))
    with pytest.raises(InputError, match="already recorded"):
        phases.record_phase_start(store, doc, "PH-5", _version(store, doc, "PH-5"), "induction",
                                  dt.date(2026, 4, 28))
    road = {p.phase: p for p in evaluate_patient(store, doc, "PH-5").roadmap}
    assert road["blinatumomab_1"].start_date == dt.date(2026, 5, 24)  # from the infusion record


def test_only_clinical_roles_record_phase_starts(store: Store, users: dict[str, CurrentUser]) -> None:
    patients.import_case(store, users["doc"], _mr_in_induction("PH-6"))
    for who in ("nurse", "pharma", "dm", "admin"):
        with pytest.raises(PermissionDenied):
            phases.record_phase_start(store, users[who], "PH-6", _version(store, users["doc"], "PH-6"),
                                      "induction", dt.date(2026, 4, 27))
    assert phases.phase_starts(store, users["nurse"], "PH-6") == ()


def _no_overlap(page: pdfplumber.page.Page) -> None:
    words = page.extract_words(use_text_flow=False, keep_blank_chars=False)
    for a, b in itertools.combinations(words, 2):
        overlap_x = min(a["x1"], b["x1"]) - max(a["x0"], b["x0"])
        overlap_y = min(a["bottom"], b["bottom"]) - max(a["top"], b["top"])
        assert not (overlap_x > 0.5 and overlap_y > 0.5), (a["text"], b["text"])


def test_the_treatment_summary_prints_path_decisions_who_and_mrd(
        store: Store, users: dict[str, CurrentUser]) -> None:
    doc = users["doc"]
    case = fictitious_case("PH-7")
    case["diagnosis"]["wbc"] = {"value": 300, "unit": "10^9/L"}  # exactly 300: review (R-DX-WBC-BOUNDARY)
    case["prednisone_response"]["blasts_per_uL"] = 200
    patients.import_case(store, doc, case)
    item = next(q for q in evaluate_patient(store, doc, "PH-7").review if q.rule == "R-DX-WBC-BOUNDARY")
    reviews.decide_review(store, doc, "PH-7", _version(store, doc, "PH-7"), item.id, item.options[0],
                          "WBC 300 read as not above 300 (S1)")
    phases.record_phase_start(store, doc, "PH-7", _version(store, doc, "PH-7"), "prephase",
                              dt.date(2026, 4, 20))
    phases.record_phase_start(store, doc, "PH-7", _version(store, doc, "PH-7"), "induction",
                              dt.date(2026, 4, 27))
    printed = dt.datetime(2026, 7, 1, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    pdf = render_summary_pdf(
        treatment_summary.treatment_summary(store, doc, "PH-7", printed))
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        assert len(document.pages) == 1
        page = document.pages[0]
        text = page.extract_text()
        fonts = {c["fontname"] for c in page.chars}
        _no_overlap(page)
    assert all("DejaVu" in f for f in fonts), fonts  # embedded subsets, no Helvetica
    assert "TREATMENT SUMMARY" in text and "Zoë van der Berg" in text
    # the hospital number is stored alone ("0048213"): the sheet says what it is, once
    assert " · MRN 0048213 · " in text and "MRN MRN" not in text
    assert "Prednisone prephase" in text and "2026-04-20 (Mon)" in text and "2026-04-27 (Mon)" in text
    assert "Blinatumomab cycle 1" in text and "2026-05-24 (Sun)" in text
    # the clinician's decision: what, who, when, why
    assert "R-DX-WBC-BOUNDARY" in text and "doc," in text and "WBC 300 read as not above 300" in text
    # the MRD results in date order, with their values
    assert text.index("0.8 % (8×10⁻³)") < text.index("undetectable")
    assert "Next decision" in text


def test_producing_the_summary_is_audited(store: Store, users: dict[str, CurrentUser]) -> None:
    patients.import_case(store, users["doc"], fictitious_case("PH-8"))
    pdf = treatment_summary.summary_pdf(store, users["nurse"], "PH-8")
    assert pdf.startswith(b"%PDF")
    with store.transaction() as session:
        event = session.execute(select(AuditEvent).where(AuditEvent.action == "print_summary")).scalar_one()
    assert (event.username, event.study_id) == ("nurse", "PH-8")


@pytest.mark.parametrize(("change", "expected"), [
    ({"consent": None},
     "Eligibility incomplete: missing INC3 (Written informed consent of parent(s) / legal guardian)"),
    ({}, "Eligible for Interfant-21"),
])
def test_the_summary_states_eligibility_in_the_engines_words(
        store: Store, users: dict[str, CurrentUser], change: dict[str, object], expected: str) -> None:
    """The summary names each missing or failing criterion with its wording, exactly as the
    patient list and the engine do (``Standing.attention``), not as bare IDs."""
    doc = users["doc"]
    case = fictitious_case("PH-9")
    case["diagnosis"].update(change)
    patients.import_case(store, doc, case)
    summary = treatment_summary.treatment_summary(store, doc, "PH-9")
    attention = evaluate_patient(store, doc, "PH-9").standing.attention()
    assert summary.eligibility_text == (attention or "Eligible for Interfant-21") == expected
    with pdfplumber.open(io.BytesIO(render_summary_pdf(summary))) as document:
        text = " ".join(document.pages[0].extract_text().split())
    assert expected in text and "Eligibility: Eligib" not in text
    # a decision's status in words (HR from diagnosis: re-allocation does not apply)
    assert "not applicable" in text and "not_applica" not in text
