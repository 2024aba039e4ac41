"""Words the user reads go through the translation catalogue: an f-string or a bare literal
shown on screen is invisible to lupdate, so it would stay English in every language.

``untranslated`` reads a module's source (no import, no Qt) and reports, with their line,
every f-string that has words in it (markup, keys, file names, style sheets and patterns are
not words) and every word literal handed straight to a widget (``setText``, ``QLabel``, ...) or
added to a list of shown lines (``lines.append``) without ``tr``. The modules in ``CHECKED`` must have none;
the tests below show it finds the kinds of line it is there to catch.
"""

from __future__ import annotations

import ast
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtWidgets import QLabel

REPO = Path(__file__).resolve().parents[2]
UI = REPO / "interfant_desktop" / "ui"
TS = REPO / "resources" / "translations" / "interfant_en.ts"

#: Modules whose every shown string is translatable (add a module once it is clean).
CHECKED = (
    "attention_cell.py", "backend.py", "dialogs/allergy_dialog.py", "dialogs/correction_dialog.py",
    "dialogs/export_dialog.py", "dialogs/first_run_dialog.py", "dialogs/identity_dialog.py",
    "dialogs/new_patient_dialog.py", "dialogs/phase_start_dialog.py",
    "dialogs/preparation_dialog.py", "dialogs/resolve_review_dialog.py",
    "dialogs/sign_in_dialog.py", "dialogs/users_dialog.py", "formatting.py", "history_rows.py",
    "infusion/action_panel.py", "infusion/assessment_dialog.py", "infusion/bag_dialogs.py",
    "infusion/calls.py", "infusion/in_error_dialog.py", "infusion/infusion_page.py",
    "infusion/interruption_dialog.py", "infusion/timeline_table.py", "main_window.py",
    "operations.py", "order_words.py", "orders/order_dialog.py", "orders/preview_dialog.py",
    "orders/start_dialog.py", "orders/trail.py", "orders/verify_dialog.py",
    "pages/checklist_page.py", "pages/diagnosis_page.py", "pages/eligibility_page.py",
    "pages/history_page.py", "pages/induction_page.py", "pages/orders_page.py",
    "pages/risk_page.py", "pages/roadmap_page.py", "pages/widgets_common.py",
    "patient_list_model.py", "patient_list_page.py", "print_job.py", "review_panel.py", "shell.py",
    "unsaved.py", "widgets/banner.py", "widgets/mrd_chart.py", "widgets/phase_starts.py",
    "widgets/phase_strip.py", "widgets/roadmap_view.py", "widgets/rule_card.py",
    "widgets/standing_banner.py", "workspace.py",
)

#: Calls that show their argument(s) to the user: name → positions of the shown arguments.
SHOWN_ARGUMENTS: dict[str, tuple[int, ...]] = {
    **{name: (0,) for name in (
        "setText", "setToolTip", "setPlaceholderText", "setWindowTitle", "setAccessibleName",
        "setAccessibleDescription", "setStatusTip", "setTitle", "addItem", "QLabel", "QPushButton",
        "QCheckBox", "QRadioButton", "QGroupBox", "QTableWidgetItem", "QListWidgetItem", "_label",
        "section_title", "setHorizontalHeaderLabels",
        "append",  # a line of a shown text built up in a list
        "UserFacingError")},  # its message is shown as it is
    **{name: (1,) for name in ("insert",)},
    **{name: (1, 2) for name in ("information", "warning", "critical", "question")},
}
#: Calls whose literal is the catalogue's source text (lupdate reads it there).
TRANSLATING = {"tr", "translate", "QT_TRANSLATE_NOOP", "QT_TR_NOOP"}
#: Helpers that translate at run time but that lupdate does not read: a literal given to one
#: never reaches the catalogue, so no translator ever sees it (``_tr(WORDS[kind])`` is fine).
UNREAD = {"_tr", "_t"}
#: Calls whose f-string argument is code, not text (a style sheet, an object name, a pattern).
CODE = {"setStyleSheet", "setObjectName", "setProperty", "compile", "match", "fullmatch", "search",
        "sub", "findall", "finditer"}
