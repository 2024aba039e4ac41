"""The stored facts: SQLAlchemy 2.x typed models.

What is stored is what a clinician recorded (facts), never the evaluation: the
engine recomputes risk group, decisions and doses from these facts each time.

Case-file sections map onto one table each (``diagnoses``, ``prednisone_responses``,
...). A case file can say a field is ``null`` or leave it out; both mean "not known
yet", but an export must give back exactly what was imported, so every section row
keeps ``keys_given`` (the keys that appeared in the file, including those given as
``null``) and the patient keeps ``sections_given`` (which top-level sections
appeared, and whether as an object, a list or ``null``).

``patients.version`` is the optimistic lock: every change to a patient's clinical
data bumps it, and an edit based on an older version is refused (see
``interfant_desktop.services.errors.ConflictError``).

Start-up speed: the annotations here are real objects, not strings (no ``from
__future__ import annotations``), so declarative mapping reads ``Mapped[...]`` as it is
instead of evaluating some 550 annotation strings (the import, on the sign-in's path, is
about 8 ms shorter); only the forward references to later classes are quoted.
"""

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

# Stable constraint names, so migrations (and SQLite batch rebuilds) can refer to them.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

ROLES = ("administrator", "physician", "pharmacist", "nurse", "data_manager")
ORDER_STATUSES = ("draft", "signed", "verified", "printed", "cancelled", "held", "discontinued",
                  "superseded")


class UtcDateTime(TypeDecorator[dt.datetime]):
    """A point in time, always stored as naive UTC and returned as aware UTC.

    SQLite has no time zones and PostgreSQL converts on the way in; storing naive
    UTC on both gives the same value back, which the audit hash chain relies on.
    """

    impl = DateTime(timezone=False)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Any) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("UtcDateTime needs an aware datetime")
        return value.astimezone(dt.UTC).replace(tzinfo=None)

    def process_result_value(self, value: dt.datetime | None, dialect: Any) -> dt.datetime | None:
        return None if value is None else value.replace(tzinfo=dt.UTC)


def utc_now() -> dt.datetime:
    """Now, in UTC, to the microsecond (what both databases keep)."""
    return dt.datetime.now(dt.UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


# --- people using the app ---------------------------------------------------------------

class User(Base):
    """Someone who signs in. ``password_hash`` is an argon2id hash, never the password."""

    __tablename__ = "users"
    __table_args__ = (CheckConstraint(
        "role IN ('administrator','physician','pharmacist','nurse','data_manager')", name="role"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    full_name: Mapped[str | None] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20))
    password_hash: Mapped[str] = mapped_column(String(200))
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked: Mapped[bool] = mapped_column(Boolean, default=False)
    #: End of the lock in force after repeated wrong passwords (None: none); see services.lockout.
    locked_until: Mapped[dt.datetime | None] = mapped_column(UtcDateTime)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utc_now)
    last_sign_in_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime)
    #: The password was set by an administrator (new account, reset): the user chooses
    #: their own at the next sign-in before anything else (services.users).
    #: (Server default only: an older schema's inserts, e.g. in migration tests, omit it.)
    must_change_password: Mapped[bool] = mapped_column(Boolean, server_default=false())


# --- the patient and the case-file sections ---------------------------------------------

