"""CDISC ODM 1.3.2: one file with the study metadata and every exported patient's data.

Study events: diagnosis (with eligibility), prednisone response, end of induction, each
MRD time point (one event per sample), each blinatumomab cycle (dose steps, exposure per
bag: the engine's schedule, the stored orders with their status and signature times, and
each bag as given from the bedside record; interruptions),
adverse events (one event per toxicity
assessment: the observations and CRS / ICANS with grade and grading system, other
reactions with their recorded grade), and the protocol status at export (risk now,
decisions, roadmap, clinicians' decisions on review questions).

The document is built with lxml; the tests validate it against the ODM 1.3.2 schema.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from lxml import etree

from interfant_desktop import __version__
from interfant_desktop.exports import odm_metadata as md
from interfant_desktop.exports.anchor import ODM_RECORD_ID, ExportStamp, odm_user_oid
from interfant_desktop.exports.engine_links import bag_exposures, toxicity_grades
from interfant_desktop.exports.subject import ExportSubject
from interfant_desktop.exports.values import dose_steps_text, hours_between, value_text
from interfant_desktop.protocol.case import EndOfInduction, PrednisoneResponse, ToxicityAssessment
from interfant_desktop.protocol.protocol_file import Protocol

ODM_NS = "http://www.cdisc.org/ns/odm/v1.3"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
STUDY_OID = "ST.INTERFANT-21"
_N = f"{{{ODM_NS}}}"

Values = dict[str, object]


@dataclass(frozen=True, slots=True)
class GroupData:
    group: md.Group
    values: Values
    repeat: int | None = None


@dataclass(frozen=True, slots=True)
class EventData:
    event: md.Event
    forms: tuple[tuple[md.Form, tuple[GroupData, ...]], ...]
    repeat: int | None = None


def _event(oid: str) -> md.Event:
    return next(e for e in md.EVENTS if e.oid == oid)


def _one_form(event_oid: str, groups: Iterable[GroupData], repeat: int | None = None) -> EventData:
    event = _event(event_oid)
    return EventData(event, ((event.forms[0], tuple(groups)),), repeat)


def _numbered(group: md.Group, rows: Iterable[Values]) -> list[GroupData]:
    return [GroupData(group, values, n) for n, values in enumerate(rows, start=1)]


# --- the clinical data of one patient --------------------------------------------------------

def _diagnosis(s: ExportSubject) -> EventData:
    p, d, ev = s.case.patient, s.case.diagnosis, s.evaluation
    patient: Values = {"BRTHDTC": s.shift.date(p.date_of_birth), "SEX": p.sex,
                       "DOWNSYND": p.down_syndrome, "NAME": s.name, "HOSPNO": s.hospital_number,
                       "ALLERGST": s.allergies.status, "ALLERGY": s.allergies.text}
    diagnosis: Values = {
        "DXDTC": s.shift.date(d.date), "AGEDXD": ev.age_at_diagnosis_days, "LINEAGE": d.lineage,
        "KMT2A": d.kmt2a, "KMT2APRT": d.kmt2a_partner, "RELAPSED": d.relapsed,
        "WBC": d.wbc.value if d.wbc else None, "WBCU": d.wbc.unit if d.wbc else None,
        "WBC10E9": d.wbc.per_nl if d.wbc else None, "PRSTER": d.prior_steroids,
        "PRCHEMO": d.prior_chemotherapy, "CONSENT": d.consent, "RISKDX": ev.risk.at_diagnosis}
    criteria = _numbered(md.CRITERION, ({"CRITID": c.id, "CRITST": c.status}
                                        for c in ev.eligibility.criteria))
    event = _event("SE.DIAGNOSIS")
    return EventData(event, (
        (event.forms[0], (GroupData(md.DEMOGRAPHY, patient), GroupData(md.DIAGNOSIS, diagnosis))),
        (event.forms[1], (GroupData(md.ELIGIBILITY, {"ELIGST": ev.eligibility.status}), *criteria)),
    ))


def _prednisone(s: ExportSubject, pr: PrednisoneResponse) -> EventData:
    return _one_form("SE.PREDNISONE", [GroupData(md.PREDNISONE, {
        "PREDDTC": s.shift.date(pr.date), "PREDBLST": pr.blasts_per_ul, "PREDNE": pr.not_evaluable,
        "PREDRESP": s.evaluation.prednisone_response})])


def _end_of_induction(s: ExportSubject, eoi: EndOfInduction) -> EventData:
    return _one_form("SE.EOI", [GroupData(md.END_OF_INDUCTION, {
        "EOIDTC": s.shift.date(eoi.date), "EOIMARR": eoi.marrow, "EOICNS": eoi.cns,
        "SUBGROUP": s.evaluation.risk.subgroup})])


def _mrd(s: ExportSubject) -> list[EventData]:
    return [_one_form("SE.MRD", [GroupData(md.MRD, {
        "MRDTPT": m.timepoint, "MRDDTC": s.shift.date(m.date), "MRDKIND": m.result.kind,
        "MRDPCT": m.result.percent, "MRDQR": m.result.qr_percent, "MRDMETH": m.method,
        "MRDLAB": m.laboratory})], n) for n, m in enumerate(s.case.mrd, start=1)]


def _cycles(s: ExportSubject) -> list[EventData]:
    events = []
    for cycle in sorted(s.case.blinatumomab, key=lambda c: c.cycle):
        order = s.evaluation.order_for(cycle.cycle)
        groups = [GroupData(md.CYCLE, {
            "CYCLE": cycle.cycle, "CYCSTDTC": s.shift.date(cycle.start_date),
            "CYCSTTM": cycle.start_time, "WEIGHT": cycle.weight_kg, "HEIGHT": cycle.height_cm,
            "BSA": order.bsa_m2 if order else None, "BSAFORM": order.bsa_formula if order else None,
            "BAGHOURS": cycle.bag_hours})]
        if order is not None:
            groups += _numbered(md.STEP, ({
                "STPFDAY": st.first_day, "STPLDAY": st.last_day, "STPSTDTC": s.shift.date(st.start_date),
                "STPENDTC": s.shift.date(st.end_date), "DOSEM2": st.dose_mcg_per_m2_day,
                "DOSEDAY": st.dose_mcg_per_day, "CAPPED": st.capped} for st in order.steps))
            groups += _numbered(md.BAG, ({
                "BAGNO": b.number, "BAGHANG": s.shift.moment(b.hang), "BAGENDS": s.shift.moment(b.ends),
                "BAGHRS": b.hours, "BAGDOSE": b.dose_mcg_per_day, "BAGMCG": b.mcg_to_infuse,
                "BAGML": b.infused_ml, "BAGRATE": b.rate_ml_per_h} for b in bag_exposures(order)))
        groups += _numbered(md.ORDER, ({
            "ORDNO": o.order_number, "ORDSTAT": o.status, "ORDRESTR": o.restart, "ORDSTALE": o.stale,
            "ORDPROT": o.protocol_version, "ORDDRAFT": s.shift.moment(o.drafted_at),
            "ORDSIGN": s.shift.moment(o.signed_at), "ORDVERIF": s.shift.moment(o.verified_at),
            "ORDPRINT": s.shift.moment(o.printed_at), "ORDBSA": o.bsa_m2,
            "ORDDOSES": dose_steps_text(o.steps)
            or None} for o in s.orders_of(cycle.cycle)))
        groups += _numbered(md.BAG_GIVEN, ({
            "GIVORDER": b.order_number, "GIVBAGNO": b.bag_number, "GIVHANG": s.shift.moment(b.hung_at),
            "GIVRATE": b.rate_ml_per_h, "GIVVOLTO": b.volume_to_infuse_ml,
            "GIVREM": s.shift.moment(b.removed_at), "GIVHRS": hours_between(b.hung_at, b.removed_at),
            "GIVVOL": b.volume_infused_ml, "GIVRESID": b.residual_discarded_ml}
            for b in s.bags_given(cycle.cycle)))
        groups += _numbered(md.INTERRUPTION, ({
            "INTSTOP": s.shift.moment(i.stopped), "INTRESTR": s.shift.moment(i.restarted),
            "INTHRS": hours_between(i.stopped, i.restarted), "INTREAS": i.reason}
            for i in cycle.interruptions))
        events.append(_one_form("SE.BLINA", groups, cycle.cycle))
    return events


def _observations(s: ExportSubject, a: ToxicityAssessment) -> Values:
    crs, icans = a.crs, a.icans
    values: Values = {"TOXDTC": s.shift.moment(a.at), "TOXCYC": a.cycle,
                      "SEIZCNT": a.seizures_this_treatment}
    if crs is not None:
        values |= {"TEMP": crs.temperature_c, "ANTIPYR": crs.antipyretic_or_anticytokine_given,
                   "HYPOTENS": crs.hypotension, "VASOPR": crs.vasopressors, "VASOPRSN": crs.vasopressin,
                   "OXYGEN": crs.oxygen}
    if icans is not None:
        values |= {"CAPD": icans.capd, "SEDATED": icans.sedated, "CONSC": icans.consciousness,
                   "SEIZURE": icans.seizure, "MOTOR": icans.motor, "OEDEMA": icans.cerebral_oedema}
    return values


def _adverse_events(s: ExportSubject) -> list[EventData]:
    events = []
    for n, graded in enumerate(toxicity_grades(s.evaluation), start=1):
        a = graded.assessment
        rows: list[Values] = []
        if a.crs is not None:
            rows.append({"AETERM": "CRS", "AEGRADE": graded.crs_grade, "AEGRSYS": graded.grading_system})
        if a.icans is not None:
            rows.append({"AETERM": "ICANS", "AEGRADE": graded.icans_grade,
                         "AEGRSYS": graded.grading_system})
        if a.other is not None:
            rows.append({"AETERM": "OTHER", "AETEXT": a.other.term, "AEGRADE": a.other.grade,
                         "AEGRSYS": "as recorded by the clinician", "AERESD": a.other.days_to_resolve})
        groups = [GroupData(md.ASSESSMENT, _observations(s, a)), *_numbered(md.ADVERSE_EVENT, rows)]
        events.append(_one_form("SE.AE", groups, n))
    return events


def _status(s: ExportSubject) -> EventData:
    ev = s.evaluation
    d = ev.decisions
    status = GroupData(md.STATUS, {
        "PROTVER": ev.protocol.version, "RISKNOW": ev.risk.current, "RISKST": ev.risk.status,
        "BLINA1": d.blinatumomab_1, "BLINA2": d.blinatumomab_2, "HSCT": d.hsct_eligible,
        "PHASE": ev.current_phase, "REVOPEN": len(ev.review)})
    phases = _numbered(md.PHASE, ({"PHASEID": p.phase, "PHASEST": p.status} for p in ev.roadmap))
    decisions = _numbered(md.DECISION, ({
        "REVID": c.review_id, "REVRULE": c.rule_id, "REVOPT": c.option,
        "REVDTC": s.shift.date(c.decided_on), "REVPROT": c.protocol_version} for c in s.decisions))
    return _one_form("SE.STATUS", [status, *phases, *decisions])


def subject_events(s: ExportSubject) -> list[EventData]:
    """Every study event of one patient, in protocol order."""
    pr, eoi = s.case.prednisone_response, s.case.end_of_induction
    optional = [] if pr is None else [_prednisone(s, pr)]
    optional += [] if eoi is None else [_end_of_induction(s, eoi)]
    return [_diagnosis(s), *optional, *_mrd(s), *_cycles(s),
            *_adverse_events(s), _status(s)]


# --- XML --------------------------------------------------------------------------------------

def _el(parent: etree._Element, tag: str, **attrs: str) -> etree._Element:
    return etree.SubElement(parent, _N + tag, attrs)


def _text(parent: etree._Element, tag: str, text: str) -> None:
    translated = _el(_el(parent, tag), "TranslatedText")
    translated.set(XML_LANG, "en")
    translated.text = text


def _yes_no(flag: bool) -> str:
    return "Yes" if flag else "No"


def _metadata(study: etree._Element, protocol: Protocol) -> None:
    gv = _el(study, "GlobalVariables")
    _el(gv, "StudyName").text = protocol.name
    _el(gv, "StudyDescription").text = (f"{protocol.name}: infants < 1 year with KMT2A-rearranged ALL "
                                        f"(protocol file {protocol.version})")
    _el(gv, "ProtocolName").text = protocol.name
    basic = _el(study, "BasicDefinitions")
    for oid, symbol in md.UNITS.items():
        _text(_el(basic, "MeasurementUnit", OID=oid, Name=symbol), "Symbol", symbol)
    mdv = _el(study, "MetaDataVersion", OID=f"MDV.{protocol.version}",
              Name=f"{protocol.name} {protocol.version}")
    prot = _el(mdv, "Protocol")
    for n, event in enumerate(md.EVENTS, start=1):
        _el(prot, "StudyEventRef", StudyEventOID=event.oid, OrderNumber=str(n), Mandatory="No")
    for event in md.EVENTS:
        sed = _el(mdv, "StudyEventDef", OID=event.oid, Name=event.name, Repeating=_yes_no(event.repeating),
                  Type=event.kind)
        for n, form in enumerate(event.forms, start=1):
            _el(sed, "FormRef", FormOID=form.oid, OrderNumber=str(n), Mandatory="No")
    forms = [f for e in md.EVENTS for f in e.forms]
    for form in forms:
        fd = _el(mdv, "FormDef", OID=form.oid, Name=form.name, Repeating="No")
        for n, group in enumerate(form.groups, start=1):
            _el(fd, "ItemGroupRef", ItemGroupOID=group.oid, OrderNumber=str(n), Mandatory="No")
    for group in (g for f in forms for g in f.groups):
        igd = _el(mdv, "ItemGroupDef", OID=group.oid, Name=group.name, Repeating=_yes_no(group.repeating))
        for n, item in enumerate(group.items, start=1):
            _el(igd, "ItemRef", ItemOID=item.oid, OrderNumber=str(n), Mandatory="No")
    for item in md.ITEMS.values():
        idef = _el(mdv, "ItemDef", OID=item.oid, Name=item.name, DataType=item.data_type)
        _text(idef, "Question", item.question)
        if item.unit:
            _el(idef, "MeasurementUnitRef", MeasurementUnitOID=item.unit)
        if item.codelist:
            _el(idef, "CodeListRef", CodeListOID=item.codelist)
    for oid, (name, entries) in md.CODELISTS.items():
        cl = _el(mdv, "CodeList", OID=oid, Name=name, DataType="text")
        for code, decode in entries:
            _text(_el(cl, "CodeListItem", CodedValue=code), "Decode", decode)


def _group_xml(form_el: etree._Element, data: GroupData) -> None:
    attrs = {"ItemGroupOID": data.group.oid}
    if data.repeat is not None:
        attrs["ItemGroupRepeatKey"] = str(data.repeat)
    group_el = _el(form_el, "ItemGroupData", **attrs)
    known = {item.name: item for item in data.group.items}
    for name, value in data.values.items():
        item = known[name]  # a KeyError here is a programming error the tests catch
        if value is not None:
            _el(group_el, "ItemData", ItemOID=item.oid, Value=value_text(value))


def _subject_xml(clinical: etree._Element, s: ExportSubject) -> None:
    subject_el = _el(clinical, "SubjectData", SubjectKey=s.study_id)
    for event in subject_events(s):
        attrs = {"StudyEventOID": event.event.oid}
        if event.repeat is not None:
            attrs["StudyEventRepeatKey"] = str(event.repeat)
        event_el = _el(subject_el, "StudyEventData", **attrs)
        for form, groups in event.forms:
            form_el = _el(event_el, "FormData", FormOID=form.oid)
            for group in groups:
                _group_xml(form_el, group)


LOCATION_OID = "LOC.SITE"


def _admin(root: etree._Element, protocol: Protocol, stamp: ExportStamp, created: dt.datetime) -> None:
    """The exporting user and the site, which the export's audit record refers to."""
    admin = _el(root, "AdminData", StudyOID=STUDY_OID)
    user = _el(admin, "User", OID=odm_user_oid(stamp.exported_by), UserType="Other")
    _el(user, "LoginName").text = stamp.exported_by
    location = _el(admin, "Location", OID=LOCATION_OID, Name="Interfant Desktop site", LocationType="Site")
    _el(location, "MetaDataVersionRef", StudyOID=STUDY_OID, MetaDataVersionOID=f"MDV.{protocol.version}",
        EffectiveDate=created.date().isoformat())


