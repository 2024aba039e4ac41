"""The evaluation of a stored patient, recomputed by the engine every time.

``evaluate_patient(store, user, study_id, today=None)`` loads the stored facts, the
physician's review decisions and the recorded phase starts, and returns the engine's
``Evaluation`` (``.to_json()`` for the case-format output). Nothing of it is stored: the stored
facts are the truth, the evaluation is derived.
"""

from __future__ import annotations

import datetime as dt
import importlib
from typing import Any

from interfant_desktop.services._common import protocol
from interfant_desktop.services._common import today as local_today
from interfant_desktop.services.patients import decision_records, get_case
from interfant_desktop.services.permissions import CurrentUser
from interfant_desktop.services.phases import live_starts, phase_starts
from interfant_desktop.services.reviews import review_history
from interfant_desktop.services.store_access import Store


def evaluate_patient(store: Store, user: CurrentUser, study_id: str,
                     today: dt.date | None = None) -> Any:
    """The engine's evaluation of the patient's stored data and review decisions."""
    # Looked up at call time: the engine's entry point (``protocol.evaluate``).
    evaluate = importlib.import_module("interfant_desktop.protocol").evaluate
    case = get_case(store, user, study_id)
    # The current decisions with who, when and why (a later one supersedes an earlier).
    current = {d.review_id: d for d in review_history(store, user, study_id)}
    starts = live_starts(phase_starts(store, user, study_id))
    return evaluate(case, protocol(), today or local_today(), decision_records(current.values()),
                    starts)
