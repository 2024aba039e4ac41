"""A faster ``__init__`` for the engine's frozen records (same signature, same result).

``@dataclass(frozen=True, slots=True)`` makes a record that cannot be changed once built,
which the engine relies on (a case, a dose or a bag is shared, hashed, never altered). Its
generated ``__init__`` sets each field with ``object.__setattr__``, the slowest way to set
a slot; an evaluation builds a few dozen records per case. ``quick_init`` gives the class
an ``__init__`` with the same parameters and defaults that sets each slot through its own
descriptor (or, for a class without slots, writes its ``__dict__``), in about half the
time. The class stays frozen: assignment still raises.
"""

from __future__ import annotations

import dataclasses
from typing import Any, TypeVar

T = TypeVar("T")


def quick_init(cls: type[T]) -> type[T]:
    """Replace the ``__init__`` of a frozen dataclass (see the module docstring)."""
    params = getattr(cls, "__dataclass_params__", None)
    if params is None or not params.frozen or hasattr(cls, "__post_init__"):
        raise TypeError(f"quick_init needs a frozen dataclass: {cls.__name__}")
    slots = "__slots__" in cls.__dict__
    env: dict[str, Any] = {"_MISSING": dataclasses.MISSING}
    args = []
    # Without slots the fields live in the instance's __dict__, written directly.
    body = [] if slots else ["    _fields = self.__dict__"]
    for f in dataclasses.fields(cls):  # type: ignore[arg-type]
        if not f.init or f.kw_only:
            raise TypeError(f"quick_init: {cls.__name__}.{f.name} is not a plain field")
        if slots:
            env[f"_set_{f.name}"] = cls.__dict__[f.name].__set__
        if f.default is not dataclasses.MISSING:
            env[f"_default_{f.name}"] = f.default
            args.append(f"{f.name}=_default_{f.name}")
        elif f.default_factory is not dataclasses.MISSING:
            env[f"_factory_{f.name}"] = f.default_factory
            args.append(f"{f.name}=_MISSING")
            body.append(f"    if {f.name} is _MISSING:\n        {f.name} = _factory_{f.name}()")
        else:
            args.append(f.name)
        body.append(f"    _set_{f.name}(self, {f.name})" if slots else f"    _fields['{f.name}'] = {f.name}")
    source = f"def __init__(self, {', '.join(args)}):\n" + "\n".join(body or ["    pass"]) + "\n"
    exec(source, env)
    init = env["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__module__ = cls.__module__
    init.__doc__ = cls.__init__.__doc__
    init.__annotations__ = dict(cls.__init__.__annotations__)
    type.__setattr__(cls, "__init__", init)
    return cls
