"""``export``: trial data out (ODM, FHIR, CSV) and the case file, for one patient, several,
or the whole site::

    interfant-desktop [--db URL] --user NAME export (STUDY_ID ... | --all)
        [--format odm|fhir|csv|case] [--identified] [--out PATH]

``odm`` one ODM 1.3.2 file; ``fhir`` one FHIR R4 Bundle (``collection``); ``csv`` a
folder with the tables and ``data_dictionary.csv`` (``--out`` required); ``case`` (the
default) the case file as before: one patient's file on standard output or in PATH,
several patients as a JSON list on standard output or one ``STUDY_ID.case.json`` each in
the folder PATH. ``odm``, ``fhir`` and ``csv`` are pseudonymised unless ``--identified``
(data managers and administrators); every export is recorded in the audit trail, and
the ODM file and the FHIR Bundle carry the audit chain head of that event inside them
(``audit verify --anchors FILE`` reads it), also on standard output.
Without ``--out``, ``odm``, ``fhir`` and ``case`` write to standard output.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from interfant_desktop.cli import EXIT_BAD_INPUT, EXIT_OK, CliError
from interfant_desktop.cli.store_cmds import _guarded, _out, _signed_in

FORMATS = ("odm", "fhir", "csv", "case")


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "export", help="export patients: ODM, FHIR, CSV (pseudonymised by default) or case files")
    p.add_argument("study_ids", metavar="STUDY_ID", nargs="*", help="patients to export")
    p.add_argument("--all", action="store_true", help="export every patient of the site")
    p.add_argument("--format", choices=FORMATS, default="case",
                   help="odm, fhir, csv or case (default: case, the case file as before)")
    p.add_argument("--identified", action="store_true",
                   help="keep names, hospital numbers and real dates (recorded in the audit trail)")
    p.add_argument("--out", metavar="PATH", help="file (odm, fhir, one case) or folder (csv, cases)")
    p.set_defaults(handler=_guarded(run_export))


def _check_arguments(args: argparse.Namespace) -> None:
    if args.all and args.study_ids:
        raise CliError("export: give STUDY_IDs or --all, not both", EXIT_BAD_INPUT)
    if not args.all and not args.study_ids:
        raise CliError("export: give at least one STUDY_ID, or --all", EXIT_BAD_INPUT)
    if args.format == "csv" and not args.out:
        raise CliError("export: --format csv writes a folder of tables: give --out FOLDER",
                       EXIT_BAD_INPUT)
    if args.identified and args.format == "case":
        raise CliError("export: a case file always holds the complete record; --identified "
                       "is for odm, fhir and csv", EXIT_BAD_INPUT)


def run_export(args: argparse.Namespace) -> int:
    from interfant_desktop.services.trial_export import ExportFormat, export_trial_data, save_export

    _check_arguments(args)
    with _signed_in(args) as (store, user):
        output = export_trial_data(store, user, None if args.all else args.study_ids,
                                   ExportFormat(args.format), identified=args.identified)
    if not args.out:
        if args.format == "case" and (len(output.files) > 1 or args.all):
            cases = [json.loads(content) for content in output.files.values()]
            _out(json.dumps(cases, ensure_ascii=False, indent=2))
        else:
            for content in output.files.values():
                sys.stdout.buffer.write(content)
            sys.stdout.buffer.flush()
        return EXIT_OK
    target = Path(args.out)
    written = save_export(output, target)
    kind = "identified" if output.identified else "pseudonymised"
    inside = "inside the export and " if args.format in ("odm", "fhir") else ""
    _out(f"exported {len(output.study_ids)} patient(s) as {args.format} ({kind}) to {target}; "
         f"audit event {output.audit_seq}; the chain head is anchored {inside}in {written[-1]}")
    return EXIT_OK
