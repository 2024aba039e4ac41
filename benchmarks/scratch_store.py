"""A benchmark's own database and arguments: a fresh temporary data folder, and the store opened in it
(a new SQLite file there, or the ``--db`` URL given)."""

from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path
from typing import Any


def scratch_store(prefix: str, url: str | None) -> Any:
    """Point the app's data folder at a new temporary folder and open the store: ``url``,
    else ``bench.sqlite3`` in that folder. Call before the app's modules read the folder."""
    folder = Path(tempfile.mkdtemp(prefix=prefix))
    os.environ["INTERFANT_DATA_DIR"] = str(folder)
    from interfant_desktop.services.store_access import open_store

    return open_store(url or f"sqlite:///{folder / 'bench.sqlite3'}")


def bench_arguments(doc: str, count: str, default: int) -> argparse.Namespace:
    """``--<count> N`` (how much to build) and ``--db URL`` (default: a new SQLite file)."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument(f"--{count}", type=int, default=default)
    parser.add_argument("--db", metavar="URL", help="database URL (default: a new SQLite file)")
    return parser.parse_args()
