"""Embedded fonts for order sheets, with a per-script fallback.

DejaVu Sans (regular and bold) is the document font: it covers Latin with
diacritics (Zoë, Łucja, Søren), Greek (Ελένη) and Cyrillic (Анна). Japanese and
Chinese characters (さくら) are not in DejaVu; they are set in Droid Sans Fallback,
a TrueType-outline CJK font (Apache 2.0) that reportlab can embed. Both ship in
``resources/fonts`` with their licences, so nothing depends on the fonts installed on
the printing machine and no standard (unembedded) PDF font such as Helvetica is used.
"""

from __future__ import annotations

from functools import lru_cache
from xml.sax.saxutils import escape

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from interfant_desktop.paths import resource

REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
FALLBACK = "DroidSansFallback"

_FILES = {
    REGULAR: "DejaVuSans.ttf",
    BOLD: "DejaVuSans-Bold.ttf",
    FALLBACK: "DroidSansFallbackFull.ttf",
}


@lru_cache(maxsize=1)
def register_fonts() -> None:
    """Register the embedded fonts with reportlab (once per process)."""
    for name, filename in _FILES.items():
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, str(resource("fonts", filename))))
    pdfmetrics.registerFontFamily(REGULAR, normal=REGULAR, bold=BOLD, italic=REGULAR,
                                  boldItalic=BOLD)
    # One weight only: bold CJK text inside a bold run stays in the fallback face.
    pdfmetrics.registerFontFamily(FALLBACK, normal=FALLBACK, bold=FALLBACK, italic=FALLBACK,
                                  boldItalic=FALLBACK)


@lru_cache(maxsize=1)
def _primary_glyphs() -> frozenset[int]:
    register_fonts()
    font = pdfmetrics.getFont(REGULAR)
    return frozenset(font.face.charToGlyph)


def covered(char: str) -> bool:
    """True when DejaVu Sans has a glyph for ``char`` (whitespace always counts)."""
    return char.isspace() or ord(char) in _primary_glyphs()


@lru_cache(maxsize=4096)
def runs(text: str) -> tuple[tuple[str, bool], ...]:
    """Split ``text`` into runs of (text, needs_fallback). Cached: a sheet measures and
    draws the same few strings (names, units, headings) many times over."""
    glyphs = _primary_glyphs()
    out: list[tuple[str, bool]] = []
    start, previous = 0, None
    for index, char in enumerate(text):
        fallback = not (char.isspace() or ord(char) in glyphs)
        if fallback is not previous and previous is not None:
            out.append((text[start:index], previous))
            start = index
        previous = fallback
    if previous is not None:
        out.append((text[start:], previous))
    return tuple(out)


@lru_cache(maxsize=4096)
def markup(text: str) -> str:
    """Paragraph markup for plain (possibly patient-entered) text.

    The text is XML-escaped first, so ``<``, ``&`` and ``>`` print literally and can
    never inject Paragraph markup; characters DejaVu lacks are wrapped in the CJK
    fallback font.
    """
    parts = []
    for chunk, fallback in runs(text):
        escaped = escape(chunk)
        parts.append(f'<font name="{FALLBACK}">{escaped}</font>' if fallback else escaped)
    return "".join(parts)
