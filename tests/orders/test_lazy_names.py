"""The orders package's names load their module on first use (issue 10): each is the
object its module defines, and importing a small module of the package (the hospital
number's form, the treatment summary's types) or the content hash loads no order model."""

from __future__ import annotations

import importlib
import subprocess
import sys

import pytest

import interfant_desktop.orders as orders
from interfant_desktop.orders import model, render
from tests.conftest import REPO


def test_every_name_is_its_module_s_object() -> None:
    names = orders.__all__
    assert len(names) == len(set(names))
    assert set(model.__all__) | set(orders._CONTENT_HASH) | set(orders._RENDER) \
        | {"render_order_pdf"} == set(names)
    for name in model.__all__:
        assert getattr(orders, name) is getattr(model, name), name
    hashing = importlib.import_module("interfant_desktop.orders.content_hash")
    for name in orders._CONTENT_HASH:  # (orders.content_hash is the function, as before)
        assert getattr(orders, name) is getattr(hashing, name), name
    assert orders.WATERMARK == render.WATERMARK


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'OrderSheets'"):
        orders.OrderSheets  # noqa: B018


def test_the_small_modules_load_no_order_model() -> None:
    code = ("import sys\n"
            "import interfant_desktop.orders.hospital_number, interfant_desktop.orders.summary_model\n"
            "from interfant_desktop.orders import content_hash\n"
            "assert callable(content_hash)\n"
            "print(sorted(m for m in sys.modules if m.startswith('interfant_desktop.orders')))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=REPO, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == (
        "['interfant_desktop.orders', 'interfant_desktop.orders.content_hash', "
        "'interfant_desktop.orders.hospital_number', 'interfant_desktop.orders.summary_model']")
