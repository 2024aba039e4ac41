"""The smoke test's order check runs the real workflow: a physician starts and signs, a
pharmacist verifies blind, the sheet is printed (recorded) without a DRAFT watermark."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from interfant_desktop import smoke_test
from interfant_desktop.orders import render_order_pdf
from interfant_desktop.services import order_workflow
from tests.orders.sheets import m1_sheet, signed


def test_the_watermark_detector_tells_draft_from_verified_sheets() -> None:
    assert smoke_test._has_draft_watermark(render_order_pdf(m1_sheet()))
    assert smoke_test._has_draft_watermark(render_order_pdf(signed(m1_sheet())))
    assert not smoke_test._has_draft_watermark(render_order_pdf(signed(m1_sheet(), True)))


def test_order_check_goes_through_sign_blinded_verification_and_print(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INTERFANT_DATA_DIR", str(tmp_path))
    ctx = smoke_test._Context(folder=tmp_path, args=argparse.Namespace())
    try:
        smoke_test.check_database(ctx)
        smoke_test.check_sign_in(ctx)
        smoke_test.check_import_and_evaluate(ctx)
        line = smoke_test.check_order_pdf(ctx)
        assert "verified by a pharmacist (blinded re-entry) and printed" in line
        assert "no DRAFT watermark" in line
        (order,) = order_workflow.list_orders(ctx.store, ctx.user, ctx.study_id)
        assert order.started and order.status == "printed"
        assert (order.prescriber, order.verifier) == (smoke_test.SMOKE_PHYSICIAN,
                                                      smoke_test.SMOKE_PHARMACIST)
        assert [who for who, _at in order.prints] == [smoke_test.SMOKE_PHARMACIST]
        assert ctx.pdf.startswith(b"%PDF-") and not smoke_test._has_draft_watermark(ctx.pdf)
    finally:
        for cleanup in reversed(ctx.cleanups):
            cleanup()