class Patient(Base):
    """One patient: identity plus bookkeeping. Clinical sections hang off it."""

    __tablename__ = "patients"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    study_id: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str | None] = mapped_column(String(200))
    hospital_number: Mapped[str | None] = mapped_column(String(64))
    date_of_birth: Mapped[dt.date] = mapped_column(Date)
    sex: Mapped[str | None] = mapped_column(String(10))
    down_syndrome: Mapped[bool | None] = mapped_column(Boolean)
    # Allergy status (schema revision 3; not part of the case file): None = not recorded,
    # True = "no known allergies", False = the allergies listed in ``allergies``.
    no_known_allergies: Mapped[bool | None] = mapped_column(Boolean)
    allergies: Mapped[str | None] = mapped_column(Text)
    # Registered by mistake (schema revision 9): the patient is kept, with the reason, but
    # hidden from the patient list. Set only through ``services.corrections`` (two people).
    entered_in_error_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime)
    entered_in_error_by: Mapped[str | None] = mapped_column(String(64))
    entered_in_error_reason: Mapped[str | None] = mapped_column(Text)
    keys_given: Mapped[list[str]] = mapped_column(JSON, default=list)
    sections_given: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utc_now)
    created_by: Mapped[str] = mapped_column(String(64))
    updated_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utc_now)
    updated_by: Mapped[str] = mapped_column(String(64))

    diagnosis: Mapped["Diagnosis | None"] = relationship(
        back_populates="patient", cascade="all, delete-orphan", uselist=False)
    prednisone_response: Mapped["PrednisoneResponse | None"] = relationship(
        cascade="all, delete-orphan", uselist=False)
    end_of_induction: Mapped["EndOfInduction | None"] = relationship(
        cascade="all, delete-orphan", uselist=False)
    blinatumomab_checklist: Mapped["BlinatumomabChecklist | None"] = relationship(
        cascade="all, delete-orphan", uselist=False)
    mrd_results: Mapped[list["MrdResult"]] = relationship(
        cascade="all, delete-orphan", order_by="MrdResult.position")
    blinatumomab_cycles: Mapped[list["BlinatumomabCycle"]] = relationship(
        cascade="all, delete-orphan", order_by="BlinatumomabCycle.position")
    eligibility_answers: Mapped[list["EligibilityAnswer"]] = relationship(
        cascade="all, delete-orphan", order_by="EligibilityAnswer.criterion")
    # The infusion record is never deleted with a section edit (no delete cascade).
    infusion_interruptions: Mapped[list["InfusionInterruption"]] = relationship(
        order_by="InfusionInterruption.id")
    toxicity_assessments: Mapped[list["ToxicityAssessment"]] = relationship(
        order_by="ToxicityAssessment.position")

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 (SQLAlchemy API)


class PatientSection:
    """A case-file section stored as at most one row per patient: its own ID, the patient
    (the row goes with the patient's section), and which of its keys the case file gave
    (an export gives back exactly what was imported). ``sort_order`` keeps the columns
    where the tables have always had them: the IDs first, ``keys_given`` last."""

    id: Mapped[int] = mapped_column(Integer, primary_key=True, sort_order=-2)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patients.id", ondelete="CASCADE"),
                                            unique=True, sort_order=-1)
    keys_given: Mapped[list[str]] = mapped_column(JSON, default=list, sort_order=1)


class Diagnosis(PatientSection, Base):
    __tablename__ = "diagnoses"

    date: Mapped[dt.date | None] = mapped_column(Date)
    lineage: Mapped[str | None] = mapped_column(String(20))
    kmt2a: Mapped[str | None] = mapped_column(String(12))
    kmt2a_partner: Mapped[str | None] = mapped_column(String(64))
    relapsed: Mapped[bool | None] = mapped_column(Boolean)
    wbc_value: Mapped[float | None] = mapped_column(Float)
    wbc_unit: Mapped[str | None] = mapped_column(String(8))
    prior_steroids: Mapped[bool | None] = mapped_column(Boolean)
    prior_chemotherapy: Mapped[bool | None] = mapped_column(Boolean)
    consent: Mapped[bool | None] = mapped_column(Boolean)

    patient: Mapped["Patient"] = relationship(back_populates="diagnosis")


class PrednisoneResponse(PatientSection, Base):
    __tablename__ = "prednisone_responses"

    date: Mapped[dt.date | None] = mapped_column(Date)
    blasts_per_ul: Mapped[float | None] = mapped_column(Float)
    not_evaluable: Mapped[bool | None] = mapped_column(Boolean)


