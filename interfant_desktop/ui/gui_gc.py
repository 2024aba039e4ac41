"""Python's garbage collector runs on the GUI thread only.

Python collects reference cycles whenever enough objects have been allocated, on
whichever thread happens to allocate. Our store work runs on worker threads
(``ui/operations.py``) and allocates a lot, so an automatic collection there can
free a cycle that holds a widget. Qt then destroys that widget on the wrong
thread: its timers cannot be unregistered from there ("Timers cannot be stopped
from another thread"), and the GUI thread later fires a timer of a freed object
and the process dies with a segmentation fault.

So, as Anki, OpenCue and GitFourchette do, automatic collection is switched off
and the GUI thread collects on a short timer instead, with the same generation
thresholds Python would use. The memory cost is nil: only cycles wait, and for
at most one interval.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

#: How often the GUI thread looks at the allocation counts (ms).
INTERVAL_MS = 500


class GuiThreadCollector(QObject):
    """Disables automatic collection and collects on the GUI thread's timer."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thresholds = gc.get_threshold()
        self.held = False
        gc.disable()
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.check)
        self._timer.start(INTERVAL_MS)

    def hold(self) -> None:
        """No collection until :meth:`release`: what start-up allocates (modules,
        classes, the open store) lives as long as the app, so scanning it is wasted."""
        self.held = True

    def release(self) -> None:
        """Start-up is over: collect as usual from now on. What it allocated moves to
        the permanent generation (``gc.freeze``), so no later collection on the GUI
        thread scans those objects again (shorter pauses while the user works)."""
        if self.held:
            self.held = False
            gc.freeze()

    def check(self) -> int | None:
        """Collect the generations whose allocation counts passed Python's thresholds;
        the generation collected (None: nothing was due, or start-up holds it)."""
        if self.held:
            return None
        counts = gc.get_count()
        for generation in (2, 1, 0):
            if counts[generation] > self._thresholds[generation]:
                gc.collect(generation)
                return generation
        return None


_collector: GuiThreadCollector | None = None


def collect_on_gui_thread(parent: QObject) -> GuiThreadCollector:
    """Install the collector once per process (call on the GUI thread, with the
    application as ``parent``)."""
    global _collector
    if _collector is None:
        _collector = GuiThreadCollector(parent)
    return _collector
