"""The data manager's tables (CSV, UTF-8, one header row) and their data dictionary.

``patients.csv`` one row per patient (study ID, dates, risk at diagnosis and now,
decisions, eligibility); ``mrd.csv`` one row per MRD result; ``cycles.csv`` one row per
blinatumomab cycle; ``bags.csv`` one row per bag of the engine's schedule;
``orders.csv`` one row per stored order; ``bags_given.csv`` one row per bag as given (the
bedside record);
``toxicity.csv`` one row per toxicity assessment. ``data_dictionary.csv`` names every
column of every table with its type, unit, allowed values and meaning; the tests read
the tables back against it.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from interfant_desktop.exports.engine_links import bag_exposures, toxicity_grades
from interfant_desktop.exports.subject import ExportSubject
from interfant_desktop.exports.values import dose_steps_text, hours_between, value_text
from interfant_desktop.protocol.case import TIMEPOINTS

Row = dict[str, object]
DICTIONARY_FILE = "data_dictionary.csv"
DICTIONARY_COLUMNS = ("table", "column", "type", "unit", "allowed_values", "description")
TYPES = ("text", "integer", "decimal", "date", "datetime", "boolean")


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    type: str
    description: str
    unit: str = ""
    allowed: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Table:
    file: str
    description: str
    columns: tuple[Column, ...]
    rows: Callable[[ExportSubject], Iterable[Row]]


def _c(name: str, type_: str, description: str, unit: str = "", allowed: Iterable[str] = ()) -> Column:
    return Column(name, type_, description, unit, tuple(allowed))


RISK, BOOL_NOTE = ("MR", "HR"), " (empty: not decided yet)"
STUDY_ID = _c("study_id", "text", "Study ID (the only identifier in a pseudonymised export)")


def _patient_rows(s: ExportSubject) -> Iterable[Row]:
    c, ev = s.case, s.evaluation
    d, pr, eoi = c.diagnosis, c.prednisone_response, c.end_of_induction
    yield {
        "study_id": s.study_id, "name": s.name, "hospital_number": s.hospital_number,
        "dates_shifted": s.shift.days != 0, "date_of_birth": s.shift.date(c.patient.date_of_birth),
        "sex": c.patient.sex, "down_syndrome": c.patient.down_syndrome,
        "allergy_status": s.allergies.status, "allergies": s.allergies.text,
        "diagnosis_date": s.shift.date(d.date), "age_at_diagnosis_days": ev.age_at_diagnosis_days,
        "lineage": d.lineage, "kmt2a": d.kmt2a, "kmt2a_partner": d.kmt2a_partner,
        "wbc_10e9_per_l": d.wbc.per_nl if d.wbc else None,
        "prednisone_date": s.shift.date(pr.date) if pr else None,
        "prednisone_blasts_per_ul": pr.blasts_per_ul if pr else None,
        "prednisone_response": ev.prednisone_response,
        "end_of_induction_date": s.shift.date(eoi.date) if eoi else None,
        "end_of_induction_marrow": eoi.marrow if eoi else None,
        "end_of_induction_cns": eoi.cns if eoi else None,
        "eligibility": ev.eligibility.status, "eligibility_failed": " ".join(ev.eligibility.failed),
        "eligibility_missing": " ".join(ev.eligibility.missing),
        "risk_at_diagnosis": ev.risk.at_diagnosis, "risk_now": ev.risk.current,
        "risk_status": ev.risk.status, "mr_subgroup": ev.risk.subgroup,
        "blinatumomab_1": ev.decisions.blinatumomab_1, "blinatumomab_2": ev.decisions.blinatumomab_2,
        "hsct_eligible": ev.decisions.hsct_eligible, "current_phase": ev.current_phase,
        "open_review_questions": len(ev.review), "clinician_decisions": len(s.decisions),
        "protocol_version": ev.protocol.version,
    }


def _mrd_rows(s: ExportSubject) -> Iterable[Row]:
    for n, m in enumerate(s.case.mrd, start=1):
        yield {"study_id": s.study_id, "sample_number": n, "timepoint": m.timepoint,
               "sample_date": s.shift.date(m.date), "result": m.result.kind, "percent": m.result.percent,
               "quantitative_range_percent": m.result.qr_percent, "method": m.method,
               "laboratory": m.laboratory}


def _cycle_rows(s: ExportSubject) -> Iterable[Row]:
    for cycle in sorted(s.case.blinatumomab, key=lambda c: c.cycle):
        order = s.evaluation.order_for(cycle.cycle)
        stops = [hours_between(i.stopped, i.restarted) for i in cycle.interruptions]
        yield {"study_id": s.study_id, "cycle": cycle.cycle, "start_date": s.shift.date(cycle.start_date),
               "weight_kg": cycle.weight_kg, "height_cm": cycle.height_cm,
               "bsa_m2": order.bsa_m2 if order else None,
               "dose_steps": dose_steps_text(order.steps) if order else "",
               "orders": len(s.orders_of(cycle.cycle)),
               "bags_scheduled": len(bag_exposures(order)) if order else 0,
               "bags_given": len(s.bags_given(cycle.cycle)),
               "interruptions": len(cycle.interruptions),
               "hours_interrupted": round(sum(h for h in stops if h is not None), 2),
               "still_stopped": any(h is None for h in stops)}


def _bag_rows(s: ExportSubject) -> Iterable[Row]:
    for order in s.evaluation.orders:
        for b in bag_exposures(order):
            yield {"study_id": s.study_id, "cycle": order.cycle, "bag_number": b.number,
                   "hang": s.shift.moment(b.hang), "ends": s.shift.moment(b.ends), "hours": b.hours,
                   "dose_mcg_per_day": b.dose_mcg_per_day, "mcg_to_infuse": b.mcg_to_infuse,
                   "infused_ml": b.infused_ml, "rate_ml_per_h": b.rate_ml_per_h}


def _order_rows(s: ExportSubject) -> Iterable[Row]:
    for o in s.recorded_orders:
        yield {"study_id": s.study_id, "cycle": o.cycle, "order_number": o.order_number, "status": o.status,
               "restart_order": o.restart, "stale": o.stale, "protocol_version": o.protocol_version,
               "drafted_at": s.shift.moment(o.drafted_at), "signed_at": s.shift.moment(o.signed_at),
               "verified_at": s.shift.moment(o.verified_at), "printed_at": s.shift.moment(o.printed_at),
               "bsa_m2": o.bsa_m2,
               "dose_steps": dose_steps_text(o.steps)}


def _bag_given_rows(s: ExportSubject) -> Iterable[Row]:
    for b in s.recorded_bags:
        yield {"study_id": s.study_id, "cycle": b.cycle, "order_number": b.order_number,
               "bag_number": b.bag_number, "hung_at": s.shift.moment(b.hung_at),
               "rate_ml_per_h": b.rate_ml_per_h, "volume_to_infuse_ml": b.volume_to_infuse_ml,
               "removed_at": s.shift.moment(b.removed_at),
               "hours_on_pump": hours_between(b.hung_at, b.removed_at),
               "volume_infused_ml": b.volume_infused_ml, "residual_discarded_ml": b.residual_discarded_ml}


def _toxicity_rows(s: ExportSubject) -> Iterable[Row]:
    for n, g in enumerate(toxicity_grades(s.evaluation), start=1):
        a = g.assessment
        yield {"study_id": s.study_id, "assessment_number": n, "at": s.shift.moment(a.at), "cycle": a.cycle,
               "crs_assessed": a.crs is not None, "crs_grade": g.crs_grade,
               "icans_assessed": a.icans is not None, "icans_grade": g.icans_grade,
               "grading_system": g.grading_system, "other_term": a.other.term if a.other else None,
               "other_grade": a.other.grade if a.other else None}


_YN = "boolean"
TABLES: tuple[Table, ...] = (
    Table("patients.csv", "one row per patient", (
        STUDY_ID,
        _c("name", "text", "Name (identified export only; empty otherwise)"),
        _c("hospital_number", "text", "Hospital number (identified export only; empty otherwise)"),
        _c("dates_shifted", _YN, "true: every date of this patient is shifted by one secret number of days"),
        _c("date_of_birth", "date", "Date of birth"),
        _c("sex", "text", "Sex", allowed=("male", "female", "other")),
        _c("down_syndrome", _YN, "Down syndrome"),
        _c("allergy_status", "text", "Allergy status", allowed=("not_recorded", "none_known", "recorded")),
        _c("allergies", "text", "Allergies as recorded (allergen: reaction)"),
        _c("diagnosis_date", "date", "Date of diagnosis"),
        _c("age_at_diagnosis_days", "integer", "Age at diagnosis", "days"),
        _c("lineage", "text", "Lineage", allowed=("B-ALL", "B-MPAL", "MPAL-multilineage", "T-ALL", "other")),
        _c("kmt2a", "text", "KMT2A status", allowed=("rearranged", "wildtype", "pending")),
        _c("kmt2a_partner", "text", "KMT2A fusion partner"),
        _c("wbc_10e9_per_l", "decimal", "WBC at diagnosis", "10^9/L"),
        _c("prednisone_date", "date", "Date of the day-8 blood count"),
        _c("prednisone_blasts_per_ul", "decimal", "Blasts in blood on day 8", "/uL"),
        _c("prednisone_response", "text", "Prednisone response (engine)",
           allowed=("good", "poor", "not_evaluable")),
        _c("end_of_induction_date", "date", "Date of the end-of-induction marrow"),
        _c("end_of_induction_marrow", "text", "Marrow at the end of induction", allowed=("M1", "M2", "M3")),
        _c("end_of_induction_cns", "text", "CNS status at the end of induction",
           allowed=("CNS1", "CNS2", "CNS3")),
        _c("eligibility", "text", "Eligibility (engine)", allowed=("eligible", "ineligible", "incomplete")),
        _c("eligibility_failed", "text", "Criteria failed, space-separated (INC1-INC3, EXC1-EXC7)"),
        _c("eligibility_missing", "text", "Criteria not yet known, space-separated"),
        _c("risk_at_diagnosis", "text", "Risk group at diagnosis (engine)", allowed=RISK),
        _c("risk_now", "text", "Risk group now (engine)", allowed=RISK),
        _c("risk_status", "text", "Risk status (engine)", allowed=("final", "pending", "review")),
        _c("mr_subgroup", "text", "MR subgroup (engine)", allowed=("MR-low", "MR-high")),
        _c("blinatumomab_1", _YN, "Blinatumomab cycle 1 (engine)" + BOOL_NOTE),
        _c("blinatumomab_2", _YN, "Blinatumomab cycle 2 (engine)" + BOOL_NOTE),
        _c("hsct_eligible", _YN, "Eligible for allogeneic HSCT (engine)" + BOOL_NOTE),
        _c("current_phase", "text", "Current phase of the roadmap (engine)"),
        _c("open_review_questions", "integer", "Questions a clinician must still decide"),
        _c("clinician_decisions", "integer", "Review questions decided by a clinician"),
        _c("protocol_version", "text", "Protocol file version the engine applied"),
    ), _patient_rows),
    Table("mrd.csv", "one row per MRD result", (
        STUDY_ID,
        _c("sample_number", "integer", "Number of the result in the record (1, 2, ...)"),
        _c("timepoint", "text", "Time point", allowed=TIMEPOINTS),
        _c("sample_date", "date", "Sample date"),
        _c("result", "text", "Result form: quantified, undetectable, positive not quantifiable",
           allowed=("percent", "undetectable", "pnq")),
        _c("percent", "decimal", "MRD (quantified results)", "% of nucleated cells"),
        _c("quantitative_range_percent", "decimal", "Quantitative range of the assay (pnq results)",
           "% of nucleated cells"),
        _c("method", "text", "Method"),
        _c("laboratory", "text", "Laboratory"),
    ), _mrd_rows),
    Table("cycles.csv", "one row per blinatumomab cycle", (
        STUDY_ID,
        _c("cycle", "integer", "Cycle", allowed=("1", "2")),
        _c("start_date", "date", "Start date"),
        _c("weight_kg", "decimal", "Weight the dose is computed from", "kg"),
        _c("height_cm", "decimal", "Height the dose is computed from", "cm"),
        _c("bsa_m2", "decimal", "Body surface area as used for the dose (engine)", "m2"),
        _c("dose_steps", "text", "Dose steps (engine) as first-last day:mcg per day, space-separated"),
        _c("orders", "integer", "Orders stored for this cycle (orders.csv)"),
        _c("bags_scheduled", "integer", "Bags in the engine's schedule (0: no schedule)"),
        _c("bags_given", "integer", "Bags recorded as hung at the bedside (bags_given.csv)"),
        _c("interruptions", "integer", "Interruptions recorded"),
        _c("hours_interrupted", "decimal", "Hours stopped in total (restarted interruptions)", "h"),
        _c("still_stopped", _YN, "An interruption has no restart yet"),
    ), _cycle_rows),
    Table("bags.csv", "one row per bag of the engine's schedule", (
        STUDY_ID,
        _c("cycle", "integer", "Cycle", allowed=("1", "2")),
        _c("bag_number", "integer", "Bag number"),
        _c("hang", "datetime", "Hung at (local time)"),
        _c("ends", "datetime", "Taken down at (local time)"),
        _c("hours", "integer", "Bag length", "h"),
        _c("dose_mcg_per_day", "decimal", "Dose rate", "mcg/day"),
        _c("mcg_to_infuse", "decimal", "Blinatumomab infused from this bag", "mcg"),
        _c("infused_ml", "decimal", "Volume infused", "mL"),
        _c("rate_ml_per_h", "decimal", "Pump rate", "mL/h"),
    ), _bag_rows),
    Table("orders.csv", "one row per blinatumomab order as stored (drafts and cancelled ones too)", (
        STUDY_ID,
        _c("cycle", "integer", "Cycle", allowed=("1", "2")),
        _c("order_number", "integer", "Order of the cycle (1, 2, ... in the order drafted)"),
        _c("status", "text", "Status", allowed=("draft", "signed", "verified", "printed", "cancelled", "held",
                                                "discontinued", "superseded")),
        _c("restart_order", _YN, "Restart order (re-planned from a recorded restart)"),
        _c("stale", _YN, "Patient data changed after the order was drafted"),
        _c("protocol_version", "text", "Protocol file version of the order"),
        _c("drafted_at", "datetime", "Drafted at (UTC)"),
        _c("signed_at", "datetime", "Prescribed (signed) at (UTC)"),
        _c("verified_at", "datetime", "Verified at (UTC)"),
        _c("printed_at", "datetime", "First printed for administration at (UTC)"),
        _c("bsa_m2", "decimal", "Body surface area of the order", "m2"),
        _c("dose_steps", "text", "Dose steps of the order as first-last day:mcg per day, space-separated"),
    ), _order_rows),
    Table("bags_given.csv", "one row per bag as given (the bedside record: hung, then changed or removed)", (
        STUDY_ID,
        _c("cycle", "integer", "Cycle", allowed=("1", "2")),
        _c("order_number", "integer",
           "Order of the cycle (1 = first; a restart order numbers its bags again)"),
        _c("bag_number", "integer", "Bag number of that order's schedule"),
        _c("hung_at", "datetime", "Hung at (local time)"),
        _c("rate_ml_per_h", "decimal", "Pump rate as checked at hanging", "mL/h"),
        _c("volume_to_infuse_ml", "decimal", "Volume to be infused as checked at hanging", "mL"),
        _c("removed_at", "datetime", "Changed or removed at (local time; empty while on the pump)"),
        _c("hours_on_pump", "decimal", "Hours from hanging to removal", "h"),
        _c("volume_infused_ml", "decimal", "Volume infused", "mL"),
        _c("residual_discarded_ml", "decimal", "Residual discarded", "mL"),
    ), _bag_given_rows),
    Table("toxicity.csv", "one row per toxicity assessment", (
        STUDY_ID,
        _c("assessment_number", "integer", "Number of the assessment in the record"),
        _c("at", "datetime", "Assessed at (local time)"),
        _c("cycle", "integer", "During or after cycle", allowed=("1", "2")),
        _c("crs_assessed", _YN, "CRS assessed"),
        _c("crs_grade", "integer", "CRS grade 0-4 (engine; empty: not graded)"),
        _c("icans_assessed", _YN, "ICANS assessed"),
        _c("icans_grade", "integer", "ICANS grade 0-4 (engine; empty: not graded)"),
        _c("grading_system", "text", "Grading system of the grades"),
        _c("other_term", "text", "Other adverse reaction as recorded"),
        _c("other_grade", "integer", "Grade of the other reaction as recorded (1-5)"),
    ), _toxicity_rows),
)


def _csv_text(header: Iterable[str], rows: Iterable[Iterable[object]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(list(header))
    for row in rows:
        writer.writerow(["" if v is None else value_text(v) for v in row])
    return out.getvalue()


def data_dictionary() -> str:
    """``data_dictionary.csv``: every column of every table."""
    return _csv_text(DICTIONARY_COLUMNS, ((t.file, c.name, c.type, c.unit, "|".join(c.allowed), c.description)
                                          for t in TABLES for c in t.columns))


def csv_files(subjects: Iterable[ExportSubject]) -> dict[str, str]:
    """File name -> CSV text of every table and the data dictionary."""
    rows: dict[str, list[Row]] = {t.file: [] for t in TABLES}
    for s in subjects:
        for table in TABLES:
            rows[table.file].extend(table.rows(s))
    files = {}
    for table in TABLES:
        names = [c.name for c in table.columns]
        for row in rows[table.file]:
            if list(row) != names:  # a programming error: the dictionary and the rows disagree
                raise AssertionError(f"{table.file}: row keys {list(row)} differ from the dictionary")
        files[table.file] = _csv_text(names, ([row[n] for n in names] for row in rows[table.file]))
    files[DICTIONARY_FILE] = data_dictionary()
    return files
