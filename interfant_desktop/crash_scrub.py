"""Crash reports without patient data: values are taken out of exception texts.

A crash report goes to support, so it must not carry what was being edited: the
exception's message often quotes the value that failed (``invalid date
'2024-02-30'``, ``no patient with study ID 'FZ-42'``). :func:`scrub_text` replaces

* the values given as ``known`` (the open patient's study ID and name) by ``<value>``,
* every quoted part (``'...'``, ``"..."``) by ``'<value>'``,
* every number by ``<n>`` (ages, weights, counts, the digits of identifiers),

and keeps the words around them, which say what went wrong.
:func:`scrub_exception` formats a traceback like :func:`traceback.format_exception`
(chained exceptions and notes included) with each message scrubbed; the code lines
and line numbers of the traceback stay, they are the app's, not the patient's.
No Qt here: the crash-log writer and the GUI's crash dialog both use it.
"""

from __future__ import annotations

import re
import traceback
from collections.abc import Iterable
from types import TracebackType

VALUE = "<value>"
_QUOTED = re.compile(r"'[^'\n]*'|\"[^\"\n]*\"")
_NUMBER = re.compile(r"\d+(?:[.,:/-]\d+)*")


def scrub_text(text: str, known: Iterable[str] = ()) -> str:
    """``text`` with known values, quoted values and numbers replaced (see module)."""
    for value in sorted({v for v in known if v and v.strip()}, key=len, reverse=True):
        text = text.replace(value, VALUE)
    text = _QUOTED.sub(f"'{VALUE}'", text)
    return _NUMBER.sub("<n>", text)


def scrub_exception(exc_type: type[BaseException], exc: BaseException,
                    tb: TracebackType | None, known: Iterable[str] = ()) -> str:
    """The traceback of ``exc`` with every exception message (and note) scrubbed."""
    values = list(known)
    parts: list[str] = []
    seen: set[int] = set()
    current: BaseException | None = exc
    current_type: type[BaseException] = exc_type
    current_tb = tb
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        block = ["Traceback (most recent call last):\n", *traceback.format_tb(current_tb)] \
            if current_tb is not None else []
        block.append(_message_line(current_type, current, values))
        parts.insert(0, "".join(block))
        cause = current.__cause__
        if cause is not None:
            parts.insert(0, "\nThe above exception was the direct cause of the following "
                            "exception:\n\n")
            current = cause
        elif current.__context__ is not None and not current.__suppress_context__:
            parts.insert(0, "\nDuring handling of the above exception, another exception "
                            "occurred:\n\n")
            current = current.__context__
        else:
            current = None
        if current is not None:
            current_type, current_tb = type(current), current.__traceback__
    return "".join(parts)


def scrub_summary(exc_type: type[BaseException], exc: BaseException,
                  known: Iterable[str] = ()) -> str:
    """One line: the exception's type and scrubbed message."""
    return " ".join(_message_line(exc_type, exc, list(known)).split())


def _message_line(exc_type: type[BaseException], exc: BaseException, known: list[str]) -> str:
    name = exc_type.__qualname__
    module = exc_type.__module__
    if module not in ("builtins", "__main__"):
        name = f"{module}.{name}"
    try:
        message = str(exc)
    except Exception:  # a broken __str__ must not hide the crash
        message = "(message unavailable)"
    line = f"{name}: {scrub_text(message, known)}\n" if message else f"{name}\n"
    for note in getattr(exc, "__notes__", None) or ():
        line += scrub_text(str(note), known) + "\n"
    return line
