"""FHIR R4 (R4B models of ``fhir.resources``): one Bundle of type ``collection`` with
every exported patient's resources and the one ResearchStudy they belong to.

Per patient: Patient, AllergyIntolerance (when the status is recorded), Condition,
Observations (WBC, prednisone response, every MRD result with its unit and quantitative
range, CRS and ICANS grades where the engine gives them), MedicationRequest (the engine's
blinatumomab dose steps, intent ``plan``; and each stored order, intent ``order``, with its
workflow status: signed but not yet verified counts as ``draft``) and
MedicationAdministration for blinatumomab (per bag as given in the bedside record; where
none is recorded, per bag of the engine's schedule, else per dose step, up to today, with
status ``unknown``: planned, not known to be given), CarePlan (the roadmap),
ResearchSubject (arm MR / HR) and AdverseEvent; and for the export a Provenance with the
audit chain head (:mod:`.anchor`). Each resource is validated by its R4B model as it is made.

Codes: LOINC 6690-2 (leukocytes, automated count), SNOMED CT 91857003 and ICD-10 C91.0
(acute lymphoblastic leukaemia) and SNOMED CT 716186003 (no known allergy) where they
fit; everything else is a local code of this app (:data:`CODE_SYSTEM`). FHIR requires a time zone on a time of
day: the local wall-clock times of the record (toxicity assessments, bags) get the offset
in force at that moment.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Iterable
from typing import Any

from fhir.resources.R4B import get_fhir_model_class

from interfant_desktop import __version__
from interfant_desktop.exports.anchor import ExportStamp, fhir_provenance
from interfant_desktop.exports.engine_links import AssessmentGrades, bag_exposures, toxicity_grades
from interfant_desktop.exports.subject import ExportSubject, RecordedBag, RecordedOrder
from interfant_desktop.exports.values import hours_between, number_text
from interfant_desktop.protocol.case import MrdSample
from interfant_desktop.protocol.dosing import CycleOrder
from interfant_desktop.protocol.protocol_file import Protocol

#: The app's own code systems and identifiers: a URN of the app (no web address is
#: claimed). A hospital that has its own identifier systems maps them when it imports.
APP_URL = "urn:interfant-desktop:fhir"
CODE_SYSTEM = f"{APP_URL}/CodeSystem/interfant-21"
STUDY_ID_SYSTEM = f"{APP_URL}/sid/study-id"
HOSPITAL_NUMBER_SYSTEM = f"{APP_URL}/sid/hospital-number"
LOINC, UCUM, ICD10 = "http://loinc.org", "http://unitsofmeasure.org", "http://hl7.org/fhir/sid/icd-10"
SNOMED = "http://snomed.info/sct"
OBS_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"
_NAMESPACE = uuid.UUID("6f0d2a52-8c1e-4f53-9a57-2b7f5f1c2e10")

Resource = dict[str, Any]
#: A stored order's workflow status as a MedicationRequest status (R4).
_ORDER_STATUS = {"draft": "draft", "signed": "draft", "verified": "active", "printed": "active",
                 "held": "on-hold", "discontinued": "stopped", "cancelled": "cancelled",
                 "superseded": "stopped"}
Localise = Callable[[dt.datetime], dt.datetime]


def _local(moment: dt.datetime) -> dt.datetime:
    """A naive local wall-clock time with the machine's offset in force at that moment."""
    return moment.astimezone()


def _local_code(code: str, display: str) -> dict[str, Any]:
    return {"coding": [{"system": CODE_SYSTEM, "code": code, "display": display}], "text": display}


def _quantity(value: float, unit: str, ucum: str) -> dict[str, Any]:
    return {"value": value, "unit": unit, "system": UCUM, "code": ucum}


def _laboratory() -> list[dict[str, Any]]:
    return [{"coding": [{"system": OBS_CATEGORY, "code": "laboratory", "display": "Laboratory"}]}]


