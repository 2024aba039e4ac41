"""Reasons and open questions: every answer of the engine carries the rule behind it."""

from __future__ import annotations

from typing import Any, NamedTuple

from interfant_desktop.protocol.protocol_file import Protocol


class Reason(NamedTuple):
    """Why the engine said something: the rule's ID, source and wording, and the data."""

    rule: str
    source: str
    text: str
    detail: str = ""
    verified: bool = True

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"rule": self.rule, "source": self.source, "text": self.text,
                               "detail": self.detail}
        if not self.verified:
            out["verified"] = False
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


def because(protocol: Protocol, rule_id: str, detail: str = "") -> Reason:
    """A Reason for ``rule_id`` with the wording and source from the protocol file."""
    rule = protocol.rules[rule_id]
    return Reason(rule.id, rule.source, rule.text, detail, rule.verified)


def question(protocol: Protocol, review_id: str, rule_id: str, detail: str,
             options: tuple[str, ...]) -> ReviewItem:
    """An open question for a clinician, worded from the protocol file's rule."""
    rule = protocol.rule(rule_id)
    return ReviewItem(review_id, rule.id, rule.source, rule.text, detail, options)
