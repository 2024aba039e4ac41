"""Loading Qt without PySide6's per-import source scan.

Importing PySide6 replaces ``builtins.__import__`` with its ``__feature_import__``, which
exists only for ``from __feature__ import snake_case, true_property``. After every later
``import`` statement it calls ``feature_imported(module)``, which reads and tokenizes the
source file of each module not seen before (``inspect.getsource``) to learn whether the
module mentions PySide6. The app never selects a ``__feature__`` (a test keeps it so),
and with no feature selected that bookkeeping changes nothing; but it costs about 85 ms
of CPU at start-up (every SQLAlchemy, engine and service module is read twice).

:func:`skip_feature_scan` puts back the import function PySide6 wrapped
(``builtins.__orig_import__``: its lazy-loading import, itself wrapping Python's), so
imports behave as before minus the scan.
"""

from __future__ import annotations

import builtins


def skip_feature_scan() -> bool:
    """Load PySide6 and undo its ``__feature__`` import hook; True when it was undone."""
    import PySide6.QtCore  # noqa: F401  (installs the hook, once)

    wrapped = getattr(builtins, "__orig_import__", None)
    hook = getattr(builtins, "__feature_import__", None)
    if wrapped is None or hook is None or builtins.__import__ is not hook:
        return False  # another PySide6 version, or someone else's import hook: leave it
    builtins.__import__ = wrapped
    return True
