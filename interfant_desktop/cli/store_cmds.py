"""Headless commands on the store (scriptable; one line on stderr for every refusal).

::

    interfant-desktop [--db URL] init --admin NAME [--per-user-roles]
    interfant-desktop [--db URL] --user NAME import CASE.json [CASE.json ...]
    interfant-desktop [--db URL] --user NAME users add NAME --role ROLE
    interfant-desktop [--db URL] --user NAME users unlock NAME
    interfant-desktop [--db URL] --user NAME users certify NAME
    interfant-desktop [--db URL] --user NAME users pin-root FINGERPRINT   (after a recovery)
    interfant-desktop [--db URL] users recover NAME      (break-glass, see below)
    interfant-desktop [--db URL] --user NAME backup FILE [--force] [--key-file K | --passphrase]
    interfant-desktop [--db URL] --user NAME restore FILE [--key-file K | --passphrase]
    interfant-desktop backup-key KEYFILE
    interfant-desktop [--db URL] --user NAME audit verify [--anchors FILE ...]

The signing-in password (and the administrator's password for ``init``) comes from
``INTERFANT_PASSWORD`` or a prompt; a new user's password for ``users add`` from
``INTERFANT_NEW_PASSWORD`` or a prompt; ``users add`` and ``users certify`` ask the
administrator's password again (it certifies the user's signing key). ``users recover``
signs nobody in: it needs the recovery file that only the operating-system user of the
data folder can write (:mod:`interfant_desktop.services.recovery`). After ``init`` and
the ``users`` commands, a site with fewer than two active administrators gets a warning
on stderr. ``--demo`` (the GUI's training database) is refused by every command here:
they would act on the clinical database. ``import`` commits each case on its own and
prints ``imported STUDY_ID`` once that commit is durable; it stops at the first file
that cannot be imported (the ones before it stay imported).

Exit status: 0 done; 1 refused (sign-in, permission, existing study ID, conflict,
broken audit chain, unusable database); 2 bad input (names the file and field).
"""

from __future__ import annotations

import argparse
import functools
import getpass
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from interfant_desktop.cli import EXIT_BAD_INPUT, EXIT_OK, EXIT_REFUSED, CliError, quoted

Handler = Callable[[argparse.Namespace], int]


