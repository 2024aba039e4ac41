"""The printed sheet, from the stored content, and the check before every print.

``print_order`` (password asked again: the print is signed "printed for
administration") renders a verified order from its stored content and records the
print. Before it prints (and before a preview is shown) the stored order is checked:
every signature and certificate chain (``order_signatures.integrity_problem``), the
engine re-run on the order's stored facts must give the stored doses, and the
patient's stored identity, allergy status and this cycle's measurements must still be
the facts the order was signed on. Any difference refuses with one line and an audit
event (``print_refused`` / ``preview_refused``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy.orm import Session

from interfant_desktop import __version__
from interfant_desktop.services.accounts import checked_transaction
from interfant_desktop.services.blinding import blinded_role
from interfant_desktop.services.errors import ConflictError, InputError, PermissionDenied
from interfant_desktop.services.order_signatures import (
    Meaning,
    SignatureLine,
    add_signature,
    integrity_problem,
    refuse_tampered,
)
from interfant_desktop.services.order_start import ORDER_ONLY_KEYS, OrderRefused, engine_order
from interfant_desktop.services.order_state import (
    OrderView,
    Status,
    audit_transition,
    check_protocol,
    display_name,
    history_of,
    load_order,
    mark_stale_if_protocol_changed,
    order_code,
    refuse_if_stale,
    refuse_without_context,
    stale_reason,
    state_note,
    view,
)
from interfant_desktop.services.order_verification import differences
from interfant_desktop.services.permissions import CurrentUser, Permission, require
from interfant_desktop.services.signing_keys import site_root, unlock_key
from interfant_desktop.services.store_access import Store
from interfant_desktop.store import signing
from interfant_desktop.store.audit import append_event
from interfant_desktop.store.case_rows import rows_to_case
from interfant_desktop.store.models import Order, OrderPrint, Patient, SigningKey

if TYPE_CHECKING:  # the order data types load with the first sheet drawn
    from interfant_desktop.orders import OrderStatus

#: States whose sheet shows the verification (a held or ended order says so besides).
AFTER_VERIFICATION = (Status.VERIFIED, Status.PRINTED, Status.HELD, Status.DISCONTINUED,
                      Status.SUPERSEDED)


@dataclass(frozen=True)
class OrderPdf:
    """A rendered order sheet: ``valid`` only for a verified order (no watermark);
    ``copy`` for a reprint; ``printed_at`` is the time on the sheet."""

    pdf: bytes
    sha256: str
    order: OrderView
    valid: bool
    copy: bool
    printed_at: dt.datetime
    prescriber_name: str | None = None
    verifier_name: str | None = None
    warnings: tuple[str, ...] = field(default=())
    #: the site's root key fingerprint printed on the sheet
    site_key_fingerprint: str | None = None


def _local(moment: dt.datetime | None) -> dt.datetime | None:
    if moment is None:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone()


#: The bedside record of a cycle: it grows during the infusion without changing the order.
BEDSIDE_KEYS = frozenset({"interruptions"})


def _cycle_entry(case: dict[str, Any], cycle: int) -> dict[str, Any] | None:
    """The cycle's recorded entry, without what only the order holds (start time, bag
    length: they travel with the order, not in the patient's record) and without the
    bedside record (interruptions recorded after the order do not change it)."""
    entry = next((c for c in case.get("blinatumomab") or [] if c.get("cycle") == cycle), None)
    return None if entry is None else {k: v for k, v in entry.items()
                                       if k not in ORDER_ONLY_KEYS | BEDSIDE_KEYS}


def _restart_problem(facts: dict[str, Any], stored: dict[str, Any], cycle: int) -> str | None:
    """A restart order stands on its interruption: it must still be in the record."""
    restart = facts.get("restart")
    if not restart:
        return None
    entry: dict[str, Any] = next(
        (c for c in stored.get("blinatumomab") or [] if c.get("cycle") == cycle), {})
    if not any(i.get("restarted") == restart["at"] for i in entry.get("interruptions") or []):
        return (f"the interruption restarted at {restart['at'].replace('T', ' ')} that the restart "
                "order was made from is no longer in the record")
    return None


def facts_problem(order: Order, patient: Patient) -> str | None:
    """Whether the engine, re-run on the stored facts, gives the stored order, and whether
    the patient's stored data are still those facts (None when both hold)."""
    context = order.content
    facts = context["facts"]
    try:
        _, _, again = engine_order(facts, order.cycle)
    except (InputError, OrderRefused) as exc:
        return f"its stored facts are no longer a valid case ({exc})"
    if again is None:
        return "the engine computes no order from its stored facts"
    if again != context["order"]:
        found = differences(context["order"], again)
        return ("the stored doses differ from the engine's on the stored facts ("
                + ("; ".join(found) if found else "the computation differs") + ")")
    stored = rows_to_case(patient)
    signed_patient, now_patient = facts["case"]["patient"], stored["patient"]
    for key in ("study_id", "name", "hospital_number", "date_of_birth"):
        if signed_patient.get(key) != now_patient.get(key):
            return f"the patient's stored {key.replace('_', ' ')} is not the signed one"
    if _cycle_entry(facts["case"], order.cycle) != _cycle_entry(stored, order.cycle):
        return (f"the patient's stored weight, height or dates of cycle {order.cycle} are not "
                "the signed ones")
    restart = _restart_problem(facts, stored, order.cycle)
    if restart is not None:
        return restart
    if (patient.no_known_allergies, patient.allergies) != (
            context["allergies"]["no_known_allergies"], context["allergies"]["allergies"]):
        return "the patient's stored allergy status is not the signed one"
    return None


