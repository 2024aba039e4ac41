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
