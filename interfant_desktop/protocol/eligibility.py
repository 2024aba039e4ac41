"""The eligibility checklist INC1–INC3 and EXC1–EXC7 (S1).

A criterion *fails* when an inclusion criterion is not met or an exclusion criterion
is met; one fact can fail two criteria (age 400 days fails INC2 and EXC4). Status:
``ineligible`` if any fails, else ``incomplete`` if any is unknown, else ``eligible``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal, NamedTuple

from interfant_desktop.protocol.case import Case
from interfant_desktop.protocol.protocol_file import Protocol
from interfant_desktop.protocol.quick_init import quick_init

CriterionStatus = Literal["met", "failed", "missing"]
# Exclusion criteria are "met" when the exclusion does NOT apply, so every
# criterion reads the same way: met is good, failed is a reason not to enrol.

B_LINEAGES = ("B-ALL", "B-MPAL")


class Criterion(NamedTuple):
    id: str
    kind: Literal["inclusion", "exclusion"]
    status: CriterionStatus
    text: str
    source: str
    detail: str

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "kind": self.kind, "status": self.status, "text": self.text,
                "source": self.source, "detail": self.detail}


@quick_init
@dataclass(frozen=True, slots=True)
class Eligibility:
    status: Literal["eligible", "ineligible", "incomplete"]
    criteria: tuple[Criterion, ...]

    @property
    def failed(self) -> list[str]:
        return list(_summary(self.criteria)[0])

    @property
    def missing(self) -> list[str]:
        return list(_summary(self.criteria)[1])

    def to_json(self) -> dict[str, Any]:
        failed, missing, criteria = _summary(self.criteria)
        return {"status": self.status, "failed": list(failed), "missing": list(missing),
                "criteria": [c.copy() for c in criteria]}  # each answer its own dicts


@lru_cache(maxsize=4096)  # the same checklists recur; every answer gets its own copies
def _summary(criteria: tuple[Criterion, ...]) -> tuple[tuple[str, ...], tuple[str, ...],
                                                        tuple[dict[str, Any], ...]]:
    """The failed and the missing criterion IDs (sorted) and the criteria as JSON."""
    return (tuple(sorted(c.id for c in criteria if c.status == "failed")),
            tuple(sorted(c.id for c in criteria if c.status == "missing")),
            tuple(c.to_json() for c in criteria))


Kind = Literal["inclusion", "exclusion"]


@lru_cache(maxsize=8)
def _criterion_texts(protocol: Protocol) -> tuple[tuple[str, Kind, str, str], ...]:
    """(id, kind, wording, source) of every criterion, in the protocol file's order (the
    one list of criteria: the engine, the services and the GUI all read it from there)."""
    return tuple(
        (cid, "inclusion" if kind == "inclusion" else "exclusion", protocol.rule(cid).text,
         protocol.rule(cid).source)
        for cid, kind in protocol.criteria
    )


#: The recorded facts a clinician confirms by hand, per criterion (case section, key). A
#: criterion decided from several facts (EXC7: steroids and chemotherapy) has one
#: confirmation per fact, so one fact's evidence is never shown as the other's.
HAND_CONFIRMED: dict[str, tuple[tuple[str, str], ...]] = {
    "INC3": (("diagnosis", "consent"),),
    "EXC5": (("patient", "down_syndrome"),),
    "EXC6": (("diagnosis", "relapsed"),),
    "EXC7": (("diagnosis", "prior_steroids"), ("diagnosis", "prior_chemotherapy")),
}
#: Short names of the facts of a multi-fact criterion (a confirmation key fits 16 characters).
_FACT_SHORT = {"prior_steroids": "steroids", "prior_chemotherapy": "chemo"}


def confirmation_key(criterion: str, key: str) -> str:
    """The key a hand confirmation of ``key`` (a case field) is recorded under: the
    criterion ID when one fact decides it, else ``EXC7.steroids`` / ``EXC7.chemo``."""
    facts = HAND_CONFIRMED.get(criterion, ())
    if len(facts) <= 1:
        return criterion
    return f"{criterion}.{_FACT_SHORT.get(key, key)}"


def confirmation_keys() -> tuple[str, ...]:
    """Every key a hand confirmation may be recorded under, in checklist order."""
    return tuple(confirmation_key(c, key) for c, facts in HAND_CONFIRMED.items() for _s, key in facts)


def _inclusion(ok: bool | None) -> CriterionStatus:
    return "missing" if ok is None else ("met" if ok else "failed")


def _exclusion(applies: bool | None) -> CriterionStatus:
    return "missing" if applies is None else ("failed" if applies else "met")


def _inc1(lineage: str | None, kmt2a: str | None, relapsed: bool | None) -> tuple[CriterionStatus, str]:
    facts = f"lineage {lineage or 'not recorded'}, KMT2A {kmt2a or 'not recorded'}, " \
            f"relapsed {_yes_no(relapsed)}"
    if (lineage is not None and lineage not in B_LINEAGES) or kmt2a == "wildtype" or relapsed is True:
        return "failed", facts
    if lineage is None or kmt2a in (None, "pending") or relapsed is None:
        return "missing", facts
    return "met", facts


def _yes_no(value: bool | None) -> str:
    return "not recorded" if value is None else ("yes" if value else "no")


def evaluate_eligibility(case: Case, protocol: Protocol, age_days: int | None) -> Eligibility:
    """Every criterion with its status and the recorded facts it was decided from."""
    d, p = case.diagnosis, case.patient
    return _eligibility(d.lineage, d.kmt2a, d.relapsed, d.consent, d.prior_steroids,
                        d.prior_chemotherapy, p.down_syndrome, age_days, protocol)


@lru_cache(maxsize=4096)  # pure, and the answer is immutable: the same facts recur in every list
def _eligibility(lineage: str | None, kmt2a: str | None, relapsed: bool | None, consent: bool | None,
                 prior_steroids: bool | None, prior_chemotherapy: bool | None,
                 down_syndrome: bool | None, age_days: int | None, protocol: Protocol) -> Eligibility:
    """The checklist from the facts it reads (see :func:`evaluate_eligibility`)."""
    max_age = int(protocol.threshold("max_age_days"))
    age_text = "age at diagnosis not known" if age_days is None else f"age {age_days} days"
    kmt2a_known = kmt2a in ("rearranged", "wildtype")
    prior = (prior_steroids, prior_chemotherapy)
    prior_applies = True if True in prior else (None if None in prior else False)
    decided: dict[str, tuple[CriterionStatus, str]] = {
        "INC1": _inc1(lineage, kmt2a, relapsed),
        "INC2": (_inclusion(None if age_days is None else age_days <= max_age), age_text),
        "INC3": (_inclusion(consent), f"consent {_yes_no(consent)}"),
        "EXC1": (_exclusion(kmt2a == "wildtype" if kmt2a_known else None),
                 f"KMT2A {kmt2a or 'not recorded'}"),
        "EXC2": (_exclusion(None if lineage is None else lineage == "MPAL-multilineage"),
                 f"lineage {lineage or 'not recorded'}"),
        "EXC3": (_exclusion(None if lineage is None else lineage == "T-ALL"),
                 f"lineage {lineage or 'not recorded'}"),
        "EXC4": (_exclusion(None if age_days is None else age_days > max_age), age_text),
        "EXC5": (_exclusion(down_syndrome), f"Down syndrome {_yes_no(down_syndrome)}"),
        "EXC6": (_exclusion(relapsed), f"relapsed {_yes_no(relapsed)}"),
        "EXC7": (_exclusion(prior_applies),
                 f"prior systemic steroids {_yes_no(prior_steroids)}, "
                 f"prior chemotherapy {_yes_no(prior_chemotherapy)}"),
    }
    # A criterion the protocol file lists but this engine cannot decide stays "missing":
    # never eligible by omission.
    undecidable: tuple[CriterionStatus, str] = ("missing", "this app version cannot decide it")
    criteria = []
    for cid, kind, text, source in _criterion_texts(protocol):
        answer, detail = decided.get(cid, undecidable)
        criteria.append(Criterion(cid, kind, answer, text, source, detail))
    statuses = {c.status for c in criteria}
    status: Literal["eligible", "ineligible", "incomplete"] = (
        "ineligible" if "failed" in statuses else "incomplete" if "missing" in statuses else "eligible"
    )
    return Eligibility(status, tuple(criteria))
