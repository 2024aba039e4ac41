"""Benchmark (not a test): warm render time of one blinatumomab order PDF.

Run from the repository root::

    .venv/bin/python benchmarks/bench_order_pdf.py [--runs N]

It builds the order sheet of a fictitious M2 (step dosing) case through the engine and
the order service, renders it once to warm up (font registration, imports), then
reports the median of N renders. As a baseline measured in the same run on the same
machine it renders a one-line reportlab PDF with the same embedded font, and prints
the ratio, so a slow machine and a slow renderer can be told apart. Target: < 200 ms.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

TARGET_MS = 200.0


def _median_ms(fn: Callable[[], object], runs: int) -> float:
    fn()  # warm-up
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def _baseline() -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    from interfant_desktop.orders import fonts

    fonts.register_fonts()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, initialFontName=fonts.REGULAR)
    canvas.setFont(fonts.REGULAR, 10)
    canvas.drawString(72, 720, "Blinatumomab 6 mcg/day — one line baseline")
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30, help="timed renders (default 30)")
    args = parser.parse_args()

    from interfant_desktop.orders import render_order_pdf
    from interfant_desktop.protocol import evaluate, load_protocol, parse_case
    from interfant_desktop.services.order_sheet import build_order_sheet
    from tests.orders.cases import case

    today = dt.date(2026, 11, 20)
    protocol = load_protocol()
    parsed = parse_case(case("M2", name="Zoë van der Berg さくら"), protocol, today)
    sheet = build_order_sheet(parsed, evaluate(parsed, protocol, today), 1,
                              order_id="BENCH-1", printed_at=dt.datetime.now().astimezone())

    order_ms = _median_ms(lambda: render_order_pdf(sheet), args.runs)
    baseline_ms = _median_ms(_baseline, args.runs)
    size = len(render_order_pdf(sheet))
    print(f"order PDF (M2 step dosing, 1 page, {size} bytes): median {order_ms:.1f} ms "
          f"over {args.runs} warm runs")
    print(f"baseline one-line reportlab PDF:                     median {baseline_ms:.1f} ms")
    print(f"ratio order/baseline: {order_ms / baseline_ms:.1f}x; target < {TARGET_MS:.0f} ms: "
          f"{'met' if order_ms < TARGET_MS else 'NOT met'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