class EndOfInduction(PatientSection, Base):
    __tablename__ = "end_of_induction"

    date: Mapped[dt.date | None] = mapped_column(Date)
    marrow: Mapped[str | None] = mapped_column(String(4))
    cns: Mapped[str | None] = mapped_column(String(4))


class MrdResult(Base):
    """One MRD sample. ``kind`` is ``percent``, ``undetectable`` or ``pnq`` (positive,
    not quantifiable, with the assay's quantitative range in ``qr_percent``)."""

    __tablename__ = "mrd_results"
    __table_args__ = (CheckConstraint("kind IN ('percent','undetectable','pnq')", name="kind"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patients.id", ondelete="CASCADE"),
                                            index=True)
    position: Mapped[int] = mapped_column(Integer)
    timepoint: Mapped[str] = mapped_column(String(32))
    sample_date: Mapped[dt.date] = mapped_column(Date)
    kind: Mapped[str] = mapped_column(String(12))
    percent: Mapped[float | None] = mapped_column(Float)
    qr_percent: Mapped[float | None] = mapped_column(Float)
    method: Mapped[str | None] = mapped_column(String(64))
    laboratory: Mapped[str | None] = mapped_column(String(200))
    keys_given: Mapped[list[str]] = mapped_column(JSON, default=list)


class BlinatumomabChecklist(PatientSection, Base):
    """The checklist before blinatumomab cycle 1 (``None`` = not answered yet)."""

    __tablename__ = "blinatumomab_checklists"

    cd19_positive: Mapped[bool | None] = mapped_column(Boolean)
    cns1_at_eoi: Mapped[bool | None] = mapped_column(Boolean)
    hypersensitivity: Mapped[bool | None] = mapped_column(Boolean)
    live_vaccine_28d: Mapped[bool | None] = mapped_column(Boolean)


class BlinatumomabCycle(Base):
    """A blinatumomab cycle with the weight and height its dose is computed from."""

    __tablename__ = "blinatumomab_cycles"
    __table_args__ = (UniqueConstraint("patient_id", "cycle", name="uq_blinatumomab_cycle"),
                      CheckConstraint("cycle IN (1, 2)", name="cycle"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patients.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    cycle: Mapped[int] = mapped_column(Integer)
    start_date: Mapped[dt.date | None] = mapped_column(Date)
    weight_kg: Mapped[float] = mapped_column(Float)
    weight_date: Mapped[dt.date | None] = mapped_column(Date)
    height_cm: Mapped[float] = mapped_column(Float)
    height_date: Mapped[dt.date | None] = mapped_column(Date)
    bsa_formula: Mapped[str | None] = mapped_column(String(12))
    # The infusion's local start time (HH:MM) and bag length (schema revision 10): the
    # case file's round-2 ``start_time`` and ``bag_hours``, kept so an export gives them back.
    start_time: Mapped[str | None] = mapped_column(String(5))
    bag_hours: Mapped[int | None] = mapped_column(Integer)
    keys_given: Mapped[list[str]] = mapped_column(JSON, default=list)


class EligibilityAnswer(Base):
    """A clinician's confirmation of one eligibility criterion (INC1..EXC7 in RULES.md):
    who confirmed it, when, and on what evidence. Not part of the case file."""

    __tablename__ = "eligibility_answers"
    __table_args__ = (UniqueConstraint("patient_id", "criterion", name="uq_eligibility_answer"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patients.id", ondelete="CASCADE"))
    criterion: Mapped[str] = mapped_column(String(16))
    answer: Mapped[bool | None] = mapped_column(Boolean)
    evidence: Mapped[str | None] = mapped_column(Text)
    confirmed_by: Mapped[str] = mapped_column(String(64))
    confirmed_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utc_now)


class ReviewDecision(Base):
    """A clinician's answer to a ``review`` item of the evaluation (a question the
    protocol does not settle), with the protocol version it was made under."""

    __tablename__ = "review_decisions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patients.id", ondelete="CASCADE"),
                                            index=True)
    review_id: Mapped[str] = mapped_column(String(120))
    rule_id: Mapped[str] = mapped_column(String(40))
    chosen_option: Mapped[str] = mapped_column(String(200))
    reason: Mapped[str] = mapped_column(Text)
    decided_by: Mapped[str] = mapped_column(String(64))
    decided_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utc_now)
    protocol_version: Mapped[str] = mapped_column(String(40))
    # A later decision on the same review item supersedes this one (history is kept).
    superseded: Mapped[bool] = mapped_column(Boolean, default=False)


# --- corrections (schema revision 9) ----------------------------------------------------

class EnteredInErrorFact(Base):
    """A recorded fact a clinician marked "entered in error": it left the case (so the
    engine and the lists no longer see it) but is kept here verbatim, with who, when and
    why. ``fact`` is its case-file path when it was withdrawn (``mrd[1]``,
    ``diagnosis.wbc``, ``allergies``); ``value`` its case-file form as JSON text."""

    __tablename__ = "entered_in_error_facts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patients.id", ondelete="CASCADE"),
                                            index=True)
    fact: Mapped[str] = mapped_column(String(120))
    value: Mapped[str | None] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(Text)
    entered_by: Mapped[str] = mapped_column(String(64))
    entered_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utc_now)


