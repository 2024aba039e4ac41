"""Password hashing with argon2id (memory-hard), via argon2-cffi."""

from __future__ import annotations

from functools import lru_cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

# Parameters close to the RFC 9106 "second recommended" profile (64 MiB, 3 passes),
# a noticeable but acceptable pause at sign-in on a ward workstation.
TIME_COST = 3
MEMORY_COST_KIB = 64 * 1024
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
