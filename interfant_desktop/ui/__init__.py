"""ui layer (Qt only here).

Qt is loaded first, without PySide6's per-import source scan
(:mod:`interfant_desktop.ui.qt_imports`), so every module the GUI loads after it
loads at plain Python speed.
"""

from interfant_desktop.ui.qt_imports import skip_feature_scan

skip_feature_scan()
