"""The app's log file and crash log.

Call :func:`setup_logging` once, early, in every process that should log (the GUI
launcher and the long-running commands). It:

* writes a rotating log file, ``<data>/logs/interfant-desktop.log`` (2 MB, 5 old
  files kept), where ``<data>`` is ``INTERFANT_DATA_DIR`` if set, else the per-user
  data folder (``platformdirs.user_data_dir("interfant-desktop")``, the folder that
  also holds the SQLite database);
* installs crash handlers: an unhandled Python exception (main thread or any other
  thread) writes ``<data>/logs/crashes/crash-<UTC time>-<pid>.log`` with the
  traceback and the end of the log file, values (study IDs, names, numbers, quoted
  text) taken out of their messages (:mod:`interfant_desktop.crash_scrub`); a fatal
  signal (segmentation fault, abort, a crash inside Qt) is caught by
  :mod:`faulthandler`, which writes the Python stack of every thread into
  ``<data>/logs/crashes/fatal-<pid>.log``. A clean exit deletes that file when it
  is empty.

On the next start the GUI calls :func:`pending_crash_report`; if it returns a
report, the GUI offers it to the user (show ``report.summary``, let them open or
copy ``report.path``) and then calls :func:`acknowledge_crash_report`, which moves
the file to ``crashes/seen/`` so it is offered only once but kept for support.

Folders are made ``0700`` and files ``0600`` (:mod:`interfant_desktop.private_files`);
older ones are tightened when logging starts.

No Qt and no database here: the module is safe to import first.
"""

from __future__ import annotations

import atexit
import datetime as dt
import faulthandler
import logging
import os
import sys
import threading
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import IO, Any, Literal

from interfant_desktop.crash_scrub import scrub_exception, scrub_summary, scrub_text
from interfant_desktop.paths import user_data_dir
from interfant_desktop.private_files import open_private, private_folder, tighten, write_private_text

LOG_FILE_NAME = "interfant-desktop.log"
LOG_MAX_BYTES = 2 * 1024 * 1024
LOG_BACKUP_COUNT = 5
LOG_FORMAT = "%(asctime)s %(levelname)-7s %(process)d %(threadName)s %(name)s: %(message)s"
LOG_TAIL_LINES = 60

log = logging.getLogger("interfant_desktop")

CrashKind = Literal["exception", "fatal signal"]


@dataclass(frozen=True)
class CrashReport:
    """A crash log left by an earlier run, waiting to be shown to the user."""

    path: Path
    kind: CrashKind
    when: dt.datetime
    summary: str

    def text(self) -> str:
        """The whole crash log (traceback and the end of the app log)."""
        return self.path.read_text(encoding="utf-8", errors="replace")


# State of the handlers installed in this process (None until setup_logging runs).
_installed: dict[str, object] = {}


def data_dir() -> Path:
    """``INTERFANT_DATA_DIR`` or the per-user data folder (not created here)."""
    return user_data_dir()


def log_dir() -> Path:
    """The folder of the log file: ``<data>/logs``."""
    return data_dir() / "logs"


def crash_dir() -> Path:
    """The folder of crash logs not yet shown to the user: ``<data>/logs/crashes``."""
    return log_dir() / "crashes"


def log_file() -> Path:
    """The current log file."""
    return log_dir() / LOG_FILE_NAME


def _utc_stamp(now: dt.datetime | None = None) -> str:
    return (now or dt.datetime.now(dt.UTC)).strftime("%Y%m%dT%H%M%S%fZ")


def setup_logging(level: int = logging.INFO, *, console: bool = False,
                  crash_handlers: bool = True) -> Path:
    """Log to the rotating file (and to stderr if ``console``); install the crash
    handlers. Returns the log file's path. Calling it again only changes the level."""
    root = logging.getLogger()
    root.setLevel(level)
    path = log_file()
    if "file_handler" in _installed:
        return path
    private_folder(path.parent)
    tighten([path.parent])  # log and crash files an older version left readable by all
    handler = _private_rotating_handler(path)
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    root.addHandler(handler)
    _installed["file_handler"] = handler
    if console:
        stream = logging.StreamHandler()
        stream.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
        root.addHandler(stream)
        _installed["console_handler"] = stream
    logging.captureWarnings(True)
    from interfant_desktop import __version__

    log.info("Interfant Desktop %s starting (Python %s, %s, frozen=%s, pid %d)",
             __version__, sys.version.split()[0], sys.platform,
             bool(getattr(sys, "frozen", False)), os.getpid())
    if crash_handlers:
        install_crash_handlers()
    return path


