"""What a use case can refuse, as exceptions that keep their structure.

``status`` follows the command line's exit statuses: 1 = refused (authentication,
permission, conflict, duplicate), 2 = bad input (invalid data, unknown patient).
``str(error)`` is the one-line, user-readable message the CLI prints. A refusal about
one field also carries ``field`` (a case-file JSON path such as ``diagnosis.wbc.value``,
or a form field such as ``username``) and ``problem`` (what is wrong with it), so the
GUI can show it beside that field without taking the message apart.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from interfant_desktop.protocol.case import CaseError

REFUSED, BAD_INPUT = 1, 2


class ServiceError(Exception):
    """Base of every refusal by a service."""

    status = REFUSED

    def __init__(self, message: str, *, field: str | None = None,
                 problem: str | None = None) -> None:
        super().__init__(message)
        #: the field the refusal is about, when it is about one
        self.field = field
        #: what is wrong (with ``field``); the whole message when no field is named
        self.problem = problem or message


class AuthenticationError(ServiceError):
    """Unknown user, wrong password, or a locked or deactivated account."""


class PasswordChangeRequired(AuthenticationError):
    """The password is right but temporary (set by an administrator): the user chooses
    their own (``users.change_temporary_password``) before signing in."""


class PermissionDenied(ServiceError):
    """The signed-in user's role does not allow this action."""


class ConflictError(ServiceError):
    """The record changed since the user opened it (optimistic lock): reload, re-enter."""


class AlreadyExists(ServiceError):
    """A record with that identity exists (e.g. the study ID); nothing was merged."""


class StoreUnavailable(ServiceError):
    """The database cannot be opened (e.g. made by a newer app version)."""


class InputError(ServiceError):
    """The data given is not valid.

    ``InputError(field, problem)`` names the field: the message is ``"field: problem"``
    (``label`` replaces the field's key in the message, e.g. ``user name`` for
    ``username``). ``InputError(message)`` is a refusal about no single field.
    """

    status = BAD_INPUT

    def __init__(self, field_or_message: str, problem: str | None = None, *,
                 label: str | None = None) -> None:
        if problem is None:
            super().__init__(field_or_message)
        else:
            super().__init__(f"{label or field_or_message}: {problem}", field=field_or_message,
                             problem=problem)

    @classmethod
    def from_case_error(cls, error: CaseError, source: str | None = None) -> InputError:
        """The engine's refusal of a case, with its field and problem as they are
        (``source``, e.g. a file name, goes in front of the message)."""
        return cls(error.field, error.problem,
                   label=f"{source}: {error.field}" if source else None)


class NotFound(InputError):
    """No such patient, order or user."""


class EnvironmentFault(ServiceError):
    """The computer cannot do it as things are (disk full, clock behind): not the input."""
