"""GUI start-up and search latency with 10,000 stored patients (a benchmark, not a test).

Measures, in the same run and on the same machine:

* launch until the signed-in window is **fully usable** (services loaded, sign-in
  confirmed, the list's first page painted, the workspace code loaded so a patient
  opens at once) of the real app (``interfant-desktop --db URL --user NAME
  --exit-when-ready``) against a bare PySide6 window that opens and closes, each as a
  fresh process, median of several runs; target ratio ≤ 2.5×. The times come from the
  wall-clock stamps the app prints (window shown, list painted, fully usable); the
  whole process is reported beside them. The bare window prints the same "shown"
  stamp, for a like-for-like ratio too;
* for reference, what the target leaves: the bare window that also imports SQLAlchemy
  (Core; then the app's ORM models), as a ratio to the bare window open+close;
* keystroke-to-filtered-list latency in the real window: a key press in the search
  field until the filtered first page (fetched in the background) is in the model and
  painted; target < 50 ms.

Run::

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_gui_startup.py [--patients 10000]

The database is built once through the services and cached under the temp folder.
``--baseline-tree DIR`` also launches the app from another copy of the source tree (e.g.
an earlier commit, ``git archive REV | tar -x -C DIR``), interleaved with this one, and
prints its lines too: a before/after comparison measured in the same run.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
USER, PASSWORD = "bench.doc", "bench-password-1"
PAGE_ROWS = 100  # the list's first page (PatientListModel.PAGE_SIZE)
BARE_WINDOW = """
import sys
from PySide6.QtWidgets import QApplication, QMainWindow
from PySide6.QtCore import QTimer
app = QApplication(sys.argv)
w = QMainWindow(); w.resize(1280, 820); w.show()
import time; print(f"shown at {time.time():.4f} (process CPU {time.process_time():.4f} s)", flush=True)
QTimer.singleShot(0, app.quit)
sys.exit(app.exec())
"""
#: Reference points for what stands in the way of the target, in the same run: the bare
#: window that also imports SQLAlchemy (Core only, then with the app's ORM models). The
#: app cannot be fully usable sooner than the database library it signs in with loads.
FLOOR_IMPORTS = {
    "bare window + import sqlalchemy (Core)": "import sqlalchemy",
    "bare window + import the ORM models": "import interfant_desktop.store.models",
}
FIRST = ("Anna", "Ben", "Chloé", "David", "Emma", "Finn", "Greta", "Hugo", "Ines", "Jonas",
         "Katja", "Lars", "Mila", "Noah", "Olga", "Piet", "Rosa", "Sven", "Tara", "Zoë")
LAST = ("Bakker", "Jansen", "Visser", "Smit", "Meijer", "de Boer", "Mulder", "Bos", "Vos",
        "Peters", "Hendriks", "Dekker", "Brouwer", "Dijkstra", "Kok", "Jacobs")


def build_database(path: Path, count: int) -> None:
    """Fill a fresh database with ``count`` fictitious patients through the services."""
    from interfant_desktop.ui.backend import UiBackend

    backend = UiBackend.open(f"sqlite:///{path}")
    backend.create_first_administrator("bench.admin", "bench-admin-1", "Benchmark admin")
    backend.sign_in("bench.admin", "bench-admin-1")
    backend.add_user(USER, "physician", "bench-temporary-1", "Benchmark physician",
                     "bench-admin-1")
    backend.change_temporary_password(USER, "bench-temporary-1", PASSWORD)  # signed in
    started = time.perf_counter()
    for i in range(count):
        backend.import_case({
            "format": "interfant-case/1",
            "patient": {"study_id": f"BX-{i:05d}", "name": f"{FIRST[i % 20]} {LAST[i % 16]} {i}",
                        "hospital_number": str(7000000 + i * 7),  # alone: the header says "MRN"
                        "date_of_birth": "2026-01-15", "sex": "female"},
            "diagnosis": {"date": "2026-04-01", "lineage": "B-ALL", "kmt2a": "rearranged",
                          "wbc": {"value": 100 + i % 400, "unit": "10^9/L"}, "consent": True},
            "prednisone_response": {"date": "2026-04-08", "blasts_per_uL": (i * 37) % 3000},
        })
    backend.close()
    print(f"built {count} patients in {time.perf_counter() - started:.1f} s")


def _stamp(stdout: str, marker: str, launched: float) -> float | None:
    """Seconds from ``launched`` (wall clock) to the stamp printed after ``marker``."""
    for line in stdout.splitlines():
        if marker in line:
            return float(line.split(marker, 1)[1].split()[0]) - launched
    return None


def timed_process(args: list[str], env: dict[str, str], expect: str | None = None,
                  stamps: dict[str, list[float]] | None = None, cwd: Path = REPO) -> float:
    launched = time.time()
    started = time.perf_counter()
    result = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=300)
    elapsed = time.perf_counter() - started
    if stamps is not None:
        for key, marker in (("shown", "shown at "), ("painted", "list painted at "),
                            ("loaded", "from the store at ")):
            value = _stamp(result.stdout, marker, launched)
            stamps.setdefault(key, []).append(elapsed if value is None else value)
        # The process's CPU time at its last stamp: what the start costs on a machine
        # whose cores other work shares (the wall-clock times then mostly measure waiting).
        cpu = _stamp(result.stdout, "(process CPU ", 0.0)
        if cpu is not None:
            stamps.setdefault("cpu", []).append(cpu)
    if result.returncode != 0:
        raise SystemExit(f"{args} failed ({result.returncode}):\n{result.stderr}")
    if expect is not None and expect not in result.stdout:
        raise SystemExit(f"{args}: the patient list was not shown with data "
                         f"(expected {expect!r}):\n{result.stdout}{result.stderr}")
    return elapsed


def byte_compile(tree: Path = REPO) -> None:
    """Byte-compile the app's modules, as an installed build (wheel, PyInstaller) ships
    them. PySide6, the whole of the bare window's code, is byte-compiled in site-packages;
    without this, a tree run with PYTHONDONTWRITEBYTECODE=1 would re-compile every app
    module from source at every launch, a cost no installed app pays."""
    import compileall

    compileall.compile_dir(str(tree / "interfant_desktop"), quiet=1)


def startup(url: str, runs: int, patients: int, compile_first: bool = True,
            baseline_tree: Path | None = None) -> None:
    trees = [REPO] if baseline_tree is None else [REPO, baseline_tree]
    if compile_first:
        for tree in trees:
            byte_compile(tree)
    print("app modules byte-compiled first (as installed)" if compile_first
          else "app modules NOT byte-compiled first (--source-only)")
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
               INTERFANT_PASSWORD=PASSWORD,
               INTERFANT_DATA_DIR=tempfile.mkdtemp(prefix="bench-data-"))
    bare: list[float] = []
    bare_stamps: dict[str, list[float]] = {}
    apps: dict[Path, tuple[list[float], dict[str, list[float]]]] = {tree: ([], {}) for tree in trees}
    ready = (f"ready, {min(PAGE_ROWS, patients)} patient rows shown with study ID, "
             "name and hospital number")
    floors: dict[str, dict[str, list[float]]] = {label: {} for label in FLOOR_IMPORTS}
    for _ in range(runs):  # interleaved, so machine load affects all alike
        bare.append(timed_process([sys.executable, "-c", BARE_WINDOW], env, stamps=bare_stamps))
        for label, statement in FLOOR_IMPORTS.items():
            timed_process([sys.executable, "-c", _with_import(statement)], env,
                          stamps=floors[label])
        for tree, (app, app_stamps) in apps.items():
            app.append(timed_process([sys.executable, "-m", "interfant_desktop", "--db", url,
                                      "--user", USER, "--exit-when-ready"], env,
                                     expect=ready, stamps=app_stamps, cwd=tree))
    for tree, (app, app_stamps) in apps.items():
        if tree != REPO:
            print(f"--- the app from the baseline tree {tree}")
        _report(runs, bare, bare_stamps, app, app_stamps)
    if baseline_tree is not None:
        _report_pairs(apps[REPO], apps[baseline_tree])
    print("--- what the target leaves for the app (reference processes, same run)")
    b = statistics.median(bare)
    for label, stamps in floors.items():
        shown = statistics.median(stamps["shown"])
        print(f"{label}, launch to shown: median {shown * 1000:.0f} ms "
              f"= {shown / b:.2f}x the bare window open+close")


def _report_pairs(this: tuple[list[float], dict[str, list[float]]],
                  baseline: tuple[list[float], dict[str, list[float]]]) -> None:
    """This tree against the baseline run by run (each pair launched back to back), so a
    load that changes during the run (other work on the machine) shifts both alike."""
    print("--- this tree minus the baseline tree, run by run")
    for label, mine, theirs in (
            ("window shown", this[1]["shown"], baseline[1]["shown"]),
            ("first painted list", this[1]["painted"], baseline[1]["painted"]),
            ("fully usable", this[1]["loaded"], baseline[1]["loaded"]),
            ("process CPU until fully usable", this[1].get("cpu", []), baseline[1].get("cpu", [])),
            ("whole process", this[0], baseline[0])):
        differences = [(a - b) * 1000 for a, b in zip(mine, theirs, strict=False)]
        if differences:
            print(f"{label}: median {statistics.median(differences):+.0f} ms, this tree faster in "
                  f"{sum(d < 0 for d in differences)} of {len(differences)} runs")


def _with_import(statement: str) -> str:
    """The bare window's script with ``statement`` run after the window is shown and
    before its "shown" stamp (so the stamp says when both are done)."""
    head, stamp = BARE_WINDOW.split("import time; print", 1)
    return f"{head}{statement}\nimport time; print{stamp}"


def _report(runs: int, bare: list[float], bare_stamps: dict[str, list[float]], app: list[float],
            app_stamps: dict[str, list[float]]) -> None:

    def line(label: str, values: list[float]) -> float:
        median = statistics.median(values)
        print(f"{label}: median {median * 1000:.0f} ms "
              f"(runs: {', '.join(f'{x * 1000:.0f}' for x in values)})")
        return median

    b = line("bare PySide6 window open+close (whole process)", bare)
    b_shown = line("bare PySide6 window launch to shown", bare_stamps["shown"])
    a_shown = line("app launch to window shown (signing in)", app_stamps["shown"])
    a_painted = line("app launch to first painted patient list", app_stamps["painted"])
    a_loaded = line("app launch to fully usable (signed in, list painted, workspace loaded)",
                    app_stamps["loaded"])
    a = line("app whole process (to exit once fully usable)", app)
    print(f"ratio app fully usable / bare window open+close: {a_loaded / b:.2f}x "
          "(target <= 2.5x)")
    if len(app_stamps.get("cpu", [])) == runs and len(bare_stamps.get("cpu", [])) == runs:
        b_cpu = line("bare PySide6 window process CPU until shown", bare_stamps["cpu"])
        a_cpu = line("app process CPU until fully usable", app_stamps["cpu"])
        print(f"ratio app CPU until fully usable / bare window CPU until shown: "
              f"{a_cpu / b_cpu:.2f}x (load average {os.getloadavg()[0]:.1f})")
    print(f"ratio app window shown / bare window shown: {a_shown / b_shown:.2f}x")
    print(f"ratio app first painted list / bare window open+close: {a_painted / b:.2f}x")
    print(f"ratio app whole process / bare window whole process: {a / b:.2f}x")


#: PySide6 6.12.0 on Python 3.11 drops a reference to None on every call of a method
#: that returns nothing (None is immortal only from Python 3.12); the benchmark's
#: thousands of processEvents() calls would otherwise end in "deallocating None".
_NONE_REFERENCES = [None] * 5_000_000


def keystrokes(url: str) -> None:
    from PySide6.QtCore import QCoreApplication, QEventLoop, Qt
    from PySide6.QtTest import QTest

    from interfant_desktop.ui.app import make_application
    from interfant_desktop.ui.backend import UiBackend
    from interfant_desktop.ui.main_window import MainWindow

    app = make_application()
    backend = UiBackend.open(url)
    backend.sign_in(USER, PASSWORD)
    window = MainWindow(backend)
    window.show()
    page = window.list_page

    def settle() -> None:  # until the page fetched in the background has arrived
        QCoreApplication.processEvents()
        while page.model.loading():
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 1)

    settle()
    latencies: list[float] = []
    for query in ("BX-0", "zoe", "70000", "Jansen", "BX-09", "mila"):
        page.search.clear()
        settle()
        for char in query:
            started = time.perf_counter()
            if char == " ":
                QTest.keyClick(page.search, Qt.Key.Key_Space)
            else:
                QTest.keyClicks(page.search, char)  # (a str: the typed stubs lack keyClick's char form)
            page.apply_search() if page._debounce.isActive() else None
            settle()
            page.table.viewport().repaint()
            latencies.append((time.perf_counter() - started) * 1000)
            # Let the summary columns fill in between keystrokes, as they would on screen.
            for _ in range(5):
                QCoreApplication.processEvents()
        print(f"  '{query}': {page.model.rowCount()} rows on the first page")
    latencies.sort()
    print(f"keystroke to filtered, painted list: median {statistics.median(latencies):.1f} ms, "
          f"95th percentile {latencies[int(len(latencies) * 0.95) - 1]:.1f} ms, "
          f"max {latencies[-1]:.1f} ms over {len(latencies)} keystrokes (target < 50 ms)")
    window.close()
    backend.close()
    app.quit()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--patients", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--source-only", action="store_true",
                        help="do not byte-compile the app first (each launch compiles it)")
    parser.add_argument("--baseline-tree", type=Path, default=None,
                        help="also launch the app from this copy of the source tree, interleaved")
    parser.add_argument("--db", type=Path, default=None,
                        help="SQLite file to use or build (default: cached in the temp folder)")
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("INTERFANT_DATA_DIR", tempfile.mkdtemp(prefix="bench-data-"))
    path = args.db or Path(tempfile.gettempdir()) / f"interfant-bench-{args.patients}.sqlite"
    if not path.exists():
        build_database(path, args.patients)
    url = f"sqlite:///{path}"
    print(f"database: {path} ({args.patients} patients)")
    startup(url, args.runs, args.patients, compile_first=not args.source_only,
            baseline_tree=args.baseline_tree)
    keystrokes(url)
    sys.stdout.flush()
    os._exit(0)  # not through finalisation: see _NONE_REFERENCES


if __name__ == "__main__":
    raise SystemExit(main())
