"""Reasons and open questions: every answer of the engine carries the rule behind it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from functools import lru_cache
from typing import Any, NamedTuple

from interfant_desktop.protocol.protocol_file import Protocol


class Reason(NamedTuple):
    """Why the engine said something: the rule's ID, source and wording, and the data."""

    rule: str
    source: str
    text: str
    detail: str = ""
    verified: bool = True
    #: Set when a clinician's answer to this review question settled it, not the rule.
    review_id: str = ""

    @property
    def by_clinician(self) -> bool:
        """True when a clinician's recorded decision, not the rule, settled this."""
        return bool(self.review_id)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"rule": self.rule, "source": self.source, "text": self.text,
                               "detail": self.detail}
        if not self.verified:
            out["verified"] = False
        if self.review_id:
            out["decided_by_clinician"] = self.review_id
        return out


class ReviewItem(NamedTuple):
    """A question the protocol does not settle: a clinician decides and gives a reason.

    ``id`` is stable for the same question on the same patient, so a recorded decision
    (``resolutions[id]``) is applied the next time the case is evaluated.
    """

    id: str
    rule: str
    source: str
    text: str
    detail: str
    options: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "rule": self.rule, "source": self.source, "text": self.text,
                "detail": self.detail, "options": list(self.options)}

    @property
    def attention(self) -> str:
        """What a list of patients flags while the question is open:
        ``Review: R-DX-WBC-BOUNDARY — a clinician decides MR or HR``."""
        decides = " or ".join(self.options)
        return f"Review: {self.rule} — a clinician decides{' ' + decides if decides else ''}"


@lru_cache(maxsize=8192)  # immutable: the same reasons (same rule, same detail) recur in every answer
def because(protocol: Protocol, rule_id: str, detail: str = "") -> Reason:
    """A Reason for ``rule_id`` with the wording and source from the protocol file."""
    rule = protocol.rules[rule_id]
    return Reason(rule.id, rule.source, rule.text, detail, rule.verified)


def question(protocol: Protocol, review_id: str, rule_id: str, detail: str,
             options: tuple[str, ...]) -> ReviewItem:
    """An open question for a clinician, worded from the protocol file's rule."""
    rule = protocol.rule(rule_id)
    return ReviewItem(review_id, rule.id, rule.source, rule.text, detail, options)


class Resolution(NamedTuple):
    """A clinician's recorded answer to a review question: what, who, when (UTC) and why.

    ``evaluate`` also accepts a bare option string (who and when are then only in the
    audit trail); with a ``Resolution`` every reason it settles names them.
    """

    option: str
    decided_by: str = ""
    decided_at: dt.datetime | None = None
    reason: str = ""

    def describe(self) -> str:
        """``decided by dr.vos on 2026-05-02 09:14 UTC, because: …``."""
        when = f" on {self.decided_at:%Y-%m-%d %H:%M} UTC" if self.decided_at else ""
        why = f", because: {self.reason}" if self.reason else ""
        return f"decided by {self.decided_by or 'a clinician'}{when}{why}"


#: Review question ID -> the clinician's answer (an option, or the whole record).
Resolutions = Mapping[str, "str | Resolution"]


def chosen(resolutions: Resolutions, item: ReviewItem) -> str | None:
    """The option a clinician chose for ``item``, if it is one of its options."""
    value = resolutions.get(item.id)
    option = value.option if isinstance(value, Resolution) else value
    return option if option in item.options else None


def clinician_decision(protocol: Protocol, item: ReviewItem, resolutions: Resolutions) -> Reason:
    """The reason a clinician's answer gives: the question's rule, what was chosen, by whom,
    when and why, and the data of the question (never worded as the rule's own outcome)."""
    value = resolutions.get(item.id)
    option = value.option if isinstance(value, Resolution) else str(value)
    who = value.describe() if isinstance(value, Resolution) else \
        "who, when and why are in the audit trail"
    rule = protocol.rule(item.rule)
    return Reason(rule.id, rule.source, rule.text,
                  f"Clinician decision: {option} — {who} (question: {item.detail})", rule.verified,
                  item.id)
