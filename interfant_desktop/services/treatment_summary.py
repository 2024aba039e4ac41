"""The one-page treatment summary of a patient (issue 12): the path with its dates, the
decisions (the engine's, and the clinicians' on review items: who, when, why) and the MRD
chart, as a PDF.

``treatment_summary(store, user, study_id, printed_at=None) -> TreatmentSummary``
    What the page prints, in words, from the engine's evaluation and the record.
``summary_pdf(store, user, study_id, printed_at=None) -> bytes``
    The PDF (``orders.treatment_summary``); each one produced is an audit event
    (who, when, the file's SHA-256).
``save_summary_pdf(store, user, study_id, path) -> bytes``
    The same, written to ``path`` readable by its owner only (it holds patient data).

Nothing is decided here: every status, outcome and date comes from the evaluation
(``services.evaluation.evaluate_patient``, with the recorded phase starts).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

from interfant_desktop import __version__
from interfant_desktop.orders.summary_model import (
    ClinicianDecision,
    DecisionLine,
    MrdLine,
    PathStep,
    TreatmentSummary,
)
from interfant_desktop.private_files import open_private
from interfant_desktop.protocol import Evaluation
from interfant_desktop.protocol.case import MrdResult
from interfant_desktop.protocol.quantities import percent_as_power_of_ten
from interfant_desktop.services._common import load_patient
from interfant_desktop.services.accounts import checked_transaction
from interfant_desktop.services.evaluation import evaluate_patient
from interfant_desktop.services.patients import open_patient
from interfant_desktop.services.permissions import CurrentUser, Permission, require
from interfant_desktop.services.store_access import Store
from interfant_desktop.store.audit import append_event

TIMEPOINTS = {"end_of_induction": "End of induction", "after_blinatumomab_1": "After blinatumomab 1",
              "end_of_consolidation": "End of consolidation",
              "after_blinatumomab_2": "After blinatumomab 2", "pre_hsct": "Before HSCT",
              "other": "Other"}


def _mrd_text(result: MrdResult) -> str:
    if result.kind == "undetectable":
        return "undetectable"
    if result.kind == "pnq" and result.qr_percent is not None:
        qr = result.qr_percent
        return f"positive, not quantifiable (QR {qr:g} % = {percent_as_power_of_ten(qr)})"
    assert result.percent is not None
    return f"{result.percent:g} % ({percent_as_power_of_ten(result.percent)})"


def _risk_text(ev: Evaluation) -> str:
    risk = ev.risk
    now = f"{risk.current} ({risk.subgroup})" if risk.current and risk.subgroup else \
        (risk.current or risk.status)
    return f"{now} · at diagnosis {risk.at_diagnosis or risk.status} · status {risk.status}"


def _eligibility_text(ev: Evaluation) -> str:
    """The engine's own line (as on the patient list): each failing or missing criterion
    with its ID and wording, or "Eligible for Interfant-21"."""
    return ev.standing.attention() or ev.standing.headline


def _next_text(ev: Evaluation) -> str:
    nxt = ev.next_decision
    if nxt is None:
        return "no decision point is open."
    when = "no expected date" if nxt.expected is None else \
        f"expected {nxt.expected.isoformat()} ({nxt.expected:%a}){' — OVERDUE' if nxt.overdue else ''}"
    review = " (review: a clinician decides)" if nxt.status == "review" else ""
    return f"{nxt.question}{review} — {when}: {nxt.basis} ({nxt.reason.rule})"


def _age_text(days: int | None) -> str:
    return "age at diagnosis not known" if days is None else f"{days} days at diagnosis"


def treatment_summary(store: Store, user: CurrentUser, study_id: str,
                      printed_at: dt.datetime | None = None) -> TreatmentSummary:
    """The summary's content for ``study_id`` (see the module docstring)."""
    require(user, Permission.READ)
    ev = evaluate_patient(store, user, study_id)
    record = open_patient(store, user, study_id)
    patient, protocol = ev.case.patient, ev.protocol
    path = tuple(PathStep(p.label, p.status, p.start_date, p.note) for p in ev.roadmap
                 if p.status != "not_applicable")
    decisions = tuple(DecisionLine(d.question, d.outcome, d.status,
                                   ", ".join(dict.fromkeys(r.rule for r in d.reasons)) or "–")
                      for d in ev.decision_points)
    clinicians = tuple(ClinicianDecision(
        d.rule_id, protocol.rule(d.rule_id).text if d.rule_id in protocol.rules else d.review_id,
        d.chosen_option, d.reason, d.decided_by, d.decided_at, d.protocol_version)
        for d in record.review_decisions)
    samples = sorted(ev.case.mrd, key=lambda s: s.date)
    mrd = tuple(MrdLine(s.date, TIMEPOINTS.get(s.timepoint, s.timepoint), _mrd_text(s.result),
                        s.result.kind, s.result.percent if s.result.kind == "percent"
                        else s.result.qr_percent) for s in samples)
    thresholds = tuple(sorted({v for k, v in protocol.thresholds.items()
                               if "mrd" in k and k.endswith("_percent")}, reverse=True))
    return TreatmentSummary(
        study_id=patient.study_id, name=patient.name or "(no name recorded)",
        hospital_number=patient.hospital_number,
        date_of_birth=patient.date_of_birth, diagnosis_date=ev.case.diagnosis.date,
        age_text=_age_text(ev.age_at_diagnosis_days), risk_text=_risk_text(ev),
        eligibility_text=_eligibility_text(ev), protocol_label=protocol.label,
        app_version=__version__,
        printed_at=printed_at or dt.datetime.now().astimezone(),
        printed_by=f"{user.full_name or user.username} ({user.role.replace('_', ' ')})",
        path=path, next_decision=_next_text(ev), decisions=decisions,
        clinician_decisions=clinicians, mrd=mrd, thresholds=thresholds)


def summary_pdf(store: Store, user: CurrentUser, study_id: str,
                printed_at: dt.datetime | None = None) -> bytes:
    """The treatment summary as PDF bytes; producing it is audited."""
    # reportlab loads on the first summary, not with the services (start-up cost).
    from interfant_desktop.orders.treatment_summary import render_summary_pdf

    pdf = render_summary_pdf(treatment_summary(store, user, study_id, printed_at))
    with checked_transaction(store, user) as session:
        patient = load_patient(session, study_id)
        append_event(session, username=user.username, action="print_summary", entity="patient",
                     entity_key=patient.study_id, study_id=patient.study_id,
                     field="treatment summary", new=hashlib.sha256(pdf).hexdigest())
    return pdf


def save_summary_pdf(store: Store, user: CurrentUser, study_id: str, path: Path) -> bytes:
    """Write the summary PDF to ``path`` (mode 0600); returns the bytes written."""
    pdf = summary_pdf(store, user, study_id)
    with open_private(path, "wb") as out:
        out.write(pdf)
    return pdf