def check_before_print(store: Store, session: Session, order: Order,
                       patient: Patient) -> tuple[list[SignatureLine], str | None]:
    """Signatures, certificates, status, facts and doses (see the module docstring)."""
    lines, problem = integrity_problem(store, session, order)
    if problem is None and order.status != Status.DRAFT and not order.stale:
        problem = facts_problem(order, patient)  # a stale order explains its own difference
    return lines, problem


def _signature_text(line: SignatureLine) -> str:
    return (f"{line.meaning} by {line.printed_name}, "
            f"{line.signed_at.astimezone(dt.UTC):%Y-%m-%d %H:%M:%S} UTC, key "
            f"{' '.join(line.key_fingerprint.split()[:2])}")


def _render(session: Session, order: Order, lines: list[SignatureLine], printed_at: dt.datetime,
            original: dt.datetime | None,
            file_copy: bool = False) -> tuple[bytes, OrderStatus, str | None]:
    # (loaded here, the first time a sheet is drawn: the start-up and an opened patient
    # need no order sheet; see interfant_desktop.orders)
    from interfant_desktop.orders import (
        DocumentInfo,
        OrderStatus,
        Signature,
        render_order_pdf,
        stored_content_hash,
    )
    from interfant_desktop.services.order_sheet import sheet_from_content

    refuse_without_context(order, "printed (it has no sheet)")
    signed_at, verified_at = _local(order.signed_at), _local(order.verified_at)
    prescriber = display_name(session, order.prescriber)
    verifier = display_name(session, order.verifier)
    state = "verified" if order.status in AFTER_VERIFICATION else \
        "signed" if order.status == Status.SIGNED else "draft"
    note = state_note(order.status, history_of(order))
    status = OrderStatus(
        state,  # type: ignore[arg-type]  # one of the three literals
        Signature(prescriber, signed_at, order.prescriber) if prescriber and signed_at else None,
        Signature(verifier, verified_at, order.verifier) if verifier and verified_at else None,
        stale_reason(order) or ("the order was cancelled" if order.status == Status.CANCELLED
                                else None),
        hold=note.removeprefix("HOLD — ") if note and order.status == Status.HELD else None,
        ended=note if order.status in (Status.DISCONTINUED, Status.SUPERSEDED) else None)
    root = site_root(session)
    fingerprint = signing.fingerprint(root.public_key) if root is not None else None
    made = order.content["protocol"]
    document = DocumentInfo(order_code(order.id), made["name"], made["version"], __version__,
                            printed_at, original, fingerprint,
                            tuple(_signature_text(line) for line in lines), file_copy)
    stored = order.content["sheet"]
    # The hash of what was stored and first printed, even when the sheet gained fields since.
    sheet = sheet_from_content(stored, document, status)
    return render_order_pdf(sheet, stored_content_hash(stored, document)), status, fingerprint


def _pdf(pdf: bytes, order: Order, patient: Patient, status: OrderStatus,
         printed_at: dt.datetime, original: dt.datetime | None,
         fingerprint: str | None) -> OrderPdf:
    return OrderPdf(pdf, hashlib.sha256(pdf).hexdigest(), view(order, patient.study_id),
                    status.valid_for_administration, original is not None, printed_at,
                    status.prescriber.name if status.prescriber else None,
                    status.pharmacist.name if status.pharmacist else None,
                    tuple(order.content.get("warnings") or ()), fingerprint)


def preview_order_pdf(store: Store, user: CurrentUser, order_id: int,
                      now: dt.datetime | None = None) -> OrderPdf:
    """The sheet of a stored order for the screen, from its stored content (nothing is
    recorded, except a refusal). Only a verified order renders without the DRAFT
    watermark; a printed order previews as a COPY of its first print. The order is
    checked as before a print."""
    return _checked_sheet(store, user, order_id, now, file_copy=False)


