"""The hospital number as the screens show it after "MRN": the same rule as the printed
sheets (``orders/hospital_number.py``), for the GUI, which does not import ``orders``."""

from __future__ import annotations

from interfant_desktop.orders.hospital_number import number_alone

__all__ = ["number_alone"]