#: Markup (``<b>``, ``</span>``, ``&nbsp;``) carries no words of its own.
MARKUP = re.compile(r"<[^<>]*>|&#?\w+;")
#: A key, path, file name or shortcut (``mrd[{i}].date``, ``summary-{id}.pdf``, ``Ctrl+{n}``):
#: no space, and punctuation no sentence has between letters.
KEY = re.compile(r"[\w\x00]*[.\[\]_+#-][\w\x00.\[\]_+#-]*")


def _name(call: ast.Call) -> str:
    func = call.func
    return func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""


def _has_words(text: str) -> bool:
    """Letters outside markup (``<b>{x}</b>`` has none)."""
    return any(ch.isalpha() for ch in MARKUP.sub("", text))


def _fstring_words(node: ast.JoinedStr) -> bool:
    """Words in the f-string's own text (a format spec such as ``%H:%M`` is not text; each
    placeholder is a ``\\x00``), unless the text is a key or file name."""
    text = "".join(part.value if isinstance(part, ast.Constant) and isinstance(part.value, str)
                   else "\x00" for part in node.values)
    return _has_words(text) and KEY.fullmatch(text) is None


def _word_literals(node: ast.AST) -> list[ast.Constant]:
    """Word literals in a shown expression, outside the ``tr`` calls that translate them."""
    if isinstance(node, ast.Call):  # a call's own arguments are keys, formats, ... (not shown)
        return [] if _name(node) in TRANSLATING else _word_literals(node.func)
    if isinstance(node, ast.Constant):
        return [node] if isinstance(node.value, str) and _has_words(node.value) else []
    if isinstance(node, ast.JoinedStr):
        return []  # reported as an f-string
    if isinstance(node, ast.IfExp):  # the condition is not shown, its two answers are
        return _word_literals(node.body) + _word_literals(node.orelse)
    if isinstance(node, ast.Compare):  # ``editor == "date"``: a key, not shown
        return []
    if isinstance(node, ast.Subscript):  # ``WORDS["hold"]``: the key is not shown
        return _word_literals(node.value)
    if isinstance(node, ast.Dict):  # ``{"hold": tr(...)}[kind]``: nor are a dict's keys
        return [found for value in node.values for found in _word_literals(value)]
    return [found for child in ast.iter_child_nodes(node) for found in _word_literals(child)]


def untranslated(source: str) -> list[tuple[int, str]]:
    """(line, text) of each f-string with words, and of each word literal shown untranslated."""
    found: list[tuple[int, str]] = []
    tree = ast.parse(source)
    not_text = {id(node.format_spec) for node in ast.walk(tree)
                if isinstance(node, ast.FormattedValue) and node.format_spec is not None}
    not_text |= {id(arg) for node in ast.walk(tree)  # code: a style sheet, a pattern, ...
                 if isinstance(node, ast.Call) and _name(node) in CODE for arg in node.args}
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr) and id(node) not in not_text and _fstring_words(node):
            found.append((node.lineno, ast.unparse(node)))
        elif isinstance(node, ast.JoinedStr):  # lupdate does not read a ``tr`` inside an f-string
            found += [(call.lineno, ast.unparse(call)) for call in ast.walk(node)
                      if isinstance(call, ast.Call) and _name(call) in TRANSLATING
                      and any(isinstance(arg, ast.Constant) for arg in call.args)]
        elif isinstance(node, ast.AugAssign) and isinstance(node.op, ast.Add):  # ``text += " if eligible"``
            found += [(c.lineno, repr(c.value)) for c in _word_literals(node.value)]
        elif isinstance(node, ast.Call) and _name(node) in UNREAD:
            found += [(c.lineno, repr(c.value)) for arg in node.args for c in _word_literals(arg)]
        elif isinstance(node, ast.Call) and _name(node) in SHOWN_ARGUMENTS:
            for index in SHOWN_ARGUMENTS[_name(node)]:
                if index < len(node.args):
                    found += [(c.lineno, repr(c.value)) for c in _word_literals(node.args[index])]
    return sorted(set(found))


