"""The evaluation answer as JSON text: what ``interfant-desktop evaluate`` prints.

The answer (``Evaluation.to_json()``) is about 11 KB for a 0.7 KB case file, so writing
it is a large part of evaluating a file. orjson writes the same document as
``json.dumps(answer, ensure_ascii=False)``, several times faster: the same keys in the
same order, the same values (a float may be spelt differently, ``1e-5`` for ``1e-05``,
the same number), every non-ASCII character as itself. Like the UTF-8 output stream,
it refuses a string that is not valid Unicode (a lone surrogate). A value orjson does
not write (an integer beyond 64 bits, a key that is not text) falls back to the json
module, with the same refusal of text that is not valid Unicode.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import orjson


def answer_text(answer: Mapping[str, Any], *, indent: bool = False) -> str:
    """``answer`` as JSON text (two-space indented with ``indent``); ValueError for a
    string that is not valid Unicode."""
    return answer_bytes(answer, indent=indent).decode("utf-8")


def answer_bytes(answer: Mapping[str, Any], *, indent: bool = False, newline: bool = False) -> bytes:
    """:func:`answer_text` encoded as UTF-8 (with ``newline``, followed by ``\\n``): what
    the evaluate command writes to its byte stream, without a detour through ``str``."""
    option = (orjson.OPT_INDENT_2 if indent else 0) | (orjson.OPT_APPEND_NEWLINE if newline else 0)
    try:
        return orjson.dumps(answer, option=option)
    except orjson.JSONEncodeError as exc:
        if "surrogates" in str(exc):
            raise ValueError(f"the answer holds text that is not valid Unicode ({exc})") from None
    text = json.dumps(answer, ensure_ascii=False, indent=2 if indent else None)
    # raises UnicodeEncodeError (a ValueError) for a lone surrogate
    return (text + "\n" if newline else text).encode("utf-8")
