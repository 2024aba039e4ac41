"""Lock the app after 15 minutes without keyboard or mouse activity."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal

IDLE_MINUTES = 15
_ACTIVITY = {QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
             QEvent.Type.Wheel, QEvent.Type.TouchBegin}


class IdleLock(QObject):
    """Application-wide event filter: any input restarts the timer; ``idle`` fires on timeout."""

    idle = Signal()

    def __init__(self, minutes: float = IDLE_MINUTES, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(int(minutes * 60_000))
        self.timer.timeout.connect(self.idle)
        self.timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _ACTIVITY:
            self.timer.start()
        return False

    def pause(self) -> None:
        """Stop counting (while the lock screen is up)."""
        self.timer.stop()

    def resume(self) -> None:
        """Start counting again from zero."""
        self.timer.start()
