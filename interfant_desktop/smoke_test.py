"""``interfant-desktop --smoke-test``: check an installation end to end, then exit.

Everything happens in a new temporary folder (``INTERFANT_DATA_DIR`` points there
and ``INTERFANT_DB`` is ignored), so the smoke test never touches the user's
database, settings or logs. In order, it:

1. writes the log file;
2. creates a SQLite database and migrates it to the newest schema (Alembic
   scripts, SQLite foreign-key and integrity checks);
3. creates the first administrator and signs in (argon2 password hashing);
4. imports the built-in fictitious case (``resources/samples/smoke.case.json``)
   through the patient service and evaluates the stored patient; the result must
   equal the engine's evaluation of the file itself;
5. adds a physician and a pharmacist; the physician records "no known allergies"
   (fictitious), starts the blinatumomab order of cycle 1 from the recorded weight
   and height and signs it, the pharmacist
   verifies it with a blinded re-entry, and the sheet is printed to bytes through
   the order workflow (the print is recorded); the PDF must set all text in
   embedded fonts and carry no DRAFT watermark;
6. starts the GUI (``ui.app.run_app`` with ``--exit-when-ready``), which shows the
   main window with the patient list and closes it;
7. checks the Qt pieces a bundle must carry: the platform plugin, the image format
   plugins, Qt's translations and Qt PDF (it loads the order PDF);
8. prints the order PDF to a PDF file through the print process (a child process,
   as the order dialog prints).

Each passing check prints one ``ok`` line; a failing one prints ``FAIL`` with the
reason, a check that needs an earlier one prints ``skip``. Exit status 0 when every
check passed, 1 otherwise. The GUI runs on the ``offscreen`` Qt platform unless
``QT_QPA_PLATFORM`` is already set (e.g. ``QT_QPA_PLATFORM=xcb`` to watch it).
The whole run is limited to :data:`TIMEOUT_S` seconds.
"""

from __future__ import annotations

import argparse
import base64
import datetime as dt
import importlib
import importlib.util
import logging
import os
import re
import sqlite3
import sys
import tempfile
import threading
import time
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from interfant_desktop import __version__
from interfant_desktop.paths import resource

TIMEOUT_S = 180
SMOKE_CASE = ("samples", "smoke.case.json")
SMOKE_ADMIN = "smoke-admin"
SMOKE_PHYSICIAN = "smoke-physician"
SMOKE_PHARMACIST = "smoke-pharmacist"
#: Fictitious identifiers the physician records when the smoke case has none.
SMOKE_IDENTITY = (("name", "Smoke Test Patient"), ("hospital_number", "SMOKE-MRN-01"))
#: The rotation of the DRAFT watermark (54°) in a page's content stream.
WATERMARK_MATRIX = re.compile(
    rb"0?\.58778\d* 0?\.80901\d* -0?\.80901\d* 0?\.58778\d* [-\d.]+ [-\d.]+ cm")
SMOKE_PASSWORD = "smoke-test-only-password"  # a throw-away account in a temporary database
ORDER_CYCLE = 1
#: The order's start time the smoke test enters (fictitious; local wall-clock time).
SMOKE_START_TIME = "10:00"
# Qt messages allowed during the GUI check: harmless on the offscreen platform.
ALLOWED_QT_MESSAGES = ("propagateSizeHints",)

log = logging.getLogger(__name__)


class SmokeFailure(Exception):
    """A check failed; the message says what is wrong or missing."""


class Skipped(Exception):
    """A check cannot run because an earlier one failed."""


@dataclass
class _Context:
    """What the checks hand on to each other."""

    folder: Path
    args: argparse.Namespace
    url: str = ""
    store: Any = None
    user: Any = None
    study_id: str = ""
    evaluation: Any = None
    case: Any = None
    pdf: bytes = b""
    cleanups: list[Callable[[], None]] = field(default_factory=list)

    def need(self, attr: str, what: str) -> Any:
        value = getattr(self, attr)
        if value is None or value in (b"", ""):
            raise Skipped(f"needs {what}")
        return value


