"""After a break-glass recovery on one workstation, another workstation refuses the new
root key until an administrator there checks its fingerprint and runs
``users pin-root FINGERPRINT``: re-authenticated, audited, and refused for a fingerprint
the database has no recovered root for (SQLite and PostgreSQL)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from sqlalchemy import select

from interfant_desktop.cli import main
from interfant_desktop.services import auth, recovery, signing_keys
from interfant_desktop.services.audit import verify_audit
from interfant_desktop.services.permissions import CurrentUser
from interfant_desktop.services.store_access import Store
from interfant_desktop.store.audit_signing import site_key_path
from interfant_desktop.store.models import AuditEvent
from tests.store.fixtures import PASSWORD

NEW_PASSWORD = "fictitious-recovered-9"


def _pin_root(monkeypatch: pytest.MonkeyPatch, url: str, fingerprint: str,
              password: str = NEW_PASSWORD) -> int:
    monkeypatch.setenv("INTERFANT_PASSWORD", password)
    return main(["--db", url, "--user", "admin", "users", "pin-root", fingerprint])


def _other_workstation(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, store: Store,
                       old_root: str) -> Path:
    """A second workstation: its own data folder with the site key file copied in (as
    installers/README.md says) and a pin file that knows only the old root (written as
    an older version named the database)."""
    folder = tmp_path / "ward-2"
    folder.mkdir()
    shutil.copy(site_key_path(), folder / site_key_path().name)
    (folder / signing_keys.PIN_FILE).write_text(json.dumps({store.describe(): [old_root]}),
                                                encoding="utf-8")
    monkeypatch.setenv("INTERFANT_DATA_DIR", str(folder))
    return folder


def test_another_workstation_trusts_the_recovered_root_once_pinned(
        store: Store, users: dict[str, CurrentUser], monkeypatch: pytest.MonkeyPatch,
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old_root = signing_keys.site_fingerprint(store)
    assert old_root is not None
    recovery.recovery_file(store).write_text("admin\n", encoding="utf-8")
    new_root = recovery.recover_administrator(store, "admin", NEW_PASSWORD).fingerprint
    folder = _other_workstation(monkeypatch, tmp_path, store, old_root)
    admin = auth.sign_in(store, "admin", NEW_PASSWORD)
    refused = verify_audit(store, admin).problems
    assert any("this workstation knows" in p and "users pin-root" in p for p in refused), refused

    url = store.url
    assert _pin_root(monkeypatch, url, "ABCD 1234") == 2  # not a fingerprint: bad input
    assert _pin_root(monkeypatch, url, " ".join(["0F0F"] * 16)) == 1  # nobody's key
    assert "no root key with the fingerprint" in capsys.readouterr().err
    assert _pin_root(monkeypatch, url, new_root, password="not the password") == 1
    assert "wrong user name or password" in capsys.readouterr().err
    assert _pin_root(monkeypatch, url, new_root.replace(" ", "").lower()) == 0
    assert f"now trusts the root key {new_root} of admin" in capsys.readouterr().out
    pins = json.loads((folder / signing_keys.PIN_FILE).read_text(encoding="utf-8"))
    assert [old_root, new_root] in pins.values()
    assert _pin_root(monkeypatch, url, new_root) == 1  # once is enough
    assert "already trusts" in capsys.readouterr().err

    with store.sessions() as session:
        (event,) = session.execute(select(AuditEvent).where(
            AuditEvent.action == "pin_root")).scalars()
    assert (event.username, event.entity_key) == ("admin", "admin")
    assert new_root in (event.new_value or "") and "fingerprint checked by admin" in (
        event.reason or "")
    report = verify_audit(store, auth.sign_in(store, "admin", NEW_PASSWORD))
    assert report.ok, report.problems


def test_a_root_no_recovery_made_is_not_pinned(
        store: Store, users: dict[str, CurrentUser], monkeypatch: pytest.MonkeyPatch,
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A root key written into the database directly (no break-glass recovery in the
    trail) is refused even with its right fingerprint."""
    from interfant_desktop.store import signing
    from interfant_desktop.store.models import SigningKey

    old_root = signing_keys.site_fingerprint(store)
    assert old_root is not None
    with store.transaction() as session:
        key = signing_keys._new_key(session, "dm", None, "administrator", PASSWORD)
        key.is_root = True
        signing_keys._certify(session, key, key,
                              signing.unlock(signing_keys.sealed_of(key), "dm", PASSWORD))
        rogue = signing.fingerprint(key.public_key)
        assert session.get(SigningKey, key.id) is not None
    _other_workstation(monkeypatch, tmp_path, store, old_root)
    assert _pin_root(monkeypatch, store.url, rogue, password=PASSWORD) == 1
    assert "no break-glass recovery in the audit trail made the root key" in \
        capsys.readouterr().err


def test_pinning_needs_the_password_again_and_an_administrator(
        store: Store, users: dict[str, CurrentUser], monkeypatch: pytest.MonkeyPatch,
        tmp_path: Path) -> None:
    from interfant_desktop.services.errors import PermissionDenied

    old_root = signing_keys.site_fingerprint(store)
    assert old_root is not None
    recovery.recovery_file(store).write_text("admin\n", encoding="utf-8")
    new_root = recovery.recover_administrator(store, "admin", NEW_PASSWORD).fingerprint
    _other_workstation(monkeypatch, tmp_path, store, old_root)
    with pytest.raises(PermissionDenied):
        signing_keys.pin_recovered_root(store, users["doc"], new_root, admin_password=PASSWORD)
    admin = auth.sign_in(store, "admin", NEW_PASSWORD)
    with pytest.raises(signing_keys.SignatureRefused, match="wrong password"):
        signing_keys.pin_recovered_root(store, admin, new_root, admin_password=PASSWORD)
    with store.sessions() as session:
        assert session.execute(select(AuditEvent).where(
            AuditEvent.action == "pin_root")).first() is None
