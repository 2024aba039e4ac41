"""Database work off the GUI thread, in the spirit of Anki's ``aqt.operations``.

On a shared PostgreSQL server every store call is a network round trip, and a
slow one must not freeze the window. So the GUI hands such work to a
:class:`QueryOp` (reading) or a :class:`CollectionOp` (recording):

* ``op`` runs on a small thread pool and must touch **no widget**: it gets the
  data it needs as arguments (captured before it starts) and returns a result;
* ``success(result)`` or ``failure(exception)`` then runs on the GUI thread, where
  the widgets are updated. A failure without a handler is shown in a message box.

A :class:`CollectionOp` also shows a busy cursor on its parent while it runs.
``wait()`` lets code whose callers need the outcome (a page's "saved?") keep the
event loop running while it waits, so the window still repaints and takes
keystrokes during a slow save.

The pool has one worker: store calls run one after the other, in the order they
were started, as they did on the GUI thread (a save is never overtaken by the
list's reload that follows it). Work nobody waits for (``background=True``: the
list's summary columns) runs on a second worker, so a search never queues behind it.
"""

from __future__ import annotations

import contextlib
import logging
import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, Generic, Self, TypeVar

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, QObject, Qt, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

T = TypeVar("T")
_WORKER = "interfant-store"
log = logging.getLogger("interfant_desktop.ui")


class _Relay(QObject):
    """Carries finished operations' callbacks from the worker to the GUI thread.

    The worker puts the callback in a queue and emits an argument-less signal; the
    queued slot runs in the thread this object lives in (the GUI thread) and drains
    the queue. No Python object crosses threads inside a Qt signal."""

    wake = Signal()

    def __init__(self) -> None:
        super().__init__()
        self._callbacks: queue.SimpleQueue[Callable[[], None]] = queue.SimpleQueue()
        self.wake.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    def post(self, callback: Callable[[], None]) -> None:
        """Any thread: run ``callback`` on the GUI thread soon."""
        self._callbacks.put(callback)
        self.wake.emit()

    def _deliver(self) -> None:
        while True:
            try:
                callback = self._callbacks.get_nowait()
            except queue.Empty:
                return
            callback()


class TaskManager:
    """The thread pool and the relay back to the GUI thread (one per application)."""

    def __init__(self) -> None:
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix=_WORKER)
        # Work nobody waits for (the list's summary columns) has its own worker, so a
        # search or a save never queues behind it.
        self._background = ThreadPoolExecutor(max_workers=1,
                                              thread_name_prefix=f"{_WORKER}-background")
        self._relay = _Relay()
        self.running = 0
        self._pending: set[Future[Any]] = set()

    def submit(self, op: Callable[[], T], done: Callable[[Future[T]], None],
               background: bool = False) -> Future[T]:
        """Run ``op`` on the pool (``background``: on the worker for work nobody waits
        for); ``done(future)`` then runs on the GUI thread."""
        self.running += 1
        # The worker reaches ``op`` and ``done`` only through this box, which the GUI
        # thread empties: the last reference to whatever they hold (a page, a dialog) is
        # dropped on the GUI thread, never on the worker (which may drop the future last),
        # where Qt cannot destroy a widget safely.
        box: list[Any] = [op, done]
        future = (self._background if background else self._pool).submit(
            lambda: box[0]())
        self._pending.add(future)
        future.add_done_callback(self._pending.discard)
        # On the worker thread: only queue the report; it runs on the GUI thread.
        future.add_done_callback(lambda f: self._relay.post(lambda: self._done(f, box)))
        return future

    def finish_pending(self, timeout_s: float = 30.0) -> None:
        """Block until every operation started so far has finished on the pool (their
        reports still come later, through the event loop). Before the store closes: no
        worker may still be using it. On the worker itself it does not wait (for itself)."""
        if threading.current_thread().name.startswith(_WORKER):
            return
        for future in list(self._pending):
            with contextlib.suppress(Exception):  # its own report handles a failure
                future.result(timeout=timeout_s)

    def _done(self, future: Future[T], box: list[Any]) -> None:
        self.running -= 1
        done: Callable[[Future[T]], None] = box[1]
        box.clear()
        done(future)  # (a programming error propagates to the crash handler, traceback kept)
        # A handled failure's traceback holds the frames of ``op``, and so what they used.
        exception = future.exception()
        if exception is not None:
            exception.__traceback__ = None

    def idle(self) -> bool:
        """True when no operation is running or waiting to report back."""
        return self.running == 0