def _module(name: str, what: str) -> Any:
    """Import a module of another layer; a clear failure if it is not in this build."""
    if importlib.util.find_spec(name) is None:
        raise SmokeFailure(f"{what} ({name}) is not part of this build")
    return importlib.import_module(name)


def _attr(module: Any, name: str, what: str) -> Any:
    try:
        return getattr(module, name)
    except AttributeError:
        raise SmokeFailure(f"{what}: {module.__name__}.{name} is missing") from None


# --- the checks -------------------------------------------------------------------


def check_log_file(ctx: _Context) -> str:
    from interfant_desktop.logging_setup import log_file, setup_logging

    path = setup_logging(crash_handlers=False)
    log.info("smoke test running in %s", ctx.folder)
    for handler in logging.getLogger().handlers:
        handler.flush()
    if not path.is_file() or "smoke test running" not in path.read_text(encoding="utf-8"):
        raise SmokeFailure(f"nothing was written to the log file {path}")
    where = "in the temporary data folder" if path == log_file() else "(logging was set up before)"
    return f"log file written {where}: {path.name}"


def check_database(ctx: _Context) -> str:
    store_access = _module("interfant_desktop.services.store_access", "the database service")
    migrate = _module("interfant_desktop.store.migrate", "the schema migrations")
    from sqlalchemy import text

    ctx.url = f"sqlite:///{(ctx.folder / 'smoke.sqlite3').as_posix()}"
    ctx.store = store_access.open_store(ctx.url)
    ctx.cleanups.append(ctx.store.close)
    revision = migrate.database_revision(ctx.store.engine)
    head = migrate.head_revision()
    if revision != head:
        raise SmokeFailure(f"the database is at revision {revision}, not the newest {head}")
    with ctx.store.engine.connect() as conn:
        integrity = conn.exec_driver_sql("PRAGMA integrity_check").scalar()
        broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
        tables = conn.execute(text(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table'")).scalar()
    if integrity != "ok" or broken:
        raise SmokeFailure(f"integrity check: {integrity}; broken references: {len(broken)}")
    return (f"database created and migrated (SQLite {sqlite3.sqlite_version}, "
            f"revision {revision}, {tables} tables, integrity ok)")


def check_sign_in(ctx: _Context) -> str:
    store = ctx.need("store", "the database")
    auth = _module("interfant_desktop.services.auth", "the sign-in service")
    _attr(auth, "create_first_administrator", "the sign-in service")(
        store, SMOKE_ADMIN, SMOKE_PASSWORD, "Smoke Test")
    ctx.user = _attr(auth, "sign_in", "the sign-in service")(store, SMOKE_ADMIN, SMOKE_PASSWORD)
    return f"first administrator created and signed in (argon2 password hash, role {ctx.user.role})"


def check_import_and_evaluate(ctx: _Context) -> str:
    store = ctx.need("store", "the database")
    user = ctx.need("user", "a signed-in user")
    patients = _module("interfant_desktop.services.patients", "the patient service")
    evaluation_service = _module("interfant_desktop.services.evaluation", "the evaluation service")
    from interfant_desktop.protocol import evaluate, load_protocol, parse_case
    from interfant_desktop.protocol.case_json import decode_case_json

    case_path = resource(*SMOKE_CASE)
    data = decode_case_json(case_path.read_bytes())  # the reader every entry point uses
    record = _attr(patients, "import_case", "the patient service")(
        store, user, data, source=case_path.name)
    ctx.study_id = record.study_id
    today = dt.date.today()
    ctx.evaluation = _attr(evaluation_service, "evaluate_patient", "the evaluation service")(
        store, user, ctx.study_id, today)
    protocol = load_protocol()
    ctx.case = parse_case(data, protocol, today)
    expected = evaluate(ctx.case, protocol, today).to_json()
    got = ctx.evaluation.to_json()
    if got != expected:
        differing = sorted(k for k in expected.keys() | got.keys() if expected.get(k) != got.get(k))
        raise SmokeFailure("the stored patient evaluates differently from the case file "
                           f"(fields: {', '.join(differing)})")
    risk = got.get("risk") or {}
    risk_text = "/".join(str(risk[k]) for k in ("current", "subgroup") if risk.get(k)) or "none"
    return (f"fictitious case {ctx.study_id} imported and evaluated (protocol "
            f"{got.get('protocol_version')}, eligibility {got['eligibility']['status']}, "
            f"risk {risk_text}; same result as the case file)")


def check_order_pdf(ctx: _Context) -> str:
    store = ctx.need("store", "the database")
    admin = ctx.need("user", "a signed-in user")
    ctx.need("evaluation", "the evaluated case")
    users = _module("interfant_desktop.services.users", "the user service")
    patients = _module("interfant_desktop.services.patients", "the patient service")
    clinical = _module("interfant_desktop.services.clinical", "the clinical data service")
    workflow = _module("interfant_desktop.services.order_workflow", "the order workflow service")
    # The administrator adds a physician (starts and signs) and a pharmacist (verifies).
    # Their passwords are temporary: each chooses their own at the first sign-in.
    add_user = _attr(users, "add_user", "the user service")
    first_sign_in = _attr(users, "change_temporary_password", "the user service")
    temporary = SMOKE_PASSWORD + "-temporary"
    add_user(store, admin, SMOKE_PHYSICIAN, "physician", temporary, "Smoke Test Physician",
             admin_password=SMOKE_PASSWORD)
    add_user(store, admin, SMOKE_PHARMACIST, "pharmacist", temporary,
             "Smoke Test Pharmacist", admin_password=SMOKE_PASSWORD)
    physician = first_sign_in(store, SMOKE_PHYSICIAN, temporary, SMOKE_PASSWORD)
    pharmacist = first_sign_in(store, SMOKE_PHARMACIST, temporary, SMOKE_PASSWORD)
    record = patients.open_patient(store, physician, ctx.study_id)
    cycle = next((c for c in record.case_json.get("blinatumomab") or []
                  if c.get("cycle") == ORDER_CYCLE), None)
    if cycle is None or not cycle.get("weight_kg") or not cycle.get("height_cm"):
        raise SmokeFailure(f"the smoke case has no weight and height for cycle {ORDER_CYCLE}")
    patient = record.case_json.get("patient") or {}
    if not patient.get("name") or not patient.get("hospital_number"):
        # A signed sheet must identify the patient: the physician records fictitious ones.
        record = clinical.update_section(store, physician, ctx.study_id, record.version,
                                         "patient", dict(SMOKE_IDENTITY))
    if getattr(record, "no_known_allergies", None) is None:
        # A signed sheet states the allergies: the physician records "no known allergies".
        record = _attr(clinical, "record_allergies", "the clinical data service")(
            store, physician, ctx.study_id, record.version, no_known_allergies=True,
            allergies=None, reason=None)
    measured = {"weight_kg": cycle["weight_kg"], "height_cm": cycle["height_cm"],
                "weight_date": cycle.get("weight_date") or cycle.get("start_date"),
                "height_date": cycle.get("height_date") or cycle.get("start_date"),
                "start_date": cycle.get("start_date"),
                # entered by the physician when starting the order (the bag schedule needs it)
                "start_time": cycle.get("start_time") or SMOKE_START_TIME,
                "bag_hours": cycle.get("bag_hours")}
    plan = _attr(workflow, "plan_order", "the order workflow service")(
        store, physician, ctx.study_id, ORDER_CYCLE, **measured)
    started = _attr(workflow, "start_order", "the order workflow service")(
        store, physician, ctx.study_id, record.version, ORDER_CYCLE,
        confirm_warnings=plan.warnings, **measured)
    signed = _attr(workflow, "sign_order", "the order workflow service")(
        store, physician, started.id, started.version, password=SMOKE_PASSWORD)
    task = _attr(workflow, "verification_task", "the order workflow service")(
        store, pharmacist, signed.id)
    shown = {name for name in vars(task) if "weight" in name or "height" in name
             or "dose" in name or "bsa" in name}
    if shown:
        raise SmokeFailure(f"the verification task shows the first values: {sorted(shown)}")
    verified = _attr(workflow, "verify_order", "the order workflow service")(
        store, pharmacist, task.id, task.version, weight_kg=measured["weight_kg"],
        height_cm=measured["height_cm"], password=SMOKE_PASSWORD)
    if verified.status != "verified" or verified.verifier != SMOKE_PHARMACIST:
        raise SmokeFailure(f"the order was not verified by the pharmacist ({verified.status})")
    preview = _attr(workflow, "preview_order_pdf", "the order workflow service")(
        store, physician, started.id)  # verified: the screen preview has no watermark either
    printed = _attr(workflow, "print_order", "the order workflow service")(
        store, pharmacist, verified.id, verified.version, password=SMOKE_PASSWORD)
    pdf: bytes = printed.pdf
    if not pdf.startswith(b"%PDF-") or b"%%EOF" not in pdf[-1024:]:
        raise SmokeFailure("the order is not a complete PDF file")
    if b"/FontFile2" not in pdf:
        raise SmokeFailure("the order PDF has no embedded TrueType font")
    unembedded = _fonts_drawing_text_unembedded(pdf)
    if unembedded:
        raise SmokeFailure(f"the order PDF sets text in unembedded fonts: {', '.join(unembedded)}")
    if not printed.valid or printed.copy or _has_draft_watermark(pdf) \
            or _has_draft_watermark(preview.pdf):
        raise SmokeFailure("the verified order sheet is not valid for administration "
                           "(DRAFT watermark or COPY)")
    if printed.order.status != "printed" or len(printed.order.prints) != 1:
        raise SmokeFailure("the print was not recorded")
    if (printed.order.content.get("sheet") or {}).get("allergies", {}).get("recorded") \
            is not True:
        raise SmokeFailure("the order sheet does not state the allergy status")
    ctx.pdf = pdf
    (ctx.folder / "smoke-order.pdf").write_bytes(pdf)
    return (f"order {printed.order.order_code} started and signed by a physician, verified by "
            f"a pharmacist (blinded re-entry) and printed (cycle {ORDER_CYCLE}, allergy status "
            f"stated, "
            f"{len(pdf) // 1024} KiB, fonts embedded, no DRAFT watermark)")


def _has_draft_watermark(pdf: bytes) -> bool:
    """True when a page draws the DRAFT watermark: the renderer sets it rotated by 54°
    (``cos 54° sin 54° -sin 54° cos 54° x y cm``) in translucent red."""
    return any(WATERMARK_MATRIX.search(stream) for stream in _pdf_streams(pdf))


def _pdf_streams(pdf: bytes) -> Iterator[bytes]:
    """The decoded content of every stream reportlab wrote (ASCII85 and/or Flate)."""
    end = 0
    for match in re.finditer(rb"stream\r?\n", pdf):
        if match.start() < end or pdf[match.start() - 3:match.start()] == b"end":
            continue
        header = pdf[pdf.rfind(b" obj", 0, match.start()):match.start()]
        length = re.search(rb"/Length (\d+)", header)
        if length is None:
            continue
        end = match.end() + int(length.group(1))
        raw = pdf[match.end():end]
        try:
            if b"/ASCII85Decode" in header:
                raw = base64.a85decode(raw.strip().removeprefix(b"<~").removesuffix(b"~>"))
            if b"/FlateDecode" in header:
                raw = zlib.decompress(raw)
        except (ValueError, zlib.error):
            continue
        yield raw


def _fonts_drawing_text_unembedded(pdf: bytes) -> list[str]:
    """Base fonts without an embedded font program that are used to show text.

    reportlab declares its default Helvetica on every page even when it draws nothing
    with it; only text actually set in a non-embedded font is a problem."""
    unembedded = {
        name: base for base, name in re.findall(
            rb"/BaseFont /([A-Za-z-]+) /Encoding /\w+ /Name /(F\d+) /Subtype /Type1", pdf)
    }
    used: set[str] = set()
    for stream in _pdf_streams(pdf):
        current = b""
        for token in re.finditer(rb"/([\w+.-]+) [\d.]+ Tf|(Tj|TJ|')(?=\s)", stream):
            if token.group(1):
                current = token.group(1)
            elif current in unembedded:
                used.add(unembedded[current].decode())
    return sorted(used)


@contextmanager
def _qt_quiet() -> Iterator[None]:
    """The check fails (SmokeFailure naming the first five) when Qt warned in the block,
    apart from ALLOWED_QT_MESSAGES; a failure inside the block is reported as it is."""
    from interfant_desktop.ui.qt_warnings import qt_warnings

    with qt_warnings(ALLOWED_QT_MESSAGES) as collected:
        yield
    if collected:
        raise SmokeFailure("Qt reported: " + " | ".join(collected[:5]))


def check_main_window(ctx: _Context) -> str:
    url = ctx.need("url", "the database")
    ctx.need("user", "a signed-in user")
    app_module = _module("interfant_desktop.ui.app", "the main window")
    run_app = _attr(app_module, "run_app", "the main window")
    gui_args = argparse.Namespace(**vars(ctx.args))
    gui_args.db, gui_args.user, gui_args.demo = url, SMOKE_ADMIN, False
    gui_args.exit_when_ready, gui_args.smoke_test, gui_args.command = True, False, None
    os.environ["INTERFANT_PASSWORD"] = SMOKE_PASSWORD
    started = time.monotonic()
    try:
        with _qt_quiet():
            status = run_app(gui_args)
            if status != 0:
                raise SmokeFailure(f"the app exited with status {status} instead of showing the window")
    finally:
        os.environ.pop("INTERFANT_PASSWORD", None)
    return (f"main window shown with the patient list and closed "
            f"({os.environ.get('QT_QPA_PLATFORM', 'default')} platform, "
            f"{time.monotonic() - started:.1f} s)")


def check_qt_components(ctx: _Context) -> str:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QLibraryInfo
    from PySide6.QtGui import QImageReader
    from PySide6.QtWidgets import QApplication

    with _qt_quiet():
        app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "interfant"])
        platform = QApplication.platformName()
        formats = {bytes(f.data()).decode() for f in QImageReader.supportedImageFormats()}
        missing = {"png", "jpg", "svg", "ico"} - formats
        if missing:
            raise SmokeFailure(f"Qt image format plugins missing: {', '.join(sorted(missing))}")
        translations = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
        qms = list(translations.glob("qtbase_*.qm"))
        if not qms:
            raise SmokeFailure(f"no Qt translations (qtbase_*.qm) in {translations}")
        pages = "not checked (no order PDF)"
        if importlib.util.find_spec("PySide6.QtPdf") is None:
            pages = "Qt PDF not in this PySide6 build (the app does not use it)"
        elif ctx.pdf:
            from PySide6.QtPdf import QPdfDocument

            document = QPdfDocument(app)
            buffer = QBuffer(document)
            buffer.setData(QByteArray(ctx.pdf))
            buffer.open(QIODevice.OpenModeFlag.ReadOnly)
            document.load(buffer)
            deadline = time.monotonic() + 10
            while document.status() == QPdfDocument.Status.Loading and time.monotonic() < deadline:
                app.processEvents()
            if document.status() != QPdfDocument.Status.Ready or document.pageCount() < 1:
                raise SmokeFailure(f"Qt PDF could not open the order PDF ({document.error()})")
            pages = f"order PDF opens in Qt PDF ({document.pageCount()} page(s))"
    return (f"Qt {QLibraryInfo.version().toString()}: platform plugin {platform}, "
            f"image formats {', '.join(sorted({'png', 'jpg', 'svg', 'ico'}))}, "
            f"{len(qms)} Qt translations, {pages}")