class _PatientResources:
    """Builds the resources of one patient, each with a stable ``urn:uuid`` full URL."""

    def __init__(self, s: ExportSubject, study_ref: str, today: dt.date, localise: Localise) -> None:
        self.s, self.study_ref, self.today, self.localise = s, study_ref, today, localise
        self.entries: list[tuple[str, Resource]] = []
        self.patient_ref = self._url("Patient")

    def _url(self, *key: object) -> str:
        name = "/".join(map(str, (self.s.study_id, *key)))
        return f"urn:uuid:{uuid.uuid5(_NAMESPACE, name)}"

    def _add(self, url: str, resource: Resource) -> str:
        self.entries.append((url, resource))
        return url

    def _subject(self) -> dict[str, str]:
        return {"reference": self.patient_ref}

    def _date(self, value: dt.date | None) -> str | None:
        shifted = self.s.shift.date(value)
        return None if shifted is None else shifted.isoformat()

    def _moment(self, value: dt.datetime) -> str:
        return self.localise(self.s.shift.moment(value)).isoformat(timespec="seconds")

    # -- resources --

    def patient(self) -> None:
        p = self.s.case.patient
        identifiers = [{"system": STUDY_ID_SYSTEM, "value": self.s.study_id}]
        resource: Resource = {"resourceType": "Patient", "identifier": identifiers,
                              "birthDate": self._date(p.date_of_birth)}
        if self.s.hospital_number:
            identifiers.append({"system": HOSPITAL_NUMBER_SYSTEM, "value": self.s.hospital_number})
        if self.s.name:
            resource["name"] = [{"text": self.s.name}]
        if p.sex in ("male", "female", "other"):
            resource["gender"] = p.sex
        self._add(self.patient_ref, resource)

    def allergies(self) -> None:
        """AllergyIntolerance: "no known allergy" (SNOMED CT 716186003) or the recorded text."""
        status = self.s.allergies
        if status.status == "not_recorded":
            return
        if status.status == "none_known":
            code: dict[str, Any] = {"coding": [{"system": SNOMED, "code": "716186003",
                                                "display": "No known allergy"}], "text": "no known allergies"}
        else:
            code = {"text": status.text or "allergies recorded"}
        self._add(self._url("AllergyIntolerance"), {
            "resourceType": "AllergyIntolerance", "patient": self._subject(), "code": code,
            "clinicalStatus": {"coding": [{
                "system": "http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical",
                "code": "active"}]},
            "verificationStatus": {"coding": [{
                "system": "http://terminology.hl7.org/CodeSystem/allergyintolerance-verification",
                "code": "confirmed"}]}})

    def condition(self) -> None:
        d = self.s.case.diagnosis
        parts = [d.lineage or "lineage not recorded",
                 f"KMT2A {d.kmt2a or 'not recorded'}" + (f" ({d.kmt2a_partner})" if d.kmt2a_partner else "")]
        code = _local_code("infant-all", "Infant acute lymphoblastic leukaemia")
        if d.lineage in ("B-ALL", "T-ALL"):
            code["coding"][:0] = [{"system": SNOMED, "code": "91857003",
                                   "display": "Acute lymphoid leukemia (disorder)"},
                                  {"system": ICD10, "code": "C91.0",
                                   "display": "Acute lymphoblastic leukaemia"}]
        code["text"] = f"Infant acute leukaemia: {', '.join(parts)}"
        resource: Resource = {
            "resourceType": "Condition", "subject": self._subject(), "code": code,
            "clinicalStatus": {"coding": [{
                "system": "http://terminology.hl7.org/CodeSystem/condition-clinical", "code": "active"}]},
            "verificationStatus": {"coding": [{
                "system": "http://terminology.hl7.org/CodeSystem/condition-ver-status",
                "code": "confirmed" if d.lineage else "provisional"}]}}
        if d.date is not None:
            resource["onsetDateTime"] = self._date(d.date)
        self._add(self._url("Condition"), resource)

    def _observation(self, key: tuple[object, ...], code: dict[str, Any], when: str | None,
                     **fields: Any) -> str:
        resource: Resource = {"resourceType": "Observation", "status": "final", "code": code,
                              "subject": self._subject(), **fields}
        if when is not None:
            resource["effectiveDateTime"] = when
        return self._add(self._url("Observation", *key), resource)

    def wbc(self) -> None:
        d = self.s.case.diagnosis
        if d.wbc is None:
            return
        code = {"coding": [{"system": LOINC, "code": "6690-2",
                            "display": "Leukocytes [#/volume] in Blood by Automated count"}],
                "text": "WBC at diagnosis"}
        self._observation(("wbc",), code, self._date(d.date), category=_laboratory(),
                          valueQuantity=_quantity(d.wbc.per_nl, "10^9/L", "10*9/L"),
                          note=[{"text": f"as entered: {number_text(d.wbc.value)} {d.wbc.unit}"}])

    def prednisone(self) -> None:
        pr, response = self.s.case.prednisone_response, self.s.evaluation.prednisone_response
        if pr is None:
            return
        fields: dict[str, Any] = {"category": _laboratory()}
        if response is not None:
            fields["valueCodeableConcept"] = _local_code(f"prednisone-{response}",
                                                         f"prednisone response {response.replace('_', ' ')}")
        else:
            fields["dataAbsentReason"] = {"text": "not recorded"}
        if pr.blasts_per_ul is not None:
            fields["component"] = [{"code": _local_code("day8-blasts", "Blasts in blood on day 8"),
                                    "valueQuantity": _quantity(pr.blasts_per_ul, "/uL", "/uL")}]
        self._observation(("prednisone",), _local_code("prednisone-response", "Prednisone response (day 8)"),
                          self._date(pr.date), **fields)

    def mrd(self, n: int, m: MrdSample) -> None:
        fields: dict[str, Any] = {"category": _laboratory(), "component": [{
            "code": _local_code("mrd-timepoint", "MRD time point"),
            "valueCodeableConcept": _local_code(f"timepoint-{m.timepoint}", m.timepoint.replace("_", " "))}]}
        r = m.result
        if r.kind == "percent" and r.percent is not None:
            fields["valueQuantity"] = _quantity(r.percent, "%", "%")
        elif r.kind == "undetectable":
            fields["valueCodeableConcept"] = _local_code("mrd-undetectable", "undetectable")
        else:
            fields["valueCodeableConcept"] = _local_code("mrd-pnq", "positive, not quantifiable")
        if r.qr_percent is not None:
            fields["component"].append({"code": _local_code("mrd-quantitative-range",
                                                            "Quantitative range of the assay"),
                                        "valueQuantity": _quantity(r.qr_percent, "%", "%")})
            fields["referenceRange"] = [{"low": _quantity(r.qr_percent, "%", "%"),
                                         "text": "quantitative range of the assay"}]
        if m.method:
            fields["method"] = {"text": m.method}
        if m.laboratory:
            fields["performer"] = [{"display": m.laboratory}]
        self._observation(("mrd", n), _local_code("mrd", "Minimal residual disease (% of nucleated cells)"),
                          self._date(m.date), **fields)

    def grades(self, n: int, g: AssessmentGrades) -> None:
        for kind, grade in (("crs", g.crs_grade), ("icans", g.icans_grade)):
            if grade is None:
                continue
            label = "CRS" if kind == "crs" else "ICANS"
            self._observation((kind, n), _local_code(f"{kind}-grade", f"{label} grade"),
                              self._moment(g.assessment.at), valueInteger=grade,
                              method={"text": g.grading_system or "engine grading"})

    def adverse_events(self, n: int, g: AssessmentGrades) -> None:
        found: list[tuple[str, str]] = []
        system = g.grading_system or "engine grading"
        for kind, label, grade in (("crs", "Cytokine release syndrome", g.crs_grade),
                                   ("icans", "Immune effector cell-associated neurotoxicity syndrome",
                                    g.icans_grade)):
            if grade is not None and grade >= 1:
                found.append((kind, f"{label}, grade {grade} ({system})"))
        other = g.assessment.other
        if other is not None:
            found.append(("other", f"{other.term}, grade {other.grade} (as recorded)"))
        for kind, text in found:
            event = _local_code(f"adverse-event-{kind}", text)
            self._add(self._url("AdverseEvent", n, kind), {
                "resourceType": "AdverseEvent", "actuality": "actual", "subject": self._subject(),
                "event": event, "date": self._moment(g.assessment.at),
                "study": [{"reference": self.study_ref}]})

    def medication(self, order: CycleOrder) -> None:
        cycle = next(c for c in self.s.case.blinatumomab if c.cycle == order.cycle)
        drug = _local_code("blinatumomab", "blinatumomab")
        if order.steps:
            ends = order.start_date + dt.timedelta(days=27) if order.start_date else None
            status = "completed" if ends is not None and ends < self.today else "active"
            dosage = []
            for n, st in enumerate(order.steps, start=1):
                timing: dict[str, Any] = {}
                if st.start_date and st.end_date:
                    timing = {"repeat": {"boundsPeriod": {"start": self._date(st.start_date),
                                                          "end": self._date(st.end_date)}}}
                dosage.append({
                    "sequence": n, "route": {"text": "continuous IV infusion"},
                    "text": (f"days {st.first_day}–{st.last_day}: {number_text(st.dose_mcg_per_day)} mcg/day "
                             f"({number_text(st.dose_mcg_per_m2_day)} mcg/m²/day × "
                             f"{number_text(order.bsa_m2)} m²{', capped' if st.capped else ''})"),
                    "doseAndRate": [{"rateQuantity": _quantity(st.dose_mcg_per_day, "mcg/day", "ug/d")}],
                    **({"timing": timing} if timing else {})})
            self._add(self._url("MedicationRequest", order.cycle), {
                "resourceType": "MedicationRequest", "status": status, "intent": "plan",
                "medicationCodeableConcept": drug, "subject": self._subject(),
                "dosageInstruction": dosage,
                "note": [{"text": f"blinatumomab cycle {order.cycle}: doses computed by Interfant Desktop "
                                  f"from the recorded weight and height; the signed order sheet is the "
                                  f"prescription"}]})
        notes = [{"text": (f"interrupted {self._moment(i.stopped)}"
                           + (f" to {self._moment(i.restarted)} ({number_text(h)} h)"
                              if i.restarted is not None and (h := hours_between(i.stopped, i.restarted))
                              is not None else ", not restarted yet")
                           + f"; reason {i.reason.replace('_', ' ')}")} for i in cycle.interruptions]
        for stored in self.s.orders_of(order.cycle):
            self._stored_order(stored, drug, bool(order.steps))
        self._administrations(order, drug, notes)

    def _stored_order(self, o: RecordedOrder, drug: dict[str, Any], planned: bool) -> None:
        """A stored order: intent ``order``, its workflow status, when it was prescribed, its doses."""
        notes = [f"order {o.order_number} of blinatumomab cycle {o.cycle} ({o.status}; "
                 f"protocol file {o.protocol_version})"]
        if o.restart:
            notes.append("restart order: re-planned from a recorded restart")
        if o.stale:
            notes.append("the patient's data changed after this order was drafted (stale)")
        resource: Resource = {
            "resourceType": "MedicationRequest", "status": _ORDER_STATUS[o.status], "intent": "order",
            "medicationCodeableConcept": drug, "subject": self._subject(),
            "authoredOn": self._moment(o.signed_at or o.drafted_at),
            "dosageInstruction": [{
                "sequence": n, "route": {"text": "continuous IV infusion"},
                "text": f"days {st.first_day}–{st.last_day}: {number_text(st.dose_mcg_per_day)} mcg/day",
                "doseAndRate": [{"rateQuantity": _quantity(st.dose_mcg_per_day, "mcg/day", "ug/d")}]}
                for n, st in enumerate(o.steps, start=1)],
            "note": [{"text": text} for text in notes]}
        if planned:
            resource["basedOn"] = [{"reference": self._url("MedicationRequest", o.cycle)}]
        self._add(self._url("MedicationRequest", o.cycle, "order", o.order_number), resource)

    def _administrations(self, order: CycleOrder, drug: dict[str, Any], notes: list[dict[str, str]]) -> None:
        bags = bag_exposures(order)
        request = {"reference": self._url("MedicationRequest", order.cycle)} if order.steps else None
        common: dict[str, Any] = {"resourceType": "MedicationAdministration",
                                  "medicationCodeableConcept": drug, "subject": self._subject()}
        if request:
            common["request"] = request
        given = self.s.bags_given(order.cycle)
        if given:
            if notes:
                common["note"] = notes
            for g in given:
                self._given_bag(common, g)
            return
        # Not recorded at the bedside in this app (e.g. a patient imported from a case file):
        # the engine's plan up to today, marked as such: status unknown, never "completed".
        common["note"] = [*notes, {"text": "planned from the engine's schedule; the administration is "
                                           "not recorded in Interfant Desktop (status unknown)"}]
        if bags:
            for b in bags:
                if b.hang.date() > self.today:
                    continue
                self._add(self._url("MedicationAdministration", order.cycle, "bag", b.number), {
                    **common, "status": "unknown",
                    "effectivePeriod": {"start": self._moment(b.hang), "end": self._moment(b.ends)},
                    "dosage": {"text": f"bag {b.number} (planned): {number_text(b.mcg_to_infuse)} mcg "
                                       f"over {b.hours} h",
                               "dose": _quantity(b.mcg_to_infuse, "mcg", "ug"),
                               "rateQuantity": _quantity(b.rate_ml_per_h, "mL/h", "mL/h")}})
            return
        for n, st in enumerate(order.steps, start=1):
            if st.start_date is None or st.end_date is None or st.start_date > self.today:
                continue
            period = {"start": self._date(st.start_date)}
            if st.end_date < self.today:
                period["end"] = self._date(st.end_date)
            self._add(self._url("MedicationAdministration", order.cycle, "step", n), {
                **common, "status": "unknown", "effectivePeriod": period,
                "dosage": {"text": f"days {st.first_day}–{st.last_day} (planned), continuous infusion",
                           "rateQuantity": _quantity(st.dose_mcg_per_day, "mcg/day", "ug/d")}})

    def _given_bag(self, common: Resource, g: RecordedBag) -> None:
        """One bag as given: hung (rate checked), then removed (volume infused) or still on the pump."""
        period = {"start": self._moment(g.hung_at)}
        if g.removed_at is not None:
            period["end"] = self._moment(g.removed_at)
        parts = [f"bag {g.bag_number} of order {g.order_number}"]
        dosage: dict[str, Any] = {}
        if g.rate_ml_per_h is not None:
            parts.append(f"pump rate {number_text(g.rate_ml_per_h)} mL/h")
            dosage["rateQuantity"] = _quantity(g.rate_ml_per_h, "mL/h", "mL/h")
        if g.volume_infused_ml is not None:
            parts.append(f"{number_text(g.volume_infused_ml)} mL infused")
            dosage["dose"] = _quantity(g.volume_infused_ml, "mL", "mL")
        self._add(self._url("MedicationAdministration", g.cycle, "given", g.order_number, g.bag_number), {
            **common, "status": "completed" if g.removed_at is not None else "in-progress",
            "effectivePeriod": period, "dosage": {"text": ", ".join(parts), **dosage},
            "request": {"reference": self._url("MedicationRequest", g.cycle, "order", g.order_number)}})

    def care_plan(self) -> None:
        statuses = {"done": "completed", "current": "in-progress", "planned": "not-started",
                    "skipped": "cancelled"}
        activities = [{"detail": {
            "code": _local_code(f"phase-{p.phase}", p.label), "status": statuses[p.status],
            "description": p.label + (f": {p.note}" if p.note else "")}}
            for p in self.s.evaluation.roadmap if p.status in statuses]
        self._add(self._url("CarePlan"), {
            "resourceType": "CarePlan", "status": "active", "intent": "plan", "subject": self._subject(),
            "title": f"{self.s.evaluation.protocol.label} roadmap", "activity": activities})

    def research_subject(self) -> None:
        arm = self.s.evaluation.risk.current
        resource: Resource = {"resourceType": "ResearchSubject", "status": "on-study",
                              "study": {"reference": self.study_ref},
                              "individual": {"reference": self.patient_ref},
                              "identifier": [{"system": STUDY_ID_SYSTEM, "value": self.s.study_id}]}
        if arm is not None:
            resource["assignedArm"] = arm
            resource["actualArm"] = arm
        self._add(self._url("ResearchSubject"), resource)

    def build(self) -> list[tuple[str, Resource]]:
        self.patient()
        self.allergies()
        self.condition()
        self.wbc()
        self.prednisone()
        for n, m in enumerate(self.s.case.mrd, start=1):
            self.mrd(n, m)
        for order in self.s.evaluation.orders:
            self.medication(order)
        for n, g in enumerate(toxicity_grades(self.s.evaluation), start=1):
            self.grades(n, g)
            self.adverse_events(n, g)
        self.care_plan()
        self.research_subject()
        return self.entries


