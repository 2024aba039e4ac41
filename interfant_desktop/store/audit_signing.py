"""Who signs audit events (and backups): the :class:`EventSigner` interface and the site key.

Every audit event is signed with Ed25519. An event made by a signed-in user whose
signing key is unlocked for the session is signed with that user's key (engineers
``services.sessions`` calls :func:`register_user_signer` at sign-in and
:func:`forget_user_signer` at sign-out, per database); every other event with the **site key**, a
private key kept in the data folder (``site-signing-key.pem``, mode 0600, or the
file ``INTERFANT_SITE_KEY`` names). Workstations sharing one PostgreSQL database
must share the site key file (see installers/README.md); a workstation without it
signs with a new key of its own, which ``audit verify`` elsewhere reports as not
the site's key.

A key's id is the first 16 hex digits of SHA-256 over its raw public key.
"""

from __future__ import annotations

import hashlib
import os
import threading
from pathlib import Path
from typing import Protocol

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from interfant_desktop.paths import user_data_dir
from interfant_desktop.private_files import create_private

SITE_KEY_FILE = "site-signing-key.pem"
SITE_KEY_ENV = "INTERFANT_SITE_KEY"


class EventSigner(Protocol):
    """Anything that can sign an audit event: a key id, its public key, and ``sign``."""

    @property
    def key_id(self) -> str: ...

    @property
    def kind(self) -> str: ...  # "site" or "user"

    def public_key_hex(self) -> str: ...

    def sign(self, data: bytes) -> bytes: ...


def key_id_of(public_raw: bytes) -> str:
    return hashlib.sha256(public_raw).hexdigest()[:16]


def public_raw(key: Ed25519PublicKey) -> bytes:
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


class Ed25519Signer:
    """An :class:`EventSigner` holding an Ed25519 private key in memory."""

    def __init__(self, private_key: Ed25519PrivateKey, kind: str = "site") -> None:
        self._key = private_key
        self._public = public_raw(private_key.public_key())
        self._id = key_id_of(self._public)
        self._kind = kind

    @property
    def key_id(self) -> str:
        return self._id

    @property
    def kind(self) -> str:
        return self._kind

    def public_key_hex(self) -> str:
        return self._public.hex()

    def sign(self, data: bytes) -> bytes:
        return self._key.sign(data)


def verify_signature(public_hex: str, signature: bytes, data: bytes) -> bool:
    """True when ``signature`` is a valid Ed25519 signature of ``data`` by that key."""
    try:
        Ed25519PublicKey.from_public_bytes(bytes.fromhex(public_hex)).verify(signature, data)
    except (InvalidSignature, ValueError):
        return False
    return True


def site_key_path() -> Path:
    configured = os.environ.get(SITE_KEY_ENV)
    return Path(configured) if configured else user_data_dir() / SITE_KEY_FILE


_lock = threading.Lock()
_site_signers: dict[Path, Ed25519Signer] = {}


def _read_key(path: Path) -> Ed25519Signer:
    key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise ValueError(f"{path}: not an Ed25519 private key")
    return Ed25519Signer(key, "site")


def site_signer(*, create: bool = True) -> Ed25519Signer | None:
    """The site key (created, mode 0600, on first use when ``create``), or None."""
    path = site_key_path()
    with _lock:
        signer = _site_signers.get(path)
        if signer is not None and path.exists():
            return signer
        if not path.exists():
            if not create:
                return None
            path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            pem = Ed25519PrivateKey.generate().private_bytes(
                serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption())
            try:  # O_EXCL: two processes starting at once never make two keys
                fd = create_private(path, os.O_EXCL)
            except FileExistsError:
                pass
            else:
                with os.fdopen(fd, "wb") as fh:
                    fh.write(pem)
                    fh.flush()
                    os.fsync(fh.fileno())
        signer = _read_key(path)
        _site_signers[path] = signer
        return signer


_user_signers: dict[tuple[str, str], EventSigner] = {}  # (database, user name) -> key


def register_user_signer(username: str, signer: EventSigner, database: str = "") -> None:
    """Sign this user's events in ``database`` with their own (unlocked) key from now on."""
    _user_signers[(database, username)] = signer


def forget_user_signer(username: str, database: str = "") -> None:
    _user_signers.pop((database, username), None)


def registered_user_signer(username: str, database: str = "") -> EventSigner | None:
    """The key registered for this user in ``database`` (None: their events take the site key)."""
    return _user_signers.get((database, username))


def signer_for(username: str, database: str = "") -> EventSigner:
    """The acting user's unlocked key if registered for ``database``, else the site key."""
    signer = _user_signers.get((database, username))
    if signer is not None:
        return signer
    site = site_signer()
    assert site is not None
    return site
