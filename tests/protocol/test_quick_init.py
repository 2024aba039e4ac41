"""``quick_init`` keeps what ``@dataclass(frozen=True, slots=True)`` promises: the same
parameters, defaults and factories, equal records, and no assignment after building."""

from __future__ import annotations

import dataclasses
import datetime as dt
import inspect
from dataclasses import dataclass, field

import pytest

from interfant_desktop.protocol.case import BlinatumomabCycle, Patient
from interfant_desktop.protocol.quick_init import quick_init


def _record() -> type:
    @dataclass(frozen=True, slots=True)
    class Record:
        name: str
        dose: float = 1.5
        steps: tuple[int, ...] = field(default_factory=tuple)
        notes: list[str] = field(default_factory=list)

    return Record


def test_the_same_parameters_and_the_same_records() -> None:
    plain, quick = _record(), quick_init(_record())
    before = inspect.signature(plain.__init__).parameters
    after = inspect.signature(quick.__init__).parameters
    assert list(before) == list(after)
    assert [p.kind for p in before.values()] == [p.kind for p in after.values()]
    assert before["dose"].default == after["dose"].default == 1.5
    for args, kwargs in (((("a",)), {}), (("a", 2.0, (1, 2)), {}), (("a",), {"notes": ["x"]})):
        assert repr(plain(*args, **kwargs)) == repr(quick(*args, **kwargs))
    assert quick("a") == quick("a")
    first, second = quick("a"), quick("a")
    assert first.notes is not second.notes  # a factory gives each record its own value
    with pytest.raises(TypeError):
        quick()
    with pytest.raises(TypeError):
        quick("a", unknown=1)


def test_records_stay_frozen() -> None:
    record = quick_init(_record())("a")
    with pytest.raises(dataclasses.FrozenInstanceError):
        record.name = "b"  # type: ignore[misc]
    born = dt.date(2026, 1, 2)
    patient = Patient("P-1", born)
    assert patient.date_of_birth == born and patient.allergies is None
    assert hash(patient) == hash(Patient("P-1", born))
    with pytest.raises(dataclasses.FrozenInstanceError):
        patient.study_id = "P-2"  # type: ignore[misc]
    assert BlinatumomabCycle(1, 5.0, 60.0).interruptions == ()


def test_a_frozen_dataclass_without_slots_too() -> None:
    @quick_init
    @dataclass(frozen=True)
    class Record:
        name: str
        doses: tuple[float, ...] = ()

    record = Record("a", doses=(1.0,))
    assert repr(record) == "test_a_frozen_dataclass_without_slots_too.<locals>.Record(name='a', doses=(1.0,))"
    assert record == Record("a", (1.0,)) and Record("b").doses == ()
    with pytest.raises(dataclasses.FrozenInstanceError):
        record.name = "b"  # type: ignore[misc]


def test_only_frozen_dataclasses() -> None:
    @dataclass
    class Mutable:
        x: int

    with pytest.raises(TypeError, match="needs a frozen dataclass"):
        quick_init(Mutable)
