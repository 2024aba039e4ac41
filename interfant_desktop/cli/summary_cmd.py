"""``interfant-desktop [--db URL] --user U summary STUDY_ID --out FILE.pdf``: the one-page
treatment summary of a stored patient (the path with its dates, the decisions and who made
them, the MRD chart). Producing it is audited. Exit 0 when written; 1 refused (sign-in,
permission); 2 bad input (unknown patient, a folder as ``--out``)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from interfant_desktop.cli import EXIT_OK, CliError, quoted
from interfant_desktop.cli.order_cmd import _write_atomically
from interfant_desktop.cli.store_cmds import _guarded, _open, _out, _sign_in


def register(subparsers: Any) -> None:
    """Add the ``summary`` sub-command."""
    parser = subparsers.add_parser("summary", help="write a patient's one-page treatment summary (PDF)")
    parser.add_argument("study_id", metavar="STUDY_ID")
    parser.add_argument("--out", metavar="FILE.pdf", required=True, help="where to write the PDF")
    parser.set_defaults(handler=_guarded(run))


def run(args: argparse.Namespace) -> int:
    from interfant_desktop.services.treatment_summary import summary_pdf

    out = Path(args.out)
    if out.is_dir():
        raise CliError(f"{out}: is a folder; give a file name such as summary.pdf")
    store = _open(args)
    try:
        user = _sign_in(args, store)
        pdf = summary_pdf(store, user, args.study_id)
    finally:
        store.close()
    _write_atomically(out, pdf)
    _out(f"wrote the treatment summary of {quoted(args.study_id)} to {quoted(str(out))}")
    return EXIT_OK
