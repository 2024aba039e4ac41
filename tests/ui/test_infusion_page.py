"""The Infusion page driven as clinicians would: the nurse records the start, a CRS grade 3
assessment (CAPD scored with the age band's anchor notice) and a 5-hour stop; the physician
sees the label's action with this patient's doses, records what was done; the timeline
shows it all. (The hold and restart orders belong to the order workflow.)"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QDialogButtonBox, QWidget

from interfant_desktop.services.permissions import CurrentUser
from interfant_desktop.ui.infusion.assessment_dialog import AssessmentDialog, to_qdatetime
from interfant_desktop.ui.infusion.bag_dialogs import HangBagDialog, RemoveBagDialog
from interfant_desktop.ui.infusion.infusion_page import InfusionPage
from interfant_desktop.ui.infusion.interruption_dialog import InterruptionDialog, StartDialog
from interfant_desktop.ui.workspace import PatientWorkspace
from tests.order_helpers import verified_order
from tests.ui.conftest import NURSE, PHYSICIAN, answer_next_dialog

STUDY = "TRN-09"  # marrow M2: step-dosed cycle 1 from 2026-06-04; 6.2 kg, 63 cm (BSA 0.329 m²)
NOW = dt.datetime(2026, 6, 5, 13, 0)


def _ok(dialog: QWidget) -> None:
    box = dialog.findChild(QDialogButtonBox)
    assert box is not None
    box.button(QDialogButtonBox.StandardButton.Ok).click()


def _page(qtbot: Any, backend: Any) -> tuple[PatientWorkspace, InfusionPage]:
    workspace = PatientWorkspace(backend, STUDY)
    qtbot.addWidget(workspace)
    workspace.show()
    workspace.show_page(InfusionPage)
    page = workspace.page(InfusionPage)
    assert isinstance(page, InfusionPage)
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


def test_nurse_records_physician_responds_timeline_shows_it(qtbot: Any, backend: Any) -> None:
    backend.sign_in(*NURSE)
    workspace, page = _page(qtbot, backend)
    assert page.start_button.isEnabled() and page.assess_button.isEnabled()

    def start(dialog: QWidget) -> None:
        assert isinstance(dialog, StartDialog)
        dialog.start.setDateTime(to_qdatetime(dt.datetime(2026, 6, 4, 10, 0)))
        dialog.bag_hours.setCurrentIndex(dialog.bag_hours.findData(48))
        _ok(dialog)

    answer_next_dialog(qtbot, start)
    page.start_button.click()
    assert "Started 2026-06-04T10:00" in page.status.text()

    seen = answer_next_dialog(qtbot, _fill_grade_3)
    page.assess_button.click()
    dialog = seen[0]
    assert isinstance(dialog, AssessmentDialog)
    assert "unverified transcription" in dialog.capd_anchors[1].text()  # no invented anchor text
    assert "UNVERIFIED" in dialog.findChild(QWidget, "CapdNotice").text()  # type: ignore[union-attr]

    def stop(dialog: QWidget) -> None:
        assert isinstance(dialog, InterruptionDialog)
        dialog.stopped.setDateTime(to_qdatetime(dt.datetime(2026, 6, 5, 7, 0)))
        dialog.reason.setCurrentIndex(dialog.reason.findData("crs"))
        dialog.has_restart.setChecked(True)
        dialog.restarted.setDateTime(to_qdatetime(dt.datetime(2026, 6, 5, 12, 0)))
        _ok(dialog)

    answer_next_dialog(qtbot, stop)
    page.stop_button.click()
    stops = page.stops.text()
    assert "5 h" in stops and "dexamethasone" in stops and "before the restart" in stops
    (card,) = page.action_panel.cards
    assert card.rule == "R-TOX-CRS-3" and not card.followed.isEnabled()  # nurses do not decide

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
    (card,) = page.action_panel.cards
    assert card.decision_label.text().startswith("✔ Followed — recorded by dr.vos")
    assert "awaiting" not in page.assessments.item(0).text()

    row = next(r for r in range(page.table.rowCount()) if page.table.item(r, 1).text() == "2026-06-05")
    cells = [page.table.item(row, c).text() for c in range(page.table.columnCount())]
    assert "stop 07:00 5 h" in cells[4]
    assert "06:30 CRS 3 ICANS 1 → R-TOX-CRS-3" in cells[5]
    assert cells[6] == "3" and cells[7] == "1"
    assert "before the restart after 5 h" in cells[8]
    assert cells[9] == "yes"  # within the label's 9 days of hospitalisation (step-dosed cycle 1)


def test_nurse_hangs_the_bags_of_a_48_hour_step_dosed_schedule(qtbot: Any, backend: Any) -> None:
    from tests.services.test_bag_administration import SCHEDULE, give_schedule

    backend.sign_in("admin", "admin-pass-1")
    backend.add_user("pharm.olsen", "pharmacist", "pharmacist-pass-1", "Pharmacist Fictitious Olsen")
    order_id = verified_order(backend.store, CurrentUser(PHYSICIAN[0], "physician"),
                              CurrentUser("pharm.olsen", "pharmacist"), STUDY).id
    give_schedule(backend.store, order_id)
    backend.sign_in(*NURSE)
    _workspace, page = _page(qtbot, backend)
    assert len(page.bag_list.text().splitlines()) == len(SCHEDULE) and page.hang_button.isEnabled()
    assert not page.remove_button.isEnabled()
    refused: list[str] = []

    def hang(rate: float) -> Callable[[QWidget], None]:
        def fill(dialog: QWidget) -> None:
            assert isinstance(dialog, HangBagDialog)
            bag = SCHEDULE[dialog.bag.number - 1]
            dialog.at.setDateTime(to_qdatetime(dt.datetime.fromisoformat(str(bag["hang"]))))
            dialog.rate.setValue(rate)
            dialog.volume.setValue(float(bag["infused_ml"]))  # type: ignore[arg-type]
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
    for number in range(1, len(SCHEDULE) + 1):
        answer_next_dialog(qtbot, hang(5.0))
        page.hang_button.click()
        assert "hung" in page.bag_list.text().splitlines()[number - 1]
        if number == len(SCHEDULE):
            break

        def remove(dialog: QWidget, n: int = number) -> None:
            assert isinstance(dialog, RemoveBagDialog) and dialog.bag_number == n
            dialog.at.setDateTime(to_qdatetime(dt.datetime.fromisoformat(str(SCHEDULE[n]["hang"]))))
            dialog.infused.setValue(float(SCHEDULE[n - 1]["infused_ml"]))  # type: ignore[arg-type]
            dialog.residual.setValue(30.0)
            _ok(dialog)

        answer_next_dialog(qtbot, remove)
        page.remove_button.click()
        assert "removed" in page.bag_list.text().splitlines()[number - 1]
    assert not page.hang_button.isEnabled()  # the last bag is on the pump
    assert "checked by dr.vos" in page.bag_list.text().splitlines()[0]
