"""An order stored by an earlier release reprints with the content hash its first print
carried (issue 10): the sheet is rebuilt from the stored content by this release's code,
and the hash is taken from what was stored.

``stored/order-<commit>.json`` holds what the order service of that commit stored for a
fictitious M2 order (``services.order_sheet.sheet_content``) and the content hash its
print showed (QR code and footer). Never re-record them: they are what was printed.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from interfant_desktop.orders import (
    DocumentInfo,
    OrderStatus,
    Signature,
    content_hash,
    qr_payload,
    render_order_pdf,
    stored_content_hash,
)
from interfant_desktop.services.order_sheet import sheet_content, sheet_from_content
from tests.orders.pdftext import all_text
from tests.orders.sheets import AMS, cycle2_sheet, m1_sheet, m2_sheet, signed

STORED = sorted((Path(__file__).parent / "stored").glob("order-*.json"))
#: The reprint: a later time, a newer app, verified.
REPRINTED_AT = dt.datetime(2026, 12, 2, 8, 15, tzinfo=AMS)
FIRST_PRINTED = dt.datetime(2026, 5, 23, 9, 30, tzinfo=AMS)


def _reprint(stored: dict[str, Any]) -> tuple[Any, str]:
    """The sheet this release rebuilds from the stored content for a reprint (as
    ``services.order_printing`` does), and the hash it prints on it."""
    made = stored["document"]
    document = DocumentInfo(made["order_id"], made["protocol_name"], made["protocol_version"],
                            "9.9.9", REPRINTED_AT, FIRST_PRINTED)
    status = OrderStatus("verified", Signature("Dr Fictitious Vos", FIRST_PRINTED, "doc"),
                         Signature("Pharmacist Fictitious Olsen", FIRST_PRINTED, "pharma"))
    sheet = sheet_from_content(stored["sheet"], document, status)
    return sheet, stored_content_hash(stored["sheet"], document)


@pytest.mark.parametrize("path", STORED, ids=[p.stem for p in STORED])
def test_an_order_stored_by_an_earlier_release_reprints_with_its_hash(path: Path) -> None:
    stored = json.loads(path.read_text(encoding="utf-8"))
    sheet, digest = _reprint(stored)
    assert digest == stored["content_hash"]
    text = " ".join(all_text(render_order_pdf(sheet, digest)).split())
    assert f"content SHA-256 {digest[:16]}…" in text
    assert "COPY" in text and "mcg" in text and "µg" not in text
    # stored with its label ("MRN 0099001"): the reprint names the number once
    assert stored["sheet"]["patient"]["hospital_number"] == "MRN 0099001"
    assert "MRN 0099001" in text and "MRN MRN" not in text and "(MRN) MRN" not in text
    assert f"SHA256={digest.upper()};" in qr_payload(sheet, digest)


def test_the_hash_of_the_rebuilt_sheet_alone_would_change_for_an_older_order() -> None:
    # Why the hash comes from the stored content: the sheet has gained a field since
    # 0fd3bb7 (clinician decisions), which the rebuilt sheet fills with its default.
    stored = json.loads((Path(__file__).parent / "stored" / "order-0fd3bb7.json").read_text("utf-8"))
    assert "clinician_decisions" not in stored["sheet"]["clinical"]
    sheet, digest = _reprint(stored)
    assert content_hash(sheet) != digest == stored["content_hash"]


@pytest.mark.parametrize("make", [m1_sheet, m2_sheet, cycle2_sheet, lambda: signed(m1_sheet(), True)])
def test_a_sheet_stored_now_has_the_same_hash_either_way(make: Any) -> None:
    sheet = make()
    stored = json.loads(json.dumps(sheet_content(sheet)))  # as the database keeps it
    assert stored_content_hash(stored, sheet.document) == content_hash(sheet)


@pytest.mark.skipif(shutil.which("zbarimg") is None or shutil.which("pdftoppm") is None,
                    reason="zbarimg (zbar-tools) and pdftoppm (poppler-utils) are test packages")
def test_the_reprint_qr_code_carries_the_original_hash(tmp_path: Path) -> None:
    stored = json.loads(STORED[0].read_text(encoding="utf-8"))
    sheet, digest = _reprint(stored)
    (tmp_path / "order.pdf").write_bytes(render_order_pdf(sheet, digest))
    subprocess.run(["pdftoppm", "-r", "100", "-gray", "-png", "-f", "1", "-l", "1", "-singlefile",
                    str(tmp_path / "order.pdf"), str(tmp_path / "p1")], check=True)
    out = subprocess.run(["zbarimg", "-q", "--raw", str(tmp_path / "p1.png")],
                         capture_output=True, text=True, check=False)
    assert f"SHA256={stored['content_hash'].upper()};" in out.stdout
