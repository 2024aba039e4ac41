"""``interfant-desktop evaluate CASE.json`` (or ``-`` for standard input).

Prints the evaluation as JSON on stdout and exits 0; for a file that is not a valid
case, exits 2 with one line on stderr naming the field and the problem, and prints
nothing on stdout. Needs no display and no database.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from typing import TYPE_CHECKING, Any

from interfant_desktop.cli import CliError

if TYPE_CHECKING:
    from interfant_desktop.protocol import Evaluation


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("evaluate", help="evaluate a case file and print the result as JSON")
    parser.add_argument("case", metavar="CASE.json", help="case file, or - for standard input")
    parser.set_defaults(handler=run, demo_safe=True)  # no database: --demo changes nothing


def read_case_json(source: str) -> Any:
    """Read a case file (or stdin for ``-``) and decode it with the engine's one strict
    reader (duplicate keys, lone surrogates, deep nesting, size: D12); a one-line
    CliError naming the file and the field if it is refused."""
    from interfant_desktop.protocol.case import CaseError
    from interfant_desktop.protocol.case_json import decode_case_json

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
        return decode_case_json(raw)
    except CaseError as exc:
        raise CliError(f"{label}: {exc}") from None


def evaluate_case_file(source: str) -> Evaluation:
    """Read, validate and evaluate a case file (or ``-``); a one-line CliError if invalid."""
    from interfant_desktop.protocol import CaseError, evaluate, load_protocol, parse_case
    from interfant_desktop.site import SiteSettingError, study_id_pattern

    data = read_case_json(source)
    protocol = load_protocol()
    today = dt.date.today()  # the machine's local date (D12: up to the next day is not "future")
    try:
        case = parse_case(data, protocol, today, study_id_pattern())
    except (CaseError, SiteSettingError) as exc:
        raise CliError(str(exc)) from None
    return evaluate(case, protocol, today)


def run(args: argparse.Namespace) -> int:
    from interfant_desktop.protocol.answer_text import answer_bytes

    result = evaluate_case_file(args.case).to_json()
    # UTF-8 whatever the locale; every string in the answer is valid Unicode (D12).
    data = answer_bytes(result, indent=True, newline=True)
    stream = getattr(sys.stdout, "buffer", None)
    if stream is None:  # a text-only stdout (an embedding host): the same text
        sys.stdout.write(data.decode("utf-8"))
    else:  # the bytes as they are, after anything already written as text
        sys.stdout.flush()
        stream.write(data)
        stream.flush()
    return 0