def _private_rotating_handler(path: Path) -> logging.Handler:
    """The rotating log handler, each file it opens (also after rotating) owner-only."""
    from logging.handlers import RotatingFileHandler  # here: ~20 ms of every start otherwise

    class PrivateRotatingFileHandler(RotatingFileHandler):
        def _open(self) -> Any:
            return open_private(Path(self.baseFilename), "a", encoding=self.encoding,
                                errors=self.errors)

    return PrivateRotatingFileHandler(path, maxBytes=LOG_MAX_BYTES, backupCount=LOG_BACKUP_COUNT,
                                      encoding="utf-8")


def stop_file_logging(under: Path | None = None) -> None:
    """Detach and close the log file handler (only if its file is inside ``under``,
    when given), so that folder can be deleted; :func:`setup_logging` may run again."""
    handler = _installed.get("file_handler")
    if not isinstance(handler, logging.FileHandler):  # only setup_logging installs one
        return
    if under is not None and not Path(handler.baseFilename).is_relative_to(under):
        return
    logging.getLogger().removeHandler(handler)
    handler.close()
    del _installed["file_handler"]
    logging.captureWarnings(False)
    console = _installed.pop("console_handler", None)
    if isinstance(console, logging.Handler):
        logging.getLogger().removeHandler(console)


