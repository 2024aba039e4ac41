"""Headless commands on the store (scriptable; one line on stderr for every refusal).

::

    interfant-desktop [--db URL] init --admin NAME
    interfant-desktop [--db URL] --user NAME import CASE.json [CASE.json ...]
    interfant-desktop [--db URL] --user NAME export STUDY_ID
    interfant-desktop [--db URL] --user NAME users add NAME --role ROLE
    interfant-desktop [--db URL] --user NAME users certify NAME
    interfant-desktop [--db URL] --user NAME backup FILE
    interfant-desktop [--db URL] --user NAME restore FILE
    interfant-desktop [--db URL] --user NAME audit verify

The signing-in password (and the administrator's password for ``init``) comes from
``INTERFANT_PASSWORD`` or a prompt; a new user's password for ``users add`` from
``INTERFANT_NEW_PASSWORD`` or a prompt; ``users add`` and ``users certify`` ask the
administrator's password again (it certifies the user's signing key). ``import``
commits each case on its own and prints ``imported STUDY_ID`` once that commit is
durable; it stops at the first file that cannot be imported (the ones before it stay
imported).

Exit status: 0 done; 1 refused (sign-in, permission, existing study ID, conflict,
broken audit chain, unusable database); 2 bad input (names the file and field).
"""

from __future__ import annotations

import argparse
import functools
import getpass
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from interfant_desktop.cli import EXIT_BAD_INPUT, EXIT_OK, EXIT_REFUSED, CliError

Handler = Callable[[argparse.Namespace], int]


def register(subparsers: Any) -> None:
    """Add ``init``, ``import``, ``export``, ``users``, ``backup``, ``restore``, ``audit``."""
    p = subparsers.add_parser("init", help="create the database and its first administrator")
    p.add_argument("--admin", metavar="NAME", required=True, help="user name of the administrator")
    p.add_argument("--full-name", metavar="TEXT", help="the administrator's full name")
    p.set_defaults(handler=_guarded(run_init))

    p = subparsers.add_parser("import", help="import case files (each committed on its own)")
    p.add_argument("cases", metavar="CASE.json", nargs="+", help="case files")
    p.set_defaults(handler=_guarded(run_import))

    p = subparsers.add_parser("export", help="print a patient's case file")
    p.add_argument("study_id", metavar="STUDY_ID")
    p.set_defaults(handler=_guarded(run_export))

    p = subparsers.add_parser("users", help="manage users (administrators)")
    users = p.add_subparsers(dest="users_command", metavar="ACTION", required=True)
    add = users.add_parser("add", help="add a user (password: INTERFANT_NEW_PASSWORD or prompt)")
    add.add_argument("name", metavar="NAME")
    add.add_argument("--role", required=True,
                     choices=("administrator", "physician", "pharmacist", "nurse",
                              "data_manager"))
    add.add_argument("--full-name", metavar="TEXT")
    add.set_defaults(handler=_guarded(run_users_add))
    certify = users.add_parser("certify", help="certify the signing key an account from an "
                                               "older database made at its first sign-in")
    certify.add_argument("name", metavar="NAME")
    certify.set_defaults(handler=_guarded(run_users_certify))

    p = subparsers.add_parser("backup", help="write a complete backup of the database to FILE")
    p.add_argument("file", metavar="FILE")
    p.set_defaults(handler=_guarded(run_backup))

    p = subparsers.add_parser("restore", help="replace the database's content by a backup")
    p.add_argument("file", metavar="FILE")
    p.set_defaults(handler=_guarded(run_restore))

    p = subparsers.add_parser("audit", help="check the audit trail")
    audit = p.add_subparsers(dest="audit_command", metavar="ACTION", required=True)
    verify = audit.add_parser("verify", help="recompute the hash chain of the audit trail")
    verify.set_defaults(handler=_guarded(run_audit_verify))


def _guarded(handler: Handler) -> Handler:
    """Every failure becomes one line and an exit status: never a traceback."""

    @functools.wraps(handler)
    def run(args: argparse.Namespace) -> int:
        from sqlalchemy.exc import SQLAlchemyError

        from interfant_desktop.services.errors import ServiceError

        try:
            return handler(args)
        except CliError:
            raise
        except ServiceError as exc:
            raise CliError(str(exc), exc.status) from None
        except SQLAlchemyError as exc:
            reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
            raise CliError(f"database error: {reason}", EXIT_REFUSED) from None
        except OSError as exc:
            raise CliError(f"{exc.filename or 'file'}: {exc.strerror or exc}",
                           EXIT_BAD_INPUT) from None
        except Exception as exc:  # last resort: still one line, never a traceback
            raise CliError(f"unexpected error ({exc.__class__.__name__}): {exc}",
                           EXIT_REFUSED) from None

    return run


# --- helpers --------------------------------------------------------------------------------

def _password(env: str, prompt: str, *, confirm: bool = False) -> str:
    value = os.environ.get(env)
    if value:
        return value
    if not sys.stdin.isatty():
        raise CliError(f"no password: set {env} or run the command in a terminal", EXIT_REFUSED)
    first = getpass.getpass(prompt)
    if confirm and getpass.getpass("Repeat the password: ") != first:
        raise CliError("the two passwords differ; nothing was changed", EXIT_BAD_INPUT)
    return first


def _open(args: argparse.Namespace) -> Any:
    from interfant_desktop.services.store_access import open_store

    return open_store(args.db)


