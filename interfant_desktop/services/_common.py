"""Helpers shared by the services (not part of the API the GUI calls)."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from interfant_desktop.protocol.case import Case, CaseError, parse_case
from interfant_desktop.protocol.protocol_file import Protocol, load_protocol
from interfant_desktop.services.errors import ConflictError, InputError, NotFound
from interfant_desktop.services.store_access import CONFLICT_MESSAGE
from interfant_desktop.services.text_input import lookup_form
from interfant_desktop.site import SiteSettingError, study_id_pattern
from interfant_desktop.store.models import Patient, SearchTerm
from interfant_desktop.store.search import terms_for


@lru_cache(maxsize=1)
def protocol() -> Protocol:
    """The protocol file this app version applies (its ``version`` goes into decisions)."""
    return load_protocol()


def today() -> dt.date:
    """The local calendar date, for "not in the future" checks."""
    return dt.date.today()


def validate_case(data: Any, on_date: dt.date | None = None, source: str | None = None) -> Case:
    """Run the engine's case validation; a problem becomes an InputError naming the field."""
    try:
        return parse_case(data, protocol(), on_date or today(), study_id_pattern())
    except CaseError as exc:
        raise InputError.from_case_error(exc, source) from None
    except SiteSettingError as exc:
        prefix = f"{source}: " if source else ""
        raise InputError(f"{prefix}{exc}") from None


def load_patient(session: Session, study_id: str, *, for_update: bool = False) -> Patient:
    """The patient with ``study_id`` (locked for this transaction when ``for_update``)."""
    # stored study IDs are NFC (nfc_document): look the typed one up the same way
    key = lookup_form(study_id)
    query = select(Patient).where(Patient.study_id == key)
    if for_update:
        query = query.with_for_update()
    patient = None if key is None else session.execute(query).scalar_one_or_none()
    if patient is None:
        raise NotFound(f"no patient with study ID {study_id!r}")
    return patient


def check_version(patient: Patient, expected_version: int) -> None:
    """The optimistic lock: refuse an edit based on an older version of the patient."""
    if patient.version != expected_version:
        raise ConflictError(CONFLICT_MESSAGE.format(what=f"Patient {patient.study_id}"))


def refresh_search_terms(session: Session, patient: Patient) -> None:
    """Rewrite the search words of ``patient`` (after its identity changed)."""
    if patient.id is not None:
        session.execute(delete(SearchTerm).where(SearchTerm.patient_id == patient.id))
    for kind, value in (("study_id", patient.study_id), ("name", patient.name),
                        ("hospital_number", patient.hospital_number)):
        for k, term in terms_for(kind, value):
            session.add(SearchTerm(patient_id=patient.id, kind=k, term=term))


def flatten(value: Any, prefix: str = "") -> dict[str, Any]:
    """JSON paths to leaf values, e.g. ``{"diagnosis.wbc.value": 412}``."""
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        for key, item in value.items():
            out.update(flatten(item, f"{prefix}.{key}" if prefix else key))
        return out
    if isinstance(value, list):
        out = {}
        for i, item in enumerate(value):
            out.update(flatten(item, f"{prefix}[{i}]"))
        return out
    return {prefix: value}


def changed_paths(old: dict[str, Any], new: dict[str, Any]) -> list[tuple[str, Any, Any]]:
    """(path, old value, new value) for every leaf that differs between two cases."""
    before, after = flatten(old), flatten(new)
    paths = sorted(set(before) | set(after))
    return [(p, before.get(p), after.get(p)) for p in paths if before.get(p) != after.get(p)]
