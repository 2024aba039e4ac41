"""Clinician decisions on review items: stored with reason and protocol version,
fed back to the engine, and checked against the engine's open questions."""

from __future__ import annotations

import json

import pytest

from interfant_desktop.services import patients, reviews
from interfant_desktop.services._common import protocol
from interfant_desktop.services.audit import patient_history
from interfant_desktop.services.errors import ConflictError, InputError
from interfant_desktop.services.evaluation import evaluate_patient
from interfant_desktop.services.permissions import CurrentUser
from interfant_desktop.services.store_access import Store
from tests.conftest import SHARED_CASES

WBC_300 = SHARED_CASES / "10-wbc-exactly-300-review.case.json"


def test_a_review_decision_resolves_the_question(store: Store,
                                                 users: dict[str, CurrentUser]) -> None:
    doc = users["doc"]
    data = json.loads(WBC_300.read_text(encoding="utf-8"))
    record = patients.import_case(store, doc, data)
    before = evaluate_patient(store, doc, record.study_id).to_json()
    assert before["risk"]["status"] == "review"
    (item,) = reviews.open_review_items(store, doc, record.study_id)
    with pytest.raises(InputError, match="reason is required"):
        reviews.decide_review(store, doc, record.study_id, record.version, item.id, "HR", " ")
    with pytest.raises(InputError, match="option must be one of"):
        reviews.decide_review(store, doc, record.study_id, record.version, item.id, "XX",
                              "because")
    decided = reviews.decide_review(store, doc, record.study_id, record.version, item.id,
                                    "HR", "tumour board: Interfant-06 used ≥ 300")
    (decision,) = decided.review_decisions
    assert (decision.review_id, decision.rule_id, decision.chosen_option) == \
        (item.id, item.rule, "HR")
    assert decision.protocol_version == protocol().version and decision.decided_by == "doc"
    assert reviews.review_resolutions(store, doc, record.study_id) == {item.id: "HR"}
    after = evaluate_patient(store, doc, record.study_id).to_json()
    assert after["risk"]["current"] == "HR"
    with pytest.raises(ConflictError):  # based on the version before the decision
        reviews.decide_review(store, users["doc2"], record.study_id, record.version,
                              item.id, "MR", "other opinion")
    changed = reviews.decide_review(store, users["doc2"], record.study_id, decided.version,
                                    item.id, "MR", "second opinion")
    assert reviews.review_resolutions(store, doc, record.study_id) == {item.id: "MR"}
    assert [d.chosen_option for d in reviews.review_history(store, doc, record.study_id)] == \
        ["HR", "MR"]
    assert len(changed.review_decisions) == 1
    events = [e for e in patient_history(store, doc, record.study_id)
              if e.action == "decide_review"]
    assert [(e.old_value, e.new_value["option"]) for e in events] == [(None, "HR"), ("HR", "MR")]


def test_an_unknown_review_item_is_refused(store: Store, users: dict[str, CurrentUser]) -> None:
    doc = users["doc"]
    record = patients.import_case(store, doc, json.loads(WBC_300.read_text(encoding="utf-8")))
    with pytest.raises(InputError, match="not an open review question"):
        reviews.decide_review(store, doc, record.study_id, record.version, "no.such.item",
                              "HR", "because")