def check_print_process(ctx: _Context) -> str:
    """The order dialog prints in a child process (multiprocessing "spawn"; in the bundle
    through freeze_support): print the order PDF to a PDF file through it."""
    pdf = ctx.need("pdf", "the order PDF")
    print_job = _module("interfant_desktop.ui.print_job", "the print process")
    from PySide6.QtPrintSupport import QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setResolution(72)  # (a printer's resolution only makes it slower)
    printer.setOutputFileName(str(ctx.folder / "smoke-printed.pdf"))
    started = time.monotonic()
    try:
        with print_job.PrintJob(print_job.PrintSettings.from_printer(printer)) as job:
            job.open()
            pages = job.print(pdf)
    except OSError as exc:
        raise SmokeFailure(f"the print process failed: {exc}") from None
    printed = (ctx.folder / "smoke-printed.pdf").read_bytes()
    if not printed.startswith(b"%PDF-") or pages < 1:
        raise SmokeFailure("the print process wrote no PDF")
    return (f"order printed by the print process to a PDF printer ({pages} page(s), "
            f"{time.monotonic() - started:.1f} s)")


CHECKS: tuple[tuple[str, Callable[[_Context], str]], ...] = (
    ("log file", check_log_file),
    ("database", check_database),
    ("sign-in", check_sign_in),
    ("import and evaluate", check_import_and_evaluate),
    ("order PDF", check_order_pdf),
    ("main window", check_main_window),
    ("Qt components", check_qt_components),
    ("print process", check_print_process),
)


