"""The one place where a refusal of the services finds its place on screen.

A :class:`~interfant_desktop.services.errors.ServiceError` that is about one field
carries ``field`` (a case-file path such as ``diagnosis.wbc.value`` or a form key
such as ``username``) and ``problem``. The form shows the problem beside that field
when it has it; anything else is shown whole, in the form's general place.
"""

from __future__ import annotations

from collections.abc import Callable

from interfant_desktop.services.errors import ServiceError


def show_refusal(error: ServiceError, beside: Callable[[str, str], bool],
                 general: Callable[[str], object]) -> None:
    """``beside(field, problem)`` returns False when the form has no such field;
    ``general(message)`` then shows the whole message."""
    if error.field is not None and beside(error.field, error.problem):
        return
    general(str(error))