def register(subparsers: Any) -> None:
    """Add ``init``, ``import``, ``users``, ``backup``, ``restore``, ``audit``, ``preparation``
    (``export`` is :mod:`interfant_desktop.cli.export_cmd`)."""
    p = subparsers.add_parser("init", help="create the database and its first administrator")
    p.add_argument("--admin", metavar="NAME", required=True, help="user name of the administrator")
    p.add_argument("--full-name", metavar="TEXT", help="the administrator's full name")
    p.add_argument("--per-user-roles", action="store_true",
                   help="PostgreSQL: create the group roles and grants, and the "
                        "administrator's own login role (run as the schema owner)")
    p.set_defaults(handler=_guarded(run_init))

    p = subparsers.add_parser("import", help="import case files (each committed on its own)")
    p.add_argument("cases", metavar="CASE.json", nargs="+", help="case files")
    p.set_defaults(handler=_guarded(run_import))

    p = subparsers.add_parser("users", help="manage users (administrators)")
    users = p.add_subparsers(dest="users_command", metavar="ACTION", required=True)
    add = users.add_parser("add", help="add a user (password: INTERFANT_NEW_PASSWORD or prompt)")
    add.add_argument("name", metavar="NAME")
    add.add_argument("--role", required=True,
                     choices=("administrator", "physician", "pharmacist", "nurse",
                              "data_manager"))
    add.add_argument("--full-name", metavar="TEXT")
    add.set_defaults(handler=_guarded(run_users_add))
    unlock = users.add_parser("unlock", help="unlock an account locked after wrong passwords")
    unlock.add_argument("name", metavar="NAME")
    unlock.set_defaults(handler=_guarded(run_users_unlock))
    recover = users.add_parser(
        "recover", help="break-glass: reset or create an administrator using the recovery "
                        "file in the data folder (no sign-in; password: INTERFANT_NEW_PASSWORD "
                        "or prompt)")
    recover.add_argument("name", metavar="NAME")
    recover.set_defaults(handler=_guarded(run_users_recover))
    grants = users.add_parser("grants", help="PostgreSQL: re-apply the group roles' grants "
                                             "(with the schema owner's URL)")
    grants.set_defaults(handler=_guarded(run_users_grants))
    certify = users.add_parser("certify", help="certify the signing key an account from an "
                                               "older database made at its first sign-in")
    certify.add_argument("name", metavar="NAME")
    certify.set_defaults(handler=_guarded(run_users_certify))
    pin = users.add_parser(
        "pin-root", help="after a break-glass recovery on another workstation: trust its new "
                         "root key on this one (type the fingerprint the recovery printed)")
    pin.add_argument("fingerprint", metavar="FINGERPRINT",
                     help="the 64 hexadecimal digits, with or without spaces (quote them)")
    pin.set_defaults(handler=_guarded(run_users_pin_root))

    for name, text_ in (("backup", "write a complete, signed backup of the database to FILE"),
                        ("restore", "replace the database's content by a backup (the audit "
                                    "trail is kept)")):
        p = subparsers.add_parser(name, help=text_)
        p.add_argument("file", metavar="FILE")
        p.add_argument("--key-file", metavar="KEYFILE",
                       help="encrypt/decrypt with this backup key file (default: "
                            "INTERFANT_BACKUP_KEY_FILE)")
        p.add_argument("--passphrase", action="store_true",
                       help="encrypt/decrypt with a passphrase (INTERFANT_BACKUP_PASSPHRASE "
                            "or a prompt)")
        if name == "backup":
            p.add_argument("--force", action="store_true", help="replace an existing FILE")
            p.set_defaults(handler=_guarded(run_backup))
        else:
            p.set_defaults(handler=_guarded(run_restore))

    p = subparsers.add_parser("backup-key", help="create a backup key file (for scheduled, "
                                                 "encrypted backups)")
    p.add_argument("file", metavar="KEYFILE")
    p.set_defaults(handler=_guarded(run_backup_key))

    p = subparsers.add_parser("audit", help="check the audit trail")
    audit = p.add_subparsers(dest="audit_command", metavar="ACTION", required=True)
    verify = audit.add_parser("verify", help="recompute the hash chain of the audit trail")
    verify.add_argument("--anchors", nargs="+", default=[], metavar="FILE",
                        help="backups, ODM and FHIR exports (the head is inside them) and "
                             "the audit-anchor.json of other exports, kept elsewhere: "
                             "the database must still reach the chain head each one recorded")
    verify.set_defaults(handler=_guarded(run_audit_verify))

    p = subparsers.add_parser("preparation",
                              help="the bag preparation figures of this site (pharmacists)")
    prep = p.add_subparsers(dest="preparation_command", metavar="ACTION", required=True)
    for action, text in (("show", "say whether the figures are confirmed for this site"),
                         ("confirm", "confirm the protocol file's figures against the label"),
                         ("withdraw", "withdraw the confirmation (a reason is required)")):
        sub = prep.add_parser(action, help=text)
        if action != "show":
            sub.add_argument("--reason", metavar="TEXT", required=action == "withdraw")
        sub.set_defaults(handler=_guarded(run_preparation), preparation_command=action)


def _guarded(handler: Handler) -> Handler:
    """Every failure becomes one line and an exit status: never a traceback."""

    @functools.wraps(handler)
    def run(args: argparse.Namespace) -> int:
        from sqlalchemy.exc import SQLAlchemyError

        from interfant_desktop.services.errors import ServiceError
        from interfant_desktop.store.integrity import DAMAGED_MESSAGE, is_damage_error

        try:
            return handler(args)
        except CliError:
            raise
        except ServiceError as exc:
            raise CliError(str(exc), exc.status) from None
        except SQLAlchemyError as exc:
            if is_damage_error(exc) or _database_damaged(args):
                raise CliError(DAMAGED_MESSAGE, EXIT_REFUSED) from None
            reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
            raise CliError(f"database error: {reason}", EXIT_REFUSED) from None
        except OSError as exc:
            raise CliError(f"{exc.filename or 'file'}: {exc.strerror or exc}",
                           EXIT_BAD_INPUT) from None
        except Exception as exc:  # last resort: still one line, never a traceback
            if _database_damaged(args):  # damaged cells read back as odd types
                raise CliError(DAMAGED_MESSAGE, EXIT_REFUSED) from None
            # Not the error's text: it can quote stored values (patient data).
            raise CliError(f"unexpected error ({exc.__class__.__name__}); nothing more is "
                           "shown because the message could contain patient data",
                           EXIT_REFUSED) from None

    return run


