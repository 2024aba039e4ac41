"""Printing paints each page image in bands (so the window keeps answering between two
drawImage calls); the bands must give exactly the pixels of one whole-page paint."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QImage, QPainter

from interfant_desktop.ui.orders import order_dialog
from interfant_desktop.ui.orders.order_dialog import draw_in_bands, on_white


def _page(width: int, height: int) -> QImage:
    """A transparent page with opaque and half-transparent marks across band edges."""
    image = QImage(width, height, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QColor(200, 0, 0))
    for y in range(3, height, 7):
        painter.drawLine(0, y, width - 1, height - 1 - y)
    painter.fillRect(QRect(5, 0, 9, height), QColor(0, 0, 255, 128))
    painter.end()
    return image


def _painted(page: QImage, paint: Any) -> QImage:
    target = QImage(page.size(), QImage.Format.Format_RGB32)
    target.fill(QColor(10, 20, 30))  # not white: every pixel of the page must be painted
    painter = QPainter(target)
    paint(painter)
    painter.end()
    return target


def test_bands_give_the_pixels_of_one_paint(monkeypatch: Any) -> None:
    monkeypatch.setattr(order_dialog, "PRINT_BAND_ROWS", 10)  # 10, 10, ... and a last band of 3
    page = on_white(_page(41, 73))
    whole = _painted(page, lambda p: p.drawImage(0, 0, page))
    banded = _painted(page, lambda p: draw_in_bands(p, page))
    assert banded == whole


def test_the_page_is_opaque_and_white_where_nothing_is_drawn() -> None:
    page = on_white(_page(41, 73))
    assert not page.hasAlphaChannel()
    assert QColor(page.pixel(40, 0)) == QColor(Qt.GlobalColor.white)
    assert QColor(page.pixel(9, 1)).blue() > 200  # the half-transparent blue, on white
