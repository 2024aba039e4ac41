"""Break-glass recovery: back into a site whose administrators are all locked out or gone.

Needs operating-system access to the data folder, not any account of the app:

1. The person with the operating-system account that runs the app (the one that owns
   the data folder) writes the administrator's user name, alone on the first line,
   into :data:`RECOVERY_FILE_NAME` in the data folder: the folder of the SQLite file,
   or on PostgreSQL the per-user data folder of the workstation (``INTERFANT_DATA_DIR``).
2. ``interfant-desktop users recover NAME`` (``recover_administrator``) checks that
   file (a plain file, not a link, owned by this operating-system user and naming
   NAME), sets the new password (the usual password rules), unlocks and reactivates
   the administrator NAME, or creates it when there is no such account, records a
   ``break_glass_recovery`` audit event naming the operating-system user and the
   workstation, and deletes the file: it works once per file.
3. The administrator's signing key is re-keyed: a new key pair sealed under the new
   password becomes a new root of the site (``signing_keys.rekey_recovered``; nobody
   able to certify it can sign in), so they can certify keys again. This workstation
   trusts the new root at once; ``fingerprint`` is what the others must check.

A non-administrator account cannot be recovered this way (an administrator resets it).
"""

from __future__ import annotations

import getpass
import os
import socket
import stat
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from interfant_desktop.paths import user_data_dir
from interfant_desktop.services.auth import check_password_rules, check_username
from interfant_desktop.services.errors import AuthenticationError, InputError
from interfant_desktop.services.signing_keys import pin_root, rekey_recovered
from interfant_desktop.services.store_access import Store
from interfant_desktop.services.users import clear_lock
from interfant_desktop.store import signing
from interfant_desktop.store.audit import append_event
from interfant_desktop.store.models import User
from interfant_desktop.store.passwords import hash_password

RECOVERY_FILE_NAME = "RECOVER-ADMINISTRATOR.txt"


@dataclass(frozen=True)
class Recovery:
    """What the recovery did: ``created`` is True when the account did not exist."""

    username: str
    created: bool
    recovery_file: Path
    #: the recovered administrator's new signing key: a new root of the site
    fingerprint: str = ""


def recovery_file(store: Store) -> Path:
    """Where the recovery file must be for this database."""
    folder = store.sqlite_file.parent if store.sqlite_file is not None else user_data_dir()
    return folder / RECOVERY_FILE_NAME


def check_recovery_file(store: Store, username: str) -> Path:
    """The recovery file, once it is a plain file of this operating-system user that names
    ``username``; else :class:`AuthenticationError` saying what is missing."""
    path = recovery_file(store)
    missing = AuthenticationError(
        f"break-glass recovery refused: write the user name {username} into {path} "
        "(as the operating-system user that owns the data folder), then run this again")
    try:
        info = path.lstat()
    except FileNotFoundError:
        raise missing from None
    if not stat.S_ISREG(info.st_mode):
        raise AuthenticationError(f"break-glass recovery refused: {path} is not a plain file")
    if hasattr(os, "getuid") and info.st_uid != os.getuid():
        raise AuthenticationError(f"break-glass recovery refused: {path} belongs to another "
                                  "operating-system user")
    with path.open(encoding="utf-8", errors="replace") as fh:
        first_line = fh.readline().strip()
    if first_line != username:
        raise AuthenticationError(f"break-glass recovery refused: {path} does not name "
                                  f"{username!r} on its first line")
    return path


def _os_identity() -> str:
    try:
        who = getpass.getuser()
    except (KeyError, OSError):  # no name for this uid (containers)
        who = f"uid {os.getuid()}" if hasattr(os, "getuid") else "unknown"
    return f"operating-system user {who} on {socket.gethostname()}"


def recover_administrator(store: Store, username: str, new_password: str) -> Recovery:
    """Reset (or create) the administrator ``username`` on the strength of the recovery
    file; see the module docstring. The file is deleted once the change is committed."""
    name = check_username(username)
    path = check_recovery_file(store, name)
    check_password_rules(new_password, name)
    password_hash = hash_password(new_password)
    with store.transaction() as session:
        user = session.execute(select(User).where(User.username == name).with_for_update()
                               ).scalar_one_or_none()
        created = user is None
        if user is None:
            user = User(username=name, role="administrator", password_hash=password_hash)
            session.add(user)
        elif user.role != "administrator":
            raise InputError(f"user name: {name!r} is a {user.role.replace('_', ' ')}, not an "
                             "administrator; an administrator resets that password")
        else:
            user.password_hash, user.active = password_hash, True
            clear_lock(user)
        append_event(session, username=name, action="break_glass_recovery", entity="user",
                     entity_key=name, new={"role": "administrator", "created": created},
                     reason=f"recovery file {path} by {_os_identity()}")
        session.flush()
        fingerprint = signing.fingerprint(rekey_recovered(session, user, new_password).public_key)
    path.unlink(missing_ok=True)  # one use per file
    pin_root(store, fingerprint)
    return Recovery(name, created, path, fingerprint)
