"""An ineligible or incomplete patient is shown as such everywhere (issue 12: the screen
must not mislead): banner with the criteria, list column, roadmap "if eligible", no "Now"."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from interfant_desktop.ui.pages.roadmap_page import RoadmapPage
from interfant_desktop.ui.patient_list_model import COLUMNS


def _column(name: str) -> int:
    return [key for key, _label in COLUMNS].index(name)


def _open_from_list(qtbot: Any, window: Any, study_id: str) -> Any:
    """Find the patient in the list and open it with a double click, as a clinician does."""
    page = window.list_page
    qtbot.keyClicks(page.search, study_id)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1
                    and page.model.row_at(0).study_id == study_id, timeout=3000)
    return window.open_patient(study_id)


def test_the_375_day_old_patient_is_flagged_in_the_list(qtbot: Any, window: Any) -> None:
    model = window.list_page.model
    rows = {model.row_at(r).study_id: r for r in range(model.rowCount())}
    for name in ("eligibility", "phase", "attention"):
        for row in rows.values():
            model.data(model.index(row, _column(name)))
    qtbot.waitUntil(lambda: not model.summaries_pending(), timeout=5000)
    trn04 = rows["TRN-04"]  # born 2025-01-10, diagnosed 2026-01-20: 375 days
    assert model.data(model.index(trn04, _column("eligibility"))) == "✖ NOT eligible"
    assert model.data(model.index(trn04, _column("phase"))) == "not on protocol"
    assert model.data(model.index(trn04, _column("risk"))) == "MR if eligible"
    attention = model.data(model.index(trn04, _column("attention")))
    assert "Ineligible: fails INC2 (≤ 365 days of age at diagnosis), EXC4 (Age > 365 days at diagnosis)" \
        in attention
    # TRN-05: KMT2A still pending, so eligibility is incomplete (and the list says so).
    assert model.data(model.index(rows["TRN-05"], _column("eligibility"))) == "… incomplete"
    assert "Eligibility incomplete: missing INC1 (Newly diagnosed" in model.data(
        model.index(rows["TRN-05"], _column("attention")))
    assert model.data(model.index(rows["TRN-01"], _column("eligibility"))) == "✔ eligible"


def test_ineligible_workspace_names_the_criteria_and_claims_no_phase(qtbot: Any, window: Any) -> None:
    ws = _open_from_list(qtbot, window, "TRN-04")
    banner = ws.standing_banner
    assert not banner.isVisible()  # the Eligibility page shows the criteria in full
    ws.steps.setCurrentRow(1)  # any other page carries the banner
    assert banner.isVisible()
    assert banner.banner.title() == "NOT ELIGIBLE for Interfant-21 — fails INC2, EXC4"
    detail = banner.banner.detail()
    protocol = ws.evaluation.protocol
    for rule_id in ("EXC4", "INC2"):
        rule = protocol.rule(rule_id)
        assert f"{rule_id} ({rule.source}): {rule.text} — age 375 days" in detail
    assert "WOULD APPLY IF ELIGIBLE" in detail
    header = ws.summary.text()
    assert "Risk: <b>MR if eligible</b> · Now: <b>none (ineligible)</b>" in header
    assert "Prednisone prephase" not in header

    # The roadmap page, reached with the step list, is the path "if eligible".
    ws.steps.setCurrentRow(ws.pages.index(ws.page(RoadmapPage)))
    roadmap = ws.page(RoadmapPage)
    assert roadmap.isVisible()
    assert roadmap.banner.title() == "NOT ON PROTOCOL — roadmap as it would apply if eligible"
    assert "NOW" not in roadmap.banner.title()
    assert roadmap.view.current_label is not None
    assert "would be current if eligible" in roadmap.view.current_label.text()
    assert "NOW" not in roadmap.view.current_label.text()


def test_incomplete_patient_has_a_provisional_phase(qtbot: Any, window: Any) -> None:
    ws = _open_from_list(qtbot, window, "TRN-05")
    standing = ws.evaluation.standing
    assert standing.status == "incomplete"
    ws.steps.setCurrentRow(1)
    assert ws.standing_banner.isVisible()
    assert ws.standing_banner.banner.title().startswith("ELIGIBILITY INCOMPLETE — not yet known: ")
    assert all(c.id in ws.standing_banner.banner.title() for c in standing.criteria)
    assert standing.current_phase == "prephase"
    assert "Now: <b>Prednisone prephase (if eligible)</b>" in ws.summary.text()


def test_eligible_patient_has_no_standing_banner(qtbot: Any, window: Any) -> None:
    ws = _open_from_list(qtbot, window, "TRN-01")
    assert ws.evaluation.standing.applies
    assert not ws.standing_banner.isVisible()
    assert "(if eligible)" not in ws.summary.text()
    qtbot.mouseClick(ws.back_button, Qt.MouseButton.LeftButton)


def test_risk_page_at_diagnosis_says_what_is_still_to_come(qtbot: Any, window: Any) -> None:
    from PySide6.QtWidgets import QFrame, QLabel

    from interfant_desktop.ui.pages.risk_page import RiskPage

    ws = _open_from_list(qtbot, window, "TRN-02")  # MR at diagnosis, nothing after it yet
    ws.steps.setCurrentRow(ws.pages.index(ws.page(RiskPage)))
    page = ws.page(RiskPage)
    text = page.at_diagnosis.text()
    assert "final" not in text
    assert "Settled so far: risk group at diagnosis: MR" in text
    assert "Still to come: end-of-induction re-allocation" in text
    assert "re-allocation after blinatumomab cycle 1" in text
    cards = [c for c in page.findChildren(QFrame, "Card")
             if c.accessibleName().startswith("Still to come: ")]
    rules = " ".join(c.accessibleDescription() for c in cards)
    for rule_id in ("R-EOI-MRD", "R-EOI-CR", "R-EOI-SPLIT", "R-B1-MRD"):
        assert rule_id in rules, rule_id
    texts = [label.text() for card in cards for label in card.findChildren(QLabel)]
    assert "Waits for: the end-of-induction MRD, the end-of-induction marrow (M1/M2/M3)" in texts
    assert not any("_" in t for t in texts), texts  # no internal names
    assert page.banner.title().endswith("so far; re-assessed at the points still to come")


def test_pending_risk_banner_names_what_is_still_needed_in_words(qtbot: Any, window: Any) -> None:
    from interfant_desktop.ui.pages.risk_page import RiskPage

    ws = _open_from_list(qtbot, window, "TRN-05")  # no prednisone response yet: pending
    page = ws.page(RiskPage)
    assert page.banner.title() == "RISK GROUP: pending"
    assert page.banner.detail() == "Still needed: prednisone response (day 8)"
    qtbot.mouseClick(ws.back_button, Qt.MouseButton.LeftButton)


def test_risk_page_once_every_point_is_past(qtbot: Any, window: Any) -> None:
    from interfant_desktop.ui.pages.risk_page import RiskPage

    ws = _open_from_list(qtbot, window, "TRN-08")  # re-allocated to HR, eligible for HSCT
    page = ws.page(RiskPage)
    text = page.at_diagnosis.text()
    assert "end of induction: MR → HR (R-EOI-MRD)" in text
    assert "Nothing still to come" in text


def test_a_new_patients_ten_unknown_criteria_fold_behind_show_all(qtbot: Any) -> None:
    """All ten criteria unknown would fill a third of a 1366 × 768 screen above every page:
    the banner lists three, names the rest by ID in its title, and unfolds on a click."""
    import datetime as dt

    from interfant_desktop.protocol import evaluate, load_protocol, parse_case
    from interfant_desktop.ui.widgets.standing_banner import SHOWN_FOLDED, StandingBanner

    protocol, today = load_protocol(), dt.date(2026, 6, 1)
    case = parse_case({"format": "interfant-case/1", "patient": {
        "study_id": "TRN-NEW", "date_of_birth": "2026-01-05", "sex": "female"}}, protocol, today)
    standing = evaluate(case, protocol, today).standing
    assert len(standing.criteria) == 10
    banner = StandingBanner()
    qtbot.addWidget(banner)
    banner.resize(1300, 400)
    banner.show_standing(standing)
    lines = banner.banner.detail().splitlines()
    assert len(lines) == SHOWN_FOLDED + 2  # three criteria, "… and 7 more", the caveat
    assert "… and 7 more criteria" in lines[SHOWN_FOLDED]
    assert all(c.id in banner.banner.title() for c in standing.criteria)  # every ID still named
    assert "WOULD APPLY IF ELIGIBLE" in lines[-1]
    folded_height = banner.sizeHint().height()
    assert banner.more.isVisible() and banner.more.text() == "Show all 10 criteria"
    qtbot.mouseClick(banner.more, Qt.MouseButton.LeftButton)
    detail = banner.banner.detail()
    assert all(line in detail for line in standing.criteria_lines())
    assert banner.more.text() == "Show fewer criteria"
    assert banner.sizeHint().height() > folded_height + 80
    qtbot.mouseClick(banner.more, Qt.MouseButton.LeftButton)
    assert banner.folded() and len(banner.banner.detail().splitlines()) == SHOWN_FOLDED + 2
