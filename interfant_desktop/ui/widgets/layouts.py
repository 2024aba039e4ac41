"""Layout helpers shared by the panels that rebuild their rows on every refresh."""

from __future__ import annotations

from PySide6.QtWidgets import QLayout


def remove_all(layout: QLayout) -> None:
    """Take every item out of ``layout`` and delete its widget later (on the GUI thread's
    event loop), so the panel can be filled again from the engine's current answer."""
    while layout.count():
        taken = layout.takeAt(0)
        widget = taken.widget() if taken is not None else None
        if widget is not None:
            widget.deleteLater()
