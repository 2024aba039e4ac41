"""Shared test set-up: headless Qt, an isolated data folder, and the shared cases."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.logfail import fail_on_logging

__all__ = ["fail_on_logging"]

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("INTERFANT_SHARED", REPO.parent / "shared"))
SHARED_CASES = SHARED / "cases"


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own user data folder, so no test touches a real database."""
    data = tmp_path_factory.mktemp("userdata")
    monkeypatch.setenv("INTERFANT_DATA_DIR", str(data))
    monkeypatch.delenv("INTERFANT_DB", raising=False)
    monkeypatch.delenv("INTERFANT_PASSWORD", raising=False)
    return data


def shared_case_files() -> list[Path]:
    """The sample cases beside the project (``../shared/cases``)."""
    return sorted(SHARED_CASES.glob("*.case.json"))
