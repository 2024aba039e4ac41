"""Step 5 — Before blinatumomab: the checklist B1–B4, answered here, judged by the engine."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from interfant_desktop.protocol.case import BlinatumomabChecklist
from interfant_desktop.ui.pages.base import WorkspacePage
from interfant_desktop.ui.pages.widgets_common import TriState

if TYPE_CHECKING:
    from interfant_desktop.ui.workspace import PatientWorkspace


ITEMS = (
    ("B1", "cd19_positive",
     QT_TRANSLATE_NOOP("ChecklistPage", "CD19-positive disease?")),
    ("B2", "cns1_at_eoi",
     QT_TRANSLATE_NOOP("ChecklistPage", "CNS1 at end of induction?")),
    ("B3", "hypersensitivity",
     QT_TRANSLATE_NOOP("ChecklistPage", "Known hypersensitivity to blinatumomab or excipients?")),
    ("B4", "live_vaccine_28d",
     QT_TRANSLATE_NOOP("ChecklistPage", "Live vaccine within the 28 days before?")),
)
STATUS_WORDS = {
    "passed": QT_TRANSLATE_NOOP("ChecklistPage", "✔ passed"),
    "failed": QT_TRANSLATE_NOOP("ChecklistPage", "✖ FAILS"),
    "missing": QT_TRANSLATE_NOOP("ChecklistPage", "… not answered")}


class ChecklistPage(WorkspacePage):
    """Four questions; the engine says whether cycle 1 may be given and names a failing item."""

    section = "blinatumomab_checklist"

    def __init__(self, workspace: PatientWorkspace) -> None:
        super().__init__(workspace, self.tr("Before blinatumomab"))
        self.banner = self.add_banner()
        form = self.add_form()
        self.answers: dict[str, TriState] = {}
        self.status_labels: dict[str, QLabel] = {}
        for item_id, key, question in ITEMS:
            answer = TriState()
            status = QLabel()
            status.setWordWrap(True)
            holder = QWidget()
            column = QVBoxLayout(holder)
            column.setContentsMargins(0, 0, 0, 0)
            column.addWidget(answer)
            column.addWidget(status)
            answer.setMaximumWidth(answer.fontMetrics().horizontalAdvance("M") * 14)
            self.add_field(form, f"{item_id}  {self.tr(str(question))}", holder,
                           f"blinatumomab_checklist.{key}")
            answer.setAccessibleName(f"{item_id} {self.tr(str(question))}")
            self.answers[key] = answer
            self.status_labels[item_id] = status
        self.reason, self.reason_error = self.add_text_field(
            form, self.tr("Source / reason"), "reason.checklist",
            self.tr("e.g. flow cytometry 2026-04-01, vaccination record"))
        self.save = self.add_save_button(form, self.tr("&Save checklist"), self.on_save)
        self.body.addStretch(1)

    def refresh(self) -> None:
        recorded = self.recorded.blinatumomab_checklist or BlinatumomabChecklist()
        for _item_id, key, _q in ITEMS:
            self.answers[key].set_value(getattr(recorded, key))
        decisions = self.evaluation.decisions
        items = {i.id: i for i in decisions.checklist}
        for item_id, label in self.status_labels.items():
            item = items.get(item_id)
            status = item.status if item is not None else "missing"
            text, source, detail = (item.text, item.source, item.detail) if item is not None \
                else ("", "", "")
            label.setText(f"<b>{self.tr(str(STATUS_WORDS.get(status, status)))}</b> — "
                          f"{text} ({source}) <i>{detail}</i>")
        decision = decisions.blinatumomab_1
        why = "\n".join(f"{r.rule} ({r.source}): {r.text} — {r.detail}"
                        for r in decisions.reasons["blinatumomab_1"])  # the engine always gives them
        failed = [i for i, it in items.items() if it.status == "failed"]
        if decision is True:
            self.banner.set_status("ok", self.tr("Blinatumomab cycle 1 may be given"), why)
        elif decision is False:
            self.banner.set_status("bad", self.tr(
                "NO blinatumomab — fails {items}; continue on the backbone").format(
                    items=", ".join(failed) or "—"), why)
        else:
            self.banner.set_status("warn", self.tr("Checklist not complete"), why)

    def on_save(self) -> None:
        self.clear_errors()
        section = {key: self.answers[key].value() for _i, key, _q in ITEMS
                   if self.answers[key].value() is not None}
        self.save_with_reason("blinatumomab_checklist", section or None, self.reason, self.reason_error,
                              self.tr("Say where the answers come from."))
