"""Which face sets each character: DejaVu Sans, or the CJK fallback where it has no glyph."""

from __future__ import annotations

from interfant_desktop.orders import fonts


def test_runs_switch_to_the_fallback_only_for_characters_dejavu_lacks() -> None:
    assert fonts.runs("Zoë さくら Ελένη") == (("Zoë ", False), ("さくら", True), (" Ελένη", False))
    assert fonts.runs("") == ()
    assert fonts.runs("山田 太郎") == (("山田", True), (" ", False), ("太郎", True))


def test_markup_escapes_before_it_wraps_the_fallback_runs() -> None:
    assert fonts.markup("<b>さ&") == (f'&lt;b&gt;<font name="{fonts.FALLBACK}">さ</font>&amp;')
