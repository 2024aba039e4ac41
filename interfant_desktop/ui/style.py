"""The one stylesheet of the app: calm, clinical, high contrast, scaled by Qt.

Colour is never the only signal: every coloured banner or badge also carries a
word or symbol (see ``widgets/banner.py``). Sizes are in points so that
``QT_SCALE_FACTOR`` and the system DPI scale them.
"""

from __future__ import annotations

from typing import NamedTuple


class Tone(NamedTuple):
    """A colour pair: the fill, and the border and text drawn on it."""

    background: str
    text: str


#: Semantic colours used by banners, badges and charts.
COLOURS: dict[str, Tone] = {
    "ok": Tone("#e6f4ea", "#1e6b34"),
    "warn": Tone("#fff4d6", "#7a5200"),
    "bad": Tone("#fde8e8", "#9b1c1c"),
    "info": Tone("#e8f0fb", "#1d4f91"),
    "neutral": Tone("#f1f3f5", "#3d4852"),
    "training": Tone("#ffe9a8", "#5c3d00"),
}

ACCENT = "#1d5fa8"
TEXT = "#1f2933"
MUTED = "#5f6b76"

STYLESHEET = f"""
QWidget {{ color: {TEXT}; font-size: 10pt; }}
QMainWindow, QDialog {{ background: #f7f8fa; }}
QLabel#PageTitle {{ font-size: 16pt; font-weight: 600; }}
QLabel#SectionTitle {{ font-size: 12pt; font-weight: 600; margin-top: 6px; }}
QLabel#Muted, QLabel[muted="true"] {{ color: {MUTED}; }}
QLabel#FieldError {{ color: #9b1c1c; font-weight: 600; }}
QLabel#FieldHint {{ color: {MUTED}; }}
QLabel#UserBadge {{ color: {MUTED}; }}
QLabel#RuleId {{ font-family: monospace; font-weight: 600; }}
QFrame#Card {{ background: white; border: 1px solid #d8dde3; border-radius: 6px; }}
QFrame#Header {{ background: white; border-bottom: 1px solid #d8dde3; }}
QFrame#TrainingBanner {{ background: {COLOURS['training'].background};
    border-bottom: 2px solid {COLOURS['training'].text}; }}
QLabel#TrainingBannerText {{ color: {COLOURS['training'].text}; font-weight: 700;
    letter-spacing: 1px; }}
QListWidget#StepList {{ background: white; border: none; border-right: 1px solid #d8dde3;
    outline: 0; }}
/* 6 px: all nine steps show beside the eligibility banner and a save line at 1280 × 640 */
QListWidget#StepList::item {{ padding: 6px 10px; border-left: 4px solid transparent; }}
QListWidget#StepList::item:selected {{ background: #e8f0fb; color: {TEXT};
    border-left: 4px solid {ACCENT}; font-weight: 600; }}
QListWidget#StepList::item:focus {{ outline: 0; }}
QTableView {{ background: white; border: 1px solid #d8dde3; gridline-color: #eceff3;
    selection-background-color: #d6e4f5; selection-color: {TEXT};
    alternate-background-color: #fafbfc; }}
QHeaderView::section {{ background: #f1f3f5; border: none; border-bottom: 1px solid #d8dde3;
    padding: 4px 6px; font-weight: 600; }}
QLineEdit, QComboBox, QDateEdit, QDoubleSpinBox, QSpinBox, QPlainTextEdit {{
    background: white; border: 1px solid #b8c0c8; border-radius: 4px; padding: 3px 6px; }}
QLineEdit:focus, QComboBox:focus, QDateEdit:focus, QPlainTextEdit:focus {{
    border: 2px solid {ACCENT}; }}
QLineEdit[invalid="true"], QComboBox[invalid="true"] {{ border: 2px solid #9b1c1c; }}
QPushButton {{ background: white; border: 1px solid #9aa5b1; border-radius: 4px;
    padding: 5px 14px; }}
QPushButton:hover {{ background: #eef2f6; }}
QPushButton:focus {{ border: 2px solid {ACCENT}; }}
QPushButton:default, QPushButton#Primary {{ background: {ACCENT}; color: white;
    border: 1px solid {ACCENT}; }}
/* After the Primary rule and as specific as it: a disabled Primary button looks disabled. */
QPushButton:disabled, QPushButton#Primary:disabled, QPushButton:default:disabled {{
    color: #7b8794; background: #e4e7eb; border: 1px dashed #b8c0c8; }}
QComboBox:disabled, QLineEdit:disabled, QPlainTextEdit:disabled, QDateEdit:disabled {{
    color: #5f6b76; background: #f1f3f5; }}
QLineEdit:read-only, QPlainTextEdit[readOnly="true"] {{ background: #f1f3f5; }}
QLabel#SaveStatus {{ padding: 4px 16px; font-weight: 600; }}
QLabel#SaveStatus[tone="ok"] {{ background: {COLOURS['ok'].background}; color: {COLOURS['ok'].text}; }}
QLabel#SaveStatus[tone="bad"] {{ background: {COLOURS['bad'].background}; color: {COLOURS['bad'].text}; }}
QScrollArea {{ border: none; background: transparent; }}
QScrollArea > QWidget > QWidget {{ background: transparent; }}
"""
