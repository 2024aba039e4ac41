"""Trial data out: ODM for the trial database, FHIR for the hospital, CSV for the data
manager, and the case file as before.

``export_trial_data(store, user, study_ids, export_format, *, identified=False,
today=None, progress=None) -> ExportOutput``
    ``study_ids=None`` exports every patient of the site. ``odm``, ``fhir`` and ``csv``
    need :attr:`Permission.EXPORT_TRIAL_DATA` (data managers and administrators) and
    are **pseudonymised** unless ``identified``: the study ID is the only identifier,
    and every date of a patient is shifted by that patient's secret random offset
    (drawn once, kept in ``export_pseudonyms``, the same in every later export).
    ``case`` is the complete case file of each patient as before (for moving a patient
    to another installation; :attr:`Permission.EXPORT`), so always identified.

Every export is audited in the transaction that reads the data: one event per patient
(``export``, with the format and whether it was pseudonymised) and one for the whole
export naming who exported which patients, in which format, and the audit chain head
as it stood before the export (``audit_head``). The chain head after that event
(``anchor``) goes out with the export: inside the ODM file (an ``AuditRecord``) and the
FHIR Bundle (a ``Provenance``), so that a file sent on alone, or written to standard
output, still names it (:mod:`interfant_desktop.exports.anchor`); and :func:`save_export`
writes it next to the files too (``…audit-anchor.json``: the only place for CSV tables
and case files). ``audit verify --anchors FILE`` reads it from either and reports it when
the database no longer reaches it (the trail cut back or rewritten). Documents are built after the data
are read, from the engine's evaluation of each patient with the clinicians' review
decisions applied: the export shows the same answers as the app.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import secrets
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from interfant_desktop.exports.anchor import ChainHead, ExportStamp
from interfant_desktop.exports.csv_tables import csv_files
from interfant_desktop.exports.fhir import fhir_bundle
from interfant_desktop.exports.odm import odm_document
from interfant_desktop.exports.subject import (
    AllergyStatus,
    ClinicianDecision,
    DateShift,
    ExportSubject,
    OrderStep,
    RecordedBag,
    RecordedOrder,
)
from interfant_desktop.protocol.evaluation import evaluate
from interfant_desktop.services._common import load_patient, protocol, validate_case
from interfant_desktop.services._common import today as local_today
from interfant_desktop.services.accounts import checked_transaction
from interfant_desktop.services.errors import InputError
from interfant_desktop.services.permissions import CurrentUser, Permission, require
from interfant_desktop.services.store_access import Store
from interfant_desktop.store.audit import (
    ANCHOR_FORMAT,
    EXPORT_ANCHOR_FILE,
    GENESIS_HASH,
    Anchor,
    anchor_at,
    append_event,
    canonical_json,
)
from interfant_desktop.store.case_rows import rows_to_case
from interfant_desktop.store.models import (
    AuditHead,
    BagEvent,
    ExportPseudonym,
    Order,
    Patient,
    ReviewDecision,
    utc_now,
)

Progress = Callable[[int, int], None]
#: Pseudonymised dates move back by 30 to 395 days: never zero, never into the future.
OFFSET_MIN_DAYS, OFFSET_SPAN_DAYS = 30, 366


class ExportFormat(StrEnum):
    ODM = "odm"
    FHIR = "fhir"
    CSV = "csv"
    CASE = "case"


@dataclass(frozen=True)
class ExportOutput:
    """The files of one export (name -> bytes) and how it was audited."""

    export_format: ExportFormat
    study_ids: tuple[str, ...]
    identified: bool
    files: dict[str, bytes]
    audit_seq: int
    audit_head: tuple[int, str]
    #: the chain head with the export's own event, anchored outside the database
    anchor: Anchor | None = None

    @property
    def is_folder(self) -> bool:
        """True when the export is a folder of files (CSV tables, several case files)."""
        return self.export_format is ExportFormat.CSV or len(self.files) != 1


def random_offset_days() -> int:
    """A fresh secret shift: back by 30–395 days."""
    return -(OFFSET_MIN_DAYS + secrets.randbelow(OFFSET_SPAN_DAYS))


def _load(session: Session, study_ids: Sequence[str] | None, trial_data: bool) -> list[Patient]:
    """The patients to export. A patient registered by mistake (marked entered in error) is
    not part of the site: left out of a whole-site export, and refused by name for trial data."""
    query = select(Patient).options(
        selectinload(Patient.diagnosis), selectinload(Patient.prednisone_response),
        selectinload(Patient.end_of_induction), selectinload(Patient.blinatumomab_checklist),
        selectinload(Patient.mrd_results), selectinload(Patient.blinatumomab_cycles),
        selectinload(Patient.infusion_interruptions), selectinload(Patient.toxicity_assessments),
    ).order_by(Patient.study_id)
    if study_ids is None:
        return list(session.execute(query.where(Patient.entered_in_error_at.is_(None))).scalars())
    wanted = list(dict.fromkeys(s.strip() for s in study_ids))
    found = {p.study_id: p for p in session.execute(query.where(Patient.study_id.in_(wanted))).scalars()}
    for study_id in wanted:
        if study_id not in found:
            load_patient(session, study_id)  # raises NotFound naming the study ID
        if trial_data and found[study_id].entered_in_error_at is not None:
            raise InputError(f"export: {study_id} was registered by mistake (marked entered in error); "
                             f"it is not trial data")
    return [found[s] for s in wanted]


def _offsets(session: Session, patients: Sequence[Patient], user: CurrentUser) -> dict[int, int]:
    """Patient id -> date offset, drawing and storing one for a patient exported for the first time."""
    ids = [p.id for p in patients]
    stored = {row.patient_id: row.date_offset_days for row in session.execute(
        select(ExportPseudonym).where(ExportPseudonym.patient_id.in_(ids))).scalars()}
    for patient_id in ids:
        if patient_id not in stored:
            stored[patient_id] = random_offset_days()
            session.add(ExportPseudonym(patient_id=patient_id, date_offset_days=stored[patient_id],
                                        created_by=user.username))
    return stored


def _decisions(session: Session, patients: Sequence[Patient]) -> dict[int, list[ReviewDecision]]:
    out: dict[int, list[ReviewDecision]] = {p.id: [] for p in patients}
    rows = session.execute(select(ReviewDecision).where(
        ReviewDecision.patient_id.in_(list(out)), ReviewDecision.superseded.is_(False))
        .order_by(ReviewDecision.id)).scalars()
    for row in rows:
        out[row.patient_id].append(row)
    return out


def _recorded_order(row: Order, number: int) -> RecordedOrder:
    """A stored order in the exports' terms (its doses from the content it was signed with)."""
    planned = (row.content or {}).get("order") or {}
    steps = tuple(OrderStep(int(st["first_day"]), int(st["last_day"]), float(st["dose_mcg_per_m2_day"]),
                            float(st["dose_mcg_per_day"]))
                  for st in planned.get("steps") or [])
    printed = min((p.printed_at for p in row.prints), default=None)
    return RecordedOrder(row.cycle, number, row.status, row.protocol_version, row.created_at,
                         row.signed_at, row.verified_at, printed, row.stale,
                         bool(((row.content or {}).get("facts") or {}).get("restart")),
                         planned.get("bsa_m2"), steps)