_manager: TaskManager | None = None


def task_manager() -> TaskManager:
    """The application's task manager (made on first use, on the GUI thread)."""
    global _manager
    if _manager is None:
        _manager = TaskManager()
    return _manager


class _Op(Generic[T]):
    """An operation: ``op`` for the worker, ``success``/``failure`` for the GUI thread."""

    def __init__(self, parent: QObject | None, op: Callable[[], T], *,
                 background: bool = False) -> None:
        self._parent = parent
        self._op = op
        self._background = background
        self._success: Callable[[T], object] | None = None
        self._failure: Callable[[Exception], object] | None = None

    def success(self, success: Callable[[T], object]) -> Self:
        self._success = success
        return self

    def failure(self, failure: Callable[[Exception], object]) -> Self:
        self._failure = failure
        return self

    def _widget(self) -> QWidget | None:
        return self._parent if isinstance(self._parent, QWidget) else None

    def _started(self) -> None:
        pass

    def _finished(self) -> None:
        pass

    def run_in_background(self) -> Future[T]:
        """Start ``op`` on the pool; the handlers run on the GUI thread afterwards."""
        self._started()
        return task_manager().submit(self._op, self._report, self._background)

    def wait(self) -> T:
        """Run ``op`` in the background and return its result (or raise its exception),
        with the event loop running meanwhile: the window repaints and takes keystrokes.
        For callers that need the outcome before they go on (a page's "saved?")."""
        outcome: list[tuple[bool, object]] = []
        # Objects already scheduled for deletion go now, not inside the nested loop below
        # (deleting a closed window's widgets from a nested loop can crash Qt).
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        loop = QEventLoop()
        self._success = lambda result: outcome.append((True, result))
        self._failure = lambda exc: outcome.append((False, exc))
        finished = self._finished

        def done() -> None:
            finished()
            loop.quit()

        self._finished = done  # type: ignore[method-assign]
        self.run_in_background()
        # The report comes through the event loop, so it cannot have come yet.
        loop.exec(QEventLoop.ProcessEventsFlag.AllEvents)
        if not outcome:
            raise RuntimeError("the window that asked was closed meanwhile")
        ok, value = outcome[0]
        if not ok:
            assert isinstance(value, Exception)
            raise value
        return value  # type: ignore[return-value]

    def _report(self, future: Future[T]) -> None:
        try:
            if self._parent is not None and not shiboken6.isValid(self._parent):
                return  # the widget that asked is gone: nothing left to update
            exception = future.exception()
            if exception is None:
                if self._success is not None:
                    self._success(future.result())
            elif not isinstance(exception, Exception):
                future.result()  # KeyboardInterrupt, SystemExit: re-raise
            elif self._failure is not None:
                self._failure(exception)
            elif _is_refusal(exception):
                QMessageBox.warning(self._widget(), QCoreApplication.translate(
                    "App", "Not done"), str(exception))
            else:  # a programming error: the crash handler shows and logs it
                raise exception
        finally:
            self._finished()


def _is_refusal(exception: Exception) -> bool:
    from interfant_desktop.services.errors import ServiceError

    return isinstance(exception, ServiceError)


class QueryOp(_Op[T]):
    """Read from the store off the GUI thread, then show the result (Anki's QueryOp)."""


class CollectionOp(_Op[T]):
    """Record something off the GUI thread, with a busy cursor on the parent while it
    runs (Anki's CollectionOp)."""

    def _started(self) -> None:
        widget = self._widget()
        if widget is not None:
            widget.setCursor(Qt.CursorShape.BusyCursor)

    def _finished(self) -> None:
        widget = self._widget()
        if widget is not None and shiboken6.isValid(widget):
            widget.unsetCursor()


def finish_pending() -> None:
    """Wait for the store work already started (nothing, if no task manager exists)."""
    if _manager is not None:
        _manager.finish_pending()
