"""Reading order PDFs back for tests: upright text per page, watermark text, fonts."""

from __future__ import annotations

import io
from typing import Any

import pdfplumber
from pypdf import PdfReader


def _rotated(obj: dict[str, Any]) -> bool:
    """A character drawn at an angle (its text matrix has a shear/rotation part)."""
    matrix = obj.get("matrix")
    return obj.get("object_type") == "char" and matrix is not None and abs(matrix[1]) > 0.01


def page_texts(pdf: bytes) -> list[str]:
    """The horizontal (non-watermark) text of each page, as pdfplumber extracts it."""
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        return [page.filter(lambda obj: not _rotated(obj)).extract_text() for page in doc.pages]


def rotated_texts(pdf: bytes) -> list[str]:
    """The rotated text of each page (the diagonal watermark), characters in order."""
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        return ["".join(c["text"] for c in page.chars if _rotated(c)) for page in doc.pages]


def all_text(pdf: bytes) -> str:
    """Upright text of the whole document, pages joined by newlines."""
    return "\n".join(page_texts(pdf))


def font_descriptors(pdf: bytes) -> list[dict[str, Any]]:
    """Every font used on every page: base name, subtype, embedded font file key."""
    reader = PdfReader(io.BytesIO(pdf))
    found: dict[str, dict[str, Any]] = {}

    def visit(font: Any) -> None:
        font = font.get_object()
        name = str(font.get("/BaseFont"))
        descriptor = font.get("/FontDescriptor")
        for child in font.get("/DescendantFonts", []) or []:
            visit(child)
        files = []
        if descriptor is not None:
            descriptor = descriptor.get_object()
            files = [k for k in ("/FontFile", "/FontFile2", "/FontFile3") if k in descriptor]
        found.setdefault(name, {"name": name, "subtype": str(font.get("/Subtype")),
                                "files": files})

    for page in reader.pages:
        resources: Any = page.get("/Resources")
        fonts: Any = resources.get_object().get("/Font") if resources is not None else None
        for ref in (fonts.get_object().values() if fonts is not None else ()):
            visit(ref)
    return list(found.values())


def overlapping_text(pdf: bytes, tolerance: float = 0.3) -> list[tuple[int, str, str]]:
    """Pairs of upright words whose boxes overlap on a page: (page, word, word).

    Words are pdfplumber's (characters grouped by spacing); two boxes overlap when they
    share more than ``tolerance`` points both across and down. The diagonal watermark is
    left out: it is meant to lie over the text.
    """
    _, pages = read_back(pdf)
    return [(n, a, b) for n, words in enumerate(pages, start=1) for a, b in overlaps(words, tolerance)]


def read_back(pdf: bytes) -> tuple[list[str], list[list[dict[str, Any]]]]:
    """Upright text and words (with font name and size) of each page, read once."""
    texts, words = [], []
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        for page in doc.pages:
            upright = page.filter(lambda obj: not _rotated(obj))
            texts.append(upright.extract_text())
            words.append(upright.extract_words(x_tolerance=1.5, extra_attrs=["fontname", "size"]))
    return texts, words


def overlaps(words: list[dict[str, Any]], tolerance: float = 0.3) -> list[tuple[str, str]]:
    """Pairs of words (one page) whose boxes overlap by more than ``tolerance`` points."""
    ordered = sorted(words, key=lambda w: w["top"])
    found = []
    for i, a in enumerate(ordered):
        for b in ordered[i + 1:]:
            if b["top"] >= a["bottom"] - tolerance:
                break
            across = min(a["x1"], b["x1"]) - max(a["x0"], b["x0"])
            down = min(a["bottom"], b["bottom"]) - max(a["top"], b["top"])
            if across > tolerance and down > tolerance:
                found.append((a["text"], b["text"]))
    return found