def _database_damaged(args: argparse.Namespace) -> bool:
    """After an unexpected failure: does the SQLite file fail its integrity check?"""
    from interfant_desktop.store.db import make_engine, resolve_url, sqlite_path
    from interfant_desktop.store.integrity import check_integrity

    url = resolve_url(args.db)
    path = sqlite_path(url)
    if path is None or not path.is_file():
        return False
    engine = make_engine(url)
    try:
        return not check_integrity(engine).ok
    except Exception:  # the check itself failing says nothing more
        return False
    finally:
        engine.dispose()


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


def _user_password(args: argparse.Namespace) -> str:
    """The signing-in user's password, asked once per command."""
    if not args.user:
        raise CliError(f"--user NAME is required for `{args.command}` "
                       "(give it before the command)", EXIT_BAD_INPUT)
    if getattr(args, "_password", None) is None:
        args._password = _password("INTERFANT_PASSWORD", f"Password for {args.user}: ")
    password: str = args._password
    return password


def _open(args: argparse.Namespace, *, as_user: bool = True) -> Any:
    """Open the database; a PostgreSQL URL without a user name is opened as the signing-in
    user's own login role (see ``store.pg_roles``)."""
    from interfant_desktop.services.store_access import open_store
    from interfant_desktop.store.db import login_url, resolve_url

    url = resolve_url(args.db)
    if as_user and args.user and url.startswith("postgresql"):
        url = login_url(url, args.user, _user_password(args))
    return open_store(url)


def _sign_in(args: argparse.Namespace, store: Any) -> Any:
    """Sign in; with a temporary password (set by an administrator) the user's own new
    password comes from INTERFANT_NEW_PASSWORD or a prompt, and replaces it first."""
    from interfant_desktop.services.auth import sign_in
    from interfant_desktop.services.errors import PasswordChangeRequired
    from interfant_desktop.services.users import change_temporary_password

    password = _user_password(args)
    try:
        return sign_in(store, args.user, password)
    except PasswordChangeRequired as exc:
        if not os.environ.get("INTERFANT_NEW_PASSWORD") and not sys.stdin.isatty():
            raise CliError(f"{exc}: set INTERFANT_NEW_PASSWORD to your own password (and "
                           "INTERFANT_PASSWORD to the temporary one), or run the command in a "
                           "terminal", EXIT_REFUSED) from None
        new = _password("INTERFANT_NEW_PASSWORD", f"Your own new password for {args.user}: ",
                        confirm=True)
        user = change_temporary_password(store, args.user, password, new)
        args._password = new  # later checks in this command (e.g. signing) use the new one
        print(f"interfant-desktop: the temporary password of {args.user} was replaced by "
              "your own", file=sys.stderr)
        return user


@contextmanager
def _signed_in(args: argparse.Namespace) -> Iterator[tuple[Any, Any]]:
    """The database opened and ``--user`` signed in, for one command; closed afterwards."""
    store = _open(args)
    try:
        yield store, _sign_in(args, store)
    finally:
        store.close()


def _backup_key(args: argparse.Namespace, *, creating: bool) -> Any:
    """The backup key: ``--key-file`` (or INTERFANT_BACKUP_KEY_FILE), or ``--passphrase``
    (INTERFANT_BACKUP_PASSPHRASE or a prompt); None for an unencrypted backup."""
    from interfant_desktop.services.backup_crypto import BackupKey, default_key, read_key_file

    if args.key_file:
        return read_key_file(Path(args.key_file))
    if args.passphrase:
        return BackupKey(passphrase=_password("INTERFANT_BACKUP_PASSPHRASE",
                                              "Backup passphrase: ", confirm=creating))
    return default_key()


def _require(user: Any, permission_name: str) -> None:
    from interfant_desktop.services.permissions import Permission, require

    require(user, Permission[permission_name])


def _read_json(path: str) -> Any:
    """A case file, decoded by the one strict reader that ``evaluate`` uses too."""
    from interfant_desktop.cli.evaluate_cmd import read_case_json

    return read_case_json(path)


