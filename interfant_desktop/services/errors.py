"""What a use case can refuse, as exceptions with a one-line, user-readable message.

``status`` follows the command line's exit statuses: 1 = refused (authentication,
permission, conflict, duplicate), 2 = bad input (invalid data, unknown patient).
The GUI shows ``str(error)``; the CLI prints it and exits with ``status``.
"""

from __future__ import annotations

REFUSED, BAD_INPUT = 1, 2


class ServiceError(Exception):
    """Base of every refusal by a service."""

    status = REFUSED


class AuthenticationError(ServiceError):
    """Unknown user, wrong password, or a locked or deactivated account."""


class PermissionDenied(ServiceError):
    """The signed-in user's role does not allow this action."""


class ConflictError(ServiceError):
    """The record changed since the user opened it (optimistic lock): reload, re-enter."""


class AlreadyExists(ServiceError):
    """A record with that identity exists (e.g. the study ID); nothing was merged."""


class StoreUnavailable(ServiceError):
    """The database cannot be opened (e.g. made by a newer app version)."""


class InputError(ServiceError):
    """The data given is not valid (names the field and the problem)."""

    status = BAD_INPUT


class NotFound(InputError):
    """No such patient, order or user."""


class EnvironmentFault(ServiceError):
    """The computer cannot do it as things are (disk full, clock behind): not the input."""
