"""What a new password must be: long enough, not the user name, not a common password.

``check_new_password(password, username)`` raises :class:`InputError` naming the field
"password". It is called wherever a password is set: the first administrator, a new
user, an administrator's reset, a change of one's own password and the break-glass
recovery. The common passwords are the 10,000 most frequent ones of the list Django
ships (``resources/passwords/``, see README.md there for source and licence); the
comparison ignores case, as Django's does, so ``Password1`` counts as ``password1``.
"""

from __future__ import annotations

from functools import lru_cache

from interfant_desktop.paths import resource
from interfant_desktop.services.errors import InputError

MIN_PASSWORD_LENGTH = 8
COMMON_PASSWORDS_FILE = ("passwords", "common-passwords.txt")


@lru_cache(maxsize=1)
def common_passwords() -> frozenset[str]:
    """The shipped list, lower-cased (read once; about 10,000 entries)."""
    text = resource(*COMMON_PASSWORDS_FILE).read_text(encoding="utf-8")
    return frozenset(line.strip().lower() for line in text.splitlines() if line.strip())


def check_new_password(password: str, username: str | None = None) -> None:
    """Refuse a password that is too short, equals the user name or is a common one."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise InputError("password", f"must have at least {MIN_PASSWORD_LENGTH} characters")
    folded = password.strip().lower()
    if username and folded == username.strip().lower():
        raise InputError("password", "must not be the user name")
    if folded in common_passwords():
        raise InputError("password", "is one of the 10,000 most common passwords; "
                                     "choose one that is harder to guess")
