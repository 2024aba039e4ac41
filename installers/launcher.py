"""The frozen bundle's entry script (PyInstaller runs this file as ``__main__``).

It only hands over to the package's entry point, so the bundle behaves exactly like
the installed ``interfant-desktop`` command.
"""

from __future__ import annotations

import multiprocessing

from interfant_desktop.__main__ import main

if __name__ == "__main__":
    multiprocessing.freeze_support()
    main()
