"""``once`` computes a view on first use and keeps it, like ``functools.cached_property``."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from interfant_desktop.protocol.evaluation import Evaluation
from interfant_desktop.protocol.once import once
from tests.protocol.builders import evaluation, mr_after_induction


@dataclass(frozen=True)
class _Record:
    value: int

    @once
    def doubled(self) -> int:
        """Twice the value."""
        _calls.append(self.value)
        return self.value * 2


_calls: list[int] = []


def test_the_value_is_computed_on_first_use_only_and_the_record_stays_frozen() -> None:
    _calls.clear()
    record = _Record(21)
    assert _calls == []
    assert record.doubled == 42 and record.doubled == 42
    assert _calls == [21]
    with pytest.raises(AttributeError):
        record.value = 1  # type: ignore[misc]


def test_the_views_of_an_evaluation_are_kept() -> None:
    result = evaluation(mr_after_induction())
    assert "roadmap" not in vars(result)
    assert result.roadmap is result.roadmap and "roadmap" in vars(result)
    assert result.decision_points is result.decision_points
    assert isinstance(Evaluation.__dict__["roadmap"], once)
    assert "phase" in (Evaluation.__dict__["roadmap"].__doc__ or "")
