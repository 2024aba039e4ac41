"""Service tests run on SQLite and on PostgreSQL (see fixtures.py)."""

import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.store.fixtures import db_url, pg_url, sqlite_url, store, users  # noqa: F401


@pytest.fixture
def full_disk(tmp_path: Path) -> Iterator[Path]:
    """A real, tiny file system (tmpfs, 32 KiB): a backup does not fit."""
    mount = tmp_path / f"small-{uuid.uuid4().hex[:6]}"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=32k", "tmpfs", str(mount)],
                          capture_output=True, check=False)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here: {done.stderr.decode().strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", str(mount)], check=False)