class PendingCorrection(Base):
    """A correction of identity or date of birth waiting for a second person.

    ``old_value``/``new_value`` are JSON text exactly as in the row's
    ``request_correction`` audit event (entity ``correction``, key = this row's ID); the
    confirmation compares them with that signed event, so a row altered in the database is
    refused instead of applied."""

    __tablename__ = "pending_corrections"
    __table_args__ = (
        CheckConstraint("kind IN ('correct','entered_in_error')", name="kind"),
        CheckConstraint("status IN ('pending','confirmed','withdrawn')", name="status"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patients.id", ondelete="CASCADE"),
                                            index=True)
    fact: Mapped[str] = mapped_column(String(120))
    kind: Mapped[str] = mapped_column(String(20))
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(Text)
    requested_by: Mapped[str] = mapped_column(String(64))
    requested_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utc_now)
    status: Mapped[str] = mapped_column(String(12), default="pending")
    decided_by: Mapped[str | None] = mapped_column(String(64))
    decided_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime)


# --- orders ---------------------------------------------------------------------------

class Order(Base):
    """A blinatumomab order and its workflow: draft -> signed -> verified -> printed,
    or cancelled; an order in force may be held (and released), discontinued, or
    superseded by a modified or restart order (``services.order_lifecycle``). ``content``
    is the order as computed by the engine when it was drafted; ``content_hash`` fixes it
    so a signature covers exactly that content.
    ``stale`` is set when the patient's data change after the order was drafted."""

    __tablename__ = "orders"
    __table_args__ = (CheckConstraint(
        "status IN ('draft','signed','verified','printed','cancelled','held','discontinued',"
        "'superseded')", name="status"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patients.id", ondelete="RESTRICT"))
    cycle: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16), default="draft")
    content: Mapped[dict[str, Any]] = mapped_column(JSON)
    content_hash: Mapped[str] = mapped_column(String(64))
    protocol_version: Mapped[str] = mapped_column(String(40))
    patient_version: Mapped[int] = mapped_column(Integer)
    created_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utc_now)
    prescriber: Mapped[str | None] = mapped_column(String(64))
    signed_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime)
    verifier: Mapped[str | None] = mapped_column(String(64))
    verified_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime)
    stale: Mapped[bool] = mapped_column(Boolean, default=False)
    cancelled_by: Mapped[str | None] = mapped_column(String(64))
    cancelled_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime)
    cancel_reason: Mapped[str | None] = mapped_column(Text)
    version: Mapped[int] = mapped_column(Integer, default=1)

    prints: Mapped[list["OrderPrint"]] = relationship(
        cascade="all, delete-orphan", order_by="OrderPrint.id")

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 (SQLAlchemy API)


