"""Password hashing with argon2id (memory-hard), via argon2-cffi.

Parameters: the OWASP Password Storage Cheat Sheet's recommended argon2id setting,
m = 19 MiB (19456 KiB), t = 2 iterations, p = 1
(https://cheatsheetseries.owasp.org/cheatsheets/Password_Storage_Cheat_Sheet.html#argon2id).
It is memory-hard enough against offline guessing while keeping sign-in and the
idle-lock unlock on a shared ward workstation short (20–50 ms instead of the
0.25 s of the earlier 64 MiB / 3-pass setting); online guessing is further limited by
the account lockout in ``services.auth``. Stored hashes record their own parameters:
a hash made with other parameters still verifies, and ``needs_rehash`` tells the
sign-in to store a new hash with these parameters after the next successful sign-in.
"""

from __future__ import annotations

from functools import lru_cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

TIME_COST = 2
MEMORY_COST_KIB = 19 * 1024  # 19456 KiB
PARALLELISM = 1


@lru_cache(maxsize=1)
def _hasher() -> PasswordHasher:
    return PasswordHasher(time_cost=TIME_COST, memory_cost=MEMORY_COST_KIB,
                          parallelism=PARALLELISM)


def hash_password(password: str) -> str:
    """An argon2id hash string (salt and parameters included)."""
    return _hasher().hash(password)


def verify_password(stored_hash: str, password: str) -> bool:
    """True when ``password`` matches ``stored_hash``; never raises for a mismatch."""
    try:
        return _hasher().verify(stored_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(stored_hash: str) -> bool:
    """True when ``stored_hash`` was made with other parameters (or another variant)
    than the current ones: re-hash the password after a successful verification."""
    try:
        return _hasher().check_needs_rehash(stored_hash)
    except (InvalidHashError, ValueError):
        return True