def _sign_in(args: argparse.Namespace, store: Any) -> Any:
    from interfant_desktop.services.auth import sign_in

    if not args.user:
        raise CliError(f"--user NAME is required for `{args.command}` "
                       "(give it before the command)", EXIT_BAD_INPUT)
    password = _password("INTERFANT_PASSWORD", f"Password for {args.user}: ")
    return sign_in(store, args.user, password)


def _require(user: Any, permission_name: str) -> None:
    from interfant_desktop.services.permissions import Permission, require

    require(user, Permission[permission_name])


def _read_json(path: str) -> Any:
    try:
        with open(path, "rb") as fh:
            raw = fh.read()
    except OSError as exc:
        raise CliError(f"{path}: cannot read the file ({exc.strerror})") from None
    try:
        return json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise CliError(f"{path}: (case): not UTF-8 text") from None
    except (ValueError, RecursionError) as exc:
        message = exc.msg if isinstance(exc, json.JSONDecodeError) else "not valid JSON"
        raise CliError(f"{path}: (case): not valid JSON: {message}") from None


def _out(text: str) -> None:
    """UTF-8 on stdout whatever the locale (names may be in any script), flushed."""
    sys.stdout.buffer.write((text + "\n").encode("utf-8"))
    sys.stdout.buffer.flush()


# --- commands -------------------------------------------------------------------------------

def run_init(args: argparse.Namespace) -> int:
    from interfant_desktop.services.auth import create_first_administrator

    store = _open(args)
    try:
        password = _password("INTERFANT_PASSWORD", f"New password for {args.admin}: ",
                             confirm=True)
        admin = create_first_administrator(store, args.admin, password, args.full_name)
        _out(f"initialised {store.describe()} with administrator {admin.username}")
    finally:
        store.close()
    return EXIT_OK


def run_import(args: argparse.Namespace) -> int:
    from interfant_desktop.services.patients import import_case

    store = _open(args)
    try:
        user = _sign_in(args, store)
        _require(user, "IMPORT")
        for path in args.cases:
            data = _read_json(path)
            record = import_case(store, user, data, source=path)
            # import_case returns after COMMIT (synchronous=FULL / fsync): durable now.
            _out(f"imported {record.study_id}")
    finally:
        store.close()
    return EXIT_OK


def run_export(args: argparse.Namespace) -> int:
    from interfant_desktop.services.patients import export_case

    store = _open(args)
    try:
        user = _sign_in(args, store)
        case = export_case(store, user, args.study_id)
    finally:
        store.close()
    _out(json.dumps(case, ensure_ascii=False, indent=2))
    return EXIT_OK


def run_users_add(args: argparse.Namespace) -> int:
    from interfant_desktop.services.users import add_user

    store = _open(args)
    try:
        admin = _sign_in(args, store)
        _require(admin, "MANAGE_USERS")
        password = _password("INTERFANT_NEW_PASSWORD", f"Password for the new user {args.name}: ",
                             confirm=True)
        again = _password("INTERFANT_PASSWORD", f"Password of {args.user} again, to certify "
                          f"{args.name}'s signing key: ")
        user = add_user(store, admin, args.name, args.role, password, args.full_name,
                        admin_password=again)
        _out(f"added user {user.username} ({user.role.replace('_', ' ')})")
    finally:
        store.close()
    return EXIT_OK


def run_users_certify(args: argparse.Namespace) -> int:
    from interfant_desktop.services.users import certify_key

    store = _open(args)
    try:
        admin = _sign_in(args, store)
        _require(admin, "MANAGE_USERS")
        again = _password("INTERFANT_PASSWORD", f"Password of {args.user} again, to certify "
                          f"{args.name}'s signing key: ")
        fingerprint = certify_key(store, admin, args.name, admin_password=again)
        _out(f"certified the signing key of {args.name} (fingerprint {fingerprint})")
    finally:
        store.close()
    return EXIT_OK


def run_backup(args: argparse.Namespace) -> int:
    from interfant_desktop.services.backup import backup_database

    store = _open(args)
    try:
        user = _sign_in(args, store)
        info = backup_database(store, user, Path(args.file))
        _out(f"backup written to {info.path} ({info.patients} patients, "
             f"{info.rows.get('audit_events', 0)} audit events)")
    finally:
        store.close()
    return EXIT_OK


def run_restore(args: argparse.Namespace) -> int:
    from interfant_desktop.services.backup import restore_database

    store = _open(args)
    try:
        user = _sign_in(args, store)
        info = restore_database(store, user, Path(args.file))
        _out(f"restored {info.patients} patients from {info.path}; the previous content "
             f"was saved to {info.safety_copy}")
    finally:
        store.close()
    return EXIT_OK


def run_audit_verify(args: argparse.Namespace) -> int:
    from interfant_desktop.services.audit import verify_audit

    store = _open(args)
    try:
        user = _sign_in(args, store)
        report = verify_audit(store, user)
    finally:
        store.close()
    if report.ok:
        _out(f"audit trail intact: {report.events} events, hash chain verified")
        return EXIT_OK
    for problem in report.problems[1:]:
        _out(f"also: {problem}")
    more = f" (and {len(report.problems) - 1} more, listed above)" if len(report.problems) > 1 \
        else ""
    raise CliError(f"audit trail BROKEN: {report.problems[0]}{more}", EXIT_REFUSED)
