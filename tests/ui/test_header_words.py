"""The patient header of a patient with nothing recorded yet says what is missing in words,
as its "Now: no phase yet (diagnosis date not recorded)" does: no lone "—" ("age at
diagnosis —") and no bare "pending" that leaves the reader to guess what it waits for; the
risk page says a group not known yet in words too ("At diagnosis: — · now: —" it was)."""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtGui import QTextDocumentFragment


def plain(label: Any) -> str:
    return QTextDocumentFragment.fromHtml(label.text()).toPlainText()


def lone_placeholders(text: str) -> list[str]:
    """Parts of a "·"-separated header line that are, or end in, a bare placeholder."""
    return [part.strip() for part in text.split("·")
            if re.search(r"(^|[\s:])(—|-|…|\?|n/a)$", part.strip())]


def test_a_patient_with_nothing_recorded_is_worded_in_the_header(qtbot: Any, window: Any) -> None:
    study_id = window.backend.create_patient({"study_id": "EMPTY-1", "date_of_birth": "2026-01-05"})
    ws = window.open_patient(study_id)
    identity, summary = plain(ws.identity), plain(ws.summary)
    assert lone_placeholders(identity) == [] and lone_placeholders(summary) == [], (identity, summary)
    assert "age at diagnosis not known (diagnosis date not recorded)" in identity
    assert "(no name recorded)" in identity and "no hospital number" in identity
    assert "Risk: pending (diagnosis date not recorded)" in summary
    assert "Now: no phase yet (diagnosis date not recorded)" in summary


def test_a_pending_risk_group_names_what_it_waits_for(qtbot: Any, window: Any) -> None:
    ws = window.open_patient("TRN-05")  # in the prephase: no day-8 count yet
    assert "Risk: pending · " in plain(ws.summary)  # (the line has no room for more)
    assert ws.summary.toolTip() == \
        "Risk group pending: not recorded yet: prednisone response (day 8)"
    assert "age at diagnosis 89 days (2.9 mo)" in plain(ws.identity)
    assert window.open_patient("TRN-01").summary.toolTip() == ""  # HR: nothing pending


def test_the_placeholder_check_finds_a_lone_dash() -> None:
    assert lone_placeholders("TRN-NEW · born 2026-01-05 · age at diagnosis —") == [
        "age at diagnosis —"]
    assert lone_placeholders("Risk: HR · Now: Induction · 2026.12-1") == []


def test_the_risk_page_says_an_open_group_in_words(qtbot: Any, window: Any) -> None:
    """TRN-10's group waits for a clinician's decision (WBC exactly 300): "open", not "—"."""
    from interfant_desktop.ui.pages.risk_page import RiskPage

    ws = window.open_patient("TRN-10")
    ws.show_page(RiskPage)
    text = ws.page(RiskPage).at_diagnosis.text()
    first = text.splitlines()[0]
    assert first == "At diagnosis: open (a clinician decides) · now: open (a clinician decides)"
    assert lone_placeholders(first) == []
    ws = window.open_patient("TRN-14")  # MR at diagnosis; the point after blinatumomab is open
    ws.show_page(RiskPage)
    assert ws.page(RiskPage).at_diagnosis.text().splitlines()[0] == \
        "At diagnosis: MR · now: open (a clinician decides)"
    ws = window.open_patient("TRN-05")  # no day-8 count yet
    ws.show_page(RiskPage)
    assert ws.page(RiskPage).at_diagnosis.text().splitlines()[0] == \
        "At diagnosis: pending · now: pending"
