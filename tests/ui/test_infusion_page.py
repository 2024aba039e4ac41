"""The Infusion page driven as clinicians would: the nurse records the start, a CRS grade 3
assessment (CAPD scored with the age band's anchor notice) and a 5-hour stop; the physician
sees the label's action with this patient's doses, records what was done; the timeline
shows it all; the physician holds the order and restarts it with a signed and verified
restart order (the order workflow's lifecycle)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QDialogButtonBox, QLabel, QWidget

from interfant_desktop.services import auth
from interfant_desktop.services.bags import ScheduledBag
from interfant_desktop.ui.infusion.assessment_dialog import AssessmentDialog, to_qdatetime
from interfant_desktop.ui.infusion.bag_dialogs import HangBagDialog, RemoveBagDialog
from interfant_desktop.ui.infusion.infusion_page import InfusionPage
from interfant_desktop.ui.infusion.interruption_dialog import InterruptionDialog, StartDialog
from interfant_desktop.ui.orders.order_dialog import ReasonDialog
from interfant_desktop.ui.workspace import PatientWorkspace
from tests.order_helpers import start_confirming
from tests.ui.conftest import (
    NURSE,
    PHYSICIAN,
    add_user_with_own_password,
    answer_next_dialog,
    open_workspace,
    shown_page,
)

STUDY = "TRN-09"  # marrow M2: step-dosed cycle 1 from 2026-06-04; 6.2 kg, 63 cm (BSA 0.329 m²)
NOW = dt.datetime(2026, 6, 5, 13, 0)


def plain(text: str) -> str:
    """A timeline cell as read aloud: its no-break spaces as spaces, its word joiners gone."""
    return text.replace("\u00a0", " ").replace("\u2060", "")


def _ok(dialog: QWidget) -> None:
    box = dialog.findChild(QDialogButtonBox)
    assert box is not None
    box.button(QDialogButtonBox.StandardButton.Ok).click()


def _page(qtbot: Any, backend: Any) -> tuple[PatientWorkspace, InfusionPage]:
    workspace = open_workspace(qtbot, backend, STUDY)
    workspace.resize(1366, 688)  # the window on a 1366 × 768 screen: the ten-column timeline
    page = shown_page(workspace, InfusionPage)
    page.now = lambda: NOW
    page.refresh()
    return workspace, page


def _fill_grade_3(dialog: QWidget) -> None:
    assert isinstance(dialog, AssessmentDialog)
    dialog.at.setDateTime(to_qdatetime(dt.datetime(2026, 6, 5, 6, 30)))
    dialog.temperature.setValue(39.3)
    dialog.antipyretic.setCurrentIndex(dialog.antipyretic.findData("no"))
    dialog.hypotension.setCurrentIndex(dialog.hypotension.findData("yes"))
    dialog.oxygen.setCurrentIndex(dialog.oxygen.findData("high_flow"))
    # Every CAPD item answered with its 0-point answer except item 1 (4 points): CAPD 4.
    for number, box in dialog.capd_answers.items():
        scores = [int(box.itemText(i).rsplit("(", 1)[1].rstrip(")")) for i in range(1, box.count())]
        box.setCurrentIndex(1 + scores.index(4 if number == 1 else 0))
    dialog.sedated.setCurrentIndex(dialog.sedated.findData("no"))
    for box, key in ((dialog.consciousness, "spontaneous"), (dialog.seizure, "none"),
                     (dialog.motor, "none"), (dialog.oedema, "none")):
        box.setCurrentIndex(box.findData(key))
    dialog.seizure_count.setValue(0)
    _ok(dialog)


def _stop_5_hours(dialog: QWidget) -> None:
    """A stop for CRS from 07:00 to 12:00 on 2026-06-05 (5 hours)."""
    assert isinstance(dialog, InterruptionDialog)
    dialog.stopped.setDateTime(to_qdatetime(dt.datetime(2026, 6, 5, 7, 0)))
    dialog.reason.setCurrentIndex(dialog.reason.findData("crs"))
    dialog.has_restart.setChecked(True)
    dialog.restarted.setDateTime(to_qdatetime(dt.datetime(2026, 6, 5, 12, 0)))
    _ok(dialog)


def test_nurse_records_physician_responds_timeline_shows_it(qtbot: Any, backend: Any) -> None:
    backend.sign_in(*NURSE)
    workspace, page = _page(qtbot, backend)
    assert page.start_button.isEnabled() and page.assess_button.isEnabled()
    # Only the start date is known: nothing claims a start or the end of the 28 days yet.
    status = page.status.text()
    assert "Start date 2026-06-04 recorded, without the time" in status
    assert "Started" not in status and "28 days of infusion complete" not in status
    assert "R-HOSP-C1-STEP" in status  # the label's hospitalisation is said all the same

    def start(dialog: QWidget) -> None:
        assert isinstance(dialog, StartDialog)
        dialog.start.setDateTime(to_qdatetime(dt.datetime(2026, 6, 4, 10, 0)))
        dialog.bag_hours.setCurrentIndex(dialog.bag_hours.findData(48))
        _ok(dialog)

    answer_next_dialog(qtbot, start)
    page.start_button.click()
    assert "Started 2026-06-04 10:00" in page.status.text()

    capd_refused: list[str] = []

    def assess(dialog: QWidget) -> None:
        assert isinstance(dialog, AssessmentDialog)
        dialog.capd_answers[1].setCurrentIndex(1)
        _ok(dialog)  # one CAPD item of eight: refused, the dialog stays open
        capd_refused.append(dialog.problem.text())
        _fill_grade_3(dialog)

    seen = answer_next_dialog(qtbot, assess)
    page.assess_button.click()
    # Named once, with the items still to answer, as the form names it.
    assert capd_refused[0] == ("✖ CAPD: items 2, 3, 4, 5, 6, 7, 8 not answered — answer all eight, "
                               "or tick \"could not be performed\""), capd_refused
    dialog = seen[0]
    assert isinstance(dialog, AssessmentDialog)
    assert "NOT TRANSCRIBED" in dialog.capd_anchors[1].text()  # no invented anchor text
    assert "doi:10.1017/S1478951514000947" in dialog.capd_missing.text()  # where to find it
    assert "UNVERIFIED" in dialog.findChild(QWidget, "CapdNotice").text()  # type: ignore[union-attr]

    answer_next_dialog(qtbot, _stop_5_hours)
    page.stop_button.click()
    stops = page.stops.text()
    assert "5 h" in stops and "dexamethasone" in stops and "before the restart" in stops
    assert "(cytokine release syndrome): 5 h" in stops, stops  # the reason in words, not "crs"
    (card,) = page.action_panel.cards
    assert card.rule == "R-TOX-CRS-3" and not card.followed.isEnabled()  # nurses do not decide
    shown = [label.text() for label in page.action_panel.findChildren(QLabel)]
    assert any(t.startswith("ICANS grade 1, set by CAPD") for t in shown), shown  # words, not IDs
    assert not [t for t in shown if "_" in t.partition("not recorded:")[2]], shown

    backend.sign_in(*PHYSICIAN)
    workspace.reload()
    (card,) = page.action_panel.cards
    doses = [w.text() for w in card.findChildren(QWidget, "ActionDose")]  # type: ignore[attr-defined]
    # For this 6.2 kg, 63 cm infant: 5 mcg/m²/day × 0.329 m² = 1.65 mcg/day; 5 mg/m² × 0.329 m² = 1.6 mg.
    assert any(t.startswith("Restart dose: 1.65 mcg/day") for t in doses), doses
    assert any(t.startswith("Dexamethasone: 1.6 mg") for t in doses), doses
    assert "INTERRUPT blinatumomab" in card.findChild(QWidget, "RuleId").text()  # type: ignore[union-attr]
    card.not_followed.click()  # no reason: refused, nothing recorded
    assert "reason" in card.problem.text()
    card.followed.click()
    qtbot.waitUntil(lambda: bool(page.action_panel.cards) and page.action_panel.cards[0] is not card)
    (card,) = page.action_panel.cards
    assert card.decision_label.text().startswith("✔ Followed — recorded by dr.vos")
    assert "awaiting" not in page.assessments.item(0).text()

    row = next(r for r in range(page.table.rowCount()) if page.table.item(r, 1).text() == "2026-06-05")
    cells = [page.table.item(row, c).text() for c in range(page.table.columnCount())]
    assert "stop 07:00 5\u00a0h" in cells[4]  # the hours never wrap from their unit
    assert "06:30 CRS 3 ICANS 1 → R-TOX-CRS-3" in plain(cells[5])
    # ... nor a grade from its name, an arrow from its rule, nor a rule ID at its hyphens
    assert "CRS\u00a03 ICANS\u00a01 →\u00a0R-\u2060TOX-\u2060CRS-\u20603" in cells[5]
    assert cells[6] == "3" and cells[7] == "1"
    assert "before the restart after 5 h" in cells[8]
    assert cells[9] == "yes"  # within the label's 9 days of hospitalisation (step-dosed cycle 1)


def _verified_48_hour_order(backend: Any) -> int:
    """TRN-09's cycle 1 order with 48-hour bags from 2026-06-04 10:00, started and signed by
    the physician and verified blind by a pharmacist, through the order workflow."""
    from interfant_desktop.services import order_workflow

    backend.sign_in("admin", "admin-pass-1")
    add_user_with_own_password(backend, "pharm.olsen", "pharmacist", "pharmacist-pass-1",
                               "Pharmacist Fictitious Olsen", "admin-pass-1")
    store = backend.store
    doc = auth.sign_in(store, *PHYSICIAN)
    pharmacist = auth.sign_in(store, "pharm.olsen", "pharmacist-pass-1")
    draft = start_confirming(store, doc, STUDY, 1, {
        "weight_kg": 6.2, "height_cm": 63.0, "weight_date": "2026-06-03",
        "height_date": "2026-06-03", "start_date": "2026-06-04", "start_time": "10:00",
        "bag_hours": 48})
    signed = order_workflow.sign_order(store, doc, draft.id, draft.version, password=PHYSICIAN[1])
    return order_workflow.verify_order(store, pharmacist, signed.id, signed.version,
                                       weight_kg=6.2, height_cm=63.0,
                                       password="pharmacist-pass-1").id


def test_nurse_hangs_the_bags_of_a_48_hour_step_dosed_schedule(qtbot: Any, backend: Any) -> None:
    _verified_48_hour_order(backend)
    backend.sign_in(*NURSE)
    _workspace, page = _page(qtbot, backend)
    order_id, schedule, _events = page.bag_state
    assert order_id is not None and schedule[0].hang == "2026-06-04T10:00"
    # Step dosing: days 1-7 at 5 mcg/m²/day in 48-hour bags, day 7 alone in a 24-hour bag
    # (no bag crosses the dose change), then 15 mcg/m²/day from day 8.
    assert [b.hours for b in schedule[:5]] == [48, 48, 48, 24, 48]
    assert [b.rate_ml_per_h for b in schedule[:5]] == [5.0, 5.0, 5.0, 10.0, 5.0]
    assert len(page.bag_list.text().splitlines()) == len(schedule) and page.hang_button.isEnabled()
    assert not page.remove_button.isEnabled()
    refused: list[str] = []

    def hang(rate: float | None = None) -> Callable[[QWidget], None]:
        def fill(dialog: QWidget) -> None:
            assert isinstance(dialog, HangBagDialog)
            bag = dialog.bag
            assert any(f"of order IF21-{order_id:06d}: due" in label.text()  # as printed on the sheet
                       for label in dialog.findChildren(QLabel))
            dialog.at.setDateTime(to_qdatetime(dt.datetime.fromisoformat(bag.hang)))
            dialog.rate.setValue(bag.rate_ml_per_h if rate is None else rate)  # as read on the pump
            dialog.volume.setValue(bag.infused_ml)
            dialog.second.setText(PHYSICIAN[0])
            dialog.locked.setChecked(True)
            dialog.filter.setChecked(True)
            _ok(dialog)
            if dialog.isVisible():  # refused: the reason is shown, nothing recorded
                refused.append(dialog.problem.text())
                dialog.reject()
        return fill

    answer_next_dialog(qtbot, hang(10.0))  # the 24-hour rate on a 48-hour bag
    page.hang_button.click()
    assert refused and "signed schedule says 5 mL/h" in refused[0]
    assert refused[0].startswith("✖ pump rate: 10 entered"), "the field as the form names it"
    for number in range(1, 6):  # through the day-8 dose change
        answer_next_dialog(qtbot, hang())
        page.hang_button.click()
        assert "hung" in page.bag_list.text().splitlines()[number - 1]

        def remove(dialog: QWidget, n: int = number) -> None:
            assert isinstance(dialog, RemoveBagDialog) and dialog.bag_number == n
            dialog.at.setDateTime(to_qdatetime(dt.datetime.fromisoformat(schedule[n].hang)))
            dialog.infused.setValue(schedule[n - 1].infused_ml)
            dialog.residual.setValue(30.0)
            _ok(dialog)

        answer_next_dialog(qtbot, remove)
        page.remove_button.click()
        assert "removed" in page.bag_list.text().splitlines()[number - 1]
    lines = page.bag_list.text().splitlines()
    assert "checked by dr.vos" in lines[0] and "hung" not in lines[5]
    assert page.hang_button.isEnabled()  # bag 6 is next


def _hang_in_dialog(qtbot: Any, page: InfusionPage, bag: ScheduledBag | None = None) -> None:
    """The nurse hangs ``bag`` (default: the one the dialog offers) with the second nurse's
    check, as read on the pump."""
    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, HangBagDialog)
        hung = bag or dialog.bag
        dialog.at.setDateTime(to_qdatetime(dt.datetime.fromisoformat(hung.hang)))
        dialog.rate.setValue(hung.rate_ml_per_h)
        dialog.volume.setValue(hung.infused_ml)
        dialog.second.setText(PHYSICIAN[0])
        dialog.locked.setChecked(True)
        dialog.filter.setChecked(True)
        _ok(dialog)

    answer_next_dialog(qtbot, fill)
    page.hang_button.click()


def _reason_ok(dialog: QWidget) -> None:
    assert isinstance(dialog, ReasonDialog) and dialog.reason().startswith("R-TOX-CRS-3")
    _ok(dialog)


def test_physician_holds_and_restarts_with_a_signed_verified_restart_order(
        qtbot: Any, backend: Any) -> None:
    """Issue 14: the nurse hangs the bags of a 48-hour step-dosed schedule and records a
    5-hour interruption with a CRS grade 3 assessment; the physician sees the action with
    this patient's doses, holds the order and restarts it with a signed, verified restart
    order; the page shows it all."""
    from interfant_desktop.ui.backend import OrderActions
    from interfant_desktop.ui.orders.order_dialog import OrderWorkflowDialog
    from interfant_desktop.ui.orders.verify_dialog import VerifyOrderDialog

    first = _verified_48_hour_order(backend)
    backend.sign_in(*NURSE)
    workspace, page = _page(qtbot, backend)
    _order, schedule, _events = page.bag_state
    _hang_in_dialog(qtbot, page, schedule[0])
    assert "hung" in page.bag_list.text().splitlines()[0]
    answer_next_dialog(qtbot, _fill_grade_3)
    page.assess_button.click()

    answer_next_dialog(qtbot, _stop_5_hours)
    page.stop_button.click()
    # the reason in the words the nurse chose it by, not the case format's key "crs"
    assert page.stops.text().startswith(
        "Stopped 2026-06-05 07:00 → restarted 2026-06-05 12:00 (cytokine release syndrome): 5 h"), \
        page.stops.text()
    (card,) = page.action_panel.cards
    assert card.hold_button is not None and not card.hold_button.isEnabled()  # the physician's

    backend.sign_in(*PHYSICIAN)
    workspace.reload()
    page.password_asker = lambda _parent, _meaning: PHYSICIAN[1]
    (card,) = page.action_panel.cards
    doses = [w.text() for w in card.findChildren(QWidget, "ActionDose")]  # type: ignore[attr-defined]
    assert any(t.startswith("Restart dose: 1.65 mcg/day") for t in doses), doses
    assert card.hold_button is not None and card.hold_button.isEnabled()
    answer_next_dialog(qtbot, _reason_ok)
    card.hold_button.click()
    bags = page.bag_list.text()
    assert "IS ON HOLD — no bag is hung" in bags and "R-TOX-CRS-3" in bags
    assert not page.hang_button.isEnabled()
    assert "HELD — HOLD — held by Dr Fictitious Vos (dr.vos)" in page.order_lines.text()

    (card,) = page.action_panel.cards
    assert card.restart_button is not None and "1.65 mcg/day" in card.restart_button.text()
    answer_next_dialog(qtbot, _reason_ok)
    card.restart_button.click()
    workflow = page.order_dialog
    assert isinstance(workflow, OrderWorkflowDialog)
    restart = workflow.current()
    assert restart is not None and restart.kind == "restart" and restart.status == "draft"
    assert restart.supersedes == first
    steps = restart.content["order"]["steps"]
    # 6.2 kg, 63 cm: BSA 0.329 m²; R-TOX-CRS-3 5 mcg/m²/day = 1.65 mcg/day for 7 days, then
    # 15 mcg/m²/day = 4.94 mcg/day; 21 h were given before the stop at 07:00.
    assert [s["dose_mcg_per_day"] for s in steps] == [1.65, 4.94]
    assert restart.content["order"]["bags"][0]["hang"] == "2026-06-05T12:00"
    workflow.password_asker = lambda _parent, _meaning: PHYSICIAN[1]
    workflow.sign_button.click()
    assert workflow.current() is not None and workflow.current().status == "signed"  # type: ignore[union-attr]
    workflow.accept()

    backend.sign_in("pharm.olsen", "pharmacist-pass-1")
    verifier = OrderWorkflowDialog(OrderActions(backend), STUDY, 1)
    qtbot.addWidget(verifier)
    verifier.show()
    assert verifier.current() is not None and verifier.current().id == restart.id  # type: ignore[union-attr]

    def re_enter(dialog: QWidget) -> None:
        assert isinstance(dialog, VerifyOrderDialog)
        dialog.weight_edit.setText("6.2")
        dialog.height_edit.setText("63")
        dialog.password_edit.setText("pharmacist-pass-1")
        dialog.verify_button.click()

    answer_next_dialog(qtbot, re_enter)
    verifier.verify_button.click()
    assert verifier.current() is not None and verifier.current().status == "verified"  # type: ignore[union-attr]
    history = [verifier.history.item(i).text() for i in range(verifier.history.count())]
    assert [h.split(" · ")[1] for h in history] == ["prescribed", "verified"]
    verifier.accept()

    backend.sign_in(*NURSE)
    workspace.reload()
    lines = page.order_lines.text()
    assert f"IF21-{first:06d}: SUPERSEDED — SUPERSEDED by IF21-{restart.id:06d}" in lines
    assert f"IF21-{restart.id:06d} (restart order): VERIFIED" in lines
    assert "restart from 2026-06-05 12:00" in lines
    assert "held · Dr Fictitious Vos (dr.vos): R-TOX-CRS-3" in lines
    order_id, schedule, _events = page.bag_state
    assert order_id == restart.id and schedule[0].hang == "2026-06-05T12:00"
    assert page.hang_button.isEnabled()  # the restart order's first bag
    row = next(r for r in range(page.table.rowCount()) if page.table.item(r, 1).text() == "2026-06-05")
    cells = [page.table.item(row, c).text() for c in range(page.table.columnCount())]
    assert "stop 07:00 5\u00a0h" in cells[4] and "CRS\u00a03" in cells[5]
    # The restart order's first bag, from the restart: bag 2 of the course (bag 1 was on the
    # pump at the stop), never a second "#1".
    assert "#2 12:00 (48\u00a0h)" in cells[3]
    later = next(r for r in range(page.table.rowCount()) if page.table.item(r, 1).text() == "2026-06-12")
    assert "#6 12:00 (48\u00a0h)" in page.table.item(later, 3).text()  # the step-up, 168 h later
    column = " ".join(page.table.item(r, 3).text() for r in range(page.table.rowCount()))
    shown = re.findall(r"#(\d+) ", column)
    assert shown[:2] == ["1", "2"] and len(shown) == len(set(shown)), column  # no number twice
    assert "its bags are course bags 2–" in lines and "(bags 1–1 were on the earlier order)" in lines
    assert schedule[0].number == 2 and page.bag_list.text().startswith("Bag 2: due 2026-06-05 12:00")
