"""How MRD values and ages are written on screen."""

from __future__ import annotations

from interfant_desktop.ui.formatting import age_text, mrd_result_text, power_of_ten_text


def test_mrd_powers_of_ten() -> None:
    assert power_of_ten_text(0.01) == "1×10⁻⁴"
    assert power_of_ten_text(0.05) == "5×10⁻⁴"
    assert power_of_ten_text(1) == "1×10⁻²"
    assert power_of_ten_text(0.03) == "3×10⁻⁴"


def test_mrd_result_kinds() -> None:
    assert mrd_result_text({"percent": 0.03}) == "0.03 % (3×10⁻⁴)"
    assert mrd_result_text("undetectable") == "undetectable"
    text = mrd_result_text({"positive_not_quantifiable": True, "quantitative_range_percent": 0.01})
    assert "not quantifiable" in text and "1×10⁻⁴" in text


def test_age_text() -> None:
    assert age_text(None) == "—"
    assert age_text(118).startswith("118 days")