def research_study(protocol: Protocol) -> Resource:
    """The trial, with its two arms."""
    return {"resourceType": "ResearchStudy", "status": "active", "title": protocol.name,
            "identifier": [{"system": "https://clinicaltrials.gov", "value": "NCT05327894"}],
            "description": f"{protocol.name}, protocol file {protocol.version}",
            "arm": [{"name": "MR", "description": "medium risk"}, {"name": "HR", "description": "high risk"}]}


def validated(resource: Resource) -> Resource:
    """The resource, once its R4B model has read it (raises if it is not valid R4).

    The dict is kept as written (it is already plain JSON); serialising the model again
    would double the export time for the same content."""
    get_fhir_model_class(resource["resourceType"]).model_validate(resource)
    return resource


def patient_entries(s: ExportSubject, protocol: Protocol, today: dt.date,
                    localise: Localise = _local) -> list[dict[str, Any]]:
    """The Bundle entries of one patient (every resource validated)."""
    study_url = f"urn:uuid:{uuid.uuid5(_NAMESPACE, 'ResearchStudy/' + protocol.name)}"
    return [{"fullUrl": url, "resource": validated(r)}
            for url, r in _PatientResources(s, study_url, today, localise).build()]


#: The security label of a pseudonymised Bundle (HL7 v3 ObservationValue "pseudonymized").
PSEUDONYMISED_LABEL = {"system": "http://terminology.hl7.org/CodeSystem/v3-ObservationValue",
                       "code": "PSEUDED", "display": "pseudonymized"}


