"""Loading the Qt Linguist translations (``resources/translations/interfant_<locale>.qm``)."""

from __future__ import annotations

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from interfant_desktop.paths import resources_dir


def install_translations(app: QApplication, locale: QLocale | None = None) -> list[QTranslator]:
    """Install the app's and Qt's own translations for ``locale`` (default: the system's).

    English is the source language, so a missing ``.qm`` simply leaves English.
    """
    locale = locale or QLocale()
    installed: list[QTranslator] = []
    folder = resources_dir() / "translations"
    app_translator = QTranslator(app)
    if app_translator.load(locale, "interfant", "_", str(folder)):
        app.installTranslator(app_translator)
        installed.append(app_translator)
    qt_translator = QTranslator(app)
    if qt_translator.load(locale, "qtbase", "_",
                          QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt_translator)
        installed.append(qt_translator)
    return installed
