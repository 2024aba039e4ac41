"""Users' signing keys and the certificates that tie them to the site.

* The site's first administrator gets the **root** key: its certificate is signed by
  itself. Its fingerprint is the site's trust anchor, shown in the app and printed on
  every order; each workstation also pins it in its data folder at first sight
  (``signing-roots.json``), so a root swapped in the database is refused there.
* Every other key is certified by the administrator who created the account or reset
  its password; that administrator's password unlocks their own key to sign it.
* A password change re-encrypts the private key (same key pair); a reset revokes the
  old key and issues a new certified one.
* A break-glass recovery (``services.recovery``) re-keys the recovered administrator:
  their old keys are revoked and their new key pair, sealed under the new password, is
  a new **root** of the site (:func:`rekey_recovered`; nobody who could certify it can
  sign in). Keys certified by an earlier root stay valid. The recovering workstation
  adds the new root to its pins; another workstation refuses signatures that lead to
  it until an administrator there types the fingerprint the recovery printed
  (``users pin-root``, :func:`pin_recovered_root`: re-authenticated and audited).
* Accounts from a database older than schema revision 4 have no key: the next sign-in
  makes one (:func:`key_at_sign_in`). An administrator's becomes the root if the site
  has none; any other waits for an administrator's certificate
  (:func:`certify_pending_key`, or a password reset) before it can sign.

Certificate payload (format ``interfant-key-certificate/1``): key id, user name,
printed name, role, public key, creation time, issuer's user name and public key.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import select
from sqlalchemy.orm import Session

from interfant_desktop.paths import user_data_dir
from interfant_desktop.services.accounts import checked_transaction
from interfant_desktop.services.errors import (
    AuthenticationError,
    ConflictError,
    EnvironmentFault,
    InputError,
    NotFound,
)
from interfant_desktop.services.permissions import CurrentUser, Permission, require
from interfant_desktop.services.store_access import Store
from interfant_desktop.store import signing
from interfant_desktop.store.audit import append_event, database_identity, workstation
from interfant_desktop.store.models import AuditEvent, SigningKey, User, utc_now

CERTIFICATE_FORMAT = "interfant-key-certificate/1"
PIN_FILE = "signing-roots.json"


class SignatureRefused(AuthenticationError):
    """The password did not unlock the signing key, or the key cannot sign (not certified)."""


def sealed_of(key: SigningKey) -> signing.SealedKey:
    """The stored key pair of ``key`` as :mod:`store.signing` takes it."""
    return signing.SealedKey(key.public_key, key.encrypted_private_key, key.salt, key.nonce,
                             key.kdf, dict(key.kdf_params))


def _store_sealed(key: SigningKey, sealed: signing.SealedKey) -> None:
    key.public_key, key.encrypted_private_key = sealed.public_key, sealed.encrypted_private_key
    key.salt, key.nonce, key.kdf, key.kdf_params = (sealed.salt, sealed.nonce, sealed.kdf,
                                                    dict(sealed.kdf_params))


def certificate_payload(key: SigningKey, issuer_username: str,
                        issuer_public_key: str) -> dict[str, Any]:
    """What a certificate signs: the key and its owner, and who vouches for them."""
    return {"format": CERTIFICATE_FORMAT, "key_id": key.id, "user": key.username,
            "full_name": key.full_name, "role": key.role, "public_key": key.public_key,
            "created_at": key.created_at.isoformat(timespec="microseconds"),
            "issuer": issuer_username, "issuer_public_key": issuer_public_key}


def _new_key(session: Session, username: str, full_name: str | None, role: str,
             password: str) -> SigningKey:
    key = SigningKey(username=username, full_name=full_name, role=role, created_at=utc_now(),
                     is_root=False)
    _store_sealed(key, signing.new_key_pair(username, password))
    session.add(key)
    session.flush()
    return key


def _certify(session: Session, key: SigningKey, issuer: SigningKey,
             issuer_private: Ed25519PrivateKey) -> None:
    key.issuer_key_id, key.certified_by, key.certified_at = issuer.id, issuer.username, utc_now()
    key.certificate = signing.sign(issuer_private,
                                   certificate_payload(key, issuer.username, issuer.public_key))
    session.flush()


def make_root_key(session: Session, username: str, full_name: str | None,
                  password: str) -> SigningKey:
    """The site's root key, for its first administrator (self-certified)."""
    key = _new_key(session, username, full_name, "administrator", password)
    key.is_root = True
    _certify(session, key, key, signing.unlock(sealed_of(key), username, password))
    append_event(session, username=username, action="create_root_key", entity="signing_key",
                 entity_key=username, new={"fingerprint": signing.fingerprint(key.public_key)})
    return key


