"""Where the app's read-only resources live: inside the installed package, or
the repository's top-level ``resources/`` folder in a development checkout,
or the PyInstaller bundle."""

from __future__ import annotations

import os
import sys
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def resources_dir() -> Path:
    """The folder holding the protocol file, schemas, fonts and translations."""
    candidates = [
        _PACKAGE_DIR / "resources",  # wheel install (force-included)
        _PACKAGE_DIR.parent / "resources",  # development checkout
    ]
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        candidates.insert(0, Path(bundle) / "resources")
    for candidate in candidates:
        if (candidate / "protocol").is_dir():
            return candidate
    raise FileNotFoundError("the resources folder was not found beside the app")


def resource(*parts: str) -> Path:
    """The path of one resource file, e.g. ``resource("fonts", "DejaVuSans.ttf")``."""
    return resources_dir().joinpath(*parts)


#: The per-user folder name (platformdirs) for the database, logs and crash logs.
APP_DIR_NAME = "interfant-desktop"


def user_data_dir() -> Path:
    """The per-user data folder: ``INTERFANT_DATA_DIR`` if set, else the platform's
    (``~/.local/share/interfant-desktop`` on Linux). Not created here."""
    override = os.environ.get("INTERFANT_DATA_DIR")
    if override:
        return Path(override)
    from platformdirs import user_data_dir as platform_dir  # only when needed (start-up time)

    return Path(platform_dir(APP_DIR_NAME))
