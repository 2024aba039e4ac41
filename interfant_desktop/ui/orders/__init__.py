"""The blinatumomab order workflow in the GUI (issue 5): start, calculation trail, sign,
blinded verification, preview (QtPdf), print, save and cancel.

``open_order_workflow(workspace, cycle)`` is what the Orders page calls.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from interfant_desktop.ui.backend import OrderActions
from interfant_desktop.ui.orders.order_dialog import OrderWorkflowDialog

if TYPE_CHECKING:
    from interfant_desktop.ui.workspace import PatientWorkspace

__all__ = ["OrderActions", "OrderWorkflowDialog", "open_order_workflow"]


def open_order_workflow(workspace: PatientWorkspace, cycle: int) -> OrderWorkflowDialog:
    """Show the order workflow of ``cycle`` for the workspace's patient (modal); the
    workspace reloads afterwards when anything changed (e.g. new measurements)."""
    dialog = OrderWorkflowDialog(OrderActions(workspace.backend), workspace.patient_id, cycle,
                                 workspace)
    dialog.finished.connect(lambda _result: workspace.reload() if dialog.changed else None)
    dialog.open()
    return dialog