def issue_key(session: Session, issuer: SigningKey, issuer_private: Ed25519PrivateKey,
              username: str, full_name: str | None, role: str, password: str) -> SigningKey:
    """A new key pair for ``username`` certified by ``issuer`` (old keys are revoked)."""
    for old in session.execute(select(SigningKey).where(SigningKey.username == username,
                                                        SigningKey.revoked_at.is_(None))
                               ).scalars():
        old.revoked_at = utc_now()
    key = _new_key(session, username, full_name, role, password)
    _certify(session, key, issuer, issuer_private)
    append_event(session, username=issuer.username, action="certify_key", entity="signing_key",
                 entity_key=username, new={"fingerprint": signing.fingerprint(key.public_key),
                                           "role": role})
    return key


def current_key(session: Session, username: str) -> SigningKey | None:
    """The user's signing key in use (the newest not revoked), or None."""
    return session.execute(select(SigningKey).where(SigningKey.username == username,
                                                    SigningKey.revoked_at.is_(None))
                           .order_by(SigningKey.id.desc()).limit(1)).scalar_one_or_none()


def site_root(session: Session) -> SigningKey | None:
    """The site's root key in use (the first administrator's, or since a break-glass
    recovery the recovered administrator's), or None on a site without one."""
    return session.execute(select(SigningKey).where(SigningKey.is_root.is_(True))
                           .order_by(SigningKey.revoked_at.is_(None).desc(),
                                     SigningKey.id.desc()).limit(1)).scalar_one_or_none()


def _roots(session: Session) -> list[SigningKey]:
    return list(session.execute(select(SigningKey).where(SigningKey.is_root.is_(True))
                                .order_by(SigningKey.id)).scalars())


def rekey_recovered(session: Session, account: User, password: str) -> SigningKey:
    """Break-glass recovery: revoke ``account``'s keys and make its new key pair, sealed
    under ``password``, a new self-certified root of the site (see the module docstring)."""
    for old in session.execute(select(SigningKey).where(SigningKey.username == account.username,
                                                        SigningKey.revoked_at.is_(None))
                               ).scalars():
        old.revoked_at = utc_now()
    previous = site_root(session)
    key = _new_key(session, account.username, account.full_name, "administrator", password)
    key.is_root = True
    _certify(session, key, key, signing.unlock(sealed_of(key), account.username, password))
    append_event(session, username=account.username, action="recovery_root_key",
                 entity="signing_key", entity_key=account.username,
                 old={"fingerprint": signing.fingerprint(previous.public_key)}
                 if previous is not None else None,
                 new={"fingerprint": signing.fingerprint(key.public_key)},
                 reason="break-glass recovery: a new root of the site")
    return key


def site_fingerprint(store: Store) -> str | None:
    """The fingerprint of the site's root key (shown in the app, printed on every order)."""
    with store.sessions() as session:
        root = site_root(session)
        return signing.fingerprint(root.public_key) if root is not None else None


def key_at_sign_in(session: Session, account: User, password: str) -> None:
    """At a successful sign-in: give an account without a key (older database) its key
    pair. An administrator's becomes the root when the site has none; any other waits
    for an administrator's certificate."""
    if current_key(session, account.username) is not None:
        return
    if account.role == "administrator" and site_root(session) is None:
        make_root_key(session, account.username, account.full_name, password)
        return
    _new_key(session, account.username, account.full_name, account.role, password)
    append_event(session, username=account.username, action="create_pending_key",
                 entity="signing_key", entity_key=account.username,
                 reason="account from before electronic signatures; awaits an "
                        "administrator's certificate")


