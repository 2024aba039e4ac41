"""``interfant-desktop evaluate CASE.json`` (or ``-`` for standard input).

Prints the evaluation as JSON on stdout and exits 0; for a file that is not a valid
case, exits 2 with one line on stderr naming the field and the problem, and prints
nothing on stdout. Needs no display and no database.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from typing import TYPE_CHECKING, Any

from interfant_desktop.cli import CliError

if TYPE_CHECKING:
    from interfant_desktop.protocol import Evaluation


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("evaluate", help="evaluate a case file and print the result as JSON")
    parser.add_argument("case", metavar="CASE.json", help="case file, or - for standard input")
    parser.set_defaults(handler=run, demo_safe=True)  # no database: --demo changes nothing


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def read_case_json(source: str) -> Any:
    """Decode a case file (or stdin for ``-``); a one-line CliError if it is not JSON."""
    label = "standard input" if source == "-" else source
    try:
        if source == "-":
            raw = sys.stdin.buffer.read()
        else:
            with open(source, "rb") as fh:
                raw = fh.read()
    except OSError as exc:
        raise CliError(f"{label}: cannot read the file ({exc.strerror})") from None
    try:
        return json.loads(raw.decode("utf-8-sig"), parse_constant=_reject_constant)
    except UnicodeDecodeError:
        raise CliError(f"{label}: (case): not UTF-8 text") from None
    except (ValueError, RecursionError) as exc:
        message = exc.msg if isinstance(exc, json.JSONDecodeError) else str(exc) or "too deeply nested"
        where = f" at line {exc.lineno} column {exc.colno}" if isinstance(exc, json.JSONDecodeError) else ""
        raise CliError(f"{label}: (case): not valid JSON: {message}{where}") from None


def evaluate_case_file(source: str) -> Evaluation:
    """Read, validate and evaluate a case file (or ``-``); a one-line CliError if invalid."""
    from interfant_desktop.protocol import CaseError, evaluate, load_protocol, parse_case

    data = read_case_json(source)
    protocol = load_protocol()
    today = dt.date.today()
    try:
        case = parse_case(data, protocol, today)
    except CaseError as exc:
        raise CliError(str(exc)) from None
    return evaluate(case, protocol, today)


def run(args: argparse.Namespace) -> int:
    result = evaluate_case_file(args.case).to_json()
    sys.stdout.write(json.dumps(result, ensure_ascii=False, indent=2) + "\n")
    return 0
