"""Entry point: ``interfant-desktop`` and ``python -m interfant_desktop``."""

from __future__ import annotations

import sys

from interfant_desktop.cli import main as _main


def main() -> None:
    sys.exit(_main())


if __name__ == "__main__":
    main()
