"""lupdate files every string of the order workflow under its class's context (the one
``self.tr`` looks up at run time), never under an empty or a variable's name."""

from __future__ import annotations

import ast
import xml.etree.ElementTree as ET
from pathlib import Path

from tests.ui.lupdate import lupdate

REPO = Path(__file__).resolve().parents[2]
UI = REPO / "interfant_desktop" / "ui"
TS = REPO / "resources" / "translations" / "interfant_en.ts"


def _classes(folder: Path) -> set[str]:
    return {node.name for path in folder.rglob("*.py")
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
            if isinstance(node, ast.ClassDef)}


def _contexts(ts: Path) -> dict[str, int]:
    root = ET.parse(ts).getroot()
    return {ctx.findtext("name") or "": len(ctx.findall("message"))
            for ctx in root.iter("context")}


def test_order_strings_are_filed_under_their_class(tmp_path: Path) -> None:
    fresh = lupdate(tmp_path / "orders.ts", [UI / "orders", UI / "pages"])
    contexts = _contexts(fresh)
    classes = _classes(UI)
    assert contexts and set(contexts) <= classes, sorted(set(contexts) - classes)
    assert contexts.get("CalculationTrail", 0) > 20  # the whole trail, not one string


#: The app's catalogue contexts that are no class: App, and the module contexts of
#: formatting.py, history_rows.py, print_job.py, order_words.py and attention_cell.py
#: (functions, no class).
MODULE_CONTEXTS = frozenset({"App", "Formatting", "HistoryRows", "PrintJob", "OrderWords",
                             "AttentionCell"})


def test_catalogue_has_no_context_without_a_class() -> None:
    unknown = sorted(set(_contexts(TS)) - _classes(UI) - MODULE_CONTEXTS)
    assert unknown == [], unknown
