"""Correcting a recorded fact, or marking it entered in error, from the screen.

The clinician picks the fact (by the name the forms use: "Date of birth", "Blasts on
day 8", "MRD result — End of induction, 2026-05-22"), then either gives the new value
or marks it **entered in error**, always with a reason. The services decide who may do
it, check the new value with the engine's case parser, audit it and re-evaluate; this
module only shows what they answer: the field refused and why (the dialog stays open,
nothing typed is lost), a correction waiting for a second person (who confirms it here
with their own password), and the banner naming every answer of the engine that
changed, with the rule behind the new answer.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from interfant_desktop.protocol.quantities import wbc_unit_text
from interfant_desktop.services.clinical import AllergyStatus
from interfant_desktop.services.corrections import (
    ALLERGIES,
    Correction,
    CorrectionRequest,
    CorrectionResult,
    EnteredInError,
    EvaluationChange,
    FactRef,
    IndexedSample,
    PendingCorrection,
    mrd_in_date_order,
    needs_second_person,
)
from interfant_desktop.ui.backend import ConflictError, UserFacingError
from interfant_desktop.ui.dialogs.parts import (
    fit_to_contents,
    ok_cancel_buttons,
    problem_label,
    reason_box,
    show_problem,
)
from interfant_desktop.ui.formatting import mrd_result_text, timepoint_label
from interfant_desktop.ui.pages.widgets_common import Choice, parse_number

if TYPE_CHECKING:
    from interfant_desktop.ui.workspace import PatientWorkspace

_YES_NO: list[tuple[Any, object]] = [(True, QT_TRANSLATE_NOOP("CorrectionDialog", "yes")),
                                     (False, QT_TRANSLATE_NOOP("CorrectionDialog", "no"))]
_CODES = tuple[object, str, list[tuple[Any, object]]]
#: Case-file key -> (the name on the forms, the kind of editor, the choices if any); names and
#: choices are catalogue sources, translated where they are shown (codes such as B-ALL are not).
_FIELDS: dict[str, dict[str, _CODES]] = {
    "patient": {
        "name": (QT_TRANSLATE_NOOP("CorrectionDialog", "Name"), "text", []),
        "hospital_number": (QT_TRANSLATE_NOOP("CorrectionDialog", "Hospital number"), "text", []),
        "date_of_birth": (QT_TRANSLATE_NOOP("CorrectionDialog", "Date of birth"), "date", []),
        "sex": (QT_TRANSLATE_NOOP("CorrectionDialog", "Sex"), "choice", [
            ("female", QT_TRANSLATE_NOOP("CorrectionDialog", "female")),
            ("male", QT_TRANSLATE_NOOP("CorrectionDialog", "male")),
            ("other", QT_TRANSLATE_NOOP("CorrectionDialog", "other")),
            ("unknown", QT_TRANSLATE_NOOP("CorrectionDialog", "unknown"))]),
        "down_syndrome": (QT_TRANSLATE_NOOP("CorrectionDialog", "Down syndrome"), "choice", _YES_NO)},
    "diagnosis": {
        "date": (QT_TRANSLATE_NOOP("CorrectionDialog", "Date of diagnosis"), "date", []),
        "lineage": (QT_TRANSLATE_NOOP("CorrectionDialog", "Lineage"), "choice",
                    [(v, v) for v in ("B-ALL", "B-MPAL", "MPAL-multilineage", "T-ALL", "other")]),
        "kmt2a": (QT_TRANSLATE_NOOP("CorrectionDialog", "KMT2A"), "choice", [
            ("rearranged", QT_TRANSLATE_NOOP("CorrectionDialog", "rearranged")),
            ("wildtype", QT_TRANSLATE_NOOP("CorrectionDialog", "wildtype")),
            ("pending", QT_TRANSLATE_NOOP("CorrectionDialog", "pending"))]),
        "kmt2a_partner": (QT_TRANSLATE_NOOP("CorrectionDialog", "KMT2A partner gene"), "text", []),
        "relapsed": (QT_TRANSLATE_NOOP("CorrectionDialog", "Relapsed ALL"), "choice", _YES_NO),
        "wbc": (QT_TRANSLATE_NOOP("CorrectionDialog", "WBC at diagnosis"), "wbc", []),
        "prior_steroids": (QT_TRANSLATE_NOOP("CorrectionDialog", "Steroids before diagnosis"), "choice",
                           _YES_NO),
        "prior_chemotherapy": (QT_TRANSLATE_NOOP("CorrectionDialog", "Chemotherapy before diagnosis"),
                               "choice", _YES_NO),
        "consent": (QT_TRANSLATE_NOOP("CorrectionDialog", "Informed consent"), "choice", _YES_NO)},
    "prednisone_response": {
        "date": (QT_TRANSLATE_NOOP("CorrectionDialog", "Prednisone response: date"), "date", []),
        "blasts_per_uL": (QT_TRANSLATE_NOOP("CorrectionDialog", "Blasts on day 8 (/µL)"), "number", []),
        "not_evaluable": (QT_TRANSLATE_NOOP("CorrectionDialog", "Prednisone response not evaluable"),
                          "choice", _YES_NO)},
    "end_of_induction": {
        "date": (QT_TRANSLATE_NOOP("CorrectionDialog", "End of induction: date"), "date", []),
        "marrow": (QT_TRANSLATE_NOOP("CorrectionDialog", "End of induction: marrow"), "choice", [
            ("M1", QT_TRANSLATE_NOOP("CorrectionDialog", "M1 (< 5 % blasts)")),
            ("M2", QT_TRANSLATE_NOOP("CorrectionDialog", "M2 (5 % to < 25 % blasts)")),
            ("M3", QT_TRANSLATE_NOOP("CorrectionDialog", "M3 (≥ 25 % blasts)"))]),
        "cns": (QT_TRANSLATE_NOOP("CorrectionDialog", "End of induction: CNS status"), "choice",
                [(v, v) for v in ("CNS1", "CNS2", "CNS3")])},
    "blinatumomab_checklist": {
        "cd19_positive": (QT_TRANSLATE_NOOP("CorrectionDialog", "B1 CD19 positive"), "choice", _YES_NO),
        "cns1_at_eoi": (QT_TRANSLATE_NOOP("CorrectionDialog", "B2 CNS1 at end of induction"), "choice",
                        _YES_NO),
        "hypersensitivity": (QT_TRANSLATE_NOOP("CorrectionDialog", "B3 hypersensitivity to blinatumomab"),
                             "choice", _YES_NO),
        "live_vaccine_28d": (QT_TRANSLATE_NOOP("CorrectionDialog", "B4 live vaccine in the last 28 days"),
                             "choice", _YES_NO)},
    "blinatumomab": {
        "start_date": (QT_TRANSLATE_NOOP("CorrectionDialog", "start date"), "date", []),
        "weight_kg": (QT_TRANSLATE_NOOP("CorrectionDialog", "weight (kg)"), "number", []),
        "weight_date": (QT_TRANSLATE_NOOP("CorrectionDialog", "weight date"), "date", []),
        "height_cm": (QT_TRANSLATE_NOOP("CorrectionDialog", "height (cm)"), "number", []),
        "height_date": (QT_TRANSLATE_NOOP("CorrectionDialog", "height date"), "date", [])},
}
_RULE = QT_TRANSLATE_NOOP("CorrectionDialog",
                          "Nothing is deleted. A corrected value replaces the recorded one and the old "
                          "value stays in the history. A value marked entered in error leaves the "
                          "evaluation and the lists and stays in the history, struck through. Either "
                          "needs a reason; both are audited, the engine re-evaluates at once and open "
                          "orders become stale.")
_TWO_PEOPLE = QT_TRANSLATE_NOOP("CorrectionDialog",
                                "Identity and date of birth: a physician or administrator requests the "
                                "correction and a second one confirms it with their password.")


@dataclass(frozen=True)
class RecordedFact:
    """A fact the clinician can correct: where it is, its name, its value as text."""

    ref: FactRef
    label: str
    value: Any
    value_text: str
    editor: str
    choices: tuple[tuple[Any, str], ...] = ()
    #: the MRD result the fact is (its editor starts from it), None for any other fact
    sample: IndexedSample | None = None


def fact_label(path: str) -> str:
    """The clinician's name of a fact path (``patient.date_of_birth`` -> "Date of birth")."""
    head, _, key = path.partition(".")
    section = head.split("[", 1)[0]
    if path == "patient":
        return QCoreApplication.translate("CorrectionDialog", "The whole patient (registered by mistake)")
    if section == "mrd" and not key:
        return QCoreApplication.translate("CorrectionDialog", "MRD result")
    label = _FIELDS.get(section, {}).get(key)
    return _t(label[0]) if label else path


