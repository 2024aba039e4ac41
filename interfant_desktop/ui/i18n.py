"""Loading the Qt Linguist translations (``resources/translations/interfant_<locale>.qm``).

The sources are regenerated from the code with (English is the source language;
``interfant_en.ts`` is the complete English catalogue translators start from)::

    .venv/bin/pyside6-lupdate -extensions py -source-language en -target-language <xx> \
        -no-obsolete interfant_desktop/ui -ts resources/translations/interfant_<xx>.ts
    .venv/bin/pyside6-lrelease resources/translations/interfant_<xx>.ts

Every user-visible string goes through ``self.tr`` or ``QCoreApplication.translate``
with a literal text, so lupdate finds it.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from interfant_desktop.paths import resources_dir


def install_translations(app: QCoreApplication, locale: QLocale | None = None) -> list[QTranslator]:
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


def update_english_catalogue() -> None:
    """Run lupdate over ``ui/``, fill English (translation = source), then lrelease."""
    import subprocess
    import sys
    import xml.etree.ElementTree as ET
    from pathlib import Path

    tools = Path(sys.executable).parent
    ts = resources_dir() / "translations" / "interfant_en.ts"
    ts.unlink(missing_ok=True)  # rebuilt from scratch: no obsolete entries
    subprocess.run([str(tools / "pyside6-lupdate"), "-extensions", "py", "-source-language", "en",
                    "-target-language", "en", "-no-obsolete", str(Path(__file__).parent),
                    "-ts", str(ts)], check=True)
    tree = ET.parse(ts)
    for message in tree.iter("message"):
        translation = message.find("translation")
        if translation is None:
            translation = ET.SubElement(message, "translation")
        translation.attrib.pop("type", None)
        translation.text = message.findtext("source")
    text = ET.tostring(tree.getroot(), encoding="unicode")
    ts.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + text + "\n",
                  encoding="utf-8")
    subprocess.run([str(tools / "pyside6-lrelease"), str(ts)], check=True)


if __name__ == "__main__":
    update_english_catalogue()