def reseal_key(session: Session, username: str, old_password: str, new_password: str) -> None:
    """Re-encrypt the user's private key under a new password (password change)."""
    key = current_key(session, username)
    if key is not None:
        _store_sealed(key, signing.reseal(sealed_of(key), username, old_password, new_password))


def _wrong_password(store: Store, username: str, why: str, *, count: bool) -> None:
    """Record a refused signature (in its own transaction, so it is kept); a wrong
    password counts towards the account lockout like a wrong sign-in."""
    from interfant_desktop.services.auth import MAX_FAILED_ATTEMPTS  # auth imports this module

    with store.transaction() as session:
        append_event(session, username=username, action="signature_refused", entity="user",
                     entity_key=username, reason=why)
        account = session.execute(select(User).where(User.username == username)
                                  .with_for_update()).scalar_one_or_none()
        if count and account is not None:
            account.failed_attempts += 1
            if account.failed_attempts >= MAX_FAILED_ATTEMPTS and not account.locked:
                account.locked = True
                append_event(session, username=username, action="account_locked",
                             entity="user", entity_key=username,
                             reason=f"{account.failed_attempts} wrong passwords")


def unlock_key(store: Store, user: CurrentUser, password: str, *,
               certified: bool = True) -> tuple[int, Ed25519PrivateKey]:
    """The id and the private key of ``user``'s signing key, unlocked with ``password``
    (their sign-in password, asked again). A wrong password is recorded and refused."""
    with checked_transaction(store, user) as session:
        key = current_key(session, user.username)
        problem = None
        if key is None:
            problem = "has no signing key yet (sign in again to make one)"
        elif certified and key.certificate is None:
            problem = ("has a signing key that awaits an administrator's certificate "
                       "(an administrator certifies it in Users, or resets the password)")
        if problem is None:
            assert key is not None
            try:
                return key.id, signing.unlock(sealed_of(key), user.username, password)
            except signing.WrongPassword:
                problem = "wrong password: nothing was signed"
    wrong = problem.startswith("wrong")
    _wrong_password(store, user.username, problem, count=wrong)
    if wrong:
        raise SignatureRefused(f"signature refused for {user.username!r}: {problem}")
    raise SignatureRefused(f"{user.username!r} {problem}; nothing was signed")


def issuer_for(store: Store, admin: CurrentUser,
               admin_password: str) -> tuple[int, Ed25519PrivateKey]:
    """The administrator's certified key, unlocked to certify another user's key."""
    require(admin, Permission.MANAGE_USERS)
    return unlock_key(store, admin, admin_password)


def certify_pending_key(store: Store, admin: CurrentUser, username: str, *,
                        admin_password: str) -> str:
    """Certify the key an account made at its first sign-in after the upgrade to
    electronic signatures; returns its fingerprint."""
    issuer_id, private = issuer_for(store, admin, admin_password)
    with checked_transaction(store, admin) as session:
        key = current_key(session, username)
        if key is None:
            raise NotFound(f"{username!r} has no signing key yet: they make one at their next "
                           "sign-in")
        if key.certificate is not None:
            raise ConflictError(f"the signing key of {username!r} is already certified")
        account = session.execute(select(User).where(User.username == username)).scalar_one()
        issuer = session.get(SigningKey, issuer_id)
        assert issuer is not None
        key.role, key.full_name = account.role, account.full_name
        _certify(session, key, issuer, private)
        append_event(session, username=admin.username, action="certify_key",
                     entity="signing_key", entity_key=username,
                     new={"fingerprint": signing.fingerprint(key.public_key),
                          "role": key.role})
        return signing.fingerprint(key.public_key)


# --- checking a key back to the root -------------------------------------------------------

@dataclass(frozen=True)
class CheckedKey:
    """A key whose certificate chain reached the site root: who it certifies."""

    key_id: int
    username: str
    full_name: str | None
    role: str
    fingerprint: str


def _pins() -> Path:
    return user_data_dir() / PIN_FILE


