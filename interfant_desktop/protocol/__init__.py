"""The Interfant-21 rules engine: pure Python, no Qt, no database.

It is the only place where clinical decisions are made. Typical use::

    protocol = load_protocol()
    case = parse_case(json_data, protocol, today)      # raises CaseError(field, problem)
    result = evaluate(case, protocol, today)           # -> Evaluation
    result.to_json()                                   # interfant-evaluation/1

Thresholds, rule wording and sources come from the versioned protocol file in
``resources/protocol/``; every answer carries the rule IDs and sources behind it.
"""

from interfant_desktop.protocol.case import Case, CaseError, parse_case
from interfant_desktop.protocol.evaluation import Evaluation, evaluate
from interfant_desktop.protocol.protocol_file import (
    Protocol,
    ProtocolFileError,
    load_protocol,
    load_protocol_file,
)

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
