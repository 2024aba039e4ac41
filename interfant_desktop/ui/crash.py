"""Crash handling: an unexpected error is logged with context and shown in a dialog.

The user may continue (the failed action did nothing: every save is one
transaction, so data already saved stays saved) or quit.
"""

from __future__ import annotations

import logging
import platform
import sys
import traceback
from collections.abc import Callable
from types import TracebackType

from PySide6.QtCore import QCoreApplication, qVersion
from PySide6.QtWidgets import QApplication, QMessageBox

from interfant_desktop import __version__

log = logging.getLogger("interfant_desktop.ui")

#: Extra context for the log (e.g. the signed-in user and the open patient).
ContextFn = Callable[[], dict[str, str]]


class CrashHandler:
    """Installed as ``sys.excepthook`` by the app."""

    def __init__(self, context: ContextFn | None = None, interactive: bool = True) -> None:
        self.context = context or (lambda: {})
        self.interactive = interactive
        self.showing = False
        self.last_report = ""
        self.previous: Callable[..., object] | None = None

    def install(self) -> None:
        """Become ``sys.excepthook``, after the hook already there (the crash-log writer)."""
        self.previous = sys.excepthook
        sys.excepthook = self

    def __call__(self, kind: type[BaseException], value: BaseException,
                 tb: TracebackType | None) -> None:
        details = "".join(traceback.format_exception(kind, value, tb))
        try:
            context = self.context()
        except Exception:  # the context itself must never hide the real error
            context = {"context": "unavailable"}
        header = (f"Interfant Desktop {__version__}, Qt {qVersion()}, Python "
                  f"{platform.python_version()}, {platform.platform()}\n"
                  + "".join(f"{k}: {v}\n" for k, v in context.items()))
        self.last_report = header + details
        log.error("unexpected error\n%s", self.last_report)
        if self.previous is not None and self.previous is not sys.__excepthook__:
            try:
                self.previous(kind, value, tb)  # e.g. logging_setup's crash-log file
            except Exception:
                log.exception("the previous exception hook failed")
        if not self.interactive or self.showing or QApplication.instance() is None:
            return
        self.showing = True
        try:
            box = QMessageBox()
            box.setObjectName("CrashDialog")
            box.setIcon(QMessageBox.Icon.Critical)
            box.setWindowTitle(QCoreApplication.translate("CrashHandler", "Unexpected error"))
            box.setText(QCoreApplication.translate(
                "CrashHandler", "Something went wrong: {error}").format(error=value))
            box.setInformativeText(QCoreApplication.translate(
                "CrashHandler",
                "The action that failed did not save anything. Data saved before is safe. "
                "The error was logged."))
            box.setDetailedText(self.last_report)
            cont = box.addButton(QCoreApplication.translate("CrashHandler", "&Continue"),
                                 QMessageBox.ButtonRole.AcceptRole)
            box.addButton(QCoreApplication.translate("CrashHandler", "&Quit"),
                          QMessageBox.ButtonRole.DestructiveRole)
            box.setDefaultButton(cont)
            box.exec()
            if box.clickedButton() is not cont:
                QApplication.exit(1)
        finally:
            self.showing = False
