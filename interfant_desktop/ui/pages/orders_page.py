"""Step 7 — Orders: the patient's blinatumomab cycles with the engine's computed doses.

This is the entry point of the infusion-order workflow: "Prepare order…" opens it
(:meth:`OrdersPage.open_orders`) for the patient and the cycle.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
)

from interfant_desktop.protocol.dosing import BSA_FORMULAS
from interfant_desktop.ui.backend import CycleMeasurements, OrderLine
from interfant_desktop.ui.order_words import status_text
from interfant_desktop.ui.pages.base import WorkspacePage
from interfant_desktop.ui.pages.widgets_common import DateField, parse_number

if TYPE_CHECKING:
    from interfant_desktop.protocol.dosing import CycleOrder
    from interfant_desktop.ui.workspace import PatientWorkspace


class OrdersPage(WorkspacePage):
    """One card per blinatumomab cycle: BSA, formula, dose steps with caps."""

    def __init__(self, workspace: PatientWorkspace) -> None:
        super().__init__(workspace, self.tr("Orders"))
        self.banner = self.add_banner()
        self._build_allergy_section()
        self.cards: list[QFrame] = []
        self._existing: list[OrderLine] = []
        self._blinded: frozenset[int] = frozenset()
        self.order_buttons: list[QPushButton] = []
        self.footer = QLabel(self.tr(
            "Chemotherapy block doses are not public: see the protocol document. "
            "The app prints infusion orders for blinatumomab only."))
        self.footer.setWordWrap(True)
        self.footer.setObjectName("Muted")
        self.body.addWidget(self.footer)
        self._build_measurement_form()
        self.body.addStretch(1)

    def _build_allergy_section(self) -> None:
        """The allergy status, above the cycles: an order is signed only once it is recorded
        ("No known allergies" or the list), and the sheet prints it."""
        frame = QFrame()
        frame.setObjectName("Card")
        layout = QVBoxLayout(frame)
        title = QLabel(self.tr("Allergies"))
        title.setObjectName("SectionTitle")
        layout.addWidget(title)
        self.allergy_status = QLabel()
        self.allergy_status.setObjectName("AllergyStatus")
        self.allergy_status.setWordWrap(True)
        self.allergy_status.setAccessibleName(self.tr("Allergy status"))
        layout.addWidget(self.allergy_status)
        form = QFormLayout()
        layout.addLayout(form)
        self.nka_radio = QRadioButton(self.tr("&No known allergies"))
        self.allergic_radio = QRadioButton(self.tr("Allergies &listed below"))
        choice = QHBoxLayout()
        choice.addWidget(self.nka_radio)
        choice.addWidget(self.allergic_radio)
        choice.addStretch(1)
        form.addRow(choice)
        self.allergy_text = QPlainTextEdit()
        self.allergy_text.setPlaceholderText(self.tr("One allergy per line, with the reaction, "
                                                     "e.g. penicillin (rash)"))
        self.allergy_text.setFixedHeight(self.allergy_text.fontMetrics().lineSpacing() * 4 + 12)
        self.add_field(form, self.tr("Allergies"), self.allergy_text, "allergies")
        self.allergy_reason, _ = self.add_text_field(form, self.tr("Source / reason"), "allergies.reason",
                                                     self.tr("Required to change a recorded status"))
        self.save_allergies = self.add_save_button(form, self.tr("Save &allergies"), self.on_save_allergies)
        self.nka_radio.toggled.connect(self._allergy_choice_changed)
        self.allergic_radio.toggled.connect(self._allergy_choice_changed)
        self._allergy_choice_changed()
        self.body.addWidget(frame)

    def _allergy_choice_changed(self) -> None:
        """The allergy text is only for "allergies listed below"."""
        self.allergy_text.setEnabled(self.allergic_radio.isChecked())

    def on_save_allergies(self) -> None:
        """Record "no known allergies" or the allergy text, through the services."""
        self.clear_errors()
        if not self.nka_radio.isChecked() and not self.allergic_radio.isChecked():
            self.show_error("allergies", self.tr(
                "Choose \"No known allergies\" or list the allergies."))
            return
        nka = self.nka_radio.isChecked()
        text = None if nka else self.allergy_text.toPlainText().strip() or None
        if not nka and text is None:
            self.show_error("allergies", self.tr(
                "List the allergies, or choose \"No known allergies\"."))
            return
        reason = self.allergy_reason.text().strip() or None
        if self.workspace.save_allergies(self, nka, text, reason):
            self.allergy_reason.clear()

    def _show_allergies(self) -> None:
        """The recorded status in the section and the form filled with it."""
        nka, text = self.workspace.no_known_allergies, self.workspace.allergies
        self.allergy_status.setText(self.allergy_summary(nka, text))
        self.allergy_status.setStyleSheet(
            "font-weight: 600;" + (" color: #b00020;" if nka is not True else ""))
        for radio, checked in ((self.nka_radio, nka is True), (self.allergic_radio, nka is False)):
            radio.setAutoExclusive(False)
            radio.setChecked(checked)
            radio.setAutoExclusive(True)
        self.allergy_text.setPlainText(text or "")
        self._allergy_choice_changed()

    def allergy_summary(self, no_known_allergies: bool | None, allergies: str | None) -> str:
        """One line for the allergy status (also shown in the patient header)."""
        if no_known_allergies is None:
            return self.tr("Allergies NOT RECORDED — record them before an order can be "
                           "signed")
        if no_known_allergies:
            return self.tr("No known allergies")
        items = ", ".join(line.strip() for line in (allergies or "").splitlines()
                          if line.strip())
        return self.tr("ALLERGIES: {items}").format(items=items)

    def _build_measurement_form(self) -> None:
        """Weight and height per cycle: the numbers the engine computes the dose from."""
        self.section_title(self.tr("Record weight and height for a cycle"))
        form = self.add_form()
        self.cycle = QComboBox()
        self.cycle.addItem(self.tr("Cycle 1"), 1)
        self.cycle.addItem(self.tr("Cycle 2"), 2)
        self.cycle.setProperty("view_selector", True)  # which cycle the form is for
        self.add_field(form, self.tr("C&ycle"), self.cycle, "measure.cycle")
        self.start_date = DateField()
        self.add_field(form, self.tr("Cycle &start date"), self.start_date, "measure.start_date")
        self.weight_edit, _ = self.add_text_field(
            form, self.tr("&Weight (kg)"), "measure.weight_kg", self.tr("kg, e.g. 6.4"),
            self.tr("Plausible range from the protocol file (R-PLAUS)."))
        self.weight_date = DateField()
        self.add_field(form, self.tr("Weighed on"), self.weight_date, "measure.weight_date")
        self.height_edit, _ = self.add_text_field(form, self.tr("&Height (cm)"), "measure.height_cm",
                                                  self.tr("cm, e.g. 64"))
        self.height_date = DateField()
        self.add_field(form, self.tr("Measured on"), self.height_date, "measure.height_date")
        self.measure_reason, _ = self.add_text_field(form, self.tr("Source / reason"), "measure.reason",
                                                     self.tr("e.g. ward scales, 2026-04-02 morning"))
        self.save_measure = self.add_save_button(form, self.tr("Save &measurements"),
                                                 self.on_save_measurements)
        # Nurses may record weight and height (the services check this too).
        self.save_measure.setProperty("permission", "measurements")

    def on_save_measurements(self) -> None:
        """Check the numbers, confirm a large weight change, then record them."""
        self.clear_errors()
        weight, height = parse_number(self.weight_edit.text()), parse_number(self.height_edit.text())
        if not isinstance(weight, float):
            self.show_error("measure.weight_kg", self.tr("Enter the weight in kg, e.g. 6.4."))
            return
        if not isinstance(height, float):
            self.show_error("measure.height_cm", self.tr("Enter the height in cm, e.g. 64."))
            return
        cycle = int(self.cycle.currentData())
        measured = CycleMeasurements(cycle, weight, height, self.start_date.value() or None,
                                     self.weight_date.value() or None,
                                     self.height_date.value() or None)
        entry = measured.case_entry()  # the cycle as the engine's preview reads it
        cycles = [c for c in self.workspace.list_section_json("blinatumomab")
                  if c["cycle"] != cycle]
        cycles = sorted([*cycles, entry], key=lambda c: c["cycle"])
        index = cycles.index(entry)
        # The engine's parser names blinatumomab[i].…; show that beside these fields.
        for key in ("weight_kg", "height_cm", "start_date", "weight_date", "height_date",
                    "cycle"):
            self.errors[f"blinatumomab[{index}].{key}"] = self.errors[f"measure.{key}"]
        preview = self.workspace.preview("blinatumomab", cycles)
        order = preview.order_for(cycle) if preview is not None else None
        if order is not None:
            changes = [w for w in order.warnings if "Weight changed" in w]
            if changes and QMessageBox.question(
                    self, self.tr("Confirm the weight"),
                    self.tr("{warning}\n\nRecord this weight?").format(warning=changes[0]),
            ) != QMessageBox.StandardButton.Yes:
                self.show_error("measure.weight_kg", self.tr(
                    "Not saved: weigh again or confirm the change."))
                return
        reason = self.measure_reason.text().strip() or None
        if self.workspace.save_measurements(self, measured, cycles, reason):
            for edit in (self.weight_edit, self.height_edit, self.measure_reason):
                edit.clear()

    def open_orders(self, cycle: int) -> QDialog:
        """The order workflow of ``cycle`` (interfant_desktop.ui.orders): start, trail,
        sign, blinded verification, preview, print, save and cancel."""
        from interfant_desktop.ui.orders import open_order_workflow

        self.order_dialog = open_order_workflow(self.workspace, cycle)
        return self.order_dialog

    def refresh(self) -> None:
        self._show_allergies()
        for card in self.cards:
            self.body.removeWidget(card)
            card.deleteLater()
        self.cards, self.order_buttons = [], []
        orders = self.evaluation.orders
        self._existing = self.workspace.backend.orders(self.workspace.patient_id)
        # The services decide who is blinded (a pharmacist before verifying): for those
        # cycles the card shows neither the first measurements nor anything computed
        # (the services leave those cycles out of the case, so they get a card here).
        self._blinded = self.workspace.backend.blinded_cycles(self.workspace.patient_id)
        computed = {o.cycle: o for o in orders}
        cycles = sorted(set(computed) | set(self._blinded))
        if not cycles:
            self.banner.set_status("neutral", self.tr("No blinatumomab cycle recorded yet"),
                                   self.tr("Doses appear here once a cycle with weight and "
                                           "height is recorded."))
        else:
            self.banner.set_status("info", (
                self.tr("1 blinatumomab cycle with computed doses") if len(cycles) == 1 else
                self.tr("{n} blinatumomab cycles with computed doses").format(n=len(cycles))),
                                   self.tr("Doses are computed by the engine; verify before "
                                           "signing the order."))
        index = self.body.indexOf(self.footer)
        for cycle in cycles:
            card = self._card(cycle, computed.get(cycle))
            self.body.insertWidget(index, card)
            index += 1
            self.cards.append(card)

    def _card(self, cycle: int, order: CycleOrder | None) -> QFrame:
        """One cycle's card; ``order`` is None for a cycle hidden from a blinded verifier."""
        card = QFrame()
        card.setObjectName("Card")
        layout = QVBoxLayout(card)
        title = QLabel(self.tr("Blinatumomab cycle {cycle}").format(cycle=cycle))
        title.setObjectName("SectionTitle")
        layout.addWidget(title)
        if cycle in self._blinded or order is None:
            hidden = QLabel(self.tr("Hidden until you verify: re-enter the weight and height "
                                    "in the verification dialog"))
            hidden.setObjectName("BlindedNotice")
            hidden.setStyleSheet("font-weight: 600;")
            layout.addWidget(hidden)
        else:
            self._computed(layout, order)
        self._order_lines(layout, card, cycle)
        return card

    def _computed(self, layout: QVBoxLayout, order: CycleOrder) -> None:
        """The engine's numbers of one cycle: measurements, BSA, doses, warnings, rules."""
        layout.addWidget(QLabel(self.tr(
            "Weight {w} kg · height {h} cm · BSA {bsa} m² ({formula})").format(
                w=order.weight_kg, h=order.height_cm, bsa=order.bsa_m2,
                formula=BSA_FORMULAS.get(order.bsa_formula, order.bsa_formula))))
        for step in order.steps:
            capped = self.tr(" — capped") if step.capped else ""
            layout.addWidget(QLabel(self.tr(
                "Days {a}–{b}: {per_m2} mcg/m²/day → <b>{dose} mcg/day</b>{capped}").format(
                    a=step.first_day, b=step.last_day, per_m2=step.dose_mcg_per_m2_day,
                    dose=step.dose_mcg_per_day, capped=capped)))
            rules = "; ".join(f"{r.rule} ({r.source}): {r.detail}" for r in step.rules)
            if rules:
                rule_label = QLabel(rules)
                rule_label.setWordWrap(True)
                rule_label.setObjectName("Muted")
                layout.addWidget(rule_label)
        premed = order.premedication  # the protocol file's premedication block, as data
        if premed:
            layout.addWidget(QLabel(self.tr(
                "Premedication: {drug} {dose} mg ({per_m2} mg/m², max {max} mg) — {when}").format(
                    drug=premed.get("drug"), dose=premed.get("dose_mg"),
                    per_m2=premed.get("mg_per_m2"), max=premed.get("max_mg"),
                    when="; ".join(premed.get("when") or []))))
        for warning in order.warnings:
            label = QLabel("⚠ " + warning)
            label.setWordWrap(True)
            label.setStyleSheet("color: #7a5200; font-weight: 600;")
            layout.addWidget(label)

    def _order_lines(self, layout: QVBoxLayout, card: QFrame, cycle: Any) -> None:
        """The cycle's stored orders and the button that opens the order workflow."""
        existing = [o for o in self._existing if o.cycle == cycle]
        for line in existing:
            stale = self.tr(" — STALE: data changed, cancel and draft again") if line.stale else ""
            label = QLabel(self.tr("Order #{id}: {status}{stale}").format(
                id=line.id, status=status_text(line.status),
                stale=stale))
            label.setObjectName("OrderLine")
            label.setStyleSheet("font-weight: 600;" + (" color: #b00020;"
                                                       if line.status == "held" else ""))
            layout.addWidget(label)
            if line.note:
                note = QLabel(line.note)
                note.setObjectName("OrderStateNote")
                layout.addWidget(note)
            if line.history:
                history = QLabel("\n".join(line.history))
                history.setObjectName("OrderTransitions")
                history.setAccessibleName(self.tr("Signatures and transitions of order {id}")
                                          .format(id=line.id))
                layout.addWidget(history)
        row = QHBoxLayout()
        row.addStretch(1)
        button = QPushButton(self.tr("Prepare order for cycle {cycle}…").format(cycle=cycle))
        button.setAccessibleName(self.tr("Prepare infusion order for cycle {cycle}").format(
            cycle=cycle))
        button.clicked.connect(lambda _=False, c=int(cycle or 0): self.open_orders(c))
        row.addWidget(button)
        self.order_buttons.append(button)
        layout.addLayout(row)
        for label in card.findChildren(QLabel):
            label.setWordWrap(True)  # long rule texts wrap instead of widening the page

