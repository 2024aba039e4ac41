"""Roles and what each may do. Checked here, in the services, never only in the GUI.

=============  ==================================================================
role           may
=============  ==================================================================
administrator  manage users, back up, restore, verify the audit trail, import
               case files, read and export (trial data too); correct identity / date
               of birth (with a second person's confirmation, see ``services.corrections``)
physician      record and change clinical data, decide review items, record the infusion
               and what was done about the label's toxicity actions, draft, sign,
               verify (another prescriber's order), print and cancel orders, import;
               hold, release, discontinue, modify and restart orders;
               correct identity / date of birth (with a second person's confirmation)
pharmacist     verify orders (not their own), print and cancel orders, read, export
nurse          record weight and height of a blinatumomab cycle, the infusion record
               (start, interruptions, bags, toxicity assessments), print orders, read;
               hold an order, only while the engine says the infusion is stopped
               (``services.order_lifecycle``)
data_manager   read and export only, trial data (ODM, FHIR, CSV) too, pseudonymised
               or identified (and verify the audit trail)
=============  ==================================================================
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum

from interfant_desktop.services.errors import PermissionDenied


class Permission(StrEnum):
    READ = "read patient data"
    EXPORT = "export case files"
    EXPORT_TRIAL_DATA = "export trial data (ODM, FHIR, CSV)"
    IMPORT = "import case files"
    CREATE_PATIENT = "register patients"
    EDIT_CLINICAL = "record or change clinical data"
    RECORD_MEASUREMENTS = "record weight and height"
    DECIDE_REVIEW = "decide review items"
    DRAFT_ORDER = "draft orders"
    SIGN_ORDER = "sign orders"
    VERIFY_ORDER = "verify orders"
    PRINT_ORDER = "print orders"
    CANCEL_ORDER = "cancel orders"
    MANAGE_USERS = "manage users"
    BACKUP = "back up the database"
    RESTORE = "restore a backup"
    VERIFY_AUDIT = "verify the audit trail"
    READ_AUDIT = "read the audit trail"
    CORRECT_IDENTITY = "correct a patient's identity or date of birth"
    RECORD_INFUSION = "record the infusion (start, interruptions, bags, toxicity assessments)"
    DECIDE_TOXICITY = "record what was done about a toxicity action"
    CONFIRM_PREPARATION = "confirm the bag preparation figures for this site"
    HOLD_ORDER = "hold an order"
    CHANGE_ORDER = "release, discontinue, modify or restart an order"


P = Permission
_READ = {P.READ, P.EXPORT, P.READ_AUDIT}

ROLE_PERMISSIONS: dict[str, frozenset[Permission]] = {
    "administrator": frozenset(_READ | {P.MANAGE_USERS, P.BACKUP, P.RESTORE, P.VERIFY_AUDIT,
                                        P.IMPORT, P.EXPORT_TRIAL_DATA, P.CORRECT_IDENTITY}),
    "physician": frozenset(_READ | {P.IMPORT, P.CREATE_PATIENT, P.EDIT_CLINICAL,
                                    P.RECORD_MEASUREMENTS, P.DECIDE_REVIEW, P.DRAFT_ORDER,
                                    P.SIGN_ORDER, P.VERIFY_ORDER, P.PRINT_ORDER,
                                    P.CANCEL_ORDER, P.CORRECT_IDENTITY, P.RECORD_INFUSION,
                                    P.DECIDE_TOXICITY, P.HOLD_ORDER, P.CHANGE_ORDER}),
    "pharmacist": frozenset(_READ | {P.VERIFY_ORDER, P.PRINT_ORDER, P.CANCEL_ORDER,
                                     P.CONFIRM_PREPARATION}),
    "nurse": frozenset({P.READ, P.READ_AUDIT, P.RECORD_MEASUREMENTS, P.PRINT_ORDER,
                        P.RECORD_INFUSION, P.HOLD_ORDER}),
    "data_manager": frozenset(_READ | {P.VERIFY_AUDIT, P.EXPORT_TRIAL_DATA}),
}
ROLES = tuple(ROLE_PERMISSIONS)


@dataclass(frozen=True)
class CurrentUser:
    """The signed-in user, as returned by ``auth.sign_in``; pass it to every service.
    ``session_token`` is the credential sign-in issued (``services.sessions``): without
    it, or with one this process did not issue for the account, every service refuses."""

    username: str
    role: str
    full_name: str | None = None
    session_token: bytes | None = field(default=None, compare=False, repr=False)

    def can(self, permission: Permission) -> bool:
        return permission in ROLE_PERMISSIONS.get(self.role, frozenset())


#: Told of every refusal (``store_access`` records each in the audit trail).
denial_listeners: list[Callable[[CurrentUser, Permission], None]] = []


def require(user: CurrentUser, permission: Permission) -> None:
    """Raise :class:`PermissionDenied` unless ``user``'s role allows ``permission``."""
    if not user.can(permission):
        for listener in list(denial_listeners):
            listener(user, permission)
        role = user.role.replace("_", " ")
        raise PermissionDenied(f"{user.username} ({role}) may not {permission.value}")
