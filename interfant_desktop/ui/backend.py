"""The GUI's one door to the services: every store access of the ui goes through here.

It holds the open store and the signed-in user and calls the use cases with them.
A refusal reaches the GUI as the services raised it: a :class:`ServiceError` (alias
:data:`UserFacingError`) with its ``field`` and ``problem`` when it is about one field,
a :class:`ConflictError` when the record changed meanwhile (the workspace offers a
reload). Nothing here takes messages apart. Clinical answers come only from the
engine's ``evaluate``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections import OrderedDict
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import QCoreApplication

from interfant_desktop.protocol import CaseError, Evaluation, evaluate, load_protocol, parse_case
from interfant_desktop.protocol.case import Case
from interfant_desktop.protocol.reasons import Resolution, ReviewItem
from interfant_desktop.services import audit as audit_trail
from interfant_desktop.services import (
    auth,
    clinical,
    corrections,
    db_login,
    order_workflow,
    patients,
    phases,
    reviews,
    signing_keys,
    treatment_summary,
    users,
)
from interfant_desktop.services.clinical import CycleMeasurements
from interfant_desktop.services.errors import (
    AuthenticationError,
    ConflictError,
    InputError,
    ServiceError,
)
from interfant_desktop.services.order_start import RecordedCycle, recorded_cycle
from interfant_desktop.services.order_workflow import (
    OrderPdf,
    OrderPlan,
    OrderView,
    VerificationTask,
)
from interfant_desktop.services.permissions import ROLES, CurrentUser, Permission
from interfant_desktop.services.store_access import Store
from interfant_desktop.services.users import UserView
from interfant_desktop.ui.widgets.fingerprint import shown_fingerprint

__all__ = [
    "AuditRow",
    "ConflictError",
    "CycleMeasurements",
    "HistoryLine",
    "OrderActions",
    "PatientRow",
    "UiBackend",
    "UserFacingError",
    "UserView",
]


#: What the GUI catches and shows: every refusal of the services, with its structure.
UserFacingError = ServiceError
T = TypeVar("T")


@dataclass
class PatientRow:
    """One row of the patient list (identity now, the engine's summary when computed)."""

    study_id: str
    name: str | None
    hospital_number: str | None
    version: int
    age_at_diagnosis_days: int | None = None
    risk: str | None = None
    current_phase: str | None = None
    attention: list[str] = field(default_factory=list)
    #: each of ``attention`` in a few words, for the list's cell (the tooltip has them in full)
    attention_brief: list[str] = field(default_factory=list)
    summarised: bool = False
    #: the engine's eligibility status: eligible, ineligible or incomplete
    eligibility: str | None = None

    def apply(self, summary: Summary) -> None:
        """Fill the row with the engine's summary of the patient."""
        self.age_at_diagnosis_days = summary.age_at_diagnosis_days
        self.risk = summary.risk
        self.current_phase = summary.current_phase
        self.attention = list(summary.attention)
        self.attention_brief = list(summary.attention_brief)
        self.eligibility = summary.eligibility
        self.summarised = True


@dataclass(frozen=True)
class PatientData:
    """What the workspace needs of a stored patient."""

    study_id: str
    version: int
    #: the engine's parsed case: what the pages show and the engine evaluates
    case: Case
    #: the same record in case-file form, the baseline an edit is merged into (edits go to
    #: the services in case-file form and are validated there, once)
    case_file: dict[str, Any]
    resolutions: dict[str, str]
    #: confirmation key (criterion, or EXC7.steroids / EXC7.chemo) -> "answer, by whom, when: evidence"
    confirmations: dict[str, str] = field(default_factory=dict)
    #: allergy status (not in the case): None = not recorded, True = no known allergies
    no_known_allergies: bool | None = None
    allergies: str | None = None


@dataclass(frozen=True)
class AuditRow:
    """One line of a patient's history, as text."""

    when: str
    who: str
    what: str
    change: str
    reason: str


@dataclass(frozen=True)
class HistoryLine:
    """A history row for the screen; ``hidden``: its values are withheld (blinding)."""

    row: AuditRow
    hidden: bool = False
    field: str | None = None
    #: the audit event itself (its values left out when ``hidden``), for grouping by action
    event: audit_trail.AuditEntry | None = None


@dataclass(frozen=True)
class OrderLine:
    """One infusion order of a patient, as the list and the Orders page show it."""

    id: int
    cycle: int
    status: str
    stale: bool
    prescriber: str | None
    verifier: str | None
    #: HOLD / DISCONTINUED / SUPERSEDED with who, when and why (None otherwise)
    note: str | None = None
    #: the signatures and transitions, one line each, oldest first
    history: tuple[str, ...] = ()


@dataclass(frozen=True)
class Summary:
    age_at_diagnosis_days: int | None
    risk: str | None
    current_phase: str | None
    attention: tuple[str, ...]
    eligibility: str | None = None
    #: each of ``attention`` in a few words (same order): what the list's cell shows first
    attention_brief: tuple[str, ...] = ()


class UiBackend:
    """Store + signed-in user + the service calls the GUI makes."""

    def __init__(self, store: Store | None, url: str | None = None) -> None:
        #: the database as this workstation is configured to reach it, used until sign-in
        #: (None: a PostgreSQL URL without a user name, reached only as a signed-in user)
        self.door = store
        self.url = store.url if store is not None else db_login.resolve(url)
        #: the store of the signed-in user: on a PostgreSQL database with per-user login
        #: roles their own role's connection (``services.db_login``), else the door
        self._store = store
        self.user: CurrentUser | None = None
        #: hand-over answers ("discard my unsaved changes") waiting for a store to be
        #: written to: with no door, the next user's sign-in opens one
        self._pending_discards: list[tuple[str, str]] = []
        #: set by ``close``: the list and the workspace start no more store work
        self.closed = False
        self.protocol = load_protocol()
        self._resolutions: dict[str, dict[str, Resolution]] = {}
        #: the phase starts read with the patient (``load_patient``), for the roadmap page
        self._phase_starts: dict[str, tuple[phases.PhaseStartView, ...]] = {}
        # Summaries by (study ID, version): the list recomputes only what changed.
        self._summaries: OrderedDict[tuple[str, int], Summary] = OrderedDict()

    @classmethod
    def open(cls, url: str | None) -> UiBackend:
        """Open (create or upgrade) the database at ``url`` (None: the default); a
        PostgreSQL URL without a user name is opened at sign-in, as the user."""
        return cls(db_login.open_door(url), url)

    @property
    def store(self) -> Store:
        """The signed-in user's store (before a sign-in: the door, if there is one)."""
        if self._store is None:
            raise AuthenticationError("not signed in: this database is reached only as a "
                                      "signed-in user")
        return self._store

    @classmethod
    def signed_in(cls, store: Store | None, user: CurrentUser,
                  user_store: Store | None = None) -> UiBackend:
        """The backend of ``store`` for ``user``, whom ``auth.sign_in`` has just signed in
        in ``user_store`` (``db_login.store_for``; default ``store``): the start-up
        operation signs in before this module has finished loading."""
        backend = cls(store, user_store.url if user_store is not None else None)
        backend._store = user_store or store
        backend.user = user
        return backend

    def site_fingerprint(self) -> str | None:
        """The site's root signing key fingerprint (None before its first administrator)."""
        try:
            return signing_keys.site_fingerprint(self.store)
        except ServiceError:
            return None

    def describe(self) -> str:
        return self.store.describe() if self._store is not None else db_login.describe(self.url)

    # --- users -------------------------------------------------------------------------
    def sign_in(self, username: str, password: str) -> CurrentUser:
        """Sign in, through the user's own database login where the database has them (a
        user still signed in here is signed out first)."""
        store = db_login.store_for(self.door, self.url, username, password)
        try:
            user = auth.sign_in(store, username, password)
        except BaseException:
            if store is not self.door:
                store.close()
            raise
        self.sign_out()
        self._store, self.user = store, user
        self._write_pending_discards()
        return self.user

    def sign_out(self, reason: str = "signed out") -> None:
        """End the session, audited with ``reason`` (lock, switch user, sign-out): the
        user's key is dropped too, and their own database connection closed."""
        user, self.user = self.user, None
        if user is not None:
            auth.record_sign_out(self.store, user, reason)
        auth.sign_out(user)
        own, self._store = self._store, self.door
        if own is not None and own is not self.door:
            own.close()

    def record_discarded_changes(self, username: str, where: str) -> None:
        """Audit unsaved changes of ``username`` discarded on their answer at a hand-over
        (on a database reached only as a signed-in user: as soon as the next one is)."""
        self._pending_discards.append((username, where))
        if self._store is not None:
            self._write_pending_discards()

    def _write_pending_discards(self) -> None:
        while self._pending_discards:
            username, where = self._pending_discards[0]
            auth.record_discarded_changes(self.store, username, where)
            self._pending_discards.pop(0)

    def _user(self) -> CurrentUser:
        if self.user is None:
            raise AuthenticationError("not signed in")
        return self.user

    def role_label(self) -> str:
        return self._user().role.replace("_", " ")

    def can_create_patient(self) -> bool:
        return self.user is not None and self.user.can(Permission.CREATE_PATIENT)

    def can_edit(self) -> bool:
        return self.user is not None and self.user.can(Permission.EDIT_CLINICAL)

    def can_record_measurements(self) -> bool:
        return self.user is not None and self.user.can(Permission.RECORD_MEASUREMENTS)

    def can_correct(self) -> bool:
        """Whether the role may correct some recorded fact (which ones: the services)."""
        return self.user is not None and any(self.user.can(p) for p in (
            Permission.EDIT_CLINICAL, Permission.RECORD_MEASUREMENTS, Permission.CORRECT_IDENTITY))

    def can_resolve_review(self) -> bool:
        return self.user is not None and self.user.can(Permission.DECIDE_REVIEW)

    # --- patients ----------------------------------------------------------------------
    def search_patients(self, query: str, offset: int, limit: int) -> list[PatientRow]:
        """One page of matches (identity only; see :meth:`summary` for the rest)."""
        page = patients.search_patients(self.store, self._user(), query, offset, limit)
        rows = []
        for r in page.rows:
            row = PatientRow(r.study_id, r.name, r.hospital_number, r.version)
            cached = self._summaries.get((r.study_id, r.version))
            if cached is not None:
                row.apply(cached)
            rows.append(row)
        return rows

    def summary(self, study_id: str, version: int) -> Summary:
        """Age, risk group, current phase and what needs attention, from the engine."""
        key = (study_id, version)
        cached = self._summaries.get(key)
        if cached is not None:
            return cached
        data = self.load_patient(study_id)
        evaluation = self.evaluate(study_id, data.case)
        summary = summarise(evaluation, self.orders(study_id))
        self._summaries[(study_id, data.version)] = summary
        while len(self._summaries) > 5000:
            self._summaries.popitem(last=False)
        return summary

    def orders(self, study_id: str) -> list[OrderLine]:
        """The patient's infusion orders (status per cycle), newest first."""
        views = order_workflow.list_orders(self.store, self._user(), study_id)
        signed = QCoreApplication.translate("UiBackend", "{at:%Y-%m-%d %H:%M} UTC {meaning} by {by}")
        return [OrderLine(v.id, v.cycle, v.status, v.stale, v.prescriber, v.verifier,
                          v.state_note, tuple(
                              signed.format(at=h.at.astimezone(dt.UTC), meaning=h.meaning, by=h.by)
                              + (f": {h.reason}" if h.reason else "") for h in v.history))
                for v in sorted(views, key=lambda v: v.id, reverse=True)]

    def blinded_cycles(self, study_id: str) -> frozenset[int]:
        """The cycles whose first weight, height and doses the signed-in user may not see
        (a pharmacist while the cycle's signed order awaits their blinded verification)."""
        return order_workflow.blinded_cycles(self.store, self._user(), study_id)

    def history(self, study_id: str) -> list[HistoryLine]:
        """The patient's history, newest first, with the events that show a blinatumomab
        weight or height marked ``hidden`` while the user is blinded for this patient."""
        user = self._user()
        events = audit_trail.patient_history(self.store, user, study_id)
        blinded = order_workflow.blinded_for(self.store, user, study_id)
        lines = []
        for event in reversed(events):
            hidden = event.hidden or (blinded and order_workflow.reveals_measurements(
                event.field, event.old_value, event.new_value))  # the services left it out
            row = _audit_row(event)
            if hidden:  # never hand the values to the widgets
                row = AuditRow(row.when, row.who, row.what, "", row.reason)
                event = dataclasses.replace(event, old_value=None, new_value=None)
            lines.append(HistoryLine(row, hidden, event.field, event))
        return lines

    def create_patient(self, patient: dict[str, Any]) -> str:
        """Register a patient (identity only, case-file form); returns the study ID.
        The services validate it (a refusal names the case-file field)."""
        try:
            born = dt.date.fromisoformat(patient["date_of_birth"])
            study_id = patient["study_id"]
        except (KeyError, TypeError, ValueError):
            # Not even a date: the engine's parser says what is wrong, in its words.
            self.validate_case({"format": "interfant-case/1", "patient": patient})
            raise InputError("patient.date_of_birth", "required, as a date (YYYY-MM-DD)") \
                from None
        # The form's patient section, in case-file form (its refusals name case-file paths).
        record = patients.create_patient(
            self.store, self._user(), study_id=study_id, date_of_birth=born,
            name=patient.get("name"), hospital_number=patient.get("hospital_number"),
            sex=patient.get("sex"), down_syndrome=patient.get("down_syndrome"))
        return record.study_id

    def import_case(self, data: dict[str, Any], source: str | None = None) -> str:
        """Store a whole case file (used by the training database)."""
        return patients.import_case(self.store, self._user(), data, source=source).study_id

    def load_patient(self, study_id: str) -> PatientData:
        record = patients.open_patient(self.store, self._user(), study_id)
        resolutions = {d.review_id: d.chosen_option for d in record.review_decisions}
        # Who, when and why with each decision: the reasons it settles name them.
        self._resolutions[study_id] = patients.decision_records(record.review_decisions)
        self._phase_starts[study_id] = self.phase_starts(study_id)
        confirmations = {
            c.criterion: QCoreApplication.translate(
                "UiBackend", "{answer} — confirmed by {by} {at:%Y-%m-%d %H:%M} UTC: {evidence}").format(
                answer=_yes_no(c.answer), by=c.confirmed_by, at=c.confirmed_at, evidence=c.evidence or "")
            for c in record.eligibility}
        try:
            case = parse_case(record.case_json, self.protocol, dt.date.today())
        except CaseError as exc:  # a stored case the engine refuses: show it, do not crash
            raise InputError.from_case_error(exc, QCoreApplication.translate(
                "UiBackend", "stored data of {study_id} is not valid").format(study_id=study_id)) from None
        return PatientData(record.study_id, record.version, case, record.case_json,
                           resolutions, confirmations, record.no_known_allergies,
                           record.allergies)

    # --- the engine --------------------------------------------------------------------
    def validate_case(self, case: dict[str, Any]) -> Case:
        """The engine's parser (an edit in case-file form is checked once, here); a problem
        (:class:`InputError`) names the case-file field."""
        try:
            return parse_case(case, self.protocol, dt.date.today())
        except CaseError as exc:
            raise InputError.from_case_error(exc) from None

    def evaluate(self, study_id: str, case: Case) -> Evaluation:
        """The engine's evaluation (with this patient's recorded review decisions)."""
        return evaluate(case, self.protocol, dt.date.today(), self._resolutions.get(study_id, {}),
                        phases.live_starts(self._phase_starts.get(study_id, ())))

    # --- phase starts (services.phases) -----------------------------------------------------
    def phase_starts(self, study_id: str) -> tuple[phases.PhaseStartView, ...]:
        """Every recorded phase start of the patient, entered in error too."""
        return phases.phase_starts(self.store, self._user(), study_id)

    def save_treatment_summary(self, study_id: str, path: str) -> None:
        """Write the one-page treatment summary PDF to ``path`` (any thread: no widgets)."""
        treatment_summary.save_summary_pdf(self.store, self._user(), study_id, Path(path))

    def loaded_phase_starts(self, study_id: str) -> tuple[phases.PhaseStartView, ...]:
        """The phase starts read with the patient's last load (no store call)."""
        return self._phase_starts.get(study_id, ())

    def record_phase_start(self, study_id: str, phase: str, start: dt.date,
                           expected_version: int) -> int:
        """Record when a phase started; returns the patient's new version."""
        return phases.record_phase_start(self.store, self._user(), study_id, expected_version,
                                         phase, start).patient_version

    def correct_phase_start(self, study_id: str, start_id: int, start: dt.date, reason: str,
                            expected_version: int) -> int:
        return phases.correct_phase_start(self.store, self._user(), study_id, expected_version,
                                          start_id, start, reason).patient_version

    def mark_phase_start_in_error(self, study_id: str, start_id: int, reason: str,
                                  expected_version: int) -> int:
        return phases.mark_phase_start_in_error(self.store, self._user(), study_id,
                                                expected_version, start_id, reason).patient_version

    # --- recording ---------------------------------------------------------------------
    def record_section(self, study_id: str, section: str, value: Any, reason: str,
                       expected_version: int) -> int:
        """Replace one case section (``patient`` is merged); returns the new version."""
        if section == "patient":
            changes = {k: v for k, v in (value or {}).items() if k != "study_id"}
            record = clinical.update_section(self.store, self._user(), study_id,
                                             expected_version, "patient", changes, reason)
        else:
            record = clinical.replace_section(self.store, self._user(), study_id,
                                              expected_version, section, value, reason)
        return record.version

    def record_measurements(self, study_id: str, entry: CycleMeasurements, reason: str | None,
                            expected_version: int) -> int:
        """Weight and height (and dates) of one blinatumomab cycle; returns the new version."""
        record = clinical.record_measurements(self.store, self._user(), study_id,
                                              expected_version, entry, reason)
        return record.version

    def record_allergies(self, study_id: str, no_known_allergies: bool, allergies: str | None,
                         reason: str | None, expected_version: int) -> int:
        """The patient's allergy status ("no known allergies" or the allergy text);
        returns the new version."""
        record = clinical.record_allergies(
            self.store, self._user(), study_id, expected_version,
            no_known_allergies=no_known_allergies, allergies=allergies, reason=reason)
        return record.version

    def confirm_eligibility(self, study_id: str, criterion: str, answer: bool | None,
                            evidence: str, expected_version: int) -> int:
        """Record who confirmed a criterion, and on what evidence; returns the new version."""
        record = clinical.confirm_eligibility(self.store, self._user(), study_id,
                                              expected_version, criterion, answer, evidence,
                                              evidence)
        return record.version

    def resolve_review(self, study_id: str, item: ReviewItem, option: str, reason: str,
                       expected_version: int) -> int:
        """Record a physician's decision on a review item; returns the new version."""
        record = reviews.record_review_decision(
            self.store, self._user(), study_id, expected_version, item.id, item.rule, option,
            reason, item.options)
        return record.version

    # --- corrections (typed: services.corrections) -------------------------------------------
    def correct_fact(self, study_id: str, request: corrections.CorrectionRequest,
                     expected_version: int) -> corrections.CorrectionResult:
        """Correct a fact or mark it entered in error (identity: pending a second person)."""
        return corrections.correct_fact(self.store, self._user(), study_id, expected_version, request)

    def confirm_correction(self, correction_id: int, username: str,
                           password: str) -> corrections.CorrectionResult:
        """A second person confirms a pending correction with their own password."""
        # A changed value is refused too: shown, never a silent reload.
        # The second person confirms as themselves: through their own database login.
        store = db_login.store_for(self.door, self.url, username, password,
                                   audit_refusals=False)
        try:
            return corrections.confirm_correction(store, correction_id, username, password)
        finally:
            if store is not self.door:
                store.close()

    def pending_corrections(self, study_id: str) -> tuple[corrections.PendingCorrection, ...]:
        return corrections.pending_corrections(self.store, self._user(), study_id)

    def audit_trail(self, study_id: str) -> list[AuditRow]:
        """The patient's history, newest first."""
        events = audit_trail.patient_history(self.store, self._user(), study_id)
        return [_audit_row(e) for e in reversed(events)]

    def add_user(self, username: str, role: str, password: str, full_name: str,
                 admin_password: str) -> None:
        """Add an account (administrators only; ``admin_password`` certifies its signing
        key). A refusal names the form field when it is about one (``username``,
        ``password``, ``role``)."""
        users.add_user(self.store, self._user(), username, role, password, full_name or None,
                       admin_password=admin_password)

    def create_first_administrator(self, username: str, password: str, full_name: str) -> None:
        """Create the first account of an empty database; the backend is then signed in as
        that administrator. Refused (:class:`UserFacingError`) once any account exists."""
        self.user = auth.create_first_administrator(self.store, username, password,
                                                    full_name or None)

    # --- user administration (the services check the permissions) ---------------------
    def has_any_user(self) -> bool:
        """False on a new, empty database: the first-run dialog replaces the sign-in. (A
        database reached only by per-user logins was set up by ``init``: it has users.)"""
        return self._store is None or auth.has_any_user(self.store)

    def can_manage_users(self) -> bool:
        return self.user is not None and self.user.can(Permission.MANAGE_USERS)

    def administrators_if_too_few(self) -> int | None:
        """For an administrator: the number of active administrators while it is below
        two (the header warns); None otherwise, or when it cannot be read."""
        if self.user is None:
            return None
        try:
            return users.too_few_administrators(self.store, self.user)
        except ServiceError:
            return None

    @staticmethod
    def roles() -> tuple[str, ...]:
        return ROLES

    @staticmethod
    def min_password_length() -> int:
        return auth.MIN_PASSWORD_LENGTH

    @staticmethod
    def password_problem(password: str, username: str | None = None) -> str | None:
        """The services' objection to a new password (of ``username``, when known), or None
        when it follows the rules."""
        try:
            auth.check_password_rules(password, username)
        except InputError as exc:
            return exc.problem
        return None

    def list_users(self) -> list[UserView]:
        return users.list_users(self.store, self._user())

    def reset_password(self, username: str, new_password: str, admin_password: str) -> None:
        """Set a temporary password (this also unlocks the account and issues a new signing
        key certified with ``admin_password``)."""
        users.reset_password(self.store, self._user(), username, new_password,
                             admin_password=admin_password)

    def unlock_user(self, username: str) -> None:
        users.unlock_user(self.store, self._user(), username)

    def set_user_active(self, username: str, active: bool) -> None:
        users.set_active(self.store, self._user(), username, active)

    def change_temporary_password(self, username: str, temporary_password: str,
                                  new_password: str) -> CurrentUser:
        """First sign-in with a temporary password: choose one's own, then signed in."""
        store = db_login.store_for(self.door, self.url, username, temporary_password)
        try:
            user = users.change_temporary_password(store, username, temporary_password,
                                                   new_password)
        except BaseException:
            if store is not self.door:
                store.close()
            raise
        if store is not self.door:  # their login role's password changed with it
            store.close()
            store = db_login.store_for(self.door, self.url, username, new_password)
        self.sign_out()
        self._store, self.user = store, user
        self._write_pending_discards()
        return user

    def change_own_password(self, old_password: str, new_password: str) -> None:
        user = self._user()
        users.change_own_password(self.store, user, old_password, new_password)
        if self._store is not self.door:  # their login role's password changed with it
            old, self._store = self.store, db_login.store_for(self.door, self.url,
                                                              user.username, new_password)
            old.close()

    def close(self) -> None:
        """Close the store once the background operations already started are done
        (none is left using it); later requests are not started (``closed``)."""
        from interfant_desktop.ui.operations import finish_pending

        self.closed = True
        finish_pending()
        self.sign_out()  # the session's key is not kept past the store (nor their login)
        if self.door is not None:
            self.door.close()


def _yes_no(value: bool | None) -> str:
    if value is None:
        return QCoreApplication.translate("UiBackend", "not recorded")
    return QCoreApplication.translate("UiBackend", "yes") if value else QCoreApplication.translate(
        "UiBackend", "no")


def _value_text(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, (dict, list)):
        text = json.dumps(value, ensure_ascii=False, sort_keys=True)
        return text if len(text) <= 120 else text[:117] + "..."
    return str(value)


def _audit_row(event: audit_trail.AuditEntry) -> AuditRow:
    what = event.action if not event.entity or event.entity == "patient" else \
        f"{event.action} {event.entity} {event.entity_key or ''}".strip()
    if event.field:
        change = f"{event.field}: {_value_text(event.old_value)} → {_value_text(event.new_value)}"
    else:
        change = _value_text(event.new_value) if event.new_value is not None else ""
    return AuditRow(event.at.strftime("%Y-%m-%d %H:%M:%S"), event.username, what, change,
                    event.reason or "")


def summarise(evaluation: Evaluation, orders: list[OrderLine] | None = None) -> Summary:
    """The list columns from an evaluation: nothing is decided here, only collected."""
    from interfant_desktop.ui.formatting import risk_group_text

    standing = evaluation.standing
    flags = _attention_flags(evaluation, orders or [])
    # An ineligible patient is on no phase of the protocol (standing withholds it).
    return Summary(evaluation.age_at_diagnosis_days, risk_group_text(evaluation),
                   standing.current_phase,
                   tuple(full for full, _brief in flags), standing.status,
                   tuple(brief for _full, brief in flags))


def _attention_flags(evaluation: Evaluation, orders: list[OrderLine]) -> list[tuple[str, str]]:
    """What needs attention, each in full (the engine's words: the list's tooltip) and in a
    few words (what the list's cell shows first: ``Review: R-DX-WBC-BOUNDARY (MR or HR)``)."""
    translate = QCoreApplication.translate
    standing = evaluation.standing
    flags: list[tuple[str, str]] = []
    flag = standing.attention()
    if flag:
        ids = ", ".join(c.id for c in standing.criteria)
        if standing.status == "ineligible":
            brief = translate("UiBackend", "Ineligible: fails {ids}").format(ids=ids)
        elif len(standing.criteria) <= 3:  # (the list's eligibility column says "incomplete")
            brief = translate("UiBackend", "Not yet known: {ids}").format(ids=ids)
        else:
            brief = translate("UiBackend", "{n} criteria not yet known").format(
                n=len(standing.criteria))
        flags.append((flag, brief))
    for item in evaluation.review:
        choices = translate("UiBackend", " or ").join(item.options)
        brief = translate("UiBackend", "Review: {rule} ({choices})") if choices else \
            translate("UiBackend", "Review: {rule}")
        flags.append((item.attention, brief.format(rule=item.rule, choices=choices)))
    # Data the protocol's risk rules still need matter only where the protocol may apply.
    if standing.status != "ineligible":
        flags.extend((missing, missing) for missing in evaluation.risk.attention)
    for order in orders:
        if order.status == "signed":
            full = translate("UiBackend", "order #{id} (cycle {cycle}) awaiting verification")
            brief = translate("UiBackend", "Order #{id} awaiting verification")
        elif order.stale and order.status in ("draft", "verified"):
            full = translate("UiBackend", "order #{id} (cycle {cycle}) stale: data changed")
            brief = translate("UiBackend", "Order #{id} stale: data changed")
        else:
            continue
        flags.append((full.format(id=order.id, cycle=order.cycle), brief.format(id=order.id)))
    return flags


class OrderActions:
    """The order workflow's door for the order dialogs: the order services bound to the
    backend's store and signed-in user. Refusals reach the dialogs as the services raised
    them (:data:`UserFacingError`; :class:`~order_workflow.WarningsNotConfirmed` and
    :class:`~order_workflow.VerificationMismatch` carry their warnings and differences)."""

    def __init__(self, backend: UiBackend) -> None:
        self.backend = backend

    @property
    def user(self) -> CurrentUser:
        return self.backend._user()

    def can(self, permission: Permission) -> bool:
        return self.backend.user is not None and self.backend.user.can(permission)

    # --- reading -------------------------------------------------------------------------
    def orders(self, study_id: str, cycle: int) -> list[OrderView]:
        """The patient's orders of ``cycle``, newest first."""
        views = order_workflow.list_orders(self.backend.store, self.user, study_id)
        return [v for v in views if v.cycle == cycle]

    def order(self, order_id: int) -> OrderView:
        return order_workflow.get_order(self.backend.store, self.user, order_id)

    def patient_version_and_cycle(self, study_id: str, cycle: int) -> tuple[int, RecordedCycle]:
        """The patient's version and the cycle's recorded measurements (each may be None)."""
        record = patients.open_patient(self.backend.store, self.user, study_id)
        return record.version, recorded_cycle(record.case_json, cycle)

    def task(self, order_id: int) -> VerificationTask:
        """The blinded view of a signed order, for the verifier."""
        return order_workflow.verification_task(self.backend.store, self.user, order_id)

    # --- the workflow ----------------------------------------------------------------------
    def plan(self, study_id: str, cycle: int, *, weight_kg: float, height_cm: float,
             weight_date: dt.date, height_date: dt.date,
             start_date: dt.date | None, start_time: dt.time | None = None,
             bag_hours: int | None = None) -> OrderPlan:
        return order_workflow.plan_order(
            self.backend.store, self.user, study_id, cycle, weight_kg=weight_kg,
            height_cm=height_cm, weight_date=weight_date, height_date=height_date,
            start_date=start_date, start_time=start_time, bag_hours=bag_hours)

    def start(self, study_id: str, version: int, cycle: int, *, weight_kg: float,
              height_cm: float, weight_date: dt.date, height_date: dt.date,
              start_date: dt.date | None, confirm_warnings: Collection[str],
              reason: str | None, start_time: dt.time | None = None,
              bag_hours: int | None = None) -> OrderView:
        return order_workflow.start_order(
            self.backend.store, self.user, study_id, version, cycle, weight_kg=weight_kg,
            height_cm=height_cm, weight_date=weight_date, height_date=height_date,
            start_date=start_date, confirm_warnings=confirm_warnings, reason=reason,
            start_time=start_time, bag_hours=bag_hours)

    def sign(self, order: OrderView, password: str) -> OrderView:
        """Sign a draft ("prescribed"); ``password`` is the user's, asked again."""
        return order_workflow.sign_order(self.backend.store, self.user, order.id,
                                          order.version, password=password)

    def verify(self, task: VerificationTask, weight_kg: float, height_cm: float,
               password: str) -> OrderView:
        return order_workflow.verify_order(
            self.backend.store, self.user, task.id, task.version, weight_kg=weight_kg,
            height_cm=height_cm, password=password)

    def preview(self, order_id: int) -> OrderPdf:
        return _off_gui_thread(lambda: order_workflow.preview_order_pdf(
            self.backend.store, self.user, order_id))

    def save_file(self, order_id: int) -> OrderPdf:
        """The checked sheet marked FILE COPY (audited; not a print: the original stays)."""
        return order_workflow.save_order_file(self.backend.store, self.user, order_id)

    def print_sheet(self, order: OrderView, password: str) -> OrderPdf:
        """Check, sign ("printed for administration"), render a verified order and record
        the print (a reprint says COPY)."""
        return _off_gui_thread(lambda: order_workflow.print_order(
            self.backend.store, self.user, order.id, order.version, password=password))

    def site_fingerprint(self) -> str | None:
        """The site's root signing key fingerprint (the trust anchor printed on orders), as
        the order dialog shows it: in rows of four groups that a line wraps only between
        (:func:`~interfant_desktop.ui.widgets.fingerprint.shown_fingerprint`)."""
        fingerprint = signing_keys.site_fingerprint(self.backend.store)
        return None if fingerprint is None else shown_fingerprint(fingerprint)

    def cancel(self, order: OrderView, reason: str) -> OrderView:
        return order_workflow.cancel_order(self.backend.store, self.user, order.id, order.version, reason)

    # --- the lifecycle of an order in force (each signed with the password and a reason) ---
    def hold(self, order: OrderView, reason: str, password: str) -> OrderView:
        return order_workflow.hold_order(self.backend.store, self.user, order.id, order.version,
                                         reason=reason, password=password)

    def release(self, order: OrderView, reason: str, password: str) -> OrderView:
        return order_workflow.release_order(self.backend.store, self.user, order.id,
                                            order.version, reason=reason, password=password)

    def discontinue(self, order: OrderView, reason: str, password: str) -> OrderView:
        return order_workflow.discontinue_order(self.backend.store, self.user, order.id,
                                                order.version, reason=reason, password=password)

    def restart(self, order: OrderView, reason: str, password: str,
                confirm_warnings: Collection[str] = ()) -> order_workflow.NewOrder:
        return order_workflow.restart_order(self.backend.store, self.user, order.id,
                                            order.version, reason=reason, password=password,
                                            confirm_warnings=confirm_warnings)

    def modify(self, order: OrderView, reason: str, password: str, *,
               confirm_warnings: Collection[str] = (), weight_kg: float | None = None,
               height_cm: float | None = None, bag_hours: int | None = None,
               start: dt.datetime | None = None) -> order_workflow.NewOrder:
        return order_workflow.modify_order(
            self.backend.store, self.user, order.id, order.version, reason=reason,
            password=password, weight_kg=weight_kg, height_cm=height_cm, bag_hours=bag_hours,
            start_date=start.date() if start else None, start_time=start.time() if start else None,
            confirm_warnings=confirm_warnings)


def _off_gui_thread(call: Callable[[], T]) -> T:
    """``call`` on the store worker, the window repainting meanwhile: rendering an order
    (and, on a distant server, its signature checks) takes long enough to freeze it. The
    PDF bytes come back; every widget stays on the GUI thread."""
    from interfant_desktop.ui.operations import CollectionOp

    return CollectionOp(None, call).wait()