def _out(text: str) -> None:
    """UTF-8 on stdout whatever the locale (names may be in any script), flushed."""
    sys.stdout.buffer.write((text + "\n").encode("utf-8"))
    sys.stdout.buffer.flush()


# --- commands -------------------------------------------------------------------------------

def run_init(args: argparse.Namespace) -> int:
    from interfant_desktop.services.auth import create_first_administrator

    store = _open(args, as_user=False)
    try:
        if args.per_user_roles and store.is_sqlite:
            raise CliError("--per-user-roles is for PostgreSQL databases", EXIT_BAD_INPUT)
        password = _password("INTERFANT_PASSWORD", f"New password for {args.admin}: ",
                             confirm=True)
        admin = create_first_administrator(store, args.admin, password, args.full_name)
        if args.per_user_roles:
            from interfant_desktop.services.users import install_login_roles

            install_login_roles(store, admin.username, password)
        _out(f"initialised {store.describe()} with administrator {quoted(admin.username)}"
             + (" (per-user PostgreSQL login roles)" if args.per_user_roles else ""))
        _warn_few_administrators(store, admin)
    finally:
        store.close()
    return EXIT_OK


def run_import(args: argparse.Namespace) -> int:
    from interfant_desktop.services.patients import import_case

    with _signed_in(args) as (store, user):
        _require(user, "IMPORT")
        for path in args.cases:
            data = _read_json(path)
            record = import_case(store, user, data, source=path)
            # import_case returns after COMMIT (synchronous=FULL / fsync): durable now.
            _out(f"imported {quoted(record.study_id)}")
    return EXIT_OK


def run_users_add(args: argparse.Namespace) -> int:
    from interfant_desktop.services.users import add_user

    with _signed_in(args) as (store, admin):
        _require(admin, "MANAGE_USERS")
        password = _password("INTERFANT_NEW_PASSWORD", f"Password for the new user {args.name}: ",
                             confirm=True)
        again = _password("INTERFANT_PASSWORD", f"Password of {args.user} again, to certify "
                          f"{args.name}'s signing key: ")
        user = add_user(store, admin, args.name, args.role, password, args.full_name,
                        admin_password=again)
        _out(f"added user {quoted(user.username)} ({user.role.replace('_', ' ')})")
        _warn_few_administrators(store, admin)
    return EXIT_OK


def run_users_unlock(args: argparse.Namespace) -> int:
    from interfant_desktop.services.users import unlock_user

    with _signed_in(args) as (store, admin):
        unlock_user(store, admin, args.name)
        _out(f"unlocked user {quoted(args.name)}")
        _warn_few_administrators(store, admin)
    return EXIT_OK


def run_users_certify(args: argparse.Namespace) -> int:
    from interfant_desktop.services.users import certify_key

    with _signed_in(args) as (store, admin):
        _require(admin, "MANAGE_USERS")
        again = _password("INTERFANT_PASSWORD", f"Password of {args.user} again, to certify "
                          f"{args.name}'s signing key: ")
        fingerprint = certify_key(store, admin, args.name, admin_password=again)
        _out(f"certified the signing key of {quoted(args.name)} (fingerprint {fingerprint})")
    return EXIT_OK


def run_users_pin_root(args: argparse.Namespace) -> int:
    from interfant_desktop.services.signing_keys import normal_fingerprint, pin_recovered_root

    normal_fingerprint(args.fingerprint)  # a typing error before any password is asked
    with _signed_in(args) as (store, admin):
        _require(admin, "MANAGE_USERS")
        again = _password("INTERFANT_PASSWORD", f"Password of {args.user} again, to trust "
                          "this root key on this workstation: ")
        pinned = pin_recovered_root(store, admin, args.fingerprint, admin_password=again)
        _out(f"this workstation now trusts the root key {pinned.fingerprint} of "
             f"{pinned.owner} (made by the break-glass recovery, audit event "
             f"{pinned.recovery_event}); the audit trail records it")
    return EXIT_OK


def run_users_grants(args: argparse.Namespace) -> int:
    from interfant_desktop.store import pg_roles

    store = _open(args, as_user=False)
    try:
        _require(_sign_in(args, store), "MANAGE_USERS")
        if store.is_sqlite:
            raise CliError("`users grants` is for PostgreSQL databases", EXIT_BAD_INPUT)
        with store.engine.begin() as conn:
            pg_roles.install_roles(conn)
        _out(f"grants applied to {store.describe()}")
    finally:
        store.close()
    return EXIT_OK


