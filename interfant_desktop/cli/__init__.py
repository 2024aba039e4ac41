"""The ``interfant-desktop`` command: the GUI launcher and the headless sub-commands.

Each sub-command lives in its own module here and registers itself through
``register(subparsers)``; ``main`` dispatches. With no sub-command the GUI starts.
Exit status: 0 success, 1 refused (authentication, permission, conflict), 2 bad input.
"""

from __future__ import annotations

import argparse
import gc
import sys
from collections.abc import Sequence
from typing import NoReturn

from interfant_desktop import __version__

EXIT_OK, EXIT_REFUSED, EXIT_BAD_INPUT = 0, 1, 2


class CliError(Exception):
    """A one-line message for stderr with its exit status (1 refused, 2 bad input)."""

    def __init__(self, message: str, status: int = EXIT_BAD_INPUT) -> None:
        super().__init__(message)
        self.status = status


def one_line(text: str) -> str:
    """``text`` safe to print as one line on any terminal: control and invisible characters
    and anything that is not valid Unicode are shown as escapes (``\\n``, ``\\u202e``),
    so no input can start a fake line or hide what it says."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else c.encode("unicode_escape", "backslashreplace").decode("ascii")
                   for c in text)


def quoted(value: str) -> str:
    """A value from the data, quoted for a line of CLI output (``imported "PUB-01"``):
    where it starts and ends is plain, and nothing in it can start another line."""
    return '"' + one_line(value.replace("\\", "\\\\").replace('"', '\\"')) + '"'


def _command_modules() -> list[object]:
    # Imported lazily so `evaluate` starts without loading Qt or SQLAlchemy.
    from interfant_desktop.cli import (
        evaluate_cmd,
        export_cmd,
        order_cmd,
        orders_cmd,
        store_cmds,
        summary_cmd,
    )

    return [evaluate_cmd, store_cmds, export_cmd, order_cmd, orders_cmd, summary_cmd]


class _MoreThanTheApp(Exception):
    """The arguments are not only the app's own options (see :func:`parse_arguments`)."""


class _AppOptionsParser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise _MoreThanTheApp(message)


def build_parser(with_commands: bool = True) -> argparse.ArgumentParser:
    """The whole command line; without ``with_commands`` only the app's own options (no
    help, and a parse error raises :class:`_MoreThanTheApp`)."""
    parser = (argparse.ArgumentParser if with_commands else _AppOptionsParser)(
        prog="interfant-desktop",
        description="Interfant-21 bedside decision support. Without a command, starts the app.",
        add_help=with_commands,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--db", metavar="URL",
                        help="database URL (default: SQLite in the user data folder; "
                             "or INTERFANT_DB), e.g. postgresql+psycopg://host/db")
    parser.add_argument("--user", metavar="NAME",
                        help="sign in as NAME; the password comes from INTERFANT_PASSWORD or a prompt")
    parser.add_argument("--demo", action="store_true",
                        help="open a training database of fictitious patients")
    parser.add_argument("--exit-when-ready", action="store_true",
                        help="exit 0 once the main window and the patient list are shown")
    parser.add_argument("--smoke-test", action="store_true",
                        help="check the installation end to end in a temporary folder and exit")
    if with_commands:
        subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
        for module in _command_modules():
            module.register(subparsers)  # type: ignore[attr-defined]
    return parser


def parse_arguments(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """The parsed command line. Starting the app (only its own options, no command) loads
    none of the command modules, which the window would wait for; anything else (a
    command, ``--help``, a mistake) is parsed, or refused, by the whole parser."""
    try:
        args, rest = build_parser(with_commands=False).parse_known_args(argv)
    except _MoreThanTheApp:
        rest = ["(not only the app's options)"]
    if rest:
        return build_parser().parse_args(argv)
    args.command = None
    return args


def main(argv: Sequence[str] | None = None) -> int:
    from interfant_desktop.private_files import restrict_new_files

    restrict_new_files()  # patient data: every file this process creates is owner-only
    args = parse_arguments(argv)
    try:
        if args.command is None:
            return _launch_app(args)
        _refuse_demo(args)
        status: int = args.handler(args)
        return status
    except CliError as exc:
        print(f"interfant-desktop: {one_line(str(exc))}", file=sys.stderr)
        return exc.status
    except KeyboardInterrupt:
        print("interfant-desktop: interrupted", file=sys.stderr)
        return 130


def _refuse_demo(args: argparse.Namespace) -> None:
    """``--demo`` means the GUI's training database. A command that reads or writes a
    database would use the clinical one instead, so it is refused before anything
    opens; only commands that declare ``demo_safe`` (no database at all) accept it."""
    if args.demo and not getattr(args, "demo_safe", False):
        raise CliError(f"--demo opens the training database of the app only; `{args.command}` "
                       "would use the clinical database, so nothing was done "
                       "(leave out --demo, or give --db a training database)", EXIT_BAD_INPUT)


def _launch_app(args: argparse.Namespace) -> int:
    if args.smoke_test:
        from interfant_desktop.smoke_test import run_smoke_test

        return int(run_smoke_test(args))
    # The GUI thread's collector (ui/gui_gc.py) switches Python's automatic collection off
    # once the application exists; off from here already, so that loading Qt and the
    # window's code (which lives as long as the app) is not scanned as well (~6 ms).
    gc.disable()
    from interfant_desktop.ui.app import run_app

    return int(run_app(args))