def catalogue_sources(source: str) -> set[tuple[str, str]]:
    """(context, text) of each literal the module hands lupdate: ``self.tr`` under its class,
    ``translate`` and ``QT_TRANSLATE_NOOP`` under the context they name."""
    found: set[tuple[str, str]] = set()

    def visit(node: ast.AST, cls: str) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.Call) and child.args and all(
                    isinstance(a, ast.Constant) and isinstance(a.value, str) for a in child.args[:2]):
                values = [a.value for a in child.args[:2] if isinstance(a, ast.Constant)]
                if _name(child) == "tr" and cls:
                    found.add((cls, values[0]))
                elif _name(child) in ("translate", "QT_TRANSLATE_NOOP") and len(values) == 2:
                    found.add((values[0], values[1]))
            visit(child, child.name if isinstance(child, ast.ClassDef) else cls)

    visit(ast.parse(source), "")
    return found


@pytest.mark.parametrize("module", CHECKED)
def test_every_shown_string_of_the_module_is_translatable(module: str) -> None:
    assert untranslated((UI / module).read_text(encoding="utf-8")) == []


@pytest.mark.parametrize("module", CHECKED)
def test_the_catalogue_holds_every_text_of_the_module(module: str) -> None:
    """What the module translates is in the catalogue translators start from (else it
    stays English everywhere): ``python -m interfant_desktop.ui.i18n`` was run."""
    catalogue = {(context.findtext("name"), message.findtext("source"))
                 for context in ET.parse(TS).getroot().iter("context")
                 for message in context.iter("message")}
    sources = catalogue_sources((UI / module).read_text(encoding="utf-8"))
    assert sources, module
    assert sorted(sources - catalogue) == []


def test_an_f_string_shown_in_a_label_is_caught() -> None:
    source = '''
def show(self, result, label):
    label.setText(f"Seizure count: {result.seizures.detail}")
    self.layout_.addWidget(_label(f"{result.crs.summary}" + (f"  (not recorded: {x})" if x else "")))
    lines.append(f"Restart dose: {dose} mcg/day")
'''
    assert [line for line, _text in untranslated(source)] == [3, 4, 5]


def test_words_between_markup_are_caught() -> None:
    source = '''
label.setText(f"<b>Dose:</b> {dose}")
banner.setText(f"<span style='color:red'>{what} — STOPPED</span>")
'''
    assert [line for line, _text in untranslated(source)] == [2, 3]


def test_a_line_added_to_a_shown_list_is_caught() -> None:
    source = '''
parts.append("supervise or hospitalise at the restart")
lines.insert(0, "THE INFUSION IS STOPPED")
lines.append(self.tr("Due now: ") + detail + (" — ASSESSMENT OVERDUE" if overdue else ""))
'''
    assert [line for line, _text in untranslated(source)] == [2, 3, 4]


def test_markup_keys_style_sheets_and_patterns_are_not_words() -> None:
    source = '''
label.setText(f"<b>{_escape(title)}</b><br/>{detail}")
problems.append(error_at(f"mrd[{index}].date", text))
self.setStyleSheet(f"QFrame#Banner {{ background: {colour}; }}")
pattern = re.compile(rf"([<>])\\s*{shown}\\s*%")
edit.setPlaceholderText(self.tr("YYYY-MM-DD") if fact.editor == "date" else "")
label.setText({"hold": self.tr("Hold the order")}[kind])
name = f"treatment-summary-{patient}.pdf"
shortcut = f"Ctrl+{index + 1}"
'''
    assert untranslated(source) == []


def test_a_bare_literal_shown_untranslated_is_caught() -> None:
    source = '''
label.setText("No response recorded yet.")
box = QLabel("Seizure count")
QMessageBox.warning(self, "Not done", str(exc))
raise UserFacingError("not signed in")
risk_text += " if eligible"
'''
    assert [line for line, _text in untranslated(source)] == [2, 3, 4, 5, 6]