class OrderPrint(Base):
    """One printing of an order sheet (reprints are recorded too)."""

    __tablename__ = "order_prints"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"))
    printed_by: Mapped[str] = mapped_column(String(64))
    printed_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utc_now)
    pdf_sha256: Mapped[str | None] = mapped_column(String(64))


# --- electronic signatures (schema revision 4) -------------------------------------------

class SigningKey(Base):
    """One user's Ed25519 key pair and its certificate (21 CFR 11.70: a signature is
    linked to its record and to its signer).

    The private key is stored encrypted under a key derived from the owner's password
    (``interfant_desktop.store.signing``). ``certificate`` is the issuing
    administrator's signature over the key's certificate payload (user, printed name,
    role, public key, times, issuer): the site's first administrator's key is its own
    issuer (the root). ``issuer_key_id`` is NULL for the root and for a key made at
    the sign-in of an account from an older database, which waits for an
    administrator's certificate. A password reset revokes the old key (``revoked_at``)."""

    __tablename__ = "signing_keys"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(64), index=True)
    full_name: Mapped[str | None] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20))
    public_key: Mapped[str] = mapped_column(String(64))
    encrypted_private_key: Mapped[str] = mapped_column(String(200))
    salt: Mapped[str] = mapped_column(String(64))
    nonce: Mapped[str] = mapped_column(String(64))
    kdf: Mapped[str] = mapped_column(String(20))
    kdf_params: Mapped[dict[str, int]] = mapped_column(JSON)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utc_now)
    is_root: Mapped[bool] = mapped_column(Boolean, default=False)
    issuer_key_id: Mapped[int | None] = mapped_column(ForeignKey("signing_keys.id"))
    certified_by: Mapped[str | None] = mapped_column(String(64))
    certified_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime)
    certificate: Mapped[str | None] = mapped_column(String(200))
    revoked_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime)


class OrderSignature(Base):
    """One electronic signature on an order: who (user name and printed name, role),
    when (UTC), its meaning, the key, and the Ed25519 signature over the order's
    complete context and these fields (see ``services.order_signatures``)."""

    __tablename__ = "order_signatures"
    __table_args__ = (CheckConstraint(
        "meaning IN ('prescribed','verified','printed for administration','held','hold released',"
        "'discontinued','superseded')", name="meaning"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id", ondelete="RESTRICT"),
                                          index=True)
    meaning: Mapped[str] = mapped_column(String(40))
    username: Mapped[str] = mapped_column(String(64))
    printed_name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20))
    signed_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    key_id: Mapped[int] = mapped_column(ForeignKey("signing_keys.id"))
    #: extra signed facts of this signature (the verifier's blinded re-entry, the print)
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    signature: Mapped[str] = mapped_column(String(200))


# --- the infusion record (schema revision 10) ---------------------------------------------
# Facts recorded at the bedside during the 28 days. Local wall-clock times (naive, as the
# case file has them) are what the engine counts hours with; each row also keeps when it was
# entered (UTC) and by whom. Nothing is deleted: a wrong entry is marked entered in error.

class EnteredInErrorMark:
    """A bedside record is never deleted: a wrong one is marked entered in error, with the
    reason (``services.infusion.mark_in_error``). The two columns stay last in each table."""

    entered_in_error: Mapped[bool] = mapped_column(Boolean, default=False, sort_order=1)
    error_reason: Mapped[str | None] = mapped_column(Text, sort_order=1)


class InfusionInterruption(EnteredInErrorMark, Base):
    """A stop of the blinatumomab infusion of one cycle and, once known, its restart."""

    __tablename__ = "infusion_interruptions"
    __table_args__ = (Index("ix_infusion_interruptions_patient", "patient_id", "cycle"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patients.id", ondelete="RESTRICT"))
    cycle: Mapped[int] = mapped_column(Integer)
    stopped: Mapped[dt.datetime] = mapped_column(DateTime(timezone=False))  # local time
    restarted: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=False))  # local
    reason: Mapped[str] = mapped_column(String(40))
    note: Mapped[str | None] = mapped_column(Text)
    recorded_by: Mapped[str] = mapped_column(String(64))
    recorded_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utc_now)
    restart_recorded_by: Mapped[str | None] = mapped_column(String(64))
    restart_recorded_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime)


