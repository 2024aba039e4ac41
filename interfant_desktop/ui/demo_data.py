"""The training database: fictitious patients covering every path, built through the services.

The patients come from ``demo_cases.json`` (derived from the public sample
vignettes, with invented names in several scripts), each with a fictitious allergy
status beside its case file (one patient is left "not recorded" on purpose). The database is a fresh
SQLite file in a temporary folder, so training never touches clinical data.
"""

from __future__ import annotations

import json
import tempfile
from importlib import resources
from pathlib import Path
from typing import Any

from interfant_desktop.ui.backend import UiBackend

TRAINER = ("trainer", "training-admin", "Training administrator")
TRAINEE = ("trainee", "training-only", "Training physician")


def demo_cases() -> list[dict[str, Any]]:
    """The fictitious case files of the training database."""
    return [entry["case"] for entry in _demo_entries()]


def _demo_entries() -> list[dict[str, Any]]:
    text = resources.files("interfant_desktop.ui").joinpath("demo_cases.json").read_text(
        encoding="utf-8")
    entries: list[dict[str, Any]] = json.loads(text)["patients"]
    return entries


def demo_allergies() -> dict[str, dict[str, Any]]:
    """Study ID -> the fictitious allergy status of the training patients that have one
    (``no_known_allergies`` and ``allergies``; kept beside the case, not in it)."""
    return {entry["case"]["patient"]["study_id"]: entry["allergies"]
            for entry in _demo_entries() if "allergies" in entry}


def record_demo_allergies(backend: UiBackend) -> None:
    """Record the training patients' allergy statuses (the backend signed in as a physician)."""
    for study_id, status in demo_allergies().items():  # as demo_cases.json gives it
        version = backend.load_patient(study_id).version
        backend.record_allergies(study_id, bool(status["no_known_allergies"]),
                                 status.get("allergies"), None, version)


def build_training_database(folder: Path | None = None) -> tuple[UiBackend, str, str]:
    """Create and fill a training database; returns the backend and the trainee's credentials."""
    folder = folder or Path(tempfile.mkdtemp(prefix="interfant-training-"))
    url = f"sqlite:///{folder / 'training.sqlite'}"
    backend = UiBackend.open(url)
    admin_name, admin_password, admin_full = TRAINER
    backend.create_first_administrator(admin_name, admin_password, admin_full)
    backend.sign_in(admin_name, admin_password)
    name, password, full = TRAINEE
    # As at a site: a temporary password from the administrator, replaced at the first
    # sign-in by the one the training material gives.
    temporary = password + "-temporary"
    backend.add_user(name, "physician", temporary, full, admin_password)
    backend.change_temporary_password(name, temporary, password)
    for case in demo_cases():
        backend.import_case(case, source="training set")
    record_demo_allergies(backend)
    backend.sign_out()
    return backend, name, password