def _read_pins() -> dict[str, list[str]]:
    """Database -> the root fingerprints this workstation knows (older files: one each)."""
    try:
        pins = json.loads(_pins().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {where: [known] if isinstance(known, str) else list(known)
            for where, known in pins.items()} if isinstance(pins, dict) else {}


def _write_pins(pins: dict[str, list[str]]) -> bool:
    """Write the pin file (False: it could not be written)."""
    path = _pins()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(pins, indent=1, sort_keys=True), encoding="utf-8")
        os.replace(tmp, path)
    except OSError:
        return False  # a read-only data folder: the printed fingerprint is still the check
    return True


def _pin_key(store: Store, session: Session) -> str:
    """Pins are kept per database, whoever signs in to it (per-user PostgreSQL logins
    differ only in the user name); older files named it as ``store.describe()``."""
    return database_identity(session)


def _known_roots(store: Store, session: Session, pins: dict[str, list[str]]) -> list[str] | None:
    """The roots this workstation pinned for the database (None: it has not seen it yet)."""
    found = pins.get(_pin_key(store, session))
    return found if found is not None else pins.get(store.describe())


def pin_root(store: Store, fingerprint: str) -> None:
    """This workstation trusts ``fingerprint`` as a root of the database too (the
    break-glass recovery run here, on the strength of the recovery file)."""
    pins = _read_pins()
    with store.sessions() as session:
        known = _known_roots(store, session, pins)
        if known is None:  # first sight: the roots the database has
            known = [signing.fingerprint(r.public_key) for r in _roots(session)]
        pins[_pin_key(store, session)] = known
    if fingerprint not in known:
        known.append(fingerprint)
    _write_pins(pins)


def _pinned_root(store: Store, session: Session, root: SigningKey) -> str | None:
    """A problem when ``root`` (the end of a certificate chain) is not a root this
    workstation pinned for the database; at first sight the database's roots are pinned."""
    pins = _read_pins()
    found = signing.fingerprint(root.public_key)
    known = _known_roots(store, session, pins)
    if known is None:
        known = pins[_pin_key(store, session)] = [signing.fingerprint(r.public_key)
                                                   for r in _roots(session)]
        _write_pins(pins)
        return None if found in known else "the site's root key is unknown"
    if found not in known:
        return (f"the site's root key is {found[:19]}…, but this workstation knows "
                f"{known[-1][:19]}… (after a break-glass recovery elsewhere, an administrator "
                "checks the new fingerprint and runs `users pin-root` here)")
    return None


@dataclass(frozen=True)
class PinnedRoot:
    """A root this workstation trusts from now on (:func:`pin_recovered_root`)."""

    fingerprint: str
    owner: str
    #: the audit event of the break-glass recovery that made it, and the root it followed
    recovery_event: int
    previous: str | None


def normal_fingerprint(typed: str) -> str:
    """A fingerprint as typed (any case, with or without spaces or colons), in the form the
    app prints; :class:`InputError` when it is not 64 hexadecimal digits. Any space counts
    as a separator: one copied from the screen has no-break spaces inside its rows."""
    digits = "".join(ch for ch in typed if ch != ":" and not ch.isspace()).upper()
    if len(digits) != 64 or any(ch not in "0123456789ABCDEF" for ch in digits):
        raise InputError("fingerprint", "must be the 64 hexadecimal digits (16 groups of 4) "
                         "that the break-glass recovery printed")
    return " ".join(digits[i:i + 4] for i in range(0, 64, 4))


def _recovery_event(session: Session, root: SigningKey, fingerprint: str) -> AuditEvent | None:
    events = session.execute(select(AuditEvent).where(
        AuditEvent.action == "recovery_root_key", AuditEvent.entity_key == root.username)
        .order_by(AuditEvent.seq)).scalars()
    return next((e for e in events if e.new_value and
                 json.loads(e.new_value).get("fingerprint") == fingerprint), None)


