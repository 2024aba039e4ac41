"""Issue 15, item 2 on Windows: files with patient data get an access list of the
current user alone (a Windows ACL), as POSIX systems get 0700/0600. This CI runs on
Linux, so the test plays Windows: ``os.name`` checks in ``private_files`` say Windows and
``icacls`` is recorded, with what the file held when its access list was set."""

from __future__ import annotations

import logging
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest

from interfant_desktop import private_files
from interfant_desktop.paths import user_data_dir
from interfant_desktop.services.permissions import CurrentUser
from interfant_desktop.services.store_access import Store

ACCOUNT = "WARD3\\dr.vos"


class Icacls:
    """Records each icacls call and the size of its file at that moment."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, returncode: int = 0) -> None:
        self.calls: list[tuple[list[str], int | None]] = []
        self.returncode = returncode
        monkeypatch.setattr(private_files, "_WINDOWS", True)
        monkeypatch.setattr(private_files, "_POSIX", False)
        monkeypatch.setattr(private_files.subprocess, "run", self.run)
        monkeypatch.setenv("USERDOMAIN", "WARD3")
        monkeypatch.setenv("USERNAME", "dr.vos")

    def run(self, argv: list[str], **_: Any) -> subprocess.CompletedProcess[str]:
        path = Path(argv[1])
        self.calls.append((argv, path.stat().st_size if path.is_file() else None))
        return subprocess.CompletedProcess(argv, self.returncode, "", "")

    def targets(self) -> list[str]:
        return [Path(argv[1]).name for argv, _ in self.calls]


def test_the_data_folder_gets_an_inherited_list_of_the_user_alone(
        monkeypatch: pytest.MonkeyPatch) -> None:
    icacls = Icacls(monkeypatch)
    folder = user_data_dir()
    private_files.secure_data_folder(folder)
    assert icacls.calls == [(["icacls", str(folder), "/inheritance:r", "/grant:r",
                              f"{ACCOUNT}:(OI)(CI)F"], None)]
    with private_files.open_private(folder / "interfant-desktop.log", "a", encoding="utf-8") as fh:
        fh.write("inherits the folder's list\n")
    assert len(icacls.calls) == 1  # inside the data folder: nothing more to do


def test_a_backup_and_a_key_file_outside_it_get_one_before_they_hold_anything(
        store: Store, users: dict[str, CurrentUser], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    from interfant_desktop.services import patients
    from interfant_desktop.services.backup import backup_database
    from interfant_desktop.services.backup_crypto import new_key_file
    from tests.store.fixtures import fictitious_case

    patients.import_case(store, users["doc"], fictitious_case("WIN-1"))
    icacls = Icacls(monkeypatch)
    key = new_key_file(tmp_path / "backup.key")
    backup_database(store, users["admin"], tmp_path / "site.json", key)
    summary = tmp_path / "summary.pdf"
    with private_files.open_private(summary, "wb") as fh:
        fh.write(b"%PDF")
    assert icacls.targets() == ["backup.key", f".site.json.tmp-{os.getpid()}",
                                "summary.pdf"]
    for argv, size in icacls.calls:
        assert argv[2:] == ["/inheritance:r", "/grant:r", f"{ACCOUNT}:F"]
        assert size == 0  # restricted before the first byte of patient data
    assert (tmp_path / "site.json").is_file()


def test_a_list_that_cannot_be_set_is_logged(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                             caplog: pytest.LogCaptureFixture) -> None:
    Icacls(monkeypatch, returncode=5)  # access denied
    with caplog.at_level(logging.WARNING, logger="interfant_desktop.files"):
        private_files.owner_only(tmp_path)
    assert f"could not restrict the access list of {tmp_path} (icacls exit 5)" in caplog.text