# --- the runner ---------------------------------------------------------------------


def _watchdog(seconds: float) -> threading.Timer:
    def expire() -> None:
        print(f"FAIL smoke test: not finished after {seconds:.0f} s (hung?)", flush=True)
        os._exit(1)

    timer = threading.Timer(seconds, expire)
    timer.daemon = True
    timer.start()
    return timer


@contextmanager
def _temporary_environment(folder: Path) -> Iterator[None]:
    keys = ("INTERFANT_DATA_DIR", "INTERFANT_DB", "INTERFANT_PASSWORD", "QT_QPA_PLATFORM")
    saved = {key: os.environ.get(key) for key in keys}
    os.environ["INTERFANT_DATA_DIR"] = str(folder)
    os.environ.pop("INTERFANT_DB", None)
    os.environ.pop("INTERFANT_PASSWORD", None)
    if not os.environ.get("QT_QPA_PLATFORM"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def run_smoke_test(args: argparse.Namespace | None = None) -> int:
    """Run every check in a temporary folder; 0 when all passed, 1 otherwise."""
    args = args or argparse.Namespace()
    frozen = "bundle" if getattr(sys, "frozen", False) else "source"
    print(f"Interfant Desktop {__version__} smoke test ({frozen}, Python "
          f"{sys.version.split()[0]}, {sys.platform})", flush=True)
    timer = _watchdog(TIMEOUT_S)
    started = time.monotonic()
    failed = 0
    try:
        with tempfile.TemporaryDirectory(prefix="interfant-smoke-", ignore_cleanup_errors=True) as tmp, \
                _temporary_environment(Path(tmp)):
            ctx = _Context(folder=Path(tmp), args=args)
            try:
                for name, check in CHECKS:
                    try:
                        print(f"ok   {check(ctx)}", flush=True)
                    except Skipped as exc:
                        failed += 1
                        print(f"skip {name}: {exc}", flush=True)
                    except Exception as exc:
                        failed += 1
                        log.exception("smoke test check %r failed", name)
                        print(f"FAIL {name}: {type(exc).__name__}: {exc}", flush=True)
            finally:
                for cleanup in reversed(ctx.cleanups):
                    cleanup()
                _close_log_file(Path(tmp))
    finally:
        timer.cancel()
    elapsed = time.monotonic() - started
    if failed:
        print(f"smoke test FAILED: {failed} of {len(CHECKS)} checks did not pass ({elapsed:.1f} s)")
        return 1
    print(f"smoke test passed: {len(CHECKS)} checks in {elapsed:.1f} s")
    return 0


def _close_log_file(folder: Path) -> None:
    """Detach the log handler writing into the temporary folder before it is deleted."""
    from interfant_desktop.logging_setup import stop_file_logging

    stop_file_logging(under=folder.resolve())
    stop_file_logging(under=folder)
