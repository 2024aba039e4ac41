"""The Interfant-21 rules engine: pure Python, no Qt, no database.

It is the only place where clinical decisions are made. Typical use::

    protocol = load_protocol()
    case = parse_case(json_data, protocol, today)      # raises CaseError(field, problem)
    result = evaluate(case, protocol, today)           # -> Evaluation
    result.to_json()                                   # interfant-evaluation/1

Thresholds, rule wording and sources come from the versioned protocol file in
``resources/protocol/``; every answer carries the rule IDs and sources behind it.

The names above load their module on first use (PEP 562 ``__getattr__``), not when
the package is imported: importing one small module of the engine (the sign-in's text
rule, :mod:`.text_rule`) must not load the whole engine (issue 10).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from interfant_desktop.protocol.case import Case, CaseError, parse_case
    from interfant_desktop.protocol.evaluation import Evaluation, evaluate
    from interfant_desktop.protocol.protocol_file import (
        Protocol,
        ProtocolFileError,
        load_protocol,
        load_protocol_file,
    )

#: Each public name and the engine module that defines it.
_MODULE_OF = {
    "Case": "case", "CaseError": "case", "parse_case": "case",
    "Evaluation": "evaluation", "evaluate": "evaluation",
    "Protocol": "protocol_file", "ProtocolFileError": "protocol_file",
    "load_protocol": "protocol_file", "load_protocol_file": "protocol_file",
}

__all__ = [
    "Case",
    "CaseError",
    "Evaluation",
    "Protocol",
    "ProtocolFileError",
    "evaluate",
    "load_protocol",
    "load_protocol_file",
    "parse_case",
]


def __getattr__(name: str) -> Any:
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value  # (found directly from now on)
    return value