def _shown_choices(codes: list[tuple[Any, object]]) -> tuple[tuple[Any, str], ...]:
    """A field's choices as the user reads them (a code such as ``B-ALL`` stays itself)."""
    return tuple((key, _t(text)) for key, text in codes)


def _text(value: Any, choices: tuple[tuple[Any, str], ...] = ()) -> str:
    label = next((text for key, text in choices if key == value), None)
    if label is not None:
        return label
    if isinstance(value, dict) and "value" in value:
        return f"{value['value']} {wbc_unit_text(str(value.get('unit', '')))}"  # a WBC
    return "—" if value is None else str(value)


def recorded_facts(case: Mapping[str, Any], no_known_allergies: bool | None,
                   allergies: str | None,
                   blinded_cycles: frozenset[int] = frozenset()) -> list[RecordedFact]:
    """Every fact recorded for the patient, in the order of the workspace steps; the
    weight and height of a cycle the user verifies blinded are left out (never shown).
    ``case`` is the stored case in case-file form (it passed the engine's parser): a
    correction names a case-file path and gives its new value in that form."""
    out: list[RecordedFact] = []
    out.append(RecordedFact(FactRef("patient"), fact_label("patient"), None,
                            str(case["patient"]["study_id"]), "none"))
    for section in ("patient", "diagnosis", "prednisone_response", "end_of_induction",
                    "blinatumomab_checklist"):
        values = case.get(section) or {}
        for key, (label, editor, codes) in _FIELDS[section].items():
            if values.get(key) is not None:
                choices = _shown_choices(codes)
                out.append(RecordedFact(FactRef(section, field=key), _t(label), values[key],
                                        _text(values[key], choices), editor, choices))
    for item in mrd_in_date_order(case):
        sample = item.sample
        out.append(RecordedFact(
            FactRef("mrd", item.index),
            QCoreApplication.translate("CorrectionDialog", "MRD result")
            + f" — {timepoint_label(item.timepoint or '')}, {item.date}",
            dict(sample), mrd_result_text(item.result), "mrd", sample=item))
    for index, cycle in enumerate(case.get("blinatumomab") or []):
        number = cycle["cycle"]  # required in every entry
        for key, (label, editor, _choices) in _FIELDS["blinatumomab"].items():
            hidden = number in blinded_cycles and key != "start_date"
            if cycle.get(key) is not None and not hidden:
                out.append(RecordedFact(FactRef("blinatumomab", index, key),
                                        QCoreApplication.translate(
                                            "CorrectionDialog", "Blinatumomab cycle {n}: {fact}").format(
                                            n=number, fact=_t(label)),
                                        cycle[key], str(cycle[key]), editor))
    if no_known_allergies is not None:
        status = AllergyStatus(no_known_allergies, allergies)
        out.append(RecordedFact(FactRef(ALLERGIES),
                                QCoreApplication.translate("CorrectionDialog", "Allergies"), status,
                                QCoreApplication.translate("CorrectionDialog", "No known allergies")
                                if no_known_allergies else
                                str(allergies), "allergies"))
    return out


