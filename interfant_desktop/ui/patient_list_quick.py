"""The patient list's quick first page: shown before the services are loaded.

:class:`QuickBackend` stands in for :class:`~interfant_desktop.ui.backend.UiBackend`
between the first paint and the full load (see ``ui/app.py``). It holds the
provisional user and the first page read by
:mod:`interfant_desktop.services.quick_start` and allows nothing: no editing, no
new patient, no user administration, no opening a patient (the window waits for the
full load for that). It imports neither SQLAlchemy nor the services' store code.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from interfant_desktop.services.permissions import CurrentUser
from interfant_desktop.services.quick_start import QuickStart


@dataclass
class QuickListRow:
    """A row of the quick page, with the fields of ``ui.backend.PatientRow``
    (summary columns still to come from the full load)."""

    study_id: str
    name: str | None
    hospital_number: str | None
    version: int
    age_at_diagnosis_days: int | None = None
    risk: str | None = None
    current_phase: str | None = None
    attention: list[str] = field(default_factory=list)
    summarised: bool = False


class QuickBackend:
    """Read-only stand-in until the services are loaded: every permission is refused."""

    def __init__(self, start: QuickStart) -> None:
        self.user: CurrentUser | None = start.user
        self.rows = [QuickListRow(r.study_id, r.name, r.hospital_number, r.version)
                     for r in start.rows]

    def role_label(self) -> str:
        return self.user.role.replace("_", " ") if self.user else ""

    def can_create_patient(self) -> bool:
        return False

    def can_edit(self) -> bool:
        return False

    def can_manage_users(self) -> bool:
        return False

    def sign_out(self) -> None:
        self.user = None
