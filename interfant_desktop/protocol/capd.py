"""The CAPD (Cornell Assessment of Pediatric Delirium) items, scoring and developmental
anchor points for the infant's age band (S5: Traube 2014, Silver 2015), as data.

The anchor text lives in the protocol file. Where it has not been transcribed there, the
item carries the file's "not transcribed" text instead of invented clinical wording, the
sheet names where the published anchor points are (``reference``), and ``verified`` is
False wherever the anchors appear.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from interfant_desktop.protocol.protocol_file import Protocol
from interfant_desktop.protocol.quick_init import quick_init
from interfant_desktop.protocol.reasons import Reason, because


@quick_init
@dataclass(frozen=True, slots=True)
class CapdItem:
    number: int
    question: str
    #: Score for each answer (never, rarely, sometimes, often, always).
    scores: tuple[int, ...]
    anchor: str
    anchor_transcribed: bool


@quick_init
@dataclass(frozen=True, slots=True)
class CapdSheet:
    """The eight items with the anchor points of one age band."""

    band_id: str
    band_label: str
    answers: tuple[str, ...]
    items: tuple[CapdItem, ...]
    verified: bool
    reason: Reason
    #: Where the published items and anchor points are (the protocol file's ``reference``).
    reference: str = ""

    @property
    def anchors_missing(self) -> bool:
        """True when an item of this age band has no transcribed anchor text."""
        return any(not i.anchor_transcribed for i in self.items)

    def score(self, answers: dict[int, str]) -> int:
        """The CAPD total (0–32) from one answer per item (``{1: "never", …}``)."""
        missing = [i.number for i in self.items if i.number not in answers]
        if missing:
            # Worded to follow the caller's "CAPD: " (the services name the field so).
            items = "1 item" if len(missing) == 1 else f"{len(missing)} items"
            raise ValueError(f"{items} not answered: {', '.join(map(str, missing))}")
        return sum(i.scores[self.answers.index(answers[i.number])] for i in self.items)

    def to_json(self) -> dict[str, Any]:
        return {"band": self.band_id, "band_label": self.band_label, "answers": list(self.answers),
                "items": [{"number": i.number, "question": i.question, "scores": list(i.scores),
                           "anchor": i.anchor, "anchor_transcribed": i.anchor_transcribed}
                          for i in self.items],
                "verified": self.verified, "reason": self.reason.to_json()}


def age_band(protocol: Protocol, age_days: int) -> dict[str, Any]:
    """The anchor age band for an infant of ``age_days``: the last band starting at or before it."""
    bands = protocol.toxicity["capd"]["age_bands"]
    return dict(next(b for b in reversed(bands) if b["from_age_days"] <= max(age_days, 0)))


def capd_sheet(protocol: Protocol, date_of_birth: dt.date, on: dt.date) -> CapdSheet:
    """The CAPD with the anchor text for the infant's age on the day of the assessment."""
    cfg = protocol.toxicity["capd"]
    age = (on - date_of_birth).days
    band = age_band(protocol, age)
    missing = str(cfg["anchor_missing_text"])
    items = tuple(
        CapdItem(int(item["number"]), str(item["text"]), tuple(int(s) for s in item["scores"]),
                 band["anchors"].get(str(item["number"])) or missing,
                 bool(band["anchors"].get(str(item["number"]))))
        for item in cfg["items"])
    return CapdSheet(str(band["id"]), str(band["label"]), tuple(cfg["answers"]), items,
                     bool(cfg.get("verified", False)),
                     because(protocol, "R-CAPD-ANCHORS", f"age {age} days: anchor band {band['label']}"),
                     str(cfg.get("reference", "")))