def _audit_record(clinical: etree._Element, stamp: ExportStamp, created: dt.datetime) -> None:
    """The export's audit event and the chain head it fixed (see :mod:`.anchor`)."""
    record = _el(_el(clinical, "AuditRecords"), "AuditRecord", ID=ODM_RECORD_ID, EditPoint="DataManagement")
    _el(record, "UserRef", UserOID=odm_user_oid(stamp.exported_by))
    _el(record, "LocationRef", LocationOID=LOCATION_OID)
    _el(record, "DateTimeStamp").text = stamp.head.at or created.isoformat(timespec="seconds")
    _el(record, "ReasonForChange").text = (
        f"export recorded as audit event {stamp.audit_seq}; SourceID: the audit chain head at that "
        f"event (audit verify --anchors this-file)")
    _el(record, "SourceID").text = stamp.head.json_text()


def odm_document(subjects: Iterable[ExportSubject], protocol: Protocol, created: dt.datetime,
                 pseudonymised: bool, stamp: ExportStamp | None = None) -> bytes:
    """The ODM 1.3.2 file (UTF-8 XML bytes) of ``subjects``; ``created`` is aware UTC.
    With ``stamp``, the file names who exported it and the audit chain head it was made at."""
    created = created.astimezone(dt.UTC)
    root = etree.Element(_N + "ODM", nsmap={None: ODM_NS}, attrib={
        "FileType": "Snapshot", "FileOID": f"INTERFANT-EXPORT.{created.strftime('%Y%m%dT%H%M%S%fZ')}",
        "CreationDateTime": created.isoformat(timespec="seconds"), "ODMVersion": "1.3.2",
        "Originator": "Interfant Desktop", "SourceSystem": "Interfant Desktop",
        "SourceSystemVersion": __version__,
        "Description": "pseudonymised: study ID only, dates shifted per patient" if pseudonymised
        else "identified: names, hospital numbers and real dates included"})
    _metadata(_el(root, "Study", OID=STUDY_OID), protocol)
    if stamp is not None:
        _admin(root, protocol, stamp, created)
    clinical = _el(root, "ClinicalData", StudyOID=STUDY_OID, MetaDataVersionOID=f"MDV.{protocol.version}")
    for s in subjects:
        _subject_xml(clinical, s)
    if stamp is not None:
        _audit_record(clinical, stamp, created)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True))


def iter_item_values(document: bytes) -> Iterator[tuple[str, str]]:
    """(ItemOID, Value) of every ItemData in an ODM document (for checks and tests)."""
    for el in etree.fromstring(document).iter(_N + "ItemData"):
        yield el.get("ItemOID", ""), el.get("Value", "")
