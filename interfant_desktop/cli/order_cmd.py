"""``interfant-desktop order CASE.json --cycle N --out FILE.pdf``: a DRAFT order sheet.

Renders the unsigned blinatumomab order of one cycle for a case file, without a
database or a display. Exit 0 when the PDF is written; exit 2 with one line on stderr
when the case is not valid or lacks what the order needs (no weight and height for
that cycle, no start time for the bag schedule, blinatumomab contraindicated, cycle 2
not indicated, risk under review).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
import uuid
from pathlib import Path
from typing import Any

from interfant_desktop.cli import CliError


def register(subparsers: Any) -> None:
    """Add the ``order`` sub-command."""
    parser = subparsers.add_parser(
        "order", help="render the DRAFT blinatumomab order sheet (PDF) of a case file")
    parser.add_argument("case", metavar="CASE.json", help="case file, or - for standard input")
    parser.add_argument("--cycle", type=int, required=True, choices=(1, 2),
                        help="blinatumomab cycle (1 or 2)")
    parser.add_argument("--out", metavar="FILE.pdf", required=True, help="where to write the PDF")
    parser.add_argument("--bag-hours", type=int, default=None,
                        help="bag duration offered by the protocol file (default: the case's "
                             "bag_hours, else the file's default)")
    parser.set_defaults(handler=run, demo_safe=True)  # no database: --demo changes nothing


def _write_atomically(path: Path, data: bytes) -> None:
    """Write via a temporary file in the same folder, so no half-written PDF is left."""
    folder = path.parent if str(path.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=".order-", suffix=".pdf", dir=folder)
    except OSError as exc:
        raise CliError(f"{path}: cannot write the file ({exc.strerror})") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise CliError(f"{path}: cannot write the file ({exc.strerror})") from None


def run(args: argparse.Namespace) -> int:
    """Evaluate the case, build the draft sheet, render and write it."""
    from interfant_desktop.cli.evaluate_cmd import evaluate_case_file
    from interfant_desktop.orders import render_order_pdf
    from interfant_desktop.orders.model import Allergies
    from interfant_desktop.services.order_sheet import OrderNotPossible, build_order_sheet

    out = Path(args.out)
    if out.is_dir():
        raise CliError(f"{out}: is a folder; give a file name such as order.pdf")
    evaluation = evaluate_case_file(args.case)
    case = evaluation.case
    order_id = f"DRAFT-{case.patient.study_id}-C{args.cycle}-{uuid.uuid4().hex[:8].upper()}"
    try:
        # What the file says (case-format.md): null/missing = not recorded, [] = none known.
        known = case.patient.allergies
        allergies = Allergies(recorded=False) if known is None else Allergies(recorded=True, items=known)
        sheet = build_order_sheet(case, evaluation, args.cycle, order_id=order_id,
                                  printed_at=dt.datetime.now().astimezone(),
                                  allergies=allergies, bag_hours=args.bag_hours)
    except OrderNotPossible as exc:
        raise CliError(f"no order for cycle {args.cycle}: {exc}") from None
    _write_atomically(out, render_order_pdf(sheet))
    print(f"wrote draft order {order_id} to {out}", file=sys.stderr)
    return 0
