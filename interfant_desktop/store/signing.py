"""Signing keys: Ed25519 key pairs whose private half is stored encrypted under the
user's password.

* A key pair is made with :func:`new_key_pair`; the private key is encrypted with
  AES-256-GCM under a key derived from the password with argon2id (argon2-cffi's
  low-level ``hash_secret_raw``; salt and parameters are stored with it, so changed
  parameters still decrypt older keys). The owner's user name and the public key are
  the GCM associated data: a private key copied onto another account, or paired with
  another public key, does not decrypt.
* :func:`unlock` decrypts it for one signature; a wrong password raises
  :class:`WrongPassword`. Nothing here keeps a decrypted key.
* :func:`canonical` is the one byte form every signature covers (sorted-key compact
  JSON, UTF-8), :func:`sign` / :func:`signature_valid` sign and check it, and
  :func:`fingerprint` names a public key (SHA-256 of its raw 32 bytes, hex, grouped
  for reading aloud).

No database access: the rows live in :class:`interfant_desktop.store.models.SigningKey`.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
from dataclasses import dataclass
from typing import Any

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    PublicFormat,
)

# The key-derivation cost: the password hash's OWASP argon2id setting (see passwords.py).
KDF_TIME_COST = 2
KDF_MEMORY_KIB = 19 * 1024
KDF_PARALLELISM = 1
KDF = "argon2id"
CIPHER = "aes-256-gcm"


class WrongPassword(Exception):
    """The password does not unlock this private key."""


@dataclass(frozen=True)
class SealedKey:
    """A key pair as stored: the public key (base64) and the encrypted private key with
    what is needed to decrypt it again given the password."""

    public_key: str
    encrypted_private_key: str
    salt: str
    nonce: str
    kdf: str
    kdf_params: dict[str, int]


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def canonical(value: Any) -> bytes:
    """The bytes a signature covers: sorted-key compact JSON in UTF-8."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False,
                      separators=(",", ":")).encode("utf-8")


def fingerprint(public_key: str) -> str:
    """SHA-256 of the raw public key, as 16 groups of 4 hex digits (read aloud, printed)."""
    digest = hashlib.sha256(_unb64(public_key)).hexdigest().upper()
    return " ".join(digest[i:i + 4] for i in range(0, len(digest), 4))


def short_fingerprint(public_key: str) -> str:
    """The first four groups of :func:`fingerprint` (for narrow places such as a header)."""
    return " ".join(fingerprint(public_key).split()[:4])


def _derive(password: str, salt: bytes, params: dict[str, int]) -> bytes:
    return hash_secret_raw(password.encode("utf-8"), salt, time_cost=params["time_cost"],
                           memory_cost=params["memory_cost"],
                           parallelism=params["parallelism"], hash_len=32, type=Type.ID)


def _aad(username: str, public_key: str) -> bytes:
    return canonical({"user": username, "public_key": public_key})


def seal(private: Ed25519PrivateKey, username: str, password: str) -> SealedKey:
    """Encrypt ``private`` under ``password`` (fresh salt and nonce each time)."""
    public = _b64(private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw))
    params = {"time_cost": KDF_TIME_COST, "memory_cost": KDF_MEMORY_KIB,
              "parallelism": KDF_PARALLELISM}
    salt, nonce = os.urandom(16), os.urandom(12)
    raw = private.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
    sealed = AESGCM(_derive(password, salt, params)).encrypt(nonce, raw,
                                                            _aad(username, public))
    return SealedKey(public, _b64(sealed), _b64(salt), _b64(nonce), KDF, params)


def new_key_pair(username: str, password: str) -> SealedKey:
    """A fresh Ed25519 key pair for ``username``, sealed under ``password``."""
    return seal(Ed25519PrivateKey.generate(), username, password)


def unlock(key: SealedKey, username: str, password: str) -> Ed25519PrivateKey:
    """The private key, or :class:`WrongPassword`."""
    if key.kdf != KDF:
        raise WrongPassword(f"unknown key derivation {key.kdf!r}")
    try:
        raw = AESGCM(_derive(password, _unb64(key.salt), key.kdf_params)).decrypt(
            _unb64(key.nonce), _unb64(key.encrypted_private_key), _aad(username, key.public_key))
    except (InvalidTag, ValueError, KeyError):
        raise WrongPassword("the password does not unlock the signing key") from None
    private = Ed25519PrivateKey.from_private_bytes(raw)
    if _b64(private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)) != key.public_key:
        raise WrongPassword("the stored private key does not belong to its public key")
    return private


def reseal(key: SealedKey, username: str, old_password: str, new_password: str) -> SealedKey:
    """The same key pair encrypted under ``new_password`` (password change)."""
    return seal(unlock(key, username, old_password), username, new_password)


def sign(private: Ed25519PrivateKey, payload: Any) -> str:
    """The Ed25519 signature (base64) of :func:`canonical` ``(payload)``."""
    return _b64(private.sign(canonical(payload)))


def signature_valid(public_key: str, payload: Any, signature: str) -> bool:
    """True when ``signature`` is ``public_key``'s signature of ``payload``."""
    try:
        Ed25519PublicKey.from_public_bytes(_unb64(public_key)).verify(_unb64(signature),
                                                                      canonical(payload))
    except (InvalidSignature, ValueError):
        return False
    return True


def public_key_of(private: Ed25519PrivateKey) -> str:
    return _b64(private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw))