def _recorded_orders(session: Session, patients: Sequence[Patient]
                     ) -> tuple[dict[int, tuple[RecordedOrder, ...]], dict[int, int]]:
    """Patient id -> the stored orders (numbered per cycle in the order they were drafted),
    and order id -> that number (for the bags given from each order)."""
    rows = session.execute(select(Order).options(selectinload(Order.prints)).where(
        Order.patient_id.in_([p.id for p in patients])).order_by(Order.patient_id, Order.id)).scalars()
    orders: dict[int, list[RecordedOrder]] = {}
    numbers: dict[int, int] = {}
    for row in rows:
        mine = orders.setdefault(row.patient_id, [])
        numbers[row.id] = 1 + sum(1 for o in mine if o.cycle == row.cycle)
        mine.append(_recorded_order(row, numbers[row.id]))
    return {patient_id: tuple(found) for patient_id, found in orders.items()}, numbers


def _recorded_bags(session: Session, patients: Sequence[Patient], order_numbers: dict[int, int]
                   ) -> dict[int, tuple[RecordedBag, ...]]:
    """Patient id -> the bags as given (bedside record; entries marked in error left out):
    each hang paired with the removal of the same bag of the same order."""
    rows = session.execute(select(BagEvent).where(
        BagEvent.patient_id.in_([p.id for p in patients]), BagEvent.entered_in_error.is_(False))
        .order_by(BagEvent.patient_id, BagEvent.id)).scalars()
    bags: dict[int, list[RecordedBag]] = {}
    for row in rows:
        mine = bags.setdefault(row.patient_id, [])
        number = order_numbers[row.order_id]
        if row.kind == "hung":
            mine.append(RecordedBag(row.cycle, number, row.bag_number, row.at_local, row.rate_ml_per_h,
                                    row.volume_to_infuse_ml))
            continue
        for n in range(len(mine) - 1, -1, -1):  # the removal of the bag hung last with this number
            bag = mine[n]
            if (bag.cycle, bag.order_number, bag.bag_number) == (row.cycle, number, row.bag_number) \
                    and bag.removed_at is None:
                mine[n] = replace(bag, removed_at=row.at_local, volume_infused_ml=row.volume_infused_ml,
                                  residual_discarded_ml=row.residual_discarded_ml)
                break
    return {patient_id: tuple(found) for patient_id, found in bags.items()}


