"""The background-operation helper: the work runs on the pool, the handlers on the GUI
thread, refusals and results come back as they were."""

from __future__ import annotations

import threading
from typing import Any

import pytest

from interfant_desktop.services.errors import InputError
from interfant_desktop.ui.operations import CollectionOp, QueryOp, task_manager


def test_the_op_runs_on_the_pool_and_the_handler_on_the_gui_thread(qtbot: Any) -> None:
    gui = threading.current_thread()
    seen: dict[str, Any] = {}

    def op() -> int:
        seen["op"] = threading.current_thread()
        return 42

    def success(result: int) -> None:
        seen["success"] = (threading.current_thread(), result)

    QueryOp(None, op).success(success).run_in_background()
    qtbot.waitUntil(lambda: "success" in seen, timeout=5000)
    assert seen["op"] is not gui
    assert seen["success"] == (gui, 42)
    assert task_manager().idle()


def test_a_failure_reaches_its_handler_with_its_structure(qtbot: Any) -> None:
    caught: list[Exception] = []

    def op() -> None:
        raise InputError("diagnosis.wbc.value", "must be ≥ 0")

    QueryOp(None, op).failure(caught.append).run_in_background()
    qtbot.waitUntil(lambda: bool(caught), timeout=5000)
    assert isinstance(caught[0], InputError) and caught[0].field == "diagnosis.wbc.value"


def test_wait_returns_the_result_or_raises_the_refusal(qtbot: Any) -> None:
    assert CollectionOp(None, lambda: "saved").wait() == "saved"

    def refused() -> None:
        raise InputError("allergies", "at most 2000 characters")

    with pytest.raises(InputError, match=r"^allergies: at most 2000 characters$"):
        CollectionOp(None, refused).wait()


def test_operations_report_in_the_order_they_were_started(qtbot: Any) -> None:
    order: list[int] = []
    def op_for(number: int) -> Any:
        return lambda: number

    for number in range(5):
        QueryOp(None, op_for(number)).success(order.append).run_in_background()
    qtbot.waitUntil(lambda: len(order) == 5, timeout=5000)
    assert order == [0, 1, 2, 3, 4]


class _Witness:
    """Records the thread on which it is freed."""

    def __init__(self, freed_on: list[str]) -> None:
        self._freed_on = freed_on

    def __del__(self) -> None:
        self._freed_on.append(threading.current_thread().name)


def _operation_holding(witness_freed_on: list[str], gate: threading.Event,
                       reported: list[object]) -> QueryOp[object]:
    witness = _Witness(witness_freed_on)  # held by the op's closure only

    def op() -> object:
        gate.wait(5)
        return type(witness).__name__

    return QueryOp(None, op).success(reported.append)


def test_what_an_operation_holds_is_freed_on_the_gui_thread(qtbot: Any) -> None:
    """A widget freed on a worker thread crashes Qt later (its timers stay registered).
    The worker here holds the future after the GUI thread has let go of everything; the
    op's closure must still be freed on the GUI thread."""
    freed_on: list[str] = []
    gate, release = threading.Event(), threading.Event()
    reported: list[object] = []
    operation = _operation_holding(freed_on, gate, reported)
    future = operation.run_in_background()
    future.add_done_callback(lambda _f: release.wait(5))  # the worker keeps the future
    gate.set()
    qtbot.waitUntil(lambda: bool(reported), timeout=5000)
    del operation, future
    assert freed_on == [threading.current_thread().name]
    release.set()
    task_manager().finish_pending()
    assert freed_on == [threading.current_thread().name]


def test_the_gui_thread_collects_the_garbage(qapp: Any) -> None:
    """Automatic collection is off (it would run on whichever thread allocates); the GUI
    thread's timer collects cycles instead, when Python's thresholds say one is due."""
    import gc

    from interfant_desktop.ui.gui_gc import collect_on_gui_thread

    collector = collect_on_gui_thread(qapp)
    assert not gc.isenabled()
    gc.collect()
    assert collector.check() is None  # nothing allocated since: nothing due
    freed_on: list[str] = []
    cycle: list[object] = [_Witness(freed_on)]
    cycle.append(cycle)
    del cycle
    junk = [[] for _ in range(gc.get_threshold()[0] + 1)]  # enough to make one due
    assert freed_on == []  # not freed by an automatic collection
    assert collector.check() == 0
    del junk
    assert freed_on == [threading.current_thread().name]


def test_start_up_holds_the_collector_and_then_freezes_what_it_allocated(qapp: Any) -> None:
    """While the app starts nothing is collected (what it allocates lives as long as the
    app); once it is fully usable those objects move to the permanent generation and
    collection is due again as usual."""
    import gc

    from interfant_desktop.ui.gui_gc import collect_on_gui_thread

    collector = collect_on_gui_thread(qapp)
    frozen_before = gc.get_freeze_count()
    collector.hold()
    try:
        junk = [[] for _ in range(gc.get_threshold()[0] + 1)]
        assert collector.check() is None  # due, but held
    finally:
        collector.release()
    assert gc.get_freeze_count() > frozen_before + len(junk)
    gc.unfreeze()  # (this test process goes on collecting as before)
    more = [[] for _ in range(gc.get_threshold()[0] + 1)]
    assert collector.check() == 0 and more