def fhir_bundle(subjects: Iterable[ExportSubject], protocol: Protocol, created: dt.datetime,
                today: dt.date, localise: Localise = _local, *, pseudonymised: bool = False,
                stamp: ExportStamp | None = None) -> dict[str, Any]:
    """One ``collection`` Bundle: the ResearchStudy, then each patient's resources; with
    ``stamp``, last a Provenance naming who exported it and the audit chain head it was made
    at (:mod:`.anchor`). A pseudonymised Bundle carries the ``PSEUDED`` security label."""
    study_url = f"urn:uuid:{uuid.uuid5(_NAMESPACE, 'ResearchStudy/' + protocol.name)}"
    entries = [{"fullUrl": study_url, "resource": validated(research_study(protocol))}]
    patients = [study_url]
    for s in subjects:
        mine = patient_entries(s, protocol, today, localise)
        patients.append(mine[0]["fullUrl"])  # (the Patient comes first)
        entries += mine
    timestamp = created.astimezone(dt.UTC).isoformat(timespec="seconds")
    if stamp is not None:
        url = f"urn:uuid:{uuid.uuid5(_NAMESPACE, f'Provenance/{stamp.head.db}/{stamp.audit_seq}')}"
        entries.append({"fullUrl": url, "resource": validated(fhir_provenance(stamp, patients, timestamp))})
    meta: dict[str, Any] = {"tag": [{"system": CODE_SYSTEM, "code": "interfant-desktop-export",
                                     "display": f"Interfant Desktop {__version__} export"}]}
    if pseudonymised:
        meta["security"] = [PSEUDONYMISED_LABEL]
    return {"resourceType": "Bundle", "type": "collection", "timestamp": timestamp, "meta": meta,
            "entry": entries}