def test_translated_and_wordless_strings_pass() -> None:
    source = '''
label.setText(self.tr("Seizure count: {detail}").format(detail=result.seizures.detail))
label.setText("✖ " + str(exc))
label.setText(f"{grade.summary}")
label.setText("\\n".join(lines))
stamp = f"{at:%Y-%m-%d %H:%M}"
cell = QTableWidgetItem(f"{hours:g}")
WORDS = {"continue": QT_TRANSLATE_NOOP("ActionCard", "CONTINUE blinatumomab")}
_label(_tr(WORDS[kind]), "RuleId")
'''
    assert untranslated(source) == []


def test_a_literal_lupdate_does_not_read_is_caught() -> None:
    """Given to a helper of the module's own, or translated inside an f-string."""
    source = '''
lines.append(_tr("Doses not computed: {why}").format(why=why))
text = _t("no known allergies")
text = f"{start.label}: {self.tr('started')} {day}"
rows = [f"<th>{_e(self.tr('Days'))}</th>"]
'''
    assert [line for line, _text in untranslated(source)] == [2, 3, 4, 5]


def test_the_catalogue_sources_are_read_as_lupdate_reads_them() -> None:
    source = '''
class Page:
    def show(self):
        self.tr("Cycle {n}")
        QCoreApplication.translate("ActionCard", "Restart dose: "
                                   "{dose} mcg/day")

    class Inner:
        def f(self):
            self.tr("inner")
WORDS = {"met": QT_TRANSLATE_NOOP("ActionCard", "met")}
_tr("not read")
'''
    assert catalogue_sources(source) == {("Page", "Cycle {n}"), ("Inner", "inner"), ("ActionCard", "met"),
                                         ("ActionCard", "Restart dose: {dose} mcg/day")}


class MarkingTranslator(QTranslator):
    """Translates the action panel's strings to themselves in ⟦ ⟧, so a test sees which
    shown lines went through the catalogue."""

    def translate(self, context: str, source: str, disambiguation: str | None = None,
                  n: int = -1) -> str:
        return f"⟦{source}⟧" if context in ("ActionCard", "ActionPanel") else ""


def test_the_action_panel_shows_its_lines_through_the_translator(qtbot: Any, window: Any) -> None:
    """Every line of the panel goes through the catalogue, but for the engine's own texts
    (a grade's summary, the label's wording of an action)."""
    from interfant_desktop.ui.infusion.infusion_page import InfusionPage
    from tests.ui.test_timeline_fit import NOW, STUDY, _record

    _record(window.backend)  # a CRS grade 3 assessment at 06:30 (the label's action), then grade 1
    workspace = window.open_patient(STUDY)
    workspace.show_page(InfusionPage)
    page = workspace.page(InfusionPage)
    page.now = lambda: NOW
    translator = MarkingTranslator()
    QCoreApplication.installTranslator(translator)
    try:
        page.refresh()
        page.assessments.setCurrentRow(0)
        assert page.picture is not None
        result = page.picture.assessments[0].result
        panel = page.action_panel
        shown = [panel.layout_.itemAt(i).widget() for i in range(panel.layout_.count())]
        heading, crs, icans, seizures = (label.text() for label in shown[:4] if isinstance(label, QLabel))
        assert heading.startswith("⟦Assessment 2026-06-05 06:30 (cycle 1), recorded by "), heading
        assert seizures.startswith("⟦Seizure count: "), seizures
        for grade, line in ((result.crs, crs), (result.icans, icans)):
            assert line == (f"⟦{grade.summary}  (not recorded: {grade.not_recorded_words})⟧"
                            if grade.not_recorded else grade.summary)
        assert panel.cards, "the grade 3 assessment has the label's action"
        engine = {action.text for action in result.actions}
        for card in panel.cards:
            shown = [label.text() for label in card.findChildren(QLabel) if label.text()]
            assert [t for t in shown if "⟦" not in t and t not in engine] == [], shown
    finally:
        QCoreApplication.removeTranslator(translator)
