"""The one strict reader of case-file text, used by every entry point (``evaluate``,
``order``, ``import``, the GUI): bytes in, decoded JSON out, or a :class:`CaseError`
naming the field.

Python's ``json`` module accepts things a clinical record must not (D12): a key given
twice in one object (the last silently wins: ``"consent": false, "consent": true``
reads as consented), ``\\ud800`` escapes that decode to a lone surrogate (not valid
Unicode, it cannot even be printed), ``NaN``/``Infinity``, and nesting deep enough to
exhaust the interpreter's recursion. This reader refuses each of them, handles a
UTF-8 byte-order mark the same everywhere (it is skipped) and caps the size of a file.

The common case (no backslash escape in the text) costs one ``orjson.loads`` and one
``orjson.dumps``: a key given twice leaves fewer colons in the data written back than the
text has, and a text with few brackets cannot nest deeply. Anything else, and anything orjson
refuses or reads differently (an integer beyond 64 bits), goes through the full reader:
``json.loads`` with a hook per object. Its deeper checks (the path of a too-deep value,
of a lone surrogate, of a duplicate key) run only when a cheap scan of the text says
they are needed.
"""

from __future__ import annotations

import json
import re
from typing import Any

import orjson

from interfant_desktop.protocol.case import MAX_DEPTH, CaseError, json_path, too_deep_path

#: A case file larger than this is not a plausible record of one patient.
MAX_BYTES = 2_000_000
_BOM = "\ufeff"
# An escaped UTF-16 surrogate half (a valid pair decodes to one character and passes).
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")


class _DuplicateKey(ValueError):
    pass


def _strict_object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    obj = dict(pairs)
    if len(obj) != len(pairs):
        raise _DuplicateKey
    return obj


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


class _Pairs(list):  # type: ignore[type-arg]
    """An object kept as its list of pairs (only to find where a duplicate key is)."""


def _duplicate_path(text: str) -> str:
    """The JSON path of the first key given twice in one object."""
    data = json.loads(text, object_pairs_hook=_Pairs)
    stack: list[tuple[tuple[Any, ...], Any]] = [((), data)]
    while stack:
        path, node = stack.pop()
        if isinstance(node, _Pairs):
            seen: set[str] = set()
            for key, _value in node:
                if key in seen:
                    return json_path((*path, key))
                seen.add(key)
            stack.extend(((*path, k), v) for k, v in reversed(node))
        elif isinstance(node, list):
            stack.extend(((*path, i), v) for i, v in reversed(list(enumerate(node))))
    return "(case)"  # pragma: no cover - only called after a duplicate was seen


def _depth(text: str) -> int:
    """How deeply arrays and objects nest, from the brackets outside strings."""
    brackets = _NOT_BRACKET.sub("", _STRING.sub("", text))
    depth = deepest = 0
    for char in brackets:
        if char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth -= 1
    return deepest


def lone_surrogate_path(data: Any) -> str | None:
    """The JSON path of the first string (or key) that is not valid Unicode, if any."""
    stack: list[tuple[tuple[Any, ...], Any]] = [((), data)]
    while stack:
        path, node = stack.pop()
        if isinstance(node, str):
            if not _encodable(node):
                return json_path(path)
        elif isinstance(node, dict):
            for key, value in node.items():
                if not _encodable(key):
                    return json_path((*path, key))
                stack.append(((*path, key), value))
        elif isinstance(node, list):
            stack.extend(((*path, i), v) for i, v in enumerate(node))
    return None


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _fast_decode(text: str) -> Any:
    """The decoded text when it has no escape and orjson reads it as json would with
    every check passing; ``_SLOW`` otherwise (the full reader then decides).

    Without an escape every colon of the text is either the separator of one key or a
    character inside a string, and orjson writes the decoded data back the same way; a
    key given twice leaves one pair (one separator at least) out of the data, so the
    data written back has fewer colons than the text.
    """
    if "\\" in text:  # an escape may hide a colon or a surrogate: the full reader decides
        return _SLOW
    try:
        data = orjson.loads(text)
    except orjson.JSONDecodeError:
        return _SLOW
    # Every array or object opens with a bracket: with few brackets the depth is small.
    if text.count("[") + text.count("{") > MAX_DEPTH and _depth(text) > MAX_DEPTH:
        return _SLOW
    written = orjson.dumps(data)
    # orjson writes a float of 1e16 or more as 1e+16: it may have read an integer beyond
    # 64 bits as a float (json reads it as an integer), so the json module decides.
    if b"e+" in written:
        return _SLOW
    return data if written.count(b":") == text.count(":") else _SLOW


_SLOW = object()


def decode_case_json(raw: bytes | str) -> Any:
    """Decode case-file text strictly (see the module docstring); CaseError if refused."""
    if isinstance(raw, bytes):
        if len(raw) > MAX_BYTES:
            raise CaseError("(case)", f"is too large ({len(raw)} bytes; at most {MAX_BYTES})")
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise CaseError("(case)", f"is not UTF-8 text (byte {exc.start})") from None
    else:
        text = raw
        if len(text) > MAX_BYTES:
            raise CaseError("(case)", f"is too large ({len(text)} characters; at most {MAX_BYTES})")
    if text.startswith(_BOM):
        text = text[1:]
    fast = _fast_decode(text)
    return _strict_decode(text) if fast is _SLOW else fast


def _strict_decode(text: str) -> Any:
    """The full reader: json.loads with every check, and the field named when refused."""
    # Every object or array opens with a bracket: with few brackets the depth is small.
    deep = (text.count("[") + text.count("{")) > MAX_DEPTH and _depth(text) > MAX_DEPTH
    try:
        data = json.loads(text, object_pairs_hook=_strict_object, parse_constant=_reject_constant)
    except _DuplicateKey:
        raise CaseError(_duplicate_path(text), "key given twice in one object") from None
    except RecursionError:
        raise CaseError("(case)", f"nested deeper than {MAX_DEPTH} levels") from None
    except json.JSONDecodeError as exc:
        raise CaseError("(case)", f"not valid JSON: {exc.msg} at line {exc.lineno} "
                                  f"column {exc.colno}") from None
    except ValueError as exc:
        raise CaseError("(case)", f"not valid JSON: {exc}") from None
    if deep:
        raise CaseError(too_deep_path(data) or "(case)", f"nested deeper than {MAX_DEPTH} levels")
    if _SURROGATE_ESCAPE.search(text):
        where = lone_surrogate_path(data)
        if where is not None:
            raise CaseError(where, "is not valid Unicode text (a lone surrogate)")
    return data