def save_order_file(store: Store, user: CurrentUser, order_id: int,
                    now: dt.datetime | None = None) -> OrderPdf:
    """The sheet as a file: checked as before a print, marked FILE COPY on every page,
    and recorded as an audit event (``save_file``, with the file's SHA-256). It is not
    a print: the order's prints and status do not change, so the first paper print is
    still the original (a file can be copied at will; the original is the paper)."""
    return _checked_sheet(store, user, order_id, now, file_copy=True)


def _checked_sheet(store: Store, user: CurrentUser, order_id: int, now: dt.datetime | None,
                   file_copy: bool) -> OrderPdf:
    """Preview or file copy: the checked sheet from the stored content (see callers)."""
    require(user, Permission.READ)
    problem = None
    with checked_transaction(store, user) as session:
        order, patient = load_order(session, order_id, None)
        if order.status == Status.SIGNED and blinded_role(user) and \
                order.prescriber != user.username:
            raise PermissionDenied(f"order {order_id} awaits your blinded verification: its "
                                   "sheet (weight, height, doses) is hidden until you verify it")
        mark_stale_if_protocol_changed(session, user, order, patient)
        refuse_without_context(order, "previewed (it has no sheet)")
        lines, problem = check_before_print(store, session, order, patient)
        if problem is None:
            original = _local(order.prints[0].printed_at) if order.prints else None
            at = now or dt.datetime.now().astimezone()
            pdf, status, fingerprint = _render(session, order, lines, at, original, file_copy)
            if file_copy:
                append_event(session, username=user.username, action="save_file", entity="order",
                             entity_key=str(order.id), study_id=patient.study_id,
                             field="order.file_copy", old=None,
                             new={"pdf_sha256": hashlib.sha256(pdf).hexdigest(), "file_copy": True,
                                  "status": order.status, "prints": len(order.prints)},
                             reason="saved as a file copy (not a print)")
            return _pdf(pdf, order, patient, status, at, original, fingerprint)
    raise refuse_tampered(store, user, order_id,
                          "file_copy_refused" if file_copy else "preview_refused", problem)


def print_order(store: Store, user: CurrentUser, order_id: int, expected_version: int, *,
                password: str, now: dt.datetime | None = None) -> OrderPdf:
    """Check the order (signatures, certificates, facts, doses), sign the print
    ("printed for administration", password asked again), render it from its stored
    content and record the print (with the PDF's SHA-256). A reprint says COPY with the
    original print time."""
    require(user, Permission.PRINT_ORDER)
    check_protocol(store, user, order_id)
    printed_at = now or dt.datetime.now().astimezone()
    if printed_at.tzinfo is None:
        raise InputError("printed_at: a print time needs a time zone")
    with checked_transaction(store, user) as session:
        order, _ = load_order(session, order_id, expected_version)
        if order.status in (Status.DISCONTINUED, Status.SUPERSEDED):
            raise ConflictError(f"order {order_id} is "
                                f"{state_note(order.status, history_of(order))}; it cannot be "
                                "printed for administration (preview it instead)")
        if order.status not in (Status.VERIFIED, Status.PRINTED, Status.HELD):
            raise ConflictError(f"order {order_id} is {order.status}; only a verified order "
                                "can be printed (preview it instead)")
        refuse_if_stale(order)
    key_id, private = unlock_key(store, user, password)
    problem = None
    with checked_transaction(store, user) as session:
        order, patient = load_order(session, order_id, expected_version)
        refuse_without_context(order, "printed (it has no sheet)")
        lines, problem = check_before_print(store, session, order, patient)
        if problem is None:
            original = _local(order.prints[0].printed_at) if order.prints else None
            row = add_signature(session, order, key_id, private, Meaning.PRINTED,
                                {"printed_at": printed_at.isoformat(),
                                 "copy": original is not None,
                                 "print_number": len(order.prints) + 1})
            lines.append(SignatureLine(row.meaning, row.printed_name, row.username,
                                       row.signed_at, _fingerprint_of(session, key_id)))
            pdf, status, fingerprint = _render(session, order, lines, printed_at, original)
            digest = hashlib.sha256(pdf).hexdigest()
            old = order.status
            order.prints.append(OrderPrint(printed_by=user.username, pdf_sha256=digest,
                                           printed_at=printed_at))
            if order.status != Status.HELD:  # a held order stays held (its sheet says HOLD)
                order.status = Status.PRINTED
            session.flush()
            audit_transition(session, user, order, patient, "print", old,
                             {"status": order.status, "pdf_sha256": digest,
                              "copy": original is not None},
                             None if original is None else "reprint (COPY)")
            return _pdf(pdf, order, patient, status, printed_at, original, fingerprint)
    raise refuse_tampered(store, user, order_id, "print_refused", problem)


def _fingerprint_of(session: Session, key_id: int) -> str:
    key = session.get(SigningKey, key_id)
    assert key is not None
    return signing.fingerprint(key.public_key)
