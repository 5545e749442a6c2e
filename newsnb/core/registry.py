"""One registry shape for every place where variants plug in: input formats (loaders), notebook
executors and render backends.

Like Papermill's engine registry: ``register(name, obj)`` (or ``@register(name)``), ``get(name)``
with a one-line :class:`~newsnb.core.errors.UnknownNameError` that lists the known names, and
plug-ins from other packages through an entry-point group (``newsnb.loaders``,
``newsnb.executors``, ``newsnb.backends``), loaded the first time a registry is asked for its
names. The command line takes its choices from :meth:`Registry.names`.
"""
from __future__ import annotations

from typing import Any, Callable, Generic, Iterator, TypeVar

from .errors import UnknownNameError

__all__ = ["Registry"]

T = TypeVar("T")


class Registry(Generic[T]):
    """Named variants of one kind (``kind`` names it in errors); ``group``: entry-point group."""

    def __init__(self, kind: str, group: str | None = None):
        self.kind = kind
        self.group = group
        self._items: dict[str, T] = {}
        self._entry_points_loaded = group is None

    def register(self, name: str, obj: T | None = None) -> Any:
        """Register ``obj`` under ``name``; without ``obj``, a decorator that registers what it decorates."""
        if obj is not None:
            self._items[name] = obj
            return obj

        def deco(thing: T) -> T:
            self._items[name] = thing
            return thing

        return deco

    def load_entry_points(self) -> None:
        """Register the variants other installed packages declare in the entry-point group."""
        if self._entry_points_loaded:
            return
        self._entry_points_loaded = True
        from importlib.metadata import entry_points

        for ep in entry_points(group=self.group):
            if ep.name not in self._items:
                self._items[ep.name] = ep.load()

    def get(self, name: str) -> T:
        """The variant registered as ``name``; a one-line error naming the choices otherwise."""
        if name not in self._items:
            self.load_entry_points()
        try:
            return self._items[name]
        except KeyError:
            raise UnknownNameError(f"unknown {self.kind} {name!r}; choose from {', '.join(self.names())}") from None

    def names(self) -> list[str]:
        """Every registered name, sorted (entry points included)."""
        self.load_entry_points()
        return sorted(self._items)

    def items(self) -> Iterator[tuple[str, T]]:
        """``(name, variant)`` in registration order (built-ins first)."""
        self.load_entry_points()
        return iter(list(self._items.items()))

    def __contains__(self, name: object) -> bool:
        return name in self._items or (isinstance(name, str) and name in self.names())

    def __repr__(self) -> str:
        return f"Registry({self.kind!r}, {sorted(self._items)})"


def factory_of(registry: "Registry[Callable[..., T]]", name: str, **options: Any) -> T:
    """``registry.get(name)(**options)``: a new instance of a registered class."""
    return registry.get(name)(**options)