def install_crash_handlers() -> None:
    """Unhandled exceptions and fatal signals leave a crash log in :func:`crash_dir`."""
    if "excepthook" in _installed:
        return
    folder = private_folder(crash_dir())

    previous_hook = sys.excepthook
    previous_thread_hook = threading.excepthook

    def excepthook(exc_type: type[BaseException], exc: BaseException,
                   tb: TracebackType | None) -> None:
        if not issubclass(exc_type, KeyboardInterrupt):
            write_crash_log(exc_type, exc, tb)
        previous_hook(exc_type, exc, tb)

    def thread_excepthook(args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None and not isinstance(args.exc_value, SystemExit):
            thread = args.thread.name if args.thread is not None else "unknown thread"
            write_crash_log(args.exc_type, args.exc_value, args.exc_traceback, thread=thread)
        previous_thread_hook(args)

    sys.excepthook = excepthook
    threading.excepthook = thread_excepthook
    _installed["excepthook"] = excepthook

    fatal_path = folder / f"fatal-{os.getpid()}.log"
    fatal_file: IO[str] = open_private(fatal_path, "w", encoding="utf-8")
    faulthandler.enable(file=fatal_file, all_threads=True)
    _installed["fatal_file"] = fatal_file
    _installed["fatal_path"] = fatal_path
    atexit.register(_clean_exit)


def _clean_exit() -> None:
    """At a normal exit: stop faulthandler and delete this process's empty fatal log."""
    fatal_file = _installed.pop("fatal_file", None)
    fatal_path = _installed.pop("fatal_path", None)
    if fatal_file is None or not isinstance(fatal_path, Path):
        return
    faulthandler.disable()
    try:
        fatal_file.close()  # type: ignore[attr-defined]
        if fatal_path.stat().st_size == 0:
            fatal_path.unlink()
    except OSError:
        pass


def _log_tail(lines: int = LOG_TAIL_LINES) -> str:
    handler = _installed.get("file_handler")
    if isinstance(handler, logging.Handler):
        handler.flush()
    try:
        with log_file().open(encoding="utf-8", errors="replace") as fh:
            return "".join(_scrub_log_line(line) for line in fh.readlines()[-lines:])
    except OSError:
        return "(the log file could not be read)\n"


def _scrub_log_line(line: str) -> str:
    """A log line for a crash report: its time, level and source kept, values taken out
    of its message (lines without that prefix, e.g. of a traceback, scrubbed whole)."""
    prefix, sep, message = line.partition(": ")
    return prefix + sep + scrub_text(message) if sep and prefix[:2].isdigit() else scrub_text(line)


def write_crash_log(exc_type: type[BaseException], exc: BaseException,
                    tb: TracebackType | None, *, thread: str | None = None) -> Path | None:
    """Write one crash log for an unhandled exception; returns its path (None if the
    folder is not writable: a crash handler must never raise)."""
    from interfant_desktop import __version__

    try:
        # The traceback with values taken out (the log file is attached to crash reports).
        details = scrub_exception(exc_type, exc, tb)
        log.critical("unhandled exception%s\n%s", f" in thread {thread}" if thread else "",
                     details.rstrip())
        now = dt.datetime.now(dt.UTC)
        folder = private_folder(crash_dir())
        path = folder / f"crash-{_utc_stamp(now)}-{os.getpid()}.log"
        header = [
            "Interfant Desktop crash report",
            f"kind: exception{f' (thread {thread})' if thread else ''}",
            f"time: {now.isoformat(timespec='seconds')}",
            f"version: {__version__}",
            f"python: {sys.version.split()[0]} on {sys.platform}",
            f"frozen: {bool(getattr(sys, 'frozen', False))}",
            f"summary: {_one_line(scrub_summary(exc_type, exc))}",
            "values: study IDs, names, numbers and quoted values are taken out of this report",
            "",
        ]
        body = details
        write_private_text(path, "\n".join(header) + body + "\n--- end of the log file ---\n"
                           + _log_tail())
        return path
    except Exception:  # never raise from a crash handler
        return None


def _one_line(text: str, limit: int = 300) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


def _pid_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if os.name != "posix":
        return False  # on Windows an open file cannot be deleted anyway
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def _collect_fatal_logs(folder: Path) -> None:
    """Turn fatal-<pid>.log files left by dead processes into crash logs (or delete
    them when empty: the process was killed without a trace, e.g. by the user)."""
    for path in folder.glob("fatal-*.log"):
        try:
            pid = int(path.stem.split("-", 1)[1])
        except ValueError:
            continue
        if _pid_alive(pid):
            continue
        try:
            if path.stat().st_size == 0:
                path.unlink()
                continue
            when = dt.datetime.fromtimestamp(path.stat().st_mtime, dt.UTC)
            text = path.read_text(encoding="utf-8", errors="replace")
            target = folder / f"crash-{_utc_stamp(when)}-{pid}.log"
            header = [
                "Interfant Desktop crash report",
                "kind: fatal signal",
                f"time: {when.isoformat(timespec='seconds')}",
                f"summary: {_fatal_summary(text)}",
                "",
            ]
            write_private_text(target, "\n".join(header) + text)
            path.unlink()
        except OSError:
            continue  # still open by a live process (Windows) or not ours to touch


def _fatal_summary(text: str) -> str:
    for line in text.splitlines():
        if line.startswith("Fatal Python error"):
            return _one_line(line)
    return "the app stopped on a fatal error"


def _parse_report(path: Path) -> CrashReport | None:
    try:
        with path.open(encoding="utf-8", errors="replace") as fh:
            head = [fh.readline().rstrip("\n") for _ in range(8)]
    except OSError:
        return None
    fields = dict(line.split(": ", 1) for line in head if ": " in line)
    kind: CrashKind = "fatal signal" if fields.get("kind", "").startswith("fatal") else "exception"
    try:
        when = dt.datetime.fromisoformat(fields["time"])
    except (KeyError, ValueError):
        when = dt.datetime.fromtimestamp(path.stat().st_mtime, dt.UTC)
    return CrashReport(path=path, kind=kind, when=when,
                       summary=fields.get("summary", "the app stopped unexpectedly"))


def pending_crash_reports() -> list[CrashReport]:
    """Crash logs of earlier runs not yet shown to the user, oldest first."""
    folder = crash_dir()
    if not folder.is_dir():
        return []
    _collect_fatal_logs(folder)
    reports = [r for r in (_parse_report(p) for p in sorted(folder.glob("crash-*.log")))
               if r is not None]
    return sorted(reports, key=lambda r: r.when)


def pending_crash_report() -> CrashReport | None:
    """The most recent crash log not yet shown to the user, or None.

    The GUI calls this at start-up (after :func:`setup_logging`) and, if a report
    comes back, offers it: "Interfant Desktop closed unexpectedly last time" with
    ``report.summary`` and a button to open ``report.path``; then it calls
    :func:`acknowledge_crash_report` (which also acknowledges any older ones)."""
    reports = pending_crash_reports()
    return reports[-1] if reports else None


def acknowledge_crash_report(report: CrashReport | None = None) -> list[Path]:
    """Move ``report`` (default: every pending report, and always every older one)
    to ``crashes/seen/`` so it is not offered again. Returns the new paths."""
    seen = crash_dir() / "seen"
    moved: list[Path] = []
    for pending in pending_crash_reports():
        if report is not None and pending.when > report.when and pending.path != report.path:
            continue
        private_folder(seen)
        target = seen / pending.path.name
        try:
            pending.path.replace(target)
        except OSError:
            continue
        moved.append(target)
    return moved