def _subject(patient: Patient, decisions: list[ReviewDecision], days: int, identified: bool,
             today: dt.date, bags: tuple[RecordedBag, ...], orders: tuple[RecordedOrder, ...]
             ) -> ExportSubject:
    case = validate_case(rows_to_case(patient), source=f"stored patient {patient.study_id}")
    resolutions = {d.review_id: d.chosen_option for d in decisions}
    evaluation = evaluate(case, protocol(), today, resolutions)
    return ExportSubject(evaluation, DateShift(days), identified, tuple(
        ClinicianDecision(d.review_id, d.rule_id, d.chosen_option, d.decided_at.date(), d.protocol_version)
        for d in decisions), AllergyStatus(patient.no_known_allergies, patient.allergies), bags, orders)


def _head(session: Session) -> tuple[int, str]:
    head = session.get(AuditHead, 1)
    return (0, GENESIS_HASH) if head is None else (head.last_seq, head.last_hash)


def _counted(items: Sequence[ExportSubject], progress: Progress | None, done: int,
             total: int) -> Iterator[ExportSubject]:
    for n, item in enumerate(items, start=1):
        yield item
        if progress is not None:
            progress(done + n, total)


def chain_head(anchor: Anchor) -> ChainHead:
    """The audit anchor in the exports' own terms (the exports do not import the store)."""
    return ChainHead(anchor.seq, anchor.hash, anchor.db, anchor.chain, anchor.at)


def _documents(export_format: ExportFormat, subjects: Iterable[ExportSubject], identified: bool,
               created: dt.datetime, today: dt.date, stamp: ExportStamp) -> dict[str, bytes]:
    """The export's files; ODM and FHIR carry ``stamp`` (who, and the chain head) inside."""
    if export_format is ExportFormat.ODM:
        return {"interfant-21.odm.xml": odm_document(subjects, protocol(), created, not identified, stamp)}
    if export_format is ExportFormat.FHIR:
        bundle = fhir_bundle(subjects, protocol(), created, today, pseudonymised=not identified, stamp=stamp)
        return {"interfant-21.fhir.json": json.dumps(bundle, ensure_ascii=False, indent=1).encode("utf-8")}
    return {name: text.encode("utf-8") for name, text in csv_files(subjects).items()}


