"""A clinician's decision on a review question is shown as theirs: who, when, what and
why, on the screen and on the printed order (issue 12), never as the rule's outcome."""

from __future__ import annotations

import io
from typing import Any

import pdfplumber
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from interfant_desktop.services import order_printing, order_workflow, patients
from interfant_desktop.ui.dialogs.resolve_review_dialog import ResolveReviewDialog
from interfant_desktop.ui.pages.risk_page import RiskPage
from interfant_desktop.ui.pages.roadmap_page import RoadmapPage
from interfant_desktop.ui.widgets.rule_card import RuleCard
from tests.order_helpers import ensure_allergies
from tests.ui.conftest import answer_next_dialog

WHY = "PNQ with QR 0.05 %: tumour board 2026-06-18 keeps MR"


def _resolve(qtbot: Any, ws: Any, option: str, why: str) -> None:
    def choose(dialog: Any) -> None:
        assert isinstance(dialog, ResolveReviewDialog)
        button = next(b for b in dialog.group.buttons() if b.text().replace("&", "") == option)
        button.setChecked(True)
        dialog.reason_edit.setPlainText(why)
        dialog.accept()

    shown = answer_next_dialog(qtbot, choose)
    qtbot.mouseClick(ws.review_panel.buttons[0], Qt.MouseButton.LeftButton)
    assert shown


def test_resolved_review_says_who_decided_on_screen_and_on_the_order(qtbot: Any, window: Any) -> None:
    ws = window.open_patient("TRN-14")  # MRD after cycle 1: PNQ, QR 0.05 % against 0.01 %
    assert [i.rule for i in ws.review_panel.items] == ["R-B1-MRD"]
    _resolve(qtbot, ws, "MR", WHY)
    ev = ws.evaluation
    assert not ev.review and ev.decisions.blinatumomab_2 is True

    # Roadmap: the decision point says a clinician settled it, with who, when and why.
    ws.show_page(RoadmapPage)
    texts = [label.text() for label in ws.page(RoadmapPage).findChildren(QLabel)]
    decided = [t for t in texts if t.startswith("⚑ Settled by a clinician's decision")]
    assert decided, texts
    assert any("Clinician decision: MR — decided by dr.vos on " in t and " UTC, because: " + WHY in t
               for t in decided)
    # Nothing claims the MRD was below the threshold: it was not.
    data = [t for t in texts if t.startswith("Decided by:")]
    assert data and not any("< 0.01 %" in t for t in data), data
    assert any("replaced by blinatumomab cycle 2 (R-B1-MRD, by a clinician's decision)" in t
               for t in texts)

    # Risk page: the clinician's decision has its own card.
    ws.show_page(RiskPage)
    settled = ws.page(RiskPage).at_diagnosis.text()
    assert "stays MR, cycle 2 replaces MARMA by a clinician's decision (R-B1-MRD review: MR — " \
           "decided by dr.vos on " in settled
    cards = [c for c in ws.page(RiskPage).findChildren(RuleCard)
             if c.accessibleName().startswith("Clinician decision")]
    assert cards
    assert any(WHY in label.text() and "decided by dr.vos" in label.text()
               for card in cards for label in card.findChildren(QLabel))

    # The printed order of cycle 2 says the same.
    backend = window.backend
    ensure_allergies(backend.store, backend.user, "TRN-14")
    version = patients.open_patient(backend.store, backend.user, "TRN-14").version
    values = {"weight_kg": 7.3, "height_cm": 67.0, "weight_date": "2026-09-01",
              "height_date": "2026-09-01", "start_date": "2026-09-02", "start_time": "10:00"}
    try:
        draft = order_workflow.start_order(backend.store, backend.user, "TRN-14", version, 2, **values)
    except order_workflow.WarningsNotConfirmed as exc:
        draft = order_workflow.start_order(backend.store, backend.user, "TRN-14", version, 2,
                                           confirm_warnings=exc.warnings, **values)
    pdf = order_printing.preview_order_pdf(backend.store, backend.user, draft.id)
    with pdfplumber.open(io.BytesIO(pdf.pdf)) as document:
        text = " ".join((page.extract_text() or "") for page in document.pages)
    flat = " ".join(text.split())
    assert "Clinician decisions" in flat
    assert "Clinician decision: MR — decided by dr.vos on" in flat
    assert "tumour board 2026-06-18 keeps MR" in flat
    assert "MR with MRD < 0.01 % after cycle 1" not in flat
