"""The MRD chart draws its threshold lines from the protocol file, not from constants."""

from __future__ import annotations

import dataclasses
from typing import Any

from interfant_desktop.protocol import load_protocol
from interfant_desktop.ui.widgets.mrd_chart import MrdChart, mrd_thresholds, threshold_label


def test_the_lines_are_the_protocol_files_mrd_thresholds() -> None:
    protocol = load_protocol()
    assert mrd_thresholds(protocol) == (1.0, 0.05, 0.01)
    changed = dataclasses.replace(protocol, thresholds={**protocol.thresholds,
                                                        "b1_mrd_percent": 0.005})
    assert mrd_thresholds(changed) == (1.0, 0.05, 0.01, 0.005)


def test_threshold_labels_give_percent_and_fraction() -> None:
    assert threshold_label(1.0) == "1 % (10⁻²)"
    assert threshold_label(0.05) == "0.05 % (5×10⁻⁴)"
    assert threshold_label(0.01) == "0.01 % (10⁻⁴)"


def test_the_chart_paints_the_lines_it_was_given(qtbot: Any) -> None:
    chart = MrdChart((2.0, 0.1))
    qtbot.addWidget(chart)
    chart.resize(560, 260)
    chart.grab()  # paints without a warning
    assert [label for _, label in chart.thresholds] == ["2 % (2×10⁻²)", "0.1 % (10⁻³)"]
    assert "2 %, 0.1 %" in chart.accessibleName()
