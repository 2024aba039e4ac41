"""Encrypting backups: a passphrase or a backup key file, AES-256-GCM.

A **backup key file** holds 32 random bytes (``interfant-backup-key/1 <hex>``, mode
0600); it is what scheduled backups use, so no password sits in a cron environment
(``INTERFANT_BACKUP_KEY_FILE`` names it). A **passphrase** is stretched with scrypt
(n=2^15, r=8, p=1, a random salt per backup). Either way the backup's header is
bound to the ciphertext as associated data, so neither can be swapped.
"""

from __future__ import annotations

import base64
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from interfant_desktop.private_files import create_private
from interfant_desktop.services.errors import InputError

KEY_FILE_PREFIX = "interfant-backup-key/1"
KEY_FILE_ENV = "INTERFANT_BACKUP_KEY_FILE"
_SCRYPT = {"n": 2 ** 15, "r": 8, "p": 1}


@dataclass(frozen=True)
class BackupKey:
    """How a backup is (or is to be) encrypted: a passphrase or a key file's key."""

    passphrase: str | None = None
    key: bytes | None = None
    source: str = ""

    @property
    def key_id(self) -> str | None:
        return hashlib.sha256(self.key).hexdigest()[:16] if self.key else None

    def describe(self) -> str:
        return f"key file {self.source}" if self.key else "passphrase"


def new_key_file(path: Path) -> BackupKey:
    """Create a backup key file (refused if it exists)."""
    key = os.urandom(32)
    try:
        fd = create_private(path, os.O_EXCL)
    except FileExistsError:
        raise InputError(f"{path}: exists already; a key file is never overwritten") from None
    with os.fdopen(fd, "w", encoding="ascii") as fh:
        fh.write(f"{KEY_FILE_PREFIX} {key.hex()}\n")
        fh.flush()
        os.fsync(fh.fileno())
    return BackupKey(key=key, source=str(path))


def read_key_file(path: Path) -> BackupKey:
    try:
        words = Path(path).read_text(encoding="ascii").split()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read the backup key file ({exc.__class__.__name__})") \
            from None
    if len(words) != 2 or words[0] != KEY_FILE_PREFIX or len(words[1]) != 64:
        raise InputError(f"{path}: not a backup key file ({KEY_FILE_PREFIX})")
    try:
        return BackupKey(key=bytes.fromhex(words[1]), source=str(path))
    except ValueError:
        raise InputError(f"{path}: not a backup key file (bad key)") from None


def _key_for(spec: dict[str, Any], key: BackupKey | None, path: Path) -> bytes:
    if key is None:
        raise InputError(f"{path}: the backup is encrypted with a "
                         f"{'key file' if spec.get('kdf') == 'key-file' else 'passphrase'}; "
                         "give it (--key-file or --passphrase)")
    if spec.get("kdf") == "key-file":
        if key.key is None or key.key_id != spec.get("key_id"):
            raise InputError(f"{path}: encrypted with another backup key file "
                             f"(key id {spec.get('key_id')})")
        return key.key
    if key.passphrase is None:
        raise InputError(f"{path}: the backup is encrypted with a passphrase, not a key file")
    salt = base64.b64decode(spec["salt"])
    return Scrypt(salt=salt, length=32, n=int(spec["n"]), r=int(spec["r"]),
                  p=int(spec["p"])).derive(key.passphrase.encode("utf-8"))


def encryption_spec(key: BackupKey) -> dict[str, Any]:
    """The header's ``encryption`` entry for a new backup (fresh salt and nonce)."""
    spec: dict[str, Any] = {"method": "AES-256-GCM",
                            "nonce": base64.b64encode(os.urandom(12)).decode("ascii")}
    if key.key is not None:
        spec.update(kdf="key-file", key_id=key.key_id)
    else:
        spec.update(kdf="scrypt", salt=base64.b64encode(os.urandom(16)).decode("ascii"),
                    **_SCRYPT)
    return spec


def encrypt(spec: dict[str, Any], key: BackupKey, plaintext: bytes, header: bytes) -> str:
    secret = _key_for(spec, key, Path("backup"))
    nonce = base64.b64decode(spec["nonce"])
    return base64.b64encode(AESGCM(secret).encrypt(nonce, plaintext, header)).decode("ascii")


def decrypt(spec: dict[str, Any], key: BackupKey | None, content: str, header: bytes,
            path: Path) -> bytes:
    secret = _key_for(spec, key, path)
    try:
        return AESGCM(secret).decrypt(base64.b64decode(spec["nonce"]),
                                      base64.b64decode(content), header)
    except (InvalidTag, ValueError):
        raise InputError(f"{path}: cannot decrypt the backup: wrong passphrase or key, "
                         "or the file was changed") from None


def default_key() -> BackupKey | None:
    """The site's backup key file (``INTERFANT_BACKUP_KEY_FILE``), if configured."""
    configured = os.environ.get(KEY_FILE_ENV)
    return read_key_file(Path(configured)) if configured else None
