"""The training database: fictitious patients covering every path, built through the services.

The patients come from ``demo_cases.json`` (derived from the public sample
vignettes, with invented names in several scripts). The database is a fresh
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
    text = resources.files("interfant_desktop.ui").joinpath("demo_cases.json").read_text(
        encoding="utf-8")
    return [entry["case"] for entry in json.loads(text)["patients"]]


def build_training_database(folder: Path | None = None) -> tuple[UiBackend, str, str]:
    """Create and fill a training database; returns the backend and the trainee's credentials."""
    folder = folder or Path(tempfile.mkdtemp(prefix="interfant-training-"))
    url = f"sqlite:///{folder / 'training.sqlite'}"
    backend = UiBackend.open(url)
    admin_name, admin_password, admin_full = TRAINER
    backend.create_first_administrator(admin_name, admin_password, admin_full)
    backend.sign_in(admin_name, admin_password)
    name, password, full = TRAINEE
    backend.add_user(name, "physician", password, full)
    backend.sign_in(name, password)
    for case in demo_cases():
        backend.import_case(case, source="training set")
    backend.sign_out()
    return backend, name, password
