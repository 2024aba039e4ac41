"""``once``: a property computed on first use and then kept, like ``functools.cached_property``.

Python 3.11's ``cached_property`` takes a lock on every first use (Python 3.12 dropped it:
it serialised unrelated instances). An evaluation computes four of its views on first use
for every answer, so that lock costs more than some of the views. ``once`` stores the
value in the instance's ``__dict__`` the same way, without the lock: two threads that
first read the same view at the same moment both compute it, and since every view of
the engine is a pure function of an immutable evaluation they get equal values.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar, overload

T = TypeVar("T")


class once(Generic[T]):
    """Decorate a method of a class with an instance ``__dict__`` (see the module docstring)."""

    def __init__(self, func: Callable[[Any], T]) -> None:
        self.func = func
        # __set_name__ gives the name in a class body; a mypyc-compiled method has no __name__
        self.name = getattr(func, "__name__", "")
        self.__doc__ = func.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, instance: None, owner: type | None = None) -> once[T]: ...
    @overload
    def __get__(self, instance: object, owner: type | None = None) -> T: ...

    def __get__(self, instance: object | None, owner: type | None = None) -> T | once[T]:
        if instance is None:
            return self
        value = self.func(instance)
        # A non-data descriptor: from now on the instance's own attribute is read directly.
        instance.__dict__[self.name] = value
        return value