# --- the editors of a new value ---------------------------------------------------------------

class _ValueEditor(QWidget):
    """The new value, in the form the fact is entered on its page."""

    def __init__(self, fact: RecordedFact, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.fact = fact
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        self.line = QLineEdit()
        self.choice: Choice | None = None
        self.kind = QComboBox()
        self.nka = QCheckBox(self.tr("No known allergies"))
        self.timepoint = Choice([(key, timepoint_label(key)) for key in (
            "end_of_induction", "after_blinatumomab_1", "end_of_consolidation",
            "after_blinatumomab_2", "pre_hsct", "other")])
        self.date = QLineEdit()
        value = fact.value
        if fact.editor == "choice":
            self.choice = Choice([(None, self.tr("choose…")), *fact.choices])
            self.choice.setAccessibleName(self.tr("New value of {fact}").format(fact=fact.label))
            form.addRow(self.tr("New &value"), self.choice)
        elif fact.editor == "mrd":
            assert fact.sample is not None  # every MRD fact carries its sample
            self.timepoint.set_value(fact.sample.timepoint)
            self.date.setText(fact.sample.date)
            self.kind.addItem(self.tr("Value in %"), "percent")
            self.kind.addItem(self.tr("Undetectable"), "undetectable")
            self.kind.addItem(self.tr("Positive, not quantifiable"), "pnq")
            result = fact.sample.result
            if result == "undetectable":
                self.kind.setCurrentIndex(1)
            elif isinstance(result, dict):
                self.kind.setCurrentIndex(0 if "percent" in result else 2)
                self.line.setText(str(fact.sample.quantity))
            for label, widget in ((self.tr("&Time point"), self.timepoint),
                                  (self.tr("Sample &date"), self.date),
                                  (self.tr("&Kind of result"), self.kind),
                                  (self.tr("&Value or quantitative range (%)"), self.line)):
                widget.setAccessibleName(label.replace("&", ""))
                form.addRow(label, widget)
        elif fact.editor == "none":
            self.hide()
        elif fact.editor == "allergies":
            self.nka.setChecked(bool(value.no_known_allergies))
            self.line.setText(value.allergies or "")
            self.line.setAccessibleName(self.tr("Allergies"))
            form.addRow("", self.nka)
            form.addRow(self.tr("&Allergies"), self.line)
        else:
            # Starts empty (the recorded value is shown above): nothing is appended to it.
            self.line.setPlaceholderText(self.tr("YYYY-MM-DD") if fact.editor == "date" else "")
            self.line.setAccessibleName(self.tr("New value of {fact}").format(fact=fact.label))
            unit = "  " + _text(value).split(" ", 1)[1] if fact.editor == "wbc" else ""
            form.addRow(self.tr("New &value") + unit, self.line)

    def value(self) -> Any:
        """The new value in case-file form; ValueError says what is wrong."""
        editor, text = self.fact.editor, self.line.text().strip()
        if editor == "choice":
            assert self.choice is not None
            if self.choice.currentIndex() <= 0:
                raise ValueError(self.tr("Choose the new value."))
            return self.choice.currentData()
        if editor == "date":
            return _date(text)
        if editor in ("number", "wbc"):
            number = parse_number(text)
            if not isinstance(number, float):
                raise ValueError(self.tr("Enter a number."))
            return {**self.fact.value, "value": number} if editor == "wbc" else number
        if editor == "mrd":
            return self._mrd(text)
        if editor == "allergies":
            return {"no_known_allergies": self.nka.isChecked(), "allergies": text or None}
        return text or None

    def _mrd(self, text: str) -> dict[str, Any]:
        sample = {**self.fact.value, "timepoint": self.timepoint.value(),
                  "date": _date(self.date.text().strip())}
        kind = self.kind.currentData()
        if kind == "undetectable":
            sample["result"] = "undetectable"
            return sample
        number = parse_number(text)
        if not isinstance(number, float):
            raise ValueError(self.tr("Enter the MRD value in % of nucleated cells (0–100)."))
        sample["result"] = ({"percent": number} if kind == "percent" else
                            {"positive_not_quantifiable": True,
                             "quantitative_range_percent": number})
        return sample


def _date(text: str) -> str:
    try:
        return dt.date.fromisoformat(text).isoformat()
    except ValueError:
        raise ValueError(QCoreApplication.translate("CorrectionDialog",
                                                    "Enter the date as YYYY-MM-DD.")) from None


# --- the dialogs ---------------------------------------------------------------------------

class CorrectionDialog(QDialog):
    """Correct one fact or mark it entered in error; ``submit`` records the request and
    raises ``UserFacingError`` when the services refuse it (shown here, dialog stays open)."""

    def __init__(self, fact: RecordedFact, submit: Callable[[CorrectionRequest], Any],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("CorrectionDialog")
        self.setWindowTitle(self.tr("Correct: {fact}").format(fact=fact.label))
        self.fact, self._submit = fact, submit
        self.result_of_submit: Any = None
        #: True when the record changed meanwhile (nothing saved; the workspace offers a reload)
        self.conflict = False
        layout = QVBoxLayout(self)
        recorded = QLabel(self.tr("<b>{fact}</b><br>Recorded: {value}").format(
            fact=_escape(fact.label), value=_escape(fact.value_text)))
        recorded.setAccessibleName(self.tr("Recorded value"))
        layout.addWidget(recorded)
        rule = QLabel(_t(_RULE) + (" " + _t(_TWO_PEOPLE) if needs_second_person(fact.ref)
                                   else ""))
        rule.setWordWrap(True)
        rule.setObjectName("FieldHint")
        layout.addWidget(rule)
        self.correct_radio = QRadioButton(self.tr("&Correct the value"))
        self.error_radio = QRadioButton(self.tr("Mark as entered in &error"))
        group = QButtonGroup(self)
        for radio in (self.correct_radio, self.error_radio):
            group.addButton(radio)
            layout.addWidget(radio)
        self.correct_radio.setChecked(True)
        if fact.editor == "none":  # the whole patient: only "entered in error"
            self.error_radio.setChecked(True)
            self.correct_radio.setEnabled(False)
        self.editor = _ValueEditor(fact)
        layout.addWidget(self.editor)
        self.reason = reason_box(layout, self.tr("&Reason (required, recorded in the audit trail):"),
                                 self.tr("Reason for the correction"), 70)
        self.problem = problem_label()
        layout.addWidget(self.problem)
        layout.addWidget(ok_cancel_buttons(self, self.tr("Record correction")))
        self.error_radio.toggled.connect(lambda on: self.editor.setEnabled(not on))
        self.editor.kind.currentIndexChanged.connect(self._kind_changed)
        self._kind_changed()
        fit_to_contents(self)  # tall enough for the wrapped rule text, never cut mid-line

    def _kind_changed(self) -> None:
        """An undetectable MRD result has no value to type."""
        if self.fact.editor == "mrd":
            self.editor.line.setEnabled(self.editor.kind.currentData() != "undetectable")

    def request(self) -> CorrectionRequest:
        """The request as entered; ValueError names what is missing."""
        reason = self.reason.toPlainText().strip()
        if self.error_radio.isChecked():
            request: CorrectionRequest = EnteredInError(self.fact.ref, reason)
        else:
            request = Correction(self.fact.ref, self.editor.value(), reason)
        if not reason:
            raise ValueError(self.tr("Give the reason for this correction (audit trail)."))
        return request

    def accept(self) -> None:
        try:
            self.result_of_submit = self._submit(self.request())
        except ConflictError:
            self.conflict = True
            super().reject()
            return
        except (ValueError, UserFacingError) as exc:
            show_problem(self, self.problem, str(exc))  # grows the dialog: nothing above is cut
            return
        super().accept()


class FactPickerDialog(QDialog):
    """Choose which recorded fact to correct."""

    def __init__(self, facts: list[RecordedFact], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("FactPickerDialog")
        self.setWindowTitle(self.tr("Correct a recorded value"))
        self.facts = facts
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Which recorded value is wrong?")))
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Recorded values"))
        for fact in facts:
            QListWidgetItem(f"{fact.label}: {fact.value_text}", self.list)
        self.list.setCurrentRow(0)
        self.list.itemDoubleClicked.connect(self.accept)
        layout.addWidget(self.list)
        layout.addWidget(ok_cancel_buttons(self, self.tr("Correct…")))

    def chosen(self) -> RecordedFact | None:
        row = self.list.currentRow()
        return self.facts[row] if 0 <= row < len(self.facts) else None


class SecondPersonDialog(QDialog):
    """A second physician or administrator confirms a pending correction with their own
    user name and password; ``submit(username, password)`` raises on refusal."""

    def __init__(self, pending: PendingCorrection, submit: Callable[[str, str], Any],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("SecondPersonDialog")
        self.setWindowTitle(self.tr("Confirm a correction (second person)"))
        self._submit = submit
        self.result_of_submit: Any = None
        layout = QVBoxLayout(self)
        what = self.tr("entered in error") if pending.kind == "entered_in_error" else \
            f"{_text(pending.old_value)} → {_text(pending.new_value)}"
        text = QLabel(self.tr("<b>{fact}</b>: {what}<br>Requested by {who}: {reason}<br>{rule}")
                      .format(fact=_escape(fact_label(pending.fact)), what=_escape(what),
                              who=_escape(pending.requested_by),
                              reason=_escape(pending.reason), rule=_escape(_t(_TWO_PEOPLE))))
        text.setWordWrap(True)
        layout.addWidget(text)
        form = QFormLayout()
        self.username = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        for label, widget in ((self.tr("Second person's &user name"), self.username),
                              (self.tr("Their &password"), self.password)):
            widget.setAccessibleName(label.replace("&", ""))
            form.addRow(label, widget)
        layout.addLayout(form)
        self.problem = problem_label()
        layout.addWidget(self.problem)
        layout.addWidget(ok_cancel_buttons(self, self.tr("Confirm correction"), self.tr("Later")))

    def accept(self) -> None:
        try:
            self.result_of_submit = self._submit(self.username.text().strip(),
                                                 self.password.text())
        except (UserFacingError, ConflictError) as exc:
            self.password.clear()
            show_problem(self, self.problem, str(exc))
            return
        super().accept()


class CorrectionBanner(QFrame):
    """Under the header: what the last correction changed (and why), and corrections
    waiting for a second person, each with a button to confirm it."""

    def __init__(self, confirm: Callable[[PendingCorrection], object],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("CorrectionBanner")
        self._confirm = confirm
        self.box = QVBoxLayout(self)
        self.box.setContentsMargins(16, 4, 16, 4)
        self.changes = QLabel()
        self.changes.setWordWrap(True)
        self.changes.setAccessibleName(self.tr("What the correction changed"))
        self.box.addWidget(self.changes)
        self.pending_rows: list[QWidget] = []
        self.changes.hide()
        self.hide()

    def show_changes(self, result: CorrectionResult) -> None:
        """Name every answer of the engine that changed, with the rules behind it."""
        self.changes.setText(changes_text(result.changes, result.stale_orders))
        self.changes.show()
        self.show()

    def show_pending(self, pending: tuple[PendingCorrection, ...]) -> None:
        for row in self.pending_rows:
            row.deleteLater()
        self.pending_rows = []
        for item in pending:
            row = QWidget()
            line = QHBoxLayout(row)
            line.setContentsMargins(0, 0, 0, 0)
            label = QLabel(self.tr("Waiting for a second person: {fact} ({who}: {reason})")
                           .format(fact=_escape(fact_label(item.fact)),
                                   who=_escape(item.requested_by),
                                   reason=_escape(item.reason)))
            label.setWordWrap(True)
            button = QPushButton(self.tr("Confirm…"))
            button.setAccessibleName(self.tr("Confirm the correction of {fact}").format(fact=item.fact))
            button.clicked.connect(lambda _=False, p=item: self._confirm(p))
            line.addWidget(label, 1)
            line.addWidget(button)
            self.box.addWidget(row)
            self.pending_rows.append(row)
        self.setVisible(bool(self.pending_rows) or not self.changes.isHidden())


def changes_text(changes: tuple[EvaluationChange, ...], stale: tuple[int, ...]) -> str:
    """The banner's text: each changed answer, before → after, with its rules."""
    if not changes:
        lines = [QCoreApplication.translate(
            "CorrectionDialog", "Correction recorded. The risk group and the decisions did not change.")]
    else:
        lines = ["<b>" + QCoreApplication.translate(
            "CorrectionDialog", "Correction recorded. What changed and why:") + "</b>"]
        unverified = " [" + QCoreApplication.translate("CorrectionDialog", "unverified rule") + "]"
        for change in changes:
            rules = "; ".join(f"{r.rule} ({r.source}): {r.text}" + ("" if r.verified else unverified)
                              for r in change.reasons[:3])
            lines.append(f"{_escape(change.what)}: <b>{_escape(change.before)} → "
                         f"{_escape(change.after)}</b>" + (f" — {_escape(rules)}" if rules
                                                          else ""))
    if stale:
        lines.append(QCoreApplication.translate(
            "CorrectionDialog", "Open order(s) {orders} are now stale: cancel and make a new order.")
                     .replace("{orders}", ", ".join(str(i) for i in stale)))
    return "<br>".join(lines)


def _t(text: object) -> str:
    """Module-level wording (a catalogue source: field names, choices, the rule) in the dialog's
    context."""
    return QCoreApplication.translate("CorrectionDialog", str(text))


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# --- the flow, started from a page or the header ---------------------------------------------

def run_correction(workspace: PatientWorkspace, ref: FactRef | None = None) -> bool:
    """Pick (unless ``ref`` is given) a recorded fact, correct it, confirm it if a second
    person is needed, then reload and show what changed. True when something was recorded."""
    backend = workspace.backend
    facts = recorded_facts(workspace.case_file, workspace.no_known_allergies, workspace.allergies,
                           backend.blinded_cycles(workspace.patient_id))
    fact = next((f for f in facts if ref is not None and f.ref.path == ref.path), None)
    if fact is None:
        picker = FactPickerDialog(facts, workspace)
        if not picker.exec() or (fact := picker.chosen()) is None:
            return False

    def submit(request: CorrectionRequest) -> CorrectionResult:
        return backend.correct_fact(workspace.patient_id, request, workspace.version)

    dialog = CorrectionDialog(fact, submit, workspace)
    if not dialog.exec():
        if dialog.conflict:
            workspace.offer_reload()
        return False
    result: CorrectionResult = dialog.result_of_submit
    if result.pending is not None:
        workspace.reload()
        confirm_pending(workspace, result.pending)
        return True
    workspace.reload()
    workspace.correction_banner.show_changes(result)
    workspace.saved.emit(workspace.patient_id)
    return True


def confirm_pending(workspace: PatientWorkspace, pending: PendingCorrection) -> bool:
    """Offer the second person's confirmation of ``pending`` ("Later" keeps it pending)."""
    dialog = SecondPersonDialog(pending, lambda user, password: workspace.backend
                                .confirm_correction(pending.id, user, password), workspace)
    if not dialog.exec():
        return False
    result: CorrectionResult = dialog.result_of_submit
    workspace.saved.emit(workspace.patient_id)
    if result.record.entered_in_error_reason is not None:  # registered by mistake: gone
        workspace.close_requested.emit()
        return True
    workspace.reload()
    workspace.correction_banner.show_changes(result)
    return True