class ToxicityAssessment(EnteredInErrorMark, Base):
    """One bedside assessment: the CRS and ICANS observations (case-file form, JSON), another
    adverse reaction, the seizure count and the CAPD answers item by item (when scored here)."""

    __tablename__ = "toxicity_assessments"
    __table_args__ = (Index("ix_toxicity_assessments_patient", "patient_id", "at_local"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patients.id", ondelete="RESTRICT"))
    position: Mapped[int] = mapped_column(Integer)  # order of entry (the case file's order)
    cycle: Mapped[int] = mapped_column(Integer)
    at_local: Mapped[dt.datetime] = mapped_column(DateTime(timezone=False))
    crs: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    icans: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    other: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    seizures_this_treatment: Mapped[int | None] = mapped_column(Integer)
    capd_answers: Mapped[dict[str, str] | None] = mapped_column(JSON)
    keys_given: Mapped[list[str]] = mapped_column(JSON, default=list)
    recorded_by: Mapped[str] = mapped_column(String(64))
    recorded_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utc_now)


class ToxicityDecision(Base):
    """What the physician did about one of the engine's actions for an assessment: followed
    or not (with the reason). A later decision on the same action supersedes this one."""

    __tablename__ = "toxicity_decisions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    assessment_id: Mapped[int] = mapped_column(
        ForeignKey("toxicity_assessments.id", ondelete="RESTRICT"), index=True)
    rule_id: Mapped[str] = mapped_column(String(40))
    action: Mapped[str] = mapped_column(String(40))  # the engine's action word at the time
    followed: Mapped[bool] = mapped_column(Boolean)
    reason: Mapped[str | None] = mapped_column(Text)
    decided_by: Mapped[str] = mapped_column(String(64))
    decided_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utc_now)
    protocol_version: Mapped[str] = mapped_column(String(40))
    superseded: Mapped[bool] = mapped_column(Boolean, default=False)


class BagEvent(EnteredInErrorMark, Base):
    """A bag of an order's schedule hung on the pump, or changed/removed from it."""

    __tablename__ = "bag_events"
    __table_args__ = (CheckConstraint("kind IN ('hung','removed')", name="kind"),
                      Index("ix_bag_events_order", "order_id", "bag_number"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patients.id", ondelete="RESTRICT"))
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id", ondelete="RESTRICT"))
    cycle: Mapped[int] = mapped_column(Integer)
    bag_number: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(8))
    at_local: Mapped[dt.datetime] = mapped_column(DateTime(timezone=False))
    nurse: Mapped[str] = mapped_column(String(64))
    second_nurse: Mapped[str | None] = mapped_column(String(64))
    rate_ml_per_h: Mapped[float | None] = mapped_column(Float)
    volume_to_infuse_ml: Mapped[float | None] = mapped_column(Float)
    pump_locked: Mapped[bool | None] = mapped_column(Boolean)
    filter_used: Mapped[bool | None] = mapped_column(Boolean)
    volume_infused_ml: Mapped[float | None] = mapped_column(Float)
    residual_discarded_ml: Mapped[float | None] = mapped_column(Float)
    recorded_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utc_now)


# --- phase starts (schema revision 0015) ---------------------------------------------------

