"""Files with patient data are readable by their owner only.

The database, its write-ahead log, migration and restore safety copies, the log
files and the crash logs all hold patient data (names, study IDs, error texts). On
POSIX systems every folder the app makes is ``0700`` and every file ``0600``:

* :func:`restrict_new_files` sets the process umask to ``077`` at start (the command
  line's ``main`` calls it first), so files that SQLite, the log handler or the
  backup code create are private from the first byte;
* :func:`private_folder` and :func:`open_private` make folders and files with those
  modes explicitly (``os.open`` with a mode), whatever the umask;
* :func:`secure_data_folder` and :func:`tighten` run at start on the data folder
  (the folder itself, its ``logs/`` and ``backups/``) and the SQLite files, so files
  an older version left at ``0644`` (folders ``0755``) are closed too. Nothing else in
  the folder is touched: ``INTERFANT_DATA_DIR`` may point into a folder with other
  files of the user.

Windows has no such mode bits: there :func:`owner_only` gives a folder or file an
access list of its own that admits the current user only (``icacls PATH
/inheritance:r /grant:r DOMAIN\\user:(OI)(CI)F``, ``:F`` for a file), inherited
entries removed. :func:`secure_data_folder` does so for the data folder at each start
(what the app makes in it inherits that list), and the files the app writes elsewhere
(a backup, a backup key file, a site key or a PDF outside the data folder) get it as
they are created. No Qt and no database here: the logging set-up imports this first.
"""

from __future__ import annotations

import getpass
import glob
import logging
import os
import stat
import subprocess
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

FOLDER_MODE = 0o700
FILE_MODE = 0o600
_POSIX = os.name == "posix"
_WINDOWS = os.name == "nt"
log = logging.getLogger("interfant_desktop.files")


def restrict_new_files() -> None:
    """New files and folders of this process: owner only (umask 077)."""
    if _POSIX:
        os.umask(0o077)


def private_folder(path: Path) -> Path:
    """``path`` (and missing parents) created, and the folder itself set to owner only."""
    path.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
    _chmod(path, FOLDER_MODE)
    return path


def open_private(path: Path, mode: str = "w", **kwargs: Any) -> IO[Any]:
    """``open(path, mode)`` for writing (``"w"``, ``"a"``, ``"wb"``, ...), the file created
    ``0600`` (and set to it if it existed)."""
    flags = os.O_WRONLY | os.O_CREAT | (os.O_APPEND if "a" in mode else os.O_TRUNC)
    fd = os.open(path, flags | getattr(os, "O_BINARY", 0), FILE_MODE)
    if _POSIX:
        os.fchmod(fd, FILE_MODE)
    elif _WINDOWS and not _inside_data_folder(path):  # (inside, it inherits the folder's list)
        owner_only(path)
    return os.fdopen(fd, mode, **kwargs)


def create_private(path: Path, flags: int) -> int:
    """``os.open(path, O_WRONLY | O_CREAT | flags, 0o600)``, owner only on every system
    before anything is written (a backup, a key file); the file descriptor."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | flags, FILE_MODE)
    if _WINDOWS:
        owner_only(path)
    return fd


def owner_only(path: Path) -> None:
    """``path`` readable by the current user only: mode ``0700``/``0600`` on POSIX (for
    what this user owns, links left alone), on Windows an access list of the current
    user alone (inherited entries removed; a folder's list is inherited by what is made
    in it). A failure is logged: the file is still written, and the README says how to
    check the access list."""
    if _POSIX:
        _chmod(path, FOLDER_MODE if path.is_dir() else FILE_MODE)
    elif _WINDOWS:
        grant = f"{windows_account()}:{'(OI)(CI)F' if path.is_dir() else 'F'}"
        try:
            done = subprocess.run(["icacls", str(path), "/inheritance:r", "/grant:r", grant],
                                  capture_output=True, text=True, check=False,
                                  creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0))
        except OSError as exc:
            log.warning("could not restrict the access list of %s: %s", path, exc)
            return
        if done.returncode != 0:
            log.warning("could not restrict the access list of %s (icacls exit %d)", path,
                        done.returncode)


def windows_account() -> str:
    """The current Windows account as icacls names it: ``DOMAIN\\user`` (or ``user``)."""
    user = os.environ.get("USERNAME") or getpass.getuser()
    domain = os.environ.get("USERDOMAIN")
    return f"{domain}\\{user}" if domain else user


def _inside_data_folder(path: Path) -> bool:
    from interfant_desktop.paths import user_data_dir

    try:
        return Path(path).resolve().is_relative_to(user_data_dir().resolve())
    except OSError:
        return False


def write_private_text(path: Path, text: str) -> None:
    """Write ``text`` (UTF-8) to a ``0600`` file."""
    with open_private(path, "w", encoding="utf-8") as fh:
        fh.write(text)


def tighten(paths: Iterable[Path]) -> None:
    """Set each existing folder (and everything below it) and file to owner only. Links
    are not followed, and what belongs to another user is left alone."""
    if not _POSIX:
        return
    for path in paths:
        try:
            info = path.lstat()
        except OSError:
            continue
        if stat.S_ISDIR(info.st_mode):
            _chmod(path, FOLDER_MODE, info)
            for folder, dirs, files in os.walk(path):
                for name in dirs:
                    _chmod(Path(folder, name), FOLDER_MODE)
                for name in files:
                    _chmod(Path(folder, name), FILE_MODE)
        elif stat.S_ISREG(info.st_mode):
            _chmod(path, FILE_MODE, info)


#: The app's own sub-folders of the data folder (tightened with everything in them).
APP_SUBFOLDERS = ("logs", "backups")
#: The app's own files in the data folder: the audit anchors, the site's signing key and
#: the pinned signing roots (an older version may have left them readable).
APP_FILES = ("audit-anchors.jsonl", "site-signing-key.pem", "signing-roots.json")


def secure_data_folder(folder: Path) -> None:
    """The data folder itself and the app's sub-folders in it, owner only."""
    if not folder.is_dir():
        return
    if _WINDOWS:
        owner_only(folder)  # what is in it inherits the folder's access list
    if not _POSIX:
        return
    _chmod(folder, FOLDER_MODE)
    tighten(folder / name for name in (*APP_SUBFOLDERS, *APP_FILES))


def sqlite_files(database: Path) -> list[Path]:
    """The database file, its journal files and the migration safety copies beside it."""
    pattern = glob.escape(database.name) + "*"
    siblings = database.parent.glob(pattern) if database.parent.is_dir() else []
    return [database, *(p for p in siblings if p != database)]


def _chmod(path: Path, mode: int, info: os.stat_result | None = None) -> None:
    if not _POSIX:
        return
    try:
        info = info or path.lstat()
        if stat.S_ISLNK(info.st_mode) or info.st_uid != os.getuid():
            return
        if stat.S_IMODE(info.st_mode) != mode:
            os.chmod(path, mode)
    except OSError:
        pass  # a file that vanished or cannot be changed: the next start tries again
