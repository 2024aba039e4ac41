"""Crash handling: an unexpected error is logged with context and shown in a dialog.

The user may continue (the failed action did nothing: every save is one
transaction, so data already saved stays saved) or quit. The report holds no
patient data: the open patient's study ID is not written, and values (study IDs,
names, numbers, quoted text) are taken out of exception messages
(:mod:`interfant_desktop.crash_scrub`). It is shown, for sending to support, only
after the user asks for it and confirms.
"""

from __future__ import annotations

import logging
import platform
import sys
from collections.abc import Callable
from types import TracebackType

from PySide6.QtCore import QCoreApplication, qVersion
from PySide6.QtWidgets import QApplication, QMessageBox

from interfant_desktop import __version__
from interfant_desktop.crash_scrub import scrub_exception, scrub_summary

log = logging.getLogger("interfant_desktop.ui")

#: Extra context for the log (e.g. the signed-in user and the open patient).
ContextFn = Callable[[], dict[str, str]]
#: Context entries that identify a patient: used to scrub the report, never written.
PATIENT_KEYS = ("patient",)


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
        try:
            context = self.context()
        except Exception:  # the context itself must never hide the real error
            context = {"context": "unavailable"}
        known = [v for k, v in context.items() if k in PATIENT_KEYS]
        details = scrub_exception(kind, value, tb, known)
        shown = {k: (_patient_open(v) if k in PATIENT_KEYS else v) for k, v in context.items()}
        header = (f"Interfant Desktop {__version__}, Qt {qVersion()}, Python "
                  f"{platform.python_version()}, {platform.platform()}\n"
                  + "".join(f"{k}: {v}\n" for k, v in shown.items()))
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
            self._show(_damaged_message(value) or scrub_summary(kind, value, known))
        finally:
            self.showing = False

    def _show(self, summary: str) -> None:
        """The dialog: what happened, Continue or Quit, and the report only on request."""
        box = QMessageBox()
        box.setObjectName("CrashDialog")
        box.setIcon(QMessageBox.Icon.Critical)
        box.setWindowTitle(QCoreApplication.translate("CrashHandler", "Unexpected error"))
        box.setText(QCoreApplication.translate(
            "CrashHandler", "Something went wrong: {error}").format(error=summary))
        box.setInformativeText(QCoreApplication.translate(
            "CrashHandler",
            "The action that failed did not save anything. Data saved before is safe. "
            "The error was logged."))
        cont = box.addButton(QCoreApplication.translate("CrashHandler", "&Continue"),
                             QMessageBox.ButtonRole.AcceptRole)
        report = box.addButton(QCoreApplication.translate("CrashHandler",
                                                          "Show the report for support…"),
                               QMessageBox.ButtonRole.ActionRole)
        box.addButton(QCoreApplication.translate("CrashHandler", "&Quit"),
                      QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(cont)
        box.exec()
        clicked = box.clickedButton()
        if clicked is report:
            self.offer_report()
        elif clicked is not cont:
            QApplication.exit(1)

    def offer_report(self) -> bool:
        """Ask first; then show the report (values taken out) for copying. True if shown."""
        return show_report_when_asked(self.last_report)


def show_report_when_asked(report: str) -> bool:
    """Ask whether to show a crash report (the user reads it before sending it); on "Yes"
    show it for copying. True if shown. Used for the crash just now and for the crash
    log an earlier run left."""
    answer = QMessageBox.question(
        None, QCoreApplication.translate("CrashHandler", "Show the crash report?"),
        QCoreApplication.translate(
            "CrashHandler",
            "The report says what the app was doing when the error happened. Study IDs, "
            "names, numbers and quoted values are taken out of it, but read it before you "
            "send it. Show it now?"))
    if answer != QMessageBox.StandardButton.Yes:
        return False
    box = information_box("CrashReport", QCoreApplication.translate("CrashHandler", "Crash report"),
                          QCoreApplication.translate(
                              "CrashHandler", "Copy the details below into your message to support."))
    box.setDetailedText(report)
    box.exec()
    return True


def information_box(name: str, title: str, text: str) -> QMessageBox:
    """A message box with an information icon (``name``: its object name, for tests)."""
    box = QMessageBox()
    box.setObjectName(name)
    box.setIcon(QMessageBox.Icon.Information)
    box.setWindowTitle(title)
    box.setText(text)
    return box


def _damaged_message(error: BaseException) -> str | None:
    """"The database file is damaged; restore the last backup" when the database said its
    file is damaged (SQLite's "malformed" and the like), rather than its own words."""
    from interfant_desktop.services.store_access import DAMAGED_MESSAGE, says_file_damaged

    return DAMAGED_MESSAGE if says_file_damaged(error) else None


def _patient_open(study_id: str) -> str:
    """What the report says about the open patient: whether one was open, not who."""
    return "(none open)" if not study_id or study_id.startswith("(") else "(one open; not recorded)"