class PhaseStart(EnteredInErrorMark, Base):
    """The date a phase of the roadmap started (prephase, induction, a blinatumomab cycle,
    consolidation, ...), as recorded when it happened. Not part of the case file. A wrong
    date is corrected (the audit trail keeps the old one) or the entry is marked entered in
    error; nothing is deleted."""

    __tablename__ = "phase_starts"
    __table_args__ = (Index("ix_phase_starts_patient", "patient_id", "phase"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patients.id", ondelete="RESTRICT"))
    phase: Mapped[str] = mapped_column(String(40))
    start_date: Mapped[dt.date] = mapped_column(Date)
    recorded_by: Mapped[str] = mapped_column(String(64))
    recorded_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utc_now)
    corrected_by: Mapped[str | None] = mapped_column(String(64))
    corrected_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime)


# --- audit trail -------------------------------------------------------------------------

class AuditEvent(Base):
    """One append-only audit event. ``hash`` = SHA-256 over the event's content and
    ``prev_hash`` (see ``interfant_desktop.store.audit``); ``seq`` has no gaps."""

    __tablename__ = "audit_events"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    username: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(40))
    entity: Mapped[str] = mapped_column(String(40))
    entity_key: Mapped[str | None] = mapped_column(String(120))
    study_id: Mapped[str | None] = mapped_column(String(64), index=True)
    field: Mapped[str | None] = mapped_column(String(120))
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)
    reason: Mapped[str | None] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
    # Schema revision 6 (NULL on events recorded before): the workstation, the digests
    # of the rows the transaction left behind (JSON), and the Ed25519 signature
    # (hex) by the key ``signer`` (a key id). ``db_user`` is set by a PostgreSQL
    # trigger to ``session_user`` (the login role), outside the signed content.
    workstation: Mapped[str | None] = mapped_column(String(120))
    state: Mapped[str | None] = mapped_column(Text)
    signer: Mapped[str | None] = mapped_column(String(32))
    signature: Mapped[str | None] = mapped_column(String(128))
    db_user: Mapped[str | None] = mapped_column(String(64))
    # Revision 16: finds a key's add_signer (and the start_tracking event) without
    # reading the whole trail on each process's first signed commit.
    __table_args__ = (Index("ix_audit_events_action_entity_key", "action", "entity_key"),)


class AuditHead(Base):
    """The end of the chain (one row): removing the last events by hand is detected
    because they no longer reach this head. Also the lock that serialises appends."""

    __tablename__ = "audit_head"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    last_seq: Mapped[int] = mapped_column(Integer)
    last_hash: Mapped[str] = mapped_column(String(64))
    last_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime)  # schema revision 6


# --- search (schema revision 2) ------------------------------------------------------------

# Search keys are compared with a plain byte-wise collation so a prefix becomes an
# index range scan on both databases (PostgreSQL's locale collation would not).
SearchKey = String(200).with_variant(String(200, collation="C"), "postgresql")


class SearchTerm(Base):
    """Normalised words to find a patient by (study ID, name, hospital number):
    lower-cased, accents removed ("Zoë" is found by "zoe"). One row per word and one
    for the whole value, so "berg" and "zoe van" both find "Zoë van der Berg"."""

    __tablename__ = "search_terms"
    __table_args__ = (Index("ix_search_terms_term", "term", "patient_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patients.id", ondelete="CASCADE"),
                                            index=True)
    kind: Mapped[str] = mapped_column(String(16))
    term: Mapped[str] = mapped_column(SearchKey)


# Order fields the worklists filter on (schema revision 2).
Index("ix_orders_patient_status", Order.patient_id, Order.status)
Index("ix_orders_status", Order.status)


# --- pseudonymised exports (schema revision 0008) -------------------------------------------

class ExportPseudonym(Base):
    """The secret number of days by which a patient's dates are shifted in pseudonymised
    exports. Drawn once at random on the first such export and kept, so every later
    export of the patient shifts by the same offset (a trial database can link them,
    nobody can read the real dates back from them). Not clinical data; never exported."""

    __tablename__ = "export_pseudonyms"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patients.id", ondelete="CASCADE"),
                                            unique=True)
    date_offset_days: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utc_now)
    created_by: Mapped[str] = mapped_column(String(64))
