"""The layer rule of ../shared/guides/architecture.md, checked by import-linter contracts
(pyproject.toml), and the engine's independence from Qt and the database."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from tests.conftest import REPO

LINT_IMPORTS = REPO / ".venv" / "bin" / "lint-imports"


def lint_imports() -> str:
    found = LINT_IMPORTS if LINT_IMPORTS.exists() else shutil.which("lint-imports")
    if not found:
        pytest.skip("import-linter is not installed")
    return str(found)


def run_lint(cwd: Path, pythonpath: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(pythonpath)}
    return subprocess.run([lint_imports(), "--no-cache", str(cwd / "pyproject.toml")], cwd=cwd,
                          capture_output=True, text=True, env=env, timeout=120)


def contracts() -> list[dict]:
    with (REPO / "pyproject.toml").open("rb") as fh:
        return tomllib.load(fh)["tool"]["importlinter"]["contracts"]


def test_contracts_cover_the_layers_and_the_engine() -> None:
    names = [c["name"] for c in contracts()]
    kinds = {c["type"] for c in contracts()}
    assert "layers" in kinds and "forbidden" in kinds
    engine = [c for c in contracts() if "interfant_desktop.protocol" in c.get("source_modules", [])]
    forbidden = {m for c in engine for m in c["forbidden_modules"]}
    assert {"PySide6", "sqlalchemy", "interfant_desktop.ui", "interfant_desktop.store"} <= forbidden
    assert len(names) == len(set(names))


def test_import_contracts_are_kept() -> None:
    proc = run_lint(REPO, REPO)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "0 broken" in proc.stdout


def fake_project(tmp_path: Path, engine_imports: str, module: str = "protocol/engine.py",
                 extra: dict[str, str] | None = None) -> Path:
    """A copy of the package skeleton with the same contracts and one import in ``module``
    (``extra``: more modules, path -> source)."""
    root = tmp_path / "project"
    pkg = root / "interfant_desktop"
    for sub in ("ui", "services", "exports", "protocol", "store", "orders", "cli"):
        (pkg / sub).mkdir(parents=True)
        (pkg / sub / "__init__.py").write_text("", encoding="utf-8")
    (pkg / "__init__.py").write_text("", encoding="utf-8")
    (pkg / module).write_text(engine_imports + "\n", encoding="utf-8")
    for path, source in (extra or {}).items():
        (pkg / path).write_text(source + "\n", encoding="utf-8")
    # external packages in the graph, so the contracts naming PySide6 etc. can be checked here
    lines = ["[tool.importlinter]", 'root_package = "interfant_desktop"', "include_external_packages = true"]
    for contract in contracts():
        lines.append("[[tool.importlinter.contracts]]")
        for key, value in contract.items():
            lines.append(f"{key} = {_toml(value)}")
    (root / "pyproject.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return root


def _toml(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    return '"' + str(value).replace("\\", "\\\\").replace('"', '\\"') + '"'


@pytest.mark.parametrize("bad_import", [
    "import interfant_desktop.ui",
    "import sqlalchemy",
    "from interfant_desktop import store",
    "import interfant_desktop.services",
])
def test_the_contracts_fail_when_the_engine_imports_an_upper_layer(tmp_path: Path, bad_import: str) -> None:
    root = fake_project(tmp_path, bad_import)
    proc = run_lint(root, root)
    assert proc.returncode != 0, proc.stdout
    assert "BROKEN" in proc.stdout


@pytest.mark.parametrize("bad_import", [
    "from interfant_desktop import store",
    "import interfant_desktop.store.models",
    "import interfant_desktop.orders",
    "import sqlalchemy",
    "import alembic",
    "import reportlab",
])
def test_the_contracts_fail_when_the_ui_imports_the_store(tmp_path: Path, bad_import: str) -> None:
    root = fake_project(tmp_path, bad_import, "ui/window.py", {"store/models.py": "import json"})
    proc = run_lint(root, root)
    assert proc.returncode != 0, proc.stdout
    assert "The ui reaches the data only through the services BROKEN" in proc.stdout


def test_the_ui_may_reach_the_store_through_the_services(tmp_path: Path) -> None:
    root = fake_project(tmp_path, "import interfant_desktop.services.patients", "ui/window.py",
                        {"services/patients.py": "import interfant_desktop.store.models\nimport sqlalchemy",
                         "store/models.py": "import json"})
    proc = run_lint(root, root)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_the_fake_project_is_clean_without_the_bad_import(tmp_path: Path) -> None:
    root = fake_project(tmp_path, "import json")
    proc = run_lint(root, root)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_engine_imports_no_qt_and_no_database() -> None:
    code = (
        "import sys, json\n"
        "import interfant_desktop.protocol as p\n"
        "case = json.load(open(sys.argv[1], encoding='utf-8'))\n"
        "import datetime as dt\n"
        "today = dt.date(2026, 11, 27)\n"
        "prot = p.load_protocol()\n"
        "p.evaluate(p.parse_case(case, prot, today), prot, today).to_json()\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in "
        "('PySide6', 'sqlalchemy', 'alembic', 'psycopg', 'reportlab', 'shiboken6'))\n"
        "app = sorted(m for m in sys.modules if m.split('.')[:2] in "
        "(['interfant_desktop', 'ui'], ['interfant_desktop', 'store'], ['interfant_desktop', 'services'], "
        "['interfant_desktop', 'orders']))\n"
        "print(json.dumps({'bad': bad, 'app': app}))\n"
    )
    sample = sorted((REPO.parent / "shared" / "cases").glob("*.case.json"))
    if not sample:
        pytest.skip("no shared cases")
    proc = subprocess.run([sys.executable, "-c", code, str(sample[0])], capture_output=True, text=True,
                          cwd=REPO, timeout=120)
    assert proc.returncode == 0, proc.stderr
    import json

    loaded = json.loads(proc.stdout)
    assert loaded == {"bad": [], "app": []}


def test_engine_check_can_fail() -> None:
    # the sys.modules check above is only meaningful if importing Qt would show up there
    code = "import sys, sqlalchemy; print('sqlalchemy' in sys.modules)"
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    if proc.returncode != 0:
        pytest.skip("sqlalchemy is not installed")
    assert proc.stdout.strip() == "True"


def test_starting_the_app_parses_its_options_without_the_command_modules() -> None:
    """The window waits for nothing it does not use: the GUI's own options are parsed
    without importing a command module; a command still gets the whole parser."""
    code = (
        "import sys\n"
        "from interfant_desktop.cli import parse_arguments\n"
        "args = parse_arguments(['--db', 'sqlite:///x.db', '--user', 'dr.a', '--exit-when-ready'])\n"
        "assert (args.command, args.db, args.user, args.exit_when_ready) == "
        "(None, 'sqlite:///x.db', 'dr.a', True), args\n"
        "print(sorted(m for m in sys.modules if m.startswith('interfant_desktop.cli.')))\n"
        "print(parse_arguments(['--db', 'sqlite:///x.db', 'evaluate', 'case.json']).command)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO,
                          timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines() == ["[]", "evaluate"]
