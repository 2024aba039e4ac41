"""A hospital number typed or stored with its label ("MRN 0099001") is shown once
labelled: the label is left out of the number, the number itself is never changed."""

from __future__ import annotations

import pytest

from interfant_desktop.orders.hospital_number import number_alone


@pytest.mark.parametrize(("stored", "shown"), [
    ("0099001", "0099001"),
    ("MRN 0099001", "0099001"),
    ("mrn 0099001", "0099001"),
    ("MRN: 0099001", "0099001"),
    ("MRN:0099001", "0099001"),
    ("  MRN  0099001", "0099001"),
    ("MRN-ÅØ-0099001", "MRN-ÅØ-0099001"),  # a site's own number scheme, kept whole
    ("MRN0099001", "MRN0099001"),
    ("MRN", "MRN"),  # nothing after it: not a label
    ("MRN ", "MRN "),
    ("NL MRN 12", "NL MRN 12"),
])
def test_only_a_leading_typed_label_is_left_out(stored: str, shown: str) -> None:
    assert number_alone(stored) == shown