def export_trial_data(store: Store, user: CurrentUser, study_ids: Sequence[str] | None,
                      export_format: ExportFormat, *, identified: bool = False,
                      today: dt.date | None = None, progress: Progress | None = None) -> ExportOutput:
    """Export patients (``None`` = the whole site) in one format (see module docstring)."""
    export_format = ExportFormat(export_format)
    is_case = export_format is ExportFormat.CASE
    require(user, Permission.EXPORT if is_case else Permission.EXPORT_TRIAL_DATA)
    identified = identified or is_case
    if study_ids is not None and not study_ids:
        raise InputError("export: name at least one study ID, or export all patients")
    today = today or local_today()
    pseudonymised = not identified
    with checked_transaction(store, user) as session:
        patients = _load(session, study_ids, not is_case)
        total = 2 * len(patients)
        head = _head(session)
        files: dict[str, bytes] = {}
        subjects: list[ExportSubject] = []
        if is_case:
            for n, patient in enumerate(patients, start=1):
                text = json.dumps(rows_to_case(patient), ensure_ascii=False, indent=2) + "\n"
                files[f"{patient.study_id}.case.json"] = text.encode("utf-8")
                if progress is not None:
                    progress(2 * n, total)
        else:
            offsets = _offsets(session, patients, user) if pseudonymised else {}
            decisions = _decisions(session, patients)
            orders, order_numbers = _recorded_orders(session, patients)
            bags = _recorded_bags(session, patients, order_numbers)
            for n, patient in enumerate(patients, start=1):
                subjects.append(_subject(patient, decisions[patient.id], offsets.get(patient.id, 0),
                                         identified, today, bags.get(patient.id, ()),
                                         orders.get(patient.id, ())))
                if progress is not None:
                    progress(n, total)
        kind = "pseudonymised" if pseudonymised else "identified"
        for patient in patients:
            append_event(session, username=user.username, action="export", entity="patient",
                         entity_key=patient.study_id, study_id=patient.study_id,
                         new={"format": export_format.value, "pseudonymised": pseudonymised})
        ids = [p.study_id for p in patients]
        event = append_event(
            session, username=user.username, action="export", entity="export",
            entity_key=f"{export_format.value}:{'all' if study_ids is None else len(ids)}",
            new={"format": export_format.value, "pseudonymised": pseudonymised,
                 "patients": ids, "whole_site": study_ids is None,
                 "audit_head": {"seq": head[0], "hash": head[1]}},
            reason=(f"{export_format.value} export of {len(ids)} patient(s), {kind}"
                    + ("" if pseudonymised or is_case else f" by choice of {user.username}")))
    audit_seq = event.seq  # numbered when the transaction commits (store.audit)
    with store.sessions() as session:
        anchor = anchor_at(session, audit_seq)
    if not is_case:
        stamp = ExportStamp(user.username, chain_head(anchor), audit_seq)
        files = _documents(export_format, _counted(subjects, progress, len(patients), total),
                           identified, utc_now(), today, stamp)
    return ExportOutput(export_format, tuple(ids), identified, files, audit_seq, head, anchor)


def anchor_document(anchor: Anchor) -> bytes:
    """The anchor file of an export (``interfant-audit-anchor/1``)."""
    return (canonical_json({"format": ANCHOR_FORMAT, "anchor": anchor.as_dict()}) + "\n"
            ).encode("utf-8")


def _write_whole(path: Path, content: bytes) -> None:
    """Write a file whole or not at all (a temporary file renamed over the target)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    with tmp.open("wb") as fh:
        fh.write(content)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def anchor_path_for(output: ExportOutput, target: Path) -> Path:
    """Where :func:`save_export` writes the export's audit anchor."""
    return target / EXPORT_ANCHOR_FILE if output.is_folder else \
        target.with_name(f"{target.name}.{EXPORT_ANCHOR_FILE}")


def save_export(output: ExportOutput, target: Path) -> list[Path]:
    """Write an export: one file at ``target``, or its files into the folder ``target``;
    then its audit anchor (:func:`anchor_path_for`), last."""
    if not output.is_folder:
        _write_whole(target, next(iter(output.files.values())))
        paths = [target]
    else:
        paths = [target / name for name in output.files]
        for path, content in zip(paths, output.files.values(), strict=True):
            _write_whole(path, content)
    if output.anchor is not None:
        anchor_file = anchor_path_for(output, target)
        _write_whole(anchor_file, anchor_document(output.anchor))
        paths.append(anchor_file)
    return paths