def run_users_recover(args: argparse.Namespace) -> int:
    from interfant_desktop.services.auth import sign_in
    from interfant_desktop.services.recovery import check_recovery_file, recover_administrator

    store = _open(args)
    try:
        check_recovery_file(store, args.name)  # say what is missing before asking for a password
        password = _password("INTERFANT_NEW_PASSWORD",
                             f"New password for the administrator {args.name}: ", confirm=True)
        done = recover_administrator(store, args.name, password)
        _out(f"break-glass recovery: administrator {quoted(done.username)} "
             f"{'created' if done.created else 'unlocked with a new password'}; "
             f"{done.recovery_file} was used and deleted; the audit trail records it")
        _out(f"their new signing key is a new root of the site, fingerprint {done.fingerprint}; "
             "other workstations refuse it until an administrator there checks this "
             "fingerprint and runs `users pin-root \"FINGERPRINT\"`")
        _warn_few_administrators(store, sign_in(store, done.username, password))
    finally:
        store.close()
    return EXIT_OK


def _warn_few_administrators(store: Any, admin: Any) -> None:
    from interfant_desktop.services.users import administrator_warning

    warning = administrator_warning(store, admin)
    if warning:
        print(f"interfant-desktop: warning: {warning}", file=sys.stderr)


def run_backup(args: argparse.Namespace) -> int:
    from interfant_desktop.services.backup import backup_database

    with _signed_in(args) as (store, user):
        key = _backup_key(args, creating=True)
        info = backup_database(store, user, Path(args.file), key, force=args.force)
        _out(f"backup written to {info.path} ({info.patients} patients, "
             f"{info.rows.get('audit_events', 0)} audit events), signed, "
             + (f"encrypted with the {key.describe()}" if key else "NOT encrypted"))
        if key is None:
            print("interfant-desktop: warning: this backup is NOT encrypted: anyone who can "
                  "read the file can read every patient's data; use --key-file or --passphrase",
                  file=sys.stderr)
    return EXIT_OK


def run_restore(args: argparse.Namespace) -> int:
    from interfant_desktop.services.backup import restore_database

    with _signed_in(args) as (store, user):
        info = restore_database(store, user, Path(args.file), _backup_key(args, creating=False))
        _out(f"restored {info.patients} patients from {info.path} (its audit trail: "
             f"{info.relation}); the events before the restore are kept; the previous content "
             f"was saved to {info.safety_copy}")
    return EXIT_OK


def run_backup_key(args: argparse.Namespace) -> int:
    from interfant_desktop.services.backup_crypto import new_key_file

    key = new_key_file(Path(args.file))
    _out(f"backup key file written to {args.file} (key id {key.key_id}); keep a copy "
         "away from the backups: without it they cannot be read")
    return EXIT_OK


def run_audit_verify(args: argparse.Namespace) -> int:
    from interfant_desktop.services.audit import verify_audit

    with _signed_in(args) as (store, user):
        report = verify_audit(store, user, [Path(f) for f in args.anchors])
    if report.ok:
        _out(f"audit trail intact: {report.events} events ({report.signed} signed), hash chain "
             f"and signatures verified, {report.anchors} anchors reached, {report.entities} "
             "patients, orders and users match their audited history")
        return EXIT_OK
    for problem in report.problems[1:]:
        _out(f"also: {problem}")
    more = f" (and {len(report.problems) - 1} more, listed above)" if len(report.problems) > 1 \
        else ""
    raise CliError(f"audit trail BROKEN: {report.problems[0]}{more}", EXIT_REFUSED)


def run_preparation(args: argparse.Namespace) -> int:
    """Show, confirm or withdraw the site's confirmation of the bag preparation figures."""
    from interfant_desktop.services import bag_preparation

    with _signed_in(args) as (store, user):
        if args.preparation_command == "confirm":
            bag_preparation.confirm_preparation(store, user, args.reason)
        elif args.preparation_command == "withdraw":
            bag_preparation.withdraw_preparation(store, user, args.reason)
        confirmed = bag_preparation.preparation_confirmation(store)
    _out(confirmed.text if confirmed else "preparation figures not yet verified at this site")
    return EXIT_OK