def pin_recovered_root(store: Store, admin: CurrentUser, typed_fingerprint: str, *,
                       admin_password: str) -> PinnedRoot:
    """After a break-glass recovery on another workstation: trust its new root here too.

    The administrator types the fingerprint the recovery printed (checked with the person
    who ran it, not read from the database) and their password again. The database must
    hold that root key, self-certified, made by a ``recovery_root_key`` event of the trail
    that followed a root this workstation already trusts. The pin is audited
    (``pin_root``, with this workstation's name)."""
    require(admin, Permission.MANAGE_USERS)
    fingerprint = normal_fingerprint(typed_fingerprint)
    unlock_key(store, admin, admin_password)  # re-authentication (a wrong one is counted)
    with checked_transaction(store, admin) as session:
        root = next((r for r in _roots(session) if signing.fingerprint(r.public_key)
                     == fingerprint), None)
        if root is None:
            raise ConflictError(f"this database has no root key with the fingerprint "
                                f"{fingerprint}; check it with the person who ran the "
                                "break-glass recovery (nothing is trusted)")
        if root.certificate is None or not signing.signature_valid(
                root.public_key, certificate_payload(root, root.username, root.public_key),
                root.certificate):
            raise ConflictError(f"the root key {fingerprint[:19]}… of {root.username} has no "
                                "valid certificate; it was changed in the database and is "
                                "not trusted")
        event = _recovery_event(session, root, fingerprint)
        if event is None:
            raise ConflictError(f"no break-glass recovery in the audit trail made the root key "
                                f"{fingerprint[:19]}…; it is not trusted")
        pins = _read_pins()
        known = _known_roots(store, session, pins) or []
        if fingerprint in known:
            raise ConflictError(f"this workstation already trusts the root key "
                                f"{fingerprint[:19]}…")
        previous = json.loads(event.old_value).get("fingerprint") if event.old_value else None
        if known and previous not in known:
            raise ConflictError(
                f"the recovery that made {fingerprint[:19]}… followed the root "
                f"{str(previous)[:19]}…, which this workstation does not trust either; pin "
                "the roots in the order the recoveries happened")
        append_event(session, username=admin.username, action="pin_root", entity="signing_key",
                     entity_key=root.username, old={"roots": known},
                     new={"fingerprint": fingerprint, "workstation": workstation()},
                     reason=f"trusted on this workstation after the break-glass recovery of "
                            f"event {event.seq}; fingerprint checked by {admin.username}")
        pins[_pin_key(store, session)] = [*known, fingerprint]
        if not _write_pins(pins):  # (the event is then rolled back)
            raise EnvironmentFault(f"the pin file {_pins()} could not be written; nothing is "
                                   "trusted here")
    return PinnedRoot(fingerprint, root.username, event.seq, previous)


def check_key(store: Store, session: Session, key_id: int) -> CheckedKey | str:
    """Follow ``key_id``'s certificates to the site root; a :class:`CheckedKey` or the
    problem in words (a forged or missing certificate, an issuer that is not an
    administrator, a root that is not the site's)."""
    key = session.get(SigningKey, key_id)
    if key is None:
        return f"signing key {key_id} is missing"
    leaf, seen = key, set()
    while True:
        if key.id in seen:
            return f"the certificates of {leaf.username}'s key go round in a circle"
        seen.add(key.id)
        if key.certificate is None or key.issuer_key_id is None:
            return f"the signing key of {key.username} has no certificate"
        issuer = session.get(SigningKey, key.issuer_key_id)
        if issuer is None:
            return f"the issuer of {key.username}'s certificate is missing"
        payload = certificate_payload(key, issuer.username, issuer.public_key)
        if not signing.signature_valid(issuer.public_key, payload, key.certificate):
            return f"the certificate of {key.username}'s signing key is not valid"
        if issuer.role != "administrator":
            return f"{key.username}'s key was certified by {issuer.username}, not an administrator"
        if issuer.id == key.id:
            break
        key = issuer
    if not key.is_root:
        return f"{leaf.username}'s key does not lead back to the site's root key"
    pin_problem = _pinned_root(store, session, key)
    if pin_problem is not None:
        return pin_problem
    return CheckedKey(leaf.id, leaf.username, leaf.full_name, leaf.role,
                      signing.fingerprint(leaf.public_key))
