"""The engine package's public names load their module on first use (issue 10): each
name is the one its module defines, and importing the package loads none of them."""

from __future__ import annotations

import importlib
import subprocess
import sys

import pytest

import interfant_desktop.protocol as engine
from tests.conftest import REPO


def test_every_public_name_is_its_module_s_object() -> None:
    assert sorted(engine._MODULE_OF) == sorted(engine.__all__)
    for name, module in engine._MODULE_OF.items():
        defined = importlib.import_module(f"interfant_desktop.protocol.{module}")
        assert getattr(engine, name) is getattr(defined, name), name


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'evaluate_all'"):
        engine.evaluate_all  # noqa: B018


def test_the_case_module_keeps_the_text_rule_and_its_error() -> None:
    from interfant_desktop.protocol import case, text_rule

    assert case.CaseError is text_rule.CaseError and case.clean_text is text_rule.clean_text
    with pytest.raises(case.CaseError, match=r"patient\.name: holds an invisible or control"):
        case.clean_text("Anna\u202eBakker", "patient.name")


def test_importing_the_package_or_the_text_rule_loads_no_engine_module() -> None:
    code = ("import sys\n"
            "import interfant_desktop.protocol.text_rule\n"
            "print(sorted(m for m in sys.modules if m.startswith('interfant_desktop.protocol.')))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=REPO, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "['interfant_desktop.protocol.text_rule']"
